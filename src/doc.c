/*
 * doc.c - the public calls of briefing.h: a document's life from file to
 * PDF.  run() is the pipeline, in the order of src/'s stages.  Every call
 * runs inside an oom_scope (base.h): out of memory anywhere below is
 * reported and returned as a system error, never an exit.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "briefing.h"
#include "base/base.h"
#include "input/input.h"
#include "text/text.h"
#include "layout/layout.h"
#include "pdf/pdf.h"

/* Fonts, breaker and shaper that documents made in turn share. */
struct tl_env {
	struct diag	 diag;		/* where messages go between runs */
	struct textenv	*te;		/* (owned) */
	struct arena	*a;		/* (owned) the style */
	const struct style *st;		/* (a) loaded for the first document */
	struct tl_opts	 opts;
};

struct tl_doc {
	struct tl_env	*env;		/* (borrowed) or NULL: te */
	struct textenv	*te;		/* (owned) the document's own text
					   environment, made by its first run
					   and kept for the next */
	struct arena	*arena;		/* (owned) the model, the style */
	struct diag	 diag;
	struct tl_opts	 opts;
	struct tl_model	 model;		/* made from the inputs */
	struct tl_model	*inputs;	/* (arena) each read's, in order */
	size_t		 ninputs;
	size_t		 bytes;		/* read for the document so far */
	int		 bad;		/* a read failed */
	int		 made;		/* 1: model is made from the inputs */
	int		 spent;		/* 1: rendered with opts.once */
	int		 read;		/* 1 once the reads succeeded */
	int		 pages;		/* of the last render or check */
	/* the font files the last render or check loaded, for a depfile */
	char		**fonts;	/* (arena) */
	size_t		 nfonts, capfonts;
};

/* What a call does, for guarded(). */
enum call { CALL_READ, CALL_READ_FILE, CALL_DUMP, CALL_LAYOUT, CALL_CHECK,
    CALL_DEPFILE, CALL_COPIES, CALL_RENDER };

static enum tl_status
status(const struct tl_doc *d)
{
	if (d->diag.fatal)
		return TL_ESYSTEM;
	return d->diag.errors ? TL_EINPUT : TL_OK;
}

static int
write_pdf(void *pdf, FILE *f, const char *name)
{
	return pdf_write(pdf, f, name);
}

/* Whether file is the one st describes (following links). */
static int
same_file(const char *file, const struct stat *st)
{
	struct stat sb;

	return file != NULL && stat(file, &sb) == 0 && sb.st_dev == st->st_dev &&
	    sb.st_ino == st->st_ino;
}

/*
 * Before any work: the output must not be a file the document is made
 * from (the input, a file it includes, the style file, the word list),
 * through whatever links: a usage error; nor a folder, and its folder
 * must exist: system errors, as they would be when it is written.
 */
static enum tl_status
output_check(struct tl_doc *d, const char *path)
{
	const char *style = d->opts.style, *slash, *what = NULL;
	const struct src *s;
	struct stat st;
	size_t n, k;

	if (strcmp(path, "-") == 0)
		return TL_OK;
	if (stat(path, &st) != 0) {
		char *dir;
		int ok;

		if (errno != ENOENT || (slash = strrchr(path, '/')) == NULL)
			return TL_OK;	/* said when written */
		n = (size_t)(slash - path) + (slash == path);
		dir = memcpy(xmalloc(n + 1), path, n);
		dir[n] = '\0';
		ok = stat(dir, &st) == 0;
		free(dir);
		if (!ok)
			diag_emit(&d->diag, DIAG_IO, path, 0, 0, "its folder "
			    "does not exist");
		return ok ? TL_OK : TL_ESYSTEM;
	}
	if (S_ISDIR(st.st_mode)) {
		diag_emit(&d->diag, DIAG_IO, path, 0, 0, "%s", strerror(EISDIR));
		return TL_ESYSTEM;
	}
	for (k = 0; k < d->ninputs; k++)
		for (s = d->inputs[k].srcs; s != NULL && what == NULL;
		    s = s->next)
			if (s->path != NULL && same_file(s->path, &st))
				what = s->input ? "the input" : "a file the "
				    "input includes";
	n = style != NULL ? strlen(style) : 0;
	if (what == NULL && n > 0 && (strchr(style, '/') != NULL ||
	    (n > 4 && strcmp(style + n - 4, ".xml") == 0)) &&
	    same_file(style, &st))
		what = "the style";
	if (what == NULL && same_file(d->opts.words, &st))
		what = "the word list";
	if (what == NULL)
		return TL_OK;
	diag_emit(&d->diag, DIAG_OUTPUT, path, 0, 0, "it is %s", what);
	return TL_EUSAGE;
}

