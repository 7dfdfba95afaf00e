/*
 * check_font.c - font selection and shaping against the real fontconfig
 * and the real fonts (fonts-tlwg-*, fonts-noto-core, fonts-nanum,
 * fonts-dejavu): the fallback chain, bold, families without Latin, only
 * TrueType files, project fonts first, the TH Sarabun New alias, runs and
 * clusters, uncovered characters.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <check.h>

#include "diag.h"
#include "font.h"
#include "shape.h"

#define MIXED	"ไทย 12 “x” – 한글 ✓ →"

static struct diag d;
static struct fontset *fs;
static char *diagbuf;
static size_t diaglen;

static void
setup(void)
{
	memset(&d, 0, sizeof(d));
	d.out = open_memstream(&diagbuf, &diaglen);
	fs = fontset_new(&d, NULL);
	ck_assert_ptr_nonnull(fs);
}

static void
teardown(void)
{
	fontset_free(fs);
	fclose(d.out);
	free(diagbuf);
	diagbuf = NULL;
}

static uint32_t
next_cp(const char **s)
{
	size_t i = 0;
	uint32_t c = shape_utf8_next(*s, strlen(*s), &i);

	*s += i;
	return c;
}

static int
starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static int
is_thai_font(const struct font *f)
{
	static const char *const fam[] = { "Laksaman", "Garuda", "Waree",
	    "Loma", "Norasi", "Kinnari", "Umpush", "Sawasdee", "Noto" };
	size_t i;

	for (i = 0; i < sizeof(fam) / sizeof(fam[0]); i++)
		if (starts(f->family, fam[i]))
			return 1;
	return 0;
}

START_TEST(fallback_default)
{
	struct fontchain *c = fontset_chain(fs, NULL, 0, 0);
	const char *s = MIXED;

	ck_assert_ptr_nonnull(c);
	while (*s != '\0') {
		uint32_t cp = next_cp(&s);
		struct font *f = fontchain_font(c, cp);

		ck_assert_msg(f != NULL, "U+%04X uncovered", (unsigned)cp);
		ck_assert(font_has(f, cp) || cp == ' ');
		if ((cp >= 0x0e00 && cp <= 0x0e7f) ||
		    (cp >= '0' && cp <= '9') || cp == 0x201c || cp == 0x201d || cp == 0x2013 || cp == 'x')
			ck_assert_msg(is_thai_font(f), "U+%04X in %s",
			    (unsigned)cp, f->family);
		else if (cp >= 0xac00 && cp <= 0xd7a3)
			ck_assert_msg(starts(f->family, "Nanum"),
			    "U+%04X in %s", (unsigned)cp, f->family);
		else if (cp == 0x2713)
			ck_assert_msg(starts(f->family, "DejaVu"),
			    "U+%04X in %s", (unsigned)cp, f->family);
		ck_assert_int_lt(f->weight, 150);
		ck_assert_int_eq(f->slant, 0);
	}
	/* Cached answers and chains. */
	ck_assert_ptr_eq(fontchain_font(c, 0x0e01), fontchain_font(c, 0x0e01));
	ck_assert_ptr_eq(fontset_chain(fs, FONT_DEFAULT_FAMILIES, 0, 0), c);
	ck_assert_ptr_eq(fontset_chain(fs, "", 0, 0), c);
}
END_TEST

START_TEST(fallback_bold)
{
	struct fontchain *c = fontset_chain(fs, "Noto Sans Thai", 1, 0);
	const char *s = MIXED;

	ck_assert_ptr_nonnull(c);
	while (*s != '\0') {
		uint32_t cp = next_cp(&s);
		struct font *f = fontchain_font(c, cp);

		ck_assert_ptr_nonnull(f);
		if (cp == ' ')
			continue;
		ck_assert_msg(f->weight >= 180, "U+%04X in %s %s weight %d",
		    (unsigned)cp, f->family, f->style, f->weight);
		if (cp >= 0xac00 && cp <= 0xd7a3)
			ck_assert(strstr(f->file, "Bold") != NULL);
	}
	ck_assert_str_eq(fontchain_font(c, 0x0e01)->family, "Noto Sans Thai");
	ck_assert_ptr_nonnull(strstr(fontchain_font(c, 0x0e01)->file, "Bold"));
}
END_TEST

