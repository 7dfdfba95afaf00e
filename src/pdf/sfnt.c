/*
 * sfnt.c - the TrueType program embedded for a font (see sfnt.h).
 *
 * Offsets and lengths are checked against the tables' lengths; anything
 * odd makes sfnt_subset give up, and the font is not embedded.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "sfnt.h"

#define MAX_TABLES	32

#define TAG_GLYF	SFNT_TAG('g', 'l', 'y', 'f')
#define TAG_HEAD	SFNT_TAG('h', 'e', 'a', 'd')
#define TAG_HHEA	SFNT_TAG('h', 'h', 'e', 'a')
#define TAG_HMTX	SFNT_TAG('h', 'm', 't', 'x')
#define TAG_LOCA	SFNT_TAG('l', 'o', 'c', 'a')
#define TAG_MAXP	SFNT_TAG('m', 'a', 'x', 'p')
#define TAG_NAME	SFNT_TAG('n', 'a', 'm', 'e')
#define TAG_POST	SFNT_TAG('p', 'o', 's', 't')

/* A table as written: borrowed bytes, or bytes made here. */
struct out_table {
	uint32_t		 tag;
	const unsigned char	*d;
	size_t			 len;
	unsigned char		*made;	/* (owned) or NULL */
};

/* The OpenType checksum: big-endian words, the last one zero-padded. */
static uint32_t
table_sum(const unsigned char *p, size_t n)
{
	uint32_t s = 0;
	size_t i;

	for (i = 0; i + 4 <= n; i += 4)
		s += be32(p + i);
	if (i < n) {
		unsigned char last[4] = { 0, 0, 0, 0 };

		memcpy(last, p + i, n - i);
		s += be32(last);
	}
	return s;
}

static int
keep_name(uint32_t id)
{
	return id <= 7 || id == 14;
}

/*
 * 'name' with the records keep_name wants, in their order; NULL (keep the
 * table as it is) when it is not format 0, does not hold together or
 * keeps every record.
 */
static unsigned char *
slim_name(const unsigned char *t, size_t len, size_t *newlen)
{
	uint32_t count, so, i, k = 0, off;
	size_t strings = 0;
	unsigned char *o, *rec, *str;

	if (len < 6 || be16(t) != 0)
		return NULL;
	count = be16(t + 2);
	so = be16(t + 4);
	if (6 + 12 * (size_t)count > len || so > len)
		return NULL;
	for (i = 0; i < count; i++) {
		const unsigned char *r = t + 6 + 12 * i;

		if ((size_t)so + be16(r + 10) + be16(r + 8) > len)
			return NULL;
		if (keep_name(be16(r + 6))) {
			k++;
			strings += be16(r + 8);
		}
	}
	if (k == count || strings > 0xffff)
		return NULL;
	*newlen = 6 + 12 * (size_t)k + strings;
	o = xcalloc(*newlen, 1);
	put_be16(o + 2, k);
	put_be16(o + 4, 6 + 12 * k);
	rec = o + 6;
	str = o + 6 + 12 * k;
	off = 0;
	for (i = 0; i < count; i++) {
		const unsigned char *r = t + 6 + 12 * i;
		uint32_t l = be16(r + 8);

		if (!keep_name(be16(r + 6)))
			continue;
		memcpy(rec, r, 8);	/* platform, encoding, language, id */
		put_be16(rec + 8, l);
		put_be16(rec + 10, off);
		memcpy(str + off, t + so + be16(r + 10), l);
		off += l;
		rec += 12;
	}
	return o;
}

/* 'post' as version 3: its 32-byte header, no glyph names. */
static unsigned char *
slim_post(const unsigned char *t, size_t len, size_t *newlen)
{
	unsigned char *o;

	if (len < 32 || (len == 32 && be32(t) == 0x00030000))
		return NULL;
	o = xmalloc(32);
	memcpy(o, t, 32);
	put_be32(o, 0x00030000);
	*newlen = 32;
	return o;
}

static const struct sfnt_table *
find(const struct sfnt_table *t, size_t n, uint32_t tag)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (t[i].tag == tag)
			return &t[i];
	return NULL;
}

/*
 * glyf and loca with the kept glyphs only, into g and l (malloc'd);
 * -1 when loca does not fit glyf.  Offsets in a short loca are halved:
 * glyph lengths there are even, so the copies stay where they can be
 * addressed.
 */
