/*
 * check_ttf.c - sfnt_subset on the real Laksaman (fonts-tlwg-laksaman):
 * the table directory and checksums, the tables that change and the ones
 * that must not, the kept glyphs' bytes, HarfBuzz reading the result as
 * the same font (names, metrics, the kept glyphs' outlines and advances),
 * and tables that do not hold together.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <hb.h>
#include <hb-ot.h>

#include "base/base.h"
#include "text/text.h"
#include "pdf/sfnt.h"
#include "util.h"

#define LAKSAMAN "/usr/share/fonts/truetype/tlwg/Laksaman.ttf"

/* What the pdf stage embeds of a font. */
static const char *const tags[] = { "OS/2", "cmap", "cvt ", "fpgm",
    "glyf", "head", "hhea", "hmtx", "loca", "maxp", "name", "post",
    "prep" };
#define NTAGS	(sizeof(tags) / sizeof(tags[0]))

static uint32_t
tag_of(const char *s)
{
	return SFNT_TAG(s[0], s[1], s[2], s[3]);
}

static uint32_t
sum(const unsigned char *p, size_t n)
{
	uint32_t s = 0;
	size_t i;

	for (i = 0; i < n; i += 4) {
		unsigned char w[4] = { 0, 0, 0, 0 };

		memcpy(w, p + i, n - i < 4 ? n - i : 4);
		s += be32(w);
	}
	return s;
}

/* The table tag's bytes and length in font f, or NULL. */
static const unsigned char *
table(const unsigned char *f, size_t len, const char *tag, size_t *tlen)
{
	uint32_t i, n = be16(f + 4);

	for (i = 0; i < n; i++) {
		const unsigned char *r = f + 12 + 16 * i;

		if (memcmp(r, tag, 4) == 0) {
			ck_assert_uint_le((size_t)be32(r + 8) + be32(r + 12),
			    len);
			*tlen = be32(r + 12);
			return f + be32(r + 8);
		}
	}
	return NULL;
}

/* The tables of font f the pdf stage embeds, into t; their number. */
static size_t
tables_of(const unsigned char *f, size_t len, struct sfnt_table *t)
{
	size_t i, n = 0;

	for (i = 0; i < NTAGS; i++)
		if ((t[n].d = table(f, len, tags[i], &t[n].len)) != NULL)
			t[n++].tag = tag_of(tags[i]);
	return n;
}

/* The name records' IDs, as a bit set. */
static uint32_t
name_ids(const unsigned char *t)
{
	uint32_t i, ids = 0;

	for (i = 0; i < be16(t + 2); i++)
		ids |= 1u << be16(t + 6 + 12 * i + 6);
	return ids;
}

/* A glyph's bytes in glyf, by loca and head; NULL when empty. */
static const unsigned char *
glyph(const unsigned char *f, size_t len, uint32_t gid, size_t *glen)
{
	size_t hl, ll, gl;
	const unsigned char *head = table(f, len, "head", &hl);
	const unsigned char *loca = table(f, len, "loca", &ll);
	const unsigned char *glyf = table(f, len, "glyf", &gl);
	uint32_t o, e;

	if (be16(head + 50) == 1) {
		o = be32(loca + 4 * gid);
		e = be32(loca + 4 * gid + 4);
	} else {
		o = 2 * be16(loca + 2 * gid);
		e = 2 * be16(loca + 2 * gid + 2);
	}
	ck_assert_uint_le(o, e);
	ck_assert_uint_le(e, gl);
	*glen = e - o;
	return e > o ? glyf + o : NULL;
}

