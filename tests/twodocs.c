/*
 * twodocs.c - two documents made at once on two threads give the bytes
 * each gives alone: the library keeps no state between documents that
 * two threads could share unguarded.  `make tsan` runs it under
 * ThreadSanitizer.
 *
 * Usage: twodocs A.xml B.xml DIR.  Prints "twodocs: N passed, M failed".
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "briefing.h"
#include "base/base.h"

struct job {
	const char	*in;
	char		 out[4096];
	const char	*style;
	enum tl_status	 st;
};

static void *
make(void *arg)
{
	struct job *j = arg;
	struct tl_opts o;
	struct tl_doc *d;

	memset(&o, 0, sizeof(o));
	o.style = j->style;
	o.toc = 1;
	o.date_set = 1;
	o.fonts_dir = "fonts";
	if ((d = tl_doc_new(&o)) == NULL) {
		j->st = TL_ESYSTEM;
		return NULL;
	}
	j->st = tl_doc_read(d, j->in);
	if (j->st == TL_OK)
		j->st = tl_doc_render(d, j->out);
	tl_doc_free(d);
	return NULL;
}

static int
same(const char *a, const char *b)
{
	size_t la, lb;
	char *x = file_slurp(a, &la), *y = file_slurp(b, &lb);
	int ok = x != NULL && y != NULL && la == lb && la > 0 &&
	    memcmp(x, y, la) == 0;

	free(x);
	free(y);
	return ok;
}

int
main(int argc, char *argv[])
{
	struct job j[4];
	pthread_t th[2];
	int pass = 0, fail = 0, k, round;

	if (argc != 4) {
		fputs("usage: twodocs A.xml B.xml DIR\n", stderr);
		return 2;
	}
	/* each alone, then both at once (twice: the second time with the
	   schemas compiled by the first) */
	for (k = 0; k < 4; k++) {
		j[k].in = argv[1 + k % 2];
		j[k].style = k % 2 ? "official" : "briefing";
		snprintf(j[k].out, sizeof(j[k].out), "%s/%s-%d.pdf", argv[3],
		    k < 2 ? "alone" : "together", k % 2);
	}
	make(&j[0]);
	make(&j[1]);
	for (round = 0; round < 2; round++) {
		for (k = 0; k < 2; k++)
			if (pthread_create(&th[k], NULL, make, &j[2 + k]) != 0)
				return 3;
		for (k = 0; k < 2; k++)
			pthread_join(th[k], NULL);
		for (k = 0; k < 2; k++) {
			int ok = j[k].st == TL_OK && j[2 + k].st == TL_OK &&
			    same(j[k].out, j[2 + k].out);

			if (ok)
				pass++;
			else {
				fail++;
				printf("FAIL %s: status %d and %d, or other "
				    "bytes on two threads\n", j[k].in,
				    j[k].st, j[2 + k].st);
			}
		}
	}
	printf("twodocs: %d passed, %d failed\n", pass, fail);
	return fail > 0;
}
