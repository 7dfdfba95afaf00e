/*
 * check_font.c - font selection and shaping with the real fontconfig and
 * real fonts, on a set-up of the test's own (util.h test_fc_begin,
 * tests/fonts.conf: copies of Laksaman, Garuda, Noto Sans Thai, Noto Serif
 * Thai, NanumGothic, Noto Sans Lao and Khmer and DejaVu, never the
 * system's configuration): the fallback chain, bold, families without
 * Latin, only TrueType files, project fonts first, the TH Sarabun New
 * alias, fallbacks made for their script and at the main face's scale,
 * spaces and brackets in the main face, runs and clusters, uncovered
 * characters; and the cache file: used while nothing changed,
 * not used after a change to the configuration or a font folder, not used
 * when damaged, the folder tidied.
 */
#include <dirent.h>
#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <fcntl.h>
#include <time.h>
#include <sys/stat.h>

#include <check.h>

#include "base/base.h"
#include "text/text.h"
#include "util.h"

#define MIXED	"ไทย 12 “x” – 한글 ✓ →"

static struct diag d;
static struct fontset *fs;
static char *diagbuf;
static size_t diaglen;
static struct font_opts fo;	/* the fontsets' options */

static void
diag_open(void)
{
	memset(&d, 0, sizeof(d));
	d.out = open_memstream(&diagbuf, &diaglen);
	ck_assert_ptr_nonnull(d.out);
}

static void
diag_close(void)
{
	if (d.out != NULL)
		fclose(d.out);
	d.out = NULL;
	free(diagbuf);
	diagbuf = NULL;
}

/* Each test: a fontconfig set-up and a cache folder of its own. */
static void
setup(void)
{
	ck_assert_ptr_nonnull(test_fc_begin());
	diag_open();
}

static void
teardown(void)
{
	fontset_free(fs);
	fs = NULL;
	diag_close();
	ck_assert_int_eq(test_fc_end(), 0);
}

/* For a loop test: _i 0 without the cache file, 1 with a fresh one. */
static void
setup_loop(int i)
{
	test_fc_opts(&fo, NULL, i);
	fs = fontset_new(&d, &fo);
	ck_assert_ptr_nonnull(fs);
	ck_assert(!fontset_cached(fs));
}

/*
 * The second time round: the fontset is made again; when the first one
 * asked for chains, the new one answers from the cache file they were
 * written to, and fontconfig is not set up.
 */
static void
again(void)
{
	int had = fontset_chain_count(fs) > 0;

	fontset_free(fs);
	diag_close();
	diag_open();
	fs = fontset_new(&d, &fo);
	ck_assert_ptr_nonnull(fs);
	ck_assert_int_eq(fontset_cached(fs), had);
}

/*
 * Each test runs as a loop test, _i 0 and 1: on fontconfig alone, then
 * with a fresh cache folder, once as a first run (fontconfig asked, the
 * file written) and once more on a fontset that reads that file.
 */
#define FONT_TEST(name) \
	static void name##_body(int _i); \
	START_TEST(name) \
	{ \
		setup_loop(_i); \
		name##_body(_i); \
		if (_i == 1) { \
			again(); \
			name##_body(_i); \
		} \
	} \
	static void name##_body(int _i CK_ATTRIBUTE_UNUSED)

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

FONT_TEST(fallback_default)
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

FONT_TEST(fallback_bold)
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

FONT_TEST(noto_sans_thai_has_no_latin)
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

FONT_TEST(italic)
{
	struct fontchain *c = fontset_chain(fs, "Laksaman", 0, 1);
	struct font *f;

	ck_assert_ptr_nonnull(c);
	f = fontchain_font(c, 0x0e01);
	ck_assert_str_eq(f->family, "Laksaman");
	ck_assert_int_ne(f->slant, 0);
	ck_assert_ptr_nonnull(strstr(f->file, "Italic"));
}

/* Every font handed out is a TrueType file. */
FONT_TEST(only_truetype)
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

