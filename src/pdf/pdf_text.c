/*
 * pdf_text.c - glyphs into page content (see pdf_writer.h): each glyph
 * exactly where HarfBuzz put it, in TJ arrays with adjustments and Td
 * moves, and /ActualText spans (marked content) around the words whose
 * glyphs are displaced or do not spell the text, so that text extraction
 * is exact.  In a tagged PDF the text of an element is marked content of
 * MCIDs inside each text object (pdf_tag.c), a word with /ActualText a
 * piece of its own beside the rest, never inside another.
 *
 * Codes for a glyph, in this order: (a) a character of its cluster whose
 * nominal glyph it is; (b) another code point the cmap maps to it (TLWG
 * fonts: U+F700-F720); (c) a spare code the font does not map, given to
 * it.  ToUnicode maps private-use and spare codes to what the glyph
 * stands for, from its glyph name (uni0E49.low -> U+0E49) or the
 * cluster's left-over characters.
 */
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_writer.h"

/*
 * A cluster's codes, remembered: the same characters shaped to the same
 * glyphs always get the same codes, widths and order (cluster_codes only
 * ever adds to what it decided before), and Thai text repeats its
 * clusters.  Small clusters only.
 */
#define MEMO_MAX	6	/* characters or glyphs */

struct memo {
	uint32_t	 hash;		/* 0: empty */
	uint8_t		 m, k;
	uint8_t		 axz;		/* bit i: glyph i has no advance */
	uint32_t	 cc[MEMO_MAX];
	uint32_t	 gid[MEMO_MAX];
	struct {
		uint16_t code;
		uint8_t	 skip;
		uint8_t	 pos;
		double	 w;
	}		 v[MEMO_MAX];
};

/* Where the pen and the line origin are while a text object is written. */
struct pen {
	double		 pen;		/* PDF pen x [1/1000 em] */
	double		 ox, oy;	/* last Td origin [1/1000 em] */
	int		 tj;		/* 0 none, 1 in [..], 2 in (..) */
};

/* One glyph being emitted. */
struct eg {
	uint16_t	 code;
	double		 w;		/* PDF width [1/1000 em] */
	double		 tx, ty;	/* target [1/1000 em] */
	int		 skip;		/* 1: not drawn (default ignorable);
					   2: drawn as a path (SARA AM's
					   NIKHAHIT), not as text */
	uint32_t	 gid;
	int		 off;		/* HarfBuzz offset it from the pen */
	int		 pos;		/* position of its character */
};

/*
 * What TLWG fonts' private-use glyphs U+F700-F720 (the Windows Thai
 * presentation forms) stand for, for fonts without glyph names.
 */
static const uint16_t tlwg_pua[] = {
	0x0e10, 0x0e34, 0x0e35, 0x0e36, 0x0e37, 0x0e48, 0x0e49, 0x0e4a,
	0x0e4b, 0x0e4c, 0x0e48, 0x0e49, 0x0e4a, 0x0e4b, 0x0e4c, 0x0e0d,
	0x0e31, 0x0e4d, 0x0e47, 0x0e48, 0x0e49, 0x0e4a, 0x0e4b, 0x0e4c,
	0x0e38, 0x0e39, 0x0e3a, 0, 0, 0, 0x0e4d, 0x0e47, 0x0e4e
};

/*
 * Strings in page content are literal strings of the bytes themselves,
 * not hex: half the bytes to write and to deflate.  ( ) and \ are
 * escaped, and CR and LF too, which a reader would otherwise read as LF.
 */
static inline char *
lit_byte(char *s, unsigned c)
{
	switch (c) {
	case '(':
	case ')':
	case '\\':
		*s++ = '\\';
		*s++ = (char)c;
		break;
	case '\r':
		*s++ = '\\';
		*s++ = 'r';
		break;
	case '\n':
		*s++ = '\\';
		*s++ = 'n';
		break;
	default:
		*s++ = (char)c;
	}
	return s;
}

/* The two bytes of v, big-endian, inside a literal string. */
void
buf_lit2(struct buf *b, unsigned v)
{
	char *s;

	buf_need(b, 4);
	s = lit_byte(b->s + b->len, v >> 8 & 0xff);
	s = lit_byte(s, v & 0xff);
	*s = '\0';
	b->len = (size_t)(s - b->s);
}

static int
is_pua(uint32_t u)
{
	return u >= 0xe000 && u <= 0xf8ff;
}

static int
is_space(uint32_t u)
{
	return u == 0x20 || u == 0xa0 || u == 0x3000 || u == 0x09 ||
	    (u >= 0x2000 && u <= 0x200a) || u == 0x202f || u == 0x205f;
}

