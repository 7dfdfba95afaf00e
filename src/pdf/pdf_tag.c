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
 * Pages are drawn out of reading order (the title and contents pages
 * last, the running heads of each page after its body), so each piece
 * is noted with its page and MCID, and the tree is made at the end from
 * the pieces in page order: an MCID is given in drawing order within a
 * page, and a page's body is drawn before its furniture, which is never
 * of the structure.
 */
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

/* A piece of marked content, as drawn: many, so small. */
struct tmark {
	int		 page;
	int		 mcid;
	const char	*lang;		/* (borrowed) or NULL */
	unsigned char	 role;		/* enum pdf_tag */
	unsigned char	 flags;		/* PDF_TAG_* */
};

/* A link annotation, and the marked content it goes with. */
struct tannot {
	int		 page;
	int		 mcid;		/* the MCID drawn last on its page
					   before it, or -1 */
	HPDF_Dict	 annot;		/* an annotation made, or NULL */
	int		 link;		/* or a link to a page: p->links[link],
					   made at the end; else -1 */
	int		 key;		/* its /StructParent, in order made */
};

/* An element of the tree, and its children in order. */
struct telem {
	int		 role;		/* enum pdf_tag, or ELEM_* */
	int		 parent;	/* -1: the tree's root */
	int		 page;		/* of its first content, -1 none */
	const char	*lang;		/* (borrowed) or NULL */
	HPDF_Dict	 obj;
	int		 first, last;	/* kids, in struct tree's kid list */
};

/* A child: an MCID of a page, an annotation, or an element. */
struct tkid {
	int		 kind;		/* 0: MCID, 1: OBJR, 2: element */
	int		 page;
	int		 v;		/* the MCID, the mark or the element */
	int		 next;
};

struct tree {
	struct telem	*e;
	size_t		 ne, cape;
	struct tkid	*k;
	size_t		 nk, capk;
};

void
pdf_tagged(struct pdf *p)
{
	p->tagged = 1;
}

static struct tmark *
mark_new(struct pdf *p)
{
	if (p->ntm == p->tmcap) {
		p->tmcap = p->tmcap ? p->tmcap * 2 : 256;
		p->tm = xrealloc(p->tm, p->tmcap * sizeof(*p->tm));
	}
	return &p->tm[p->ntm++];
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
	p->tag_lang = lang;
}

void
pdf_tag_end(struct pdf *p)
{
	if (p->tag_open == 2)
		buf_str(&p->pg, "EMC\n");
	p->tag_open = 0;
}

/*
 * Inside a text object: open the next piece of marked content of the
 * element begun (with actual, its /ActualText, n characters); 1 when one
 * is open, 0 when there is nothing to mark.
 */
int
tag_mc_open(struct pdf *p, struct buf *o, const uint32_t *actual, int n)
{
	struct tmark *m;
	char s[64];
	int i;

	if (p->tag_open != 1)
		return 0;
	m = mark_new(p);
	m->page = p->cur;
	m->mcid = page_mcid(p);
	m->role = p->tag_role;
	m->flags = p->tag_flags;
	m->lang = p->tag_lang;
	p->tag_flags = PDF_TAG_MORE;	/* the rest go on with it */
	p->tag_last = m->mcid;
	p->tag_page = p->cur;
	/* /ActualText is read (by poppler) on /Span only: the tag need not
	   be the element's type, which the tree gives */
	snprintf(s, sizeof(s), "/%s <</MCID %d", actual != NULL ? "Span" :
	    tag_name[m->role], m->mcid);
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
	const struct tmark *m = &p->tm[p->ntm - 1];

	p->tag_flags = m->flags;
	p->mcid[m->page]--;
	p->ntm--;
	p->tag_last = p->ntm > 0 && p->tm[p->ntm - 1].page == p->cur ?
	    p->tm[p->ntm - 1].mcid : -1;
}

/*
 * An annotation on the current page, into the structure beside the
 * content drawn last on it (a link's text): its /StructParent key, or
 * -1 when the PDF is not tagged.  link: the index of a link to a page
 * (its annotation made at the end), else -1 and annot.
 */
