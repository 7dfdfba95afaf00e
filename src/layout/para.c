/*
 * para.c - set one paragraph: shape it (HarfBuzz, per inline span), find
 * its break opportunities (libthai + ICU), turn them into boxes, glue and
 * penalties, break it into lines by total fit (line.c), and lay each line
 * out as positioned glyph pieces with the justification applied.
 *
 * Spaces are glue that may stretch up to the style's bound.  A Thai word
 * boundary is a penalty followed by zero-width glue that may stretch a
 * little (or as much as a space, for Thai distributed alignment), so
 * lines break only between words and justification never opens a gap
 * inside a word or a cluster.  A chunk with no opportunity that is wider
 * than the line is split first where ICU's dictionary sees words, then at
 * grapheme-cluster boundaries.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "text/text.h"
#include "layout.h"
#include "layout_int.h"
#include "line.h"
#include "input/input.h"

#define PEN_THAI	50	/* a Thai word boundary, a little worse than a space */
#define PEN_FAIR	150	/* one that libthai alone sees */
#define PEN_POOR	1000	/* inside a compound or a name, a number and its
				   unit: worse than any line within tolerance */
#define PEN_EMERGENCY	5000	/* inside an over-long chunk */
#define FIL		(1 << 29)

void
lctx_init(struct lctx *c, struct arena *a, struct diag *d,
    const struct style *st, const struct tl_model *m, struct textenv *env)
{
	memset(c, 0, sizeof(*c));
	c->a = a;
	c->d = d;
	c->st = st;
	c->m = m;
	c->fs = env->fs;
	c->brk = env->brk;
	c->sh = env->sh;
}

void
lctx_free(struct lctx *c)
{
	free(c->cls);
	free(c->grade);
	free(c->sub);
	free(c->g);
	free(c->gf);
	free(c->gadv);
	free(c->items);
	free(c->itrack);
	free(c->lines);
	scache_free(c->sc);
}

struct tl_text *
para_plain(struct arena *a, const char *s, const char *lang)
{
	return para_plain_at(a, s, lang, NULL);
}

struct tl_text *
para_plain_at(struct arena *a, const char *s, const char *lang,
    const struct tl_pos *from)
{
	struct tl_text *t = arena_alloc(a, sizeof(*t));

	t->len = strlen(s);
	t->s = arena_strndup(a, s, t->len);
	t->spans = arena_alloc(a, sizeof(*t->spans));
	t->spans[0].start = 0;
	t->spans[0].end = t->len;
	t->nspans = 1;
	t->lang = lang;
	if (from != NULL && from->src != NULL) {
		t->pos = *from;
		t->map = arena_alloc(a, sizeof(*t->map));
		t->map[0].start = 0;
		t->map[0].pos = *from;
		t->nmap = 1;
	}
	return t;
}

static struct fontchain *
chain_for(struct lctx *c, enum style_role role, unsigned style)
{
	const struct style_font *f = &c->st->font[role];
	int bold = f->bold || (style & TL_STRONG);
	int italic = f->italic || (style & TL_EM);
	int k = bold | italic << 1;

	if (c->chain[role][k] == NULL)
		c->chain[role][k] = fontset_chain(c->fs, f->families, bold,
		    italic);
	return c->chain[role][k];
}

struct uncov {
	struct lctx		*c;
	const struct tl_text	*t;
	size_t			 base;
};

static void
on_uncovered(void *ctx, size_t off, uint32_t cp)
{
	struct uncov *u = ctx;
	const char *file;
	int line, col;

	text_locate(u->t, u->base + off, &file, &line, &col);
	diag_emit(u->c->d, DIAG_UNCOVERED, file, line, col, "U+%04X", cp);
}

#define SHAPE_CHARS	31	/* characters shaped at once, at most */