static int
is_ignorable(uint32_t u)
{
	return u < 0x20 || (u >= 0x7f && u < 0xa0) || u == 0xad ||
	    u == 0x200b || u == 0x200c || u == 0x200d ||
	    u == 0x2060 || u == 0xfeff || (u >= 0xfe00 && u <= 0xfe0f);
}

/* Does the cluster character at pos take a glyph meaning m? */
static int
char_matches(uint32_t c, uint32_t m)
{
	return c == m || (c == 0x0e33 && (m == 0x0e4d || m == 0x0e32));
}

static uint32_t
memo_hash(const struct glyph *g, unsigned k, const uint32_t *cc, int m)
{
	uint32_t h = 2166136261u;
	unsigned i;
	int j;

	for (j = 0; j < m; j++)
		h = (h ^ cc[j]) * 16777619u;
	for (i = 0; i < k; i++)
		h = (h ^ (g[i].gid | (uint32_t)(g[i].ax == 0) << 31)) *
		    16777619u;
	return h != 0 ? h : 1;
}

/* The slot for this cluster: a match, or the empty one it would take. */
static struct memo *
memo_slot(struct pfont *pf, uint32_t h, const struct glyph *g, unsigned k,
    const uint32_t *cc, int m)
{
	size_t i = h & (pf->memocap - 1);
	struct memo *e;
	unsigned q;

	for (;; i = (i + 1) & (pf->memocap - 1)) {
		e = &pf->memo[i];
		if (e->hash == 0)
			return e;
		if (e->hash != h || e->m != m || e->k != k)
			continue;
		for (q = 0; q < k; q++)
			if (e->gid[q] != g[q].gid ||
			    ((e->axz >> q & 1) != (g[q].ax == 0)))
				break;
		if (q == k && memcmp(e->cc, cc, (size_t)m * sizeof(*cc)) == 0)
			return e;
	}
}

static void
memo_grow(struct pfont *pf)
{
	struct memo *old = pf->memo;
	size_t n = pf->memocap, i, j;

	pf->memocap = n ? n * 2 : 64;
	pf->memo = xcalloc(pf->memocap, sizeof(*pf->memo));
	for (i = 0; i < n; i++)
		if (old[i].hash != 0) {
			for (j = old[i].hash & (pf->memocap - 1);
			    pf->memo[j].hash != 0;
			    j = (j + 1) & (pf->memocap - 1))
				continue;
			pf->memo[j] = old[i];
		}
	free(old);
}

/*
 * A code for .notdef drawn for a character the font lacks: a spare code
 * standing for that character, one a character.
 */
static int
cluster_notdef(struct pdf *p, struct pfont *pf, struct font *f,
    const uint32_t *cc, int m, uint16_t *code)
{
	uint32_t c0 = 0xfffd;
	const struct tu *t;
	size_t q;
	int j;

	for (j = 0; j < m; j++)
		if (!font_has(f, cc[j])) {
			c0 = cc[j];
			break;
		}
	for (q = 0; q < pf->nsp; q++)
		if (pf->sp[q].gid == 0 && (t = code_tu(pf,
		    pf->sp[q].code)) != NULL && t->n == 1 && t->u[0] == c0) {
			*code = pf->sp[q].code;
			return 1;
		}
	if (!code_spare(p, pf, 0, code))
		return 0;
	code_set_tu(pf, *code, &c0, 1);
	return 1;
}

/*
 * SARA AM drawn as NIKHAHIT and SARA AA, as fonts and HarfBuzz decompose
 * it: SARA AA's glyph gets a code of its own that stands for U+0E33, and
 * NIKHAHIT's one that stands for nothing, which is drawn as the glyph's
 * outline rather than as text (text_paths): a reader that takes the text
 * from the codes alone (one that ignores /ActualText) then finds ำ, and
 * after a tone mark drawn between the two (น้ำ), as it is typed; no code
 * can stand for nothing in every reader.  1 when gid is one of them in
 * such a cluster.
 */
static int
sara_am_code(struct pdf *p, struct pfont *pf, struct font *f, uint32_t gid,
    const uint32_t *cc, int m, uint16_t *code)
{
	static const uint32_t am = 0x0e33;
	uint32_t u = gid != 0 ? font_glyph_code(f, gid) : 0;
	int j, has = 0;

	if (u != 0x0e4d && u != 0x0e32)
		return 0;
	for (j = 0; j < m; j++) {
		if (cc[j] == u)
			return 0;	/* the character itself is there */
		has |= cc[j] == am;
	}
	if (!has || !code_spare(p, pf, gid, code))
		return 0;
	code_set_tu(pf, *code, &am, u == 0x0e32 ? 1 : -1);
	return 1;
}

