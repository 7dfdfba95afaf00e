/*
 * check_tz.c - time zones (tz.c): days of the calendar, POSIX rules
 * either side of their changes, local time to UTC where the clocks
 * skip and repeat, the system's TZif files and the names allowed; and
 * a timeline's times moved into the document's zone.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include "base/base.h"
#include "input/input.h"
#include "briefing.h"
#include "util.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* Seconds since 1970 of a UTC date and time. */
static long long
utc(int y, int mo, int d, int h, int mi, int s)
{
	return tz_days(y, mo, d) * 86400 + h * 3600LL + mi * 60 + s;
}

START_TEST(test_days)
{
	static const struct {
		int		 y, m, d;
		long long	 days;
	} cases[] = {
		{ 1970, 1, 1, 0 }, { 1969, 12, 31, -1 }, { 2000, 2, 29, 11016 },
		{ 2000, 3, 1, 11017 }, { 2026, 12, 6, 20793 },
		{ 1900, 3, 1, -25508 }, { 0, 1, 1, -719528 },
		{ 0, 3, 1, -719468 }, { 9999, 12, 31, 2932896 },
	};
	size_t i;
	int y, m, d;

	for (i = 0; i < NELEM(cases); i++) {
		ck_assert_int_eq(tz_days(cases[i].y, cases[i].m, cases[i].d),
		    cases[i].days);
		tz_date(cases[i].days, &y, &m, &d);
		ck_assert(y == cases[i].y && m == cases[i].m &&
		    d == cases[i].d);
	}
	/* every day of four centuries and back */
	for (i = 0; i < 146097; i++) {
		tz_date(-25508 + (long long)i, &y, &m, &d);
		ck_assert_int_eq(tz_days(y, m, d), -25508 + (long long)i);
	}
}
END_TEST

