/*
 * pdf_tag.c - the tagged PDF: marked content in the pages (an MCID for
 * each piece of the document's text, /Artifact for what is not of it:
 * running heads, banners, rules, the watermark) and, when the document
 * ends, the structure tree that orders them as a reader reads them:
 * Document, its title block, the contents (TOC of TOCI), each event a
 * Sect of its date (Lbl), title (H2), paragraphs and sources (P), links
 * (Link, with the annotation as an OBJR), emphasis (Span) and quotations
 * (Quote) inside them, each element with its /Lang
 * when it differs from the document's; the parent tree, /StructParents
 * of the pages and /StructParent of the links, /MarkInfo, /Tabs /S.
 *
 * The tree is made as the pieces are drawn (an MCID is given in drawing
 * order within a page, and a page's body is drawn before its furniture,
 * which is never of the structure); an element is written once nothing
 * more can come into it.  Pages are drawn in reading order but for the
 * title and contents pages, drawn last: their pieces start afresh and
 * the root puts its children in page order when it is written.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_writer.h"

/* Structure types by role (enum pdf_tag). */
static const char *const tag_name[TAG__MAX] = {
	[TAG_ARTIFACT] = "Artifact", [TAG_H1] = "H1", [TAG_H2] = "H2",
	[TAG_P] = "P", [TAG_LBL] = "Lbl", [TAG_TOCI] = "TOCI"
};

/* Roles of the elements the tree adds: containers, inline ones. */
enum { ELEM_DOCUMENT = TAG__MAX, ELEM_SECT, ELEM_TOC, ELEM_LINK,
    ELEM_SPAN, ELEM_QUOTE, ELEM_REFERENCE, ELEM__MAX };

static const char *const elem_name[ELEM__MAX - TAG__MAX] = {
	"Document", "Sect", "TOC", "Link", "Span", "Quote", "Reference"
};

/*
 * An element of the tree while it may still get children: the elements
 * are made as the pieces come, and each is written (its text kept for
 * the save) once nothing more can come into it, so what the tree holds
 * of a document is never more than a few open elements and, for the
 * parent tree, an object number for each piece.
 */
struct tel {
	HPDF_Dict	 obj;
	int		 role;		/* enum pdf_tag, or ELEM_* */
	struct tel	*parent;	/* NULL: under the tree's root */
	int		 page;		/* of its first content, -1 none */
	const char	*lang;		/* (lang_keep's) its own, or NULL */
	const char	*eff;		/* (lang_keep's, or the document's)
					   its own or inherited */
	struct buf	 kids;		/* its /K entries, as text */
	int		 held;		/* still a slot of struct tags */
	int		 open;		/* children not written yet */
	struct tel	*next;		/* on the free list */
	struct tel	*all;		/* every one made */
};

/* A child of the tree's root: sorted by page at the end. */
struct tkid {
	int		 page;
	int		 seq;		/* as made */
	unsigned	 obj;
	int		 annot;		/* 1: an annotation (OBJR), 0: an
					   element */
};

/* The pieces of one page: the element of each MCID, by object number. */
struct tpage {
	unsigned	*obj;
	int		 n, cap;
};

/* The tree being made (struct pdf's tags). */
struct tags {
	struct tel	*sect, *toc, *leaf, *last;	/* last: NULL is the
						   root */
	struct tel	*free;
	struct tkid	*root;		/* the root's children */
	size_t		 nroot, caproot;
	int		 root_page;
	struct tpage	*pg;		/* by page */
	size_t		 npg;
	unsigned	*akey;		/* by annotation key: its element's
					   object, 0: none */
	size_t		 nakey, capakey;
	int		 seen_page;	/* of the last piece placed, -1 */
	/* the piece drawn last, placed when the next one comes (it may be
	   taken back: tag_mc_undo) */
	int		 pend, pend_page, pend_mcid, pend_role;
	unsigned	 pend_flags;
	const char	*pend_lang;
	struct tel	*made;		/* every element (all) */
	HPDF_Dict	 root_obj;	/* Document, made with the first
					   element */
	HPDF_Dict	 tree_obj;	/* the StructTreeRoot */
	const char	**langs;	/* (pdf's arena) lang_keep's */
	size_t		 nlangs;
};