static void
grow(struct lctx *c, size_t len, size_t nglyph, size_t nitem)
{
	if (len + 1 > c->cap) {
		c->cap = (len + 1) * 2;
		c->cls = xrealloc(c->cls, c->cap);
		c->grade = xrealloc(c->grade, c->cap);
		c->sub = xrealloc(c->sub, c->cap);
	}
	if (nglyph > c->gcap) {
		c->gcap = nglyph * 2;
		c->g = xrealloc(c->g, c->gcap * sizeof(*c->g));
		c->gf = xrealloc(c->gf, c->gcap * sizeof(*c->gf));
		c->gadv = xrealloc(c->gadv, c->gcap * sizeof(*c->gadv));
	}
	if (nitem > c->icap) {
		c->icap = nitem * 2;
		c->items = xrealloc(c->items, c->icap * sizeof(*c->items));
		c->itrack = xrealloc(c->itrack, c->icap * sizeof(*c->itrack));
		c->lines = xrealloc(c->lines, c->icap * sizeof(*c->lines));
	}
}

/*
 * Font units to [u], rounded up: what the breaker measures and what the
 * line then holds are never less than what is drawn, so a line that fits
 * by the numbers never runs past the margin by a rounding.
 */
static int32_t
fu_to_u(const struct font *f, int32_t size, int64_t fu)
{
	return (int32_t)ceil((double)fu * size * f->scale / f->upem);
}

static int
is_blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n';
}

/*
 * The shaping cache: Thai and Latin shaping never reaches across a break
 * opportunity, so each chunk between two of them is shaped once per font
 * chain and reused wherever it comes again (words repeat: a document's
 * vocabulary is far smaller than its text).
 */
struct scache_ent {
	uint64_t	 h;		/* 0: empty */
	const struct fontchain *ch;	/* (borrowed) */
	char		*s;		/* (owned) the chunk */
	size_t		 len;
	struct glyph	*g;		/* (owned) clusters from 0 */
	struct font	**f;		/* (owned) font of each glyph */
	unsigned	 ng;
};

struct scache {
	struct scache_ent *e;		/* (owned) open addressing */
	size_t		 cap, n;	/* cap: a power of two */
};

static uint64_t
hash(const struct fontchain *ch, const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ULL ^ (uint64_t)(uintptr_t)ch;
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h ? h : 1;
}

void
scache_free(struct scache *sc)
{
	size_t i;

	if (sc == NULL)
		return;
	for (i = 0; i < sc->cap; i++)
		if (sc->e[i].h != 0) {
			free(sc->e[i].s);
			free(sc->e[i].g);
			free(sc->e[i].f);
		}
	free(sc->e);
	free(sc);
}

static struct scache_ent *
scache_slot(struct scache *sc, uint64_t h, const struct fontchain *ch,
    const char *s, size_t len)
{
	size_t i = h & (sc->cap - 1);

	for (;; i = (i + 1) & (sc->cap - 1)) {
		struct scache_ent *e = &sc->e[i];

		if (e->h == 0 || (e->h == h && e->ch == ch && e->len == len &&
		    memcmp(e->s, s, len) == 0))
			return e;
	}
}

static void
scache_grow(struct scache *sc)
{
	struct scache_ent *old = sc->e;
	size_t oldcap = sc->cap, i;

	sc->cap = sc->cap ? sc->cap * 2 : 1024;
	sc->e = xcalloc(sc->cap, sizeof(*sc->e));
	for (i = 0; i < oldcap; i++)
		if (old[i].h != 0)
			*scache_slot(sc, old[i].h, NULL, NULL, (size_t)-1) =
			    old[i];
	free(old);
}

struct uncov_flag {
	struct uncov	*u;
	int		 any;
};

static void
on_uncovered_flag(void *ctx, size_t off, uint32_t cp)
{
	struct uncov_flag *uf = ctx;

	uf->any = 1;
	on_uncovered(uf->u, off, cp);
}