static void
font_used(void *ctx, const char *file)
{
	struct tl_doc *d = ctx;

	if (d->nfonts == d->capfonts) {
		d->capfonts = d->capfonts ? d->capfonts * 2 : 16;
		d->fonts = arena_grow(d->arena, d->fonts, d->nfonts,
		    d->capfonts, sizeof(*d->fonts));
	}
	d->fonts[d->nfonts++] = arena_strdup(d->arena, file);
}

/* The standard the options ask for (tl_opts.pdf_standard). */
static struct pdf_std
pdf_standard(const struct tl_doc *d)
{
	struct pdf_std std = { 0, 0, NULL, d->opts.untagged };

	switch (d->opts.pdf_standard) {
	case TL_PDF_A1B:
		std.part = 1;
		break;
	case TL_PDF_A2B:
		std.part = 2;
		break;
	case TL_PDF_A2U:
		std.part = 2;
		std.unicode = 1;
		break;
	default:
		break;
	}
	std.icc = d->opts.icc_profile != NULL ? d->opts.icc_profile :
	    TL_ICC_PROFILE;
	return std;
}

/* The longest password AES-256 (revision 6) takes, in bytes. */
#define PASSWORD_MAX	127

int
tl_seal_check(const struct tl_opts *o, char *why, size_t n)
{
	const char *owner = o->owner_password, *user = o->user_password;

	if (owner == NULL && (user != NULL || o->no_print || o->no_copy))
		snprintf(why, n, "a user password, no-print and no-copy need "
		    "an owner password");
	else if (owner != NULL && o->pdf_standard != TL_PDF_NONE)
		snprintf(why, n, "PDF/A forbids encryption: an owner password "
		    "cannot go with a PDF/A standard");
	else if (owner != NULL && *owner == '\0')
		snprintf(why, n, "the owner password is empty");
	else if (user != NULL && *user == '\0')
		snprintf(why, n, "the user password is empty");
	else if ((owner != NULL && strlen(owner) > PASSWORD_MAX) ||
	    (user != NULL && strlen(user) > PASSWORD_MAX))
		snprintf(why, n, "a password is longer than %d bytes, the most "
		    "AES-256 uses", PASSWORD_MAX);
	else
		return 0;
	return -1;
}

/*
 * What the PDF goes through on its way out (tl_opts.owner_password,
 * linearize): 0, or -1 reported when the options do not go together.
 */
static int
pdf_seal(struct tl_doc *d, struct pdf_seal *s)
{
	char why[200];

	if (tl_seal_check(&d->opts, why, sizeof(why)) != 0) {
		diag_emit(&d->diag, DIAG_OPTION, NULL, 0, 0, "%s", why);
		return -1;
	}
	s->owner = d->opts.owner_password;
	s->user = d->opts.user_password;
	s->no_print = d->opts.no_print;
	s->no_copy = d->opts.no_copy;
	s->linearize = d->opts.linearize;
	s->reproducible = d->opts.reproducible;
	return 0;
}

/*
 * The document's style: loaded once for all the documents of an
 * environment (a batch shares its options), else for the document.
 */
static const struct style *
doc_style(struct tl_doc *d)
{
	struct tl_env *e = d->env;

	if (e == NULL)
		return style_load(d->arena, &d->diag, d->opts.style);
	if (e->st == NULL)
		e->st = style_load(e->a, &d->diag, d->opts.style);
	return e->st;
}

/* A page of a check: made, and let go. */
static void
drop_page(void *ctx, const struct doclayout *dl, size_t index, int furniture)
{
	(void)ctx;
	(void)dl;
	(void)index;
	(void)furniture;
}