static const char *lang_keep(struct pdf *, const char *);

void
pdf_tagged(struct pdf *p)
{
	p->tagged = 1;
	if (p->tags == NULL) {
		p->tags = xcalloc(1, sizeof(*p->tags));
		p->tags->seen_page = -1;
	}
}

void
pdf_tag_lang(struct pdf *p, const char *lang)
{
	if (p->i_lang == NULL)
		p->i_lang = lang;
}

/* The next MCID of the current page. */
static int
page_mcid(struct pdf *p)
{
	if ((size_t)p->cur >= p->nmcid) {
		size_t n = p->nmcid ? p->nmcid : 16;

		while (n <= (size_t)p->cur)
			n *= 2;
		p->mcid = xrealloc(p->mcid, n * sizeof(*p->mcid));
		memset(p->mcid + p->nmcid, 0, (n - p->nmcid) *
		    sizeof(*p->mcid));
		p->nmcid = n;
	}
	return p->mcid[p->cur]++;
}

/*
 * An artifact is marked around what is drawn; an element's text is
 * marked inside its text objects (tag_mc_open), in as many pieces as
 * its words with /ActualText need: marked content of an MCID is never
 * nested, which some readers of the structure do not follow.
 */
void
pdf_tag_begin(struct pdf *p, enum pdf_tag role, unsigned flags,
    const char *lang)
{
	if (!p->tagged || p->page == NULL || p->tag_open)
		return;
	if (role == TAG_ARTIFACT) {
		p->tag_open = 2;
		buf_str(&p->pg, "/Artifact BMC\n");
		return;
	}
	p->tag_open = 1;
	p->tag_role = role;
	p->tag_flags = flags;
	/* kept: the text it came from may be let go before its element
	   is written (tl_opts.once) */
	p->tag_lang = lang != NULL ? lang_keep(p, lang) : NULL;
}

void
pdf_tag_end(struct pdf *p)
{
	if (p->tag_open == 2)
		buf_str(&p->pg, "EMC\n");
	p->tag_open = 0;
}

/* ------------------------------------------------------------------ */
/* The tree, made as the pieces come */

static struct tel *
tel_new(struct tags *t)
{
	struct tel *e = t->free;

	if (e != NULL)
		t->free = e->next;
	else {
		e = xcalloc(1, sizeof(*e));
		e->all = t->made;
		t->made = e;
	}
	return e;
}

static unsigned
num_of(HPDF_Dict d)
{
	return d != NULL ? obj_num(d) : 0;
}

static const char *
role_name(int role)
{
	return role < TAG__MAX ? tag_name[role] : elem_name[role - TAG__MAX];
}

/* A language tag that can be written as it is: letters, digits, -. */
static int
lang_ok(const char *s)
{
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789-");

	return n > 0 && n < 64 && s[n] == '\0';
}

/* The root's element (Document) and the tree's root, made once. */
static void
root_make(struct pdf *p)
{
	struct tags *t = p->tags;

	if (t->root_obj != NULL)
		return;
	t->root_obj = obj_slim(p, 1);
	t->tree_obj = obj_slim(p, 1);
	obj_check(p);
}

/*
 * A written element, as kept until the PDF is: what its dictionary
 * says, written then (elem_write), its children as text.
 */
struct selem {
	const char	*lang;		/* (lang_keep's) /Lang, or NULL */
	unsigned	 parent, page;	/* object numbers; page 0: none */
	unsigned char	 role;
	char		 kids[];	/* NUL-terminated */
};