/*
 * The code for glyph gid of a cluster whose characters are cc[0..m) (see
 * the top of the file); 0 when it has none and is not drawn.
 */
static int
cluster_code(struct pdf *p, struct pfont *pf, struct font *f, uint32_t gid,
    const uint32_t *cc, int m, uint16_t *code)
{
	uint32_t u, name[MAXT], pua_u = 0;
	int j, n;

	if (sara_am_code(p, pf, f, gid, cc, m, code))
		return 1;

	/* (a) a character of the cluster whose glyph it is */
	for (j = 0; j < m; j++)
		if (cc[j] <= 0xffff && !code_bit(pf->spare_bit, cc[j]) &&
		    code_gid(pf, cc[j]) == gid &&
		    (gid != 0 || !font_has(f, cc[j]))) {
			*code = (uint16_t)cc[j];
			return 1;
		}
	/*
	 * (b) another code point the cmap maps to it.  A private-use one
	 * (TLWG's U+F700 range) gets a spare code instead, below: a low code
	 * keeps the CIDToGIDMap, which runs to the highest code, a few KB
	 * instead of 126 KB.
	 */
	if (gid != 0 && (u = font_glyph_code(f, gid)) != 0 && u <= 0xffff &&
	    !code_bit(pf->spare_bit, u) && code_gid(pf, u) == gid) {
		p->st.pua++;
		if (!is_pua(u)) {
			*code = (uint16_t)u;
			return 1;
		}
		pua_u = u;
	}
	/* (c) a spare code */
	if (gid == 0)
		return cluster_notdef(p, pf, f, cc, m, code);
	if (!code_spare(p, pf, gid, code))
		return 0;
	if (code_tu(pf, *code) == NULL) {
		if ((n = font_glyph_text(f, gid, name, MAXT)) > 0)
			code_set_tu(pf, *code, name, n);
		else if (pua_u >= 0xf700 && pua_u <= 0xf720 &&
		    tlwg_pua[pua_u - 0xf700] != 0) {
			name[0] = tlwg_pua[pua_u - 0xf700];
			code_set_tu(pf, *code, name, 1);
		}
	}
	return 1;
}

/*
 * Choose codes for the glyphs e[0..k) of one cluster whose characters are
 * cc[0..m), and the order to write them in (logical order).
 */
static void
cluster_codes_new(struct pdf *p, struct pfont *pf, struct font *f,
    const struct glyph *g, struct eg *e, unsigned k, const uint32_t *cc,
    int m)
{
	unsigned char claimed[64];
	unsigned i;
	int j, cm = m < 64 ? m : 64;

	memset(claimed, 0, sizeof(claimed));
	for (i = 0; i < k; i++) {
		const struct tu *t;
		uint32_t u;

		e[i].skip = 0;
		e[i].pos = m;
		if (!cluster_code(p, pf, f, g[i].gid, cc, m, &e[i].code)) {
			e[i].skip = 1;
			continue;
		}
		e[i].w = pfont_width(pf, g[i].gid);
		/* Which character it stands for: its first unclaimed one. */
		t = code_tu(pf, e[i].code);
		if (t != NULL && t->n == 0) {	/* SARA AM's NIKHAHIT */
			e[i].skip = 2;
			for (j = 0; j < cm; j++)
				if (cc[j] == 0x0e33)
					e[i].pos = j;
			continue;
		}
		code_use(pf, e[i].code, g[i].gid);
		if (t != NULL || !is_pua(e[i].code)) {
			u = t != NULL ? t->u[0] : e[i].code;
			for (j = 0; j < cm; j++)
				if (char_matches(cc[j], u) && (!claimed[j] ||
				    cc[j] == 0x0e33)) {
					claimed[j] = 1;
					e[i].pos = j;
					break;
				}
		}
	}
	/* Codes that stand for nothing yet take the left-over characters. */
	for (i = 0; i < k; i++) {
		uint32_t left[MAXT];
		int n = 0;

		if (e[i].skip || code_tu(pf, e[i].code) != NULL ||
		    !(is_pua(e[i].code)))
			continue;
		for (j = 0; j < cm && n < MAXT; j++)
			if (!claimed[j]) {
				if (n == 0)
					e[i].pos = j;
				left[n++] = cc[j];
				claimed[j] = 1;
			}
		code_set_tu(pf, e[i].code, left, n);
	}
	/* Invisible glyphs of default ignorables are not drawn. */
	for (i = 0; i < k; i++) {
		int all = m > 0;

		for (j = 0; j < m; j++)
			if (!is_ignorable(cc[j]))
				all = 0;
		if (all && g[i].ax == 0)
			e[i].skip = 1;
	}
}

