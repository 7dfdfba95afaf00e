/*
 * check_style.c - styles (style.c, briefing-style(5)): the three built-in
 * styles with their exact values, loading by file path, inheritance of
 * font roles, unit conversion and rounding, and one bad style file for
 * each kind of error with its exact message and line:col.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include "base/base.h"
#include "input/input.h"
#include "util.h"

/* Lengths [u] as the loader rounds them (half up from the exact value). */
#define PT(x)	((x) * 1000)
#define CM_3	85039		/* 3 * 7200000 / 254 = 85039.37 */
#define CM_2_5	70866		/* 70866.14 */
#define CM_2	56693		/* 56692.91 */
#define A4_W	595276		/* 210mm = 595275.59 */
#define A4_H	841890		/* 297mm = 841889.76 */

/* One load: the style (or NULL) and the messages (malloc'd). */
struct run {
	struct arena		*a;
	const struct style	*s;
	char			*out;
	int			 errors;
};

static void
load(struct run *r, const char *name)
{
	size_t len = 0;
	FILE *mem;
	struct diag d;

	memset(r, 0, sizeof(*r));
	r->out = NULL;
	mem = open_memstream(&r->out, &len);
	ck_assert_ptr_nonnull(mem);
	memset(&d, 0, sizeof(d));
	d.out = mem;
	r->a = arena_new();
	r->s = style_load(r->a, &d, name);
	fclose(mem);
	r->errors = d.errors;
}

static void
done(struct run *r)
{
	arena_free(r->a);
	free(r->out);
}

/* Write text to a new file under /tmp; returns its path (malloc'd). */
static char *
temp_style(const char *text)
{
	char *path = strdup("/tmp/check_style_XXXXXX");
	int fd = mkstemp(path);
	size_t n = strlen(text);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, text, n), (ssize_t)n);
	close(fd);
	return path;
}

/* Load text from a temporary file, then remove the file. */
static char *
load_text(struct run *r, const char *text)
{
	char *path = temp_style(text);

	load(r, path);
	unlink(path);
	return path;
}

static void
check_font(const struct style_font *f, const char *families, int bold,
    int italic, int32_t size, int32_t leading, uint32_t rgb)
{
	ck_assert_str_eq(f->families, families);
	ck_assert_int_eq(f->bold, bold);
	ck_assert_int_eq(f->italic, italic);
	ck_assert_int_eq(f->size, size);
	ck_assert_int_eq(f->leading, leading);
	ck_assert_uint_eq(f->rgb, rgb);
}

static void
check_slot(const char *got, const char *want)
{
	if (want == NULL)
		ck_assert_ptr_null(got);
	else {
		ck_assert_ptr_nonnull(got);
		ck_assert_str_eq(got, want);
	}
}

#define BRIEFING_FAMILIES "Laksaman, Noto Serif Thai, Noto Sans Thai, Garuda"
#define OFFICIAL_FAMILIES \
	"TH Sarabun New, Laksaman, Noto Serif Thai, Noto Sans Thai, Garuda"

START_TEST(test_builtin_list)
{
	ck_assert_str_eq(style_builtin[0], "briefing");
	ck_assert_str_eq(style_builtin[1], "official");
	ck_assert_str_eq(style_builtin[2], "letter");
	ck_assert_ptr_null(style_builtin[3]);
}
END_TEST

/* The briefing and letter styles share everything but paper and words. */
static void
check_briefing_like(const struct style *s)
{
	const char *fam = BRIEFING_FAMILIES;

	ck_assert_int_eq(s->mirror, 0);
	ck_assert_int_eq(s->gutter, 0);
	check_font(&s->font[ROLE_BODY], fam, 0, 0, PT(12), PT(18), 0x000000);
	check_font(&s->font[ROLE_BOLD], fam, 1, 0, PT(12), PT(18), 0x000000);
	check_font(&s->font[ROLE_ITALIC], fam, 0, 1, PT(12), PT(18), 0x000000);
	check_font(&s->font[ROLE_HEADING], fam, 1, 0, PT(18), PT(27), 0x000000);
	check_font(&s->font[ROLE_EVENT], fam, 1, 0, PT(12), PT(18), 0x000000);
	check_font(&s->font[ROLE_DATE], fam, 1, 0, PT(12), PT(18), 0x1F3864);
	check_font(&s->font[ROLE_HEADER], fam, 0, 0, PT(9), 13500, 0x595959);
	check_font(&s->font[ROLE_SMALL], fam, 0, 0, PT(10), PT(15), 0x404040);
	/* the classification: bold, red, at the body's size */
	check_font(&s->font[ROLE_BANNER], fam, 1, 0, PT(12), PT(18), 0xC00000);
	ck_assert_int_eq(s->indent, 0);
	ck_assert_int_eq(s->para_space, PT(6));
	ck_assert_int_eq(s->event_space, PT(12));
	ck_assert_int_eq(s->date_width, CM_3);
	ck_assert_int_eq(s->align, ALIGN_JUSTIFY);
	ck_assert(s->max_stretch == 1.0);
	ck_assert_int_eq(s->datefmt.era, WHEN_CE);
	ck_assert_int_eq(s->datefmt.digits, WHEN_ARABIC);
	ck_assert_int_eq(s->datefmt.abbrev, 1);
	ck_assert_int_eq(s->datefmt.times, 0);
	check_slot(s->header.left, "{title}");
	check_slot(s->header.center, NULL);
	check_slot(s->header.right, "{date}");
	ck_assert_int_eq(s->header.first_page, 0);
	ck_assert_int_eq(s->header.rule, 1);
	check_slot(s->footer.left, NULL);
	check_slot(s->footer.right, NULL);
	ck_assert_int_eq(s->footer.first_page, 1);
	ck_assert_int_eq(s->footer.rule, 0);
	ck_assert_int_eq(s->banner, 1);
	ck_assert_ptr_null(s->watermark);
	ck_assert_int_eq(s->toc, 0);
	ck_assert_uint_eq(s->rule_rgb, 0x808080);
	ck_assert_uint_eq(s->link_rgb, 0x1F4E9A);
	ck_assert_int_eq(s->text_digits, 0);
}