int
tag_annot(struct pdf *p, HPDF_Dict annot, int link)
{
	struct tannot *a;

	if (!p->tagged || p->page == NULL)
		return -1;
	if (p->nta == p->tacap) {
		p->tacap = p->tacap ? p->tacap * 2 : 32;
		p->ta = xrealloc(p->ta, p->tacap * sizeof(*p->ta));
	}
	a = &p->ta[p->nta];
	a->page = p->cur;
	a->mcid = p->tag_page == p->cur ? p->tag_last : -1;
	a->annot = annot;
	a->link = link;
	a->key = (int)p->nta++;
	return a->key;
}

/* Reading order: page, then MCID (unique on its page). */
static int
mark_cmp(const void *a, const void *b)
{
	const struct tmark *x = a, *y = b;

	if (x->page != y->page)
		return x->page < y->page ? -1 : 1;
	return x->mcid < y->mcid ? -1 : x->mcid > y->mcid;
}

/* An annotation after its MCID; among those of one MCID, as made. */
static int
annot_cmp(const void *a, const void *b)
{
	const struct tannot *x = a, *y = b;

	if (x->page != y->page)
		return x->page < y->page ? -1 : 1;
	if (x->mcid != y->mcid)
		return x->mcid < y->mcid ? -1 : 1;
	return x->key < y->key ? -1 : x->key > y->key;
}

/* Whether annotation a comes before mark m in reading order. */
static int
annot_before(const struct tannot *a, const struct tmark *m)
{
	return a->page < m->page || (a->page == m->page && a->mcid < m->mcid);
}

static int
elem_new(struct tree *t, int role, int parent, const char *lang)
{
	struct telem *e;

	if (t->ne == t->cape) {
		t->cape = t->cape ? t->cape * 2 : 64;
		t->e = xrealloc(t->e, t->cape * sizeof(*t->e));
	}
	e = &t->e[t->ne];
	memset(e, 0, sizeof(*e));
	e->role = role;
	e->parent = parent;
	e->page = -1;
	e->lang = lang;
	e->first = e->last = -1;
	return (int)t->ne++;
}

static void
kid_add(struct tree *t, int elem, int kind, int page, int v)
{
	struct tkid *k;

	if (t->nk == t->capk) {
		t->capk = t->capk ? t->capk * 2 : 256;
		t->k = xrealloc(t->k, t->capk * sizeof(*t->k));
	}
	k = &t->k[t->nk];
	k->kind = kind;
	k->page = page;
	k->v = v;
	k->next = -1;
	if (t->e[elem].last >= 0)
		t->k[t->e[elem].last].next = (int)t->nk;
	else
		t->e[elem].first = (int)t->nk;
	t->e[elem].last = (int)t->nk;
	if (t->e[elem].page < 0)
		t->e[elem].page = page;
	t->nk++;
}

/* A new element of role under parent, as its next child. */
static int
child_new(struct tree *t, int role, int parent, const char *lang, int page)
{
	int e = elem_new(t, role, parent, lang);

	kid_add(t, parent, 2, page, e);
	return e;
}

/* The annotation of a (made by now), or NULL: a link to no place. */
static HPDF_Dict
annot_of(const struct pdf *p, const struct tannot *a)
{
	return a->link >= 0 ? p->links[a->link].annot : a->annot;
}

/*
 * The elements, from the marks in reading order; of[i]: the element that
 * holds mark i, aof[j] annotation j (beside the content before it).
 */