/* What a run lays out with: the style, the text environment, options. */
struct runenv {
	const struct style *st;
	struct textenv	*env;		/* d->env's, or the run's own */
	struct layout_opts lo;
};

/* The style and the text environment of a run; 0, or -1 (reported). */
static int
run_begin(struct tl_doc *d, struct runenv *re)
{
	struct diag *dg = &d->diag;
	struct textenv_opts to = { { d->opts.fonts_dir, d->opts.cache_dir,
	    d->opts.env }, d->opts.words };

	re->env = NULL;
	re->lo.toc = d->opts.toc;
	re->lo.date = d->opts.date_set ? (time_t)d->opts.date : time(NULL);
	if ((re->st = doc_style(d)) == NULL)
		return -1;
	diag_timing(dg, "style");
	if (d->env != NULL)
		textenv_set_diag(re->env = d->env->te, dg);
	else if ((re->env = d->te) == NULL &&
	    (re->env = d->te = textenv_new(dg, &to)) == NULL)
		return -1;
	diag_timing(dg, "fonts and breaker set-up");
	return 0;
}

/*
 * After a run: its page count and font files kept, the font cache
 * written if the run added to it, the environment given back; the status
 * (nothing written: the input's fault when it reported only that).
 */
static enum tl_status
run_end(struct tl_doc *d, struct runenv *re, struct doclayout *dl, int ok)
{
	struct diag *dg = &d->diag;

	if (dl != NULL)
		d->pages = (int)dl->npages;
	if (re->env != NULL) {
		d->nfonts = 0;
		fontset_files(re->env->fs, font_used, d);
		fontset_save(re->env->fs);
	}
	layout_free(dl);
	if (d->env != NULL && re->env != NULL)
		textenv_set_diag(re->env, &d->env->diag);
	if (ok && dg->errors == 0)
		return TL_OK;
	return dg->fatal || dg->errors == 0 ? TL_ESYSTEM : TL_EINPUT;
}

/*
 * The pipeline: the model (read before), the style, the text environment
 * (fonts, breaker, shaper), then either the layout as text (dump), or the
 * layout with each page drawn as soon as it is final (so that memory
 * grows with the PDF, not with the layout) and the atomic write to path.
 */
static enum tl_status
run(struct tl_doc *d, const char *path, FILE *dump)
{
	struct diag *dg = &d->diag;
	struct runenv re;
	struct doclayout *dl = NULL;
	struct pdf *pdf = NULL;
	struct layout_sink sink = { pdf_sink_page, NULL };
	struct pdf_std std = pdf_standard(d);
	struct pdf_seal seal;
	enum tl_status o;
	int ok = 0;

	if (path != NULL && pdf_seal(d, &seal) != 0)
		return TL_EUSAGE;
	if (path != NULL && (o = output_check(d, path)) != TL_OK)
		return o;
	if (run_begin(d, &re) != 0)
		goto out;
	if (dump != NULL) {
		if ((dl = layout_run(&d->model, re.st, re.env, dg, &re.lo,
		    NULL)) != NULL) {
			layout_dump(dl, dump);
			ok = fflush(dump) == 0;
		}
		goto out;
	}
	if (path == NULL) {		/* a check: pages made and dropped */
		sink.page = drop_page;
		ok = (dl = layout_run(&d->model, re.st, re.env, dg, &re.lo,
		    &sink)) != NULL;
		diag_timing(dg, "layout");
		goto out;
	}
	/* each page is drawn as soon as the layout has made it final */
	sink.ctx = pdf = pdf_begin(dg, &std);
	pdf_set_seal(pdf, &seal);
	if ((re.lo.once = d->opts.once) != 0)
		d->spent = 1;
	if ((dl = layout_run(&d->model, re.st, re.env, dg, &re.lo, &sink)) ==
	    NULL || pdf_end(pdf, dl) != 0)
		goto out;
	diag_timing(dg, "layout and draw");
	ok = file_replace(path, write_pdf, pdf, dg) == 0;
	diag_timing(dg, "save");
out:
	pdf_free(pdf);
	return run_end(d, &re, dl, ok);
}

/*
 * Read one input: the document's first, or one more to merge with it (a
 * timeline or a feed, not a packet).  The events of the reads become the
 * document's model when it is first needed (make_model).
 */