/* Mark gid and, for a composite glyph, its components, recursively. */
static void
keep_glyph(const unsigned char *f, size_t len, uint32_t gid,
    unsigned char *keep, int depth)
{
	size_t gl, at = 10;
	const unsigned char *g = glyph(f, len, gid, &gl);
	uint32_t flags;

	keep[gid] = 1;
	if (g == NULL || (int16_t)be16(g) >= 0 || depth > 8)
		return;
	do {
		flags = be16(g + at);
		keep_glyph(f, len, be16(g + at + 2), keep, depth + 1);
		at += 4 + (flags & 1 ? 4 : 2);
		at += flags & 8 ? 2 : flags & 0x40 ? 4 : flags & 0x80 ? 8 : 0;
	} while (flags & 0x20);
}

/* A glyph's outline as HarfBuzz draws it, as text. */
struct pen {
	char	*s;
	size_t	 len;
	FILE	*f;
};

static void
move_to(hb_draw_funcs_t *df, void *d, hb_draw_state_t *st, float x, float y,
    void *u)
{
	(void)df, (void)st, (void)u;
	fprintf(((struct pen *)d)->f, "M%g,%g", x, y);
}

static void
line_to(hb_draw_funcs_t *df, void *d, hb_draw_state_t *st, float x, float y,
    void *u)
{
	(void)df, (void)st, (void)u;
	fprintf(((struct pen *)d)->f, "L%g,%g", x, y);
}

static void
quad_to(hb_draw_funcs_t *df, void *d, hb_draw_state_t *st, float cx,
    float cy, float x, float y, void *u)
{
	(void)df, (void)st, (void)u;
	fprintf(((struct pen *)d)->f, "Q%g,%g,%g,%g", cx, cy, x, y);
}

static void
close_path(hb_draw_funcs_t *df, void *d, hb_draw_state_t *st, void *u)
{
	(void)df, (void)st, (void)u;
	fputc('Z', ((struct pen *)d)->f);
}

static char *
outline(hb_font_t *font, uint32_t gid)
{
	hb_draw_funcs_t *df = hb_draw_funcs_create();
	struct pen p = { NULL, 0, NULL };

	hb_draw_funcs_set_move_to_func(df, move_to, NULL, NULL);
	hb_draw_funcs_set_line_to_func(df, line_to, NULL, NULL);
	hb_draw_funcs_set_quadratic_to_func(df, quad_to, NULL, NULL);
	hb_draw_funcs_set_close_path_func(df, close_path, NULL, NULL);
	p.f = open_memstream(&p.s, &p.len);
	hb_font_get_glyph_shape(font, gid, df, &p);
	fclose(p.f);
	hb_draw_funcs_destroy(df);
	return p.s;
}

static hb_face_t *
face_of(const unsigned char *f, size_t len)
{
	hb_blob_t *blob = hb_blob_create((const char *)f, (unsigned)len,
	    HB_MEMORY_MODE_READONLY, NULL, NULL);
	hb_face_t *face = hb_face_create(blob, 0);

	hb_blob_destroy(blob);
	return face;
}

static void
check_checksums(unsigned char *out, size_t olen)
{
	uint32_t i, n = be16(out + 4), range = 1;

	while (range * 2 <= n)
		range *= 2;
	ck_assert_uint_eq(be32(out), 0x00010000);
	ck_assert_uint_eq(be16(out + 6), range * 16);
	ck_assert_uint_eq(be16(out + 10), n * 16 - range * 16);
	for (i = 0; i < n; i++) {
		const unsigned char *r = out + 12 + 16 * i;
		unsigned char *t = out + be32(r + 8);
		uint32_t want = be32(r + 4);

		if (i > 0)
			ck_assert_uint_lt(be32(r - 16), be32(r));
		ck_assert_uint_eq(be32(r + 8) % 4, 0);
		ck_assert_uint_le((size_t)be32(r + 8) + be32(r + 12), olen);
		if (memcmp(r, "head", 4) == 0) {
			uint32_t adj = be32(t + 8);

			memset(t + 8, 0, 4);
			ck_assert_uint_eq(sum(t, be32(r + 12)), want);
			ck_assert_uint_eq(0xB1B0AFBAu - sum(out, olen), adj);
			put_be32(t + 8, adj);
		} else
			ck_assert_uint_eq(sum(t, be32(r + 12)), want);
	}
}

