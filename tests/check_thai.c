/*
 * check_thai.c - the one Thai normalisation rule (base/thai.c) and the
 * places that use it: the reader (text, labels, positions), word lists and
 * the proof sheet.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include "base/base.h"
#include "text/text.h"
#include "briefing.h"
#include "util.h"

#define NIKHAHIT	"\u0E4D"
#define SARA_AA		"\u0E32"
#define SARA_AM		"\u0E33"

static const struct {
	const char	*in, *want;
} norm_cases[] = {
	{ "\u0E01" NIKHAHIT SARA_AA, "\u0E01" SARA_AM },
	/* the tone mark typed between: it comes first */
	{ "\u0E19" NIKHAHIT "\u0E49" SARA_AA, "\u0E19\u0E49" SARA_AM },
	{ "\u0E19" NIKHAHIT "\u0E48" SARA_AA "x", "\u0E19\u0E48" SARA_AM "x" },
	{ NIKHAHIT "\u0E4B" SARA_AA, "\u0E4B" SARA_AM },
	/* not a tone mark (THANTHAKHAT), no SARA AA, cut short: as they are */
	{ NIKHAHIT "\u0E4C" SARA_AA, NIKHAHIT "\u0E4C" SARA_AA },
	{ "\u0E01" NIKHAHIT, "\u0E01" NIKHAHIT },
	{ NIKHAHIT "\u0E49", NIKHAHIT "\u0E49" },
	{ "\u0E01" NIKHAHIT " " SARA_AA, "\u0E01" NIKHAHIT " " SARA_AA },
	/* the composed forms stay */
	{ "\u0E19\u0E49" SARA_AM, "\u0E19\u0E49" SARA_AM },
	{ "a" NIKHAHIT SARA_AA NIKHAHIT SARA_AA "b", "a" SARA_AM SARA_AM "b" },
	{ "", "" },
};

START_TEST(normalise_table)
{
	char buf[64];
	size_t len = strlen(norm_cases[_i].in), n;

	memcpy(buf, norm_cases[_i].in, len + 1);
	n = thai_normalise(buf, len);
	ck_assert_uint_eq(n, strlen(norm_cases[_i].want));
	ck_assert_mem_eq(buf, norm_cases[_i].want, n);
	ck_assert_uint_le(n, len);
}
END_TEST

/* The reader: text and labels normalised by the same rule. */
START_TEST(reader_normalises)
{
	static const char doc[] =
	    "<timeline version=\"1\"><title>t</title>"
	    "<event when=\"1950\" label=\"\u0E19" NIKHAHIT "\u0E49" SARA_AA
	    "\"><p>\u0E19" NIKHAHIT "\u0E49" SARA_AA " \u0E01" NIKHAHIT
	    SARA_AA "</p></event></timeline>";
	enum tl_status st;
	char *out = test_doc(doc, 0, &st);

	ck_assert_int_eq(st, TL_OK);
	ck_assert_str_eq(out, "1950\t\u0E19\u0E49" SARA_AM "\t\u0E19\u0E49"
	    SARA_AM " \u0E01" SARA_AM "\n");
	free(out);
}
END_TEST

/*
 * Positions after a normalised sequence still name the source's column:
 * a word with a character no font has, after the three-character and the
 * two-character forms and a space each, starts at column 13 of its line
 * (11 in the normalised text).
 */
START_TEST(position_after_normalising)
{
	static const char doc[] =
	    "<timeline version=\"1\"><title>t</title>\n"
	    "<event when=\"1950\">\n"
	    "<p>\u0E19" NIKHAHIT "\u0E49" SARA_AA " \u0E01" NIKHAHIT SARA_AA
	    " \uE000</p></event></timeline>";
	enum tl_status st;
	char *out = test_doc(doc, 1, &st);

	ck_assert_msg(strstr(out, "t.xml:3:13: warning: no font covers "
	    "character") != NULL, "%s", out);
	free(out);
}
END_TEST

/*
 * A word list entry written with the parts of SARA AM (tone mark between)
 * keeps the composed word whole, as the composed entry does.
 */
START_TEST(word_list_normalised)
{
	static const char word[] = "\u0E19" NIKHAHIT "\u0E49" SARA_AA
	    "\u0E17\u0E48\u0E27\u0E21\u0E02\u0E31\u0E07";	/* น้ำท่วมขัง */
	static const char text[] = "\u0E19\u0E49" SARA_AM
	    "\u0E17\u0E48\u0E27\u0E21\u0E02\u0E31\u0E07";
	struct diag d;
	struct brk *plain, *listed;
	unsigned char a[sizeof(text)], b[sizeof(text)];
	size_t i, n = sizeof(text) - 1;
	int inside = 0;

	memset(&d, 0, sizeof(d));
	d.out = stderr;
	plain = brk_new(&d);
	listed = brk_new(&d);
	ck_assert_ptr_nonnull(plain);
	ck_assert_ptr_nonnull(listed);
	ck_assert_int_eq(brk_add_words(listed, word, sizeof(word) - 1,
	    "w.txt"), 1);
	ck_assert_int_eq(brk_find(plain, text, n, a), 0);
	ck_assert_int_eq(brk_find(listed, text, n, b), 0);
	for (i = 1; i < n; i++) {
		inside += a[i] != BRK_NONE;
		ck_assert_msg(b[i] == BRK_NONE, "a break at byte %zu", i);
	}
	/* without the entry the dictionary splits it: the test can fail */
	ck_assert_int_gt(inside, 0);
	ck_assert_int_eq(d.warnings + d.errors, 0);
	brk_free(plain);
	brk_free(listed);
}
END_TEST

/* The proof sheet sets the normalised text: its report names SARA AM. */
START_TEST(proof_normalises)
{
	struct tl_opts o;
	char *rep = NULL, tmpl[] = "/tmp/check-thai.XXXXXX", path[64];
	size_t rl = 0;
	FILE *r = open_memstream(&rep, &rl);

	ck_assert_ptr_nonnull(mkdtemp(tmpl));
	snprintf(path, sizeof(path), "%s/p.pdf", tmpl);
	memset(&o, 0, sizeof(o));
	ck_assert_int_eq(tl_proof(&o, "\u0E19" NIKHAHIT "\u0E49" SARA_AA,
	    "Laksaman", 16, path, r), TL_OK);
	fclose(r);
	ck_assert_msg(strstr(rep, SARA_AM) != NULL &&
	    strstr(rep, NIKHAHIT) == NULL, "%s", rep);
	free(rep);
	unlink(path);
	rmdir(tmpl);
}
END_TEST

Suite *
thai_suite(void)
{
	Suite *s = suite_create("thai");
	TCase *tc = tcase_create("thai");

	tcase_add_loop_test(tc, normalise_table, 0,
	    (int)(sizeof(norm_cases) / sizeof(norm_cases[0])));
	tcase_add_test(tc, reader_normalises);
	tcase_add_test(tc, position_after_normalising);
	tcase_add_test(tc, word_list_normalised);
	tcase_add_test(tc, proof_normalises);
	suite_add_tcase(s, tc);
	return s;
}