static enum tl_status
read_doc(struct tl_doc *d, const char *name, const char *buf, size_t len)
{
	struct tl_model *m;

	if (d->ninputs > 0 && d->inputs[0].packet) {
		diag_emit(&d->diag, DIAG_MERGE, name, 0, 0, "the first input "
		    "is a packet, which is not merged with others");
		d->bad = 1;
		d->read = 0;
		return status(d);
	}
	d->inputs = arena_grow(d->arena, d->inputs, d->ninputs, d->ninputs +
	    1, sizeof(*d->inputs));
	m = &d->inputs[d->ninputs];
	memset(m, 0, sizeof(*m));
	m->tz = d->opts.tz;
	if (d->ninputs > 0)	/* one zone for all: the first's */
		m->zone = d->inputs[0].zone;
	if (reader_read(m, d->arena, &d->diag, name, buf, len, d->ninputs > 0 ?
	    " (a packet is not merged with other inputs)" : NULL,
	    &d->bytes) != 0)
		d->bad = 1;
	d->ninputs++;
	d->read = !d->bad;
	d->made = 0;
	diag_timing(&d->diag, "read");
	return status(d);
}

/*
 * A bound of tl_opts since (until: 0) or until (1): a date, whose first
 * (last) day is *key, as YYYYMMDD; or Nd, Nw: *back days before the
 * document's day, *key 0.  0, or -1 with why.
 */
static int
bound_parse(const char *s, int until, long long *key, long *back, char *why,
    size_t n)
{
	struct when w;
	char *end;
	long v;

	*key = 0;
	*back = 0;
	if (s[0] >= '0' && s[0] <= '9' && (v = strtol(s, &end, 10)) >= 0 &&
	    (*end == 'd' || *end == 'w') && end[1] == '\0' && end - s <= 5) {
		*back = *end == 'w' ? v * 7 : v;
		return 0;
	}
	if (when_parse(s, &w, NULL, 0, NULL) == 0 && !w.interval &&
	    w.a.qual == 0 && !w.a.time && w.a.prec >= WHEN_YEAR) {
		*key = until ? w.key_end : w.key_start;
		return 0;
	}
	snprintf(why, n, "\"%.40s\": expected a date (2026-12-01, 2026-12 or "
	    "2026) or a number of days or weeks before the document's date "
	    "(7d, 2w)", s);
	return -1;
}

int
tl_bound_check(const char *s, char *why, size_t n)
{
	long long key;
	long back;

	return bound_parse(s, 0, &key, &back, why, n);
}

int
tl_tz_check(const char *name, char *why, size_t n)
{
	struct oom_scope s;
	struct arena *a;
	int rc;

	if ((a = calloc(1, arena_size())) == NULL) {
		snprintf(why, n, "out of memory");
		return -1;
	}
	oom_enter(&s);
	if (setjmp(s.jb) != 0) {
		arena_free(a);
		snprintf(why, n, "out of memory");
		return -1;
	}
	rc = tz_load(a, name, why, n) != NULL ? 0 : -1;
	oom_leave(&s);
	arena_free(a);
	return rc;
}

/* The bound s of the selection, into *key; 0, or -1 (reported). */
static int
bound(struct tl_doc *d, const char *s, int until, long long *key)
{
	char why[200];
	long back;
	int y, mo, dd;

	*key = until ? LLONG_MAX : LLONG_MIN;
	if (s == NULL)
		return 0;
	if (bound_parse(s, until, key, &back, why, sizeof(why)) != 0) {
		diag_emit(&d->diag, DIAG_OPTION, NULL, 0, 0, "%s: %s", until ?
		    "until" : "since", why);
		return -1;
	}
	if (*key != 0)
		return 0;
	model_day(&d->model, d->opts.date_set ? d->opts.date : time(NULL),
	    &y, &mo, &dd);
	tz_date(tz_days(y, mo, dd) - back, &y, &mo, &dd);
	*key = (long long)y * 10000 + mo * 100 + dd;
	return 0;
}

/*
 * The document the reads make, once: their inputs merged (the title and
 * meta of the first timeline, else of the first feed), each event once,
 * those the options select, in printed order.
 */
