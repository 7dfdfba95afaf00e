/*
 * check_line.c - total-fit line breaking with a stub font of fixed
 * advances: every character is 10 pt wide. In the inputs, ' ' is a space
 * (glue) and '|' a word boundary without a space (a Thai word break:
 * penalty plus zero-width glue that may stretch a little); '~' and '#'
 * are the same with the penalties of a fair and of a poor break (para.c).
 */
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "layout/line.h"

#define CH	10000		/* [u]: 10 pt a character */
#define PEN_GOOD	30	/* as para.c gives a word boundary's grades */
#define PEN_FAIR	150
#define PEN_POOR	1000

static int
is_brk(char ch)
{
	return ch == '|' || ch == '~' || ch == '#';
}

/* Items for s; the text positions are byte offsets of s. */
static size_t
items_of(const char *s, struct item *it)
{
	size_t n = 0, i = 0, len = strlen(s);

	while (i < len) {
		size_t j = i;

		if (s[i] == ' ') {
			it[n++] = (struct item){ ITEM_GLUE, CH, CH / 2, CH / 3,
			    0, i, i + 1 };
			i++;
			continue;
		}
		if (is_brk(s[i])) {
			it[n++] = (struct item){ ITEM_PENALTY, 0, 0, 0,
			    s[i] == '|' ? PEN_GOOD : s[i] == '~' ? PEN_FAIR :
			    PEN_POOR, i, i };
			it[n++] = (struct item){ ITEM_GLUE, 0, CH / 5, 0, 0,
			    i, i + 1 };
			i++;
			continue;
		}
		int32_t nch = 0;

		while (j < len && s[j] != ' ' && !is_brk(s[j])) {
			if ((s[j] & 0xC0) != 0x80)
				nch++;
			j++;
		}
		it[n++] = (struct item){ ITEM_BOX, nch * CH, 0, 0, 0, i, j };
		i = j;
	}
	it[n++] = (struct item){ ITEM_GLUE, 0, 1 << 29, 0, 0, len, len };
	it[n++] = (struct item){ ITEM_PENALTY, 0, 0, 0, PENALTY_FORCE, len,
	    len };
	return n;
}

/* The lines as text joined by '/', word boundaries dropped. */
static char *
break_text(const char *s, int32_t width, int ragged, struct line *lines,
    size_t *nl, struct item *it, size_t *ni)
{
	struct line_params lp = { width, 0, 2.0, 10, ragged, 3.0 };
	static char out[1024];
	size_t k, i, o = 0;

	*ni = items_of(s, it);
	*nl = line_break(it, *ni, &lp, lines);
	for (k = 0; k < *nl; k++) {
		if (k > 0)
			out[o++] = '/';
		for (i = lines[k].first; i < lines[k].last; i++) {
			size_t p;

			if (it[i].kind == ITEM_PENALTY)
				continue;
			for (p = it[i].start; p < it[i].end; p++)
				if (!is_brk(s[p]))
					out[o++] = s[p];
		}
		/* trailing spaces are not part of a line */
		while (o > 0 && out[o - 1] == ' ')
			o--;
	}
	out[o] = '\0';
	return out;
}

static const struct {
	const char	*in;
	int32_t		 width;		/* [u] */
	int		 ragged;
	const char	*lines;
} cases[] = {
	/* everything fits on one line */
	{ "aaa bbb", 100 * CH, 0, "aaa bbb" },
	/* two lines of 9 in a width of 10 */
	{ "aaaa bbbb cccc dddd", 10 * CH, 0, "aaaa bbbb/cccc dddd" },
	/* Thai-like: no spaces, word boundaries only */
	{ "aaa|bbb|ccc|ddd|eee|fff", 9 * CH, 0, "aaabbbccc/dddeeefff" },
	/* a space is preferred to a word boundary when both fit */
	{ "aaaa|bbb cc|ddd", 8 * CH, 0, "aaaabbb/ccddd" },
	/* a line that fits exactly wins */
	{ "aaa bb cc ddddd e", 9 * CH, 0, "aaa bb cc/ddddd e" },
	/* a word that does not fit moves down whole */
	{ "aaaaa bb c ddd eeeee", 9 * CH, 0, "aaaaa bb/c ddd/eeeee" },
	/* every choice has one very loose line; the later lines fit exactly
	 * only when it comes first (greedy: "aa bb cc/dddddd/eee") */
	{ "aa bb cc dddddd eee", 9 * CH, 0, "aa bb/cc dddddd/eee" },
	/* an over-long word gets a line of its own, marked overfull */
	{ "aa bbbbbbbbbbbbbbb cc", 10 * CH, 0, "aa/bbbbbbbbbbbbbbb/cc" },
	/* ragged right uses the same breaks when lines fit well */
	{ "aaaa bbbb cccc dddd", 10 * CH, 1, "aaaa bbbb/cccc dddd" },
	/* mixed: spaces and word boundaries */
	{ "กก|ขข คค|งง|จจ ฉฉ", 20 * CH, 0, "กกขข คคงงจจ ฉฉ" },
	/* a good break that fits well wins over a line shrunk to the
	 * limit; a fair or a poor one loses to it */
	{ "aa bb cc dd|ee ff gg hh", 12 * CH + 5, 0, "aa bb cc dd/ee ff gg hh" },
	{ "aa bb cc dd~ee ff gg hh", 12 * CH + 5, 0, "aa bb cc ddee/ff gg hh" },
	{ "aa bb cc dd#ee ff gg hh", 12 * CH + 5, 0, "aa bb cc ddee/ff gg hh" },
	/* a poor break when nothing else fits */
	{ "aaaaaaa#bbbbbbb", 8 * CH, 0, "aaaaaaa/bbbbbbb" },
};

