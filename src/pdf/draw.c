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
#include "text/text.h"
#include "input/input.h"
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

/*
 * What a box of the layout is in the document's structure, by the name
 * the layout gives it (struct pbox, label); a name not here is a
 * paragraph.  The title block and the contents stand outside the
 * events' sections.
 */
static const struct {
	const char	*label;
	enum pdf_tag	 role;
	unsigned	 flags;
} roles[] = {
	{ "title", TAG_H1, PDF_TAG_OUT },
	{ "subtitle", TAG_P, PDF_TAG_OUT },
	{ "byline", TAG_P, PDF_TAG_OUT },
	{ "distribution", TAG_P, PDF_TAG_OUT },
	{ "intro", TAG_P, PDF_TAG_OUT },
	{ "contents", TAG_H2, PDF_TAG_OUT },
	{ "toc", TAG_TOCI, PDF_TAG_OUT },
	{ "toc-page", TAG_TOCI, PDF_TAG_REF },
	{ "toc-date", TAG_TOCI, PDF_TAG_OUT },
	{ "toc-more", TAG_TOCI, PDF_TAG_OUT },
	{ "date", TAG_LBL, 0 },
	{ "event-title", TAG_H2, 0 },
	{ "p", TAG_P, 0 },
	{ "source", TAG_P, 0 },
	/* furniture */
	{ "cont", TAG_ARTIFACT, 0 },
	{ "running", TAG_ARTIFACT, 0 },
	{ "banner", TAG_ARTIFACT, 0 },
	{ "rule", TAG_ARTIFACT, 0 },
	{ "leader", TAG_ARTIFACT, 0 }
};

static enum pdf_tag
box_role(const struct pbox *bx, unsigned *flags)
{
	size_t i;

	*flags = (bx->flags & PBOX_NEW ? PDF_TAG_NEW : 0) |
	    (bx->flags & PBOX_SECT ? PDF_TAG_SECT : 0);
	for (i = 0; bx->label != NULL && i < sizeof(roles) / sizeof(roles[0]);
	    i++)
		if (strcmp(bx->label, roles[i].label) == 0) {
			*flags |= roles[i].flags;
			return roles[i].role;
		}
	return TAG_P;
}

/*
 * The glyphs of a line's last piece pc and, when the line was broken at
 * a space, that space's glyph after them: drawn beyond the line's end,
 * where it shows nothing, so that the text layer keeps the space (a name
 * broken across two lines is found with it).  *n: how many; pc's own
 * glyphs when there is no such space.
 */
static const struct glyph *
with_space(const struct pline *l, const struct piece *pc, unsigned *n,
    struct glyph **tmp)
{
	hb_codepoint_t sp;
	struct glyph *g;

	*n = pc->ng;
	*tmp = NULL;
	/* the text is NUL-terminated and the line ends inside it: no
	   strlen, which would cost a long paragraph the square of it */
	if (pc->text == NULL || pc->textlen != l->end ||
	    pc->text[l->end] != ' ' || pc->ng == 0 ||
	    !hb_font_get_nominal_glyph(pc->font->hb, ' ', &sp))
		return pc->g;
	g = *tmp = xmalloc((pc->ng + 1) * sizeof(*g));
	memcpy(g, pc->g, pc->ng * sizeof(*g));
	g[pc->ng].gid = sp;
	g[pc->ng].ax = 0;
	g[pc->ng].dx = g[pc->ng].dy = 0;
	g[pc->ng].cluster = (uint32_t)l->end;
	(*n)++;
	return g;
}

/*
 * The language of a piece by its script, where the script tells it
 * (Korean, Lao, Khmer, Burmese, Thai), for a screen reader's voice; NULL
 * elsewhere (Latin letters say nothing of the language).
 */