static enum tl_status
make_model(struct tl_doc *d)
{
	struct select sel = { 0, 0, d->opts.tags };
	size_t head = 0, k;

	if (d->made)
		return TL_OK;
	if (d->ninputs == 1)
		d->model = d->inputs[0];
	else {
		for (k = 0; k < d->ninputs && d->inputs[k].feed; k++)
			;
		head = k < d->ninputs ? k : 0;
		model_merge(&d->model, d->inputs, d->ninputs, head, d->arena);
	}
	model_dedupe(&d->model);
	if (d->model.nevent > INPUT_EVENTS_MAX) {
		diag_emit(&d->diag, DIAG_LIMIT, NULL, 0, 0, "more than %s "
		    "events in a document", "100,000");
		return TL_EINPUT;
	}
	if (bound(d, d->opts.since, 0, &sel.since) != 0 ||
	    bound(d, d->opts.until, 1, &sel.until) != 0)
		return TL_EUSAGE;
	if (d->opts.since != NULL || d->opts.until != NULL ||
	    d->opts.tags != NULL)
		model_select(&d->model, &sel);
	if (d->opts.title != NULL)
		model_title(&d->model, d->arena, d->opts.title);
	model_sort(&d->model);
	if (d->opts.once)
		model_pack(&d->model, d->arena);
	d->made = 1;
	return TL_OK;
}

static enum tl_status
dump(struct tl_doc *d, FILE *fp)
{
	struct when_fmt f = { WHEN_TH, WHEN_CE, WHEN_ARABIC, 0, 0 };

	if (d->model.lang != NULL && strncmp(d->model.lang, "en", 2) == 0)
		f.lang = WHEN_EN;
	model_dump(&d->model, &f, fp);
	return fflush(fp) == 0 ? TL_OK : TL_ESYSTEM;
}

/* pattern with each {n} replaced by n; owned by the caller. */
static char *
copy_name(const char *pattern, int n)
{
	struct buf b = { NULL, 0, 0 };
	char num[16];
	const char *p;

	snprintf(num, sizeof(num), "%d", n);
	for (p = pattern; *p != '\0'; p++)
		if (strncmp(p, "{n}", 3) == 0) {
			buf_str(&b, num);
			p += 2;
		} else
			buf_add(&b, p, 1);
	return b.s;
}

/*
 * Numbered copies: the layout made once and kept, then each copy drawn
 * with its mark and written to pattern's name for it.
 */
static enum tl_status
copies(struct tl_doc *d, const char *pattern, int n,
    const char *const *recipients)
{
	struct diag *dg = &d->diag;
	struct runenv re;
	struct doclayout *dl = NULL;
	struct pdf_std std = pdf_standard(d);
	struct pdf_seal seal;
	enum tl_status o;
	int k, ok = 0;
	char *name;

	if (pdf_seal(d, &seal) != 0)
		return TL_EUSAGE;
	for (k = 1; k <= n; k++) {
		name = copy_name(pattern, k);
		o = output_check(d, name);
		free(name);
		if (o != TL_OK)
			return o;
	}
	if (run_begin(d, &re) != 0 || (dl = layout_run(&d->model, re.st,
	    re.env, dg, &re.lo, NULL)) == NULL)
		goto out;
	diag_timing(dg, "layout");
	for (k = 1, ok = 1; k <= n && ok; k++) {
		struct copymark m;
		struct pdf *pdf;

		layout_copymark(dl, re.st, re.env, dg, k, n, recipients != NULL ?
		    recipients[k - 1] : NULL, &m);
		if ((pdf = pdf_draw_copy(dl, &m, &std, dg)) == NULL) {
			ok = 0;
			break;
		}
		pdf_set_seal(pdf, &seal);
		name = copy_name(pattern, k);
		ok = file_replace(name, write_pdf, pdf, dg) == 0;
		free(name);
		pdf_free(pdf);
	}
	diag_timing(dg, "draw and save");
out:
	return run_end(d, &re, dl, ok);
}

/* A file name for make: spaces, # and $ escaped. */
static void
dep_escape(FILE *f, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == ' ' || *s == '#' || *s == '\\')
			fputc('\\', f);
		if (*s == '$')
			fputc('$', f);
		fputc(*s, f);
	}
}

