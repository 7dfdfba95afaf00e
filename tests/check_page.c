/*
 * check_page.c - page breaking on synthetic content: rows of 10 pt on a
 * text area 100 pt high (ten rows a page). Keeps, widows, orphans,
 * whole short events, continuation lines and event marks.
 */
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "layout/layout_int.h"
#include "input/input.h"

#define ROW	10000		/* [u] 10 pt */

static struct pline text_line = { NULL, 0, 50000, ROW, 8000, 0, 0, 0 };
static struct pline cont_pl = { NULL, 0, 30000, ROW, 8000, 0, 0, 0 };
static int conts;

static struct pline *
cont(void *ctx, const struct block *bl)
{
	(void)ctx;
	(void)bl;
	conts++;
	return &cont_pl;
}

static void
setup_style(struct style *st)
{
	memset(st, 0, sizeof(*st));
	st->page_w = 200000;
	st->page_h = 140000;
	st->margin_top = 20000;
	st->margin_bottom = 20000;	/* text area: 100 pt, ten rows */
	st->margin_inner = 20000;
	st->margin_outer = 20000;
	st->date_width = 50000;
}

/* An event block: head rows, then paragraphs of the given line counts. */
static struct block
event_block(struct tl_event *e, int head, const int *paras, int np)
{
	struct block b;
	int p, k, n = head;

	for (p = 0; p < np; p++)
		n += paras[p];
	memset(&b, 0, sizeof(b));
	b.rows = calloc((size_t)n, sizeof(struct row));
	b.event = e;
	b.head = (size_t)head;
	for (k = 0; k < head; k++) {
		b.rows[k].kind = ROW_HEAD;
		b.rows[k].height = ROW;
		b.rows[k].text = &text_line;
		b.rows[k].para = -1;
	}
	for (p = 0; p < np; p++)
		for (int l = 0; l < paras[p]; l++, k++) {
			b.rows[k].kind = ROW_PARA;
			b.rows[k].height = ROW;
			b.rows[k].text = &text_line;
			b.rows[k].para = p;
			b.rows[k].line = l;
			b.rows[k].nlines = paras[p];
			b.rows[k].label = "p";
		}
	b.nrows = (size_t)n;
	return b;
}

/* Rows on page i that are not continuation lines. */
static int
rows_on(const struct doclayout *dl, size_t i)
{
	size_t b;
	int n = 0;

	for (b = 0; b < dl->pages[i].nbox; b++)
		if (dl->pages[i].boxes[b].label == NULL ||
		    strcmp(dl->pages[i].boxes[b].label, "cont") != 0)
			n++;
	return n;
}

static void
flow(struct doclayout *dl, const struct style *st, struct block *b,
    size_t n)
{
	memset(dl, 0, sizeof(*dl));
	doc_new_page(dl);
	page_area(st, 0, &dl->x0, &dl->y0, &dl->w, &dl->h);
	conts = 0;
	page_flow(dl, st, b, n, 0, cont, NULL);
}

/* 8 rows used; an event of head + 5 lines: 2 would fit, the 2 lines after
 * the head are an orphan pair... head+2 fit exactly: allowed, but then 3
 * lines follow: fine. With only head + 1 room it moves whole. */
START_TEST(test_keep_head_with_two_lines)
{
	struct style st;
	struct doclayout dl;
	struct tl_event e[2];
	static const int fill[] = { 9 }, body[] = { 6 };
	struct block b[2];

	setup_style(&st);
	memset(e, 0, sizeof(e));
	b[0] = event_block(&e[0], 0, fill, 1);	/* 9 rows: 1 left */
	b[1] = event_block(&e[1], 1, body, 1);	/* head + 6 */
	flow(&dl, &st, b, 2);
	ck_assert_uint_eq(dl.npages, 2);
	ck_assert_int_eq(rows_on(&dl, 0), 9);	/* the head did not stay */
	ck_assert_int_eq(rows_on(&dl, 1), 7);
	ck_assert_int_eq(dl.marks[1].page, 1);
	doclayout_free(&dl);
	free(b[0].rows);
	free(b[1].rows);
}
END_TEST

