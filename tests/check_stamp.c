/*
 * check_stamp.c - the timestamps of feeds (stamp.c): RFC 822 dates in
 * all the forms RFC 2822 reads, each refusal with its message and
 * column, and iCalendar durations.
 */
#include <string.h>

#include <check.h>

#include "input/input.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* Seconds since 1970 of a UTC date and time. */
static long long
utc(int y, int mo, int d, int h, int mi, int s)
{
	return tz_days(y, mo, d) * 86400 + h * 3600LL + mi * 60 + s;
}

static const struct {
	const char	*in;
	int		 y, mo, d, h, mi, s;	/* the instant, in UTC */
	long		 offset;
	unsigned	 flags;
} r822[] = {
	{ "Sat, 05 Dec 2026 23:30:00 -0500", 2026, 12, 6, 4, 30, 0, -18000,
	  0 },
	{ "Sat, 5 Dec 2026 09:00 EST", 2026, 12, 5, 14, 0, 0, -18000, 0 },
	{ "5 Dec 2026 09:00:00 EDT", 2026, 12, 5, 13, 0, 0, -14400, 0 },
	{ "Sat, 05 Dec 2026 09:00:00 CST", 2026, 12, 5, 15, 0, 0, -21600, 0 },
	{ "Sat, 05 Dec 2026 09:00:00 CDT", 2026, 12, 5, 14, 0, 0, -18000, 0 },
	{ "Sat, 05 Dec 2026 09:00:00 MST", 2026, 12, 5, 16, 0, 0, -25200, 0 },
	{ "Sat, 05 Dec 2026 09:00:00 MDT", 2026, 12, 5, 15, 0, 0, -21600, 0 },
	{ "Sat, 05 Dec 2026 09:00:00 PST", 2026, 12, 5, 17, 0, 0, -28800, 0 },
	{ "Sat, 05 Dec 2026 09:00:00 PDT", 2026, 12, 5, 16, 0, 0, -25200, 0 },
	{ "Sat, 05 Dec 2026 09:00:00 GMT", 2026, 12, 5, 9, 0, 0, 0, 0 },
	{ "Sat, 05 Dec 2026 09:00:00 UT", 2026, 12, 5, 9, 0, 0, 0, 0 },
	{ "Sat, 05 Dec 2026 09:00:00 Z", 2026, 12, 5, 9, 0, 0, 0, 0 },
	{ "Sat, 05 Dec 2026 09:00:00 +0700", 2026, 12, 5, 2, 0, 0, 25200, 0 },
	{ "Sat, 05 Dec 2026 09:00:00 +0530", 2026, 12, 5, 3, 30, 0, 19800,
	  0 },
	{ "Sat, 05 Dec 2026 09:00:00 -0000", 2026, 12, 5, 9, 0, 0, 0, 0 },
	/* any case; white space and comments where a space may go */
	{ "sat, 05 dec 2026 09:00:00 gmt", 2026, 12, 5, 9, 0, 0, 0, 0 },
	{ "SAT, 05 DEC 2026 09:00:00 z", 2026, 12, 5, 9, 0, 0, 0, 0 },
	{ "Sat,05 Dec 2026 09:00:00 +0000", 2026, 12, 5, 9, 0, 0, 0, 0 },
	{ " \tSat , 05  Dec\n 2026 09:00:00 CST (Central) ", 2026, 12, 5, 15,
	  0, 0, -21600, 0 },
	{ "Sat, 05 Dec 2026 (a (nested) comment) 09:00 GMT", 2026, 12, 5, 9,
	  0, 0, 0, 0 },
	/* two digits: 00-49 are 2000-2049, 50-99 1900-1999; three: 1900+ */
	{ "Sat, 05 Dec 26 09:00:00 GMT", 2026, 12, 5, 9, 0, 0, 0, 0 },
	{ "Tue, 05 Dec 50 09:00:00 GMT", 1950, 12, 5, 9, 0, 0, 0, 0 },
	{ "Fri, 31 Dec 49 23:00:00 GMT", 2049, 12, 31, 23, 0, 0, 0, 0 },
	{ "Mon, 05 Dec 049 09:00:00 GMT", 1949, 12, 5, 9, 0, 0, 0, 0 },
	{ "Tue, 29 Feb 2028 12:00:00 +0000", 2028, 2, 29, 12, 0, 0, 0, 0 },
	/* a leap second runs into the next minute */
	{ "Thu, 31 Dec 1998 23:59:60 +0000", 1999, 1, 1, 0, 0, 0, 0, 0 },
	/* RFC 2822, 4.3: military letters but Z are -0000 */
	{ "Sat, 05 Dec 2026 09:00:00 A", 2026, 12, 5, 9, 0, 0, 0,
	  STAMP_ZONE_UNKNOWN },
	{ "Sat, 05 Dec 2026 09:00:00 y", 2026, 12, 5, 9, 0, 0, 0,
	  STAMP_ZONE_UNKNOWN },
	/* the date wins over a day of the week that does not fit it */
	{ "Fri, 05 Dec 2026 09:00:00 GMT", 2026, 12, 5, 9, 0, 0, 0,
	  STAMP_WDAY },
};