/* cluster_codes_new, remembered for small clusters. */
static void
cluster_codes(struct pdf *p, struct pfont *pf, struct font *f,
    const struct glyph *g, struct eg *e, unsigned k, const uint32_t *cc,
    int m)
{
	struct memo *me;
	uint32_t h;
	unsigned i;

	if (k == 0 || k > MEMO_MAX || m > MEMO_MAX) {
		cluster_codes_new(p, pf, f, g, e, k, cc, m);
		return;
	}
	if ((pf->nmemo + 1) * 2 > pf->memocap)
		memo_grow(pf);
	h = memo_hash(g, k, cc, m);
	me = memo_slot(pf, h, g, k, cc, m);
	if (me->hash != 0) {
		for (i = 0; i < k; i++) {
			e[i].code = me->v[i].code;
			e[i].w = me->v[i].w;
			e[i].skip = me->v[i].skip;
			e[i].pos = me->v[i].pos;
		}
		return;
	}
	cluster_codes_new(p, pf, f, g, e, k, cc, m);
	if (p->failed)
		return;
	me->hash = h;
	me->m = (uint8_t)m;
	me->k = (uint8_t)k;
	me->axz = 0;
	memcpy(me->cc, cc, (size_t)m * sizeof(*cc));
	for (i = 0; i < k; i++) {
		me->gid[i] = g[i].gid;
		me->axz |= (uint8_t)((g[i].ax == 0) << i);
		me->v[i].code = e[i].code;
		me->v[i].w = e[i].w;
		me->v[i].skip = (uint8_t)e[i].skip;
		me->v[i].pos = (uint8_t)e[i].pos;
	}
	pf->nmemo++;
}

/*
 * Decode text[lo..len) once: p->cc holds its characters, and p->at[b - lo]
 * the index of the character at byte b (p->at[len - lo]: their count).  lo
 * is where a piece's first cluster begins: a line's piece indexes the
 * whole paragraph's text, and decoding it from its start made a
 * paragraph's lines cost the square of its length.
 */
static void
text_decode(struct pdf *p, const char *text, size_t lo, size_t len)
{
	size_t a = lo, b, n = 0;

	if (p->cccap < len - lo + 1) {
		p->cccap = (len - lo + 1) * 2;
		p->cc = xrealloc(p->cc, p->cccap * sizeof(*p->cc));
		p->at = xrealloc(p->at, p->cccap * sizeof(*p->at));
	}
	while (a < len) {
		b = a;
		p->cc[n] = shape_utf8_next(text, len, &a);
		while (b < a)
			p->at[b++ - lo] = (uint32_t)n;
		n++;
	}
	p->at[len - lo] = (uint32_t)n;
	p->atlo = lo;
}

/* The index in p->cc of the character at byte b (b >= p->atlo). */
static size_t
text_at(const struct pdf *p, size_t b, size_t len)
{
	return p->at[(b < len ? b : len) - p->atlo];
}

static void
text_tj_close(struct buf *o, struct pen *pe)
{
	if (pe->tj == 2)
		buf_add(o, ")", 1);
	if (pe->tj != 0)
		buf_add(o, "]TJ\n", 4);
	pe->tj = 0;
}

/* Write one glyph at its target, moving the pen as needed. */
static void
text_glyph(struct pdf *p, struct buf *o, struct pen *pe, const struct eg *e,
    double es, int *displaced)
{
	double adj;

	if (e->off)
		*displaced = 1;
	if (fabs(e->ty - pe->oy) > 0.05 || fabs(e->tx - pe->pen) > 2000) {
		/* A y offset (or a far jump): move the line origin. */
		text_tj_close(o, pe);
		pe->ox += buf_num(o, (e->tx - pe->ox) * es / 1000, 4) *
		    1000 / es;
		buf_add(o, " ", 1);
		pe->oy += buf_num(o, (e->ty - pe->oy) * es / 1000, 4) *
		    1000 / es;
		buf_add(o, " Td\n", 4);
		pe->pen = pe->ox;
		p->st.moves++;
		*displaced = 1;
	}
	adj = pe->pen - e->tx;
	if (fabs(adj) >= 0.05) {
		if (pe->tj == 0)
			buf_add(o, "[", 1);
		else if (pe->tj == 2)
			buf_add(o, ")", 1);
		pe->tj = 1;
		adj = buf_num(o, adj, 1);
		pe->pen -= adj;
		p->st.adjust++;
		if (fabs(adj) >= 20)
			*displaced = 1;
	}
	if (pe->tj == 0)
		buf_add(o, "[(", 2);
	else if (pe->tj == 1)
		buf_add(o, "(", 1);
	pe->tj = 2;
	buf_lit2(o, e->code);
	pe->pen += e->w;
	p->st.glyphs++;
}