static HPDF_STATUS
elem_write(HPDF_Dict d, HPDF_Stream out)
{
	const struct selem *se = obj_arg(d);
	char s[128];
	HPDF_STATUS rc;

	snprintf(s, sizeof(s), "/Type /StructElem\012/S /%s\012/P %u 0 R\012",
	    role_name(se->role), se->parent);
	rc = HPDF_Stream_WriteStr(out, s);
	if (rc == HPDF_OK && se->page != 0) {
		snprintf(s, sizeof(s), "/Pg %u 0 R\012", se->page);
		rc = HPDF_Stream_WriteStr(out, s);
	}
	if (rc == HPDF_OK && se->lang != NULL) {
		snprintf(s, sizeof(s), "/Lang (%s)\012", se->lang);
		rc = HPDF_Stream_WriteStr(out, s);
	}
	if (rc == HPDF_OK)
		rc = HPDF_Stream_WriteStr(out, "/K [");
	if (rc == HPDF_OK)
		rc = HPDF_Stream_WriteStr(out, se->kids);
	if (rc == HPDF_OK)
		rc = HPDF_Stream_WriteStr(out, " ]\012");
	return rc;
}

/* A language tag as kept until the PDF is written: one copy of each. */
static const char *
lang_keep(struct pdf *p, const char *lang)
{
	struct tags *t = p->tags;
	size_t i;

	for (i = 0; i < t->nlangs; i++)
		if (strcmp(t->langs[i], lang) == 0)
			return t->langs[i];
	t->langs = arena_grow(p->a, t->langs, t->nlangs, t->nlangs + 1,
	    sizeof(*t->langs));
	return t->langs[t->nlangs++] = arena_strdup(p->a, lang);
}

/* Element e's dictionary, now that nothing more comes into it. */
static void
tel_write(struct pdf *p, struct tel *e)
{
	struct tags *t = p->tags;
	struct selem *se;
	struct tel *up;
	const char *ul;

	while (e != NULL && !e->held && e->open == 0) {
		up = e->parent;
		ul = up != NULL ? up->eff : p->i_lang;
		se = arena_alloc(p->a, sizeof(*se) + e->kids.len + 1);
		se->role = (unsigned char)e->role;
		se->parent = up != NULL ? num_of(up->obj) : num_of(t->root_obj);
		se->page = e->page >= 0 ? num_of(p->pages[e->page]) : 0;
		if (e->lang != NULL && lang_ok(e->lang) && (ul == NULL ||
		    strcmp(e->lang, ul) != 0))
			se->lang = e->lang;	/* lang_keep's */
		if (e->kids.len > 0)
			memcpy(se->kids, e->kids.s, e->kids.len);
		se->kids[e->kids.len] = '\0';
		if (e->obj != NULL)
			obj_gen_set(e->obj, elem_write, se);
		e->kids.len = 0;
		if (e->kids.s != NULL)
			e->kids.s[0] = '\0';
		e->next = t->free;
		t->free = e;
		if (up != NULL)
			up->open--;
		e = up;
	}
}

/* Slot holder done with e: written once its children are. */
static void
tel_release(struct pdf *p, struct tel *e)
{
	if (e == NULL)
		return;
	e->held = 0;
	tel_write(p, e);
}

/* Whatever follows page pg in e (set its page when it has none). */
static void
tel_page(struct tel *e, int pg)
{
	if (e->page < 0)
		e->page = pg;
}

