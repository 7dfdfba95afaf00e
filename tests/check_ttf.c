/*
 * check_ttf.c - ttf_slim on the real Laksaman (fonts-tlwg-laksaman): the
 * tables that change, the ones that must not, the checksums, HarfBuzz
 * reading the result, and input that is not a font or is cut short.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <hb.h>
#include <hb-ot.h>

#include "base/base.h"
#include "pdf/ttfslim.h"
#include "util.h"

#define LAKSAMAN "/usr/share/fonts/truetype/tlwg/Laksaman.ttf"

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

/* The name records' IDs, as a bit set. */
static uint32_t
name_ids(const unsigned char *t)
{
	uint32_t i, ids = 0;

	for (i = 0; i < be16(t + 2); i++)
		ids |= 1u << be16(t + 6 + 12 * i + 6);
	return ids;
}

START_TEST(slim_laksaman)
{
	static const char *const same[] = { "OS/2", "cmap", "glyf", "hhea",
	    "hmtx", "loca", "maxp", "fpgm", "prep", "cvt ", "GSUB", "GPOS" };
	size_t len, olen, a, b, i;
	unsigned char *in = (unsigned char *)slurp(LAKSAMAN, &len), *out;
	const unsigned char *ti, *to;
	uint32_t n, whole;
	hb_blob_t *blob;
	hb_face_t *fi, *fo;

	ck_assert_ptr_nonnull(in);
	olen = ttf_slim(in, len, &out);
	ck_assert_uint_gt(olen, 0);
	ck_assert_uint_lt(olen, len);
	n = be16(out + 4);
	ck_assert_uint_eq(n, be16(in + 4));
	/* checksums: each table's, and the whole font's through head */
	for (i = 0; i < n; i++) {
		const unsigned char *r = out + 12 + 16 * i;
		unsigned char *t = out + be32(r + 8);
		uint32_t want = be32(r + 4);

		ck_assert_uint_eq(be32(r + 8) % 4, 0);
		ck_assert_uint_le((size_t)be32(r + 8) + be32(r + 12), olen);
		if (memcmp(r, "head", 4) == 0) {
			uint32_t adj = be32(t + 8);

			memset(t + 8, 0, 4);
			ck_assert_uint_eq(sum(t, be32(r + 12)), want);
			whole = sum(out, olen);
			ck_assert_uint_eq(0xB1B0AFBAu - whole, adj);
			t[8] = (unsigned char)(adj >> 24);
			t[9] = (unsigned char)(adj >> 16);
			t[10] = (unsigned char)(adj >> 8);
			t[11] = (unsigned char)adj;
		} else
			ck_assert_uint_eq(sum(t, be32(r + 12)), want);
	}
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
	/* the rest byte for byte */
	for (i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
		ti = table(in, len, same[i], &a);
		to = table(out, olen, same[i], &b);
		ck_assert_msg(ti != NULL && to != NULL, "%s", same[i]);
		ck_assert_uint_eq(a, b);
		ck_assert_int_eq(memcmp(ti, to, a), 0);
	}
	/* HarfBuzz reads it as the same font, its PostScript name too */
	blob = hb_blob_create((const char *)in, (unsigned)len,
	    HB_MEMORY_MODE_READONLY, NULL, NULL);
	fi = hb_face_create(blob, 0);
	hb_blob_destroy(blob);
	blob = hb_blob_create((const char *)out, (unsigned)olen,
	    HB_MEMORY_MODE_READONLY, NULL, NULL);
	fo = hb_face_create(blob, 0);
	hb_blob_destroy(blob);
	ck_assert_uint_eq(hb_face_get_glyph_count(fo),
	    hb_face_get_glyph_count(fi));
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
	hb_face_destroy(fi);
	hb_face_destroy(fo);
	/* slim already: nothing to do */
	{
		unsigned char *again = in;

		ck_assert_uint_eq(ttf_slim(out, olen, &again), 0);
		ck_assert_ptr_null(again);
	}
	free(out);
	free(in);
}
END_TEST

START_TEST(slim_refuses)
{
	size_t len, cut;
	unsigned char *in = (unsigned char *)slurp(LAKSAMAN, &len), *out;
	static const unsigned char junk[64] = "not a font at all";

	ck_assert_ptr_nonnull(in);
	ck_assert_uint_eq(ttf_slim(junk, sizeof(junk), &out), 0);
	ck_assert_ptr_null(out);
	ck_assert_uint_eq(ttf_slim(in, 0, &out), 0);
	ck_assert_uint_eq(ttf_slim(in, 11, &out), 0);
	/* cut anywhere: no read past the end (AddressSanitizer watches) */
	for (cut = 12; cut < len; cut += cut < 2048 ? 1 : 997) {
		unsigned char *c = malloc(cut);
		size_t n;

		memcpy(c, in, cut);
		n = ttf_slim(c, cut, &out);
		if (n > 0)
			ck_assert_ptr_nonnull(out);
		free(out);
		free(c);
	}
	free(in);
}
END_TEST

Suite *
ttf_suite(void)
{
	Suite *s = suite_create("ttf");
	TCase *t = tcase_create("slim");

	tcase_set_timeout(t, 60);
	tcase_add_test(t, slim_laksaman);
	tcase_add_test(t, slim_refuses);
	suite_add_tcase(s, t);
	return s;
}
