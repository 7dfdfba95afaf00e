/*
 * proof.c - proof sheets (tl_proof, briefing.h): a text set in one family
 * on A4 pages by the layout stage, as a document's paragraphs are, drawn
 * and written as a document is; and a report of which font file drew
 * which characters, and which no font has.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "text/text.h"
#include "layout/layout.h"
#include "pdf/pdf.h"
#include "briefing.h"

struct served {
	struct font	*font;		/* (borrowed) */
	uint32_t	*cp;		/* (owned) sorted, distinct */
	size_t		 n, cap;
};

struct uncov {
	uint32_t	*cp;		/* (owned) distinct, in order seen */
	size_t		 n, cap;
};

/* The text to set: Thai normalised (thai.c), tabs and returns spaces. */
static char *
normalise(const char *s, size_t *lenp)
{
	char *t = xstrdup(s);
	size_t i;

	for (i = 0; t[i] != '\0'; i++)
		if (t[i] == '\t' || t[i] == '\r')
			t[i] = ' ';
	*lenp = thai_normalise(t, i);
	return t;
}

static void
uncov_add(struct uncov *u, uint32_t cp)
{
	if (u->n == u->cap) {
		u->cap = u->cap ? u->cap * 2 : 8;
		u->cp = xrealloc(u->cp, u->cap * sizeof(*u->cp));
	}
	u->cp[u->n++] = cp;
}

static void
put_utf8(FILE *f, uint32_t c)
{
	if (c < 0x80)
		fputc((int)c, f);
	else if (c < 0x800) {
		fputc((int)(0xc0 | c >> 6), f);
		fputc((int)(0x80 | (c & 0x3f)), f);
	} else if (c < 0x10000) {
		fputc((int)(0xe0 | c >> 12), f);
		fputc((int)(0x80 | (c >> 6 & 0x3f)), f);
		fputc((int)(0x80 | (c & 0x3f)), f);
	} else {
		fputc((int)(0xf0 | c >> 18), f);
		fputc((int)(0x80 | (c >> 12 & 0x3f)), f);
		fputc((int)(0x80 | (c >> 6 & 0x3f)), f);
		fputc((int)(0x80 | (c & 0x3f)), f);
	}
}

/* A character for people: marks on a dotted circle, no controls. */
static void
show_char(FILE *f, uint32_t c)
{
	switch (shape_char_show(c)) {
	case SHOW_MARK:
		put_utf8(f, 0x25cc);
		put_utf8(f, c);
		break;
	case SHOW_CODE:
		fprintf(f, "U+%04X", (unsigned)c);
		break;
	default:
		put_utf8(f, c);
		break;
	}
}

static void
served_add(struct served **sv, size_t *nsv, struct font *f, uint32_t cp)
{
	struct served *s = NULL;
	size_t i, lo, hi;

	for (i = 0; i < *nsv; i++)
		if ((*sv)[i].font == f)
			s = &(*sv)[i];
	if (s == NULL) {
		*sv = xrealloc(*sv, (*nsv + 1) * sizeof(**sv));
		s = &(*sv)[(*nsv)++];
		memset(s, 0, sizeof(*s));
		s->font = f;
	}
	for (lo = 0, hi = s->n; lo < hi; ) {
		size_t mid = (lo + hi) / 2;

		if (s->cp[mid] < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < s->n && s->cp[lo] == cp)
		return;
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->cp = xrealloc(s->cp, s->cap * sizeof(*s->cp));
	}
	memmove(s->cp + lo + 1, s->cp + lo, (s->n - lo) * sizeof(*s->cp));
	s->cp[lo] = cp;
	s->n++;
}

static void
report_font(FILE *out, const struct served *s)
{
	size_t i, j;

	fprintf(out, "%s %s:%u:", s->font->family, s->font->file,
	    s->font->index);
	for (i = 0; i < s->n; i++) {
		fputc(' ', out);
		show_char(out, s->cp[i]);
	}
	fputs(" (", out);
	for (i = 0; i < s->n; i = j + 1) {
		for (j = i; j + 1 < s->n && s->cp[j + 1] == s->cp[j] + 1; j++)
			continue;
		fprintf(out, "%sU+%04X", i > 0 ? ", " : "",
		    (unsigned)s->cp[i]);
		if (j > i)
			fprintf(out, "..U+%04X", (unsigned)s->cp[j]);
	}
	fputc(')', out);
	if (s->font->scale != 1)
		fprintf(out, " scale %g", s->font->scale);
	fputc('\n', out);
}

/* Characters of the clusters that glyph k of pc begins: [*a, *b). */
static void
cluster_of(const struct piece *pc, unsigned k, size_t *a, size_t *b)
{
	unsigned j;

	*a = pc->g[k].cluster;
	*b = pc->textlen;
	for (j = 0; j < pc->ng; j++)
		if (pc->g[j].cluster > *a && pc->g[j].cluster < *b)
			*b = pc->g[j].cluster;
}