START_TEST(noto_sans_thai_has_no_latin)
{
	struct fontchain *c = fontset_chain(fs, "Noto Sans Thai", 0, 0);
	struct font *thai, *digit;

	ck_assert_ptr_nonnull(c);
	thai = fontchain_font(c, 0x0e01);
	digit = fontchain_font(c, '1');
	ck_assert_str_eq(thai->family, "Noto Sans Thai");
	ck_assert_ptr_nonnull(digit);
	ck_assert_str_ne(digit->family, "Noto Sans Thai");
	ck_assert(font_has(digit, '1'));
	ck_assert_ptr_eq(fontchain_first(c), thai);
}
END_TEST

START_TEST(italic)
{
	struct fontchain *c = fontset_chain(fs, "Laksaman", 0, 1);
	struct font *f;

	ck_assert_ptr_nonnull(c);
	f = fontchain_font(c, 0x0e01);
	ck_assert_str_eq(f->family, "Laksaman");
	ck_assert_int_ne(f->slant, 0);
	ck_assert_ptr_nonnull(strstr(f->file, "Italic"));
}
END_TEST

/* Every font handed out is a TrueType file. */
START_TEST(only_truetype)
{
	static const uint32_t cps[] = { 'A', 0xe9, 0x0e01, 0x0e48, 0x2013,
	    0x20ac, 0x2192, 0x2713, 0x3042, 0x4e00, 0xac00, 0x1f600,
	    0x1d11e, 0x0915, 0x05d0 };
	static const char *const lists[] = { FONT_DEFAULT_FAMILIES,
	    "sans-serif", "serif", "monospace", "Noto Sans Thai" };
	size_t i, j;

	for (j = 0; j < sizeof(lists) / sizeof(lists[0]); j++) {
		struct fontchain *c = fontset_chain(fs, lists[j], 0, 0);

		ck_assert_ptr_nonnull(c);
		for (i = 0; i < sizeof(cps) / sizeof(cps[0]); i++) {
			struct font *f = fontchain_font(c, cps[i]);
			const char *dot;
			hb_blob_t *glyf;

			if (f == NULL)
				continue;
			dot = strrchr(f->file, '.');
			ck_assert_ptr_nonnull(dot);
			ck_assert_msg(strcasecmp(dot, ".ttf") == 0 ||
			    strcasecmp(dot, ".ttc") == 0, "%s", f->file);
			glyf = hb_face_reference_table(f->face,
			    HB_TAG('g', 'l', 'y', 'f'));
			ck_assert_uint_gt(hb_blob_get_length(glyf), 0);
			hb_blob_destroy(glyf);
			ck_assert(font_has(f, cps[i]));
		}
	}
}
END_TEST

static int
copy_file(const char *from, const char *to)
{
	FILE *a = fopen(from, "rb"), *b = fopen(to, "wb");
	char buf[65536];
	size_t n;
	int ok = a != NULL && b != NULL;

	while (ok && (n = fread(buf, 1, sizeof(buf), a)) > 0)
		ok = fwrite(buf, 1, n, b) == n;
	if (a != NULL)
		fclose(a);
	if (b != NULL && fclose(b) != 0)
		ok = 0;
	return ok;
}

/* A copy of a system face in the project's folder is used first. */
START_TEST(project_fonts_first)
{
	char dir[] = "/tmp/check_font.XXXXXX", path[256], real[4096];
	struct fontset *ps;
	struct fontchain *c;
	struct font *f;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/project-garuda.ttf", dir);
	ck_assert(copy_file("/usr/share/fonts/truetype/tlwg/Garuda.ttf",
	    path));
	ps = fontset_new(&d, dir);
	ck_assert_ptr_nonnull(ps);
	c = fontset_chain(ps, "Garuda", 0, 0);
	ck_assert_ptr_nonnull(c);
	f = fontchain_font(c, 0x0e01);
	ck_assert_ptr_nonnull(realpath(path, real));
	ck_assert_str_eq(f->file, real);
	ck_assert_uint_eq(f->index, 0);
	/* Without the folder, the system's copy. */
	c = fontset_chain(fs, "Garuda", 0, 0);
	ck_assert_str_eq(fontchain_font(c, 0x0e01)->file,
	    "/usr/share/fonts/truetype/tlwg/Garuda.ttf");
	fontset_free(ps);
	/* A missing folder is no error. */
	ps = fontset_new(&d, "/nonexistent/fonts");
	ck_assert_ptr_nonnull(ps);
	fontset_free(ps);
	unlink(path);
	rmdir(dir);
}
END_TEST