static void
tree_build(struct pdf *p, struct tree *t, int *of, int *aof)
{
	int root = elem_new(t, ELEM_DOCUMENT, -1, NULL);
	int sect = -1, toc = -1, leaf = -1, last = root;
	size_t i, j = 0;

	for (i = 0; i <= p->ntm; i++) {
		const struct tmark *m = &p->tm[i];
		int up, fresh;

		for (; j < p->nta && (i == p->ntm || annot_before(&p->ta[j],
		    m)); j++) {
			aof[j] = -1;
			if (annot_of(p, &p->ta[j]) == NULL)
				continue;
			kid_add(t, last, 1, p->ta[j].page, (int)j);
			aof[j] = last;
		}
		if (i == p->ntm)
			break;
		if ((m->flags & PDF_TAG_MORE) && last != root) {
			kid_add(t, last, 0, m->page, m->mcid);
			of[i] = last;
			continue;
		}
		fresh = (m->flags & (PDF_TAG_NEW | PDF_TAG_SECT)) || leaf < 0 ||
		    t->e[leaf].role != m->role;
		if (m->flags & PDF_TAG_OUT)
			sect = -1;
		if (m->flags & PDF_TAG_SECT) {
			sect = child_new(t, ELEM_SECT, root, NULL, m->page);
			toc = -1;
		}
		if (fresh) {
			up = sect >= 0 ? sect : root;
			if (m->role == TAG_TOCI) {
				if (toc < 0)
					toc = child_new(t, ELEM_TOC, up, NULL,
					    m->page);
				up = toc;
			} else
				toc = -1;
			leaf = child_new(t, m->role, up, m->lang, m->page);
		}
		last = leaf;
		if (m->flags & PDF_TAG_REF)
			last = child_new(t, ELEM_REFERENCE, leaf, m->lang,
			    m->page);
		else if (m->flags & PDF_TAG_LINK)
			last = child_new(t, ELEM_LINK, leaf, m->lang, m->page);
		else if (m->flags & PDF_TAG_QUOTE)
			last = child_new(t, ELEM_QUOTE, leaf, m->lang, m->page);
		else if (m->flags & PDF_TAG_SPAN)
			last = child_new(t, ELEM_SPAN, leaf, m->lang, m->page);
		kid_add(t, last, 0, m->page, m->mcid);
		of[i] = last;
	}
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

/* The language element e is in: its own, else its parent's, else the
   document's. */
static const char *
elem_lang(const struct pdf *p, const struct tree *t, int e)
{
	for (; e >= 0; e = t->e[e].parent)
		if (t->e[e].lang != NULL)
			return t->e[e].lang;
	return p->i_lang;
}

/* Element e's dictionary, as text. */
static void
elem_write(struct pdf *p, const struct tree *t, int e, HPDF_Dict treeroot)
{
	const struct telem *el = &t->e[e];
	const char *up;
	int k;

	obj_slim_add(p, "/Type /StructElem\012/S /%s\012/P %u 0 R\012",
	    role_name(el->role), obj_num(el->parent >= 0 ?
	    (void *)t->e[el->parent].obj : (void *)treeroot));
	if (el->page >= 0)
		obj_slim_add(p, "/Pg %u 0 R\012", obj_num(p->pages[el->page]));
	if (el->lang != NULL && lang_ok(el->lang) && ((up = elem_lang(p, t,
	    el->parent)) == NULL || strcmp(el->lang, up) != 0))
		obj_slim_add(p, "/Lang (%s)\012", el->lang);
	obj_slim_add(p, "/K [");
	for (k = el->first; k >= 0; k = t->k[k].next) {
		const struct tkid *kd = &t->k[k];

		if (kd->kind == 2)
			obj_slim_add(p, " %u 0 R", obj_num(t->e[kd->v].obj));
		else if (kd->kind == 0 && kd->page == el->page)
			obj_slim_add(p, " %d", kd->v);
		else if (kd->kind == 0)
			obj_slim_add(p, " << /Type /MCR /Pg %u 0 R /MCID %d >>",
			    obj_num(p->pages[kd->page]), kd->v);
		else
			obj_slim_add(p, " << /Type /OBJR /Pg %u 0 R /Obj %u 0 "
			    "R >>", obj_num(p->pages[kd->page]),
			    obj_num(annot_of(p, &p->ta[kd->v])));
	}
	obj_slim_add(p, " ]\012");
	obj_slim_end(p, el->obj, NULL, NULL);
}

/*
 * The parent tree: for each annotation its element, for each page with
 * marked content the element of each of its MCIDs.  Keys: annotations
 * from 0, pages after them.
 */
static HPDF_Dict
parent_tree(struct pdf *p, const struct tree *t, const int *of,
    const int *aof)
{
	HPDF_Dict d = obj_slim(p, 1), *byk;
	int *byp = NULL;
	size_t i, k, at = 0;
	int pg;

	if (d == NULL)
		return NULL;
	obj_slim_add(p, "/Nums [");
	byk = xcalloc(p->nta + 1, sizeof(*byk));	/* by key */
	for (i = 0; i < p->nta; i++)
		byk[p->ta[i].key] = aof[i] >= 0 ? t->e[aof[i]].obj : NULL;
	for (k = 0; k < p->nta; k++)
		if (byk[k] != NULL)
			obj_slim_add(p, " %zu %u 0 R", k, obj_num(byk[k]));
	free(byk);
	/* pages: their marks are in order, MCIDs from 0 */
	for (pg = 0; pg < p->npages; pg++) {
		int n = (size_t)pg < p->nmcid ? p->mcid[pg] : 0;

		if (n == 0)
			continue;
		byp = xrealloc(byp, (size_t)n * sizeof(*byp));
		for (k = 0; k < (size_t)n; k++)
			byp[k] = -1;
		while (at < p->ntm && p->tm[at].page < pg)
			at++;
		for (; at < p->ntm && p->tm[at].page == pg; at++)
			if (of[at] >= 0)
				byp[p->tm[at].mcid] = of[at];
		obj_slim_add(p, " %d [", (int)p->nta + pg);
		for (k = 0; k < (size_t)n; k++)
			if (byp[k] >= 0)
				obj_slim_add(p, " %u 0 R",
				    obj_num(t->e[byp[k]].obj));
			else
				obj_slim_add(p, " null");
		obj_slim_add(p, " ]");
		HPDF_Dict_AddNumber(p->pages[pg], "StructParents",
		    (int)p->nta + pg);
	}
	obj_slim_add(p, " ]\012");
	obj_slim_end(p, d, NULL, NULL);
	free(byp);
	return d;
}

/* The structure tree, once the pages and the links are made. */
void
tag_finish(struct pdf *p)
{
	struct tree t;
	HPDF_Dict root, ptree, mi;
	int *of, *aof;
	size_t i;
	int pg;

	if (!p->tagged || p->failed)
		return;
	p->what = "structure tree";
	memset(&t, 0, sizeof(t));
	if (p->ntm > 1)
		qsort(p->tm, p->ntm, sizeof(*p->tm), mark_cmp);
	if (p->nta > 1)
		qsort(p->ta, p->nta, sizeof(*p->ta), annot_cmp);
	of = xcalloc(p->ntm + 1, sizeof(*of));
	aof = xcalloc(p->nta + 1, sizeof(*aof));
	tree_build(p, &t, of, aof);
	if ((root = obj_slim(p, 1)) == NULL)
		goto out;
	for (i = 0; i < t.ne; i++)
		if ((t.e[i].obj = obj_slim(p, 1)) == NULL)
			goto out;
	for (i = 0; i < t.ne; i++)
		elem_write(p, &t, (int)i, root);
	if ((ptree = parent_tree(p, &t, of, aof)) == NULL)
		goto out;
	obj_slim_add(p, "/Type /StructTreeRoot\012/K %u 0 R\012/ParentTree "
	    "%u 0 R\012/ParentTreeNextKey %d\012", obj_num(t.e[0].obj),
	    obj_num(ptree), (int)p->nta + p->npages);
	obj_slim_end(p, root, NULL, NULL);
	HPDF_Dict_Add(p->doc->catalog, "StructTreeRoot", root);
	if ((mi = obj_slim(p, 0)) != NULL) {
		obj_slim_add(p, "/Marked true\012");
		obj_slim_end(p, mi, NULL, NULL);
		HPDF_Dict_Add(p->doc->catalog, "MarkInfo", mi);
	}
	for (pg = 0; pg < p->npages; pg++)
		HPDF_Dict_AddName(p->pages[pg], "Tabs", "S");
out:
	obj_check(p);
	free(of);
	free(aof);
	free(t.e);
	free(t.k);
}
