/*
 * pdf_page.c - pages of the PDF writer (see pdf_writer.h): a page and its
 * content buffer, made a stream object when the page ends; the fonts and
 * opacities its content names, in its /Resources; filled rectangles and
 * rules; links and bookmarks with their destinations.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_writer.h"

/*
 * The current page's content, when there is any: the first into the
 * stream libharu made with the page (a stream object less a page), the
 * others into stream objects of ours after it: /Contents [first ours...].
 */
void
page_end(struct pdf *p)
{
	HPDF_Dict s, old;
	HPDF_Array a;

	if (p->page == NULL || p->page_done)
		return;
	p->page_done = 1;
	if (p->pg.len == 0)
		return;
	p->what = "page contents";
	a = p->contents[p->cur];
	old = a == NULL ? HPDF_Dict_GetItem(p->page, "Contents",
	    HPDF_OCLASS_DICT) : NULL;
	if (a == NULL && old != NULL && !p->filled[p->cur]) {
		/* the page's first content: into libharu's (empty) stream */
		if (obj_stream_into(p, old, PAGE_ZLEVEL, p->pg.s, p->pg.len) !=
		    NULL)
			p->filled[p->cur] = 1;
		obj_check(p);
		p->pg.len = 0;
		return;
	}
	s = obj_stream(p, PAGE_ZLEVEL, p->pg.s, p->pg.len);
	if (s != NULL && a == NULL &&
	    (a = HPDF_Array_New(p->doc->mmgr)) != NULL) {
		if (old != NULL)
			HPDF_Array_Add(a, old);
		if (HPDF_Dict_Add(p->page, "Contents", a) == HPDF_OK)
			p->contents[p->cur] = a;
	}
	if (s != NULL && a != NULL)
		HPDF_Array_Add(a, s);
	obj_check(p);
	p->pg.len = 0;
}

/* A page's /Resources, from its names (struct pres), as the PDF is written. */
static HPDF_STATUS
res_write(HPDF_Dict d, HPDF_Stream out)
{
	static const struct {
		char		 kind;
		const char	*key, *prefix;
	} kinds[] = {
		{ 'F', "/Font <<", "F" },
		{ 'G', "/XObject <<", "G" },
		{ 'S', "/ExtGState <<", "GS" },
	};
	const struct pres *r = obj_arg(d);
	HPDF_STATUS rc = HPDF_OK;
	char s[64];
	size_t k;
	int i, any;

	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		any = 0;
		for (i = 0; i < r->n && rc == HPDF_OK; i++) {
			if (r->e[i].kind != kinds[k].kind)
				continue;
			if (!any++)
				rc = HPDF_Stream_WriteStr(out, kinds[k].key);
			snprintf(s, sizeof(s), " /%s%d %u 0 R", kinds[k].prefix,
			    r->e[i].num, obj_num(r->e[i].obj));
			if (rc == HPDF_OK)
				rc = HPDF_Stream_WriteStr(out, s);
		}
		if (any && rc == HPDF_OK)
			rc = HPDF_Stream_WriteStr(out, " >>\012");
	}
	return rc;
}

/* Make page i (made before) the current one, for more content. */
static void
page_enter(struct pdf *p, int i)
{
	p->page = p->pages[i];
	p->cur = i;
	p->page_done = 0;
	p->pg_alpha = 0;
	p->ts_ok = 0;
	p->font_page++;
}

int
pdf_page_at(struct pdf *p, int index, double w, double h)
{
	if (index < 0)
		return -1;
	page_end(p);
	while (p->npages <= index)
		if (pdf_page(p, w, h) < 0)
			return -1;
	page_end(p);
	page_enter(p, index);
	return index;
}

