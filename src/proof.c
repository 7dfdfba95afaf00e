/*
 * proof.c - proof sheets: a text set in one family on A4 pages, and a
 * report of which font file served which characters (tl_proof, briefing.h).
 *
 * Uses the text engine the way the layout does: a fontset and a chain
 * (the family first, then the default body list), shape_text over the
 * whole text, greedy filling at spaces by glyph advances, pdf_glyphs per
 * run and line.  No libthai here: lines break at spaces only, and a word
 * wider than the line sticks out.  A newline forces a line break.
 *
 * The project fonts folder comes from the environment variable
 * BRIEFING_FONTS (unset: system fonts only).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <hb.h>

#include "base/base.h"
#include "text/text.h"
#include "pdf/pdf_int.h"
#include "briefing.h"

#define PAGE_W		595.2756	/* A4 [pt] */
#define PAGE_H		841.8898
#define MARGIN		56.6929		/* 2 cm */

struct served {
	struct font	*font;		/* (borrowed) */
	uint32_t	*cp;		/* (owned) sorted, distinct */
	size_t		 n, cap;
};

struct uncov {
	struct diag	*d;
	const char	*text;
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
on_uncovered(void *arg, size_t off, uint32_t cp)
{
	struct uncov *u = arg;
	size_t i, col = 1;

	for (i = 0; i < off; i++)
		if (((unsigned char)u->text[i] & 0xc0) != 0x80)
			col++;
	diag_emit(u->d, DIAG_UNCOVERED, NULL, 0, 0,
	    "U+%04X at character %zu of the proof text", (unsigned)cp, col);
	for (i = 0; i < u->n; i++)
		if (u->cp[i] == cp)
			return;
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
	switch (hb_unicode_general_category(hb_unicode_funcs_get_default(),
	    c)) {
	case HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK:
	case HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK:
	case HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK:
		put_utf8(f, 0x25cc);
		put_utf8(f, c);
		break;
	case HB_UNICODE_GENERAL_CATEGORY_CONTROL:
	case HB_UNICODE_GENERAL_CATEGORY_FORMAT:
	case HB_UNICODE_GENERAL_CATEGORY_SPACE_SEPARATOR:
	case HB_UNICODE_GENERAL_CATEGORY_UNASSIGNED:
	case HB_UNICODE_GENERAL_CATEGORY_SURROGATE:
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

/* Width of text[a..b) [pt]: advances of the glyphs of its clusters. */
static double
width(const struct run *r, size_t nr, size_t a, size_t b, double size)
{
	double w = 0;
	size_t i;
	unsigned k;

	for (i = 0; i < nr; i++) {
		int64_t u = 0;

		if (r[i].end <= a || r[i].start >= b)
			continue;
		for (k = 0; k < r[i].ng; k++)
			if (r[i].g[k].cluster >= a && r[i].g[k].cluster < b)
				u += r[i].g[k].ax;
		w += (double)u * size * r[i].font->scale / r[i].font->upem;
	}
	return w;
}

/* Draw text[a..b) with its baseline at y. */
static void
draw_line(struct pdf *p, const struct run *r, size_t nr, const char *text,
    size_t a, size_t b, double y, double size)
{
	double x = MARGIN;
	size_t i;
	unsigned k, k0;

	for (i = 0; i < nr; i++) {
		int64_t u = 0;

		if (r[i].end <= a || r[i].start >= b)
			continue;
		for (k0 = 0; k0 < r[i].ng && r[i].g[k0].cluster < a; k0++)
			continue;
		for (k = k0; k < r[i].ng && r[i].g[k].cluster < b; k++)
			u += r[i].g[k].ax;
		if (k > k0)
			pdf_glyphs(p, x, y, size, r[i].font, r[i].g + k0,
			    k - k0, text, r[i].end < b ? r[i].end : b,
			    0, 0, 0);
		x += (double)u * size * r[i].font->scale / r[i].font->upem;
	}
}

static int
write_pdf(void *pdf, FILE *f, const char *name)
{
	return pdf_write(pdf, f, name);
}

static enum tl_status
proof(const struct tl_opts *o, const char *text, const char *family,
    double size, const char *out_path, FILE *report)
{
	static const struct tl_opts none;
	struct font_opts fo;
	struct diag d;
	struct uncov unc;
	struct fontset *fs = NULL;
	struct fontchain *chain;
	struct shaper *sh = NULL;
	struct pdf *p = NULL;
	struct served *sv = NULL;
	struct run *runs;
	struct font *f0;
	size_t nruns = 0, nsv = 0, len, i, pos, ls, le;
	double lh, asc, y, tw = PAGE_W - 2 * MARGIN;
	char *norm, *fam, title[256];
	enum tl_status st = TL_OK;

	if (o == NULL)
		o = &none;
	memset(&d, 0, sizeof(d));
	d.out = o->diag != NULL ? o->diag : stderr;
	fo.fonts_dir = o->fonts_dir;
	fo.cache_dir = o->cache_dir;
	fo.env = o->env;
	if (text == NULL || out_path == NULL || !(size > 0 && size <= 500)) {
		fprintf(d.out, "briefing: error: --proof needs a text, -o "
		    "and a size in (0, 500] pt\n");
		return TL_EUSAGE;
	}
	norm = normalise(text, &len);
	memset(&unc, 0, sizeof(unc));
	unc.d = &d;
	unc.text = norm;
	if (family == NULL || *family == '\0')
		family = FONT_DEFAULT_FAMILIES;
	fam = xmalloc(strlen(family) + sizeof(FONT_DEFAULT_FAMILIES) + 3);
	sprintf(fam, "%s, %s", family, FONT_DEFAULT_FAMILIES);

	if ((fs = fontset_new(&d, &fo)) == NULL ||
	    (chain = fontset_chain(fs, fam, 0, 0)) == NULL) {
		st = TL_ESYSTEM;
		goto out;
	}
	sh = shaper_new();
	shape_text(sh, chain, norm, len, &runs, &nruns, on_uncovered, &unc);

	/* Which font served which characters. */
	for (i = 0; i < nruns; i++)
		for (pos = runs[i].start; pos < runs[i].end; ) {
			uint32_t c = shape_utf8_next(norm, runs[i].end, &pos);
			size_t q;

			for (q = 0; q < unc.n && unc.cp[q] != c; q++)
				continue;
			if (q == unc.n && c != ' ' && c != '\n')
				served_add(&sv, &nsv, runs[i].font, c);
		}

	p = pdf_new(&d);
	f0 = fontchain_first(chain);
	asc = (double)f0->ascender * f0->scale / f0->upem * size;
	lh = (double)(f0->ascender - f0->descender + f0->line_gap) *
	    f0->scale / f0->upem * size;
	if (lh < 1.4 * size * f0->scale)
		lh = 1.4 * size * f0->scale;
	snprintf(title, sizeof(title), "Proof: %s %g pt", family, size);
	pdf_set_info(p, title, NULL, NULL, NULL, "briefing " BRIEFING_VERSION,
	    0, 0, 0, 0, 0, 0);
	pdf_page(p, PAGE_W, PAGE_H);
	y = PAGE_H - MARGIN - asc;

	/* Greedy filling: words between spaces, newlines force a break. */
	for (pos = 0; pos < len; ) {
		double lw = 0;

		while (pos < len && norm[pos] == ' ')
			pos++;
		ls = le = pos;
		while (pos < len && norm[pos] != '\n') {
			size_t ws = pos, we;
			double sw, ww;

			for (we = ws; we < len && norm[we] != ' ' &&
			    norm[we] != '\n'; we++)
				continue;
			sw = le > ls ? width(runs, nruns, le, ws, size) : 0;
			ww = width(runs, nruns, ws, we, size);
			if (le > ls && lw + sw + ww > tw)
				break;
			lw += sw + ww;
			le = we;
			for (pos = we; pos < len && norm[pos] == ' '; pos++)
				continue;
		}
		if (pos < len && norm[pos] == '\n')
			pos++;
		if (y < MARGIN) {
			pdf_page(p, PAGE_W, PAGE_H);
			y = PAGE_H - MARGIN - asc;
		}
		if (le > ls)
			draw_line(p, runs, nruns, norm, ls, le, y, size);
		y -= lh;
	}

	if (pdf_finish(p) != 0 ||
	    file_replace(out_path, write_pdf, p, &d) != 0)
		st = TL_ESYSTEM;
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
	else if (st == TL_OK && d.errors > 0)
		st = TL_EINPUT;
	for (i = 0; i < nsv; i++)
		free(sv[i].cp);
	free(sv);
	free(unc.cp);
	pdf_free(p);
	shaper_free(sh);
	fontset_free(fs);
	free(fam);
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
