/*
 * style.c - fuzz target "style": the style reader.  The input is a style
 * file: written to style.xml in the target's folder (a style is read
 * from a file only, by name or path) and loaded by style_load, as
 * --style does, with the messages kept in memory.
 *
 * Besides what the sanitizers catch, what briefing-style(5) promises of
 * a style that loads: no error counted; no length negative or over
 * 200in; a size for every role; a text area at least 1in wide and high,
 * with 1in beside the date column.  A style that does not load said why.
 * Nothing is printed but to the diagnostics.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "input/input.h"
#include "fuzz.h"

#define IN	72000			/* [u] */
#define LEN_OK(x)	((x) >= 0 && (x) <= 200 * IN)

static char *path;			/* (owned) style.xml */

static void
check(const struct style *s, const struct fuzz_mem *said)
{
	int64_t w, h;
	int r;

	if (!LEN_OK(s->page_w) || !LEN_OK(s->page_h) ||
	    !LEN_OK(s->margin_top) || !LEN_OK(s->margin_bottom) ||
	    !LEN_OK(s->margin_inner) || !LEN_OK(s->margin_outer) ||
	    !LEN_OK(s->gutter) || !LEN_OK(s->indent) ||
	    !LEN_OK(s->para_space) || !LEN_OK(s->event_space) ||
	    !LEN_OK(s->date_width))
		fuzz_fail("a length of the style out of 0 to 200in", said);
	for (r = 0; r < ROLE__MAX; r++)
		if (s->font[r].size <= 0 || !LEN_OK(s->font[r].size) ||
		    !LEN_OK(s->font[r].leading) ||
		    s->font[r].families == NULL)
			fuzz_fail("a font role without size, leading or "
			    "families", said);
	w = (int64_t)s->page_w - s->margin_inner - s->margin_outer - s->gutter;
	h = (int64_t)s->page_h - s->margin_top - s->margin_bottom;
	if (w < IN || h < IN || w - s->date_width < IN)
		fuzz_fail("the style leaves less than 1in of text area", said);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_watch_libxml2();
	path = fuzz_path("style.xml");
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_mem said;
	struct diag d;
	struct arena *a;
	const struct style *s;

	fuzz_write(path, data, size);
	fuzz_mem_open(&said);
	memset(&d, 0, sizeof(d));
	d.out = said.f;
	if ((a = arena_new()) == NULL)
		abort();
	s = style_load(a, &d, path);
	fuzz_mem_close(&said);
	if (s == NULL && said.len == 0)
		fuzz_fail("the style was refused and nothing said", &said);
	if (s != NULL && d.errors != 0)
		fuzz_fail("the style loaded with errors", &said);
	if (s != NULL)
		check(s, &said);
	arena_free(a);
	fuzz_mem_free(&said);
	return 0;
}