/* Glyphs of chunk [a, b) of t in chain, appended at c->g[n]. */
static size_t
shape_chunk(struct lctx *c, const struct tl_text *t, struct fontchain *ch,
    size_t a, size_t b, int32_t size, size_t n)
{
	struct scache *sc = c->sc;
	const char *s = t->s + a;
	size_t len = b - a, k, r;
	uint64_t h = hash(ch, s, len);
	struct scache_ent *e;

	if (sc->n * 2 >= sc->cap)
		scache_grow(sc);
	e = scache_slot(sc, h, ch, s, len);
	if (e->h == 0) {
		struct run *runs;
		size_t nruns, ng = 0;
		struct uncov u = { c, t, a };
		struct uncov_flag uf = { &u, 0 };

		if (shape_text(c->sh, ch, s, len, &runs, &nruns,
		    on_uncovered_flag, &uf) != 0)
			return n;
		for (r = 0; r < nruns; r++)
			ng += runs[r].ng;
		grow(c, t->len, n + ng, 0);
		for (r = 0; r < nruns; r++)
			for (k = 0; k < runs[r].ng; k++) {
				c->g[n] = runs[r].g[k];
				c->g[n].cluster += (uint32_t)a;
				c->gf[n] = runs[r].font;
				c->gadv[n] = fu_to_u(runs[r].font, size,
				    runs[r].g[k].ax);
				n++;
			}
		/* chunks with uncovered characters are not kept: each
		 * occurrence is reported where it stands */
		if (!uf.any) {
			e->h = h;
			e->ch = ch;
			e->s = xmalloc(len);
			memcpy(e->s, s, len);
			e->len = len;
			e->ng = (unsigned)ng;
			e->g = xmalloc((ng ? ng : 1) * sizeof(*e->g));
			e->f = xmalloc((ng ? ng : 1) * sizeof(*e->f));
			memcpy(e->g, c->g + n - ng, ng * sizeof(*e->g));
			memcpy(e->f, c->gf + n - ng, ng * sizeof(*e->f));
			for (k = 0; k < ng; k++)
				e->g[k].cluster -= (uint32_t)a;
			sc->n++;
		}
		return n;
	}
	grow(c, t->len, n + e->ng, 0);
	for (k = 0; k < e->ng; k++, n++) {
		c->g[n] = e->g[k];
		c->g[n].cluster += (uint32_t)a;
		c->gf[n] = e->f[k];
		c->gadv[n] = fu_to_u(e->f[k], size, e->g[k].ax);
	}
	return n;
}

/*
 * Where a chunk of more than SHAPE_CHARS characters between break
 * opportunities [a, b) is cut for shaping (HarfBuzz, and the PDF's
 * clusters, take time that grows with the square of a cluster's length):
 * at its last grapheme-cluster start; inside a cluster (more than 30
 * combining characters in a row, beyond what Unicode's stream-safe form
 * allows) only when it has none, with a warning once a text.
 */
static size_t
shape_cut(struct lctx *c, const struct tl_text *t, size_t a, size_t b,
    int *warned)
{
	unsigned char *starts = xmalloc(b - a + 1);
	const char *file;
	size_t i, cut = b;
	int line, col;

	if (brk_clusters(c->brk, t->s + a, b - a, starts) == 0)
		for (i = b - a; i-- > 1; )
			if (starts[i]) {
				cut = a + i;
				break;
			}
	free(starts);
	if (cut == b && !*warned) {
		*warned = 1;
		text_locate(t, a, &file, &line, &col);
		diag_emit(c->d, DIAG_LONG_CLUSTER, file, line, col, NULL);
	}
	return cut;
}

/* Shape every span of t, chunk by chunk, into c->g; the glyph count. */
static size_t
shape_spans(struct lctx *c, const struct tl_text *t, enum style_role role)
{
	size_t n = 0, s, a, b;
	int warned = 0;
	int32_t size = c->st->font[role].size;

	if (c->sc == NULL)
		c->sc = xcalloc(1, sizeof(*c->sc));
	for (s = 0; s < t->nspans; s++) {
		const struct tl_span *sp = &t->spans[s];
		struct fontchain *ch;

		if (sp->end <= sp->start)
			continue;
		ch = chain_for(c, role, sp->style);
		for (a = sp->start; a < sp->end; a = b) {
			size_t nch = 1;

			for (b = a + 1; b < sp->end && c->cls[b] == BRK_NONE; b++)
				if (((unsigned char)t->s[b] & 0xC0) != 0x80 &&
				    ++nch > SHAPE_CHARS) {
					b = shape_cut(c, t, a, b, &warned);
					break;
				}
			n = shape_chunk(c, t, ch, a, b, size, n);
		}
	}
	return n;
}

/* Sum of advances of glyphs with clusters in [a, b); *gi moves forward. */
static int32_t
width_of(const struct lctx *c, size_t ng, size_t *gi, size_t a, size_t b)
{
	int32_t w = 0;

	while (*gi < ng && c->g[*gi].cluster < a)
		(*gi)++;
	while (*gi < ng && c->g[*gi].cluster < b)
		w += c->gadv[(*gi)++];
	return w;
}

