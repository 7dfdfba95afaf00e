/*
 * doc.c - the public calls of tl.h: a document's life from file to PDF.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "tl.h"
#include "arena.h"
#include "diag.h"
#include "layout.h"
#include "model.h"

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

	diag_timing("start");
	if (o != NULL)
		d->opts = *o;
	d->arena = arena_new();
	d->diag.out = d->opts.diag != NULL ? d->opts.diag : stderr;
	d->diag.strict = d->opts.strict;
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
render_status(const struct tl_doc *d, int rc)
{
	if (rc == 0 && d->diag.errors == 0)
		return TL_OK;
	return d->diag.fatal || d->diag.errors == 0 ? TL_ESYSTEM : TL_EINPUT;
}

/*
 * Write to a temporary file in the output's folder and rename it into
 * place only on success: a failed run leaves no partial file and never
 * replaces a good one.  A symbolic link is followed: the file it names is
 * replaced and the link stays.  An output that is not a regular file (a
 * device such as /dev/null, a pipe) is written in place, since renaming
 * over it would replace the device itself; "-" is standard output.
 * Either way nothing is written before the whole document is made.
 */
enum tl_status
tl_doc_render(struct tl_doc *d, const char *path)
{
	struct layout_opts lo = { d->opts.style, d->opts.toc, NULL,
	    d->opts.words };
	struct stat sb;
	char *tmp, *real = NULL;
	int fd, rc;

	if (!d->read)
		return TL_EINPUT;
	if (strcmp(path, "-") == 0 ||
	    (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode)))
		return render_status(d,
		    layout_render(&d->model, &d->diag, &lo, path));
	if (lstat(path, &sb) == 0 && S_ISLNK(sb.st_mode) &&
	    (real = realpath(path, NULL)) != NULL)
		path = real;
	tmp = xmalloc(strlen(path) + 16);
	sprintf(tmp, "%s.tmpXXXXXX", path);
	if ((fd = mkstemp(tmp)) == -1) {
		diag_emit(&d->diag, DIAG_IO, path, 0, 0, "cannot create a "
		    "temporary file beside it: %s", strerror(errno));
		free(tmp);
		free(real);
		return TL_ESYSTEM;
	}
	{
		mode_t um = umask(0);		/* a new file's usual mode */

		umask(um);
		fchmod(fd, 0666 & ~um);
	}
	close(fd);
	rc = layout_render(&d->model, &d->diag, &lo, tmp);
	if (render_status(d, rc) != TL_OK) {
		unlink(tmp);
		free(tmp);
		free(real);
		return render_status(d, rc);
	}
	if (rename(tmp, path) != 0) {
		diag_emit(&d->diag, DIAG_IO, path, 0, 0, "%s", strerror(errno));
		unlink(tmp);
		free(tmp);
		free(real);
		return TL_ESYSTEM;
	}
	free(tmp);
	free(real);
	return TL_OK;
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

enum tl_status
tl_doc_dump_layout(struct tl_doc *d, FILE *fp)
{
	struct layout_opts lo = { d->opts.style, d->opts.toc, fp,
	    d->opts.words };

	if (!d->read)
		return TL_EINPUT;
	if (layout_render(&d->model, &d->diag, &lo, NULL) != 0)
		return render_status(d, -1);
	return status(d);
}
