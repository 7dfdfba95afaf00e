/*
 * page.c - break the flow of rows into pages.  An event's head (date and
 * title) stays with at least two lines of its text; a paragraph leaves no
 * fewer than two lines at the bottom of a page (orphan) or the top of the
 * next (widow); a short event is kept whole; an event that goes on to the
 * next page gets a "(continued)" line there.  One pass, first fit: the page
 * count is known as soon as the flow ends, so "page X of Y" needs no
 * second layout.
 */
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "layout_int.h"
#include "input/input.h"

struct pbox *
page_add(struct page *p, enum pbox_kind k)
{
	struct pbox *b;

	if (p->nbox == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 32;
		p->boxes = xrealloc(p->boxes, p->cap * sizeof(*p->boxes));
	}
	b = &p->boxes[p->nbox++];
	memset(b, 0, sizeof(*b));
	b->kind = k;
	return b;
}

struct pbox *
page_insert(struct page *p, size_t at, enum pbox_kind k)
{
	struct pbox *b = page_add(p, k), nb = *b;

	memmove(&p->boxes[at + 1], &p->boxes[at], (p->nbox - 1 - at) *
	    sizeof(*p->boxes));
	p->boxes[at] = nb;
	return &p->boxes[at];
}

void
page_area(const struct style *st, size_t i, int32_t *x0, int32_t *y0,
    int32_t *w, int32_t *h)
{
	int32_t left = st->margin_inner + st->gutter, right = st->margin_outer;

	if (st->mirror && i % 2 == 1) {		/* even page number */
		left = st->margin_outer;
		right = st->margin_inner + st->gutter;
	}
	*x0 = left;
	*y0 = st->margin_top;
	*w = st->page_w - left - right;
	*h = st->page_h - st->margin_top - st->margin_bottom;
}

struct page *
doc_new_page(struct doclayout *dl)
{
	struct page *p;

	if (dl->npages == dl->cap) {
		dl->cap = dl->cap ? dl->cap * 2 : 16;
		dl->pages = xrealloc(dl->pages, dl->cap * sizeof(*dl->pages));
	}
	p = &dl->pages[dl->npages++];
	memset(p, 0, sizeof(*p));
	p->body = 1;
	dl->y = 0;
	return p;
}

void
doclayout_free(struct doclayout *dl)
{
	size_t i;

	for (i = 0; i < dl->npages; i++)
		free(dl->pages[i].boxes);
	free(dl->pages);
	free(dl->marks);
}

/* Height of rows [a, b) placed from a cursor (space dropped at the top). */
static int32_t
rows_height(const struct row *r, size_t a, size_t b, int at_top)
{
	int32_t h = 0;
	size_t i;

	for (i = a; i < b; i++)
		h += (i == a && at_top ? 0 : r[i].space) + r[i].height;
	return h;
}

/* May the page break before row r of the block (r > start)? */
static int
legal(const struct block *bl, size_t start, size_t r)
{
	const struct row *a = &bl->rows[r - 1], *b = &bl->rows[r];

	if (start == 0 && r < bl->head + 2 && r < bl->nrows)
		return 0;
	if (a->para >= 0 && a->para == b->para && a->kind == b->kind &&
	    (b->line < 2 || b->nlines - b->line < 2))
		return 0;
	return 1;
}

/* Row r at the cursor; sect: it is the first of an event. */
static void
place(struct doclayout *dl, const struct row *r, int at_top, int sect)
{
	struct page *p = &dl->pages[dl->npages - 1];
	int32_t top = dl->y + (at_top ? 0 : r->space);
	int32_t asc = r->text ? r->text->ascent : r->side ? r->side->ascent : 0;
	int32_t base = dl->y0 + top + (r->height - asc * 5 / 4) / 2 + asc;
	struct pbox *b;

	if (r->side != NULL) {
		b = page_add(p, PBOX_LINE);
		b->x = dl->x0;
		b->y = base;
		b->line = r->side;
		b->label = r->side_label != NULL ? r->side_label :
		    r->kind == ROW_CONT ? "cont" : "date";
		b->flags = PBOX_NEW | (sect ? PBOX_SECT : 0);
		sect = 0;
	}
	if (r->text != NULL) {
		b = page_add(p, PBOX_LINE);
		b->x = dl->x0 + r->x;
		b->y = base;
		b->line = r->text;
		b->label = r->label;
		b->lang = r->lang;
		b->flags = (r->line == 0 && !r->more ? PBOX_NEW : 0) |
		    (sect ? PBOX_SECT : 0);
	}
	dl->y = top + r->height;
}