/* "TH Sarabun New" is fontconfig's Laksaman x 0.66 unless installed. */
START_TEST(sarabun_alias)
{
	struct fontchain *c = fontset_chain(fs, "TH Sarabun New", 0, 0);
	struct font *f;

	ck_assert_ptr_nonnull(c);
	f = fontchain_font(c, 0x0e01);
	if (strcmp(f->family, "Laksaman") != 0)
		return;		/* the real font is installed */
	ck_assert(f->scale > 0.65 && f->scale < 0.67);
	/* The default list starts with it: its Laksaman is scaled. */
	c = fontset_chain(fs, FONT_DEFAULT_FAMILIES, 0, 0);
	ck_assert(fontchain_font(c, 0x0e01)->scale < 0.67);
	/* Laksaman named first is plain Laksaman, the same face. */
	c = fontset_chain(fs, "Laksaman, " FONT_DEFAULT_FAMILIES, 0, 0);
	ck_assert(fontchain_font(c, 0x0e01)->scale == 1);
	ck_assert_ptr_eq(fontchain_font(c, 0x0e01)->face, f->face);
	ck_assert_ptr_ne(fontchain_font(c, 0x0e01), f);
	c = fontset_chain(fs, "Laksaman", 0, 0);
	ck_assert(fontchain_font(c, 0x0e01)->scale == 1);
}
END_TEST

struct unc {
	size_t	 off[8];
	uint32_t cp[8];
	int	 n;
};

static void
on_uncovered(void *arg, size_t off, uint32_t cp)
{
	struct unc *u = arg;

	if (u->n < 8) {
		u->off[u->n] = off;
		u->cp[u->n] = cp;
	}
	u->n++;
}

START_TEST(uncovered)
{
	struct fontchain *c = fontset_chain(fs, NULL, 0, 0);
	struct shaper *sh = shaper_new();
	/* ก U+E000 ข space U+F0001 ! */
	const char *text = "ก\xee\x80\x80ข \xf3\xb0\x80\x81!";
	struct unc u;
	struct run *r;
	size_t nr, i;
	unsigned k, ng = 0;

	memset(&u, 0, sizeof(u));
	ck_assert_ptr_null(fontchain_font(c, 0xe000));
	ck_assert_int_eq(shape_text(sh, c, text, strlen(text), &r, &nr,
	    on_uncovered, &u), 0);
	ck_assert_int_eq(u.n, 2);
	ck_assert_uint_eq(u.off[0], 3);
	ck_assert_uint_eq(u.cp[0], 0xe000);
	ck_assert_uint_eq(u.off[1], 10);
	ck_assert_uint_eq(u.cp[1], 0xf0001);
	/* Still a glyph for each: .notdef of the first font. */
	for (i = 0; i < nr; i++)
		for (k = 0; k < r[i].ng; k++) {
			if (r[i].g[k].cluster == 3 || r[i].g[k].cluster == 10) {
				ck_assert_uint_eq(r[i].g[k].gid, 0);
				ck_assert_ptr_eq(r[i].font, fontchain_first(c));
				ck_assert_int_gt(r[i].g[k].ax, 0);
			}
			ng++;
		}
	ck_assert_uint_eq(ng, 6);
	/* Covered text reports nothing. */
	u.n = 0;
	shape_text(sh, c, MIXED, strlen(MIXED), &r, &nr, on_uncovered, &u);
	ck_assert_int_eq(u.n, 0);
	/* Nor do controls. */
	shape_text(sh, c, "ก\nข\t", 8, &r, &nr, on_uncovered, &u);
	ck_assert_int_eq(u.n, 0);
	shaper_free(sh);
}
END_TEST

/* Runs: one font and script each, covering the text; clusters. */
START_TEST(runs)
{
	struct fontchain *c = fontset_chain(fs, "Noto Sans Thai", 0, 0);
	struct shaper *sh = shaper_new();
	const char *text = "ที่ 1950 “กิ่ง” 한글";
	size_t nr, i, len = strlen(text);
	struct run *r;
	unsigned k;

	ck_assert_int_eq(shape_text(sh, c, text, len, &r, &nr, NULL, NULL),
	    0);
	ck_assert_uint_ge(nr, 3);
	ck_assert_uint_eq(r[0].start, 0);
	ck_assert_uint_eq(r[nr - 1].end, len);
	for (i = 0; i < nr; i++) {
		int64_t adv = 0;

		if (i > 0) {
			ck_assert_uint_eq(r[i].start, r[i - 1].end);
			ck_assert(r[i].font != r[i - 1].font ||
			    r[i].script != r[i - 1].script);
		}
		for (k = 0; k < r[i].ng; k++) {
			ck_assert_uint_ge(r[i].g[k].cluster, r[i].start);
			ck_assert_uint_lt(r[i].g[k].cluster, r[i].end);
			if (k > 0)
				ck_assert_uint_ge(r[i].g[k].cluster,
				    r[i].g[k - 1].cluster);
			adv += r[i].g[k].ax;
		}
		ck_assert_int_eq(adv, r[i].adv);
	}
	/* ที่: one cluster, the base and its two marks, in Noto Sans Thai. */
	ck_assert_str_eq(r[0].font->family, "Noto Sans Thai");
	ck_assert_int_eq(r[0].script, HB_SCRIPT_THAI);
	ck_assert_uint_ge(r[0].ng, 3);
	ck_assert_uint_eq(r[0].g[0].cluster, 0);
	ck_assert_uint_eq(r[0].g[1].cluster, 0);
	ck_assert_uint_eq(r[0].g[2].cluster, 0);
	ck_assert_int_eq(r[0].g[1].ax, 0);
	/* The digits are not in Noto Sans Thai; Hangul is last. */
	for (i = 0; i < nr; i++)
		if (r[i].start <= 10 && 10 < r[i].end)
			ck_assert_str_ne(r[i].font->family, "Noto Sans Thai");
	ck_assert_int_eq(r[nr - 1].script, HB_SCRIPT_HANGUL);
	ck_assert(starts(r[nr - 1].font->family, "Nanum"));
	shaper_free(sh);
}
END_TEST

