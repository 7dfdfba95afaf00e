/*
 * draw.c - the laid-out pages into a PDF through pdf.h: glyph pieces,
 * rules, leaders, links, the watermark, bookmarks (nested under decades
 * when the timeline spans more than one) and the document information.
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tl.h"
#include "arena.h"
#include "brk.h"
#include "diag.h"
#include "layout_int.h"
#include "model.h"
#include "pdf.h"

#define PT(u)	((double)(u) / U_PER_PT)

static void
rgb3(uint32_t rgb, double *r, double *g, double *b)
{
	*r = ((rgb >> 16) & 0xFF) / 255.0;
	*g = ((rgb >> 8) & 0xFF) / 255.0;
	*b = (rgb & 0xFF) / 255.0;
}

static void
draw_line(struct pdf *pdf, const struct pline *l, int32_t x, int32_t y,
    double ph)
{
	unsigned i;

	for (i = 0; i < l->npieces; i++) {
		const struct piece *pc = &l->pieces[i];
		double r, g, b;

		rgb3(pc->rgb, &r, &g, &b);
		pdf_glyphs(pdf, PT(x + pc->x), ph - PT(y), PT(pc->size),
		    pc->font, pc->g, pc->ng, pc->text, pc->textlen, r, g, b);
		if (pc->href != NULL)
			pdf_link_uri(pdf, PT(x + pc->x), ph - PT(y) -
			    PT(pc->size) * 0.3, PT(pc->width),
			    PT(pc->size) * 1.2, pc->href);
	}
}

static void
watermark(struct pdf *pdf, struct lctx *c, double pw, double ph)
{
	const struct pset *ps = para_set(c, text_plain(c->a,
	    c->st->watermark, c->st->lang), ROLE_HEADING, 1000000 * U_PER_PT,
	    0, ALIGN_LEFT);
	const struct pline *l;
	double k, w, x, y, size;
	unsigned i;

	if (ps->nlines == 0 || ps->lines[0].width <= 0)
		return;
	l = &ps->lines[0];
	/*
	 * As wide as half the page's diagonal, at most 200 pt high: a short
	 * word is large, a long one shrinks to fit.
	 */
	size = PT(c->st->font[ROLE_HEADING].size);
	k = 0.5 * sqrt(pw * pw + ph * ph) / PT(l->width);
	if (size * k > 200)
		k = 200 / size;
	w = PT(l->width) * k;
	/* centred on the page along its diagonal, at 45 degrees */
	x = pw / 2 - w / 2 * 0.7071 + PT(l->ascent) * k * 0.35;
	y = ph / 2 - w / 2 * 0.7071 - PT(l->ascent) * k * 0.35;
	for (i = 0; i < l->npieces; i++) {
		const struct piece *pc = &l->pieces[i];
		double d = PT(pc->x) * k * 0.7071;

		pdf_glyphs_rotated(pdf, x + d, y + d, 45, 0.2,
		    PT(pc->size) * k, pc->font, pc->g, pc->ng, pc->text,
		    pc->textlen, 0.5, 0.5, 0.5);
	}
}

/*
 * A bookmark's title: the date, then the title or the first words, at most
 * 48 characters of them, cut after a word (else between clusters) and
 * ended with "…".
 */
static void
mark_title(const struct lctx *c, const struct tl_event *e, char *buf,
    size_t n)
{
	const char *s = e->title ? e->title->s : e->npara ? e->paras[0].s : "";
	size_t len = event_date(e, &c->fmt, buf, n), i, k, sl, cut = 0;
	unsigned char *cls;

	if (len + 2 >= n)
		return;
	buf[len++] = ' ';
	for (i = k = 0; s[i] != '\0' && k < 48; k++) {
		i++;
		while ((s[i] & 0xC0) == 0x80)
			i++;
	}
	if (s[i] != '\0' && c->brk != NULL) {
		sl = strlen(s);
		cls = xmalloc(sl + 1);
		if (brk_find(c->brk, s, sl, cls) == 0)
			for (k = i; k > 0 && cut == 0; k--)
				if (cls[k] == BRK_WORD || cls[k] == BRK_SPACE)
					cut = k;
		if (cut == 0 && brk_clusters(c->brk, s, sl, cls) == 0)
			for (k = i; k > 0 && cut == 0; k--)
				if (cls[k])
					cut = k;
		free(cls);
	}
	if (s[i] != '\0') {
		i = cut > 0 ? cut : i;
		while (i > 0 && s[i - 1] == ' ')
			i--;
	}
	snprintf(buf + len, n - len, "%.*s%s", (int)i, s, s[i] ? "…" : "");
	for (i = 0; buf[i] != '\0'; i++)
		if (buf[i] == '\n')
			buf[i] = ' ';
}