/* Widows and orphans: never one line alone at either side of a break. */
START_TEST(test_widow_orphan)
{
	struct style st;
	struct doclayout dl;
	struct tl_event e[2];
	static const int fill[] = { 7 }, body[] = { 5, 4 };
	struct block b[2];
	size_t p;

	setup_style(&st);
	memset(e, 0, sizeof(e));
	/* 7 rows, then an event of 1 head + 5 + 4 lines: 3 rows left on
	 * page 1: head + 2 lines fit, and 3 lines follow: allowed */
	b[0] = event_block(&e[0], 0, fill, 1);
	b[1] = event_block(&e[1], 1, body, 2);
	flow(&dl, &st, b, 2);
	ck_assert_int_eq(rows_on(&dl, 0), 10);
	/* page 2: cont line + the rest: 3 + 4 lines */
	ck_assert_int_eq(rows_on(&dl, 1), 7);
	ck_assert_int_eq(conts, 1);
	for (p = 0; p < dl.npages; p++)
		ck_assert_int_le(rows_on(&dl, p), 10);
	doclayout_free(&dl);
	free(b[0].rows);
	free(b[1].rows);

	/* 8 rows used: head + 1 line would leave an orphan; head + 2 fit
	 * no more: the event moves to page 2 */
	{
		static const int fill8[] = { 8 };

		b[0] = event_block(&e[0], 0, fill8, 1);
		b[1] = event_block(&e[1], 1, body, 2);
		flow(&dl, &st, b, 2);
		ck_assert_int_eq(rows_on(&dl, 0), 8);
		ck_assert_int_eq(dl.marks[1].page, 1);
		doclayout_free(&dl);
		free(b[0].rows);
		free(b[1].rows);
	}

	/* 5 rows used, one paragraph of 6: 5 would fit, leaving a widow of
	 * 1: the break comes after 4 */
	{
		static const int fill5[] = { 5 }, six[] = { 6 };

		b[0] = event_block(&e[0], 0, fill5, 1);
		b[1] = event_block(&e[1], 0, six, 1);
		b[1].whole = 0;
		flow(&dl, &st, b, 2);
		ck_assert_int_eq(rows_on(&dl, 0), 9);
		ck_assert_int_eq(rows_on(&dl, 1), 2);
		doclayout_free(&dl);
		free(b[0].rows);
		free(b[1].rows);
	}
}
END_TEST

/* A short event is kept whole; a long one is split with a cont line. */
START_TEST(test_whole_and_continued)
{
	struct style st;
	struct doclayout dl;
	struct tl_event e[2];
	static const int fill[] = { 6 }, shortp[] = { 4 }, longp[] = { 25 };
	struct block b[2];
	size_t p;

	setup_style(&st);
	memset(e, 0, sizeof(e));
	b[0] = event_block(&e[0], 0, fill, 1);
	b[1] = event_block(&e[1], 1, shortp, 1);
	b[1].whole = 1;				/* 5 rows, 4 left */
	flow(&dl, &st, b, 2);
	ck_assert_uint_eq(dl.npages, 2);
	ck_assert_int_eq(rows_on(&dl, 0), 6);
	ck_assert_int_eq(conts, 0);
	doclayout_free(&dl);
	free(b[1].rows);

	b[1] = event_block(&e[1], 1, longp, 1);	/* 26 rows */
	flow(&dl, &st, b, 2);
	ck_assert_uint_eq(dl.npages, 4);
	ck_assert_int_eq(conts, 3);		/* pages 2, 3 and 4 */
	for (p = 1; p < dl.npages; p++) {
		ck_assert_str_eq(dl.pages[p].boxes[0].label, "cont");
		ck_assert_ptr_eq(dl.pages[p].event, &e[1]);
	}
	/* no page holds a single line of the paragraph */
	for (p = 0; p < dl.npages; p++)
		ck_assert_int_ne(rows_on(&dl, p), 1);
	doclayout_free(&dl);
	free(b[0].rows);
	free(b[1].rows);
}
END_TEST

/* Mirrored margins swap on even pages. */
START_TEST(test_mirror)
{
	struct style st;
	int32_t x0, y0, w, h;

	setup_style(&st);
	st.margin_inner = 30000;
	st.margin_outer = 10000;
	st.gutter = 5000;
	st.mirror = 1;
	page_area(&st, 0, &x0, &y0, &w, &h);
	ck_assert_int_eq(x0, 35000);
	ck_assert_int_eq(w, 200000 - 35000 - 10000);
	page_area(&st, 1, &x0, &y0, &w, &h);
	ck_assert_int_eq(x0, 10000);
	ck_assert_int_eq(w, 200000 - 35000 - 10000);
}
END_TEST

Suite *
page_suite(void)
{
	Suite *s = suite_create("page");
	TCase *tc = tcase_create("page");

	tcase_add_test(tc, test_keep_head_with_two_lines);
	tcase_add_test(tc, test_widow_orphan);
	tcase_add_test(tc, test_whole_and_continued);
	tcase_add_test(tc, test_mirror);
	suite_add_tcase(s, tc);
	return s;
}