/* A mark stays with its base's font when that font has it. */
START_TEST(marks_stay)
{
	struct fontchain *c = fontset_chain(fs, "DejaVu Sans", 0, 0);
	struct shaper *sh = shaper_new();
	const char *text = "e\xcc\x81 ก\xe0\xb9\x88";	/* e U+0301, ก U+0E48 */
	struct run *r;
	size_t nr;

	shape_text(sh, c, text, strlen(text), &r, &nr, NULL, NULL);
	ck_assert_uint_eq(nr, 2);
	ck_assert_str_eq(r[0].font->family, "DejaVu Sans");
	ck_assert_uint_eq(r[0].end, 4);		/* "é " */
	ck_assert_uint_eq(r[1].start, 4);
	ck_assert(font_has(r[1].font, 0x0e01) && font_has(r[1].font, 0x0e48));
	shaper_free(sh);
}
END_TEST

/* Glyph names and composites, used by the PDF writer. */
START_TEST(glyph_tables)
{
	struct fontchain *c = fontset_chain(fs, "Noto Sans Thai", 0, 0);
	struct fontchain *l = fontset_chain(fs, "Laksaman", 0, 0);
	struct font *f = fontchain_font(c, 0x0e01), *lk;
	uint32_t out[8], comp[16];
	hb_codepoint_t g;
	int n;

	ck_assert(hb_font_get_glyph_from_name(f->hb, "uni0E240E45", -1, &g));
	n = font_glyph_text(f, g, out, 8);
	ck_assert_int_eq(n, 2);
	ck_assert_uint_eq(out[0], 0x0e24);
	ck_assert_uint_eq(out[1], 0x0e45);
	ck_assert(hb_font_get_glyph_from_name(f->hb, "uni0E38.small", -1, &g));
	ck_assert_int_eq(font_glyph_text(f, g, out, 8), 1);
	ck_assert_uint_eq(out[0], 0x0e38);
	ck_assert_int_ge(font_glyph_components(f, g, comp, 16), 1);
	ck_assert_uint_eq(font_glyph_code(f, g), 0);	/* unreachable */
	lk = fontchain_font(l, 0x0e01);
	ck_assert(hb_font_get_glyph_from_name(lk->hb, "uni0E49.low", -1, &g));
	ck_assert_uint_eq(font_glyph_code(lk, g), 0xf70b);
	hb_font_get_nominal_glyph(lk->hb, 0x0e01, &g);
	ck_assert_uint_eq(font_glyph_code(lk, g), 0x0e01);
	ck_assert_int_eq(font_glyph_advance(lk, g), 580);
}
END_TEST

Suite *
font_suite(void)
{
	Suite *s = suite_create("font");
	TCase *t = tcase_create("fontconfig");

	tcase_add_checked_fixture(t, setup, teardown);
	tcase_set_timeout(t, 60);
	tcase_add_test(t, fallback_default);
	tcase_add_test(t, fallback_bold);
	tcase_add_test(t, noto_sans_thai_has_no_latin);
	tcase_add_test(t, italic);
	tcase_add_test(t, only_truetype);
	tcase_add_test(t, project_fonts_first);
	tcase_add_test(t, sarabun_alias);
	tcase_add_test(t, uncovered);
	tcase_add_test(t, runs);
	tcase_add_test(t, marks_stay);
	tcase_add_test(t, glyph_tables);
	suite_add_tcase(s, t);
	return s;
}