static size_t
add_item(struct lctx *c, size_t n, enum item_kind k, int32_t w, int32_t st,
    int32_t sh, int32_t pen, size_t start, size_t end)
{
	grow(c, 0, 0, n + 1);
	c->items[n] = (struct item){ k, w, st, sh, pen, start, end };
	c->itrack[n] = 0;
	return n + 1;
}

/*
 * [a, b) at grapheme-cluster boundaries, a box a cluster, where the
 * breaker's fixed rules let a line begin (brk_split_points).
 */
static size_t
split_clusters(struct lctx *c, const struct tl_text *t, size_t n,
    size_t ng, size_t *gi, size_t a, size_t b)
{
	unsigned char *starts = xmalloc(b - a + 1);
	const char *file;
	size_t i, from = a;
	int line, col;

	if (brk_split_points(c->brk, t->s + a, b - a, starts) != 0)
		memset(starts, 0, b - a);
	text_locate(t, a, &file, &line, &col);
	diag_emit(c->d, DIAG_OVERFULL, file, line, col, NULL);
	for (i = a + 1; i <= b; i++) {
		if (i < b && !starts[i - a])
			continue;
		n = add_item(c, n, ITEM_BOX, width_of(c, ng, gi, from, i), 0, 0,
		    0, from, i);
		if (i < b)
			n = add_item(c, n, ITEM_PENALTY, 0, 0, 0, PEN_EMERGENCY,
			    i, i);
		from = i;
	}
	free(starts);
	return n;
}

/*
 * A chunk [a, b) with no opportunity that is wider than the line: split
 * where ICU's dictionary sees words (libthai leaves typos such as
 * "ปะะกับประธานาธิบดี" whole), and at clusters where that is not enough.
 */
static size_t
split_chunk(struct lctx *c, const struct tl_text *t, size_t n, size_t ng,
    size_t *gi, size_t a, size_t b, int32_t w)
{
	int icu = brk_find_icu(c->brk, t->s + a, b - a, c->sub) == 0;
	size_t i, from = a;

	for (i = a + 1; i <= b; i++) {
		size_t g0 = *gi;
		int32_t sw;

		if (i < b && !(icu && c->sub[i - a] != BRK_NONE))
			continue;
		sw = width_of(c, ng, gi, from, i);
		if (sw > w) {
			*gi = g0;
			n = split_clusters(c, t, n, ng, gi, from, i);
		} else
			n = add_item(c, n, ITEM_BOX, sw, 0, 0, 0, from, i);
		if (i < b)
			n = add_item(c, n, ITEM_PENALTY, 0, 0, 0, 4 * PEN_THAI,
			    i, i);
		from = i;
	}
	return n;
}

/* The advance of a space in this paragraph, or a quarter of the size. */
static int32_t
space_width(const struct lctx *c, const struct tl_text *t, size_t ng,
    int32_t size)
{
	size_t i;

	for (i = 0; i < ng; i++)
		if (t->s[c->g[i].cluster] == ' ' && c->gadv[i] > 0)
			return c->gadv[i];
	return ng > 0 ? (int32_t)(size * c->gf[0]->scale / 4) : size / 4;
}

/* The penalty of a break of grade g (enum brk_grade); good: good. */
static int32_t
grade_penalty(unsigned char g, int32_t good)
{
	return g == BRK_POOR ? PEN_POOR : g == BRK_FAIR ? PEN_FAIR : good;
}

/*
 * Grapheme clusters from a on among glyphs [g0, g1) (a chunk's, which
 * width_of or split_chunk just walked): glyph clusters that start there.
 */
static int32_t
clusters_of(const struct lctx *c, size_t g0, size_t g1, size_t a)
{
	size_t i;
	int32_t k = 0;
	uint32_t last = UINT32_MAX;

	for (i = g0; i < g1; i++)
		if (c->g[i].cluster >= a && c->g[i].cluster != last) {
			k++;
			last = c->g[i].cluster;
		}
	return k;
}

/*
 * The widest gap inside a word [u]: 1.5 pt at 16 pt, one that does not
 * split a word to the eye (tests/gaps.py checks it).  The breaker counts
 * a third of it as each cluster's stretch: a line stretched to the
 * breaker's tolerance (twice its stretch) then still keeps within it.
 */