/* Do the codes of e[0..n), read through ToUnicode, give wt[0..nt)? */
static int
text_spells(struct pfont *pf, const struct eg *e, unsigned n,
    const uint32_t *wt, int nt)
{
	const struct tu *tu;
	unsigned i;
	int t = 0, q;

	for (i = 0; i < n; i++) {
		if (e[i].skip)
			continue;
		if ((tu = code_tu(pf, e[i].code)) == NULL) {
			if (t >= nt || wt[t++] != e[i].code)
				return 0;
			continue;
		}
		for (q = 0; q < tu->n; q++)
			if (t >= nt || wt[t++] != tu->u[q])
				return 0;
	}
	/* Skipped ignorables at the end are not in the codes. */
	while (t < nt && is_ignorable(wt[t]))
		t++;
	return t == nt;
}

/* /Span<</ActualText(FE FF ...)>>BDC for text cc[0..n). */
static void
text_span(struct buf *o, const uint32_t *cc, int n)
{
	int i;

	buf_str(o, "/Span<</ActualText(");
	buf_lit2(o, 0xfeff);
	for (i = 0; i < n; i++)
		buf_utf16(o, cc[i], buf_lit2);
	buf_str(o, ")>>BDC\n");
}

/*
 * Codes, widths, targets and logical order of glyphs g[0..n), cluster by
 * cluster, into p->eg; the text's characters decoded into p->cc.
 */
static void
text_glyphs(struct pdf *p, struct pfont *pf, struct font *f,
    const struct glyph *g, unsigned n, const char *text, size_t textlen)
{
	struct eg *e;
	double k = 1000.0 / f->upem, penu = 0;
	unsigned i, j, w0;
	size_t lo = textlen;

	if (p->egcap < n) {
		p->egcap = n * 2;
		p->eg = xrealloc(p->eg, p->egcap * sizeof(*p->eg));
	}
	e = p->eg;
	for (i = 0; i < n; i++)
		if (g[i].cluster < lo)
			lo = g[i].cluster;
	text_decode(p, text, lo, textlen);
	for (i = 0; i < n; i = j) {
		size_t cs = g[i].cluster, ce = textlen;
		int m;

		for (j = i + 1; j < n && g[j].cluster == g[i].cluster; j++)
			continue;
		for (w0 = j; w0 < n; w0++)
			if (g[w0].cluster > cs) {
				ce = g[w0].cluster;
				break;
			}
		if (ce > textlen)
			ce = textlen;
		m = cs < ce ? (int)(text_at(p, ce, textlen) -
		    text_at(p, cs, textlen)) : 0;
		cluster_codes(p, pf, f, g + i, e + i, j - i,
		    p->cc + text_at(p, cs, textlen), m);
		for (w0 = i; w0 < j; w0++) {
			uint16_t tc;

			e[w0].gid = g[w0].gid;
			e[w0].tx = (penu + g[w0].dx) * k;
			e[w0].ty = g[w0].dy * k;
			e[w0].off = g[w0].dx != 0 || g[w0].dy != 0;
			penu += g[w0].ax;
			/*
			 * A mark moved back over its base by a tenth of an em
			 * or more: drawn as a twin of its glyph whose advance
			 * brings the pen back to where it was (code_twin), so
			 * that mutool, which follows the font's advances, finds
			 * the next glyph there and not a space (ญี่ปุ่ น).
			 */
			if (e[w0].skip == 0 && g[w0].ax == 0 &&
			    -g[w0].dx * 10 >= (int32_t)f->upem &&
			    code_twin(p, pf, g[w0].gid, (uint32_t)-g[w0].dx,
			    e[w0].code, &tc)) {
				e[w0].code = tc;
				e[w0].w = pfont_width(pf, code_gid(pf, tc));
			}
		}
		/* Stable sort of the cluster by character position. */
		for (w0 = i + 1; w0 < j; w0++) {
			struct eg t = e[w0];
			unsigned q = w0;

			while (q > i && e[q - 1].pos > t.pos) {
				e[q] = e[q - 1];
				q--;
			}
			e[q] = t;
		}
	}
}

/*
 * Open a text object at (x, y), turned by angle degrees: the fill opacity
 * (alpha < 1: inside q ... Q), then the font at size es and the fill
 * colour unless the page has them already.
 */