START_TEST(test_briefing)
{
	struct run r;
	const struct style *s;

	load(&r, "briefing");
	ck_assert_str_eq(r.out, "");
	ck_assert_ptr_nonnull(s = r.s);
	ck_assert_str_eq(s->name, "briefing");
	ck_assert_int_eq(s->page_w, A4_W);
	ck_assert_int_eq(s->page_h, A4_H);
	ck_assert_int_eq(s->margin_top, CM_2_5);
	ck_assert_int_eq(s->margin_bottom, CM_2_5);
	ck_assert_int_eq(s->margin_inner, CM_2_5);
	ck_assert_int_eq(s->margin_outer, CM_2);
	check_briefing_like(s);
	ck_assert_str_eq(s->lang, "th");
	ck_assert_int_eq(s->datefmt.lang, WHEN_TH);
	check_slot(s->footer.center, "หน้า {page} / {pages}");
	done(&r);
}
END_TEST

START_TEST(test_default_is_briefing)
{
	struct run r;

	load(&r, NULL);
	ck_assert_str_eq(r.out, "");
	ck_assert_ptr_nonnull(r.s);
	ck_assert_str_eq(r.s->name, "briefing");
	done(&r);
}
END_TEST

START_TEST(test_official)
{
	struct run r;
	const struct style *s;
	const char *fam = OFFICIAL_FAMILIES;

	load(&r, "official");
	ck_assert_str_eq(r.out, "");
	ck_assert_ptr_nonnull(s = r.s);
	ck_assert_str_eq(s->name, "official");
	ck_assert_int_eq(s->page_w, A4_W);
	ck_assert_int_eq(s->page_h, A4_H);
	ck_assert_int_eq(s->margin_top, CM_2_5);
	ck_assert_int_eq(s->margin_bottom, CM_2);
	ck_assert_int_eq(s->margin_inner, CM_3);	/* left: 3cm */
	ck_assert_int_eq(s->margin_inner, 85039);
	ck_assert_int_eq(s->margin_outer, CM_2);	/* right: 2cm */
	ck_assert_int_eq(s->mirror, 0);
	ck_assert_int_eq(s->gutter, 0);
	check_font(&s->font[ROLE_BODY], fam, 0, 0, PT(16), 19200, 0x000000);
	check_font(&s->font[ROLE_BOLD], fam, 1, 0, PT(16), 19200, 0x000000);
	check_font(&s->font[ROLE_ITALIC], fam, 0, 1, PT(16), 19200, 0x000000);
	check_font(&s->font[ROLE_HEADING], fam, 1, 0, PT(20), PT(24), 0x000000);
	check_font(&s->font[ROLE_EVENT], fam, 1, 0, PT(16), 19200, 0x000000);
	check_font(&s->font[ROLE_DATE], fam, 1, 0, PT(16), 19200, 0x000000);
	check_font(&s->font[ROLE_HEADER], fam, 0, 0, PT(16), 19200, 0x000000);
	check_font(&s->font[ROLE_SMALL], fam, 0, 0, PT(14), 16800, 0x000000);
	/* stamped larger than the text, red and bold */
	check_font(&s->font[ROLE_BANNER], fam, 1, 0, PT(20), PT(24), 0xC00000);
	ck_assert_int_eq(s->indent, CM_2_5);
	ck_assert_int_eq(s->para_space, PT(6));
	ck_assert_int_eq(s->event_space, PT(12));
	ck_assert_int_eq(s->date_width, 0);		/* date line above */
	ck_assert_int_eq(s->align, ALIGN_THAI_DISTRIBUTED);
	ck_assert(s->max_stretch == 1.0);
	ck_assert_str_eq(s->lang, "th");
	ck_assert_int_eq(s->datefmt.lang, WHEN_TH);
	ck_assert_int_eq(s->datefmt.era, WHEN_BE);
	ck_assert_int_eq(s->datefmt.digits, WHEN_THAI);
	ck_assert_int_eq(s->datefmt.abbrev, 0);
	check_slot(s->header.left, NULL);
	check_slot(s->header.center, "- {page} -");
	check_slot(s->header.right, NULL);
	ck_assert_int_eq(s->header.first_page, 0);
	ck_assert_int_eq(s->header.rule, 0);
	check_slot(s->footer.left, NULL);
	check_slot(s->footer.center, NULL);
	check_slot(s->footer.right, NULL);
	ck_assert_int_eq(s->banner, 1);
	ck_assert_ptr_null(s->watermark);
	ck_assert_int_eq(s->toc, 0);
	ck_assert_uint_eq(s->rule_rgb, 0x808080);
	ck_assert_uint_eq(s->link_rgb, 0x000000);	/* links print black */
	ck_assert_int_eq(s->text_digits, 1);	/* Thai digits in the text */
	done(&r);
}
END_TEST