/*
 * Which font drew which characters, and which no font has (drawn as
 * glyph 0), from the laid-out sheet.
 */
static void
who_drew(const struct doclayout *dl, struct served **sv, size_t *nsv,
    struct uncov *unc)
{
	size_t p, b, a, e, pos, q;
	unsigned i, k;

	for (p = 0; p < dl->npages; p++)
		for (b = 0; b < dl->pages[p].nbox; b++) {
			const struct pline *l = dl->pages[p].boxes[b].line;

			if (dl->pages[p].boxes[b].kind != PBOX_LINE)
				continue;
			for (i = 0; i < l->npieces; i++) {
				const struct piece *pc = &l->pieces[i];

				for (k = 0; k < pc->ng; k++) {
					if (k > 0 && pc->g[k].cluster ==
					    pc->g[k - 1].cluster)
						continue;
					cluster_of(pc, k, &a, &e);
					for (pos = a; pos < e; ) {
						uint32_t c = shape_utf8_next(
						    pc->text, e, &pos);

						if (c == ' ' || c == '\n')
							continue;
						if (pc->g[k].gid != 0) {
							served_add(sv, nsv,
							    pc->font, c);
							continue;
						}
						for (q = 0; q < unc->n &&
						    unc->cp[q] != c; q++)
							continue;
						if (q == unc->n)
							uncov_add(unc, c);
					}
				}
			}
		}
}

static int
write_pdf(void *pdf, FILE *f, const char *name)
{
	return pdf_write(pdf, f, name);
}

/*
 * The proof sheet's pipeline: the text normalised, the text environment,
 * the sheet laid out by the layout stage, drawn and written as a
 * document is.
 */
static enum tl_status
proof(const struct tl_opts *o, const char *text, const char *family,
    double size, const char *out_path, FILE *report)
{
	static const struct tl_opts none;
	struct textenv_opts to;
	struct textenv *env = NULL;
	struct doclayout *dl = NULL;
	struct pdf *pdf = NULL;
	struct diag d;
	struct uncov unc;
	struct served *sv = NULL;
	size_t nsv = 0, len, i;
	char *norm = NULL;
	enum tl_status st = TL_ESYSTEM;

	if (o == NULL)
		o = &none;
	memset(&d, 0, sizeof(d));
	d.out = o->diag != NULL ? o->diag : stderr;
	if (text == NULL || out_path == NULL || !(size > 0 && size <= 500)) {
		fprintf(d.out, "briefing: error: --proof needs a text, -o "
		    "and a size in (0, 500] pt\n");
		return TL_EUSAGE;
	}
	memset(&to, 0, sizeof(to));
	to.font.fonts_dir = o->fonts_dir;
	to.font.cache_dir = o->cache_dir;
	to.font.env = o->env;
	memset(&unc, 0, sizeof(unc));
	norm = normalise(text, &len);
	if ((env = textenv_new(&d, &to)) == NULL ||
	    (dl = layout_proof(norm, family, (int32_t)(size * 1000 + 0.5), env,
	    &d)) == NULL)
		goto out;
	who_drew(dl, &sv, &nsv, &unc);
	if ((pdf = pdf_draw(dl, &d)) != NULL &&
	    file_replace(out_path, write_pdf, pdf, &d) == 0)
		st = d.errors > 0 ? TL_EINPUT : TL_OK;
	if (report != NULL) {
		for (i = 0; i < nsv; i++)
			report_font(report, &sv[i]);
		for (i = 0; i < unc.n; i++) {
			fprintf(report, "uncovered: U+%04X ",
			    (unsigned)unc.cp[i]);
			show_char(report, unc.cp[i]);
			fputc('\n', report);
		}
		fflush(report);
	}
out:
	if (st == TL_OK && d.fatal > 0)
		st = TL_ESYSTEM;
	for (i = 0; i < nsv; i++)
		free(sv[i].cp);
	free(sv);
	free(unc.cp);
	pdf_free(pdf);
	layout_free(dl);
	textenv_free(env);
	free(norm);
	return st;
}

enum tl_status
tl_proof(const struct tl_opts *o, const char *text, const char *family,
    double size, const char *out_path, FILE *report)
{
	struct oom_scope s;
	enum tl_status st;

	oom_enter(&s);
	if (setjmp(s.jb) != 0) {
		struct diag d;

		memset(&d, 0, sizeof(d));
		d.out = o != NULL && o->diag != NULL ? o->diag : stderr;
		diag_emit(&d, DIAG_NOMEM, NULL, 0, 0, NULL);
		return TL_ESYSTEM;
	}
	st = proof(o, text, family, size, out_path, report);
	oom_leave(&s);
	return st;
}