/* Offsets of POSIX rules either side of their changes. */
START_TEST(test_rules)
{
	static const struct {
		const char	*rule;
		int		 y, mo, d, h, mi, s;	/* UTC */
		long		 offset;
	} cases[] = {
		{ "<+07>-7", 2026, 12, 5, 12, 0, 0, 25200 },
		{ "<+07>-7", 1900, 1, 1, 0, 0, 0, 25200 },
		{ "UTC0", 2026, 7, 1, 0, 0, 0, 0 },
		{ "<-0330>3:30", 2026, 7, 1, 0, 0, 0, -12600 },
		/* New York: 2nd Sunday in March, 1st in November, 02:00 */
		{ "EST5EDT,M3.2.0,M11.1.0", 2026, 3, 8, 6, 59, 59, -18000 },
		{ "EST5EDT,M3.2.0,M11.1.0", 2026, 3, 8, 7, 0, 0, -14400 },
		{ "EST5EDT,M3.2.0,M11.1.0", 2026, 11, 1, 5, 59, 59, -14400 },
		{ "EST5EDT,M3.2.0,M11.1.0", 2026, 11, 1, 6, 0, 0, -18000 },
		{ "EST5EDT,M3.2.0,M11.1.0", 2100, 7, 1, 0, 0, 0, -14400 },
		{ "EST5EDT,M3.2.0,M11.1.0", 2100, 1, 1, 0, 0, 0, -18000 },
		/* Sydney, south: summer from October to April */
		{ "AEST-10AEDT,M10.1.0,M4.1.0/3", 2026, 1, 15, 0, 0, 0, 39600 },
		{ "AEST-10AEDT,M10.1.0,M4.1.0/3", 2026, 7, 1, 0, 0, 0, 36000 },
		{ "AEST-10AEDT,M10.1.0,M4.1.0/3", 2026, 4, 4, 15, 59, 59,
		  39600 },
		{ "AEST-10AEDT,M10.1.0,M4.1.0/3", 2026, 4, 4, 16, 0, 0, 36000 },
		{ "AEST-10AEDT,M10.1.0,M4.1.0/3", 2026, 10, 3, 15, 59, 59,
		  36000 },
		{ "AEST-10AEDT,M10.1.0,M4.1.0/3", 2026, 10, 3, 16, 0, 0, 39600 },
		/* the last Sunday (week 5) of March and October */
		{ "GMT0BST,M3.5.0/1,M10.5.0", 2026, 3, 29, 0, 59, 59, 0 },
		{ "GMT0BST,M3.5.0/1,M10.5.0", 2026, 3, 29, 1, 0, 0, 3600 },
		{ "GMT0BST,M3.5.0/1,M10.5.0", 2026, 10, 25, 0, 59, 59, 3600 },
		{ "GMT0BST,M3.5.0/1,M10.5.0", 2026, 10, 25, 1, 0, 0, 0 },
		/* Jn never counts 29 February, n does */
		{ "XST-1XDT,J60/0,J300/0", 2028, 2, 28, 23, 0, 0, 3600 },
		{ "XST-1XDT,J60/0,J300/0", 2028, 2, 29, 22, 59, 59, 3600 },
		{ "XST-1XDT,J60/0,J300/0", 2028, 2, 29, 23, 0, 0, 7200 },
		{ "XST-1XDT,59/0,300/0", 2028, 2, 28, 23, 0, 0, 7200 },
		{ "XST-1XDT,59/0,300/0", 2028, 2, 28, 22, 59, 59, 3600 },
		/* summer all year (RFC 8536, 3.3.1) */
		{ "EST5EDT,0/0,J365/25", 2026, 1, 1, 5, 0, 0, -14400 },
		{ "EST5EDT,0/0,J365/25", 2026, 7, 1, 0, 0, 0, -14400 },
		{ "EST5EDT,0/0,J365/25", 2026, 12, 31, 23, 0, 0, -14400 },
		/* times past 24 hours and negative ones (RFC 8536) */
		{ "<-03>3<-02>,M3.5.0/-2,M10.5.0/-1", 2026, 3, 29, 0, 59, 59,
		  -10800 },
		{ "<-03>3<-02>,M3.5.0/-2,M10.5.0/-1", 2026, 3, 29, 1, 0, 0,
		  -7200 },
	};
	struct arena *a = arena_new();
	const struct tz *z;
	size_t i;

	for (i = 0; i < NELEM(cases); i++) {
		z = tz_posix(a, cases[i].rule);
		ck_assert_msg(z != NULL, "%s refused", cases[i].rule);
		ck_assert_msg(tz_offset(z, utc(cases[i].y, cases[i].mo,
		    cases[i].d, cases[i].h, cases[i].mi, cases[i].s)) ==
		    cases[i].offset, "%s at %04d-%02d-%02dT%02d:%02d:%02dZ: "
		    "%ld", cases[i].rule, cases[i].y, cases[i].mo, cases[i].d,
		    cases[i].h, cases[i].mi, cases[i].s, tz_offset(z,
		    utc(cases[i].y, cases[i].mo, cases[i].d, cases[i].h,
		    cases[i].mi, cases[i].s)));
	}
	/* not rules: no name, no offset, a change with no rule for it */
	ck_assert_ptr_null(tz_posix(a, ""));
	ck_assert_ptr_null(tz_posix(a, "EST"));
	ck_assert_ptr_null(tz_posix(a, "ES5"));
	ck_assert_ptr_null(tz_posix(a, "<+07-7"));
	ck_assert_ptr_null(tz_posix(a, "EST5EDT"));
	ck_assert_ptr_null(tz_posix(a, "EST5EDT,M13.1.0,M11.1.0"));
	ck_assert_ptr_null(tz_posix(a, "EST5EDT,M3.2.0"));
	ck_assert_ptr_null(tz_posix(a, "EST5EDT,M3.2.0,M11.1.0x"));
	ck_assert_ptr_null(tz_posix(a, "EST25"));
	arena_free(a);
}
END_TEST

/* Local time to UTC: once, twice (the first), never (the offset before). */
START_TEST(test_local)
{
	struct arena *a = arena_new();
	const struct tz *ny = tz_posix(a, "EST5EDT,M3.2.0,M11.1.0");
	const struct tz *bkk = tz_posix(a, "<+07>-7");

	ck_assert_int_eq(tz_utc(ny, utc(2026, 7, 1, 12, 0, 0)),
	    utc(2026, 7, 1, 16, 0, 0));
	ck_assert_int_eq(tz_utc(ny, utc(2026, 12, 5, 23, 30, 0)),
	    utc(2026, 12, 6, 4, 30, 0));
	ck_assert_int_eq(tz_utc(ny, utc(2026, 3, 8, 2, 30, 0)),
	    utc(2026, 3, 8, 7, 30, 0));
	ck_assert_int_eq(tz_utc(ny, utc(2026, 3, 8, 1, 59, 59)),
	    utc(2026, 3, 8, 6, 59, 59));
	ck_assert_int_eq(tz_utc(ny, utc(2026, 3, 8, 3, 0, 0)),
	    utc(2026, 3, 8, 7, 0, 0));
	ck_assert_int_eq(tz_utc(ny, utc(2026, 11, 1, 1, 30, 0)),
	    utc(2026, 11, 1, 5, 30, 0));
	ck_assert_int_eq(tz_utc(ny, utc(2026, 11, 1, 2, 0, 0)),
	    utc(2026, 11, 1, 7, 0, 0));
	ck_assert_int_eq(tz_utc(bkk, utc(2026, 12, 6, 11, 30, 0)),
	    utc(2026, 12, 6, 4, 30, 0));
	arena_free(a);
}
END_TEST