static void mark_add(struct doclayout *, const struct tl_event *);

void
doc_mark(struct doclayout *dl, const struct tl_event *e)
{
	mark_add(dl, e);
}

static void
mark_add(struct doclayout *dl, const struct tl_event *e)
{
	if (dl->nmarks == dl->capmarks) {
		dl->capmarks = dl->capmarks ? dl->capmarks * 2 : 16;
		dl->marks = xrealloc(dl->marks, dl->capmarks *
		    sizeof(*dl->marks));
	}
	dl->marks[dl->nmarks].event = e;
	dl->marks[dl->nmarks].page = (int)dl->npages - 1;
	dl->marks[dl->nmarks].y = dl->y0 + dl->y;
	dl->nmarks++;
}

static void
next_page(struct doclayout *dl, const struct style *st,
    const struct block *bl, struct pline *(*cont)(void *,
    const struct block *), void *ctx)
{
	struct page *p = doc_new_page(dl);

	page_area(st, dl->npages - 1, &dl->x0, &dl->y0, &dl->w, &dl->h);
	p->event = bl->event;
	if (bl->event != NULL && cont != NULL) {
		struct row r;

		memset(&r, 0, sizeof(r));
		r.kind = ROW_CONT;
		r.para = -1;
		r.side = cont(ctx, bl);
		r.height = r.side != NULL ? r.side->leading : 0;
		r.label = "cont";
		if (st->date_width == 0) {	/* a line of its own */
			r.text = r.side;
			r.side = NULL;
		}
		if (r.height > 0)
			place(dl, &r, 1, 0);
	}
}

void
page_flow(struct doclayout *dl, const struct style *st, struct block *bls,
    size_t nb, size_t first, struct pline *(*cont)(void *,
    const struct block *), void *ctx)
{
	size_t i, start, r, best;
	int fresh;

	(void)first;
	for (i = 0; i < nb; i++) {
		struct block *bl = &bls[i];

		if (bl->nrows == 0)
			continue;
		start = 0;
		fresh = 0;
		for (;;) {
			int top = dl->y == 0;
			int32_t avail = dl->h - dl->y;
			int keep_whole = bl->whole && start == 0 &&
			    rows_height(bl->rows, 0, bl->nrows, 1) <= dl->h;

			if (dl->pages[dl->npages - 1].event == NULL && top)
				dl->pages[dl->npages - 1].event = bl->event;
			if (rows_height(bl->rows, start, bl->nrows, top) <=
			    avail) {
				best = bl->nrows;
			} else {
				best = 0;
				if (!keep_whole)
					for (r = start + 1; r < bl->nrows; r++) {
						if (rows_height(bl->rows, start,
						    r, top) > avail)
							break;
						if (legal(bl, start, r))
							best = r;
					}
				if (best == 0 && !top && !fresh) {
					/* nothing fits here: a fresh page */
					next_page(dl, st, bl, start > 0 ?
					    cont : NULL, ctx);
					fresh = 1;
					continue;
				}
				if (best == 0) {
					bl->broken = 1;
					/* a fresh page (with at most its
					 * continuation line) and still too
					 * tall: as much as fits, rules or not,
					 * and one row at least, so that every
					 * page takes something */
					for (best = start + 1; best < bl->nrows &&
					    rows_height(bl->rows, start,
					    best + 1, 1) <= avail; best++)
						continue;
				}
			}
			for (r = start; r < best; r++) {
				if (r == 0 && bl->event != NULL) {
					int32_t save = dl->y;

					if (!(dl->y == 0))
						dl->y += bl->rows[0].space;
					mark_add(dl, bl->event);
					dl->y = save;
				}
				place(dl, &bl->rows[r], dl->y == 0, r == 0 &&
				    bl->event != NULL);
			}
			if (best >= bl->nrows)
				break;
			next_page(dl, st, bl, cont, ctx);
			fresh = 1;
			start = best;
		}
	}
}
