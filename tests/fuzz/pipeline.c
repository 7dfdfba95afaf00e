/*
 * pipeline.c - fuzz target "pipeline": the whole pipeline, from a
 * document in memory to the laid-out pages and the PDF.  The input is a
 * timeline, or a style file, a NUL byte and a timeline: the style is then
 * written to style.xml in the target's folder and used (a style is read
 * from a file only), else the default style is.  The document is read as
 * in the reader target, then laid out with the pages dumped into memory
 * (tl_doc_dump_layout) and rendered to /dev/null (tl_doc_render writes a
 * device in place: no file is made).
 *
 * Fonts are the system's, through fontconfig, with HOME and the XDG
 * folders in the target's folder and the font cache there too: nothing
 * of the user's is read or written.  The date is fixed.
 *
 * Styles of outsize type are skipped (extreme() below): the layout is
 * not yet safe with them.
 *
 * Besides what the sanitizers catch: a call that fails says why, a
 * document that lays out also renders, and nothing is printed but to the
 * diagnostics.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "briefing.h"
#include "base/base.h"
#include "input/input.h"
#include "fuzz.h"

extern char **environ;

static char *style_path;		/* (owned) style.xml */
static char *cache_dir;			/* (owned) cache/briefing */

/*
 * Whether the style file at path sets a role's size or leading over a
 * quarter of the text area's height, or a size over a quarter of the
 * text column's width.  With such type the layout can run on for
 * minutes and gigabytes (lines that fit no page: a body leading of
 * 400pt on A4, 25pt on a page of 1in of text); not what this target
 * looks for.  A style that does not load is not (its errors are).
 */
static int
extreme(const char *path)
{
	struct fuzz_mem said;
	struct diag d;
	struct arena *a;
	const struct style *s;
	int64_t h, w;
	int r, ex = 0;

	fuzz_mem_open(&said);
	memset(&d, 0, sizeof(d));
	d.out = said.f;
	if ((a = arena_new()) == NULL)
		abort();
	if ((s = style_load(a, &d, path)) != NULL) {
		h = (int64_t)s->page_h - s->margin_top - s->margin_bottom;
		w = (int64_t)s->page_w - s->margin_inner - s->margin_outer -
		    s->gutter - s->date_width;
		for (r = 0; r < ROLE__MAX; r++)
			if ((int64_t)s->font[r].size * 4 > h ||
			    (int64_t)s->font[r].leading * 4 > h ||
			    (int64_t)s->font[r].size * 4 > w)
				ex = 1;
	}
	arena_free(a);
	fuzz_mem_free(&said);
	return ex;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_home();
	fuzz_watch_libxml2();
	style_path = fuzz_path("style.xml");
	cache_dir = fuzz_path("cache/briefing");
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, '\0', size);
	struct fuzz_mem said, pages;
	struct tl_opts o;
	struct tl_doc *d;
	enum tl_status st;

	memset(&o, 0, sizeof(o));
	if (nul != NULL) {
		fuzz_write(style_path, data, (size_t)(nul - data));
		if (extreme(style_path))
			return 0;
		o.style = style_path;
		size -= (size_t)(nul - data) + 1;
		data = nul + 1;
	}
	fuzz_mem_open(&said);
	fuzz_mem_open(&pages);
	o.diag = said.f;
	o.cache_dir = cache_dir;
	o.env = (const char *const *)environ;
	o.date_set = 1;
	o.date = 1718755200;		/* 2024-06-19 */
	if ((d = tl_doc_new(&o)) == NULL)
		abort();
	st = tl_doc_read_mem(d, fuzz_doc_name(), (const char *)data, size);
	if (st == TL_OK && (st = tl_doc_dump_layout(d, pages.f)) == TL_OK)
		st = tl_doc_render(d, "/dev/null");
	fflush(said.f);
	if (st != TL_OK && said.len == 0)
		fuzz_fail("a call failed and said nothing", &said);
	if (st != TL_OK && tl_doc_errors(d) == 0 && pages.len > 0)
		fuzz_fail("a document that laid out did not render", &said);
	tl_doc_free(d);
	fuzz_mem_free(&said);
	fuzz_mem_free(&pages);
	return 0;
}