START_TEST(test_822)
{
	struct stamp st;
	char err[200];
	int col = 0;

	ck_assert_msg(stamp_822(r822[_i].in, &st, err, sizeof(err), &col) ==
	    0, "\"%s\": %d: %s", r822[_i].in, col, err);
	ck_assert_msg(st.utc == utc(r822[_i].y, r822[_i].mo, r822[_i].d,
	    r822[_i].h, r822[_i].mi, r822[_i].s), "\"%s\": %lld", r822[_i].in,
	    st.utc);
	ck_assert_int_eq(st.offset, r822[_i].offset);
	ck_assert_uint_eq(st.flags, r822[_i].flags);
	if (st.flags & STAMP_WDAY)
		ck_assert_int_eq(st.wday_at, 0);
}
END_TEST

static const struct {
	const char	*in;
	int		 col;
	const char	*msg;
} bad822[] = {
	{ "", 1, "empty date" },
	{ "  ", 3, "empty date" },
	{ "Sa, 05 Dec 2026 09:00:00 GMT", 1, "unknown day of the week \"Sa\": "
	  "expected Mon, Tue, Wed, Thu, Fri, Sat or Sun" },
	{ "Saturday, 05 Dec 2026 09:00:00 GMT", 1, "unknown day of the week "
	  "\"Saturday\": expected Mon, Tue, Wed, Thu, Fri, Sat or Sun" },
	{ "Sat 05 Dec 2026 09:00:00 GMT", 5, "unexpected \"0\": expected "
	  "\",\" after the day of the week" },
	{ "Sat, Dec 05 2026 09:00:00 GMT", 6, "unexpected \"D\": expected a "
	  "day of the month" },
	{ "Sat, 005 Dec 2026 09:00:00 GMT", 6, "day must have 1 or 2 "
	  "digits" },
	{ "Sat, 05 Dez 2026 09:00:00 GMT", 9, "unknown month \"Dez\": "
	  "expected Jan, Feb, Mar, Apr, May, Jun, Jul, Aug, Sep, Oct, Nov or "
	  "Dec" },
	{ "Sat, 05 December 2026 09:00:00 GMT", 9, "unknown month "
	  "\"December\": expected Jan, Feb, Mar, Apr, May, Jun, Jul, Aug, "
	  "Sep, Oct, Nov or Dec" },
	{ "Sat, 05 12 2026 09:00:00 GMT", 9, "unexpected \"1\": expected a "
	  "month: Jan, Feb ... Dec" },
	{ "Sat, 05 Dec 2 09:00 GMT", 13, "year must have 4 digits (or 2)" },
	{ "Sat, 05 Dec 20266 09:00 GMT", 13, "year must have 4 digits (or "
	  "2)" },
	{ "Sat, 31 Nov 2026 09:00 GMT", 6, "day 31 does not exist in "
	  "2026-11" },
	{ "Sun, 29 Feb 2026 09:00 GMT", 6, "day 29 does not exist in "
	  "2026-02" },
	{ "Sat, 00 Dec 2026 09:00 GMT", 6, "day 0 does not exist in "
	  "2026-12" },
	{ "Sat, 05 Dec 2026", 17, "expected a time hh:mm or hh:mm:ss" },
	{ "Sat, 05 Dec 2026 9:00 GMT", 18, "expected a time hh:mm or "
	  "hh:mm:ss" },
	{ "Sat, 05 Dec 2026 0900 GMT", 18, "expected a time hh:mm or "
	  "hh:mm:ss" },
	{ "Sat, 05 Dec 2026 09:00:0 GMT", 24, "expected 2 digits of "
	  "seconds" },
	{ "Sat, 05 Dec 2026 24:00 GMT", 18, "hour 24 out of range 00-23" },
	{ "Sat, 05 Dec 2026 09:60 GMT", 21, "minute 60 out of range 00-59" },
	{ "Sat, 05 Dec 2026 09:00:61 GMT", 24, "second 61 out of range "
	  "00-60" },
	{ "Sat, 05 Dec 2026 09:00", 23, "missing time zone: expected +hhmm, "
	  "-hhmm, UT, GMT, EST, EDT, CST, CDT, MST, MDT, PST, PDT or a "
	  "military letter" },
	{ "Sat, 05 Dec 2026 09:00 +700", 24, "expected a zone +hhmm or "
	  "-hhmm" },
	{ "Sat, 05 Dec 2026 09:00 +07:00", 24, "expected a zone +hhmm or "
	  "-hhmm" },
	{ "Sat, 05 Dec 2026 09:00 +0760", 27, "zone minutes 60 out of range "
	  "00-59" },
	{ "Sat, 05 Dec 2026 09:00 ICT", 24, "unknown time zone \"ICT\": "
	  "expected +hhmm, -hhmm, UT, GMT, EST, EDT, CST, CDT, MST, MDT, PST, "
	  "PDT or a military letter" },
	{ "Sat, 05 Dec 2026 09:00 J", 24, "unknown time zone \"J\": expected "
	  "+hhmm, -hhmm, UT, GMT, EST, EDT, CST, CDT, MST, MDT, PST, PDT or a "
	  "military letter" },
	{ "Sat, 05 Dec 2026 09:00 GMT x", 28, "unexpected \"x\": expected the "
	  "end of the date after its time zone" },
	{ "Sat, 05 Dec 2026 09:00 GMT (open", 28, "comment not closed" },
	{ "2026-12-05T09:00:00Z", 1, "an ISO 8601 date: expected RFC 822, as "
	  "Sat, 05 Dec 2026 19:05:00 +0000" },
	{ "Sat, ๐๕ Dec 2026 09:00 GMT", 6, "unexpected \"๐\": expected a day "
	  "of the month" },
};

