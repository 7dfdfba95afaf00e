/*
 * check_when.c - unit tests of when.c: EDTF parsing, sort keys, error
 * messages with their columns, and the printed forms in each language,
 * era, digit set and month style, with and without times of day. Tables
 * of {input, expected}, one loop test per table.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "base/base.h"
#include "input/input.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))
#define OPEN_START	LLONG_MIN
#define OPEN_END	LLONG_MAX

static const struct when_fmt th_ce = { WHEN_TH, WHEN_CE, WHEN_ARABIC, 0, 0 };
static const struct when_fmt en_ce = { WHEN_EN, WHEN_CE, WHEN_ARABIC, 0, 0 };
static const struct when_fmt th_be = { WHEN_TH, WHEN_BE, WHEN_ARABIC, 0, 0 };
static const struct when_fmt en_be = { WHEN_EN, WHEN_BE, WHEN_ARABIC, 0, 0 };

/* Parse s, which must be valid, and print it with f into buf. */
static void
fmt_ok(const char *s, const struct when_fmt *f, char *buf, size_t n)
{
	struct when w;
	char err[128];
	int col;
	size_t len;

	ck_assert_msg(when_parse(s, &w, err, sizeof(err), &col) == 0,
	    "\"%s\": %d: %s", s, col, err);
	len = when_format(&w, f, buf, n);
	ck_assert_msg(len == strlen(buf), "\"%s\": returned %zu for \"%s\"",
	    s, len, buf);
}

/*
 * Valid values: sort keys, then Thai and English in CE and BE with Arabic
 * digits and full month names.
 */
static const struct {
	const char	*in;
	long long	 start, end;
	const char	*th, *en, *th_be, *en_be;
} valid[] = {
	/* days, months, years */
	{ "1950-06-25", 19500625, 19500625, "25 มิถุนายน 1950",
	  "25 June 1950", "25 มิถุนายน 2493", "25 June 2493" },
	{ "1950-01-01", 19500101, 19500101, "1 มกราคม 1950",
	  "1 January 1950", "1 มกราคม 2493", "1 January 2493" },
	{ "2023-12-31", 20231231, 20231231, "31 ธันวาคม 2023",
	  "31 December 2023", "31 ธันวาคม 2566", "31 December 2566" },
	{ "1950-06", 19500601, 19500630, "มิถุนายน 1950", "June 1950",
	  "มิถุนายน 2493", "June 2493" },
	{ "1950-02", 19500201, 19500228, "กุมภาพันธ์ 1950",
	  "February 1950", "กุมภาพันธ์ 2493", "February 2493" },
	{ "1950", 19500101, 19501231, "1950", "1950", "พ.ศ. 2493",
	  "2493 BE" },
	{ "0000", 101, 1231, "0", "0", "พ.ศ. 542/543", "542/543 BE" },
	{ "0045-03-15", 450315, 450315, "15 มีนาคม 45", "15 March 45",
	  "15 มีนาคม 587", "15 March 587" },
	{ "9999-12-31", 99991231, 99991231, "31 ธันวาคม 9999",
	  "31 December 9999", "31 ธันวาคม 10542", "31 December 10542" },
	/* leap years: 400 yes, 100 no, 4 yes */
	{ "2000-02-29", 20000229, 20000229, "29 กุมภาพันธ์ 2000",
	  "29 February 2000", "29 กุมภาพันธ์ 2543", "29 February 2543" },
	{ "2024-02-29", 20240229, 20240229, "29 กุมภาพันธ์ 2024",
	  "29 February 2024", "29 กุมภาพันธ์ 2567", "29 February 2567" },
	{ "1600-02-29", 16000229, 16000229, "29 กุมภาพันธ์ 1600",
	  "29 February 1600", "29 กุมภาพันธ์ 2142", "29 February 2142" },
	{ "2000-02", 20000201, 20000229, "กุมภาพันธ์ 2000",
	  "February 2000", "กุมภาพันธ์ 2543", "February 2543" },
	{ "1900-02", 19000201, 19000228, "กุมภาพันธ์ 1900",
	  "February 1900", "กุมภาพันธ์ 2442", "February 2442" },
	{ "2023-04-30", 20230430, 20230430, "30 เมษายน 2023",
	  "30 April 2023", "30 เมษายน 2566", "30 April 2566" },
	{ "2023-04", 20230401, 20230430, "เมษายน 2023", "April 2023",
	  "เมษายน 2566", "April 2566" },
	/* decades and centuries */
	{ "197X", 19700101, 19791231, "ทศวรรษ 1970", "1970s",
	  "พ.ศ. 2513–2522", "2513–2522 BE" },
	{ "200X", 20000101, 20091231, "ทศวรรษ 2000", "2000s",
	  "พ.ศ. 2543–2552", "2543–2552 BE" },
	{ "000X", 101, 91231, "ทศวรรษ 0", "0s", "พ.ศ. 542–552",
	  "542–552 BE" },
	{ "19XX", 19000101, 19991231, "คริสต์ศตวรรษที่ 20", "20th century",
	  "พ.ศ. 2442–2542", "2442–2542 BE" },
	{ "20XX", 20000101, 20991231, "คริสต์ศตวรรษที่ 21", "21st century",
	  "พ.ศ. 2543–2642", "2543–2642 BE" },
	{ "21XX", 21000101, 21991231, "คริสต์ศตวรรษที่ 22", "22nd century",
	  "พ.ศ. 2643–2742", "2643–2742 BE" },
	{ "22XX", 22000101, 22991231, "คริสต์ศตวรรษที่ 23", "23rd century",
	  "พ.ศ. 2743–2842", "2743–2842 BE" },
	{ "10XX", 10000101, 10991231, "คริสต์ศตวรรษที่ 11", "11th century",
	  "พ.ศ. 1542–1642", "1542–1642 BE" },
	{ "11XX", 11000101, 11991231, "คริสต์ศตวรรษที่ 12", "12th century",
	  "พ.ศ. 1642–1742", "1642–1742 BE" },
	{ "12XX", 12000101, 12991231, "คริสต์ศตวรรษที่ 13", "13th century",
	  "พ.ศ. 1742–1842", "1742–1842 BE" },
	{ "00XX", 101, 991231, "คริสต์ศตวรรษที่ 1", "1st century",
	  "พ.ศ. 542–642", "542–642 BE" },
	/* qualifiers do not widen the keys */
	{ "1955~", 19550101, 19551231, "ราว 1955", "c. 1955",
	  "ราว พ.ศ. 2498", "c. 2498 BE" },
	{ "1955?", 19550101, 19551231, "1955 (ไม่แน่ชัด)", "1955?",
	  "พ.ศ. 2498 (ไม่แน่ชัด)", "2498 BE?" },
	{ "1955%", 19550101, 19551231, "ราว 1955 (ไม่แน่ชัด)", "c. 1955?",
	  "ราว พ.ศ. 2498 (ไม่แน่ชัด)", "c. 2498 BE?" },
	{ "1950-06-25~", 19500625, 19500625, "ราว 25 มิถุนายน 1950",
	  "c. 25 June 1950", "ราว 25 มิถุนายน 2493", "c. 25 June 2493" },
	{ "1950-06?", 19500601, 19500630, "มิถุนายน 1950 (ไม่แน่ชัด)",
	  "June 1950?", "มิถุนายน 2493 (ไม่แน่ชัด)", "June 2493?" },
	{ "197X~", 19700101, 19791231, "ราว ทศวรรษ 1970", "c. 1970s",
	  "ราว พ.ศ. 2513–2522", "c. 2513–2522 BE" },
	{ "19XX?", 19000101, 19991231, "คริสต์ศตวรรษที่ 20 (ไม่แน่ชัด)",
	  "20th century?", "พ.ศ. 2442–2542 (ไม่แน่ชัด)", "2442–2542 BE?" },
	/* closed intervals: short forms */
	{ "1945/1948", 19450101, 19481231, "1945–1948", "1945–1948",
	  "พ.ศ. 2488–2491", "2488–2491 BE" },
	{ "1950/1953", 19500101, 19531231, "1950–1953", "1950–1953",
	  "พ.ศ. 2493–2496", "2493–2496 BE" },
	{ "1950/1950", 19500101, 19501231, "1950", "1950", "พ.ศ. 2493",
	  "2493 BE" },
	{ "1950-06-25/1950-06-25", 19500625, 19500625, "25 มิถุนายน 1950",
	  "25 June 1950", "25 มิถุนายน 2493", "25 June 2493" },
	{ "1950-06-25/1950-06-27", 19500625, 19500627,
	  "25–27 มิถุนายน 1950", "25–27 June 1950",
	  "25–27 มิถุนายน 2493", "25–27 June 2493" },
	{ "1950-06-25/1950-07-27", 19500625, 19500727,
	  "25 มิถุนายน – 27 กรกฎาคม 1950", "25 June – 27 July 1950",
	  "25 มิถุนายน – 27 กรกฎาคม 2493", "25 June – 27 July 2493" },
	{ "1950-06/1950-08", 19500601, 19500831, "มิถุนายน–สิงหาคม 1950",
	  "June–August 1950", "มิถุนายน–สิงหาคม 2493", "June–August 2493" },
	/* closed intervals: each end printed, dash spaced if either has one */
	{ "1950-06-25/1953-07-27", 19500625, 19530727,
	  "25 มิถุนายน 1950 – 27 กรกฎาคม 1953",
	  "25 June 1950 – 27 July 1953",
	  "25 มิถุนายน 2493 – 27 กรกฎาคม 2496",
	  "25 June 2493 – 27 July 2496" },
	{ "1950-06/1951-02", 19500601, 19510228,
	  "มิถุนายน 1950 – กุมภาพันธ์ 1951", "June 1950 – February 1951",
	  "มิถุนายน 2493 – กุมภาพันธ์ 2494",
	  "June 2493 – February 2494" },
	{ "1955~/196X", 19550101, 19691231, "ราว 1955 – ทศวรรษ 1960",
	  "c. 1955 – 1960s", "ราว พ.ศ. 2498 – (2503–2512)",
	  "c. 2498 – (2503–2512 BE)" },
	{ "195X/196X", 19500101, 19691231, "ทศวรรษ 1950 – ทศวรรษ 1960",
	  "1950s–1960s", "(พ.ศ. 2493–2502) – (2503–2512)",
	  "(2493–2502) – (2503–2512 BE)" },
	{ "1955?/1960", 19550101, 19601231, "1955 (ไม่แน่ชัด) – 1960",
	  "1955?–1960", "พ.ศ. 2498 (ไม่แน่ชัด) – 2503",
	  "2498? – 2503 BE" },
	/* the words after a range's brackets, not inside them */
	{ "195X?/196X", 19500101, 19691231,
	  "ทศวรรษ 1950 (ไม่แน่ชัด) – ทศวรรษ 1960", "1950s?–1960s",
	  "(พ.ศ. 2493–2502) (ไม่แน่ชัด) – (2503–2512)",
	  "(2493–2502?) – (2503–2512 BE)" },
	{ "1945/1950-06", 19450101, 19500630, "1945 – มิถุนายน 1950",
	  "1945 – June 1950", "พ.ศ. 2488 – มิถุนายน 2493",
	  "2488 BE – June 2493" },
	{ "19XX/2000", 19000101, 20001231, "คริสต์ศตวรรษที่ 20 – 2000",
	  "20th century – 2000", "(พ.ศ. 2442–2542) – 2543",
	  "(2442–2542) – 2543 BE" },
	{ "1950-06-25%/1953", 19500625, 19531231,
	  "ราว 25 มิถุนายน 1950 (ไม่แน่ชัด) – 1953",
	  "c. 25 June 1950? – 1953",
	  "ราว 25 มิถุนายน 2493 (ไม่แน่ชัด) – พ.ศ. 2496",
	  "c. 25 June 2493? – 2496 BE" },
	/* the end may share the start's day: keys only must not cross */
	{ "1950-06-25/1950-06", 19500625, 19500630,
	  "25 มิถุนายน 1950 – มิถุนายน 1950", "25 June 1950 – June 1950",
	  "25 มิถุนายน 2493 – มิถุนายน 2493", "25 June 2493 – June 2493" },
	{ "1955/195X", 19550101, 19591231, "1955 – ทศวรรษ 1950",
	  "1955–1950s", "พ.ศ. 2498 – (2493–2502)",
	  "2498 – (2493–2502 BE)" },
	/* open intervals */
	{ "1991/..", 19910101, OPEN_END, "ตั้งแต่ 1991", "from 1991",
	  "ตั้งแต่ พ.ศ. 2534", "from 2534 BE" },
	{ "../1991", OPEN_START, 19911231, "จนถึง 1991", "until 1991",
	  "จนถึง พ.ศ. 2534", "until 2534 BE" },
	{ "../197X", OPEN_START, 19791231, "จนถึง ทศวรรษ 1970",
	  "until 1970s", "จนถึง พ.ศ. 2513–2522", "until 2513–2522 BE" },
	{ "2022-02-24/..", 20220224, OPEN_END, "ตั้งแต่ 24 กุมภาพันธ์ 2022",
	  "from 24 February 2022", "ตั้งแต่ 24 กุมภาพันธ์ 2565",
	  "from 24 February 2565" },
	{ "1991~/..", 19910101, OPEN_END, "ตั้งแต่ ราว 1991",
	  "from c. 1991", "ตั้งแต่ ราว พ.ศ. 2534", "from c. 2534 BE" },
	{ "../1950-06?", OPEN_START, 19500630,
	  "จนถึง มิถุนายน 1950 (ไม่แน่ชัด)", "until June 1950?",
	  "จนถึง มิถุนายน 2493 (ไม่แน่ชัด)", "until June 2493?" },
};