/* A new element of role under up (NULL: the root), as its next child. */
static struct tel *
child_new(struct pdf *p, int role, struct tel *up, const char *lang, int pg)
{
	struct tags *t = p->tags;
	struct tel *e = tel_new(t);

	root_make(p);
	e->obj = obj_slim(p, 1);
	obj_check(p);
	e->role = role;
	e->parent = up;
	e->page = -1;
	e->lang = lang;
	e->eff = lang != NULL ? lang : up != NULL ? up->eff : p->i_lang;
	e->held = 1;
	e->open = 0;
	e->kids.len = 0;
	if (up != NULL) {
		up->open++;
		tel_page(up, pg);
		buf_fmt(&up->kids, " %u 0 R", num_of(e->obj));
	} else {
		if (t->nroot == t->caproot) {
			t->caproot = t->caproot ? t->caproot * 2 : 64;
			t->root = xrealloc(t->root, t->caproot *
			    sizeof(*t->root));
		}
		t->root[t->nroot].page = pg;
		t->root[t->nroot].seq = (int)t->nroot;
		t->root[t->nroot].obj = num_of(e->obj);
		t->root[t->nroot++].annot = 0;
	}
	return e;
}

/* Piece mcid of page pg, of element e (for the parent tree too). */
static void
piece_add(struct pdf *p, struct tel *e, int pg, int mcid)
{
	struct tags *t = p->tags;
	struct tpage *tp;

	tel_page(e, pg);
	if (pg == e->page)
		buf_fmt(&e->kids, " %d", mcid);
	else
		buf_fmt(&e->kids, " << /Type /MCR /Pg %u 0 R /MCID %d >>",
		    num_of(p->pages[pg]), mcid);
	if ((size_t)pg >= t->npg) {
		size_t n = t->npg ? t->npg : 16;

		while (n <= (size_t)pg)
			n *= 2;
		t->pg = xrealloc(t->pg, n * sizeof(*t->pg));
		memset(t->pg + t->npg, 0, (n - t->npg) * sizeof(*t->pg));
		t->npg = n;
	}
	tp = &t->pg[pg];
	if (mcid >= tp->cap) {
		int n = tp->cap ? tp->cap : 32;

		while (n <= mcid)
			n *= 2;
		tp->obj = xrealloc(tp->obj, (size_t)n * sizeof(*tp->obj));
		memset(tp->obj + tp->cap, 0, (size_t)(n - tp->cap) *
		    sizeof(*tp->obj));
		tp->cap = n;
	}
	tp->obj[mcid] = num_of(e->obj);
	if (mcid >= tp->n)
		tp->n = mcid + 1;
}

/* The pieces of page pg all placed: its array no larger than they. */
static void
page_pieces_done(struct tags *t, int pg)
{
	struct tpage *tp;

	if ((size_t)pg >= t->npg)
		return;
	tp = &t->pg[pg];
	if (tp->n > 0 && tp->n < tp->cap) {
		tp->obj = xrealloc(tp->obj, (size_t)tp->n * sizeof(*tp->obj));
		tp->cap = tp->n;
	}
}

/* The open elements let go: what comes next starts afresh. */
static void
slots_release(struct pdf *p)
{
	struct tags *t = p->tags;

	if (t->last != t->leaf)
		tel_release(p, t->last);
	tel_release(p, t->leaf);
	tel_release(p, t->toc);
	tel_release(p, t->sect);
	t->last = t->leaf = t->toc = t->sect = NULL;
}

/*
 * The piece drawn last into the tree.  Pages come in reading order but
 * for the title and contents pages, which come last and are read first:
 * a piece on a page before the last one's starts afresh (they are put
 * first when the root is written).
 */