START_TEST(test_letter)
{
	struct run r;
	const struct style *s;

	load(&r, "letter");
	ck_assert_str_eq(r.out, "");
	ck_assert_ptr_nonnull(s = r.s);
	ck_assert_str_eq(s->name, "letter");
	ck_assert_int_eq(s->page_w, PT(612));		/* 8.5in */
	ck_assert_int_eq(s->page_h, PT(792));		/* 11in */
	ck_assert_int_eq(s->margin_top, PT(72));
	ck_assert_int_eq(s->margin_bottom, PT(72));
	ck_assert_int_eq(s->margin_inner, PT(72));
	ck_assert_int_eq(s->margin_outer, PT(72));
	check_briefing_like(s);
	ck_assert_str_eq(s->lang, "en");
	ck_assert_int_eq(s->datefmt.lang, WHEN_EN);
	check_slot(s->footer.center, "Page {page} of {pages}");
	done(&r);
}
END_TEST

/* Two loads of the same style give the same values. */
static void
check_same(const struct style *a, const struct style *b)
{
	int i;

	ck_assert_str_eq(a->name, b->name);
	ck_assert_int_eq(a->page_w, b->page_w);
	ck_assert_int_eq(a->page_h, b->page_h);
	ck_assert_int_eq(a->margin_top, b->margin_top);
	ck_assert_int_eq(a->margin_bottom, b->margin_bottom);
	ck_assert_int_eq(a->margin_inner, b->margin_inner);
	ck_assert_int_eq(a->margin_outer, b->margin_outer);
	ck_assert_int_eq(a->mirror, b->mirror);
	ck_assert_int_eq(a->gutter, b->gutter);
	for (i = 0; i < ROLE__MAX; i++)
		check_font(&a->font[i], b->font[i].families, b->font[i].bold,
		    b->font[i].italic, b->font[i].size, b->font[i].leading,
		    b->font[i].rgb);
	ck_assert_int_eq(a->indent, b->indent);
	ck_assert_int_eq(a->para_space, b->para_space);
	ck_assert_int_eq(a->event_space, b->event_space);
	ck_assert_int_eq(a->date_width, b->date_width);
	ck_assert_int_eq(a->align, b->align);
	ck_assert(a->max_stretch == b->max_stretch);
	ck_assert_str_eq(a->lang, b->lang);
	ck_assert_mem_eq(&a->datefmt, &b->datefmt, sizeof(a->datefmt));
	check_slot(a->header.left, b->header.left);
	check_slot(a->header.center, b->header.center);
	check_slot(a->header.right, b->header.right);
	check_slot(a->footer.left, b->footer.left);
	check_slot(a->footer.center, b->footer.center);
	check_slot(a->footer.right, b->footer.right);
	ck_assert_int_eq(a->header.first_page, b->header.first_page);
	ck_assert_int_eq(a->header.rule, b->header.rule);
	ck_assert_int_eq(a->footer.first_page, b->footer.first_page);
	ck_assert_int_eq(a->footer.rule, b->footer.rule);
	ck_assert_int_eq(a->banner, b->banner);
	ck_assert_uint_eq(a->link_rgb, b->link_rgb);
	ck_assert_int_eq(a->text_digits, b->text_digits);
	check_slot(a->watermark, b->watermark);
	ck_assert_int_eq(a->toc, b->toc);
	ck_assert_uint_eq(a->rule_rgb, b->rule_rgb);
}

/*
 * styles/NAME.xml by path gives what the compiled-in copy gives.  The
 * program does not validate its built-in styles when it loads them: this
 * test does, through the file, which the build compiles in.
 */
START_TEST(test_file_matches_builtin)
{
	struct run rb, rf;
	char rel[64];

	snprintf(rel, sizeof(rel), "styles/%s.xml", style_builtin[_i]);
	load(&rb, style_builtin[_i]);
	load(&rf, top_path(rel));
	ck_assert_str_eq(rf.out, "");
	ck_assert_int_eq(rf.errors, 0);
	ck_assert_ptr_nonnull(rb.s);
	ck_assert_ptr_nonnull(rf.s);
	check_same(rf.s, rb.s);
	done(&rb);
	done(&rf);
}
END_TEST

/* Every attribute left out takes the briefing style's value. */
START_TEST(test_empty_style_is_briefing)
{
	struct run r, rb;
	char *path;
	const char *base;

	path = load_text(&r, "<style version=\"1\"/>\n");
	load(&rb, "briefing");
	ck_assert_str_eq(r.out, "");
	ck_assert_ptr_nonnull(r.s);
	/* no name: the file's base name */
	base = strrchr(path, '/') + 1;
	ck_assert_str_eq(r.s->name, base);
	/* the briefing's own colours for date, header and small aside */
	check_font(&r.s->font[ROLE_DATE], BRIEFING_FAMILIES, 1, 0, PT(12),
	    PT(18), 0x000000);
	check_font(&r.s->font[ROLE_HEADER], BRIEFING_FAMILIES, 0, 0, PT(9),
	    13500, 0x000000);
	check_font(&r.s->font[ROLE_SMALL], BRIEFING_FAMILIES, 0, 0, PT(10),
	    PT(15), 0x000000);
	/* no header or footer unless given */
	ck_assert_ptr_null(r.s->header.left);
	ck_assert_ptr_null(r.s->header.right);
	ck_assert_ptr_null(r.s->footer.center);
	ck_assert_int_eq(r.s->page_w, rb.s->page_w);
	ck_assert_int_eq(r.s->margin_outer, rb.s->margin_outer);
	ck_assert_int_eq(r.s->date_width, rb.s->date_width);
	ck_assert_mem_eq(&r.s->datefmt, &rb.s->datefmt, sizeof(r.s->datefmt));
	ck_assert_int_eq(r.s->banner, 1);
	/* a banner not given is shown, bold, red, at the body's size */
	check_font(&r.s->font[ROLE_BANNER], BRIEFING_FAMILIES, 1, 0, PT(12),
	    PT(18), 0xC00000);
	ck_assert_uint_eq(r.s->link_rgb, rb.s->link_rgb);
	ck_assert_int_eq(r.s->text_digits, 0);
	free(path);
	done(&r);
	done(&rb);
}
END_TEST