int
pdf_page(struct pdf *p, double w, double h)
{
	HPDF_Page pg;
	HPDF_Dict res;
	HPDF_Array box;
	struct pres *r;

	page_end(p);
	p->what = "new page";
	pg = HPDF_AddPage(p->doc);
	if (pg == NULL) {
		obj_check(p);
		return -1;
	}
	HPDF_Page_SetWidth(pg, (HPDF_REAL)w);
	HPDF_Page_SetHeight(pg, (HPDF_REAL)h);
	/*
	 * The size of the first page is said once, in the pages' root, and
	 * inherited by each page of that size (an array and four numbers of
	 * libharu's a page, held until the save, otherwise).
	 */
	if (p->npages == 0 && (box = HPDF_Array_New(p->doc->mmgr)) != NULL &&
	    HPDF_Dict_Add(p->doc->root_pages, "MediaBox", box) == HPDF_OK) {
		HPDF_Array_AddReal(box, 0);
		HPDF_Array_AddReal(box, 0);
		HPDF_Array_AddReal(box, (HPDF_REAL)w);
		HPDF_Array_AddReal(box, (HPDF_REAL)h);
		p->box_w = w;
		p->box_h = h;
	}
	if (w == p->box_w && h == p->box_h)
		HPDF_Dict_RemoveElement(pg, "MediaBox");
	if (p->npages == p->pagecap) {
		p->pagecap = p->pagecap ? p->pagecap * 2 : 16;
		p->pages = xrealloc(p->pages, (size_t)p->pagecap *
		    sizeof(*p->pages));
		p->contents = xrealloc(p->contents, (size_t)p->pagecap *
		    sizeof(*p->contents));
		p->filled = xrealloc(p->filled, (size_t)p->pagecap);
		p->res = xrealloc(p->res, (size_t)p->pagecap *
		    sizeof(*p->res));
	}
	/*
	 * Its resources: a list of names, written as a dictionary with the
	 * PDF, in place of libharu's (which named five procedure sets, which
	 * PDF 1.4 made obsolete, and held an object for each name).
	 */
	r = arena_alloc(p->a, sizeof(*r));
	if ((res = obj_gen(p, 0, res_write, r)) == NULL ||
	    HPDF_Dict_Add(pg, "Resources", res) != HPDF_OK) {
		obj_check(p);
		return -1;
	}
	obj_check(p);
	p->pages[p->npages] = pg;
	p->contents[p->npages] = NULL;
	p->filled[p->npages] = 0;
	p->res[p->npages] = r;
	page_enter(p, p->npages);
	return p->npages++;
}

int
pdf_npages(const struct pdf *p)
{
	return p->npages;
}

/* Name obj in the current page's resources, once. */
static void
res_name(struct pdf *p, char kind, int num, void *obj)
{
	struct pres *r = p->res[p->cur];
	int i;

	for (i = 0; i < r->n; i++)
		if (r->e[i].kind == kind && r->e[i].num == num)
			return;
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 4;
		r->e = xrealloc(r->e, (size_t)r->cap * sizeof(*r->e));
	}
	r->e[r->n].kind = kind;
	r->e[r->n].num = num;
	r->e[r->n++].obj = obj;
}

/* Name pf in the current page's resources as /F<id>, once a page. */
void
page_font(struct pdf *p, struct pfont *pf)
{
	if (pf->page == p->font_page)
		return;
	pf->page = p->font_page;
	p->what = "page resources";
	res_name(p, 'F', pf->id, pf->type0);
}

/* Name form k (p->forms) in the current page's resources as /G<k>. */
void
page_form(struct pdf *p, size_t k)
{
	if (p->forms[k].page == p->font_page)
		return;
	p->forms[k].page = p->font_page;
	p->what = "page resources";
	res_name(p, 'G', (int)k, p->forms[k].form);
}

/*
 * The graphics state of fill opacity alpha, made once (NALPHA at most),
 * named /GS<k> in the current page's resources; returns k, 0 if none.
 */
