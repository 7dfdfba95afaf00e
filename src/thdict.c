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
 *
 * trie_new_from_file is wrapped too: the same fopen, trie_fread and
 * fclose, with a buffer that holds the whole file, so that it is read in
 * one call instead of 144 reads of 4 KiB (each a system call, about 2 us
 * on the benchmark machine).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <datrie/trie.h>

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
Trie	*__wrap_trie_new_from_file(const char *);

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

Trie *
__wrap_trie_new_from_file(const char *path)
{
	FILE *f = fopen(path, "r");
	struct stat st;
	char *buf = NULL;
	Trie *t;

	if (f == NULL)
		return NULL;
	/* the buffer is given before any other use of the stream */
	if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_size > 0 && st.st_size < (64 << 20) &&
	    (buf = malloc((size_t)st.st_size + 1)) != NULL &&
	    setvbuf(f, buf, _IOFBF, (size_t)st.st_size + 1) != 0) {
		free(buf);
		buf = NULL;
	}
	t = trie_fread(f);
	fclose(f);
	free(buf);
	return t;
}