START_TEST(test_valid)
{
	struct when w;
	char err[128], buf[256], want[256];
	int col;

	ck_assert_msg(when_parse(valid[_i].in, &w, err, sizeof(err), &col)
	    == 0, "\"%s\": %d: %s", valid[_i].in, col, err);
	ck_assert_msg(w.key_start == valid[_i].start &&
	    w.key_end == valid[_i].end, "\"%s\": keys %lld..%lld, want "
	    "%lld..%lld", valid[_i].in, w.key_start, w.key_end,
	    valid[_i].start, valid[_i].end);
	fmt_ok(valid[_i].in, &th_ce, buf, sizeof(buf));
	ck_assert_str_eq(buf, valid[_i].th);
	fmt_ok(valid[_i].in, &en_ce, buf, sizeof(buf));
	ck_assert_str_eq(buf, valid[_i].en);
	fmt_ok(valid[_i].in, &th_be, buf, sizeof(buf));
	ck_assert_str_eq(buf, valid[_i].th_be);
	fmt_ok(valid[_i].in, &en_be, buf, sizeof(buf));
	ck_assert_str_eq(buf, valid[_i].en_be);

	/* Thai digits are the same text with every digit replaced */
	when_digits(valid[_i].th_be, WHEN_THAI, want, sizeof(want));
	fmt_ok(valid[_i].in, &(struct when_fmt){ WHEN_TH, WHEN_BE,
	    WHEN_THAI, 0, 0 }, buf, sizeof(buf));
	ck_assert_str_eq(buf, want);
}
END_TEST