int
page_alpha(struct pdf *p, double alpha)
{
	int k;

	for (k = 0; k < p->ngs && p->gs_alpha[k] != alpha; k++)
		continue;
	p->what = "transparency";
	if (k == p->ngs) {
		if (k == NALPHA)
			return 0;
		p->gs[k] = HPDF_CreateExtGState(p->doc);
		if (p->gs[k] == NULL) {
			obj_check(p);
			return 0;
		}
		HPDF_ExtGState_SetAlphaFill(p->gs[k], (HPDF_REAL)alpha);
		p->gs_alpha[k] = alpha;
		p->ngs++;
	}
	if (!(p->pg_alpha & 1u << k)) {
		p->pg_alpha |= 1u << k;
		res_name(p, 'S', k + 1, p->gs[k]);
	}
	obj_check(p);
	return k + 1;
}

void
pdf_rect(struct pdf *p, double x, double y, double w, double h, double r,
    double g, double b)
{
	struct buf *o = &p->pg;

	if (p->page == NULL)
		return;
	buf_str(o, "q ");
	buf_rgb(o, r, g, b, " rg ");
	buf_num(o, x, 3);
	buf_add(o, " ", 1);
	buf_num(o, y, 3);
	buf_add(o, " ", 1);
	buf_num(o, w, 3);
	buf_add(o, " ", 1);
	buf_num(o, h, 3);
	buf_str(o, " re f Q\n");
}

void
pdf_line(struct pdf *p, double x0, double y0, double x1, double y1,
    double width, double r, double g, double b, int dotted)
{
	struct buf *o = &p->pg;

	if (p->page == NULL)
		return;
	buf_str(o, "q ");
	buf_rgb(o, r, g, b, " RG ");
	buf_num(o, width, 3);
	buf_str(o, " w ");
	if (dotted) {
		buf_str(o, "1 J [0 ");
		buf_num(o, width * 2, 3);
		buf_str(o, "] 0 d ");
	}
	buf_num(o, x0, 3);
	buf_add(o, " ", 1);
	buf_num(o, y0, 3);
	buf_str(o, " m ");
	buf_num(o, x1, 3);
	buf_add(o, " ", 1);
	buf_num(o, y1, 3);
	buf_str(o, " l S Q\n");
}

/*
 * A link's area, in whole points outward: libharu's numbers (HPDF_FToA)
 * would round otherwise in 2.3 and truncate in 2.4, so these are written
 * as whole numbers, the same from both.
 */
static HPDF_Rect
link_rect(double x, double y, double w, double h)
{
	HPDF_Rect rc;

	rc.left = (HPDF_REAL)floor(x);
	rc.bottom = (HPDF_REAL)floor(y);
	rc.right = (HPDF_REAL)ceil(x + w);
	rc.top = (HPDF_REAL)ceil(y + h);
	return rc;
}

/*
 * A link annotation on page from, a slim object: its entries but the
 * action's URI are text; NULL when libharu failed (obj_check says).
 */
static HPDF_Dict
link_annot(struct pdf *p, int from, HPDF_Rect rc)
{
	HPDF_Page pg = p->pages[from];
	HPDF_Dict a = obj_slim(p, 1);
	HPDF_Array annots;

	if (a == NULL)
		return NULL;
	if ((annots = HPDF_Dict_GetItem(pg, "Annots",
	    HPDF_OCLASS_ARRAY)) == NULL) {
		if ((annots = HPDF_Array_New(p->doc->mmgr)) == NULL ||
		    HPDF_Dict_Add(pg, "Annots", annots) != HPDF_OK)
			return NULL;
	}
	if (HPDF_Array_Add(annots, a) != HPDF_OK)
		return NULL;
	/* /F 4, printed: PDF/A asks for it, and a link draws nothing */
	obj_slim_add(p, "/Type /Annot\012/Subtype /Link\012/Rect [ %d %d %d "
	    "%d ]\012/Border [ 0 0 0 ]\012/F 4\012/P %u 0 R\012", (int)rc.left,
	    (int)rc.bottom, (int)rc.right, (int)rc.top, obj_num(pg));
	return a;
}