static void
piece_place(struct pdf *p)
{
	struct tags *t = p->tags;
	int pg = t->pend_page, role = t->pend_role, fresh;
	unsigned fl = t->pend_flags;
	const char *lang = t->pend_lang;
	struct tel *up;

	if (!t->pend)
		return;
	t->pend = 0;
	if (t->seen_page >= 0 && pg < t->seen_page)
		slots_release(p);
	if (t->seen_page >= 0 && pg != t->seen_page)
		page_pieces_done(t, t->seen_page);
	t->seen_page = pg;
	if ((fl & PDF_TAG_MORE) && t->last != NULL) {
		piece_add(p, t->last, pg, t->pend_mcid);
		return;
	}
	if (t->last != t->leaf)		/* an inline element ends */
		tel_release(p, t->last);
	t->last = NULL;
	fresh = (fl & (PDF_TAG_NEW | PDF_TAG_SECT)) || t->leaf == NULL ||
	    t->leaf->role != role;
	if (fresh) {
		tel_release(p, t->leaf);
		t->leaf = NULL;
	}
	if (fl & (PDF_TAG_OUT | PDF_TAG_SECT)) {
		tel_release(p, t->sect);
		t->sect = NULL;
	}
	if (fl & PDF_TAG_SECT) {
		tel_release(p, t->toc);
		t->toc = NULL;
		t->sect = child_new(p, ELEM_SECT, NULL, NULL, pg);
	}
	if (fresh) {
		up = t->sect;
		if (role == TAG_TOCI) {
			if (t->toc == NULL)
				t->toc = child_new(p, ELEM_TOC, up, NULL, pg);
			up = t->toc;
		} else {
			tel_release(p, t->toc);
			t->toc = NULL;
		}
		t->leaf = child_new(p, role, up, lang, pg);
	}
	t->last = t->leaf;
	if (fl & PDF_TAG_REF)
		t->last = child_new(p, ELEM_REFERENCE, t->leaf, lang, pg);
	else if (fl & PDF_TAG_LINK)
		t->last = child_new(p, ELEM_LINK, t->leaf, lang, pg);
	else if (fl & PDF_TAG_QUOTE)
		t->last = child_new(p, ELEM_QUOTE, t->leaf, lang, pg);
	else if (fl & PDF_TAG_SPAN)
		t->last = child_new(p, ELEM_SPAN, t->leaf, lang, pg);
	piece_add(p, t->last, pg, t->pend_mcid);
}

/*
 * Inside a text object: open the next piece of marked content of the
 * element begun (with actual, its /ActualText, n characters); 1 when one
 * is open, 0 when there is nothing to mark.
 */
int
tag_mc_open(struct pdf *p, struct buf *o, const uint32_t *actual, int n)
{
	struct tags *t = p->tags;
	char s[64];
	int i, mcid;

	if (p->tag_open != 1)
		return 0;
	piece_place(p);			/* the one before is drawn */
	mcid = page_mcid(p);
	t->pend = 1;
	t->pend_page = p->cur;
	t->pend_mcid = mcid;
	t->pend_role = p->tag_role;
	t->pend_flags = p->tag_flags;
	t->pend_lang = p->tag_lang;
	p->tag_flags = PDF_TAG_MORE;	/* the rest go on with it */
	p->tag_last = mcid;
	p->tag_page = p->cur;
	/* /ActualText is read (by poppler) on /Span only: the tag need not
	   be the element's type, which the tree gives */
	snprintf(s, sizeof(s), "/%s <</MCID %d", actual != NULL ? "Span" :
	    tag_name[p->tag_role], mcid);
	buf_str(o, s);
	if (actual != NULL) {
		buf_str(o, " /ActualText(");
		buf_lit2(o, 0xfeff);
		for (i = 0; i < n; i++)
			buf_utf16(o, actual[i], buf_lit2);
		buf_str(o, ")");
	}
	buf_str(o, ">> BDC\n");
	return 1;
}

/* The last piece opened, taken back (nothing was drawn in it). */
void
tag_mc_undo(struct pdf *p)
{
	struct tags *t = p->tags;
	int left;

	if (!t->pend)
		return;
	t->pend = 0;
	p->tag_flags = t->pend_flags;
	left = --p->mcid[t->pend_page];
	/* the one before on this page, if any, was placed */
	p->tag_last = t->pend_page == p->cur && left > 0 ? left - 1 : -1;
}

/*
 * An annotation on the current page, into the structure beside the
 * content drawn last on it (a link's text): its /StructParent key, or
 * -1 when the PDF is not tagged.  link: the index of a link to a page,
 * whose annotation is made at the end (its object is made now, for the
 * structure to name it), else -1 and annot.
 */