/* One prerequisite, lines kept under 80 columns. */
static void
dep_name(FILE *f, const char *s, size_t *col)
{
	size_t n = strlen(s);

	if (*col + n + 1 > 78) {
		fputs(" \\\n", f);
		*col = 0;
	}
	fputc(' ', f);
	dep_escape(f, s);
	*col += n + 1;
}

/* The files of m and of its parts, named as given, in the order read. */
static void
dep_srcs(FILE *f, const struct tl_model *m, size_t *col)
{
	const struct src *s, **srcs;
	size_t n = 0, k;

	for (s = m->srcs; s != NULL; s = s->next)
		n++;
	srcs = xcalloc(n + 1, sizeof(*srcs));
	for (k = n, s = m->srcs; s != NULL; s = s->next)
		srcs[--k] = s;
	for (k = 0; k < n; k++)
		if (srcs[k]->path != NULL)
			dep_name(f, srcs[k]->name, col);
	free(srcs);
	for (k = 0; k < m->nparts; k++)
		dep_srcs(f, &m->parts[k], col);
}

struct depfile {
	struct tl_doc	*d;
	const char	*target;
};

static int
write_deps(void *ctx, FILE *f, const char *name)
{
	const struct depfile *df = ctx;
	const struct tl_doc *d = df->d;
	const char *style = d->opts.style;
	size_t k, col = 0, len;

	(void)name;
	dep_escape(f, df->target);
	fputc(':', f);
	col = strlen(df->target) + 1;
	for (k = 0; k < d->ninputs; k++)
		dep_srcs(f, &d->inputs[k], &col);
	len = style != NULL ? strlen(style) : 0;
	if (len > 0 && (strchr(style, '/') != NULL || (len > 4 &&
	    strcmp(style + len - 4, ".xml") == 0)))
		dep_name(f, style, &col);
	if (d->opts.words != NULL)
		dep_name(f, d->opts.words, &col);
	for (k = 0; k < d->nfonts; k++)
		dep_name(f, d->fonts[k], &col);
	fputc('\n', f);
	return ferror(f) ? -1 : 0;
}

static enum tl_status
depfile(struct tl_doc *d, const char *path, const char *target)
{
	struct depfile df = { d, target };

	return file_replace(path, write_deps, &df, &d->diag) == 0 ? TL_OK :
	    TL_ESYSTEM;
}

/* One public call, with out of memory caught. */
static enum tl_status
guarded(struct tl_doc *d, enum call c, const char *name, const char *buf,
    size_t len, FILE *fp, const void *arg)
{
	struct oom_scope s;
	enum tl_status st;

	if (c != CALL_READ && c != CALL_READ_FILE && !d->read)
		return TL_EINPUT;
	if (d->spent && c != CALL_DEPFILE) {
		diag_emit(&d->diag, DIAG_OPTION, NULL, 0, 0, "the document was "
		    "rendered once (tl_opts.once): its text is gone");
		return TL_EUSAGE;
	}
	oom_enter(&s);
	if (setjmp(s.jb) != 0) {
		d->read = 0;		/* the model may be half made */
		d->te = NULL;		/* and the text environment: unfreed */
		diag_emit(&d->diag, DIAG_NOMEM, NULL, 0, 0, NULL);
		diag_hidden(&d->diag);
		return TL_ESYSTEM;
	}
	if (c != CALL_READ && c != CALL_READ_FILE &&
	    (st = make_model(d)) != TL_OK) {
		oom_leave(&s);
		diag_hidden(&d->diag);
		return st;
	}
	switch (c) {
	case CALL_READ:
		st = read_doc(d, name, buf, len);
		break;
	case CALL_READ_FILE:
		st = read_doc(d, name, NULL, 0);
		break;
	case CALL_DUMP:
		st = dump(d, fp);
		break;
	case CALL_LAYOUT:
		st = run(d, NULL, fp);
		break;
	case CALL_CHECK:
		st = run(d, NULL, NULL);
		break;
	case CALL_DEPFILE:
		st = depfile(d, name, buf);
		break;
	case CALL_COPIES:
		st = copies(d, name, (int)len, arg);
		break;
	default:
		st = run(d, name, NULL);
		break;
	}
	oom_leave(&s);
	diag_hidden(&d->diag);
	return st;
}