void
pdf_link_uri(struct pdf *p, double x, double y, double w, double h,
    const char *uri)
{
	HPDF_Dict a, act;
	const char *u;

	if (p->page == NULL || uri == NULL)
		return;
	p->what = "link";
	if ((a = link_annot(p, p->cur, link_rect(x, y, w, h))) != NULL) {
		int key = tag_annot(p, a, -1);

		if (key >= 0) {
			/* what it is for a screen reader (PDF/UA): where
			   it goes */
			obj_slim_add(p, "/StructParent %d\012/Contents <", key);
			for (u = uri; *u != '\0'; u++)
				obj_slim_add(p, "%02X", (unsigned char)*u);
			obj_slim_add(p, ">\012");
		}
		obj_slim_end(p, a, NULL, NULL);
		if ((act = obj_slim(p, 0)) != NULL &&
		    HPDF_Dict_Add(a, "A", act) == HPDF_OK &&
		    HPDF_Dict_Add(act, "URI", HPDF_String_New(p->doc->mmgr,
		    uri, NULL)) == HPDF_OK) {
			obj_slim_add(p, "/Type /Action\012/S /URI\012");
			obj_slim_end(p, act, NULL, NULL);
		}
	}
	obj_check(p);
}

void
pdf_link_page(struct pdf *p, double x, double y, double w, double h,
    int page, double dest_y)
{
	struct plink *l;

	if (p->page == NULL || page < 0)
		return;
	if (p->nlinks == p->linkcap) {
		p->linkcap = p->linkcap ? p->linkcap * 2 : 32;
		p->links = xrealloc(p->links, p->linkcap * sizeof(*p->links));
	}
	l = &p->links[p->nlinks++];
	l->from = p->cur;
	l->to = page;
	l->rect = link_rect(x, y, w, h);
	l->y = dest_y;
	l->id = NULL;
	l->annot = NULL;
	l->key = tag_annot(p, NULL, (int)(p->nlinks - 1));
}

void
pdf_link_id(struct pdf *p, double x, double y, double w, double h,
    const char *id)
{
	pdf_link_page(p, x, y, w, h, 0, 0);
	/* a copy: the text it is from may be gone by the end */
	if (p->page != NULL && p->nlinks > 0)
		p->links[p->nlinks - 1].id = arena_strdup(p->a, id);
}

void
pdf_link_ids(struct pdf *p, int (*find)(void *, const char *, int *,
    double *), void *ctx)
{
	size_t i;

	for (i = 0; i < p->nlinks; i++) {
		struct plink *l = &p->links[i];

		if (l->id == NULL)
			continue;
		if (find(ctx, l->id, &l->to, &l->y))
			l->id = NULL;
		else
			l->to = -1;	/* none: no link (the reader said) */
	}
}

int
pdf_outline(struct pdf *p, int parent, const char *title, int page,
    double dest_y)
{
	struct poutline *o;

	if (title == NULL || page < 0 || parent < -1 ||
	    parent >= (int)p->nol)
		return -1;
	if (p->nol == p->olcap) {
		p->olcap = p->olcap ? p->olcap * 2 : 32;
		p->ol = xrealloc(p->ol, p->olcap * sizeof(*p->ol));
	}
	o = &p->ol[p->nol];
	o->parent = parent;
	o->page = page;
	o->title = title;		/* borrowed: see pdf_int.h */
	o->y = dest_y;
	return (int)p->nol++;
}

/*
 * A destination, added to the text being made: page, top of the view at
 * y (a whole point, as link_rect), zoom unchanged.  0 when there is no
 * such page.
 */
static int
link_dest(struct pdf *p, int page, double y)
{
	if (page >= p->npages) {
		diag_emit(p->d, DIAG_PDF, NULL, 0, 0,
		    "link to page %d of %d", page + 1, p->npages);
		p->failed = 1;
		return 0;
	}
	obj_slim_add(p, "/Dest [ %u 0 R /XYZ null %ld null ]\012",
	    obj_num(p->pages[page]), lround(y));
	return 1;
}