#define CLUSTER_MAX(size)	((size) * 3 / 32)
#define CLUSTER_ST(size)	(CLUSTER_MAX(size) / 3)

/* Boxes, glue and penalties for t; returns the item count. */
static size_t
make_items(struct lctx *c, const struct tl_text *t, size_t ng,
    enum style_role role, int32_t w, enum style_align align)
{
	size_t n = 0, p = 0, q, e, gi = 0;
	int32_t size = c->st->font[role].size;
	int32_t sp = space_width(c, t, ng, size);
	/*
	 * A Thai word boundary stretches by a fraction of a space only, so
	 * that a gap never reads as a space (a phrase break in Thai); a line
	 * that cannot fill within the bounds stays a little short.
	 */
	int32_t thai_st = sp / 5;
	/* what the breaker counts of a space's stretch: half its width
	   (the stretch TeX gives a space), beyond which fill stretches it
	   only once the clusters have taken theirs */
	double maxst = fmin(c->st->max_stretch > 0 ? c->st->max_stretch :
	    1.0, 0.5);
	/*
	 * Thai distributed: no gap at a word boundary.  A justified line
	 * stretches at its spaces and word boundaries, then between all its
	 * clusters (fill), which the breaker counts as stretch of the glue
	 * after each chunk (itrack: that part).
	 */
	int dist = align == ALIGN_THAI_DISTRIBUTED;
	int32_t pend = 0;

	while (p < t->len) {
		for (q = p + 1; q < t->len && c->cls[q] == BRK_NONE; q++)
			continue;
		/* content [p, e), then white space [e, q) */
		for (e = q; e > p && is_blank(t->s[e - 1]); e--)
			continue;
		if (e > p) {
			size_t g0 = gi;
			int32_t bw = width_of(c, ng, &gi, p, e);

			/* a long chunk: ICU's words, at a cost, so that the
			 * line before it need not stay loose */
			if (bw > w / 4) {
				gi = g0;
				n = split_chunk(c, t, n, ng, &gi, p, e, w);
			} else
				n = add_item(c, n, ITEM_BOX, bw, 0, 0, 0, p, e);
			if (align == ALIGN_JUSTIFY || dist)
				pend += clusters_of(c, g0, gi, p) *
				    CLUSTER_ST(size);
		}
		if (q < t->len && c->cls[q] == BRK_HARD) {
			n = add_item(c, n, ITEM_GLUE, 0, FIL, 0, 0, e, q);
			n = add_item(c, n, ITEM_PENALTY, 0, 0, 0, PENALTY_FORCE,
			    q, q);
		} else if (e < q) {
			int32_t sw = width_of(c, ng, &gi, e, q);

			if (q == t->len)
				break;
			/* a space that is poor to break at: the break is
			 * the penalty, the glue after it none */
			if (c->grade[q] != BRK_GOOD)
				n = add_item(c, n, ITEM_PENALTY, 0, 0, 0,
				    grade_penalty(c->grade[q], 0), e, e);
			n = add_item(c, n, ITEM_GLUE, sw, (int32_t)(sw * maxst) +
			    pend, sw / 3, 0, e, q);
			c->itrack[n - 1] = pend;
			pend = 0;
		} else if (q < t->len) {
			n = add_item(c, n, ITEM_PENALTY, 0, 0, 0,
			    grade_penalty(c->grade[q], PEN_THAI), q, q);
			/* no gap opens inside a compound or a name */
			n = add_item(c, n, ITEM_GLUE, 0, pend + (dist ||
			    c->grade[q] == BRK_POOR ? 0 : thai_st), 0, 0, q, q);
			c->itrack[n - 1] = pend;
			pend = 0;
		}
		p = q;
	}
	n = add_item(c, n, ITEM_GLUE, 0, FIL, 0, 0, t->len, t->len);
	n = add_item(c, n, ITEM_PENALTY, 0, 0, 0, PENALTY_FORCE, t->len,
	    t->len);
	return n;
}

/* The inline style of the text at off: TL_EM, TL_STRONG, TL_QUOTE. */
static unsigned
span_style(const struct tl_text *t, size_t off)
{
	size_t s;

	for (s = 0; s < t->nspans; s++)
		if (off >= t->spans[s].start && off < t->spans[s].end)
			return t->spans[s].style & (TL_EM | TL_STRONG |
			    TL_QUOTE);
	return 0;
}