/* Other combinations: abbreviated months, Thai digits. */
static const struct {
	const char	*in;
	struct when_fmt	 f;
	const char	*out;
} forms[] = {
	{ "1950-06-25", { WHEN_TH, WHEN_CE, WHEN_THAI, 0, 0 },
	  "๒๕ มิถุนายน ๑๙๕๐" },
	{ "1950-06-25", { WHEN_TH, WHEN_BE, WHEN_THAI, 0, 0 },
	  "๒๕ มิถุนายน ๒๔๙๓" },
	{ "1950-06-25", { WHEN_TH, WHEN_CE, WHEN_ARABIC, 1, 0 },
	  "25 มิ.ย. 1950" },
	{ "1950-06-25", { WHEN_EN, WHEN_CE, WHEN_ARABIC, 1, 0 },
	  "25 Jun 1950" },
	{ "1950-06-25", { WHEN_TH, WHEN_BE, WHEN_THAI, 1, 0 },
	  "๒๕ มิ.ย. ๒๔๙๓" },
	{ "1950-06-25", { WHEN_EN, WHEN_BE, WHEN_THAI, 1, 0 },
	  "๒๕ Jun ๒๔๙๓" },
	{ "1950", { WHEN_TH, WHEN_BE, WHEN_THAI, 0, 0 }, "พ.ศ. ๒๔๙๓" },
	{ "1904", { WHEN_TH, WHEN_BE, WHEN_THAI, 0, 0 }, "พ.ศ. ๒๔๔๖/๒๔๔๗" },
	{ "1950", { WHEN_TH, WHEN_CE, WHEN_THAI, 0, 0 }, "๑๙๕๐" },
	{ "19XX", { WHEN_TH, WHEN_CE, WHEN_THAI, 0, 0 },
	  "คริสต์ศตวรรษที่ ๒๐" },
	{ "197X", { WHEN_TH, WHEN_BE, WHEN_THAI, 0, 0 }, "พ.ศ. ๒๕๑๓–๒๕๒๒" },
	{ "197X", { WHEN_TH, WHEN_CE, WHEN_THAI, 0, 0 }, "ทศวรรษ ๑๙๗๐" },
	{ "1945/1948", { WHEN_TH, WHEN_CE, WHEN_THAI, 0, 0 }, "๑๙๔๕–๑๙๔๘" },
	{ "1945/1948", { WHEN_TH, WHEN_BE, WHEN_THAI, 0, 0 },
	  "พ.ศ. ๒๔๘๘–๒๔๙๑" },
	{ "1950-06-25/1953-07-27", { WHEN_TH, WHEN_BE, WHEN_THAI, 1, 0 },
	  "๒๕ มิ.ย. ๒๔๙๓ – ๒๗ ก.ค. ๒๔๙๖" },
	{ "1950-06-25/1953-07-27", { WHEN_EN, WHEN_CE, WHEN_ARABIC, 1, 0 },
	  "25 Jun 1950 – 27 Jul 1953" },
	{ "1950-06-25/1950-06-27", { WHEN_TH, WHEN_CE, WHEN_THAI, 1, 0 },
	  "๒๕–๒๗ มิ.ย. ๑๙๕๐" },
	{ "1950-06-25/1950-07-27", { WHEN_EN, WHEN_CE, WHEN_ARABIC, 1, 0 },
	  "25 Jun – 27 Jul 1950" },
	{ "1950-06/1950-09", { WHEN_EN, WHEN_CE, WHEN_ARABIC, 1, 0 },
	  "Jun–Sep 1950" },
	{ "1950-06/1950-09", { WHEN_TH, WHEN_CE, WHEN_ARABIC, 1, 0 },
	  "มิ.ย.–ก.ย. 1950" },
	{ "1950-05", { WHEN_EN, WHEN_CE, WHEN_ARABIC, 1, 0 }, "May 1950" },
	{ "1950-05", { WHEN_EN, WHEN_CE, WHEN_ARABIC, 0, 0 }, "May 1950" },
	{ "1991/..", { WHEN_TH, WHEN_BE, WHEN_THAI, 0, 0 },
	  "ตั้งแต่ พ.ศ. ๒๕๓๔" },
	{ "../1991", { WHEN_TH, WHEN_CE, WHEN_THAI, 0, 0 }, "จนถึง ๑๙๙๑" },
	{ "1955%", { WHEN_EN, WHEN_BE, WHEN_THAI, 0, 0 }, "c. ๒๔๙๘ BE?" },
	{ "1955%", { WHEN_TH, WHEN_BE, WHEN_THAI, 0, 0 },
	  "ราว พ.ศ. ๒๔๙๘ (ไม่แน่ชัด)" },
	{ "1950-06-25?", { WHEN_TH, WHEN_BE, WHEN_THAI, 1, 0 },
	  "๒๕ มิ.ย. ๒๔๙๓ (ไม่แน่ชัด)" },
	{ "1955~/196X", { WHEN_TH, WHEN_CE, WHEN_THAI, 0, 0 },
	  "ราว ๑๙๕๕ – ทศวรรษ ๑๙๖๐" },
	/* the era once an interval, whatever its ends */
	{ "1959~/1960", { WHEN_TH, WHEN_BE, WHEN_THAI, 0, 0 },
	  "ราว พ.ศ. ๒๕๐๒ – ๒๕๐๓" },
	{ "1959/1960?", { WHEN_TH, WHEN_BE, WHEN_THAI, 0, 0 },
	  "พ.ศ. ๒๕๐๒ – ๒๕๐๓ (ไม่แน่ชัด)" },
	{ "1959/1960?", { WHEN_EN, WHEN_BE, WHEN_ARABIC, 0, 0 },
	  "2502 – 2503 BE?" },
	{ "1959/1960-06", { WHEN_TH, WHEN_BE, WHEN_THAI, 0, 0 },
	  "พ.ศ. ๒๕๐๒ – มิถุนายน ๒๕๐๓" },
	{ "1960-06/196X", { WHEN_TH, WHEN_BE, WHEN_THAI, 0, 0 },
	  "มิถุนายน ๒๕๐๓ – (พ.ศ. ๒๕๐๓–๒๕๑๒)" },
	{ "2022-02-24/..", { WHEN_EN, WHEN_CE, WHEN_ARABIC, 1, 0 },
	  "from 24 Feb 2022" },
	{ "2022-02-24/..", { WHEN_TH, WHEN_BE, WHEN_THAI, 1, 0 },
	  "ตั้งแต่ ๒๔ ก.พ. ๒๕๖๕" },
};

START_TEST(test_forms)
{
	char buf[256];

	fmt_ok(forms[_i].in, &forms[_i].f, buf, sizeof(buf));
	ck_assert_str_eq(buf, forms[_i].out);
}
END_TEST

/* Every month name in its four spellings. */
static const struct {
	const char	*in;
	const char	*th, *th_abbr, *en, *en_abbr;
} months[] = {
	{ "2023-01", "มกราคม 2023", "ม.ค. 2023", "January 2023", "Jan 2023" },
	{ "2023-02", "กุมภาพันธ์ 2023", "ก.พ. 2023", "February 2023",
	  "Feb 2023" },
	{ "2023-03", "มีนาคม 2023", "มี.ค. 2023", "March 2023", "Mar 2023" },
	{ "2023-04", "เมษายน 2023", "เม.ย. 2023", "April 2023", "Apr 2023" },
	{ "2023-05", "พฤษภาคม 2023", "พ.ค. 2023", "May 2023", "May 2023" },
	{ "2023-06", "มิถุนายน 2023", "มิ.ย. 2023", "June 2023", "Jun 2023" },
	{ "2023-07", "กรกฎาคม 2023", "ก.ค. 2023", "July 2023", "Jul 2023" },
	{ "2023-08", "สิงหาคม 2023", "ส.ค. 2023", "August 2023", "Aug 2023" },
	{ "2023-09", "กันยายน 2023", "ก.ย. 2023", "September 2023",
	  "Sep 2023" },
	{ "2023-10", "ตุลาคม 2023", "ต.ค. 2023", "October 2023", "Oct 2023" },
	{ "2023-11", "พฤศจิกายน 2023", "พ.ย. 2023", "November 2023",
	  "Nov 2023" },
	{ "2023-12", "ธันวาคม 2023", "ธ.ค. 2023", "December 2023",
	  "Dec 2023" },
};

START_TEST(test_months)
{
	static const struct when_fmt th_abbr = { WHEN_TH, WHEN_CE,
	    WHEN_ARABIC, 1, 0 };
	static const struct when_fmt en_abbr = { WHEN_EN, WHEN_CE,
	    WHEN_ARABIC, 1, 0 };
	char buf[256];

	fmt_ok(months[_i].in, &th_ce, buf, sizeof(buf));
	ck_assert_str_eq(buf, months[_i].th);
	fmt_ok(months[_i].in, &th_abbr, buf, sizeof(buf));
	ck_assert_str_eq(buf, months[_i].th_abbr);
	fmt_ok(months[_i].in, &en_ce, buf, sizeof(buf));
	ck_assert_str_eq(buf, months[_i].en);
	fmt_ok(months[_i].in, &en_abbr, buf, sizeof(buf));
	ck_assert_str_eq(buf, months[_i].en_abbr);
}
END_TEST

/*
 * Buddhist Era years before 1941, when the Thai year began on 1 April:
 * January to March are CE + 542, April to December CE + 543; 2483 ended
 * on 31 December 1940, and 1941 is 2484 all through.  A year or span
 * runs from its first day's BE year to its last day's.
 */