static int
cut_glyf(const struct sfnt_table *glyf, const struct sfnt_table *loca,
    int longf, uint32_t nglyphs, const unsigned char *keep, size_t nkeep,
    const struct sfnt_twin *tw, size_t ntw, struct out_table *g,
    struct out_table *l)
{
	size_t m = longf ? 1 : 2, w = longf ? 4 : 2, total = 0, at = 0;
	size_t nall = (size_t)nglyphs + ntw;
	uint32_t i, src;

	if (loca->len < ((size_t)nglyphs + 1) * w)
		return -1;
#define LOCA(i)	((longf ? be32(loca->d + 4 * (i)) : \
		    be16(loca->d + 2 * (i))) * m)
	for (i = 0; i < nall; i++) {
		size_t o, e;

		src = i < nglyphs ? i : tw[i - nglyphs].gid;
		if (src >= nglyphs)
			return -1;
		o = LOCA(src);
		e = LOCA(src + 1);
		if (o > e || e > glyf->len)
			return -1;
		if (i >= nglyphs || (i < nkeep && keep[i]))
			total += e - o;
	}
	if (total / m > (longf ? 0xffffffffu : 0xffffu))
		return -1;
	g->made = xmalloc(total + 1);
	l->made = xmalloc((nall + 1) * w);
	for (i = 0; i <= nall; i++) {
		if (longf)
			put_be32(l->made + 4 * i, (uint32_t)(at / m));
		else
			put_be16(l->made + 2 * i, (uint32_t)(at / m));
		if (i < nall && (i >= nglyphs || (i < nkeep && keep[i]))) {
			size_t o, e;

			src = i < nglyphs ? i : tw[i - nglyphs].gid;
			o = LOCA(src);
			e = LOCA(src + 1);
			memcpy(g->made + at, glyf->d + o, e - o);
			at += e - o;
		}
	}
#undef LOCA
	g->d = g->made;
	g->len = total;
	l->d = l->made;
	l->len = (nall + 1) * w;
	return 0;
}

/*
 * maxp, hhea and hmtx for nglyphs glyphs and the twins after them, into
 * o[0..3) (malloc'd): every glyph its own metrics; -1 when odd.
 */
static int
twin_metrics(const struct sfnt_table *maxp, const struct sfnt_table *hhea,
    const struct sfnt_table *hmtx, uint32_t nglyphs,
    const struct sfnt_twin *tw, size_t ntw, struct out_table *o)
{
	size_t nall = (size_t)nglyphs + ntw, i, nhm;
	uint32_t adv, maxadv;

	if (hhea == NULL || hmtx == NULL || hhea->len < 36 || nall > 0xffff)
		return -1;
	nhm = be16(hhea->d + 34);
	if (nhm == 0 || nhm > nglyphs ||
	    hmtx->len < 4 * nhm + 2 * ((size_t)nglyphs - nhm))
		return -1;
	o[0].made = xmalloc(maxp->len);
	memcpy(o[0].made, maxp->d, maxp->len);
	put_be16(o[0].made + 4, (uint32_t)nall);
	o[1].made = xmalloc(hhea->len);
	memcpy(o[1].made, hhea->d, hhea->len);
	put_be16(o[1].made + 34, (uint32_t)nall);
	o[2].made = xmalloc(4 * nall);
	maxadv = be16(hhea->d + 10);
	for (i = 0; i < nall; i++) {
		uint32_t src = i < nglyphs ? (uint32_t)i : tw[i - nglyphs].gid;
		const unsigned char *lsb = src < nhm ? hmtx->d + 4 * src + 2 :
		    hmtx->d + 4 * nhm + 2 * (src - nhm);

		adv = i >= nglyphs ? tw[i - nglyphs].adv :
		    be16(hmtx->d + 4 * (src < nhm ? src : nhm - 1));
		if (adv > maxadv)
			maxadv = adv;
		put_be16(o[2].made + 4 * i, adv);
		memcpy(o[2].made + 4 * i + 2, lsb, 2);
	}
	put_be16(o[1].made + 10, maxadv);
	o[0].d = o[0].made;
	o[0].len = maxp->len;
	o[1].d = o[1].made;
	o[1].len = hhea->len;
	o[2].d = o[2].made;
	o[2].len = 4 * nall;
	return 0;
}