static const char *
script_lang(const struct piece *pc)
{
	const unsigned char *s;
	uint32_t u;

	if (pc->text == NULL || pc->ng == 0)
		return NULL;
	s = (const unsigned char *)pc->text + pc->g[0].cluster;
	if (s[0] < 0xE0 || s[0] >= 0xF0)	/* three-byte letters only */
		return NULL;
	u = (uint32_t)(s[0] & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 |
	    (s[2] & 0x3F);
	if ((u >= 0xAC00 && u <= 0xD7AF) || (u >= 0x1100 && u <= 0x11FF) ||
	    (u >= 0x3130 && u <= 0x318F))
		return "ko";
	if (u >= 0x0E80 && u <= 0x0EFF)
		return "lo";
	if (u >= 0x1780 && u <= 0x17FF)
		return "km";
	if (u >= 0x1000 && u <= 0x109F)
		return "my";
	if (u >= 0x0E00 && u <= 0x0E7F)
		return "th";
	return NULL;
}

/* What a piece is inside its element: a Link, a Quote, a Span, or 0. */
static unsigned
inline_tag(const struct piece *pc)
{
	if (pc->href != NULL)
		return PDF_TAG_LINK;
	if (pc->style & TL_QUOTE)
		return PDF_TAG_QUOTE;
	return pc->style & (TL_EM | TL_STRONG) ? PDF_TAG_SPAN : 0;
}

/*
 * A line; with role (not TAG_ARTIFACT), its pieces are marked content of
 * that role, a link's pieces of a Link inside it, emphasis of a Span, a
 * quotation of a Quote.
 */
static void
draw_line(struct pdf *pdf, const struct pline *l, int32_t x, int32_t y,
    double ph, enum pdf_tag role, unsigned flags, const char *lang)
{
	unsigned i;
	int open = 0;

	if (role == TAG_ARTIFACT)
		pdf_tag_begin(pdf, TAG_ARTIFACT, 0, NULL);
	for (i = 0; i < l->npieces; i++) {
		const struct piece *pc = &l->pieces[i];
		const struct glyph *gl = pc->g;
		struct glyph *tmp = NULL;
		const char *sl;
		unsigned ng = pc->ng;
		int other;
		size_t tlen = pc->textlen;
		double r, g, b;

		sl = script_lang(pc);
		other = sl != NULL && (lang == NULL || strncmp(sl, lang, 2) != 0);
		if (role != TAG_ARTIFACT && (!open || pc->href != NULL ||
		    pc->style != 0 || other || open == 2)) {
			unsigned in = inline_tag(pc);

			if (other && in == 0)	/* another language: a Span */
				in = PDF_TAG_SPAN;
			pdf_tag_end(pdf);
			pdf_tag_begin(pdf, role, flags | in, other ? sl : lang);
			flags &= ~(unsigned)(PDF_TAG_NEW | PDF_TAG_SECT);
			open = in != 0 ? 2 : 1;
		}
		rgb3(pc->rgb, &r, &g, &b);
		if (i + 1 == l->npieces && role != TAG_ARTIFACT &&
		    (gl = with_space(l, pc, &ng, &tmp)) != pc->g)
			tlen++;
		pdf_glyphs(pdf, PT(x + pc->x), ph - PT(y), PT(pc->size),
		    pc->font, gl, ng, pc->text, tlen, r, g, b);
		free(tmp);
		if (pc->href != NULL && pc->href[0] == '#')
			pdf_link_id(pdf, PT(x + pc->x), ph - PT(y) -
			    PT(pc->size) * 0.3, PT(pc->width),
			    PT(pc->size) * 1.2, pc->href + 1);
		else if (pc->href != NULL)
			pdf_link_uri(pdf, PT(x + pc->x), ph - PT(y) -
			    PT(pc->size) * 0.3, PT(pc->width),
			    PT(pc->size) * 1.2, pc->href);
	}
	pdf_tag_end(pdf);
}

static void
draw_watermark(struct pdf *pdf, const struct watermark *wm)
{
	const struct pline *l = wm->line;
	unsigned i;

	pdf_tag_begin(pdf, TAG_ARTIFACT, 0, NULL);
	for (i = 0; i < l->npieces; i++) {
		const struct piece *pc = &l->pieces[i];
		double d = PT(pc->x) * wm->scale * 0.7071;

		pdf_glyphs_rotated(pdf, wm->x + d, wm->y + d, 45, wm->alpha,
		    PT(pc->size) * wm->scale, pc->font, pc->g, pc->ng,
		    pc->text, pc->textlen, 0.5, 0.5, 0.5);
	}
	pdf_tag_end(pdf);
}

/*
 * A page's boxes; furniture: all of them artifacts.  doclang: the
 * language of a box that names none.
 */
static void
draw_page(struct pdf *pdf, const struct page *pg, double ph, int furniture,
    const char *doclang)
{
	enum pdf_tag role;
	unsigned flags;
	size_t b;

	for (b = 0; b < pg->nbox; b++) {
		const struct pbox *bx = &pg->boxes[b];
		double r, g, bl;

		rgb3(bx->rgb, &r, &g, &bl);
		switch (bx->kind) {
		case PBOX_LINE:
			role = box_role(bx, &flags);
			draw_line(pdf, bx->line, bx->x, bx->y, ph,
			    furniture ? TAG_ARTIFACT : role, flags,
			    bx->lang != NULL ? bx->lang : doclang);
			break;
		case PBOX_RULE:
			pdf_tag_begin(pdf, TAG_ARTIFACT, 0, NULL);
			pdf_rect(pdf, PT(bx->x), ph - PT(bx->y) - PT(bx->h),
			    PT(bx->w), PT(bx->h), r, g, bl);
			pdf_tag_end(pdf);
			break;
		case PBOX_LEADER:
			pdf_tag_begin(pdf, TAG_ARTIFACT, 0, NULL);
			if (bx->w > 0)
				pdf_line(pdf, PT(bx->x), ph - PT(bx->y),
				    PT(bx->x + bx->w), ph - PT(bx->y), 0.6, r,
				    g, bl, 1);
			pdf_tag_end(pdf);
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

	if (std == NULL || !std->untagged)
		pdf_tagged(pdf);
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
	pdf_tag_lang(pdf, dl->info.lang);
	if (!furniture && dl->wm.line != NULL)
		draw_watermark(pdf, &dl->wm);
	draw_page(pdf, &dl->pages[index], ph, furniture, dl->info.lang);
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
	pdf_set_classification(pdf, in->classification);
	pdf_link_ids(pdf, find_id, (void *)dl);
	if (m != NULL) {
		pdf_set_info_key(pdf, "Copy", m->copy);
		pdf_set_info_key(pdf, "Recipient", m->recipient);
	}
	for (k = 0; k < dl->nlabels; k++)
		pdf_page_label(pdf, dl->labels[k].first, dl->labels[k].roman,
		    dl->labels[k].prefix, dl->labels[k].thai);
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
			draw_line(pdf, m->line, m->x, m->y, ph, TAG_ARTIFACT,
			    0, NULL);
	}
	if (end_doc(pdf, dl, m) != 0) {
		pdf_free(pdf);
		return NULL;
	}
	return pdf;
}