static const struct {
	const char	*in;
	const char	*th, *en;
} be1941[] = {
	{ "1904-01-01", "1 มกราคม 2446", "1 January 2446" },
	{ "1904-03-31", "31 มีนาคม 2446", "31 March 2446" },
	{ "1904-04-01", "1 เมษายน 2447", "1 April 2447" },
	{ "1904-12-31", "31 ธันวาคม 2447", "31 December 2447" },
	{ "1904-03", "มีนาคม 2446", "March 2446" },
	{ "1904-04", "เมษายน 2447", "April 2447" },
	{ "1904", "พ.ศ. 2446/2447", "2446/2447 BE" },
	{ "1351-03-04", "4 มีนาคม 1893", "4 March 1893" },
	/* the edges: 2483 is April to December 1940 */
	{ "1940-03-31", "31 มีนาคม 2482", "31 March 2482" },
	{ "1940-04-01", "1 เมษายน 2483", "1 April 2483" },
	{ "1940-12-31", "31 ธันวาคม 2483", "31 December 2483" },
	{ "1941-01-01", "1 มกราคม 2484", "1 January 2484" },
	{ "1941-03-31", "31 มีนาคม 2484", "31 March 2484" },
	{ "1941-04-01", "1 เมษายน 2484", "1 April 2484" },
	{ "1940", "พ.ศ. 2482/2483", "2482/2483 BE" },
	{ "1941", "พ.ศ. 2484", "2484 BE" },
	{ "194X", "พ.ศ. 2482–2492", "2482–2492 BE" },
	{ "190X", "พ.ศ. 2442–2452", "2442–2452 BE" },
	/* intervals: the first day's year to the last day's */
	{ "1940/1941", "พ.ศ. 2482–2484", "2482–2484 BE" },
	{ "1904/1910", "พ.ศ. 2446–2453", "2446–2453 BE" },
	{ "1940-12/1941-01", "ธันวาคม 2483 – มกราคม 2484",
	  "December 2483 – January 2484" },
	{ "1939-11/1940-02", "พฤศจิกายน–กุมภาพันธ์ 2482",
	  "November–February 2482" },
	{ "1904-03-30/1904-04-02", "30 มีนาคม 2446 – 2 เมษายน 2447",
	  "30 March 2446 – 2 April 2447" },
	{ "1904-12-25/1905-01-05", "25 ธันวาคม – 5 มกราคม 2447",
	  "25 December – 5 January 2447" },
	{ "1904~", "ราว พ.ศ. 2446/2447", "c. 2446/2447 BE" },
	{ "1904?/1910", "พ.ศ. 2446/2447 (ไม่แน่ชัด) – 2452/2453",
	  "2446/2447? – 2452/2453 BE" },
	{ "1904/..", "ตั้งแต่ พ.ศ. 2446/2447", "from 2446/2447 BE" },
};

START_TEST(test_be1941)
{
	char buf[256];

	fmt_ok(be1941[_i].in, &th_be, buf, sizeof(buf));
	ck_assert_str_eq(buf, be1941[_i].th);
	fmt_ok(be1941[_i].in, &en_be, buf, sizeof(buf));
	ck_assert_str_eq(buf, be1941[_i].en);
}
END_TEST

/* Errors: exact message and 1-based character column. */
static const struct {
	const char	*in;
	int		 col;
	const char	*msg;
} invalid[] = {
	/* shape */
	{ "", 1, "empty date" },
	{ "abc", 1, "expected YYYY, YYYY-MM or YYYY-MM-DD" },
	{ "+1950", 1, "expected YYYY, YYYY-MM or YYYY-MM-DD" },
	{ "-0044", 1, "negative years are not supported" },
	{ "195", 1, "year must have 4 digits" },
	{ "19500", 1, "year must have 4 digits" },
	{ "95-06-25", 1, "year must have 4 digits" },
	{ "1950-6", 6, "month must have 2 digits" },
	{ "1950-6-25", 6, "month must have 2 digits" },
	{ "1950-123", 6, "month must have 2 digits" },
	{ "1950-06-5", 9, "day must have 2 digits" },
	{ "1950-06-251", 9, "day must have 2 digits" },
	{ "1950-", 5, "missing month after -" },
	{ "1950-06-", 8, "missing day after -" },
	{ "1950-06-~", 8, "missing day after -" },
	{ "1950-ab", 6, "expected a 2-digit month" },
	{ "1950-06-ab", 9, "expected a 2-digit day" },
	{ "1950-06-25T10", 14, "expected a time hh:mm or hh:mm:ss after T" },
	{ "1950-06-25-01", 11, "unexpected \"-\"" },
	{ "1950.5", 5, "unexpected \".\"" },
	/* white space and invisible or foreign characters */
	{ " 1950", 1, "unexpected space" },
	{ "1950 ", 5, "unexpected space" },
	{ "1950 / 1960", 5, "unexpected space" },
	{ "\t1950", 1, "unexpected white space" },
	{ "1950\n", 5, "unexpected white space" },
	{ "1950\x01", 5, "unexpected control character" },
	{ "1950\xE2\x80\x8B", 5, "unexpected \"\xE2\x80\x8B\" (U+200B)" },
	{ "\xC2\xA0" "1950", 1, "unexpected \"\xC2\xA0\" (U+00A0)" },
	{ "ก1950", 1, "unexpected \"ก\" (U+0E01)" },
	{ "1950\x80", 5, "invalid UTF-8" },
	{ "1950\xE0\xB9", 5, "invalid UTF-8" },
	{ "๑๙๕๐", 1, "use digits 0-9, not Thai digits" },
	{ "1950-๐6", 6, "use digits 0-9, not Thai digits" },
	/* calendar */
	{ "1950-13", 6, "month 13 out of range 1-12" },
	{ "1950-00", 6, "month 00 out of range 1-12" },
	{ "1950-99-01", 6, "month 99 out of range 1-12" },
	{ "1950-06-00", 9, "day 00 out of range 1-31" },
	{ "1950-06-32", 9, "day 32 out of range 1-31" },
	{ "2023-04-31", 9, "day 31 does not exist in 2023-04" },
	{ "2023-06-31", 9, "day 31 does not exist in 2023-06" },
	{ "1900-02-29", 9, "day 29 does not exist in 1900-02" },
	{ "2023-02-29", 9, "day 29 does not exist in 2023-02" },
	{ "1900-02-30", 9, "day 30 does not exist in 1900-02" },
	{ "2000-02-30", 9, "day 30 does not exist in 2000-02" },
	{ "2024-02-30", 9, "day 30 does not exist in 2024-02" },
	/* X */
	{ "1X70", 2, "X may replace only the last one or two digits of the "
	  "year" },
	{ "19X5", 3, "X may replace only the last one or two digits of the "
	  "year" },
	{ "1XXX", 2, "X may replace only the last one or two digits of the "
	  "year" },
	{ "XXXX", 1, "X may replace only the last one or two digits of the "
	  "year" },
	{ "197x", 4, "use upper-case X for an unspecified digit" },
	{ "197XX", 1, "year must have 4 digits" },
	{ "197X-05", 5, "a decade or century cannot have a month" },
	{ "19XX-01-01", 5, "a decade or century cannot have a month" },
	{ "1950-XX", 6, "X is allowed only in the year" },
	{ "1950-06-2X", 10, "X is allowed only in the year" },
	/* qualifiers */
	{ "~1955", 1, "qualifier ~ must follow the date" },
	{ "?1955", 1, "qualifier ? must follow the date" },
	{ "1955~~", 6, "only one qualifier (~, ? or %) is allowed" },
	{ "1955~?", 6, "only one qualifier (~, ? or %) is allowed" },
	{ "1955~-06", 5, "a qualifier must come at the end of the date" },
	{ "1950-06?-25", 8, "a qualifier must come at the end of the date" },
	{ "1955~x", 6, "unexpected \"x\"" },
	/* intervals */
	{ "1950/", 5, "missing end of interval after / (use .. for an open "
	  "end)" },
	{ "/1950", 1, "missing start of interval before / (use .. for an "
	  "open start)" },
	{ "/", 1, "missing start of interval before / (use .. for an open "
	  "start)" },
	{ "1950/1960/1970", 10, "more than one /" },
	{ "1950//1960", 6, "more than one /" },
	{ "1950/abc", 6, "expected YYYY, YYYY-MM, YYYY-MM-DD or .." },
	{ "1950/ 1960", 6, "unexpected space" },
	{ "../..", 1, "interval cannot be open at both ends" },
	{ "..", 1, "open end .. is only allowed in an interval (A/.. or "
	  "../B)" },
	{ "..~/1950", 3, "an open end cannot have a qualifier" },
	{ "1950/..?", 8, "an open end cannot have a qualifier" },
	{ ".../1950", 3, "unexpected \".\"" },
	{ "./1950", 1, "expected YYYY, YYYY-MM, YYYY-MM-DD or .." },
	{ "1951/1950", 6, "interval ends before it starts" },
	{ "1950-06-25/1950-06-24", 12, "interval ends before it starts" },
	{ "198X/1975", 6, "interval ends before it starts" },
	{ "1950-07/1950-06-30", 9, "interval ends before it starts" },
	{ "1950/196X-01", 10, "a decade or century cannot have a month" },
	{ "2023-02-29/2024", 9, "day 29 does not exist in 2023-02" },
	{ "1950/2023-02-29", 14, "day 29 does not exist in 2023-02" },
	{ "1955~/196X~~", 12, "only one qualifier (~, ? or %) is allowed" },
	/* times */
	{ "1950-06-25T", 12, "expected a time hh:mm or hh:mm:ss after T" },
	{ "1950-06-25T1:05", 12, "expected a time hh:mm or hh:mm:ss after T" },
	{ "1950-06-25T10:5", 15, "expected a time hh:mm or hh:mm:ss after T" },
	{ "1950-06-25T10:05:", 18, "expected a time hh:mm or hh:mm:ss after "
	  "T" },
	{ "1950-06-25T24:00", 12, "hour 24 out of range 00-23" },
	{ "1950-06-25T10:60", 15, "minute 60 out of range 00-59" },
	{ "1950-06-25T10:05:60", 18, "second 60 out of range 00-59" },
	{ "1950-06-25T10:05:00.5Z", 20, "fractions of a second are not "
	  "supported" },
	{ "1950-06-25t10:05", 11, "use upper-case T before the time" },
	{ "1950-06-25T10:05z", 17, "use upper-case Z for UTC" },
	{ "1950-06-25T10:05+0700", 17, "expected an offset from UTC as Z, "
	  "+hh:mm or -hh:mm" },
	{ "1950-06-25T10:05+7:00", 17, "expected an offset from UTC as Z, "
	  "+hh:mm or -hh:mm" },
	{ "1950-06-25T10:05+24:00", 18, "offset hour 24 out of range 00-23" },
	{ "1950-06-25T10:05+07:60", 21, "offset minute 60 out of range "
	  "00-59" },
	{ "1950-06T10:05", 8, "a time needs a whole day before it: "
	  "YYYY-MM-DDThh:mm" },
	{ "197XT10:05", 5, "a time needs a whole day before it: "
	  "YYYY-MM-DDThh:mm" },
	{ "1950-06-25T10:05~", 17, "a time cannot have a qualifier" },
	{ "1950-06-25T10:05Z?", 18, "a time cannot have a qualifier" },
	{ "1950-06-25T10:05 ", 17, "unexpected space" },
	{ "1950-06-25T10:05Z/1950-06-25T09:05+00:00", 19, "interval ends "
	  "before it starts" },
	{ "1950-06-25T10:05/1950-06-25T09:05", 18, "interval ends before it "
	  "starts" },
	{ "1950-06-25T10:05:00+07:00/1950-06-25T02:59:59Z", 27, "interval "
	  "ends before it starts" },
};