/* An item of the bookmarks, as the PDF is written. */
static HPDF_STATUS
outline_write(HPDF_Dict d, HPDF_Stream out)
{
	const struct poutline *o = obj_arg(d);
	char s[160];
	size_t n;
	HPDF_STATUS rc;

	if (o->title != NULL && ((rc = HPDF_Stream_WriteStr(out, "/Title ")) !=
	    HPDF_OK || (rc = obj_write_utf16(out, o->title)) != HPDF_OK))
		return rc;
	n = (size_t)snprintf(s, sizeof(s), "/Parent %u 0 R\012", o->up);
	if (o->prev != 0)
		n += (size_t)snprintf(s + n, sizeof(s) - n, "/Prev %u 0 R\012",
		    o->prev);
	if (o->next != 0)
		n += (size_t)snprintf(s + n, sizeof(s) - n, "/Next %u 0 R\012",
		    o->next);
	if ((rc = HPDF_Stream_WriteStr(out, s)) != HPDF_OK)
		return rc;
	n = 0;
	if (o->first != 0)
		n += (size_t)snprintf(s, sizeof(s), "/First %u 0 R\012/Last %u 0 "
		    "R\012", o->first, o->last);
	if (o->count != 0)
		n += (size_t)snprintf(s + n, sizeof(s) - n, "/Count %d\012",
		    o->count);
	snprintf(s + n, sizeof(s) - n, "/Dest [ %u 0 R /XYZ null %ld null ]"
	    "\012", o->dest, lround(o->y));
	return HPDF_Stream_WriteStr(out, s);
}

/*
 * The bookmarks: a root and an item each, objects made first (their
 * numbers name each other), each item written from what p->ol says of
 * it when the PDF is.  Items at the top are open, the rest closed;
 * /Count as PDF asks: the items an open one shows, the negative of
 * those a closed one would.
 */
static void
outline_finish(struct pdf *p)
{
	size_t n = p->nol, i;
	HPDF_Dict *d = xcalloc(n + 1, sizeof(*d));
	/* by item, root at n: first and last child, next and previous */
	int *rel = xmalloc((n + 1) * 4 * sizeof(*rel)), *shown;
	HPDF_Dict root;

	shown = xcalloc(n + 1, sizeof(*shown));
	for (i = 0; i < (n + 1) * 4; i++)
		rel[i] = -1;
	for (i = 0; i < n; i++) {
		size_t up = p->ol[i].parent < 0 ? n : (size_t)p->ol[i].parent;

		if (rel[up * 4] < 0)
			rel[up * 4] = (int)i;
		else {
			rel[rel[up * 4 + 1] * 4 + 2] = (int)i;
			rel[i * 4 + 3] = rel[up * 4 + 1];
		}
		rel[up * 4 + 1] = (int)i;
	}
	/* children come after their parents: count from the end */
	for (i = n; i-- > 0; ) {
		size_t up = p->ol[i].parent < 0 ? n : (size_t)p->ol[i].parent;

		shown[up] += 1 + (p->ol[i].parent < 0 ? shown[i] : 0);
	}
	for (i = 0; i <= n; i++)
		if ((d[i] = obj_slim(p, 1)) == NULL)
			goto out;
	root = d[n];
	for (i = 0; i < n; i++) {
		struct poutline *o = &p->ol[i];
		int k;

		if (o->page >= p->npages) {
			diag_emit(p->d, DIAG_PDF, NULL, 0, 0,
			    "link to page %d of %d", o->page + 1, p->npages);
			p->failed = 1;
			break;
		}
		o->up = obj_num(o->parent < 0 ? root : d[o->parent]);
		o->prev = (k = rel[i * 4 + 3]) >= 0 ? obj_num(d[k]) : 0;
		o->next = (k = rel[i * 4 + 2]) >= 0 ? obj_num(d[k]) : 0;
		o->first = (k = rel[i * 4]) >= 0 ? obj_num(d[k]) : 0;
		o->last = k >= 0 ? obj_num(d[rel[i * 4 + 1]]) : 0;
		o->count = shown[i] > 0 ? (o->parent < 0 ? shown[i] :
		    -shown[i]) : 0;
		o->dest = obj_num(p->pages[o->page]);
		obj_gen_set(d[i], outline_write, o);
	}
	obj_slim_add(p, "/Type /Outlines\012");
	if (rel[n * 4] >= 0)
		obj_slim_add(p, "/First %u 0 R\012/Last %u 0 R\012",
		    obj_num(d[rel[n * 4]]), obj_num(d[rel[n * 4 + 1]]));
	if (shown[n] > 0)
		obj_slim_add(p, "/Count %d\012", shown[n]);
	obj_slim_end(p, root, NULL, NULL);
	if (!p->failed && HPDF_Dict_Add(p->doc->catalog, "Outlines", root) ==
	    HPDF_OK)
		HPDF_SetPageMode(p->doc, HPDF_PAGE_MODE_USE_OUTLINE);
out:
	free(shown);
	free(rel);
	free(d);
}