static void
text_begin(struct pdf *p, struct pfont *pf, double x, double y,
    double angle, double alpha, double es, double r, double g, double b)
{
	struct buf *o = &p->pg;
	char s[32];
	int k;

	if (alpha < 1) {
		buf_str(o, "q\n");
		if ((k = page_alpha(p, alpha)) > 0) {
			snprintf(s, sizeof(s), "/GS%d gs\n", k);
			buf_str(o, s);
		}
	}
	buf_str(o, "BT\n");
	if (!p->ts_ok || p->ts_font != pf || p->ts_size != es) {
		page_font(p, pf);
		snprintf(s, sizeof(s), "/F%d ", pf->id);
		buf_str(o, s);
		buf_num(o, es, 4);
		buf_str(o, " Tf\n");
		p->ts_font = pf;
		p->ts_size = es;
	}
	if (!p->ts_ok || p->ts_fill[0] != r || p->ts_fill[1] != g ||
	    p->ts_fill[2] != b) {
		buf_rgb(o, r, g, b, " rg\n");
		p->ts_fill[0] = r;
		p->ts_fill[1] = g;
		p->ts_fill[2] = b;
	}
	p->ts_ok = 1;
	if (angle != 0) {
		double rad = angle * M_PI / 180, c = cos(rad), sn = sin(rad);

		buf_num(o, c, 4);
		buf_add(o, " ", 1);
		buf_num(o, sn, 4);
		buf_add(o, " ", 1);
		buf_num(o, -sn, 4);
		buf_add(o, " ", 1);
		buf_num(o, c, 4);
		buf_add(o, " ", 1);
	}
	buf_num(o, x, 3);
	buf_add(o, " ", 1);
	buf_num(o, y, 3);
	buf_str(o, angle != 0 ? " Tm\n" : " Td\n");
}

/*
 * The end of word that starts at glyph i: a white-space cluster, or the
 * non-space clusters up to the next white space.  Returns the glyph after
 * it; *we: where its text ends, *space: white space.
 */
static unsigned
text_word(const struct pdf *p, const struct glyph *g, unsigned i,
    unsigned n, size_t textlen, size_t *we, int *space)
{
	unsigned j = i, c1;

	*we = textlen;
	while (j < n) {
		size_t a = g[j].cluster, z = textlen, q;
		int sp = 1;

		for (c1 = j + 1; c1 < n && g[c1].cluster == g[j].cluster; c1++)
			continue;
		if (c1 < n && g[c1].cluster > a)
			z = g[c1].cluster;
		if (z > textlen)
			z = textlen;
		for (q = text_at(p, a, textlen); q < text_at(p, z, textlen);
		    q++)
			if (!is_space(p->cc[q]))
				sp = 0;
		if (a >= z)
			sp = 0;
		if (j == i)
			*space = sp;
		else if (sp != *space || *space)
			break;
		j = c1;
		*we = z;
	}
	return j;
}

/*
 * The glyphs p->eg[0..n), word by word.  A word goes out plainly first;
 * if a glyph had to be displaced or the codes do not spell the text, it
 * is written again inside an ActualText span.
 */
static void
text_words(struct pdf *p, struct pfont *pf, const struct glyph *g,
    unsigned n, size_t textlen, double es)
{
	struct buf *o = &p->pg;
	struct eg *e = p->eg;
	struct pen pe;
	unsigned i, j, w0;

	memset(&pe, 0, sizeof(pe));
	for (i = 0; i < n; i = j) {
		size_t ws = g[i].cluster, we, mark = o->len;
		const uint32_t *wt = p->cc + text_at(p, ws, textlen);
		struct pen save = pe;
		struct pdf_stats sst = p->st;
		int space = 0, displaced = 0, nt, opened = 0;

		j = text_word(p, g, i, n, textlen, &we, &space);
		if (!p->mc_in && p->tag_open == 1) {	/* marked: a piece */
			text_tj_close(o, &pe);
			opened = p->mc_in = tag_mc_open(p, o, NULL, 0);
		}
		for (w0 = i; w0 < j; w0++)
			if (e[w0].skip == 0)
				text_glyph(p, o, &pe, &e[w0], es, &displaced);
		if (space)
			continue;
		/* Do the codes spell the word? */
		nt = ws < we ? (int)(text_at(p, we, textlen) -
		    text_at(p, ws, textlen)) : 0;
		if (!displaced && text_spells(pf, e + i, j - i, wt, nt))
			continue;
		/* Again, inside a span. */
		o->len = mark;
		pe = save;
		p->st = sst;
		if (opened) {
			tag_mc_undo(p);
			p->mc_in = 0;
		}
		text_tj_close(o, &pe);
		if (p->mc_in) {
			buf_str(o, "EMC\n");
			p->mc_in = 0;
		}
		if (!tag_mc_open(p, o, wt, nt))
			text_span(o, wt, nt);
		p->st.spans++;
		for (w0 = i; w0 < j; w0++)
			if (e[w0].skip == 0)
				text_glyph(p, o, &pe, &e[w0], es, &displaced);
		text_tj_close(o, &pe);
		buf_str(o, "EMC\n");
	}
	text_tj_close(o, &pe);
	if (p->mc_in) {
		buf_str(o, "EMC\n");
		p->mc_in = 0;
	}
}