static uint32_t
span_rgb(const struct lctx *c, const struct tl_text *t, size_t off,
    enum style_role role, const char **href)
{
	size_t s;

	*href = NULL;
	for (s = 0; s < t->nspans; s++)
		if (off >= t->spans[s].start && off < t->spans[s].end) {
			if (t->spans[s].style & TL_LINK) {
				*href = t->spans[s].href;
				return c->st->link_rgb;
			}
			break;
		}
	return c->st->font[role].rgb;
}

/*
 * Spread amount [u] over glyphs at[0..m) of g (g0: the first's index in
 * c->g), each's share in proportion to its weight (their sum: total), in
 * whole font units rounded down, the error carried on; returns what was
 * spread [u].
 */
static double
spread(const struct lctx *c, struct glyph *g, size_t g0, const size_t *at,
    const double *wt, size_t m, double total, int32_t size, double amount)
{
	double want = 0, done = 0, upu;
	size_t i;
	int32_t fu;

	if (m == 0 || total <= 0 || amount <= 0)
		return 0;
	for (i = 0; i < m; i++) {
		upu = c->gf[g0 + at[i]]->upem / (size *
		    c->gf[g0 + at[i]]->scale);
		want += amount * (wt != NULL ? wt[i] / total : 1 / total);
		fu = (int32_t)floor((want - done) * upu);
		done += fu / upu;
		g[at[i]].ax += fu;
	}
	return done;
}

/*
 * The slack [u] of a justified or Thai distributed line, each step
 * taking what is left up to its bound: the spaces up to half their width
 * (the stretch TeX gives a space) and, in justify, the Thai word
 * boundaries up to theirs; the gaps between the line's grapheme clusters
 * (a cluster's marks stay on it, and a space's cluster is not tracked)
 * up to CLUSTER_ST each; the spaces on to max-stretch; then those gaps
 * again, evenly, with all that is left (a line the breaker could fill no
 * other way).  So no space grows past half again its width while a word
 * boundary or a cluster can still take some: the gaps stay even.
 */
static void
fill(const struct lctx *c, const struct tl_text *t, struct glyph *g,
    size_t g0, size_t n, const struct line *l, int32_t size, int32_t slack)
{
	const struct item *it = c->items;
	size_t i, k = 0, ng = 0, nc = 0, *at, *cl;
	double *w1, *w3, t1 = 0, t3 = 0, left, own;
	double maxst = c->st->max_stretch > 0 ? c->st->max_stretch : 1.0;

	/* each glyph's width is rounded up to [u] when summed (fu_to_u):
	   leave that much so that the line never passes its measure */
	left = (double)slack - (double)n;
	if (left <= 0 || n == 0)
		return;
	at = xmalloc((l->last - l->first + 1) * sizeof(*at));
	w1 = xmalloc((l->last - l->first + 1) * sizeof(*w1));
	w3 = xmalloc((l->last - l->first + 1) * sizeof(*w3));
	cl = xmalloc(n * sizeof(*cl));
	for (i = l->first; i < l->last; i++) {
		if (it[i].kind != ITEM_GLUE || (own = it[i].stretch -
		    c->itrack[i]) <= 0)
			continue;
		/* the last glyph whose cluster is before the glue's end */
		while (k + 1 < n && g[k + 1].cluster <
		    (it[i].end > it[i].start ? it[i].end : it[i].start))
			k++;
		at[ng] = k;
		w1[ng] = own;
		w3[ng] = it[i].width > 0 ? fmax(0, it[i].width * maxst - own) :
		    0;
		t1 += w1[ng];
		t3 += w3[ng];
		ng++;
	}
	for (i = 0; i + 1 < n; i++)
		if (g[i + 1].cluster != g[i].cluster &&
		    !is_blank(t->s[g[i].cluster]) &&
		    !is_blank(t->s[g[i + 1].cluster]))
			cl[nc++] = i;
	left -= spread(c, g, g0, at, w1, ng, t1, size, fmin(left, t1));
	left -= spread(c, g, g0, cl, NULL, nc, (double)nc, size,
	    fmin(left, (double)nc * CLUSTER_MAX(size)));
	left -= spread(c, g, g0, at, w3, ng, t3, size, fmin(left, t3));
	spread(c, g, g0, cl, NULL, nc, (double)nc, size, left);
	free(at);
	free(w1);
	free(w3);
	free(cl);
}