/* Roles not given follow body; attributes not given follow the role. */
START_TEST(test_inheritance)
{
	struct run r;
	const struct style *s;
	char *path;

	path = load_text(&r,
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<!-- a comment -->\n"
	    "<style name=\"mine\" version=\"1\">\n"
	    "  <paper width=\"148mm\" height=\"210mm\" orientation=\"landscape\"/>\n"
	    "  <margins top=\"1in\" bottom=\"20mm\" inner=\"2cm\" outer=\"1.5cm\"\n"
	    "      gutter=\"5mm\" mirror=\"yes\"/>\n"
	    "  <font role=\"small\" italic=\"yes\"/>\n"
	    "  <font role=\"body\" family=\"Garuda\" size=\"14pt\" leading=\"20pt\"\n"
	    "      color=\"#102030\"/>\n"
	    "  <font role=\"heading\" family=\"Noto Sans Thai\" size=\"24pt\"\n"
	    "      bold=\"no\" leading=\"1.25\"/>\n"
	    "  <paragraph indent=\"1.25cm\" space=\"0\" align=\"left\" "
	    "max-stretch=\"0.75\"/>\n"
	    "  <event space=\"18pt\" date-width=\"0\"/>\n"
	    "  <language strings=\"en\" era=\"BE\" digits=\"thai\" months=\"full\"\n"
	    "      times=\"yes\" text-digits=\"thai\"/>\n"
	    "  <header/>\n"
	    "  <footer left=\"{title} &amp; {period}\" right=\"{event}\" "
	    "first-page=\"no\" rule=\"yes\"/>\n"
	    "  <banner show=\"no\" color=\"#00ff00\" size=\"21pt\" "
	    "bold=\"no\"/>\n"
	    "  <watermark text=\"ร่าง\"/>\n"
	    "  <contents show=\"yes\"/>\n"
	    "  <rules color=\"#AbCdEf\"/>\n"
	    "  <links color=\"#123456\"/>\n"
	    "</style>\n");
	ck_assert_str_eq(r.out, "");
	ck_assert_ptr_nonnull(s = r.s);
	ck_assert_str_eq(s->name, "mine");
	ck_assert_int_eq(s->page_w, 595276);		/* 210mm */
	ck_assert_int_eq(s->page_h, 419528);		/* 148mm = 419527.56 */
	ck_assert_int_eq(s->margin_top, PT(72));
	ck_assert_int_eq(s->margin_bottom, 56693);	/* 20mm */
	ck_assert_int_eq(s->margin_inner, CM_2);
	ck_assert_int_eq(s->margin_outer, 42520);	/* 42519.69 */
	ck_assert_int_eq(s->gutter, 14173);		/* 14173.23 */
	ck_assert_int_eq(s->mirror, 1);
	check_font(&s->font[ROLE_BODY], "Garuda", 0, 0, PT(14), PT(20),
	    0x102030);
	check_font(&s->font[ROLE_BOLD], "Garuda", 1, 0, PT(14), PT(20),
	    0x102030);
	check_font(&s->font[ROLE_ITALIC], "Garuda", 0, 1, PT(14), PT(20),
	    0x102030);
	check_font(&s->font[ROLE_HEADING], "Noto Sans Thai", 0, 0, PT(24),
	    PT(30), 0x102030);
	check_font(&s->font[ROLE_EVENT], "Garuda", 1, 0, PT(14), PT(20),
	    0x102030);
	check_font(&s->font[ROLE_DATE], "Garuda", 1, 0, PT(14), PT(20),
	    0x102030);
	/* 3/4 of 14pt = 10.5pt, leading in body's proportion: 15pt */
	check_font(&s->font[ROLE_HEADER], "Garuda", 0, 0, 10500, PT(15),
	    0x102030);
	/* 5/6 of 14pt = 11.667pt, leading 16.667pt */
	check_font(&s->font[ROLE_SMALL], "Garuda", 0, 1, 11667, 16667,
	    0x102030);
	ck_assert_int_eq(s->indent, 35433);		/* 35433.07 */
	ck_assert_int_eq(s->para_space, 0);
	ck_assert_int_eq(s->event_space, PT(18));
	ck_assert_int_eq(s->date_width, 0);
	ck_assert_int_eq(s->align, ALIGN_LEFT);
	ck_assert(s->max_stretch == 0.75);
	ck_assert_str_eq(s->lang, "en");
	ck_assert_int_eq(s->datefmt.lang, WHEN_EN);
	ck_assert_int_eq(s->datefmt.era, WHEN_BE);
	ck_assert_int_eq(s->datefmt.digits, WHEN_THAI);
	ck_assert_int_eq(s->datefmt.abbrev, 0);
	ck_assert_int_eq(s->datefmt.times, 1);
	/* an empty <header/> is no header */
	check_slot(s->header.left, NULL);
	check_slot(s->header.center, NULL);
	check_slot(s->header.right, NULL);
	check_slot(s->footer.left, "{title} & {period}");
	check_slot(s->footer.center, NULL);
	check_slot(s->footer.right, "{event}");
	ck_assert_int_eq(s->footer.first_page, 0);
	ck_assert_int_eq(s->footer.rule, 1);
	ck_assert_int_eq(s->banner, 0);
	/* body's family, leading in its proportion: 21 * 20 / 14 = 30pt */
	check_font(&s->font[ROLE_BANNER], "Garuda", 0, 0, PT(21), PT(30),
	    0x00FF00);
	ck_assert_uint_eq(s->link_rgb, 0x123456);
	ck_assert_int_eq(s->text_digits, 1);
	ck_assert_str_eq(s->watermark, "ร่าง");
	ck_assert_int_eq(s->toc, 1);
	ck_assert_uint_eq(s->rule_rgb, 0xABCDEF);
	free(path);
	done(&r);
}
END_TEST