/* The system's files agree with the rules, and beyond their tables. */
START_TEST(test_zoneinfo)
{
	static const struct {
		int		 y, mo, d, h, mi, s;
		long		 offset;
	} ny[] = {
		{ 1990, 4, 1, 6, 59, 59, -18000 }, { 1990, 4, 1, 7, 0, 0,
		  -14400 },
		{ 2026, 3, 8, 6, 59, 59, -18000 }, { 2026, 3, 8, 7, 0, 0,
		  -14400 },
		{ 2026, 11, 1, 5, 59, 59, -14400 }, { 2026, 11, 1, 6, 0, 0,
		  -18000 },
		{ 2026, 12, 6, 4, 30, 0, -18000 },
		{ 2100, 7, 1, 0, 0, 0, -14400 }, { 2100, 12, 1, 0, 0, 0,
		  -18000 },
		{ 2500, 7, 1, 0, 0, 0, -14400 },
	};
	struct arena *a = arena_new();
	const struct tz *z;
	char why[256];
	size_t i;

	z = tz_load(a, "America/New_York", why, sizeof(why));
	ck_assert_msg(z != NULL, "America/New_York: %s", why);
	ck_assert_str_eq(tz_name(z), "America/New_York");
	for (i = 0; i < NELEM(ny); i++)
		ck_assert_msg(tz_offset(z, utc(ny[i].y, ny[i].mo, ny[i].d,
		    ny[i].h, ny[i].mi, ny[i].s)) == ny[i].offset, "New York, "
		    "%04d-%02d-%02d %02d:%02d", ny[i].y, ny[i].mo, ny[i].d,
		    ny[i].h, ny[i].mi);
	ck_assert_int_eq(tz_utc(z, utc(2026, 3, 8, 2, 30, 0)),
	    utc(2026, 3, 8, 7, 30, 0));
	z = tz_load(a, "Asia/Bangkok", why, sizeof(why));
	ck_assert_msg(z != NULL, "Asia/Bangkok: %s", why);
	ck_assert_int_eq(tz_offset(z, utc(2026, 12, 6, 0, 0, 0)), 25200);
	ck_assert_int_eq(tz_offset(z, utc(1950, 1, 1, 0, 0, 0)), 25200);
	z = tz_load(a, "Australia/Sydney", why, sizeof(why));
	ck_assert_msg(z != NULL, "Australia/Sydney: %s", why);
	ck_assert_int_eq(tz_offset(z, utc(2026, 4, 4, 16, 0, 0)), 36000);
	ck_assert_int_eq(tz_offset(z, utc(2030, 1, 1, 0, 0, 0)), 39600);
	z = tz_load(a, "UTC", why, sizeof(why));
	ck_assert_msg(z != NULL, "UTC: %s", why);
	ck_assert_int_eq(tz_offset(z, utc(2026, 12, 6, 0, 0, 0)), 0);
	arena_free(a);
}
END_TEST

START_TEST(test_zone_names)
{
	static const char *const bad[] = {
		"", "/etc/localtime", "../etc/passwd", "Asia/../../etc/passwd",
		"Asia//Bangkok", "Asia/Bangkok/", "Asia/./Bangkok",
		"Asia/Bang kok", "Eastern Standard Time", "Asia/Bangkok\n",
	};
	struct arena *a = arena_new();
	char why[256];
	size_t i;

	for (i = 0; i < NELEM(bad); i++) {
		ck_assert_ptr_null(tz_load(a, bad[i], why, sizeof(why)));
		ck_assert_str_eq(why, "not a time zone name, as Asia/Bangkok "
		    "is");
	}
	ck_assert_ptr_null(tz_load(a, "Mars/Olympus_Mons", why, sizeof(why)));
	ck_assert_str_eq(why, "no such zone in /usr/share/zoneinfo");
	/* a file of the database that is no zone */
	if (access("/usr/share/zoneinfo/zone.tab", R_OK) == 0) {
		ck_assert_ptr_null(tz_load(a, "zone.tab", why, sizeof(why)));
		ck_assert_str_eq(why, "/usr/share/zoneinfo/zone.tab: not a "
		    "TZif file");
	}
	arena_free(a);
}
END_TEST