START_TEST(test_822_bad)
{
	struct stamp st;
	char err[200];
	int col = 0;

	ck_assert_msg(stamp_822(bad822[_i].in, &st, err, sizeof(err), &col) ==
	    -1, "\"%s\" accepted", bad822[_i].in);
	ck_assert_str_eq(err, bad822[_i].msg);
	ck_assert_msg(col == bad822[_i].col, "\"%s\": column %d, want %d",
	    bad822[_i].in, col, bad822[_i].col);
}
END_TEST

START_TEST(test_duration)
{
	static const struct {
		const char	*in;
		long		 days, secs;
	} ok[] = {
		{ "P1D", 1, 0 }, { "P2W", 14, 0 }, { "PT1H30M", 0, 5400 },
		{ "P1DT2H", 1, 7200 }, { "-P1D", -1, 0 }, { "+PT45S", 0, 45 },
		{ "P1W2DT1H1M1S", 9, 3661 },
	};
	static const struct {
		const char	*in;
		int		 col;
		const char	*msg;
	} bad[] = {
		{ "1D", 1, "unexpected \"1\": expected P to start a duration "
		  "(P1D, PT2H30M)" },
		{ "P", 2, "empty duration: expected P1D, PT2H30M and the "
		  "like" },
		{ "PT", 3, "empty duration: expected P1D, PT2H30M and the "
		  "like" },
		{ "P1H", 3, "unexpected \"H\": expected W or D after a number "
		  "(T before hours)" },
		{ "PT1D", 4, "unexpected \"D\": expected H, M or S after a "
		  "number" },
		{ "P1D2W", 5, "unexpected \"W\": expected W or D after a number "
		  "(T before hours)" },
		{ "PT1M1H", 6, "unexpected \"H\": expected H, M or S after a "
		  "number" },
		{ "P1", 3, "unexpected end of date: expected W or D after a "
		  "number (T before hours)" },
	};
	long d, s;
	char err[160];
	int col;
	size_t i;

	for (i = 0; i < NELEM(ok); i++) {
		ck_assert_msg(stamp_duration(ok[i].in, &d, &s, err,
		    sizeof(err), &col) == 0, "%s: %s", ok[i].in, err);
		ck_assert_int_eq(d, ok[i].days);
		ck_assert_int_eq(s, ok[i].secs);
	}
	for (i = 0; i < NELEM(bad); i++) {
		ck_assert_msg(stamp_duration(bad[i].in, &d, &s, err,
		    sizeof(err), &col) == -1, "%s accepted", bad[i].in);
		ck_assert_str_eq(err, bad[i].msg);
		ck_assert_msg(col == bad[i].col, "%s: column %d, want %d",
		    bad[i].in, col, bad[i].col);
	}
}
END_TEST

Suite *
stamp_suite(void)
{
	Suite *s = suite_create("stamp");
	TCase *tc;

	tc = tcase_create("rfc822");
	tcase_add_loop_test(tc, test_822, 0, NELEM(r822));
	tcase_add_loop_test(tc, test_822_bad, 0, NELEM(bad822));
	tcase_add_test(tc, test_duration);
	suite_add_tcase(s, tc);
	return s;
}