START_TEST(test_invalid)
{
	struct when w;
	char err[128];
	int col = -5;

	memset(&w, 0xA5, sizeof(w));
	ck_assert_msg(when_parse(invalid[_i].in, &w, err, sizeof(err), &col)
	    == -1, "\"%s\" accepted", invalid[_i].in);
	ck_assert_str_eq(err, invalid[_i].msg);
	ck_assert_msg(col == invalid[_i].col, "\"%s\": column %d, want %d",
	    invalid[_i].in, col, invalid[_i].col);
	/* nothing half-parsed is left behind */
	ck_assert_int_eq(w.interval, 0);
	ck_assert_int_eq(w.a.year, 0);
	ck_assert_int_eq(w.a.prec, 0);
	ck_assert(w.key_start == 0 && w.key_end == 0);
}
END_TEST

/* A point's date fields: year, month, day, prec, qual, open. */
#define PT(Y, M, D, P, Q, O) { .year = (Y), .month = (M), .day = (D), \
	.prec = (P), .qual = (Q), .open = (O) }

/* The parsed fields of both ends. */
static const struct {
	const char		*in;
	int			 interval;
	struct when_point	 a, b;
} shape[] = {
	{ "1950-06-25", 0, PT(1950, 6, 25, WHEN_DAY, 0, 0), { 0 } },
	{ "1950-06", 0, PT(1950, 6, 0, WHEN_MONTH, 0, 0), { 0 } },
	{ "1950", 0, PT(1950, 0, 0, WHEN_YEAR, 0, 0), { 0 } },
	{ "197X", 0, PT(1970, 0, 0, WHEN_DECADE, 0, 0), { 0 } },
	{ "19XX", 0, PT(1900, 0, 0, WHEN_CENTURY, 0, 0), { 0 } },
	{ "1955~", 0, PT(1955, 0, 0, WHEN_YEAR, WHEN_APPROX, 0), { 0 } },
	{ "1955?", 0, PT(1955, 0, 0, WHEN_YEAR, WHEN_UNCERTAIN, 0), { 0 } },
	{ "1955%", 0, PT(1955, 0, 0, WHEN_YEAR,
	  WHEN_APPROX | WHEN_UNCERTAIN, 0), { 0 } },
	{ "1955~/196X", 1, PT(1955, 0, 0, WHEN_YEAR, WHEN_APPROX, 0),
	  PT(1960, 0, 0, WHEN_DECADE, 0, 0) },
	{ "1950-06-25?/1953-07-27~", 1,
	  PT(1950, 6, 25, WHEN_DAY, WHEN_UNCERTAIN, 0),
	  PT(1953, 7, 27, WHEN_DAY, WHEN_APPROX, 0) },
	{ "1991/..", 1, PT(1991, 0, 0, WHEN_YEAR, 0, 0),
	  PT(0, 0, 0, 0, 0, 1) },
	{ "../1991-12%", 1, PT(0, 0, 0, 0, 0, 1),
	  PT(1991, 12, 0, WHEN_MONTH, WHEN_APPROX | WHEN_UNCERTAIN, 0) },
};

static void
same_point(const char *in, const struct when_point *p,
    const struct when_point *want)
{
	ck_assert_msg(p->year == want->year && p->month == want->month &&
	    p->day == want->day && p->prec == want->prec &&
	    p->qual == want->qual && p->open == want->open,
	    "\"%s\": got %d-%d-%d prec %d qual %u open %d", in, p->year,
	    p->month, p->day, (int)p->prec, p->qual, p->open);
}

START_TEST(test_shape)
{
	struct when w;

	ck_assert_int_eq(when_parse(shape[_i].in, &w, NULL, 0, NULL), 0);
	ck_assert_int_eq(w.interval, shape[_i].interval);
	same_point(shape[_i].in, &w.a, &shape[_i].a);
	same_point(shape[_i].in, &w.b, &shape[_i].b);
}
END_TEST

static const struct {
	const char		*in;
	enum when_digits	 d;
	const char		*out;
} digits[] = {
	{ "0123456789", WHEN_THAI, "๐๑๒๓๔๕๖๗๘๙" },
	{ "0123456789", WHEN_ARABIC, "0123456789" },
	{ "หน้า 12 จาก 340", WHEN_THAI, "หน้า ๑๒ จาก ๓๔๐" },
	{ "page 7", WHEN_THAI, "page ๗" },
	{ "", WHEN_THAI, "" },
	{ "no digits", WHEN_THAI, "no digits" },
	{ "๑๒", WHEN_ARABIC, "๑๒" },			/* no way back */
	{ "a\x80" "1", WHEN_THAI, "a\x80" "๑" },	/* stray bytes kept */
};

START_TEST(test_digits)
{
	char buf[128];
	size_t len;

	len = when_digits(digits[_i].in, digits[_i].d, buf, sizeof(buf));
	ck_assert_str_eq(buf, digits[_i].out);
	ck_assert_uint_eq(len, strlen(digits[_i].out));
	ck_assert_uint_eq(when_digits(digits[_i].in, digits[_i].d, NULL, 0),
	    len);
}
END_TEST

/* meta/date: a plain day only. */
static const struct {
	const char	*in;
	int		 col;		/* 0: valid */
	const char	*msg;		/* valid: Thai BE, Thai digits */
} days[] = {
	{ "2023-09-12", 0, "๑๒ กันยายน ๒๕๖๖" },
	{ "2024-02-29", 0, "๒๙ กุมภาพันธ์ ๒๕๖๗" },
	{ "2023-09", 1, "expected YYYY-MM-DD" },
	{ "2023", 1, "expected YYYY-MM-DD" },
	{ "", 1, "empty date" },
	{ "..", 1, "expected YYYY-MM-DD" },
	{ "202X-01-01", 4, "expected YYYY-MM-DD" },
	{ "2023-09-12~", 11, "unexpected \"~\"" },
	{ "2023-09-12/2023-09-13", 11, "unexpected \"/\"" },
	{ "2023-02-29", 9, "day 29 does not exist in 2023-02" },
	{ " 2023-09-12", 1, "unexpected space" },
};

START_TEST(test_day)
{
	static const struct when_fmt f = { WHEN_TH, WHEN_BE, WHEN_THAI, 0, 0 };
	struct when_point p;
	char err[128], buf[128];
	int col = -5, r;

	r = when_parse_day(days[_i].in, &p, err, sizeof(err), &col);
	if (days[_i].col == 0) {
		ck_assert_msg(r == 0, "\"%s\": %d: %s", days[_i].in, col, err);
		ck_assert_int_eq(p.prec, WHEN_DAY);
		ck_assert_uint_eq(when_format_point(&p, &f, buf, sizeof(buf)),
		    strlen(days[_i].msg));
		ck_assert_str_eq(buf, days[_i].msg);
	} else {
		ck_assert_msg(r == -1, "\"%s\" accepted", days[_i].in);
		ck_assert_str_eq(err, days[_i].msg);
		ck_assert_int_eq(col, days[_i].col);
		ck_assert_int_eq(p.year, 0);
	}
}
END_TEST

