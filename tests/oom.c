/*
 * oom.c - out of memory at any point of a document's life is an error
 * the library returns, never an exit: reading and rendering the default
 * document with the nth of the library's allocations failing, for n from
 * 1 through the last one (every allocation for the first 100, then in
 * 150 steps), each call must return TL_ESYSTEM and say "out of memory" once,
 * or succeed when the failure falls after its end; the output is never
 * replaced by a failed render and no temporary file is left.
 *
 * A call cut short by out of memory does not free what it had made (see
 * base.h), so the sanitizer build runs this program without leak checks.
 *
 * Usage: oom DOCUMENT.xml DIR.  Prints "oom: N passed, M failed".
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "briefing.h"
#include "base/base.h"

static int pass, fail;

static void
check(int ok, const char *what, long n, const char *said)
{
	if (ok) {
		pass++;
		return;
	}
	fail++;
	printf("FAIL %s (allocation %ld): %s\n", what, n, said);
}

/* Files in dir other than keep. */
static int
strays(const char *dir, const char *keep)
{
	struct dirent *e;
	DIR *d = opendir(dir);
	int n = 0;

	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.' && strcmp(e->d_name, keep) != 0)
			n++;
	closedir(d);
	return n;
}

/*
 * One life with the nth allocation failing: read (from memory), then
 * render to out.  Returns 1 when the failure was met, 0 when the life
 * ended before it.
 */
static int
life(const char *buf, size_t len, const char *dir, const char *out, long n)
{
	struct tl_opts o;
	struct tl_doc *d;
	enum tl_status st;
	char *said = NULL;
	size_t saidlen = 0;
	unsigned long count;
	FILE *mem = open_memstream(&said, &saidlen);
	const char *oom;
	int met;

	memset(&o, 0, sizeof(o));
	o.diag = mem;
	o.date_set = 1;
	if ((d = tl_doc_new(&o)) == NULL)
		abort();
	mem_fail_after(n, NULL);
	st = tl_doc_read_mem(d, "doc.xml", buf, len);
	if (st == TL_OK)
		st = tl_doc_render(d, out);
	mem_fail_after(0, &count);
	tl_doc_free(d);
	fclose(mem);
	met = n > 0 && (long)count >= n;
	oom = strstr(said, "briefing: error: out of memory\n");
	if (met) {
		check(st == TL_ESYSTEM, "status 3", n, said);
		check(oom != NULL && strstr(oom + 30, "out of memory") == NULL,
		    "\"out of memory\" said once", n, said);
	} else
		check(st == TL_OK && saidlen == 0, "a whole run", n, said);
	check(strays(dir, "out.pdf") == 0, "nothing left beside the output",
	    n, said);
	free(said);
	return met;
}

int
main(int argc, char *argv[])
{
	char out[4096], *buf, *first = NULL, *now;
	size_t len, flen = 0, nlen;
	unsigned long total;
	long n, step, lives = 0;

	if (argc != 3 || (buf = file_slurp(argv[1], &len)) == NULL) {
		fputs("usage: oom DOCUMENT.xml DIR\n", stderr);
		return 2;
	}
	snprintf(out, sizeof(out), "%s/out.pdf", argv[2]);
	/* a whole life first: the output every failed one must leave alone */
	life(buf, len, argv[2], out, 0);
	mem_fail_after(0, NULL);
	life(buf, len, argv[2], out, 0);
	first = file_slurp(out, &flen);
	/* how many allocations a life makes */
	{
		struct tl_opts o;
		struct tl_doc *d;

		memset(&o, 0, sizeof(o));
		o.date_set = 1;
		d = tl_doc_new(&o);
		mem_fail_after(0, NULL);
		tl_doc_read_mem(d, "doc.xml", buf, len);
		tl_doc_render(d, out);
		mem_fail_after(0, &total);
		tl_doc_free(d);
	}
	step = total > 100 ? (long)(total - 100) / 150 + 1 : 1;
	for (n = 1; life(buf, len, argv[2], out, n); n += n < 100 ? 1 : step)
		lives++;
	now = file_slurp(out, &nlen);
	check(first != NULL && now != NULL && flen == nlen &&
	    memcmp(first, now, flen) == 0, "the output as the whole life "
	    "wrote it", n, "");
	check(n > 100 && (unsigned long)n > total, "the failure went past the "
	    "last allocation", n, "");
	printf("oom: %lu allocations a life, %ld of them failed in turn\n",
	    total, lives);
	printf("oom: %d passed, %d failed\n", pass, fail);
	free(buf);
	free(first);
	free(now);
	return fail > 0;
}