static void
bookmarks(struct pdf *pdf, const struct doclayout *dl, const struct lctx *c,
    double ph)
{
	size_t k;
	int nest = 0, parent = -1, decade = -100000;
	char buf[512];

	for (k = 1; k < dl->nmarks; k++)
		if (dl->marks[k].event->when.key_start / 100000 !=
		    dl->marks[0].event->when.key_start / 100000)
			nest = 1;
	for (k = 0; k < dl->nmarks; k++) {
		const struct mark *mk = &dl->marks[k];
		const struct tl_event *e = mk->event;

		if (nest) {
			long long ks = e->when.key_start;
			int dec = ks == LLONG_MIN ? -1 : (int)(ks / 100000);

			if (dec != decade) {
				struct when w;

				memset(&w, 0, sizeof(w));
				w.a.year = dec * 10;
				w.a.prec = WHEN_DECADE;
				if (dec < 0)
					snprintf(buf, sizeof(buf), "…");
				else
					when_format(&w, &c->fmt, buf,
					    sizeof(buf));
				parent = pdf_outline(pdf, -1, buf, mk->page,
				    ph - PT(mk->y));
				decade = dec;
			}
		}
		mark_title(c, e, buf, sizeof(buf));
		pdf_outline(pdf, nest ? parent : -1, buf, mk->page,
		    ph - PT(mk->y));
	}
}

static void
info(struct pdf *pdf, const struct lctx *c)
{
	const struct tl_model *m = c->m;
	int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
	const char *sde = getenv("SOURCE_DATE_EPOCH");

	if (m->date != NULL) {
		y = m->date_y;
		mo = m->date_m;
		d = m->date_d;
	} else {
		time_t t = sde != NULL ? (time_t)strtoll(sde, NULL, 10) :
		    time(NULL);
		struct tm tm;

		gmtime_r(&t, &tm);
		y = tm.tm_year + 1900;
		mo = tm.tm_mon + 1;
		d = tm.tm_mday;
		h = tm.tm_hour;
		mi = tm.tm_min;
		s = tm.tm_sec;
	}
	pdf_set_info(pdf, m->title->s, m->author,
	    m->subtitle ? m->subtitle->s : NULL, m->keywords,
	    "briefing " TL_VERSION, y, mo, d, h, mi, s);
}

int
layout_draw(const struct doclayout *dl, const struct lctx *cc,
    const char *path)
{
	struct lctx *c = (struct lctx *)cc;	/* para_set caches shaping */
	struct pdf *pdf = pdf_new(c->d);
	double pw = PT(c->st->page_w), ph = PT(c->st->page_h);
	size_t p, b;
	int rc;

	info(pdf, c);
	for (p = 0; p < dl->npages; p++) {
		const struct page *pg = &dl->pages[p];

		pdf_page(pdf, pw, ph);
		if (c->st->watermark != NULL)
			watermark(pdf, c, pw, ph);
		for (b = 0; b < pg->nbox; b++) {
			const struct pbox *bx = &pg->boxes[b];
			double r, g, bl;

			rgb3(bx->rgb, &r, &g, &bl);
			switch (bx->kind) {
			case PBOX_LINE:
				draw_line(pdf, bx->line, bx->x, bx->y, ph);
				break;
			case PBOX_RULE:
				pdf_rect(pdf, PT(bx->x), ph - PT(bx->y) -
				    PT(bx->h), PT(bx->w), PT(bx->h), r, g, bl);
				break;
			case PBOX_LEADER:
				if (bx->w > 0)
					pdf_line(pdf, PT(bx->x), ph - PT(bx->y),
					    PT(bx->x + bx->w), ph - PT(bx->y),
					    0.6, r, g, bl, 1);
				break;
			case PBOX_LINK:
				pdf_link_page(pdf, PT(bx->x), ph - PT(bx->y),
				    PT(bx->w), PT(bx->h), bx->target,
				    ph - PT(bx->target_y) + 12);
				break;
			}
		}
	}
	bookmarks(pdf, dl, c, ph);
	diag_timing("draw");
	rc = pdf_save(pdf, path);
	diag_timing("save");
	diag_peak();
	pdf_free(pdf);
	return rc;
}