START_TEST(test_format_point)
{
	static const struct when_fmt en_abbr = { WHEN_EN, WHEN_CE,
	    WHEN_ARABIC, 1, 0 };
	struct when_point p = PT(2023, 9, 12, WHEN_DAY, 0, 0);
	struct when_point open = PT(0, 0, 0, 0, 0, 1);
	char buf[64];

	ck_assert_uint_eq(when_format_point(&p, &en_abbr, buf, sizeof(buf)),
	    11);
	ck_assert_str_eq(buf, "12 Sep 2023");
	when_format_point(&p, NULL, buf, sizeof(buf));
	ck_assert_str_eq(buf, "12 กันยายน 2023");
	/* an open end alone has nothing to print */
	ck_assert_uint_eq(when_format_point(&open, &th_ce, buf, sizeof(buf)),
	    0);
	ck_assert_str_eq(buf, "");
}
END_TEST

/* Short buffers: snprintf's return, no half characters, always a NUL. */
START_TEST(test_truncate)
{
	struct when w;
	char buf[64];
	const char *full = "25 มิถุนายน 1950";
	size_t need = strlen(full);

	ck_assert_int_eq(when_parse("1950-06-25", &w, NULL, 0, NULL), 0);
	ck_assert_uint_eq(when_format(&w, &th_ce, NULL, 0), need);
	ck_assert_uint_eq(when_format(&w, &th_ce, buf, need + 1), need);
	ck_assert_str_eq(buf, full);
	ck_assert_uint_eq(when_format(&w, &th_ce, buf, need), need);
	ck_assert_str_eq(buf, "25 มิถุนายน 195");
	/* "ม" is 3 bytes: with room for 2 of them it is left out */
	ck_assert_uint_eq(when_format(&w, &th_ce, buf, 6), need);
	ck_assert_str_eq(buf, "25 ");
	ck_assert_uint_eq(when_format(&w, &th_ce, buf, 1), need);
	ck_assert_str_eq(buf, "");
	memset(buf, 'z', sizeof(buf));
	ck_assert_uint_eq(when_digits("1234", WHEN_THAI, buf, 7), 12);
	ck_assert_str_eq(buf, "๑๒");
	ck_assert_uint_eq(when_digits("1234", WHEN_THAI, buf, 6), 12);
	ck_assert_str_eq(buf, "๑");
	/* f NULL: Thai, CE, Arabic digits, full month names */
	ck_assert_uint_eq(when_format(&w, NULL, buf, sizeof(buf)), need);
	ck_assert_str_eq(buf, full);
}
END_TEST

/* Error reporting with small or missing buffers. */
START_TEST(test_errbuf)
{
	struct when w;
	char err[16];
	int col = 0;

	ck_assert_int_eq(when_parse("1950-13", &w, NULL, 0, NULL), -1);
	ck_assert_int_eq(when_parse("1950-13", &w, NULL, 0, &col), -1);
	ck_assert_int_eq(col, 6);
	ck_assert_int_eq(when_parse(NULL, &w, err, sizeof(err), &col), -1);
	ck_assert_str_eq(err, "empty date");
	ck_assert_int_eq(when_parse("1950-13", &w, err, 6, &col), -1);
	ck_assert_str_eq(err, "month");
	/* a cut message never ends inside a character: U+200B is 3 bytes */
	ck_assert_int_eq(when_parse("1950\xE2\x80\x8B", &w, err, 14, &col),
	    -1);
	ck_assert_str_eq(err, "unexpected \"");
	ck_assert_int_eq(when_parse("1950\xE2\x80\x8B", &w, err, 16, &col),
	    -1);
	ck_assert_str_eq(err, "unexpected \"\xE2\x80\x8B");
	/* a successful parse clears both */
	ck_assert_int_eq(when_parse("1950", &w, err, sizeof(err), &col), 0);
	ck_assert_str_eq(err, "");
	ck_assert_int_eq(col, 0);
}
END_TEST

static int
cmp_when(const void *x, const void *y)
{
	return when_cmp(x, y);
}

/* Chronological order: earliest start, then latest end. */
/*
 * Times of day: the keys as written, the printed day, when_write's form;
 * then, moved into a zone (UTC+7, or New York's rule), the same again.
 */
static const struct {
	const char	*in;
	long long	 start, end;
	long		 tod_start, tod_end;
	const char	*th;		/* NULL: not printed as written */
	const char	*zone;		/* a POSIX rule */
	long long	 zstart, zend;	/* in it */
	long		 ztod_start, ztod_end;
	const char	*zwritten, *zth;
} times[] = {
	{ "2026-12-05T19:05", 20261205, 20261205, 68700, 68700,
	  "5 ธันวาคม 2026", "<+07>-7", 20261205, 20261205, 68700, 68700,
	  "2026-12-05T19:05:00+07:00", "5 ธันวาคม 2026" },
	{ "2026-12-05T23:30:00-05:00", 20261205, 20261205, 84600, 84600,
	  "5 ธันวาคม 2026", "<+07>-7", 20261206, 20261206, 41400, 41400,
	  "2026-12-06T11:30:00+07:00", "6 ธันวาคม 2026" },
	{ "2026-12-05T16:30:00Z", 20261205, 20261205, 59400, 59400,
	  "5 ธันวาคม 2026", "<+07>-7", 20261205, 20261205, 84600, 84600,
	  "2026-12-05T23:30:00+07:00", "5 ธันวาคม 2026" },
	{ "2026-12-05T17:00:00Z", 20261205, 20261205, 61200, 61200,
	  "5 ธันวาคม 2026", "<+07>-7", 20261206, 20261206, 0, 0,
	  "2026-12-06T00:00:00+07:00", "6 ธันวาคม 2026" },
	{ "2026-12-31T20:00:00-05:00", 20261231, 20261231, 72000, 72000,
	  "31 ธันวาคม 2026", "<+07>-7", 20270101, 20270101, 28800, 28800,
	  "2027-01-01T08:00:00+07:00", "1 มกราคม 2027" },
	/* written days going down, instants going up */
	{ "2026-12-06T01:00+07:00/2026-12-05T20:00Z", 20261206, 20261205,
	  3600, 72000, NULL, "<+07>-7",
	  20261206, 20261206, 3600, 10800,
	  "2026-12-06T01:00:00+07:00/2026-12-06T03:00:00+07:00",
	  "6 ธันวาคม 2026" },
	{ "2026-12-05T21:00+07:00/2026-12-06T03:00+07:00", 20261205,
	  20261206, 75600, 10800, "5–6 ธันวาคม 2026", "<+07>-7", 20261205,
	  20261206, 75600, 10800,
	  "2026-12-05T21:00:00+07:00/2026-12-06T03:00:00+07:00",
	  "5–6 ธันวาคม 2026" },
	/* a day and a time: the day has no time to move */
	{ "2026-12-05/2026-12-05T20:00:00Z", 20261205, 20261205, 0, 72000,
	  "5 ธันวาคม 2026", "<+07>-7", 20261205, 20261206, 0, 10800,
	  "2026-12-05/2026-12-06T03:00:00+07:00", "5–6 ธันวาคม 2026" },
	{ "1950-06", 19500601, 19500630, 0, 86400, "มิถุนายน 1950",
	  "<+07>-7", 19500601, 19500630, 0, 86400, "1950-06",
	  "มิถุนายน 1950" },
	/* New York: summer and winter; a time the clocks skipped is read
	   with the offset before; one they went through twice, the first */
	{ "2026-07-01T12:00:00Z", 20260701, 20260701, 43200, 43200,
	  "1 กรกฎาคม 2026", "EST5EDT,M3.2.0,M11.1.0", 20260701, 20260701,
	  28800, 28800, "2026-07-01T08:00:00-04:00", "1 กรกฎาคม 2026" },
	{ "2026-12-06T04:30:00Z", 20261206, 20261206, 16200, 16200,
	  "6 ธันวาคม 2026", "EST5EDT,M3.2.0,M11.1.0", 20261205, 20261205,
	  84600, 84600, "2026-12-05T23:30:00-05:00", "5 ธันวาคม 2026" },
	{ "2026-03-08T02:30", 20260308, 20260308, 9000, 9000,
	  "8 มีนาคม 2026", "EST5EDT,M3.2.0,M11.1.0", 20260308, 20260308,
	  12600, 12600, "2026-03-08T03:30:00-04:00", "8 มีนาคม 2026" },
	{ "2026-11-01T01:30", 20261101, 20261101, 5400, 5400,
	  "1 พฤศจิกายน 2026", "EST5EDT,M3.2.0,M11.1.0", 20261101, 20261101,
	  5400, 5400, "2026-11-01T01:30:00-04:00", "1 พฤศจิกายน 2026" },
	{ "2026-11-01T06:30:00Z", 20261101, 20261101, 23400, 23400,
	  "1 พฤศจิกายน 2026", "EST5EDT,M3.2.0,M11.1.0", 20261101, 20261101,
	  5400, 5400, "2026-11-01T01:30:00-05:00", "1 พฤศจิกายน 2026" },
};