/* Lengths: exact decimal value times the unit, rounded half up. */
static const struct {
	const char	*len;
	int32_t		 u;
} lengths[] = {
	{ "0", 0 },
	{ "12pt", 12000 },
	{ "0.5pt", 500 },
	{ "0.0004pt", 0 },		/* 0.4 */
	{ "0.0005pt", 1 },		/* 0.5: half up */
	{ "1in", 72000 },
	{ "0.1in", 7200 },
	{ "25.4mm", 72000 },
	{ "2.54cm", 72000 },
	{ "1mm", 2835 },		/* 2834.65 */
	{ "1cm", 28346 },		/* 28346.46 */
	{ "3cm", 85039 },		/* 85039.37 */
	{ "210mm", 595276 },		/* 595275.59 */
	{ "200in", 14400000 },		/* the largest length */
};

START_TEST(test_lengths)
{
	struct run r;
	char text[256], *path;

	snprintf(text, sizeof(text), "<style version=\"1\">\n"
	    "<paragraph space=\"%s\"/></style>\n", lengths[_i].len);
	path = load_text(&r, text);
	ck_assert_msg(r.s != NULL, "%s: %s", lengths[_i].len, r.out);
	ck_assert_int_eq(r.s->para_space, lengths[_i].u);
	free(path);
	done(&r);
}
END_TEST

/* Leading: a factor of the size or a length. */
START_TEST(test_leading)
{
	struct run r;
	char *path;

	path = load_text(&r, "<style version=\"1\">"
	    "<font role=\"body\" size=\"13pt\" leading=\"1.3333\"/>"
	    "<font role=\"date\" leading=\"11.5pt\"/></style>");
	ck_assert_str_eq(r.out, "");
	ck_assert_int_eq(r.s->font[ROLE_BODY].leading, 17333);	/* 17.3329 */
	ck_assert_int_eq(r.s->font[ROLE_DATE].leading, 11500);
	ck_assert_int_eq(r.s->font[ROLE_HEADING].size, 19500);
	/* 19.5pt * 17.333 / 13 = 25.9995pt: half up */
	ck_assert_int_eq(r.s->font[ROLE_HEADING].leading, 26000);
	free(path);
	done(&r);
}
END_TEST