/* A copy of a face in the project's folder is used first. */
FONT_TEST(project_fonts_first)
{
	char dir[PATH_MAX + 256], path[PATH_MAX + 300], real[PATH_MAX];
	struct font_opts po;
	struct fontset *ps;
	struct fontchain *c;
	struct font *f;

	snprintf(dir, sizeof(dir), "%s", test_fc_path("project"));
	ck_assert_int_eq(mkdir(dir, 0700), 0);
	snprintf(path, sizeof(path), "%s/project-garuda.ttf", dir);
	ck_assert(test_copy(test_fc_path("fonts/Garuda.ttf"), path));
	test_fc_opts(&po, dir, _i);
	ps = fontset_new(&d, &po);
	ck_assert_ptr_nonnull(ps);
	c = fontset_chain(ps, "Garuda", 0, 0);
	ck_assert_ptr_nonnull(c);
	f = fontchain_font(c, 0x0e01);
	ck_assert_ptr_nonnull(realpath(path, real));
	ck_assert_str_eq(f->file, real);
	ck_assert_uint_eq(f->index, 0);
	/* Without the folder, the configuration's copy. */
	c = fontset_chain(fs, "Garuda", 0, 0);
	ck_assert_str_eq(fontchain_font(c, 0x0e01)->file,
	    test_fc_path("fonts/Garuda.ttf"));
	fontset_free(ps);
	/* A missing folder is no error. */
	test_fc_opts(&po, test_fc_path("no-such-folder"), _i);
	ps = fontset_new(&d, &po);
	ck_assert_ptr_nonnull(ps);
	fontset_free(ps);
	ck_assert_int_eq(test_rm_rf(dir), 0);
}

/*
 * "TH Sarabun New" is Laksaman x 0.66 (the rule of Debian's
 * fonts-tlwg-laksaman, in tests/fonts.conf).
 */