/* A timeline's times move into the zone too. */
START_TEST(test_timeline_tz)
{
	static const char doc[] = "<?xml version=\"1.0\"?>\n"
	    "<timeline version=\"1\"><title>T</title>\n"
	    "<event when=\"2026-12-05T23:30:00-05:00\"><p>a</p></event>\n"
	    "<event when=\"2026-12-06T09:00\"><p>b</p></event>\n"
	    "<event when=\"2026-12-06T09:00Z/2026-12-06T08:00Z\"><p>c</p>"
	    "</event>\n"
	    "<event when=\"2026-12-06T25:00\"><p>d</p></event>\n"
	    "</timeline>\n";
	enum tl_status st;
	char *out = test_doc(doc, 0, &st);

	ck_assert_int_eq(st, TL_EINPUT);
	ck_assert_str_eq(out, "t.xml:5:32: error: bad date in when: "
	    "\"2026-12-06T09:00Z/2026-12-06T08:00Z\": interval ends before it "
	    "starts\n"
	    "t.xml:6:25: error: bad date in when: \"2026-12-06T25:00\": hour 25 "
	    "out of range 00-23\n");
	free(out);
}
END_TEST

/* meta/date stays a day: a time there is refused in the reader's words. */
START_TEST(test_meta_date)
{
	static const char doc[] = "<?xml version=\"1.0\"?>\n"
	    "<timeline version=\"1\"><title>T</title>\n"
	    "<meta><date>2023-09-12T10:00</date></meta>\n"
	    "<event when=\"2023-09-12T10:00\"><p>a</p></event>\n"
	    "</timeline>\n";
	enum tl_status st;
	char *out = test_doc(doc, 0, &st);

	ck_assert_int_eq(st, TL_EINPUT);
	ck_assert_str_eq(out, "t.xml:3:7: error: bad date: expected "
	    "YYYY-MM-DD: \"2023-09-12T10:00\"\n");
	free(out);
}
END_TEST

/* The document's zone (tl_opts.tz) decides the day of a time. */
START_TEST(test_opts_tz)
{
	static const char doc[] = "<?xml version=\"1.0\"?>\n"
	    "<timeline version=\"1\"><title>T</title>\n"
	    "<event when=\"2026-12-05T23:30:00-05:00\"><p>late in New York"
	    "</p></event>\n"
	    "<event when=\"2026-12-06T08:00:00+07:00\"><p>morning in Bangkok"
	    "</p></event>\n"
	    "<event when=\"2026-12-06T06:00\"><p>local</p></event>\n"
	    "</timeline>\n";
	static const struct {
		const char	*tz;
		enum tl_status	 st;
		const char	*out;
	} cases[] = {
		{ NULL, TL_OK,
		  "2026-12-06T06:00\t6 ธันวาคม 2026\tlocal\n"
		  "2026-12-06T08:00:00+07:00\t6 ธันวาคม 2026\tmorning in Bangkok\n"
		  "2026-12-05T23:30:00-05:00\t6 ธันวาคม 2026\tlate in New York\n" },
		{ "America/New_York", TL_OK,
		  "2026-12-06T08:00:00+07:00\t5 ธันวาคม 2026\tmorning in Bangkok\n"
		  "2026-12-05T23:30:00-05:00\t5 ธันวาคม 2026\tlate in New York\n"
		  "2026-12-06T06:00\t6 ธันวาคม 2026\tlocal\n" },
		{ "Mars/Olympus_Mons", TL_ESYSTEM,
		  "briefing: error: cannot access file: time zone "
		  "\"Mars/Olympus_Mons\": no such zone in /usr/share/zoneinfo\n" },
		{ "../../etc/passwd", TL_ESYSTEM,
		  "briefing: error: cannot access file: time zone "
		  "\"../../etc/passwd\": not a time zone name, as Asia/Bangkok "
		  "is\n" },
	};
	struct tl_opts o;
	struct tl_doc *d;
	enum tl_status st;
	char *out = NULL;
	size_t len = 0, i;
	FILE *mem;

	for (i = 0; i < NELEM(cases); i++) {
		mem = open_memstream(&out, &len);
		ck_assert_ptr_nonnull(mem);
		memset(&o, 0, sizeof(o));
		o.diag = mem;
		o.tz = cases[i].tz;
		d = tl_doc_new(&o);
		st = tl_doc_read_mem(d, "t.xml", doc, strlen(doc));
		if (st == TL_OK)
			st = tl_doc_dump(d, mem);
		tl_doc_free(d);
		fclose(mem);
		ck_assert_msg(st == cases[i].st, "%s: status %d", cases[i].tz,
		    st);
		ck_assert_str_eq(out, cases[i].out);
		free(out);
	}
}
END_TEST

Suite *
tz_suite(void)
{
	Suite *s = suite_create("tz");
	TCase *tc;

	tc = tcase_create("zones");
	tcase_add_test(tc, test_days);
	tcase_add_test(tc, test_rules);
	tcase_add_test(tc, test_local);
	tcase_add_test(tc, test_zoneinfo);
	tcase_add_test(tc, test_zone_names);
	tcase_add_test(tc, test_timeline_tz);
	tcase_add_test(tc, test_meta_date);
	tcase_add_test(tc, test_opts_tz);
	suite_add_tcase(s, tc);
	return s;
}
