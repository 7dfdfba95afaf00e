/*
 * draw.c - a laid-out document into a PDF through pdf_int.h: glyph pieces,
 * rules, leaders, links, the watermark, bookmarks and the document
 * information, all as the layout decided them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "layout/layout.h"
#include "pdf.h"
#include "pdf_int.h"

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
		if (pc->href != NULL && pc->href[0] == '#')
			pdf_link_id(pdf, PT(x + pc->x), ph - PT(y) -
			    PT(pc->size) * 0.3, PT(pc->width),
			    PT(pc->size) * 1.2, pc->href + 1);
		else if (pc->href != NULL)
			pdf_link_uri(pdf, PT(x + pc->x), ph - PT(y) -
			    PT(pc->size) * 0.3, PT(pc->width),
			    PT(pc->size) * 1.2, pc->href);
	}
}

static void
draw_watermark(struct pdf *pdf, const struct watermark *wm)
{
	const struct pline *l = wm->line;
	unsigned i;

	for (i = 0; i < l->npieces; i++) {
		const struct piece *pc = &l->pieces[i];
		double d = PT(pc->x) * wm->scale * 0.7071;

		pdf_glyphs_rotated(pdf, wm->x + d, wm->y + d, 45, wm->alpha,
		    PT(pc->size) * wm->scale, pc->font, pc->g, pc->ng,
		    pc->text, pc->textlen, 0.5, 0.5, 0.5);
	}
}

static void
draw_page(struct pdf *pdf, const struct page *pg, double ph)
{
	size_t b;

	for (b = 0; b < pg->nbox; b++) {
		const struct pbox *bx = &pg->boxes[b];
		double r, g, bl;

		rgb3(bx->rgb, &r, &g, &bl);
		switch (bx->kind) {
		case PBOX_LINE:
			draw_line(pdf, bx->line, bx->x, bx->y, ph);
			break;
		case PBOX_RULE:
			pdf_rect(pdf, PT(bx->x), ph - PT(bx->y) - PT(bx->h),
			    PT(bx->w), PT(bx->h), r, g, bl);
			break;
		case PBOX_LEADER:
			if (bx->w > 0)
				pdf_line(pdf, PT(bx->x), ph - PT(bx->y),
				    PT(bx->x + bx->w), ph - PT(bx->y), 0.6, r,
				    g, bl, 1);
			break;
		case PBOX_LINK:
			pdf_link_page(pdf, PT(bx->x), ph - PT(bx->y),
			    PT(bx->w), PT(bx->h), bx->target,
			    ph - PT(bx->target_y) + 12);
			break;
		}
	}
}

struct pdf *
pdf_begin(struct diag *d, const struct pdf_std *std)
{
	struct pdf *pdf = pdf_new(d);

	if (std != NULL && std->part > 0)
		pdf_set_standard(pdf, std->part, std->unicode, std->icc);
	return pdf;
}

void
pdf_sink_page(void *ctx, const struct doclayout *dl, size_t index,
    int furniture)
{
	struct pdf *pdf = ctx;
	double pw = PT(dl->page_w), ph = PT(dl->page_h);

	if (pdf_page_at(pdf, (int)index, pw, ph) < 0)
		return;
	if (!furniture && dl->wm.line != NULL)
		draw_watermark(pdf, &dl->wm);
	draw_page(pdf, &dl->pages[index], ph);
}

/* Where the event with id starts (a link to "#id"), as the layout says. */
static int
find_id(void *ctx, const char *id, int *page, double *dest_y)
{
	const struct doclayout *dl = ctx;
	int32_t y;

	if (!layout_find_id(dl, id, page, &y))
		return 0;
	*dest_y = PT(dl->page_h) - PT(y) + 12;
	return 1;
}

/* The document information (with a copy's number and recipient). */
static int
end_doc(struct pdf *pdf, const struct doclayout *dl, const struct copymark *m)
{
	const struct docinfo *in = &dl->info;
	double ph = PT(dl->page_h);
	int *handle = xcalloc(dl->noutlines + 1, sizeof(*handle));
	size_t k;

	pdf_set_info(pdf, in->title, in->author, in->subject, in->keywords,
	    "briefing " BRIEFING_VERSION, in->y, in->mo, in->d, in->h, in->mi,
	    in->s);
	pdf_set_view(pdf, in->lang);
	pdf_link_ids(pdf, find_id, (void *)dl);
	if (m != NULL) {
		pdf_set_info_key(pdf, "Copy", m->copy);
		pdf_set_info_key(pdf, "Recipient", m->recipient);
	}
	for (k = 0; k < dl->nlabels; k++)
		pdf_page_label(pdf, dl->labels[k].first, dl->labels[k].roman,
		    dl->labels[k].prefix);
	for (k = 0; k < dl->noutlines; k++) {
		const struct outline *o = &dl->outlines[k];

		handle[k] = pdf_outline(pdf, o->parent >= 0 ?
		    handle[o->parent] : -1, o->title, o->page, ph - PT(o->y));
	}
	free(handle);
	return pdf_finish(pdf);
}

int
pdf_end(struct pdf *pdf, const struct doclayout *dl)
{
	return end_doc(pdf, dl, NULL);
}

struct pdf *
pdf_draw(const struct doclayout *dl, struct diag *d)
{
	return pdf_draw_copy(dl, NULL, NULL, d);
}

struct pdf *
pdf_draw_copy(const struct doclayout *dl, const struct copymark *m,
    const struct pdf_std *std, struct diag *d)
{
	struct pdf *pdf = pdf_begin(d, std);
	double ph = PT(dl->page_h);
	size_t p;

	for (p = 0; p < dl->npages; p++) {
		pdf_sink_page(pdf, dl, p, 0);
		if (m != NULL && m->line != NULL)
			draw_line(pdf, m->line, m->x, m->y, ph);
	}
	if (end_doc(pdf, dl, m) != 0) {
		pdf_free(pdf);
		return NULL;
	}
	return pdf;
}