/*
 * HarfBuzz's outline of a glyph, as path operators in font units, whole
 * ones (a unit is a thousandth of an em or less).
 */
static void
path_pts(struct buf *o, const float *v, int n, const char *op)
{
	char s[24];
	int i;

	for (i = 0; i < n; i++) {
		snprintf(s, sizeof(s), "%ld ", lroundf(v[i]));
		buf_str(o, s);
	}
	buf_str(o, op);
}

static void
path_move(hb_draw_funcs_t *df, void *o, hb_draw_state_t *st, float x,
    float y, void *u)
{
	float v[2] = { x, y };

	(void)df, (void)st, (void)u;
	path_pts(o, v, 2, "m\n");
}

static void
path_line(hb_draw_funcs_t *df, void *o, hb_draw_state_t *st, float x,
    float y, void *u)
{
	float v[2] = { x, y };

	(void)df, (void)st, (void)u;
	path_pts(o, v, 2, "l\n");
}

static void
path_cubic(hb_draw_funcs_t *df, void *o, hb_draw_state_t *st, float x1,
    float y1, float x2, float y2, float x, float y, void *u)
{
	float v[6] = { x1, y1, x2, y2, x, y };

	(void)df, (void)st, (void)u;
	path_pts(o, v, 6, "c\n");
}

/* A quadratic segment as the cubic that draws it. */
static void
path_quad(hb_draw_funcs_t *df, void *o, hb_draw_state_t *st, float qx,
    float qy, float x, float y, void *u)
{
	float x0 = st->current_x, y0 = st->current_y;

	path_cubic(df, o, st, x0 + 2.0f / 3 * (qx - x0), y0 + 2.0f / 3 *
	    (qy - y0), x + 2.0f / 3 * (qx - x), y + 2.0f / 3 * (qy - y), x, y,
	    u);
}

static void
path_close(hb_draw_funcs_t *df, void *o, hb_draw_state_t *st, void *u)
{
	(void)df, (void)st, (void)u;
	buf_add(o, "h\n", 2);
}

static hb_draw_funcs_t *path_df;

static void
path_funcs_make(void)
{
	hb_draw_funcs_t *df = hb_draw_funcs_create();

	hb_draw_funcs_set_move_to_func(df, path_move, NULL, NULL);
	hb_draw_funcs_set_line_to_func(df, path_line, NULL, NULL);
	hb_draw_funcs_set_quadratic_to_func(df, path_quad, NULL, NULL);
	hb_draw_funcs_set_cubic_to_func(df, path_cubic, NULL, NULL);
	hb_draw_funcs_set_close_path_func(df, path_close, NULL, NULL);
	hb_draw_funcs_make_immutable(df);
	path_df = df;
}

/* The draw callbacks, made once for all threads. */
static hb_draw_funcs_t *
path_funcs(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, path_funcs_make);
	return path_df;
}

/*
 * The form of glyph gid of f: its outline in font units, filled in the
 * colour in effect, made once a document; its index in p->forms, or -1.
 */