START_TEST(test_breaks)
{
	struct item it[256];
	struct line lines[256];
	size_t nl, ni;
	const char *got = break_text(cases[_i].in, cases[_i].width,
	    cases[_i].ragged, lines, &nl, it, &ni);

	ck_assert_str_eq(got, cases[_i].lines);
}
END_TEST

/* No line is wider than the measure unless flagged; gaps within bounds. */
START_TEST(test_no_overfull_gaps_bounded)
{
	static const char *const paras[] = {
		"aa|bbb|c|dddd|ee|fff|gg|h|iii|jjjj|kk|lll|m|nnnn|oo|ppp",
		"aaa bb cccc d ee fff gggg h ii jjj kkkk l mm nnn oooo p",
		"aaaa|bbb cc|ddd|ee ffff|g hhh|ii|jjj kk|llll mm|nn|o ppp",
	};
	struct item it[256];
	struct line lines[256];
	size_t nl, ni, k, p, i;
	int32_t w;

	for (p = 0; p < 3; p++) {
		for (w = 8 * CH; w <= 25 * CH; w += CH) {
			break_text(paras[p], w, 0, lines, &nl, it, &ni);
			ck_assert_uint_gt(nl, 0);
			for (k = 0; k < nl; k++) {
				int64_t stretch = 0, shrink = 0;
				double adj;

				ck_assert_int_eq(lines[k].overfull, 0);
				for (i = lines[k].first; i < lines[k].last; i++) {
					if (it[i].kind == ITEM_GLUE) {
						stretch += it[i].stretch;
						shrink += it[i].shrink;
					}
					/* a break never falls inside a box */
					ck_assert(i == lines[k].first ||
					    it[i].start >= it[i - 1].end);
				}
				/* the break item is glue or a penalty */
				ck_assert(it[lines[k].last].kind != ITEM_BOX);
				adj = lines[k].ratio * (lines[k].ratio >= 0 ?
				    (double)stretch : (double)shrink);
				/* the adjusted line is never wider */
				ck_assert(lines[k].natural + adj <= w + 1);
				/* gaps stay within the bound */
				ck_assert(lines[k].ratio <= 3.0);
				ck_assert(lines[k].ratio >= -1.0);
				/* a justified line fills the measure unless
				 * that needs wider gaps than the bound */
				if (k + 1 < nl && !lines[k].underfull)
					ck_assert_msg(lines[k].natural + adj >=
					    w - 1, "line %zu short", k);
			}
		}
	}
}
END_TEST

/* A forced break (from <br>) always breaks there. */
START_TEST(test_forced)
{
	struct item it[16];
	struct line lines[16];
	struct line_params lp = { 100 * CH, 0, 2.0, 10, 0, 3.0 };
	size_t n = 0, nl;

	it[n++] = (struct item){ ITEM_BOX, 3 * CH, 0, 0, 0, 0, 3 };
	it[n++] = (struct item){ ITEM_GLUE, 0, 1 << 29, 0, 0, 3, 3 };
	it[n++] = (struct item){ ITEM_PENALTY, 0, 0, 0, PENALTY_FORCE, 3, 4 };
	it[n++] = (struct item){ ITEM_BOX, 3 * CH, 0, 0, 0, 4, 7 };
	it[n++] = (struct item){ ITEM_GLUE, 0, 1 << 29, 0, 0, 7, 7 };
	it[n++] = (struct item){ ITEM_PENALTY, 0, 0, 0, PENALTY_FORCE, 7, 7 };
	nl = line_break(it, n, &lp, lines);
	ck_assert_uint_eq(nl, 2);
	ck_assert_uint_eq(lines[0].first, 0);
	ck_assert_uint_eq(lines[0].last, 2);
	ck_assert_uint_eq(lines[1].first, 3);
	ck_assert_uint_eq(lines[1].last, 5);
}
END_TEST

Suite *
line_suite(void)
{
	Suite *s = suite_create("line");
	TCase *tc = tcase_create("line");

	tcase_add_loop_test(tc, test_breaks, 0,
	    (int)(sizeof(cases) / sizeof(cases[0])));
	tcase_add_test(tc, test_no_overfull_gaps_bounded);
	tcase_add_test(tc, test_forced);
	suite_add_tcase(s, tc);
	return s;
}