/*
 * Lay out line l of items as glyph pieces; its glyphs are found from *from
 * on (the lines come in order, and the glyphs in the order of their
 * clusters), which then moves to them.
 */
static void
set_line(struct lctx *c, const struct tl_text *t, size_t ng, size_t *from,
    const struct line *l, enum style_role role, int32_t w, int32_t indent,
    enum style_align align, struct pline *pl)
{
	const struct item *it = c->items;
	size_t a = it[l->first].start, b, i, gi, g0, g1, np;
	int32_t size = c->st->font[role].size, x, natural;
	int ragged = align == ALIGN_LEFT || align == ALIGN_CENTER ||
	    align == ALIGN_RIGHT;
	/*
	 * A ragged line (the last of a paragraph too) does not stretch, but
	 * it shrinks as much as the breaker counted on: a line that fits
	 * only with its spaces shrunk would run past the margin.
	 */
	double ratio = ragged && l->ratio > 0 ? 0 : l->ratio;
	struct glyph *g;
	struct piece *pc;

	/* the line's text ends with its last box (trailing glue not drawn) */
	b = a;
	for (i = l->first; i < l->last; i++)
		if (it[i].kind == ITEM_BOX)
			b = it[i].end;
	pl->start = a;
	pl->end = b;
	pl->overfull = l->overfull;
	for (g0 = *from; g0 < ng && c->g[g0].cluster < a; g0++)
		continue;
	*from = g0;
	for (g1 = g0; g1 < ng && c->g[g1].cluster < b; g1++)
		continue;
	g = arena_alloc(c->a, (g1 - g0 + 1) * sizeof(*g));
	memcpy(g, c->g + g0, (g1 - g0) * sizeof(*g));
	/* a line shrunk by the breaker: its glue shrinks */
	if (ratio < 0) {
		size_t k = 0;
		double want = 0, done = 0;	/* [u] gaps so far */

		for (i = l->first; i < l->last; i++) {
			double extra, upu;
			int32_t fu;

			if (it[i].kind != ITEM_GLUE || (extra = ratio *
			    it[i].shrink) == 0)
				continue;
			/* the last glyph whose cluster is before the glue's end */
			while (k + 1 < g1 - g0 && g[k + 1].cluster <
			    (it[i].end > it[i].start ? it[i].end : it[i].start))
				k++;
			/*
			 * In whole font units, rounded down so that the
			 * line never ends past its measure, the error carried
			 * to the next gap so that it does not add up.
			 */
			upu = c->gf[g0 + k]->upem / (size *
			    c->gf[g0 + k]->scale);
			want += extra;
			fu = (int32_t)floor((want - done) * upu);
			done += fu / upu;
			g[k].ax += fu;
		}
	}
	/* the width as drawn, gaps included */
	natural = 0;
	for (gi = 0; gi < g1 - g0; gi++)
		natural += fu_to_u(c->gf[g0 + gi], size, g[gi].ax);
	/* a justified line's slack: spaces, word boundaries, clusters */
	if (!ragged && w - indent - natural > 0) {
		fill(c, t, g, g0, g1 - g0, l, size, w - indent - natural);
		natural = 0;
		for (gi = 0; gi < g1 - g0; gi++)
			natural += fu_to_u(c->gf[g0 + gi], size, g[gi].ax);
	}
	pl->width = natural;
	x = indent;
	if (align == ALIGN_CENTER)
		x += (w - indent - natural) / 2;
	else if (align == ALIGN_RIGHT)
		x += w - indent - natural;
	/* pieces: runs of one font and one colour; count them first */
	np = 0;
	{
		struct font *pf = NULL;
		uint32_t prgb = 0;
		const char *phref = NULL;

		unsigned pst = 0;

		for (gi = 0; gi < g1 - g0; gi++) {
			const char *href;
			uint32_t rgb = span_rgb(c, t, g[gi].cluster, role,
			    &href);
			unsigned sty = span_style(t, g[gi].cluster);

			if (gi == 0 || c->gf[g0 + gi] != pf || rgb != prgb ||
			    href != phref || sty != pst)
				np++;
			pf = c->gf[g0 + gi];
			prgb = rgb;
			phref = href;
			pst = sty;
		}
	}
	pl->pieces = arena_alloc(c->a, (np ? np : 1) * sizeof(*pl->pieces));
	np = 0;
	pc = NULL;
	for (gi = 0; gi < g1 - g0; gi++) {
		struct font *f = c->gf[g0 + gi];
		const char *href;
		uint32_t rgb = span_rgb(c, t, g[gi].cluster, role, &href);
		unsigned sty = span_style(t, g[gi].cluster);
		int32_t adv = fu_to_u(f, size, g[gi].ax);

		if (pc == NULL || pc->font != f || pc->rgb != rgb ||
		    pc->href != href || pc->style != sty) {
			pc = &pl->pieces[np++];
			pc->font = f;
			pc->size = size;
			pc->rgb = rgb;
			pc->g = &g[gi];
			pc->ng = 0;
			pc->x = x;
			pc->width = 0;
			pc->text = t->s;
			pc->textlen = t->len;
			pc->href = href;
			pc->style = sty;
		}
		pc->ng++;
		pc->width += adv;
		x += adv;
	}
	pl->npieces = (unsigned)np;
	/* each piece's text ends where the next one's starts */
	for (gi = 0; gi < np; gi++)
		pl->pieces[gi].textlen = gi + 1 < np ?
		    pl->pieces[gi + 1].g[0].cluster : b;
	pl->leading = c->st->font[role].leading;
	pl->ascent = size * 8 / 10;
}