START_TEST(subset_laksaman)
{
	static const char *const same[] = { "OS/2", "cmap", "hhea", "hmtx",
	    "maxp", "fpgm", "prep", "cvt " };
	static const char text[] = "ผู้นำญี่ปุ่น ฐาน 1950 (ok) ฤๅ";
	struct sfnt_table t[NTAGS];
	size_t len, olen, a, b, i, n, nkeep = 0;
	unsigned char *in = (unsigned char *)slurp(LAKSAMAN, &len), *out;
	unsigned char *keep;
	const unsigned char *ti, *to;
	hb_face_t *fi, *fo;
	hb_font_t *hi, *ho;
	unsigned ng;

	ck_assert_ptr_nonnull(in);
	fi = face_of(in, len);
	hi = hb_font_create(fi);
	ng = hb_face_get_glyph_count(fi);
	keep = calloc(ng, 1);
	keep[0] = 1;
	for (i = 0; text[i] != '\0'; ) {
		uint32_t u = shape_utf8_next(text, strlen(text), &i);
		hb_codepoint_t g;

		ck_assert(hb_font_get_nominal_glyph(hi, u, &g));
		keep_glyph(in, len, g, keep, 0);
	}
	for (i = 0; i < ng; i++)
		nkeep += keep[i];
	n = tables_of(in, len, t);
	ck_assert_uint_eq(n, NTAGS);
	olen = sfnt_subset(t, n, keep, ng, NULL, 0, &out);
	ck_assert_uint_gt(olen, 0);
	ck_assert_uint_lt(olen, len / 4);
	ck_assert_uint_eq(be16(out + 4), NTAGS);
	check_checksums(out, olen);
	/* post: version 3, the rest of its header kept */
	ti = table(in, len, "post", &a);
	to = table(out, olen, "post", &b);
	ck_assert_ptr_nonnull(to);
	ck_assert_uint_eq(b, 32);
	ck_assert_uint_eq(be32(to), 0x00030000);
	ck_assert_int_eq(memcmp(ti + 4, to + 4, 28), 0);
	/* name: copyright, names, trademark and licence address only */
	ti = table(in, len, "name", &a);
	to = table(out, olen, "name", &b);
	ck_assert_uint_ne(name_ids(ti) & 1u << 13, 0);
	ck_assert_uint_eq(name_ids(to), name_ids(ti) & (0xffu | 1u << 14));
	ck_assert_uint_lt(b, a);
	/* head: the same but for checkSumAdjustment */
	ti = table(in, len, "head", &a);
	to = table(out, olen, "head", &b);
	ck_assert_uint_eq(a, b);
	ck_assert_int_eq(memcmp(ti, to, 8), 0);
	ck_assert_int_eq(memcmp(ti + 12, to + 12, a - 12), 0);
	/* the rest byte for byte */
	for (i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
		ti = table(in, len, same[i], &a);
		to = table(out, olen, same[i], &b);
		ck_assert_msg(ti != NULL && to != NULL, "%s", same[i]);
		ck_assert_uint_eq(a, b);
		ck_assert_int_eq(memcmp(ti, to, a), 0);
	}
	/* kept glyphs byte for byte, the others empty */
	for (i = 0; i < ng; i++) {
		const unsigned char *gi = glyph(in, len, (uint32_t)i, &a);
		const unsigned char *go = glyph(out, olen, (uint32_t)i, &b);

		if (!keep[i]) {
			ck_assert_ptr_null(go);
			continue;
		}
		ck_assert_uint_eq(a, b);
		if (a > 0)
			ck_assert_int_eq(memcmp(gi, go, a), 0);
	}
	/* HarfBuzz reads the same font: names, metrics, outlines */
	fo = face_of(out, olen);
	ho = hb_font_create(fo);
	ck_assert_uint_eq(hb_face_get_glyph_count(fo), ng);
	ck_assert_uint_eq(hb_face_get_upem(fo), hb_face_get_upem(fi));
	{
		char pi[64], po[64];
		unsigned si = sizeof(pi), so = sizeof(po);

		hb_ot_name_get_utf8(fi, HB_OT_NAME_ID_POSTSCRIPT_NAME,
		    hb_language_from_string("en", -1), &si, pi);
		hb_ot_name_get_utf8(fo, HB_OT_NAME_ID_POSTSCRIPT_NAME,
		    hb_language_from_string("en", -1), &so, po);
		ck_assert_str_eq(po, pi);
		ck_assert_str_eq(po, "Laksaman");
	}
	for (i = 0, a = 0; i < ng; i++) {
		char *oi = outline(hi, (uint32_t)i), *oo;

		ck_assert_int_eq(hb_font_get_glyph_h_advance(ho, (uint32_t)i),
		    hb_font_get_glyph_h_advance(hi, (uint32_t)i));
		if (keep[i]) {
			oo = outline(ho, (uint32_t)i);
			ck_assert_msg(strcmp(oi, oo) == 0, "glyph %zu", i);
			ck_assert_int_eq(*oo != '\0',
			    glyph(out, olen, (uint32_t)i, &b) != NULL);
			a += *oo != '\0';
			free(oo);
		}
		free(oi);
	}
	ck_assert_uint_ge(a, nkeep / 2);
	hb_font_destroy(ho);
	hb_face_destroy(fo);
	hb_font_destroy(hi);
	hb_face_destroy(fi);
	free(keep);
	free(out);
	free(in);
}
END_TEST