/* Bad style files: "%s" in the messages stands for the file's path. */
static const struct {
	const char	*what;
	const char	*text;
	const char	*diag;
} bad[] = {
	{ "unknown element",
	  "<style version=\"1\">\n"
	  "  <paper size=\"A4\"/>\n"
	  "  <colour value=\"red\"/>\n"
	  "</style>\n",
	  "%s:3:3: error: bad style: unknown element <colour> in <style>: "
	  "expected paper, margins, font, paragraph, event, language, header, "
	  "footer, banner, watermark, contents, rules or links\n" },
	{ "unknown attribute",
	  "<style version=\"1\">\n"
	  "  <font role=\"body\" colour=\"#000000\"/>\n"
	  "</style>\n",
	  "%s:2:21: error: bad style: unknown attribute \"colour\" on <font>: "
	  "expected role, family, size, leading, bold, italic or color\n" },
	{ "bad unit",
	  "<style version=\"1\">\n"
	  "  <margins top=\"2.5cm\" bottom=\"2furlongs\"/>\n"
	  "</style>\n",
	  "%s:2:33: error: bad style: bottom=\"2furlongs\": unknown unit "
	  "\"furlongs\": expected pt, mm, cm or in\n" },
	{ "missing unit",
	  "<style version=\"1\"><font role=\"body\" size=\"12\"/></style>",
	  "%s:1:44: error: bad style: size=\"12\": missing unit: expected pt, "
	  "mm, cm or in\n" },
	{ "not a number",
	  "<style version=\"1\">\n  <event space=\"big\"/>\n</style>",
	  "%s:2:17: error: bad style: space=\"big\": expected a number and a "
	  "unit (pt, mm, cm or in), e.g. \"2.5cm\", or 0\n" },
	{ "a line taller than the text area",
	  "<style version=\"1\">\n  <font role=\"body\" leading=\"750pt\"/>\n"
	  "</style>\n",
	  "%s:2:30: error: bad style: leading=\"750pt\": a line of the body "
	  "font (750pt) is taller than the text area (700.16pt)\n" },
	{ "a line taller than the text area, in inches",
	  "<style version=\"1\"><font role=\"header\" leading=\"200in\"/>"
	  "</style>",
	  "%s:1:49: error: bad style: leading=\"200in\": a line of the header "
	  "font (14400pt) is taller than the text area (700.16pt)\n" },
	{ "a size that makes the line too tall",
	  "<style version=\"1\"><font role=\"body\" size=\"600pt\"/></style>",
	  "%s:1:44: error: bad style: size=\"600pt\": a line of the body font "
	  "(900pt) is taller than the text area (700.16pt)\n" },
	{ "a size wider than the date column",
	  "<style version=\"1\"><font role=\"body\" size=\"250pt\"/>"
	  "<margins top=\"1cm\" bottom=\"1cm\"/></style>",
	  "%s:1:44: error: bad style: size=\"250pt\": the date font (250pt) "
	  "is wider than the date column (85.04pt)\n" },
	{ "a size wider than the text column",
	  "<style version=\"1\"><font role=\"heading\" size=\"500pt\" "
	  "leading=\"1\"/></style>",
	  "%s:1:47: error: bad style: size=\"500pt\": the heading font (500pt) "
	  "is wider than the text column (467.72pt)\n" },
	{ "negative length",
	  "<style version=\"1\">\n  <margins top=\"-1cm\"/>\n</style>",
	  "%s:2:17: error: bad style: top=\"-1cm\": must not be negative\n" },
	{ "too many decimals",
	  "<style version=\"1\">\n  <font role=\"body\" size=\"1.23456pt\"/>\n"
	  "</style>",
	  "%s:2:27: error: bad style: size=\"1.23456pt\": at most 4 digits "
	  "after the point\n" },
	{ "too large",
	  "<style version=\"1\">\n  <paper width=\"999999.9999pt\" "
	  "height=\"10in\"/>\n</style>",
	  "%s:2:17: error: bad style: width=\"999999.9999pt\": too large: at "
	  "most 200in\n" },
	{ "zero size",
	  "<style version=\"1\">\n  <font role=\"small\" size=\"0\"/>\n</style>",
	  "%s:2:28: error: bad style: size=\"0\": must be more than 0\n" },
	{ "bad leading",
	  "<style version=\"1\">\n  <font role=\"body\" leading=\"double\"/>\n"
	  "</style>",
	  "%s:2:30: error: bad style: leading=\"double\": expected a factor of "
	  "the size, e.g. \"1.5\", or a length, e.g. \"18pt\"\n" },
	{ "bad colour",
	  "<style version=\"1\">\n  <banner color=\"red\"/>\n</style>\n",
	  "%s:2:18: error: bad style: color=\"red\": expected a colour as "
	  "#RRGGBB, e.g. \"#C00000\"\n" },
	{ "bad link colour",
	  "<style version=\"1\">\n  <links color=\"blue\"/>\n</style>\n",
	  "%s:2:17: error: bad style: color=\"blue\": expected a colour as "
	  "#RRGGBB, e.g. \"#C00000\"\n" },
	{ "a classification smaller than the text",
	  "<style version=\"1\">\n  <banner size=\"10pt\"/>\n</style>\n",
	  "%s:2:17: error: bad style: size=\"10pt\": smaller than the body "
	  "text (12pt): a classification is printed at least as large\n" },
	{ "a classification smaller than a larger body's",
	  "<style version=\"1\">\n  <banner size=\"14pt\"/>\n"
	  "  <font role=\"body\" size=\"16pt\"/>\n</style>\n",
	  "%s:2:17: error: bad style: size=\"14pt\": smaller than the body "
	  "text (16pt): a classification is printed at least as large\n" },
	{ "a classification of no size",
	  "<style version=\"1\">\n  <banner size=\"0\"/>\n</style>\n",
	  "%s:2:17: error: bad style: size=\"0\": must be more than 0\n" },
	{ "a classification wider than the page",
	  "<style version=\"1\">\n  <banner size=\"500pt\"/>\n</style>\n",
	  "%s:2:17: error: bad style: size=\"500pt\": a line of the banner "
	  "font (750pt) is taller than the text area (700.16pt)\n" },
	{ "unknown attribute of <banner>",
	  "<style version=\"1\">\n  <banner italic=\"yes\"/>\n</style>\n",
	  "%s:2:11: error: bad style: unknown attribute \"italic\" on "
	  "<banner>: expected show, color, size or bold\n" },
	{ "bad text-digits",
	  "<style version=\"1\"><language text-digits=\"arabic\"/></style>",
	  "%s:1:43: error: bad style: text-digits=\"arabic\": expected keep "
	  "or thai\n" },
	{ "short colour",
	  "<style version=\"1\">\n  <rules color=\"#FFF\"/>\n</style>\n",
	  "%s:2:17: error: bad style: color=\"#FFF\": expected a colour as "
	  "#RRGGBB, e.g. \"#C00000\"\n" },
	{ "no text area across",
	  "<style version=\"1\">\n"
	  "  <paper size=\"A4\"/>\n"
	  "  <margins inner=\"10cm\" outer=\"11cm\"/>\n"
	  "</style>\n",
	  "%s:3:3: error: bad style: margins leave no text area: page width "
	  "595.28pt - inner 283.47pt - outer 311.81pt - gutter 0pt = 0pt (at "
	  "least 72pt needed)\n" },
	{ "no text area down",
	  "<style version=\"1\">\n"
	  "  <paper size=\"A5\" orientation=\"landscape\"/>\n"
	  "  <margins top=\"3in\" bottom=\"2.5in\"/>\n"
	  "</style>\n",
	  "%s:3:3: error: bad style: margins leave no text area: page height "
	  "419.53pt - top 216pt - bottom 180pt = 23.53pt (at least 72pt "
	  "needed)\n" },
	{ "paper too small",
	  "<style version=\"1\">\n  <paper width=\"2in\" height=\"3in\"/>\n"
	  "</style>\n",
	  "%s:2:3: error: bad style: margins leave no text area: page width "
	  "144pt - inner 70.87pt - outer 56.69pt - gutter 0pt = 16.44pt "
	  "(at least 72pt needed)\n" },
	{ "no room for the date column",
	  "<style version=\"1\">\n  <paper width=\"3in\" height=\"3in\"/>\n"
	  "</style>\n",
	  "%s:2:3: error: bad style: margins leave no room for the date "
	  "column: text width 88.44pt - date-width 85.04pt = 3.4pt (at least "
	  "72pt needed)\n" },
	{ "date column too wide",
	  "<style version=\"1\">\n  <event date-width=\"16cm\"/>\n</style>\n",
	  "%s:2:22: error: bad style: date-width=\"16cm\" leaves no room for "
	  "text: text width 467.72pt - date-width 453.54pt = 14.17pt (at least "
	  "72pt needed)\n" },
	{ "unknown role",
	  "<style version=\"1\">\n  <font role=\"caption\" size=\"10pt\"/>\n"
	  "</style>\n",
	  "%s:2:15: error: bad style: role=\"caption\": expected body, bold, "
	  "italic, heading, event, date, header or small\n" },
	{ "no role",
	  "<style version=\"1\">\n  <font size=\"10pt\"/>\n</style>\n",
	  "%s:2:3: error: bad style: <font> needs a role: one of body, bold, "
	  "italic, heading, event, date, header or small\n" },
	{ "role twice",
	  "<style version=\"1\">\n"
	  "  <font role=\"body\"/>\n"
	  "  <paper size=\"A5\"/>\n"
	  "  <font role=\"body\" size=\"10pt\"/>\n"
	  "  <paper size=\"A4\"/>\n"
	  "</style>\n",
	  "%s:4:3: error: bad style: a second <font role=\"body\">: give each "
	  "role once\n"
	  "%s:2:3: note: first defined here: <font role=\"body\">\n"
	  "%s:5:3: error: bad style: a second <paper>: give each element once\n"
	  "%s:3:3: note: first defined here: <paper>\n" },
	{ "bad keyword",
	  "<style version=\"1\"><language era=\"AD\" digits=\"roman\"/>"
	  "<paragraph align=\"justified\"/><contents show=\"true\"/></style>",
	  "%s:1:35: error: bad style: era=\"AD\": expected CE or BE\n"
	  "%s:1:47: error: bad style: digits=\"roman\": expected arabic or "
	  "thai\n"
	  "%s:1:73: error: bad style: align=\"justified\": expected left, "
	  "justify, thai-distributed, center or right\n"
	  "%s:1:101: error: bad style: show=\"true\": expected yes or no\n" },
	{ "bad times",
	  "<style version=\"1\"><language times=\"on\"/></style>",
	  "%s:1:37: error: bad style: times=\"on\": expected yes or no\n" },
	{ "unknown field",
	  "<style version=\"1\">\n  <header left=\"ก {title} {pagenum}\"/>\n"
	  "</style>\n",
	  "%s:2:27: error: bad style: left=\"ก {title} {pagenum}\": unknown "
	  "field {pagenum}: expected {title}, {event}, {period}, {page}, "
	  "{pages} or {date}\n" },
	{ "open brace",
	  "<style version=\"1\">\n  <footer center=\"- {page -\"/>\n</style>\n",
	  "%s:2:21: error: bad style: center=\"- {page -\": \"{\" without "
	  "\"}\"\n" },
	{ "paper both ways",
	  "<style version=\"1\">\n  <paper size=\"A4\" width=\"10in\"/>\n"
	  "</style>\n",
	  "%s:2:3: error: bad style: <paper> takes size, or width and height, "
	  "not both\n" },
	{ "paper half given",
	  "<style version=\"1\">\n  <paper width=\"10in\"/>\n</style>\n",
	  "%s:2:3: error: bad style: <paper> needs size, or both width and "
	  "height\n" },
	{ "bad version",
	  "<style version=\"2\">\n</style>\n",
	  "%s:1:17: error: bad style: unsupported version \"2\": expected "
	  "version=\"1\"\n" },
	{ "no version",
	  "<style name=\"x\">\n</style>\n",
	  "%s:1:1: error: bad style: <style> needs version=\"1\"\n" },
	{ "bad name",
	  "<style name=\"my style\" version=\"1\"/>\n",
	  "%s:1:14: error: bad style: name=\"my style\": expected letters, "
	  "digits, '.', '_' or '-'\n" },
	{ "wrong root",
	  "<?xml version=\"1.0\"?>\n<timeline version=\"1\"/>\n",
	  "%s:2:1: error: bad style: <timeline> is not a style: expected "
	  "<style> as the root element\n" },
	{ "namespace",
	  "<style xmlns=\"urn:x\" version=\"1\"/>\n",
	  "%s:1:1: error: bad style: <style> in namespace \"urn:x\": expected "
	  "no namespace\n" },
	{ "text",
	  "<style version=\"1\">\n  hello\n  <paper size=\"A4\">x</paper>\n"
	  "</style>\n",
	  "%s:2:3: error: bad style: text is not allowed in <style>: styles "
	  "use attributes only\n"
	  "%s:3:20: error: bad style: text is not allowed in <paper>: styles "
	  "use attributes only\n" },
	{ "Thai text",
	  "<style version=\"1\">\n  <paper size=\"A4\">\n ข้อความ &amp; more"
	  "</paper><contents>  ก <!-- c --> x</contents>\n</style>\n",
	  "%s:3:2: error: bad style: text is not allowed in <paper>: styles "
	  "use attributes only\n"
	  "%s:3:40: error: bad style: text is not allowed in <contents>: "
	  "styles use attributes only\n" },
	{ "child of a leaf",
	  "<style version=\"1\">\n  <margins><top>2cm</top></margins>\n"
	  "</style>\n",
	  "%s:2:12: error: bad style: unknown element <top> in <margins>: "
	  "expected no content\n" },
	{ "empty watermark",
	  "<style version=\"1\">\n  <watermark text=\" \"/>\n</style>\n",
	  "%s:2:20: error: bad style: text=\" \": expected the watermark's "
	  "words\n" },
	{ "malformed XML",
	  "<style version=\"1\">\n  <paper size=\"A4\">\n</style>\n",
	  "%s:3:9: error: bad style: malformed XML: opening and ending tag "
	  "mismatch: paper line 2 and style\n" },
	{ "entity declaration",
	  "<?xml version=\"1.0\"?>\n<!DOCTYPE style [\n"
	  "  <!ENTITY lol \"lol\">\n]>\n<style version=\"1\"/>\n",
	  "%s:3:3: error: bad style: entity declarations are not supported: "
	  "\"lol\"\n" },
	{ "external entity",
	  "<?xml version=\"1.0\"?>\n<!DOCTYPE style [\n"
	  "  <!ENTITY x SYSTEM \"/etc/passwd\">\n]>\n"
	  "<style version=\"1\" name=\"&x;\"/>\n",
	  "%s:3:3: error: bad style: external entity \"x\" is not allowed; "
	  "entity declarations are not supported\n" },
	{ "bad UTF-8",
	  "<style version=\"1\">\n  <watermark text=\"\xff\"/>\n</style>\n",
	  "%s:2:20: error: bad style: invalid UTF-8: byte 0xFF is not part of "
	  "a UTF-8 character\n" },
	{ "empty file",
	  "  \n",
	  "%s:1:1: error: bad style: empty file: expected a <style> element\n" },
	{ "many at once",
	  "<style version=\"1\" lang=\"th\">\n"
	  "  <margins top=\"1 cm\" mirror=\"maybe\"/>\n"
	  "  <font role=\"heading\" size=\"20px\" color=\"#12345G\"/>\n"
	  "  <footnote/>\n"
	  "</style>\n",
	  "%s:1:20: error: bad style: unknown attribute \"lang\" on <style>: "
	  "expected name or version\n"
	  "%s:2:18: error: bad style: top=\"1 cm\": no space is allowed "
	  "between the number and the unit\n"
	  "%s:2:31: error: bad style: mirror=\"maybe\": expected yes or no\n"
	  "%s:3:32: error: bad style: size=\"20px\": unknown unit \"px\": "
	  "expected pt, mm, cm or in\n"
	  "%s:3:43: error: bad style: color=\"#12345G\": expected a colour as "
	  "#RRGGBB, e.g. \"#C00000\"\n"
	  "%s:4:3: error: bad style: unknown element <footnote> in <style>: "
	  "expected paper, margins, font, paragraph, event, language, header, "
	  "footer, banner, watermark, contents, rules or links\n" },
};