START_TEST(test_times)
{
	struct arena *a = arena_new();
	const struct tz *z = tz_posix(a, times[_i].zone);
	struct when w;
	char err[128], buf[256];
	int col;

	ck_assert_ptr_nonnull(z);
	ck_assert_msg(when_parse(times[_i].in, &w, err, sizeof(err), &col) ==
	    0, "\"%s\": %d: %s", times[_i].in, col, err);
	ck_assert_msg(w.key_start == times[_i].start && w.key_end ==
	    times[_i].end && w.tod_start == times[_i].tod_start &&
	    w.tod_end == times[_i].tod_end, "\"%s\": %lld %ld .. %lld %ld",
	    times[_i].in, w.key_start, (long)w.tod_start, w.key_end,
	    (long)w.tod_end);
	if (times[_i].th != NULL) {
		when_format(&w, &th_ce, buf, sizeof(buf));
		ck_assert_str_eq(buf, times[_i].th);
	}
	ck_assert_int_eq(when_zone(&w, z, err, sizeof(err), &col), 0);
	ck_assert_msg(w.key_start == times[_i].zstart && w.key_end ==
	    times[_i].zend && w.tod_start == times[_i].ztod_start &&
	    w.tod_end == times[_i].ztod_end, "\"%s\" in %s: %lld %ld .. "
	    "%lld %ld", times[_i].in, times[_i].zone, w.key_start,
	    (long)w.tod_start, w.key_end, (long)w.tod_end);
	when_write(&w, buf, sizeof(buf));
	ck_assert_str_eq(buf, times[_i].zwritten);
	when_format(&w, &th_ce, buf, sizeof(buf));
	ck_assert_str_eq(buf, times[_i].zth);
	arena_free(a);
}
END_TEST

/*
 * Times of day printed after their days (the style's times): local time
 * in the zone (a POSIX rule; NULL: not moved), no seconds, Thai with a
 * period and "น.", English with a colon; two times of one day share it,
 * otherwise each end is whole.  th and en with abbreviated months, off
 * as the official style: Buddhist Era, Thai digits, full month names.
 */
static const struct when_fmt th_times = { WHEN_TH, WHEN_CE, WHEN_ARABIC, 1, 1 };
static const struct when_fmt en_times = { WHEN_EN, WHEN_CE, WHEN_ARABIC, 1, 1 };
static const struct when_fmt off_times = { WHEN_TH, WHEN_BE, WHEN_THAI, 0, 1 };

static const struct {
	const char	*in;
	const char	*zone;
	const char	*th, *en, *off;
} clocks[] = {
	{ "2026-12-05T19:05", "<+07>-7", "5 ธ.ค. 2026 19.05 น.",
	  "5 Dec 2026 19:05", "๕ ธันวาคม ๒๕๖๙ ๑๙.๐๕ น." },
	{ "2026-12-05T09:05:59", NULL, "5 ธ.ค. 2026 09.05 น.",
	  "5 Dec 2026 09:05", "๕ ธันวาคม ๒๕๖๙ ๐๙.๐๕ น." },
	{ "2026-12-05T00:00", "<+07>-7", "5 ธ.ค. 2026 00.00 น.",
	  "5 Dec 2026 00:00", "๕ ธันวาคม ๒๕๖๙ ๐๐.๐๐ น." },
	/* moved: the day and the hours are Bangkok's, or New York's */
	{ "2026-12-05T23:30:00-05:00", "<+07>-7", "6 ธ.ค. 2026 11.30 น.",
	  "6 Dec 2026 11:30", "๖ ธันวาคม ๒๕๖๙ ๑๑.๓๐ น." },
	{ "2026-12-06T04:30:00Z", "EST5EDT,M3.2.0,M11.1.0",
	  "5 ธ.ค. 2026 23.30 น.", "5 Dec 2026 23:30",
	  "๕ ธันวาคม ๒๕๖๙ ๒๓.๓๐ น." },
	{ "2026-07-01T12:00:00Z", "EST5EDT,M3.2.0,M11.1.0",
	  "1 ก.ค. 2026 08.00 น.", "1 Jul 2026 08:00",
	  "๑ กรกฎาคม ๒๕๖๙ ๐๘.๐๐ น." },
	/* intervals: one day, two days, a zone that makes it two */
	{ "2026-12-05T19:00/2026-12-05T21:30", "<+07>-7",
	  "5 ธ.ค. 2026 19.00–21.30 น.", "5 Dec 2026 19:00–21:30",
	  "๕ ธันวาคม ๒๕๖๙ ๑๙.๐๐–๒๑.๓๐ น." },
	{ "2026-12-05T21:00+07:00/2026-12-06T03:00+07:00", "<+07>-7",
	  "5 ธ.ค. 2026 21.00 น. – 6 ธ.ค. 2026 03.00 น.",
	  "5 Dec 2026 21:00 – 6 Dec 2026 03:00",
	  "๕ ธันวาคม ๒๕๖๙ ๒๑.๐๐ น. – ๖ ธันวาคม ๒๕๖๙ ๐๓.๐๐ น." },
	{ "2026-12-05T12:00Z/2026-12-05T16:30Z", "<+07>-7",
	  "5 ธ.ค. 2026 19.00–23.30 น.", "5 Dec 2026 19:00–23:30",
	  "๕ ธันวาคม ๒๕๖๙ ๑๙.๐๐–๒๓.๓๐ น." },
	{ "2026-12-05T14:00Z/2026-12-05T18:00Z", "<+07>-7",
	  "5 ธ.ค. 2026 21.00 น. – 6 ธ.ค. 2026 01.00 น.",
	  "5 Dec 2026 21:00 – 6 Dec 2026 01:00",
	  "๕ ธันวาคม ๒๕๖๙ ๒๑.๐๐ น. – ๖ ธันวาคม ๒๕๖๙ ๐๑.๐๐ น." },
	/* ends that print the same print once */
	{ "2026-12-05T19:05/2026-12-05T19:05:30", NULL,
	  "5 ธ.ค. 2026 19.05 น.", "5 Dec 2026 19:05",
	  "๕ ธันวาคม ๒๕๖๙ ๑๙.๐๕ น." },
	/* a time at one end only, open ends, other forms */
	{ "2026-12-05/2026-12-06T03:00", "<+07>-7",
	  "5 ธ.ค. 2026 – 6 ธ.ค. 2026 03.00 น.",
	  "5 Dec 2026 – 6 Dec 2026 03:00",
	  "๕ ธันวาคม ๒๕๖๙ – ๖ ธันวาคม ๒๕๖๙ ๐๓.๐๐ น." },
	{ "2026-12-05T09:00/2026-12-05", NULL,
	  "5 ธ.ค. 2026 09.00 น. – 5 ธ.ค. 2026",
	  "5 Dec 2026 09:00 – 5 Dec 2026",
	  "๕ ธันวาคม ๒๕๖๙ ๐๙.๐๐ น. – ๕ ธันวาคม ๒๕๖๙" },
	{ "2026-12-05T19:05/..", "<+07>-7", "ตั้งแต่ 5 ธ.ค. 2026 19.05 น.",
	  "from 5 Dec 2026 19:05", "ตั้งแต่ ๕ ธันวาคม ๒๕๖๙ ๑๙.๐๕ น." },
	{ "../2026-12-05T19:05", "<+07>-7", "จนถึง 5 ธ.ค. 2026 19.05 น.",
	  "until 5 Dec 2026 19:05", "จนถึง ๕ ธันวาคม ๒๕๖๙ ๑๙.๐๕ น." },
	{ "197X/2026-12-05T10:00", "<+07>-7",
	  "ทศวรรษ 1970 – 5 ธ.ค. 2026 10.00 น.",
	  "1970s – 5 Dec 2026 10:00",
	  "(พ.ศ. ๒๕๑๓–๒๕๒๒) – ๕ ธันวาคม ๒๕๖๙ ๑๐.๐๐ น." },
	/* no time: as without times */
	{ "2026-12-05/2026-12-06", "<+07>-7", "5–6 ธ.ค. 2026",
	  "5–6 Dec 2026", "๕–๖ ธันวาคม ๒๕๖๙" },
	{ "1955~", "<+07>-7", "ราว 1955", "c. 1955", "ราว พ.ศ. ๒๔๙๘" },
};