struct pset *
para_set(struct lctx *c, const struct tl_text *t, enum style_role role,
    int32_t w, int32_t indent, enum style_align align)
{
	struct pset *ps = arena_alloc(c->a, sizeof(*ps));
	struct line_params lp;
	size_t ng, ni, nl, k, gfrom;

	ps->text = t;
	if (t->len == 0)
		return ps;
	grow(c, t->len, 16, 16);
	if (brk_find_graded(c->brk, t->s, t->len, c->cls, c->grade) != 0) {
		memset(c->cls, 0, t->len + 1);
		memset(c->grade, 0, t->len + 1);
	}
	ng = shape_spans(c, t, role);
	ni = make_items(c, t, ng, role, w, align);
	memset(&lp, 0, sizeof(lp));
	lp.width = w;
	lp.indent = indent;
	lp.tolerance = 2.0;
	lp.line_penalty = 10;
	lp.ragged = align == ALIGN_LEFT || align == ALIGN_CENTER ||
	    align == ALIGN_RIGHT;
	lp.max_ratio = 1.0;
	grow(c, 0, 0, ni + 1);
	nl = line_break(c->items, ni, &lp, c->lines);
	ps->lines = arena_alloc(c->a, (nl ? nl : 1) * sizeof(*ps->lines));
	ps->nlines = nl;
	for (k = gfrom = 0; k < nl; k++)
		set_line(c, t, ng, &gfrom, &c->lines[k], role, w, k == 0 ? indent : 0,
		    k + 1 == nl && align != ALIGN_CENTER &&
		    align != ALIGN_RIGHT ? ALIGN_LEFT : align, &ps->lines[k]);
	return ps;
}

/* Whether a line of ps had to be set wider than its measure. */
static int
any_overfull(const struct pset *ps)
{
	size_t k;

	for (k = 0; k < ps->nlines; k++)
		if (ps->lines[k].overfull)
			return 1;
	return 0;
}

struct pset *
para_balanced(struct lctx *c, const struct tl_text *t, enum style_role role,
    int32_t w, enum style_align align, int32_t *used)
{
	struct pset *ps = para_set(c, t, role, w, 0, align);
	size_t n = ps->nlines;
	int32_t lo = w / 3, hi = w, mid;
	int k;

	*used = w;
	if (n <= 1 || any_overfull(ps))
		return ps;
	/* the narrowest measure that takes no more lines, to a point */
	for (k = 0; k < 12 && hi - lo > U_PER_PT; k++) {
		mid = lo + (hi - lo) / 2;
		ps = para_set(c, t, role, mid, 0, align);
		if (ps->nlines <= n && !any_overfull(ps))
			hi = mid;
		else
			lo = mid;
	}
	*used = hi;
	return para_set(c, t, role, hi, 0, align);
}