/* Put path in for every %s of fmt (at most 8). */
static char *
expand(const char *fmt, const char *path)
{
	size_t n = strlen(fmt) + 8 * strlen(path) + 1;
	char *out = malloc(n);

	snprintf(out, n, fmt, path, path, path, path, path, path, path, path);
	return out;
}

START_TEST(test_errors)
{
	struct run r;
	char *path, *want;

	path = load_text(&r, bad[_i].text);
	want = expand(bad[_i].diag, path);
	ck_assert_msg(strcmp(r.out, want) == 0, "%s:\n got: %s\nwant: %s",
	    bad[_i].what, r.out, want);
	ck_assert_ptr_null(r.s);
	ck_assert_int_gt(r.errors, 0);
	free(want);
	free(path);
	done(&r);
}
END_TEST

START_TEST(test_unknown_name)
{
	struct run r;

	load(&r, "nosuch");
	ck_assert_str_eq(r.out, "briefing: error: bad style: unknown style "
	    "\"nosuch\": expected briefing, official or letter, or a style "
	    "file (a path with '/' or ending in .xml)\n");
	ck_assert_ptr_null(r.s);
	ck_assert_int_eq(r.errors, 1);
	done(&r);
}
END_TEST

START_TEST(test_missing_file)
{
	struct run r;

	load(&r, "/nonexistent/mine.xml");
	ck_assert_str_eq(r.out, "/nonexistent/mine.xml: error: cannot access "
	    "file: No such file or directory\n");
	ck_assert_ptr_null(r.s);
	done(&r);
	/* ending in .xml makes it a file, even without '/' */
	load(&r, "no-such-style.xml");
	ck_assert_str_eq(r.out, "no-such-style.xml: error: cannot access "
	    "file: No such file or directory\n");
	done(&r);
}
END_TEST