int
tag_annot(struct pdf *p, HPDF_Dict annot, int link)
{
	struct tags *t = p->tags;
	struct tel *e;
	int key;

	if (!p->tagged || p->page == NULL)
		return -1;
	piece_place(p);
	if (link >= 0) {
		annot = p->links[link].annot = obj_slim(p, 1);
		obj_check(p);
	}
	if (t->nakey == t->capakey) {
		t->capakey = t->capakey ? t->capakey * 2 : 32;
		t->akey = xrealloc(t->akey, t->capakey * sizeof(*t->akey));
	}
	key = (int)t->nakey++;
	root_make(p);
	if ((e = t->last) != NULL) {
		tel_page(e, p->cur);
		buf_fmt(&e->kids, " << /Type /OBJR /Pg %u 0 R /Obj %u 0 R >>",
		    num_of(p->page), num_of(annot));
		t->akey[key] = num_of(e->obj);
	} else {
		/* before any element: the root's */
		if (t->nroot == t->caproot) {
			t->caproot = t->caproot ? t->caproot * 2 : 64;
			t->root = xrealloc(t->root, t->caproot *
			    sizeof(*t->root));
		}
		t->root[t->nroot].page = p->cur;
		t->root[t->nroot].seq = (int)t->nroot;
		t->root[t->nroot].obj = num_of(annot);
		t->root[t->nroot++].annot = 1;
		t->akey[key] = num_of(t->root_obj);
	}
	return key;
}

/* The root's children in reading order: by page, then as made. */
static int
root_cmp(const void *a, const void *b)
{
	const struct tkid *x = a, *y = b;

	if (x->page != y->page)
		return x->page < y->page ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Text to out through a small buffer. */
struct wbuf {
	HPDF_Stream	 out;
	HPDF_STATUS	 rc;
	size_t		 n;
	char		 b[4096];
};

static void
wb_put(struct wbuf *w, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (w->rc != HPDF_OK)
		return;
	if (w->n > sizeof(w->b) - 128) {
		w->rc = HPDF_Stream_Write(w->out, (const HPDF_BYTE *)w->b,
		    (HPDF_UINT)w->n);
		w->n = 0;
	}
	va_start(ap, fmt);
	n = vsnprintf(w->b + w->n, sizeof(w->b) - w->n, fmt, ap);
	va_end(ap);
	if (n > 0)
		w->n += (size_t)n;
}

/*
 * The parent tree, written with the PDF: for each annotation its
 * element, for each page with marked content the element of each of its
 * MCIDs.  Keys: annotations from 0, pages after them.
 */
static HPDF_STATUS
ptree_write(HPDF_Dict d, HPDF_Stream out)
{
	const struct pdf *p = obj_arg(d);
	const struct tags *t = p->tags;
	struct wbuf *w = xmalloc(sizeof(*w));
	HPDF_STATUS rc;
	size_t k;
	int pg, i;

	w->out = out;
	w->rc = HPDF_OK;
	w->n = 0;
	wb_put(w, "/Nums [");
	for (k = 0; k < t->nakey; k++)
		if (t->akey[k] != 0)
			wb_put(w, " %zu %u 0 R", k, t->akey[k]);
	for (pg = 0; pg < p->npages && (size_t)pg < t->npg; pg++) {
		const struct tpage *tp = &t->pg[pg];

		if (tp->n == 0)
			continue;
		wb_put(w, " %d [", (int)t->nakey + pg);
		for (i = 0; i < tp->n; i++)
			if (tp->obj[i] != 0)
				wb_put(w, " %u 0 R", tp->obj[i]);
			else
				wb_put(w, " null");
		wb_put(w, " ]");
	}
	wb_put(w, " ]\012");
	if (w->rc == HPDF_OK && w->n > 0)
		w->rc = HPDF_Stream_Write(out, (const HPDF_BYTE *)w->b,
		    (HPDF_UINT)w->n);
	rc = w->rc;
	free(w);
	return rc;
}

/*
 * A page's entries of the structure, written with it: its key in the
 * parent tree when it has marked content, and its tab order.
 */
static HPDF_STATUS
page_write(HPDF_Dict d, HPDF_Stream out)
{
	const struct pdf *p = obj_pdf(d);
	const struct tags *t = p->tags;
	unsigned num = obj_num(d);
	int lo = 0, hi = p->npages - 1, mid;
	char s[64];

	/* pages are made in order: their numbers grow with their index */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (obj_num(p->pages[mid]) < num)
			lo = mid + 1;
		else
			hi = mid;
	}
	if ((size_t)lo < t->npg && t->pg[lo].n > 0)
		snprintf(s, sizeof(s), "/StructParents %d\012/Tabs /S\012",
		    (int)t->nakey + lo);
	else
		snprintf(s, sizeof(s), "/Tabs /S\012");
	return HPDF_Stream_WriteStr(out, s);
}