FONT_TEST(sarabun_alias)
{
	struct fontchain *c = fontset_chain(fs, "TH Sarabun New", 0, 0);
	struct font *f;

	ck_assert_ptr_nonnull(c);
	f = fontchain_font(c, 0x0e01);
	ck_assert_str_eq(f->family, "Laksaman");
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

/*
 * A letter the list lacks goes to a face made for its script: Lao to Noto
 * Sans Lao, although fontconfig sorts DejaVu Sans, which has Lao too,
 * before it; in bold, to its bold.
 */
FONT_TEST(made_for_script)
{
	struct fontchain *c = fontset_chain(fs, FONT_DEFAULT_FAMILIES, 0, 0);
	struct fontchain *b = fontset_chain(fs, FONT_DEFAULT_FAMILIES, 1, 0);
	struct fontchain *d = fontset_chain(fs, "DejaVu Sans", 0, 0);
	struct font *f;

	ck_assert_ptr_nonnull(c);
	ck_assert_ptr_nonnull(b);
	ck_assert(font_has(fontchain_font(d, 0x0ea5), 0x0ea5));
	f = fontchain_font(c, 0x0ea5);			/* ລ */
	ck_assert_str_eq(f->family, "Noto Sans Lao");
	ck_assert_int_lt(f->weight, 150);
	f = fontchain_font(b, 0x0ea5);
	ck_assert_str_eq(f->family, "Noto Sans Lao");
	ck_assert_int_ge(f->weight, 180);
	ck_assert_str_eq(fontchain_font(c, 0x1780)->family,	/* ក */
	    "Noto Sans Khmer");
	ck_assert(starts(fontchain_font(c, 0xac00)->family, "Nanum"));
	/* a family the list names keeps what it has */
	ck_assert_str_eq(fontchain_font(d, 0x0ea5)->family, "DejaVu Sans");
	c = fontset_chain(fs, "Laksaman, DejaVu Sans", 0, 0);
	ck_assert_str_eq(fontchain_font(c, 0x0ea5)->family, "DejaVu Sans");
}

/*
 * Every face of a chain takes its main face's factor: with TH Sarabun New
 * (Laksaman at 0.66), Lao, Khmer, Hangul and symbols too, so that they
 * are as large as the Thai beside them; without it, all at 1.
 */
FONT_TEST(fallback_scale)
{
	static const uint32_t cps[] = { 0x0e01, 'A', 0x0ea5, 0x1780, 0xac00,
	    0x2713, 0x03b1 };
	struct fontchain *c;
	size_t i, k;

	for (k = 0; k < 2; k++) {
		double want = k == 0 ? 0.66 : 1;

		c = fontset_chain(fs, k == 0 ? FONT_DEFAULT_FAMILIES :
		    "Laksaman, Noto Serif Thai, Noto Sans Thai, Garuda", 0, 0);
		ck_assert_ptr_nonnull(c);
		ck_assert(fontchain_first(c)->scale > want - 0.005 &&
		    fontchain_first(c)->scale < want + 0.005);
		for (i = 0; i < sizeof(cps) / sizeof(cps[0]); i++) {
			struct font *f = fontchain_font(c, cps[i]);

			ck_assert_ptr_nonnull(f);
			ck_assert_msg(f->scale == fontchain_first(c)->scale,
			    "U+%04X in %s at %g, the main face at %g",
			    (unsigned)cps[i], f->family, f->scale,
			    fontchain_first(c)->scale);
		}
	}
}

/*
 * Spaces, brackets, digits and punctuation next to a fallback run are in
 * the main face, which has them; the letters in theirs.
 */
FONT_TEST(common_in_main)
{
	struct fontchain *c = fontset_chain(fs, FONT_DEFAULT_FAMILIES, 0, 0);
	struct shaper *sh = shaper_new();
	const char *text = "ไทย (김정은) ພາສາ ລາວ, 2024 “ភាសា”";
	struct font *first = fontchain_first(c);
	struct run *r;
	size_t nr, i, j;

	ck_assert_int_eq(shape_text(sh, c, text, strlen(text), &r, &nr,
	    NULL, NULL), 0);
	for (i = 0; i < nr; i++)
		for (j = r[i].start; j < r[i].end; ) {
			uint32_t cp = shape_utf8_next(text, r[i].end, &j);
			int common = (cp < 128 && strchr(" (),0123456789",
			    (int)cp) != NULL) || cp == 0x201c || cp == 0x201d;
			int thai = cp >= 0x0e00 && cp <= 0x0e7f;

			ck_assert_msg(common || thai ? r[i].font == first :
			    r[i].font != first, "U+%04X in %s", (unsigned)cp,
			    r[i].font->family);
		}
	shaper_free(sh);
}

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

FONT_TEST(uncovered)
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

/* Runs: one font and script each, covering the text; clusters. */
FONT_TEST(runs)
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

/* A mark stays with its base's font when that font has it. */
FONT_TEST(marks_stay)
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

/* Glyph names and composites, used by the PDF writer. */
FONT_TEST(glyph_tables)
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

/* The cache file. */

/* A fontset on the test's set-up, with the cache file. */
static struct fontset *
new_fs(void)
{
	struct fontset *s;

	test_fc_opts(&fo, NULL, 1);
	s = fontset_new(&d, &fo);
	ck_assert_ptr_nonnull(s);
	return s;
}

static const struct {
	const char *families;
	int bold, italic;
} probe_chains[] = {
	{ NULL, 0, 0 }, { NULL, 1, 0 }, { NULL, 0, 1 },
	{ "Noto Sans Thai", 1, 0 }, { "Laksaman, TH Sarabun New", 0, 0 },
	{ "DejaVu Sans Mono, Garuda", 0, 0 },
};

/* Code points to ask about: Latin to arrows, Thai, Hangul, PUA, emoji. */
static uint32_t
probe_next(uint32_t cp)
{
	if (cp < 0x2fff)
		return cp + 1;
	if (cp < 0xac00)
		return 0xac00;
	if (cp < 0xd7a3)
		return cp + 7;
	if (cp < 0xe000)
		return 0xe000;
	if (cp < 0xf8ff)
		return cp + 13;
	if (cp < 0x1f300)
		return 0x1f300;
	return cp + 1;
}

/* Both fontsets give the same font (file, face, scale, names). */
static void
same_answers(struct fontset *a, struct fontset *b)
{
	size_t k;
	uint32_t cp;

	for (k = 0; k < sizeof(probe_chains) / sizeof(probe_chains[0]); k++) {
		struct fontchain *ca = fontset_chain(a,
		    probe_chains[k].families, probe_chains[k].bold,
		    probe_chains[k].italic);
		struct fontchain *cb = fontset_chain(b,
		    probe_chains[k].families, probe_chains[k].bold,
		    probe_chains[k].italic);
		struct font *fa, *fb;

		ck_assert_ptr_nonnull(ca);
		ck_assert_ptr_nonnull(cb);
		fa = fontchain_first(ca);
		fb = fontchain_first(cb);
		ck_assert_str_eq(fa->file, fb->file);
		ck_assert(fa->scale == fb->scale);
		for (cp = 0; cp < 0x1f700; cp = probe_next(cp)) {
			fa = fontchain_font(ca, cp);
			fb = fontchain_font(cb, cp);
			ck_assert_msg((fa == NULL) == (fb == NULL),
			    "chain %zu U+%04X: %s against %s", k, (unsigned)cp,
			    fa != NULL ? fa->file : "none",
			    fb != NULL ? fb->file : "none");
			if (fa == NULL)
				continue;
			ck_assert_msg(strcmp(fa->file, fb->file) == 0 &&
			    fa->index == fb->index && fa->scale == fb->scale,
			    "chain %zu U+%04X: %s %g against %s %g", k,
			    (unsigned)cp, fa->file, fa->scale, fb->file,
			    fb->scale);
			ck_assert_str_eq(fa->family, fb->family);
			ck_assert_str_eq(fa->style, fb->style);
			ck_assert_int_eq(fa->weight, fb->weight);
			ck_assert_int_eq(fa->slant, fb->slant);
		}
	}
}

/* Fill the cache with the probe chains. */
static void
prime(void)
{
	struct fontset *w = new_fs();
	size_t k;

	for (k = 0; k < sizeof(probe_chains) / sizeof(probe_chains[0]); k++)
		ck_assert_ptr_nonnull(fontset_chain(w,
		    probe_chains[k].families, probe_chains[k].bold,
		    probe_chains[k].italic));
	fontset_free(w);
}

START_TEST(cache_same_answers)
{
	struct font_opts plain;
	struct fontset *a, *b;

	test_fc_opts(&plain, NULL, 0);
	a = fontset_new(&d, &plain);	/* fontconfig itself */
	ck_assert_ptr_nonnull(a);
	prime();
	b = new_fs();
	ck_assert(fontset_cached(b));
	same_answers(a, b);
	/* nothing asked for that the file lacks: fontconfig never set up */
	ck_assert(fontset_cached(b));
	fontset_free(a);
	fontset_free(b);
}
END_TEST

/* The fontset's first font for the default family list. */
static const char *
first_family(struct fontset *s)
{
	struct fontchain *c = fontset_chain(s, NULL, 0, 0);

	ck_assert_ptr_nonnull(c);
	return fontchain_first(c)->family;
}

static void
put(const char *path, const char *buf, size_t len)
{
	FILE *f = fopen(path, "wb");

	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(buf, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
}

/* The user's fontconfig file: Garuda first for a request naming family. */
static void
user_conf(const char *family)
{
	char buf[512];
	int n = snprintf(buf, sizeof(buf), "<?xml version=\"1.0\"?>\n"
	    "<fontconfig>\n<match target=\"pattern\">\n"
	    "<test name=\"family\"><string>%s</string></test>\n"
	    "<edit name=\"family\" mode=\"prepend\" binding=\"strong\">"
	    "<string>Garuda</string></edit>\n</match>\n</fontconfig>\n",
	    family);

	put(test_fc_path("config/fontconfig/fonts.conf"), buf, (size_t)n);
}

/*
 * Set path's modification time one second past st's, which the cache file
 * recorded: a change that a second of waiting would show, without the
 * wait, and whatever the file system's clock granularity.
 */
static void
later(const char *path, const struct stat *st)
{
	struct timespec ts[2];

	ts[0].tv_sec = 0;
	ts[0].tv_nsec = UTIME_OMIT;
	ts[1] = st->st_mtim;
	ts[1].tv_sec++;
	ck_assert_int_eq(utimensat(AT_FDCWD, path, ts, 0), 0);
}

/*
 * After what: whether a fontset answers from the cache file, and the
 * family of the first font of family's chain: first, or anything but
 * not_first.
 */
static void
expect(const char *what, int cached, const char *family, const char *first,
    const char *not_first)
{
	struct fontset *s = new_fs();
	struct fontchain *c;

	ck_assert_msg(fontset_cached(s) == cached, "%s: the cache file was "
	    "%s", what, cached ? "not used" : "used");
	c = fontset_chain(s, family, 0, 0);
	ck_assert_ptr_nonnull(c);
	if (first != NULL)
		ck_assert_msg(strcmp(fontchain_first(c)->family, first) == 0,
		    "%s: %s, not %s", what, fontchain_first(c)->family, first);
	if (not_first != NULL)
		ck_assert_msg(strcmp(fontchain_first(c)->family, not_first) !=
		    0, "%s: %s came first", what, not_first);
	fontset_free(s);
}

START_TEST(cache_follows_configuration)
{
	char conf[PATH_MAX + 300], fonts[PATH_MAX + 300];
	char waree[PATH_MAX + 300];
	struct stat st, now;

	snprintf(conf, sizeof(conf), "%s",
	    test_fc_path("config/fontconfig/fonts.conf"));
	snprintf(fonts, sizeof(fonts), "%s", test_fc_path("fonts"));

	expect("a first run", 0, NULL, "Laksaman", NULL);
	expect("nothing changed", 1, NULL, "Laksaman", NULL);

	/* the user's configuration appears: the file is not used */
	ck_assert_int_eq(mkdir(test_fc_path("config/fontconfig"), 0700), 0);
	user_conf("TH Sarabun New");
	expect("the user's file made", 0, NULL, "Garuda", NULL);
	/* written again, and used */
	expect("nothing changed", 1, NULL, "Garuda", NULL);

	/* changed in place, same inode and size: its time tells */
	ck_assert_int_eq(stat(conf, &st), 0);
	user_conf("TH Sarabun Old");
	later(conf, &st);
	ck_assert_int_eq(stat(conf, &now), 0);
	ck_assert(now.st_ino == st.st_ino && now.st_size == st.st_size);
	expect("the user's file changed", 0, NULL, "Laksaman", NULL);
	expect("nothing changed", 1, NULL, "Laksaman", NULL);

	/* a font added to a font folder: its time tells */
	expect("Waree asked for", 1, "Waree", NULL, "Waree");
	expect("nothing changed", 1, "Waree", NULL, "Waree");
	ck_assert_int_eq(stat(fonts, &st), 0);
	ck_assert_int_lt(snprintf(waree, sizeof(waree), "%s/Waree.ttf",
	    fonts), (int)sizeof(waree));
	ck_assert(test_copy("/usr/share/fonts/truetype/tlwg/Waree.ttf",
	    waree));
	later(fonts, &st);
	expect("Waree added", 0, "Waree", "Waree", NULL);
	expect("nothing changed", 1, "Waree", "Waree", NULL);
}
END_TEST

/* How many cache files (not temporary ones) the folder holds; the
 * name of the last one seen in path; in *all (when not NULL), how many
 * files of any kind. */
static int
ncache_named(char *path, size_t size, int *all)
{
	const char *dir = test_fc_path("cache/briefing");
	struct dirent *e;
	DIR *dp = opendir(dir);
	int n = 0;

	ck_assert_ptr_nonnull(dp);
	if (all != NULL)
		*all = 0;
	while ((e = readdir(dp)) != NULL) {
		size_t len = strlen(e->d_name);

		if (all != NULL && e->d_name[0] != '.')
			(*all)++;
		if (len > 6 && strcmp(e->d_name + len - 6, ".cache") == 0) {
			if (path != NULL)
				snprintf(path, size, "%s/%s", dir, e->d_name);
			n++;
		}
	}
	closedir(dp);
	return n;
}

/* The one cache file in the folder; its name in path. */
static void
cache_file(char *path, size_t size)
{
	ck_assert_int_eq(ncache_named(path, size, NULL), 1);
}

/* A damaged file is not used, and the answers are still fontconfig's. */
static void
refused(const char *path, const char *buf, size_t len)
{
	struct fontset *s;

	put(path, buf, len);
	s = new_fs();
	ck_assert_msg(!fontset_cached(s), "a damaged file was used (%zu "
	    "bytes)", len);
	ck_assert_str_eq(first_family(s), "Laksaman");
	ck_assert_ptr_nonnull(fontset_chain(s, NULL, 1, 0));
	fontset_free(s);
}

START_TEST(cache_damaged)
{
	char path[PATH_MAX + 300];
	size_t len, i, cuts[] = { 0, 1, 8, 63, 64, 65, 100 };
	char *good, *bad;
	struct fontset *s;

	s = new_fs();
	first_family(s);
	fontset_free(s);
	cache_file(path, sizeof(path));
	good = slurp(path, &len);
	ck_assert_ptr_nonnull(good);
	ck_assert_uint_gt(len, 1000);
	bad = malloc(len + 8);
	ck_assert_ptr_nonnull(bad);
	/* one byte changed, anywhere */
	for (i = 0; i < len; i += len / 150 + 1) {
		memcpy(bad, good, len);
		bad[i] ^= 0x21;
		refused(path, bad, len);
	}
	/* cut short, or longer */
	for (i = 0; i < sizeof(cuts) / sizeof(cuts[0]); i++)
		refused(path, good, cuts[i]);
	refused(path, good, len / 2);
	refused(path, good, len - 8);
	memcpy(bad, good, len);
	memset(bad + len, 0, 8);
	refused(path, bad, len + 8);
	/* and the good file is good */
	put(path, good, len);
	s = new_fs();
	ck_assert(fontset_cached(s));
	fontset_free(s);
	free(good);
	free(bad);
}
END_TEST

/*
 * One cache file, fonts.cache, in the folder: a run with another set-up
 * (here another fonts folder) does not use it and writes it anew for its
 * own; files not the program's stay; no temporary file is left.
 */
START_TEST(cache_one_file)
{
	char other[PATH_MAX + 300], path[PATH_MAX + 300];
	struct fontset *s;
	int all;

	prime();
	snprintf(other, sizeof(other), "%s", test_fc_path("other-fonts"));
	ck_assert_int_eq(mkdir(other, 0700), 0);
	snprintf(path, sizeof(path), "%s/notes.txt",
	    test_fc_path("cache/briefing"));
	put(path, "x", 1);
	/* another set-up: not its answers, so fontconfig's, and written */
	test_fc_opts(&fo, other, 1);
	s = fontset_new(&d, &fo);
	ck_assert_ptr_nonnull(s);
	ck_assert(!fontset_cached(s));
	ck_assert_str_eq(first_family(s), "Laksaman");
	fontset_free(s);
	/* fonts.cache and notes.txt: nothing else, no temporary file */
	ck_assert_int_eq(ncache_named(path, sizeof(path), &all), 1);
	ck_assert_str_eq(strrchr(path, '/') + 1, "fonts.cache");
	ck_assert_int_eq(all, 2);
	/* now the file is the other set-up's: used by it, not by the first */
	test_fc_opts(&fo, other, 1);
	s = fontset_new(&d, &fo);
	ck_assert_ptr_nonnull(s);
	ck_assert(fontset_cached(s));
	fontset_free(s);
	s = new_fs();
	ck_assert(!fontset_cached(s));
	ck_assert_str_eq(first_family(s), "Laksaman");
	fontset_free(s);
	ck_assert_int_eq(ncache_named(NULL, 0, &all), 1);
	ck_assert_int_eq(all, 2);
	rmdir(other);
}
END_TEST

Suite *
font_suite(void)
{
	Suite *s = suite_create("font");
	TCase *t = tcase_create("fontconfig");

	tcase_add_unchecked_fixture(t, test_fc_case_begin, test_fc_case_end);
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_set_timeout(t, 60);
	tcase_add_loop_test(t, fallback_default, 0, 2);
	tcase_add_loop_test(t, fallback_bold, 0, 2);
	tcase_add_loop_test(t, noto_sans_thai_has_no_latin, 0, 2);
	tcase_add_loop_test(t, italic, 0, 2);
	tcase_add_loop_test(t, only_truetype, 0, 2);
	tcase_add_loop_test(t, project_fonts_first, 0, 2);
	tcase_add_loop_test(t, sarabun_alias, 0, 2);
	tcase_add_loop_test(t, made_for_script, 0, 2);
	tcase_add_loop_test(t, fallback_scale, 0, 2);
	tcase_add_loop_test(t, common_in_main, 0, 2);
	tcase_add_loop_test(t, uncovered, 0, 2);
	tcase_add_loop_test(t, runs, 0, 2);
	tcase_add_loop_test(t, marks_stay, 0, 2);
	tcase_add_loop_test(t, glyph_tables, 0, 2);
	suite_add_tcase(s, t);

	t = tcase_create("cache");
	tcase_add_unchecked_fixture(t, test_fc_case_begin, test_fc_case_end);
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_set_timeout(t, 120);
	tcase_add_test(t, cache_same_answers);
	tcase_add_test(t, cache_follows_configuration);
	tcase_add_test(t, cache_damaged);
	tcase_add_test(t, cache_one_file);
	suite_add_tcase(s, t);
	return s;
}