/* The links to pages and the bookmarks, now that every page exists. */
void
link_finish(struct pdf *p)
{
	size_t i;

	p->what = "links and bookmarks";
	for (i = 0; i < p->nlinks && !p->failed; i++) {
		struct plink *l = &p->links[i];
		HPDF_Dict a;

		if (l->to < 0)
			continue;
		a = link_annot(p, l->from, l->rect);

		if (a == NULL || !link_dest(p, l->to, l->y))
			break;
		if (l->key >= 0)	/* its description: the page */
			obj_slim_add(p, "/StructParent %d\012/Contents (%d)\012",
			    l->key, l->to + 1);
		obj_slim_end(p, a, NULL, NULL);
		l->annot = a;
	}
	if (p->nol > 0 && !p->failed)
		outline_finish(p);
	obj_check(p);
}

void
pdf_page_label(struct pdf *p, size_t first, int roman, const char *prefix,
    int thai)
{
	struct plabel *l;

	p->lab = xrealloc(p->lab, (p->nlab + 1) * sizeof(*p->lab));
	l = &p->lab[p->nlab++];
	l->first = first;
	l->roman = roman;
	l->thai = thai && !roman;
	l->prefix = prefix;
}

/* s with its ASCII digits as Thai digits, as a UTF-16 hex string. */
static void
label_thai(struct pdf *p, const char *s)
{
	obj_slim_add(p, "<FEFF");
	for (; *s != '\0'; s++)
		obj_slim_add(p, "%04X", *s >= '0' && *s <= '9' ? 0x0E50 +
		    (*s - '0') : (unsigned char)*s);
	obj_slim_add(p, ">");
}

/*
 * The page labels (/PageLabels): a range a label, numbered by the
 * viewer; in Thai digits, which no numbering style of PDF has, a label
 * a page.
 */
void
label_finish(struct pdf *p)
{
	HPDF_Dict d;
	size_t k, i, end;
	char num[48];

	if (p->nlab == 0 || (d = obj_slim(p, 0)) == NULL)
		return;
	p->what = "page labels";
	obj_slim_add(p, "/Nums [");
	for (k = 0; k < p->nlab; k++) {
		const struct plabel *l = &p->lab[k];

		end = k + 1 < p->nlab ? p->lab[k + 1].first : (size_t)p->npages;
		if (!l->thai) {
			obj_slim_add(p, " %zu << /S /%s", l->first, l->roman ?
			    "r" : "D");
			if (l->prefix != NULL)
				obj_slim_add(p, " /P (%s)", l->prefix);
			obj_slim_add(p, " >>");
			continue;
		}
		for (i = l->first; i < end; i++) {
			snprintf(num, sizeof(num), "%s%zu", l->prefix != NULL ?
			    l->prefix : "", i - l->first + 1);
			obj_slim_add(p, " %zu << /P ", i);
			label_thai(p, num);
			obj_slim_add(p, " >>");
		}
	}
	obj_slim_add(p, " ]\012");
	obj_slim_end(p, d, NULL, NULL);
	HPDF_Dict_Add(p->doc->catalog, "PageLabels", d);
	obj_check(p);
}