START_TEST(test_clock)
{
	struct arena *a = arena_new();
	struct when w;
	char err[128], buf[256];
	int col;

	ck_assert_msg(when_parse(clocks[_i].in, &w, err, sizeof(err), &col) ==
	    0, "\"%s\": %d: %s", clocks[_i].in, col, err);
	if (clocks[_i].zone != NULL)
		ck_assert_int_eq(when_zone(&w, tz_posix(a, clocks[_i].zone),
		    err, sizeof(err), &col), 0);
	ck_assert_uint_eq(when_format(&w, &th_times, buf, sizeof(buf)),
	    strlen(clocks[_i].th));
	ck_assert_str_eq(buf, clocks[_i].th);
	ck_assert_uint_eq(when_format(&w, &en_times, buf, sizeof(buf)),
	    strlen(clocks[_i].en));
	ck_assert_str_eq(buf, clocks[_i].en);
	ck_assert_uint_eq(when_format(&w, &off_times, buf, sizeof(buf)),
	    strlen(clocks[_i].off));
	ck_assert_str_eq(buf, clocks[_i].off);
	arena_free(a);
}
END_TEST

/* Without times (f NULL too) a time of day is not printed. */
START_TEST(test_clock_off)
{
	struct when w;
	char buf[128];

	ck_assert_int_eq(when_parse("2026-12-05T19:00/2026-12-05T21:30", &w,
	    NULL, 0, NULL), 0);
	when_format(&w, NULL, buf, sizeof(buf));
	ck_assert_str_eq(buf, "5 ธันวาคม 2026");
	when_format(&w, &(struct when_fmt){ WHEN_EN, WHEN_CE, WHEN_ARABIC, 1,
	    0 }, buf, sizeof(buf));
	ck_assert_str_eq(buf, "5 Dec 2026");
	ck_assert_int_eq(when_parse("2026-12-05T21:00/2026-12-06T03:00", &w,
	    NULL, 0, NULL), 0);
	when_format(&w, &th_ce, buf, sizeof(buf));
	ck_assert_str_eq(buf, "5–6 ธันวาคม 2026");
}
END_TEST

/* when_write gives back what when_parse read, in every form. */
START_TEST(test_write)
{
	static const char *const forms[] = {
		"1950-06-25", "1950-06", "1950", "197X", "19XX", "0045-03-15",
		"1955~", "1955?", "1955%", "1950-06-25~/1953-07-27?",
		"1991/..", "../1991-12%", "1955~/196X",
		"2026-12-05T19:05:00", "2026-12-05T19:05:00Z",
		"2026-12-05T19:05:00-05:00", "2026-12-05T19:05:00+05:45",
		"2026-12-05/2026-12-06T03:00:00+07:00",
	};
	struct when w;
	char buf[128];
	size_t i, n;

	for (i = 0; i < NELEM(forms); i++) {
		ck_assert_int_eq(when_parse(forms[i], &w, NULL, 0, NULL), 0);
		n = when_write(&w, buf, sizeof(buf));
		ck_assert_str_eq(buf, forms[i]);
		ck_assert_uint_eq(n, strlen(forms[i]));
	}
	/* cut safely, the length it needed said */
	ck_assert_int_eq(when_parse("2026-12-05T19:05:00Z", &w, NULL, 0, NULL),
	    0);
	ck_assert_uint_eq(when_write(&w, buf, 5), 20);
	ck_assert_uint_lt(strlen(buf), 5);
}
END_TEST

/* A year that leaves 0000-9999 once moved is refused, w untouched. */
START_TEST(test_zone_range)
{
	struct arena *a = arena_new();
	const struct tz *east = tz_posix(a, "<+07>-7");
	const struct tz *utc = tz_posix(a, "UTC0");
	struct when w, was;
	char err[128];
	int col = 0;

	ck_assert_int_eq(when_parse("9999-12-31T23:00:00Z", &w, NULL, 0, NULL),
	    0);
	was = w;
	ck_assert_int_eq(when_zone(&w, east, err, sizeof(err), &col), -1);
	ck_assert_str_eq(err, "the year leaves 0000-9999 in the time zone "
	    "<+07>-7");
	ck_assert_int_eq(col, 1);
	ck_assert(memcmp(&w, &was, sizeof(w)) == 0);
	ck_assert_int_eq(when_parse("0000-01-01T00:30:00+01:00", &w, NULL, 0,
	    NULL), 0);
	ck_assert_int_eq(when_zone(&w, utc, err, sizeof(err), &col), -1);
	ck_assert_int_eq(when_parse("0000-01-01T00:30:00+01:00", &w, NULL, 0,
	    NULL), 0);
	ck_assert_int_eq(when_zone(&w, east, err, sizeof(err), &col), 0);
	ck_assert_int_eq(w.key_start, 101);
	arena_free(a);
}
END_TEST

START_TEST(test_order)
{
	static const char *const want[] = {
		"../1960", "19XX", "1955~/196X", "1970-01-01", "1970-01",
		"1970", "197X", "1970/..", "1991/..",
	};
	static const int shuffle[] = { 7, 2, 8, 0, 5, 3, 6, 1, 4 };
	struct when w[NELEM(want)], x;
	size_t i;

	for (i = 0; i < NELEM(want); i++)
		ck_assert_int_eq(when_parse(want[shuffle[i]], &w[i], NULL, 0,
		    NULL), 0);
	qsort(w, NELEM(w), sizeof(w[0]), cmp_when);
	for (i = 0; i < NELEM(want); i++) {
		ck_assert_int_eq(when_parse(want[i], &x, NULL, 0, NULL), 0);
		ck_assert_msg(when_cmp(&w[i], &x) == 0, "place %zu: want %s",
		    i, want[i]);
	}
	ck_assert_int_eq(when_cmp(&w[0], &w[1]), -1);
	ck_assert_int_eq(when_cmp(&w[1], &w[0]), 1);
}
END_TEST

/*
 * With times: by the start to the second, then by the end; a day runs to
 * its end, so midnight sorts before it and any later hour after it.
 */
START_TEST(test_order_times)
{
	static const char *const want[] = {
		"2026-12-04T23:59:59", "2026-12-05T00:00", "2026-12-05",
		"2026-12-05T09:00", "2026-12-05T09:00/2026-12-05T10:00",
		"2026-12-05T09:00/2026-12-06", "2026-12-05T09:00:01",
		"2026-12-05T23:59:59", "2026-12-06",
	};
	static const int shuffle[] = { 8, 3, 6, 0, 5, 2, 7, 1, 4 };
	struct when w[NELEM(want)], x;
	size_t i;

	for (i = 0; i < NELEM(want); i++)
		ck_assert_int_eq(when_parse(want[shuffle[i]], &w[i], NULL, 0,
		    NULL), 0);
	qsort(w, NELEM(w), sizeof(w[0]), cmp_when);
	for (i = 0; i < NELEM(want); i++) {
		ck_assert_int_eq(when_parse(want[i], &x, NULL, 0, NULL), 0);
		ck_assert_msg(when_cmp(&w[i], &x) == 0, "place %zu: want %s",
		    i, want[i]);
	}
}
END_TEST

Suite *
when_suite(void)
{
	Suite *s = suite_create("when");
	TCase *tc;

	tc = tcase_create("parse");
	tcase_add_loop_test(tc, test_valid, 0, NELEM(valid));
	tcase_add_loop_test(tc, test_invalid, 0, NELEM(invalid));
	tcase_add_loop_test(tc, test_shape, 0, NELEM(shape));
	tcase_add_loop_test(tc, test_day, 0, NELEM(days));
	tcase_add_test(tc, test_errbuf);
	tcase_add_test(tc, test_order);
	tcase_add_test(tc, test_order_times);
	suite_add_tcase(s, tc);

	tc = tcase_create("times");
	tcase_add_loop_test(tc, test_times, 0, NELEM(times));
	tcase_add_test(tc, test_write);
	tcase_add_test(tc, test_zone_range);
	tcase_add_loop_test(tc, test_clock, 0, NELEM(clocks));
	tcase_add_test(tc, test_clock_off);
	suite_add_tcase(s, tc);

	tc = tcase_create("format");
	tcase_add_loop_test(tc, test_forms, 0, NELEM(forms));
	tcase_add_loop_test(tc, test_be1941, 0, NELEM(be1941));
	tcase_add_loop_test(tc, test_months, 0, NELEM(months));
	tcase_add_loop_test(tc, test_digits, 0, NELEM(digits));
	tcase_add_test(tc, test_format_point);
	tcase_add_test(tc, test_truncate);
	suite_add_tcase(s, tc);
	return s;
}