/* Two loads into one arena: both results stay valid. */
START_TEST(test_two_loads)
{
	struct run r;
	const struct style *b;
	struct diag d;

	load(&r, "official");
	memset(&d, 0, sizeof(d));
	d.out = stderr;
	b = style_load(r.a, &d, "letter");
	ck_assert_ptr_nonnull(b);
	ck_assert_str_eq(r.s->name, "official");
	ck_assert_str_eq(b->name, "letter");
	ck_assert_int_eq(r.s->datefmt.era, WHEN_BE);
	done(&r);
}
END_TEST

Suite *
style_suite(void)
{
	Suite *s = suite_create("style");
	TCase *tc = tcase_create("style");

	tcase_add_test(tc, test_builtin_list);
	tcase_add_test(tc, test_briefing);
	tcase_add_test(tc, test_default_is_briefing);
	tcase_add_test(tc, test_official);
	tcase_add_test(tc, test_letter);
	tcase_add_loop_test(tc, test_file_matches_builtin, 0, 3);
	tcase_add_test(tc, test_empty_style_is_briefing);
	tcase_add_test(tc, test_inheritance);
	tcase_add_loop_test(tc, test_lengths, 0,
	    (int)(sizeof(lengths) / sizeof(lengths[0])));
	tcase_add_test(tc, test_leading);
	tcase_add_loop_test(tc, test_errors, 0,
	    (int)(sizeof(bad) / sizeof(bad[0])));
	tcase_add_test(tc, test_unknown_name);
	tcase_add_test(tc, test_missing_file);
	tcase_add_test(tc, test_two_loads);
	suite_add_tcase(s, tc);
	return s;
}