struct tl_doc *
tl_doc_new(const struct tl_opts *o)
{
	struct tl_doc *d = calloc(1, sizeof(*d));

	if (d == NULL)
		return NULL;
	if (o != NULL)
		d->opts = *o;
	if ((d->arena = calloc(1, arena_size())) == NULL) {
		free(d);
		return NULL;
	}
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
	textenv_free(d->te);
	arena_free(d->arena);
	free(d);
}

enum tl_status
tl_doc_read_mem(struct tl_doc *d, const char *name, const char *buf,
    size_t len)
{
	return guarded(d, CALL_READ, name, buf != NULL ? buf : "",
	    buf != NULL ? len : 0, NULL, NULL);
}

enum tl_status
tl_doc_read(struct tl_doc *d, const char *path)
{
	return guarded(d, CALL_READ_FILE, path, NULL, 0, NULL, NULL);
}

enum tl_status
tl_doc_dump(struct tl_doc *d, FILE *fp)
{
	return guarded(d, CALL_DUMP, NULL, NULL, 0, fp, NULL);
}

enum tl_status
tl_doc_dump_layout(struct tl_doc *d, FILE *fp)
{
	return guarded(d, CALL_LAYOUT, NULL, NULL, 0, fp, NULL);
}

enum tl_status
tl_doc_depfile(struct tl_doc *d, const char *path, const char *target)
{
	return guarded(d, CALL_DEPFILE, path, target, 0, NULL, NULL);
}

/* An environment from opts, or over from's dictionary. */
static struct tl_env *
env_new(const struct tl_opts *o, const struct tl_env *from)
{
	struct textenv_opts to;
	struct oom_scope s;
	struct tl_env *volatile e;

	if ((e = calloc(1, sizeof(*e))) == NULL)
		return NULL;
	if (o != NULL)
		e->opts = *o;
	e->diag.out = e->opts.diag != NULL ? e->opts.diag : stderr;
	to.font.fonts_dir = e->opts.fonts_dir;
	to.font.cache_dir = e->opts.cache_dir;
	to.font.env = e->opts.env;
	to.words = e->opts.words;
	if ((e->a = calloc(1, arena_size())) == NULL) {
		free(e);
		return NULL;
	}
	oom_enter(&s);
	if (setjmp(s.jb) != 0) {
		diag_emit(&e->diag, DIAG_NOMEM, NULL, 0, 0, NULL);
		arena_free(e->a);
		free(e);
		return NULL;
	}
	e->te = from != NULL ? textenv_new_sharing(from->te, &e->diag, &to) :
	    textenv_new(&e->diag, &to);
	oom_leave(&s);
	if (e->te == NULL) {
		arena_free(e->a);
		free(e);
		return NULL;
	}
	return e;
}

struct tl_env *
tl_env_new(const struct tl_opts *o)
{
	return env_new(o, NULL);
}

struct tl_env *
tl_env_new_sharing(const struct tl_env *from, const struct tl_opts *o)
{
	return from != NULL ? env_new(o, from) : NULL;
}

void
tl_env_free(struct tl_env *e)
{
	if (e == NULL)
		return;
	textenv_free(e->te);	/* saves the font cache */
	arena_free(e->a);
	free(e);
}

int
tl_doc_pages(const struct tl_doc *d)
{
	return d->pages;
}

void
tl_doc_use_env(struct tl_doc *d, struct tl_env *e)
{
	d->env = e;
}

enum tl_status
tl_doc_render_copies(struct tl_doc *d, const char *pattern, int n,
    const char *const *recipients)
{
	if (n < 1 || pattern == NULL || (n > 1 && strstr(pattern, "{n}") ==
	    NULL))
		return TL_EUSAGE;
	return guarded(d, CALL_COPIES, pattern, NULL, (size_t)n, NULL,
	    recipients);
}

enum tl_status
tl_doc_check(struct tl_doc *d)
{
	return guarded(d, CALL_CHECK, NULL, NULL, 0, NULL, NULL);
}

enum tl_status
tl_doc_render(struct tl_doc *d, const char *path)
{
	return guarded(d, CALL_RENDER, path, NULL, 0, NULL, NULL);
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
