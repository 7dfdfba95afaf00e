/*
 * thdict.c - libthai's dictionary, read faster.
 *
 * libthai loads its dictionary (thbrk.tri, 588 KB) with libdatrie's
 * trie_fread, which reads it one number at a time through fileutils.c:
 * file_read_int32 and file_read_int16 each call fread for 4 or 2 bytes,
 * about 150,000 calls, each taking and dropping the FILE's lock once
 * another thread exists (the dictionary is loaded on a worker), with
 * glibc's checks around it.  That is half of the load: 7.6 ms in a loop
 * of th_brk_new calls, 3.5 ms of it in fread.
 *
 * The static program links libdatrie's archive with --wrap for these
 * three readers (see the Makefile), so its calls come here: the same
 * big-endian numbers and bytes, read with getc_unlocked from the FILE's
 * buffer (nobody else sees that FILE).  A shared build never calls them.
 * The layout tests, which run the static program, break Thai with the
 * dictionary read this way.
 */
#include <stdint.h>
#include <stdio.h>

#include <datrie/typedefs.h>

/* n bytes, big-endian, into *v; 0 at the end of the file. */
static int
read_be(FILE *f, int n, uint32_t *v)
{
	uint32_t x = 0;
	int c;

	while (n-- > 0) {
		if ((c = getc_unlocked(f)) == EOF)
			return 0;
		x = x << 8 | (uint32_t)c;
	}
	*v = x;
	return 1;
}

Bool	__wrap_file_read_int32(FILE *, int32 *);
Bool	__wrap_file_read_int16(FILE *, int16 *);
Bool	__wrap_file_read_chars(FILE *, char *, int);

Bool
__wrap_file_read_int32(FILE *f, int32 *out)
{
	uint32_t v;

	if (!read_be(f, 4, &v))
		return FALSE;
	*out = (int32)v;
	return TRUE;
}

Bool
__wrap_file_read_int16(FILE *f, int16 *out)
{
	uint32_t v;

	if (!read_be(f, 2, &v))
		return FALSE;
	*out = (int16)v;
	return TRUE;
}

Bool
__wrap_file_read_chars(FILE *f, char *buf, int len)
{
	int i, c;

	for (i = 0; i < len; i++) {
		if ((c = getc_unlocked(f)) == EOF)
			return FALSE;
		buf[i] = (char)c;
	}
	return TRUE;
}