/* The structure tree's root, once the pages and the links are made. */
void
tag_finish(struct pdf *p)
{
	struct tags *t = p->tags;
	HPDF_Dict ptree, mi;
	size_t i;
	int pg;

	if (!p->tagged || p->failed)
		return;
	p->what = "structure tree";
	piece_place(p);
	slots_release(p);
	root_make(p);
	if (p->failed)
		return;
	if (t->nroot > 1)
		qsort(t->root, t->nroot, sizeof(*t->root), root_cmp);
	/* the document: the root's children */
	obj_slim_add(p, "/Type /StructElem\012/S /Document\012/P %u 0 R\012",
	    num_of(t->tree_obj));
	if (t->nroot > 0)
		obj_slim_add(p, "/Pg %u 0 R\012",
		    num_of(p->pages[t->root[0].page]));
	obj_slim_add(p, "/K [");
	for (i = 0; i < t->nroot; i++)
		if (t->root[i].annot)
			obj_slim_add(p, " << /Type /OBJR /Pg %u 0 R /Obj %u 0 "
			    "R >>", num_of(p->pages[t->root[i].page]),
			    t->root[i].obj);
		else
			obj_slim_add(p, " %u 0 R", t->root[i].obj);
	obj_slim_add(p, " ]\012");
	obj_slim_end(p, t->root_obj, NULL, NULL);
	if ((ptree = obj_gen(p, 1, ptree_write, p)) == NULL)
		goto out;
	obj_slim_add(p, "/Type /StructTreeRoot\012/K %u 0 R\012/ParentTree "
	    "%u 0 R\012/ParentTreeNextKey %d\012", num_of(t->root_obj),
	    obj_num(ptree), (int)t->nakey + p->npages);
	obj_slim_end(p, t->tree_obj, NULL, NULL);
	HPDF_Dict_Add(p->doc->catalog, "StructTreeRoot", t->tree_obj);
	if ((mi = obj_slim(p, 0)) != NULL) {
		obj_slim_add(p, "/Marked true\012");
		obj_slim_end(p, mi, NULL, NULL);
		HPDF_Dict_Add(p->doc->catalog, "MarkInfo", mi);
	}
	for (pg = 0; pg < p->npages; pg++)
		obj_page_hook(p->pages[pg], page_write);
out:
	obj_check(p);
}

/* What the tree holds, freed. */
void
tag_free(struct pdf *p)
{
	struct tags *t = p->tags;
	struct tel *e;
	size_t i;

	if (t == NULL)
		return;
	while ((e = t->made) != NULL) {
		t->made = e->all;
		buf_free(&e->kids);
		free(e);
	}
	for (i = 0; i < t->npg; i++)
		free(t->pg[i].obj);
	free(t->pg);
	free(t->root);
	free(t->akey);
	free(t);
	p->tags = NULL;
}