/* Tables that do not hold together: refused, never read past their end. */
START_TEST(subset_refuses)
{
	static const unsigned char junk[64] = "not a font at all";
	struct sfnt_table t[NTAGS], c[NTAGS];
	size_t len, n, i, k, cut;
	unsigned char *in = (unsigned char *)slurp(LAKSAMAN, &len), *out;
	unsigned char keep[4096];

	ck_assert_ptr_nonnull(in);
	memset(keep, 1, sizeof(keep));
	n = tables_of(in, len, t);
	/* a table missing */
	for (i = 0; i < n; i++) {
		static const char need[] = "glyf head loca maxp";

		memcpy(c, t, sizeof(t));
		c[i] = c[n - 1];
		k = sfnt_subset(c, n - 1, keep, sizeof(keep), NULL, 0, &out);
		ck_assert_uint_eq(k == 0, strstr(need, tags[i]) != NULL);
		free(out);
	}
	/* junk for each table */
	for (i = 0; i < n; i++) {
		memcpy(c, t, sizeof(t));
		c[i].d = junk;
		c[i].len = sizeof(junk);
		k = sfnt_subset(c, n, keep, sizeof(keep), NULL, 0, &out);
		if (k == 0)
			ck_assert_ptr_null(out);
		free(out);
	}
	/* each table cut short, copied so that AddressSanitizer watches */
	for (i = 0; i < n; i++)
		for (cut = 0; cut < t[i].len; cut += cut < 64 ? 1 :
		    t[i].len / 7 + 1) {
			unsigned char *d = malloc(cut + 1);

			memcpy(d, t[i].d, cut);
			memcpy(c, t, sizeof(t));
			c[i].d = d;
			c[i].len = cut;
			k = sfnt_subset(c, n, keep, sizeof(keep), NULL, 0, &out);
			if (k > 0)
				check_checksums(out, k);
			free(out);
			free(d);
		}
	free(in);
}
END_TEST

Suite *
ttf_suite(void)
{
	Suite *s = suite_create("ttf");
	TCase *t = tcase_create("subset");

	tcase_set_timeout(t, 60);
	tcase_add_test(t, subset_laksaman);
	tcase_add_test(t, subset_refuses);
	suite_add_tcase(s, t);
	return s;
}
