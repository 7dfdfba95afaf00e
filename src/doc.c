/*
 * doc.c - the public calls of briefing.h: a document's life from file to
 * PDF, running the stages in order (see run).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <time.h>

#include "briefing.h"
#include "base/base.h"
#include "input/input.h"
#include "text/text.h"
#include "layout/layout.h"
#include "pdf/pdf.h"

struct tl_doc {
	struct arena	*arena;		/* (owned) everything of the model */
	struct diag	 diag;
	struct tl_opts	 opts;
	struct tl_model	 model;
	int		 read;		/* 1 once a read succeeded */
};

struct tl_doc *
tl_doc_new(const struct tl_opts *o)
{
	struct tl_doc *d = xcalloc(1, sizeof(*d));

	if (o != NULL)
		d->opts = *o;
	d->arena = arena_new();
	d->diag.out = d->opts.diag != NULL ? d->opts.diag : stderr;
	d->diag.strict = d->opts.strict;
	d->diag.timing = d->opts.timing;
	diag_timing(&d->diag, NULL);
	return d;
}

void
tl_doc_free(struct tl_doc *d)
{
	if (d == NULL)
		return;
	arena_free(d->arena);
	free(d);
}

static enum tl_status
status(const struct tl_doc *d)
{
	if (d->diag.fatal)
		return TL_ESYSTEM;
	return d->diag.errors ? TL_EINPUT : TL_OK;
}

enum tl_status
tl_doc_read_mem(struct tl_doc *d, const char *name, const char *buf,
    size_t len)
{
	if (reader_read(&d->model, d->arena, &d->diag, name, buf, len) == 0) {
		model_sort(&d->model);
		d->read = 1;
	}
	diag_timing(&d->diag, "read");
	return status(d);
}

enum tl_status
tl_doc_read(struct tl_doc *d, const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	size_t len;
	enum tl_status st;

	if (f == NULL) {
		diag_emit(&d->diag, DIAG_IO, path, 0, 0, "%s", strerror(errno));
		return TL_ESYSTEM;
	}
	buf = xslurp(f, &len);
	fclose(f);
	if (buf == NULL) {
		diag_emit(&d->diag, DIAG_IO, path, 0, 0, "%s", strerror(errno));
		return TL_ESYSTEM;
	}
	st = tl_doc_read_mem(d, path, buf, len);
	free(buf);
	return st;
}

enum tl_status
tl_doc_dump(struct tl_doc *d, FILE *fp)
{
	struct when_fmt f = { WHEN_TH, WHEN_CE, WHEN_ARABIC, 0 };

	if (!d->read)
		return TL_EINPUT;
	if (d->model.lang != NULL && strncmp(d->model.lang, "en", 2) == 0)
		f.lang = WHEN_EN;
	model_dump(&d->model, &f, fp);
	return fflush(fp) == 0 ? TL_OK : TL_ESYSTEM;
}

/*
 * A render whose errors would leave nothing to write: the input's (the
 * document's or the style's) when it reported only those, the system's
 * when it reported a fatal one or failed without saying why.
 */
static enum tl_status
render_status(const struct tl_doc *d, int ok)
{
	if (ok && d->diag.errors == 0)
		return TL_OK;
	return d->diag.fatal || d->diag.errors == 0 ? TL_ESYSTEM : TL_EINPUT;
}

static int
write_pdf(void *pdf, FILE *f, const char *name)
{
	return pdf_write(pdf, f, name);
}

/*
 * The pipeline, in order: the model read, the style, the text environment
 * (fonts, breaker, shaper), layout, then either the layout as text (dump)
 * or drawing and the atomic write to path.
 */
static enum tl_status
run(struct tl_doc *d, const char *path, FILE *dump)
{
	struct diag *dg = &d->diag;
	struct textenv_opts to = { { d->opts.fonts_dir, d->opts.cache_dir,
	    d->opts.env }, d->opts.words };
	struct layout_opts lo = { d->opts.toc, d->opts.date_set ?
	    (time_t)d->opts.date : time(NULL) };
	const struct style *st;
	struct textenv *env = NULL;
	struct doclayout *dl = NULL;
	struct pdf *pdf = NULL;
	int ok = 0;

	if (!d->read)
		return TL_EINPUT;
	if ((st = style_load(d->arena, dg, d->opts.style)) == NULL)
		goto out;
	diag_timing(dg, "style");
	if ((env = textenv_new(dg, &to)) == NULL)
		goto out;
	diag_timing(dg, "fonts and breaker set-up");
	if ((dl = layout_run(&d->model, st, env, dg, &lo)) == NULL)
		goto out;
	diag_timing(dg, "layout");
	if (dump != NULL) {
		layout_dump(dl, dump);
		ok = 1;
		goto out;
	}
	if ((pdf = pdf_draw(dl, dg)) == NULL)
		goto out;
	diag_timing(dg, "draw");
	ok = file_replace(path, write_pdf, pdf, dg) == 0;
	diag_timing(dg, "save");
out:
	pdf_free(pdf);
	layout_free(dl);
	textenv_free(env);
	return render_status(d, ok);
}

enum tl_status
tl_doc_render(struct tl_doc *d, const char *path)
{
	return run(d, path, NULL);
}

enum tl_status
tl_doc_dump_layout(struct tl_doc *d, FILE *fp)
{
	return run(d, NULL, fp);
}

int
tl_doc_errors(const struct tl_doc *d)
{
	return d->diag.errors;
}

int
tl_doc_warnings(const struct tl_doc *d)
{
	return d->diag.warnings;
}