static long
glyph_form(struct pdf *p, struct font *f, uint32_t gid)
{
	struct buf b = { NULL, 0, 0 };
	hb_glyph_extents_t ex;
	struct pform *fm;
	HPDF_Dict d;
	HPDF_Array bbox;
	size_t k;

	for (k = 0; k < p->nforms; k++)
		if (p->forms[k].key == f->ff && p->forms[k].gid == gid)
			return (long)k;
#if HB_VERSION_ATLEAST(7, 0, 0)
	hb_font_draw_glyph(f->hb, gid, path_funcs(), &b);
#else
	hb_font_get_glyph_shape(f->hb, gid, path_funcs(), &b);
#endif
	buf_str(&b, "f\n");
	p->what = "glyph outline";
	d = obj_stream(p, FONT_ZLEVEL, b.s, b.len);
	free(b.s);
	if (d == NULL || (bbox = HPDF_Array_New(p->doc->mmgr)) == NULL) {
		obj_check(p);
		return -1;
	}
	if (!hb_font_get_glyph_extents(f->hb, gid, &ex))
		memset(&ex, 0, sizeof(ex));
	HPDF_Dict_AddName(d, "Type", "XObject");
	HPDF_Dict_AddName(d, "Subtype", "Form");
	HPDF_Array_AddNumber(bbox, ex.x_bearing - 1);
	HPDF_Array_AddNumber(bbox, ex.y_bearing + ex.height - 1);
	HPDF_Array_AddNumber(bbox, ex.x_bearing + ex.width + 1);
	HPDF_Array_AddNumber(bbox, ex.y_bearing + 1);
	HPDF_Dict_Add(d, "BBox", bbox);
	obj_check(p);
	p->forms = xrealloc(p->forms, (p->nforms + 1) * sizeof(*p->forms));
	fm = &p->forms[p->nforms];
	fm->key = f->ff;
	fm->gid = gid;
	fm->form = d;
	fm->page = 0;
	return (long)p->nforms++;
}

/*
 * The glyphs of the last text drawn that are outlines (skip 2), after
 * its text object, in the colour and opacity it set: an artifact, their
 * text being in the glyphs beside them.
 */
static void
text_paths(struct pdf *p, struct font *f, unsigned n, double x, double y,
    double angle, double es)
{
	struct buf *o = &p->pg;
	double rad = angle * M_PI / 180, c = cos(rad), sn = sin(rad);
	double k = es / f->upem, dx, dy;
	unsigned i;
	int any = 0;
	long fk;
	char s[48];

	for (i = 0; i < n; i++) {
		const struct eg *e = &p->eg[i];

		if (e->skip != 2 || (fk = glyph_form(p, f, e->gid)) < 0)
			continue;
		if (!any++ && p->tag_open != 2)
			buf_str(o, "/Artifact BMC\n");
		page_form(p, (size_t)fk);
		dx = e->tx * es / 1000;
		dy = e->ty * es / 1000;
		/* the outline is in font units: a scale finer than
		   buf_num's four decimals */
		snprintf(s, sizeof(s), "q %.9g %.9g ", k * c, k * sn);
		buf_str(o, s);
		snprintf(s, sizeof(s), "%.9g %.9g ", -k * sn, k * c);
		buf_str(o, s);
		buf_num(o, x + dx * c - dy * sn, 3);
		buf_add(o, " ", 1);
		buf_num(o, y + dx * sn + dy * c, 3);
		snprintf(s, sizeof(s), " cm /G%ld Do Q\n", fk);
		buf_str(o, s);
	}
	if (any && p->tag_open != 2)
		buf_str(o, "EMC\n");
}

static void
text_emit(struct pdf *p, double x, double y, double angle, double alpha,
    double size, struct font *f, const struct glyph *g, unsigned n,
    const char *text, size_t textlen, double r, double gr, double b)
{
	struct pfont *pf;
	double es;

	if (p->page == NULL || f == NULL || n == 0 || size <= 0)
		return;
	if ((pf = pfont_get(p, f)) == NULL)
		return;
	es = size * f->scale;
	text_glyphs(p, pf, f, g, n, text, textlen);
	text_begin(p, pf, x, y, angle, alpha, es, r, gr, b);
	text_words(p, pf, g, n, textlen, es);
	buf_str(&p->pg, "ET\n");
	text_paths(p, f, n, x, y, angle, es);
	if (alpha < 1) {
		buf_str(&p->pg, "Q\n");
		p->ts_ok = 0;
	}
}

void
pdf_glyphs(struct pdf *p, double x, double y, double size, struct font *f,
    const struct glyph *g, unsigned n, const char *text, size_t textlen,
    double r, double gr, double b)
{
	text_emit(p, x, y, 0, 1, size, f, g, n, text, textlen, r, gr, b);
}

void
pdf_glyphs_rotated(struct pdf *p, double x, double y, double angle,
    double alpha, double size, struct font *f, const struct glyph *g,
    unsigned n, const char *text, size_t textlen, double r, double gr,
    double b)
{
	if (alpha < 0)
		alpha = 0;
	if (alpha > 1)
		alpha = 1;
	if (p->pdfa == 1 && alpha < 1) {
		/* PDF/A-1 has no transparency: the colour it would look */
		r = 1 - alpha * (1 - r);
		gr = 1 - alpha * (1 - gr);
		b = 1 - alpha * (1 - b);
		alpha = 1;
	}
	text_emit(p, x, y, angle, alpha, size, f, g, n, text, textlen, r, gr,
	    b);
}