/* The tables as written, in tag order; their count, 0 when odd. */
static size_t
out_tables(const struct sfnt_table *t, size_t n, const unsigned char *keep,
    size_t nkeep, const struct sfnt_twin *tw, size_t ntw,
    struct out_table *o)
{
	const struct sfnt_table *head = find(t, n, TAG_HEAD);
	const struct sfnt_table *maxp = find(t, n, TAG_MAXP);
	const struct sfnt_table *glyf = find(t, n, TAG_GLYF);
	const struct sfnt_table *loca = find(t, n, TAG_LOCA);
	struct out_table g = { TAG_GLYF, NULL, 0, NULL };
	struct out_table l = { TAG_LOCA, NULL, 0, NULL };
	struct out_table mt[3] = { { TAG_MAXP, NULL, 0, NULL },
	    { TAG_HHEA, NULL, 0, NULL }, { TAG_HMTX, NULL, 0, NULL } };
	size_t i, j, k = 0;

	if (n > MAX_TABLES || head == NULL || maxp == NULL || glyf == NULL ||
	    loca == NULL || head->len < 54 || maxp->len < 6 ||
	    be16(head->d + 50) > 1 || cut_glyf(glyf, loca,
	    be16(head->d + 50) == 1, be16(maxp->d + 4), keep, nkeep, tw, ntw,
	    &g, &l) != 0 || (ntw > 0 && twin_metrics(maxp, find(t, n,
	    TAG_HHEA), find(t, n, TAG_HMTX), be16(maxp->d + 4), tw, ntw,
	    mt) != 0)) {
		free(g.made);
		free(l.made);
		for (i = 0; i < 3; i++)
			free(mt[i].made);
		return 0;
	}
	for (i = 0; i < n; i++) {
		struct out_table x = { t[i].tag, t[i].d, t[i].len, NULL };

		if (find(t, i, t[i].tag) != NULL)
			continue;		/* twice: the first one */
		if (x.tag == TAG_GLYF)
			x = g;
		else if (x.tag == TAG_LOCA)
			x = l;
		else if (ntw > 0 && x.tag == TAG_MAXP)
			x = mt[0];
		else if (ntw > 0 && x.tag == TAG_HHEA)
			x = mt[1];
		else if (ntw > 0 && x.tag == TAG_HMTX)
			x = mt[2];
		else if (x.tag == TAG_NAME)
			x.made = slim_name(x.d, x.len, &x.len);
		else if (x.tag == TAG_POST)
			x.made = slim_post(x.d, x.len, &x.len);
		if (x.made != NULL)
			x.d = x.made;
		/* insertion by tag */
		for (j = k; j > 0 && o[j - 1].tag > x.tag; j--)
			o[j] = o[j - 1];
		o[j] = x;
		k++;
	}
	return k;
}

size_t
sfnt_subset(const struct sfnt_table *t, size_t n, const unsigned char *keep,
    size_t nkeep, const struct sfnt_twin *tw, size_t ntw, unsigned char **out)
{
	struct out_table o[MAX_TABLES];
	unsigned char *f, *head = NULL;
	size_t k, i, total, pos;
	uint32_t range = 1, sel = 0;

	*out = NULL;
	if ((k = out_tables(t, n, keep, nkeep, tw, ntw, o)) == 0)
		return 0;
	total = 12 + 16 * k;
	for (i = 0; i < k; i++)
		total += (o[i].len + 3) & ~(size_t)3;
	while (range * 2 <= k) {
		range *= 2;
		sel++;
	}
	f = xcalloc(total, 1);
	put_be32(f, 0x00010000);
	put_be16(f + 4, (uint32_t)k);
	put_be16(f + 6, range * 16);
	put_be16(f + 8, sel);
	put_be16(f + 10, (uint32_t)k * 16 - range * 16);
	pos = 12 + 16 * k;
	for (i = 0; i < k; i++) {
		unsigned char *r = f + 12 + 16 * i;

		if (o[i].len > 0)
			memcpy(f + pos, o[i].d, o[i].len);
		if (o[i].tag == TAG_HEAD) {
			head = f + pos;
			put_be32(head + 8, 0);
		}
		put_be32(r, o[i].tag);
		put_be32(r + 4, table_sum(f + pos, o[i].len));
		put_be32(r + 8, (uint32_t)pos);
		put_be32(r + 12, (uint32_t)o[i].len);
		pos += (o[i].len + 3) & ~(size_t)3;
		free(o[i].made);
	}
	put_be32(head + 8, 0xB1B0AFBAu - table_sum(f, total));
	*out = f;
	return total;
}
