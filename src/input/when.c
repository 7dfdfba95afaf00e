/*
 * when.c - EDTF dates (docs/format.md, "Dates"): parse an event's `when`
 * and the meta/date day, compute the sort keys, print a date in Thai or
 * English, Common or Buddhist Era, Arabic or Thai digits. The reader
 * parses and sorts with it, layout prints with it. Nothing here allocates
 * or keeps state.
 *
 * Accepted (anything else is an error with a message and a column):
 *
 *	YYYY  YYYY-MM  YYYY-MM-DD	years 0000-9999, real Gregorian dates
 *	YYYX  YYXX			decade, century (X only in the year)
 *	point~  point?  point%		approximate, uncertain, both (one only)
 *	A/B  A/..  ../B			intervals; not ../.., not ending before
 *					its start
 *	YYYY-MM-DDThh:mm[:ss]		a time of day, in the document's zone,
 *	...Z  ...+hh:mm  ...-hh:mm	or at an offset from UTC; no qualifier
 *
 * Sort keys are YYYYMMDD numbers: key_start is the earliest day the value
 * can start on, key_end the latest day it can end on. 197X gives
 * 19700101..19791231, 1950-06 gives 19500601..19500630. Qualifiers do not
 * widen the range: they say how sure the source is, not which days count.
 * A time adds tod_start and tod_end, seconds into those days, so that a
 * day's times sort after the day and among themselves.  when_parse takes
 * the days and times as written; when_zone moves them into the
 * document's zone (tz.c), whose days the keys and the printed date then
 * follow.  The time itself is printed only when the format asks for it
 * (times, below).
 *
 * Printed forms, Thai (th) and English (en), Common Era:
 *
 *	1950-06-25	25 มิถุนายน 1950	25 June 1950
 *	1950-06		มิถุนายน 1950		June 1950
 *	1950		1950			1950
 *	197X		ทศวรรษ 1970		1970s
 *	19XX		คริสต์ศตวรรษที่ 20	20th century
 *
 * Abbreviated months: 25 มิ.ย. 1950, 25 Jun 1950 (English with no period).
 *
 * Buddhist Era adds 543 to the year, but before 1941, when the Thai year
 * began on 1 April, 542 to a day in January to March (when_eyear).  The
 * era is named only where the text is a bare year or a range of years, as
 * Thai official usage does ("25 มิถุนายน 2493" needs no พ.ศ.); English
 * follows the same rule so both carry the same information. Thai puts
 * "พ.ศ." before, English puts "BE" after. A BE decade or century is
 * printed as the BE years of its first and last days, because BE decades
 * do not line up with CE ones; so is a year before 1941, which overlaps
 * two BE years and does not say which: both are printed, with a slash.
 * An interval of years runs from its first day's BE year to its last's.
 * CE prints no era. BE:
 *
 *	1950		พ.ศ. 2493		2493 BE
 *	1950-06-25	25 มิถุนายน 2493	25 June 2493
 *	197X		พ.ศ. 2513–2522		2513–2522 BE
 *	19XX		พ.ศ. 2442–2542		2442–2542 BE
 *	1904-03-01	1 มีนาคม 2446		1 March 2446
 *	1904-04-01	1 เมษายน 2447		1 April 2447
 *	1904		พ.ศ. 2446/2447		2446/2447 BE
 *	1904/1910	พ.ศ. 2446–2453		2446–2453 BE
 *
 * Qualifiers: ~ puts "ราว " (en "c. ") in front of the whole point, era
 * included; ? puts " (ไม่แน่ชัด)" (en "?") after it, after the brackets
 * of a range in an interval; % does both.  A bare "?" is not Thai usage:
 *
 *	1955~		ราว 1955		c. 1955
 *	1955?		1955 (ไม่แน่ชัด)		1955?
 *	1955%		ราว 1955 (ไม่แน่ชัด)	c. 1955?
 *	1955% in BE	ราว พ.ศ. 2498 (ไม่แน่ชัด)	c. 2498 BE?
 *	197X~		ราว ทศวรรษ 1970		c. 1970s
 *
 * Intervals use an EN DASH (U+2013), first in these forms when both ends
 * are unqualified:
 *
 *	1945/1948		1945–1948 (BE: พ.ศ. 2488–2491, 2488–2491 BE)
 *	1950-06-25/1950-06-27	25–27 มิถุนายน 1950, 25–27 June 1950
 *	1950-06-25/1950-07-27	25 มิถุนายน – 27 กรกฎาคม 1950
 *	1950-06/1950-08		มิถุนายน–สิงหาคม 1950, June–August 1950
 *	1950/1950		1950 (equal ends print once)
 *
 * otherwise each end is printed as above and joined by "–", or by " – "
 * when either end contains a space:
 *
 *	1950-06-25/1953-07-27	25 มิถุนายน 1950 – 27 กรกฎาคม 1953
 *	1955~/196X		ราว 1955 – ทศวรรษ 1960, c. 1955 – 1960s
 *	195X/196X		1950s–1960s
 *
 * A BE decade or century at either end is put in parentheses so its own
 * dash is not read as the interval's.  The era is named once an interval,
 * before its first end in Thai, after its last in English: 1955~/196X in
 * BE is "ราว พ.ศ. 2498 – (2503–2512)", "c. 2498 – (2503–2512 BE)".
 * Open intervals:
 *
 *	1991/..			ตั้งแต่ 1991, from 1991
 *	../1991			จนถึง 1991, until 1991
 *	1991~/.. in BE		ตั้งแต่ ราว พ.ศ. 2534, from c. 2534 BE
 *
 * With times (the style's choice), a day that has one is followed by
 * its hours and minutes in the zone's local time (after when_zone),
 * without seconds: Thai writes them with a period and "น.", English with
 * a colon. Two times of one day share the day and "น."; otherwise each
 * end is printed whole:
 *
 *	2026-12-05T19:05	5 ธ.ค. 2026 19.05 น.	5 Dec 2026 19:05
 *	...T19:00/...T21:30	5 ธ.ค. 2026 19.00–21.30 น.
 *	...05T21:00/...06T03:00	5 ธ.ค. 2026 21.00 น. – 6 ธ.ค. 2026 03.00 น.
 *	2026-12-05/...06T03:00	5 ธ.ค. 2026 – 6 ธ.ค. 2026 03.00 น.
 *
 * Ends that print the same (19:05:00/19:05:30) print once.
 *
 * English centuries count 1900-1999 (19XX) as the 20th: 1st, 2nd, 3rd,
 * 11th, 12th, 13th, 21st. when_format_point prints one point the same way
 * (the meta/date day in footers); an open point alone prints as "".
 *
 * Thai digits (U+0E50..U+0E59) replace every ASCII digit of the result:
 * "๒๕ มิถุนายน ๒๔๙๓". Years print without leading zeros ("0045" is 45).
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "input.h"

#define WHEN_BE_OFFSET	543
#define WHEN_BE_JANUARY	1941	/* the first BE year to begin in January */
#define WHEN_TMP	512	/* longest text is under 200 bytes */

/* Parser state: the input and where the message goes. */
struct when_st {
	const char	*s;		/* (borrowed) the whole input */
	char		*err;		/* (borrowed) may be NULL */
	size_t		 errlen;
	int		*errcol;	/* (borrowed) may be NULL */
	int		 slash;		/* s holds a '/': .. is allowed */
	int		 day_only;	/* when_parse_day: YYYY-MM-DD only */
	const char	*expect;	/* message for a bad start of a point */
};

/* Output buffer: counts what it needs, writes whole characters only. */
struct when_buf {
	char		*p;		/* (borrowed) may be NULL if n is 0 */
	size_t		 n;
	size_t		 used;		/* bytes written, without the NUL */
	size_t		 len;		/* bytes needed, without the NUL */
	int		 full;		/* stop writing: keep text contiguous */
};

static const char *const when_th_full[12] = {
	"มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
	"กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"
};
static const char *const when_th_abbr[12] = {
	"ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
	"ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."
};
static const char *const when_en_full[12] = {
	"January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December"
};
static const char *const when_en_abbr[12] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};

static const struct when_fmt when_fmt_default = {
	WHEN_TH, WHEN_CE, WHEN_ARABIC, 0, 0
};

/* ASCII only: <ctype.h> would follow the locale and take no plain char. */
static int
when_isdigit(char c)
{
	return c >= '0' && c <= '9';
}

static int
when_isqual(char c)
{
	return c == '~' || c == '?' || c == '%';
}

static int
when_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
when_mdays(int y, int m)
{
	static const int mdays[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (m < 1 || m > 12)
		return 31;
	return m == 2 && when_leap(y) ? 29 : mdays[m - 1];
}

/*
 * Length of the UTF-8 character at s and its code point, or 0 if the bytes
 * are not one (overlong, surrogate, cut short, beyond U+10FFFF).
 */
static size_t
when_utf8(const char *str, unsigned long *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t len, i;
	unsigned long c, min;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	} else if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		len = 2;
		c = s[0] & 0x1F;
		min = 0x80;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		len = 3;
		c = s[0] & 0x0F;
		min = 0x800;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		len = 4;
		c = s[0] & 0x07;
		min = 0x10000;
	} else
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

/* Columns count characters, so a stray Thai letter moves them by one. */
static int
when_column(const char *s, size_t pos)
{
	size_t i;
	int col = 1;

	for (i = 0; i < pos && s[i] != '\0'; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			col++;
	return col;
}

/* Drop a character that snprintf cut in two at the end of s. */
static void
when_trim_utf8(char *s, size_t len)
{
	size_t i = len;
	unsigned long cp;

	while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
		i--;
	if (i > 0 && (unsigned char)s[i - 1] >= 0x80 &&
	    when_utf8(s + i - 1, &cp) == 0)
		s[i - 1] = '\0';
}

static int
when_fail(struct when_st *st, size_t pos, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Report a problem at byte pos of the input; always returns -1. */
static int
when_fail(struct when_st *st, size_t pos, const char *fmt, ...)
{
	va_list ap;
	int r;

	if (st->err != NULL && st->errlen > 0) {
		va_start(ap, fmt);
		r = vsnprintf(st->err, st->errlen, fmt, ap);
		va_end(ap);
		if (r < 0)
			st->err[0] = '\0';
		else if ((size_t)r >= st->errlen)
			when_trim_utf8(st->err, st->errlen - 1);
	}
	if (st->errcol != NULL)
		*st->errcol = when_column(st->s, pos);
	return -1;
}

/*
 * A character that does not belong at pos. White space, Thai digits and
 * invisible characters get their own words, since they are what a writer
 * cannot see or did not mean; expect (may be NULL) covers other ASCII.
 */
static int
when_bad(struct when_st *st, size_t pos, const char *expect)
{
	const char *s = st->s + pos;
	unsigned char c = (unsigned char)*s;
	unsigned long cp;
	size_t len;

	if (c == '\0')
		return when_fail(st, pos, "%s",
		    expect != NULL ? expect : "unexpected end of date");
	if (c == ' ')
		return when_fail(st, pos, "unexpected space");
	if (c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f')
		return when_fail(st, pos, "unexpected white space");
	if (c < 0x20 || c == 0x7F)
		return when_fail(st, pos, "unexpected control character");
	if (c < 0x80)
		return expect != NULL ? when_fail(st, pos, "%s", expect) :
		    when_fail(st, pos, "unexpected \"%c\"", c);
	if ((len = when_utf8(s, &cp)) == 0)
		return when_fail(st, pos, "invalid UTF-8");
	if (cp >= 0x0E50 && cp <= 0x0E59)
		return when_fail(st, pos, "use digits 0-9, not Thai digits");
	return when_fail(st, pos, "unexpected \"%.*s\" (U+%04lX)",
	    (int)len, s, cp);
}

/*
 * The 2-digit month or day after the '-' at byte dash. Sets *v and *end
 * (the byte after the field).
 */
static int
when_field(struct when_st *st, size_t dash, int isday, int *v, size_t *end)
{
	const char *s = st->s;
	const char *name = isday ? "day" : "month";
	size_t i = dash + 1, q;

	for (q = i; when_isdigit(s[q]) || s[q] == 'X' || s[q] == 'x'; q++)
		if (s[q] == 'X' || s[q] == 'x')
			return when_fail(st, q,
			    "X is allowed only in the year");
	if (q == i) {
		if (s[i] == '\0' || s[i] == '/' || when_isqual(s[i]))
			return when_fail(st, dash, "missing %s after -", name);
		return when_bad(st, i, isday ? "expected a 2-digit day" :
		    "expected a 2-digit month");
	}
	if (q - i != 2)
		return when_fail(st, i, "%s must have 2 digits", name);
	*v = (s[i] - '0') * 10 + (s[i + 1] - '0');
	*end = q;
	return 0;
}

/* The 4-character year at byte i: digits, then at most two X. */
static int
when_year(struct when_st *st, size_t i, struct when_point *p, size_t *end)
{
	const char *s = st->s;
	size_t q, k, nx = 0;
	int y = 0;

	for (q = i; when_isdigit(s[q]) || s[q] == 'X' || s[q] == 'x'; q++)
		if (s[q] == 'x')
			return when_fail(st, q,
			    "use upper-case X for an unspecified digit");
	if (q == i)
		return when_bad(st, i, st->expect);
	if (q - i != 4)
		return when_fail(st, i, "year must have 4 digits");
	for (k = 0; k < 4; k++) {
		if (s[i + k] == 'X') {
			if (st->day_only)
				return when_fail(st, i + k, "%s", st->expect);
			/* 1X70 or 19X5 leave nothing sensible to sort by */
			if (k < 2)
				return when_fail(st, i + k, "X may replace "
				    "only the last one or two digits of the "
				    "year");
			nx++;
			y *= 10;
		} else if (nx > 0)
			return when_fail(st, i + k - nx, "X may replace "
			    "only the last one or two digits of the year");
		else
			y = y * 10 + (s[i + k] - '0');
	}
	p->year = y;
	p->prec = nx == 0 ? WHEN_YEAR : nx == 1 ? WHEN_DECADE : WHEN_CENTURY;
	*end = q;
	return 0;
}

/* The value of the two digits at s, or -1 when they are not two digits. */
static int
when_two(const char *s)
{
	if (!when_isdigit(s[0]) || !when_isdigit(s[1]))
		return -1;
	return (s[0] - '0') * 10 + (s[1] - '0');
}

/*
 * The time after the T at byte t: hh:mm or hh:mm:ss, then Z, +hh:mm,
 * -hh:mm or nothing.  Sets *end to the byte after it.
 */
static int
when_time(struct when_st *st, size_t t, struct when_point *p, size_t *end)
{
	static const char expect[] = "expected a time hh:mm or hh:mm:ss "
	    "after T";
	const char *s = st->s;
	size_t i = t + 1;
	int v, sign;

	if ((v = when_two(s + i)) < 0)
		return when_bad(st, i, expect);
	if (v > 23)
		return when_fail(st, i, "hour %.2s out of range 00-23", s + i);
	p->hour = v;
	if (s[i += 2] != ':' || (v = when_two(s + i + 1)) < 0)
		return when_bad(st, s[i] == ':' ? i + 1 : i, expect);
	if (v > 59)
		return when_fail(st, i + 1, "minute %.2s out of range 00-59",
		    s + i + 1);
	p->min = v;
	i += 3;
	if (s[i] == ':') {
		if ((v = when_two(s + i + 1)) < 0)
			return when_bad(st, i + 1, expect);
		if (v > 59)
			return when_fail(st, i + 1, "second %.2s out of range "
			    "00-59", s + i + 1);
		p->sec = v;
		i += 3;
	}
	if (s[i] == '.' || s[i] == ',')
		return when_fail(st, i, "fractions of a second are not "
		    "supported");
	p->time = 1;
	if (s[i] == 'Z') {
		p->zoned = 1;
		i++;
	} else if (s[i] == 'z')
		return when_fail(st, i, "use upper-case Z for UTC");
	else if (s[i] == '+' || s[i] == '-') {
		sign = s[i] == '-' ? -1 : 1;
		if ((v = when_two(s + i + 1)) < 0 || s[i + 3] != ':' ||
		    when_two(s + i + 4) < 0)
			return when_fail(st, i, "expected an offset from UTC "
			    "as Z, +hh:mm or -hh:mm");
		if (v > 23)
			return when_fail(st, i + 1, "offset hour %.2s out of "
			    "range 00-23", s + i + 1);
		if (when_two(s + i + 4) > 59)
			return when_fail(st, i + 4, "offset minute %.2s out "
			    "of range 00-59", s + i + 4);
		p->zoned = 1;
		p->offset = sign * (v * 3600L + when_two(s + i + 4) * 60L);
		i += 6;
	}
	*end = i;
	return 0;
}

/* One point of the grammar at *pos; leaves *pos after it. */
static int
when_point_parse(struct when_st *st, size_t *pos, struct when_point *p)
{
	const char *s = st->s;
	size_t i = *pos, q = i, f;
	int v;

	memset(p, 0, sizeof(*p));
	if (s[i] == '.' && s[i + 1] == '.' && !st->day_only) {
		if (!st->slash)
			return when_fail(st, i, "open end .. is only "
			    "allowed in an interval (A/.. or ../B)");
		if (when_isqual(s[i + 2]))
			return when_fail(st, i + 2,
			    "an open end cannot have a qualifier");
		p->open = 1;
		*pos = i + 2;
		return 0;
	}
	if (when_isqual(s[i]) && !st->day_only)
		return when_fail(st, i, "qualifier %c must follow the date",
		    s[i]);
	if (s[i] == '-' && when_isdigit(s[i + 1]))
		return when_fail(st, i, "negative years are not supported");
	if (when_year(st, i, p, &q) == -1)
		return -1;

	if (s[q] == '-' && p->prec != WHEN_YEAR)
		return when_fail(st, q,
		    "a decade or century cannot have a month");
	if (s[q] == '-') {
		f = q + 1;
		if (when_field(st, q, 0, &v, &q) == -1)
			return -1;
		if (v < 1 || v > 12)
			return when_fail(st, f,
			    "month %.2s out of range 1-12", s + f);
		p->month = v;
		p->prec = WHEN_MONTH;
	}
	if (s[q] == '-' && p->prec == WHEN_MONTH) {
		f = q + 1;
		if (when_field(st, q, 1, &v, &q) == -1)
			return -1;
		if (v < 1 || v > 31)
			return when_fail(st, f,
			    "day %.2s out of range 1-31", s + f);
		if (v > when_mdays(p->year, p->month))
			return when_fail(st, f, "day %.2s does not exist "
			    "in %.4s-%.2s", s + f, s + i, s + i + 5);
		p->day = v;
		p->prec = WHEN_DAY;
	}

	if ((s[q] == 'T' || s[q] == 't') && !st->day_only) {
		if (p->prec != WHEN_DAY)
			return when_fail(st, q, "a time needs a whole day "
			    "before it: YYYY-MM-DDThh:mm");
		if (s[q] == 't')
			return when_fail(st, q, "use upper-case T before the "
			    "time");
		if (when_time(st, q, p, &q) == -1)
			return -1;
		if (when_isqual(s[q]))
			return when_fail(st, q, "a time cannot have a "
			    "qualifier");
	}
	if (when_isqual(s[q]) && !st->day_only) {
		p->qual = s[q] == '~' ? WHEN_APPROX :
		    s[q] == '?' ? WHEN_UNCERTAIN :
		    WHEN_APPROX | WHEN_UNCERTAIN;
		q++;
		if (when_isqual(s[q]))
			return when_fail(st, q,
			    "only one qualifier (~, ? or %%) is allowed");
		/* 2004-06~-11 is EDTF level 2: qualified parts */
		if (s[q] == '-')
			return when_fail(st, q - 1,
			    "a qualifier must come at the end of the date");
	}
	*pos = q;
	return 0;
}

static long long
when_first(const struct when_point *p)
{
	return p->year * 10000LL + (p->month > 0 ? p->month : 1) * 100 +
	    (p->day > 0 ? p->day : 1);
}

static long long
when_last(const struct when_point *p)
{
	long long y = p->year;

	switch (p->prec) {
	case WHEN_CENTURY:
		return (y + 99) * 10000 + 1231;
	case WHEN_DECADE:
		return (y + 9) * 10000 + 1231;
	case WHEN_MONTH:
		return y * 10000 + p->month * 100 +
		    when_mdays(p->year, p->month);
	case WHEN_DAY:
		return y * 10000 + p->month * 100 + p->day;
	case WHEN_YEAR:
	default:
		return y * 10000 + 1231;
	}
}

/* Seconds into its day of p's time. */
static long
when_tod(const struct when_point *p)
{
	return p->hour * 3600L + p->min * 60L + p->sec;
}

/* The sort keys of r from its points. */
static void
when_keys(struct when *r)
{
	const struct when_point *b = r->interval ? &r->b : &r->a;

	r->key_start = r->a.open ? LLONG_MIN : when_first(&r->a);
	r->key_end = b->open ? LLONG_MAX : when_last(b);
	r->tod_start = !r->a.open && r->a.time ? when_tod(&r->a) : 0;
	r->tod_end = !b->open && b->time ? when_tod(b) : 86400;
}

/*
 * Whether closed interval r ends before it starts: two times with
 * offsets are compared as instants, anything else as written.
 */
static int
when_backwards(const struct when *r)
{
	const struct when_point *a = &r->a, *b = &r->b;

	if (a->time && b->time && a->zoned && b->zoned)
		return tz_days(b->year, b->month, b->day) * 86400 +
		    when_tod(b) - b->offset < tz_days(a->year, a->month,
		    a->day) * 86400 + when_tod(a) - a->offset;
	return r->key_end < r->key_start || (r->key_end == r->key_start &&
	    r->tod_end < r->tod_start);
}

/* The parser behind when_parse and when_parse_day. */
static int
when_parse_st(struct when_st *st, struct when *w)
{
	const char *s = st->s;
	struct when r;
	size_t i = 0, bstart;

	memset(&r, 0, sizeof(r));
	if (s[0] == '\0')
		return when_fail(st, 0, "empty date");
	if (s[0] == '/' && st->slash)
		return when_fail(st, 0, "missing start of interval before / "
		    "(use .. for an open start)");
	if (when_point_parse(st, &i, &r.a) == -1)
		return -1;
	if (s[i] == '/' && st->slash) {
		r.interval = 1;
		i++;
		bstart = i;
		if (s[i] == '\0')
			return when_fail(st, i - 1, "missing end of interval "
			    "after / (use .. for an open end)");
		if (s[i] == '/')
			return when_fail(st, i, "more than one /");
		if (when_point_parse(st, &i, &r.b) == -1)
			return -1;
		if (s[i] == '/')
			return when_fail(st, i, "more than one /");
		if (s[i] != '\0')
			return when_bad(st, i, NULL);
		if (r.a.open && r.b.open)
			return when_fail(st, 0,
			    "interval cannot be open at both ends");
		when_keys(&r);
		if (!r.a.open && !r.b.open && when_backwards(&r))
			return when_fail(st, bstart,
			    "interval ends before it starts");
	} else if (s[i] != '\0')
		return when_bad(st, i, NULL);
	else
		when_keys(&r);
	*w = r;
	return 0;
}

/* A parse of s, its error message and column cleared. */
static void
when_st_init(struct when_st *st, const char *s, char *err, size_t errlen,
    int *errcol)
{
	if (err != NULL && errlen > 0)
		err[0] = '\0';
	if (errcol != NULL)
		*errcol = 0;
	memset(st, 0, sizeof(*st));
	st->s = s != NULL ? s : "";
	st->err = err;
	st->errlen = errlen;
	st->errcol = errcol;
}

int
when_parse(const char *s, struct when *w, char *err, size_t errlen,
    int *errcol)
{
	struct when_st st;

	memset(w, 0, sizeof(*w));
	when_st_init(&st, s, err, errlen, errcol);
	st.slash = strchr(st.s, '/') != NULL;
	st.expect = st.slash ? "expected YYYY, YYYY-MM, YYYY-MM-DD or .." :
	    "expected YYYY, YYYY-MM or YYYY-MM-DD";
	return when_parse_st(&st, w);
}

int
when_parse_day(const char *s, struct when_point *p, char *err,
    size_t errlen, int *errcol)
{
	struct when_st st;
	struct when w;

	memset(p, 0, sizeof(*p));
	when_st_init(&st, s, err, errlen, errcol);
	st.day_only = 1;
	st.expect = "expected YYYY-MM-DD";
	if (when_parse_st(&st, &w) == -1)
		return -1;
	if (w.a.prec != WHEN_DAY)
		return when_fail(&st, 0, "%s", st.expect);
	*p = w.a;
	return 0;
}

int
when_cmp(const struct when *x, const struct when *y)
{
	if (x->key_start != y->key_start)
		return x->key_start < y->key_start ? -1 : 1;
	if (x->tod_start != y->tod_start)
		return x->tod_start < y->tod_start ? -1 : 1;
	if (x->key_end != y->key_end)
		return x->key_end < y->key_end ? -1 : 1;
	if (x->tod_end != y->tod_end)
		return x->tod_end < y->tod_end ? -1 : 1;
	return 0;
}

/* Floor division of seconds into days. */
static long long
when_floor_days(long long t)
{
	return t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
}

/* Point p, if it has a time, in zone z: -1 when its year leaves 0-9999. */
static int
when_zone_point(struct when_point *p, const struct tz *z)
{
	long long lt, t, days;
	long off, tod;
	int y, m, d;

	if (p->open || !p->time)
		return 0;
	lt = tz_days(p->year, p->month, p->day) * 86400 + when_tod(p);
	t = p->zoned ? lt - p->offset : tz_utc(z, lt);
	off = tz_offset(z, t);
	lt = t + off;
	days = when_floor_days(lt);
	tz_date(days, &y, &m, &d);
	if (y < 0 || y > 9999)
		return -1;
	tod = (long)(lt - days * 86400);
	p->year = y;
	p->month = m;
	p->day = d;
	p->hour = (int)(tod / 3600);
	p->min = (int)(tod / 60 % 60);
	p->sec = (int)(tod % 60);
	p->zoned = 1;
	p->offset = off;
	return 0;
}

int
when_zone(struct when *w, const struct tz *z, char *err, size_t errlen,
    int *errcol)
{
	struct when r = *w;

	if (when_zone_point(&r.a, z) != 0 || (r.interval &&
	    when_zone_point(&r.b, z) != 0)) {
		if (err != NULL && errlen > 0)
			snprintf(err, errlen, "the year leaves 0000-9999 in "
			    "the time zone %s", tz_name(z));
		if (errcol != NULL)
			*errcol = 1;
		return -1;
	}
	when_keys(&r);
	*w = r;
	return 0;
}

/* Append k bytes as one unit: all of them fit, or nothing more is written. */
static void
when_putn(struct when_buf *b, const char *s, size_t k)
{
	b->len += k;
	if (b->full || b->used + k >= b->n) {
		b->full = 1;
		return;
	}
	memcpy(b->p + b->used, s, k);
	b->used += k;
	b->p[b->used] = '\0';
}

/* Length of the character at s: 1 for a stray byte, never past the NUL. */
static size_t
when_charlen(const char *s)
{
	unsigned long cp;
	size_t k = when_utf8(s, &cp);

	return k > 0 ? k : 1;
}

/* Append s character by character, with ASCII digits mapped by d. */
static void
when_put_digits(struct when_buf *b, const char *s, enum when_digits d)
{
	char thai[3];
	size_t k;

	while (*s != '\0') {
		if (d == WHEN_THAI && when_isdigit(*s)) {
			/* U+0E50 + digit in UTF-8 */
			thai[0] = (char)0xE0;
			thai[1] = (char)0xB9;
			thai[2] = (char)(0x90 + (*s - '0'));
			when_putn(b, thai, 3);
			s++;
			continue;
		}
		k = when_charlen(s);
		when_putn(b, s, k);
		s += k;
	}
}

static void
when_put(struct when_buf *b, const char *s)
{
	when_put_digits(b, s, WHEN_ARABIC);
}

static void
when_put_int(struct when_buf *b, long long v)
{
	char num[24];

	snprintf(num, sizeof(num), "%lld", v);
	when_put(b, num);
}

static void
when_buf_init(struct when_buf *b, char *p, size_t n)
{
	memset(b, 0, sizeof(*b));
	b->p = p;
	b->n = n;
	if (p != NULL && n > 0)
		p[0] = '\0';
	else
		b->n = 0;
}

static const char *
when_month_name(int m, const struct when_fmt *f)
{
	if (m < 1 || m > 12)
		return "?";
	if (f->lang == WHEN_EN)
		return f->abbrev ? when_en_abbr[m - 1] : when_en_full[m - 1];
	return f->abbrev ? when_th_abbr[m - 1] : when_th_full[m - 1];
}

/*
 * The year printed for day ymd (YYYYMMDD).  Before 1941 the Thai civil
 * year began on 1 April (from 1889; the older new year also fell in
 * April), so January to March belong to the BE year before: 1 March
 * 1904 is 2446, 1 April 1904 is 2447.  2483 was cut short to end on 31
 * December 1940, and 1 January 1941 began 2484.
 */
static long long
when_eyear(long long ymd, const struct when_fmt *f)
{
	long long y = ymd / 10000;

	if (f->era != WHEN_BE)
		return y;
	return y + WHEN_BE_OFFSET - (y < WHEN_BE_JANUARY &&
	    ymd / 100 % 100 < 4);
}

/* 1st, 2nd, 3rd, 4th ... 11th, 12th, 13th ... 21st */
static const char *
when_ordinal(long long n)
{
	if (n % 100 >= 11 && n % 100 <= 13)
		return "th";
	switch (n % 10) {
	case 1:
		return "st";
	case 2:
		return "nd";
	case 3:
		return "rd";
	default:
		return "th";
	}
}

/* "มิถุนายน 1950", "June 1950" */
static void
when_put_month_year(struct when_buf *b, const struct when_point *p,
    const struct when_fmt *f)
{
	when_put(b, when_month_name(p->month, f));
	when_put(b, " ");
	when_put_int(b, when_eyear(when_first(p), f));
}

/* Whether p's time of day is printed: the format asks, and p has one. */
static int
when_clock(const struct when_point *p, const struct when_fmt *f)
{
	return f->times && p->time && !p->open;
}

/* "19.05" (Thai), "19:05" (English): when_zone made them local. */
static void
when_put_hhmm(struct when_buf *b, const struct when_point *p,
    const struct when_fmt *f)
{
	char t[32];

	snprintf(t, sizeof(t), "%02d%c%02d", p->hour,
	    f->lang == WHEN_EN ? ':' : '.', p->min);
	when_put(b, t);
}

/* What follows the hours: Thai says "น." (นาฬิกา) once, after the last. */
static void
when_put_oclock(struct when_buf *b, const struct when_fmt *f)
{
	if (f->lang != WHEN_EN)
		when_put(b, " น.");
}

/* How when_put_point prints a point: flags. */
enum {
	WHEN_END = 1,		/* an end of a closed interval */
	WHEN_NOERA = 2		/* the other end names the era */
};

/* Whether p names the era: a BE year or range of years does. */
static int
when_marker(const struct when_point *p, const struct when_fmt *f)
{
	return f->era == WHEN_BE && p->prec != WHEN_MONTH &&
	    p->prec != WHEN_DAY;
}

/*
 * One point with qualifiers and era marker.  A BE range of years at an
 * end of an interval (WHEN_END) goes in parentheses, so that its dash is
 * not read as the interval's.  A year before 1941 spans two BE years
 * and prints both: 1904 is "2446/2447".  Thai words its qualifiers,
 * "ราว" before and "(ไม่แน่ชัด)" after; English has "c." and "?".
 */
static void
when_put_point(struct when_buf *b, const struct when_point *p,
    const struct when_fmt *f, int flags)
{
	int en = f->lang == WHEN_EN, be = f->era == WHEN_BE;
	int range = be && (p->prec == WHEN_DECADE || p->prec == WHEN_CENTURY);
	int marker = when_marker(p, f) && !(flags & WHEN_NOERA);
	int paren = range && (flags & WHEN_END);
	long long y = when_eyear(when_first(p), f);
	long long last = when_eyear(when_last(p), f);

	if (paren)
		when_put(b, "(");
	if (p->qual & WHEN_APPROX)
		when_put(b, en ? "c. " : "ราว ");
	if (marker && !en)
		when_put(b, "พ.ศ. ");
	switch (p->prec) {
	case WHEN_DAY:
		when_put_int(b, p->day);
		when_put(b, " ");
		when_put_month_year(b, p, f);
		if (when_clock(p, f)) {
			when_put(b, " ");
			when_put_hhmm(b, p, f);
			when_put_oclock(b, f);
		}
		break;
	case WHEN_MONTH:
		when_put_month_year(b, p, f);
		break;
	case WHEN_DECADE:
	case WHEN_CENTURY:
		if (be) {
			when_put_int(b, y);
			when_put(b, "–");
			when_put_int(b, last);
		} else if (p->prec == WHEN_DECADE) {
			if (!en)
				when_put(b, "ทศวรรษ ");
			when_put_int(b, y);
			if (en)
				when_put(b, "s");
		} else {
			/* EDTF 19XX is 1900-1999, which is called the 20th */
			y = y / 100 + 1;
			if (!en)
				when_put(b, "คริสต์ศตวรรษที่ ");
			when_put_int(b, y);
			if (en) {
				when_put(b, when_ordinal(y));
				when_put(b, " century");
			}
		}
		break;
	case WHEN_YEAR:
	default:
		when_put_int(b, y);
		if (last != y) {
			when_put(b, "/");
			when_put_int(b, last);
		}
		break;
	}
	if (marker && en)
		when_put(b, " BE");
	if ((p->qual & WHEN_UNCERTAIN) && en)
		when_put(b, "?");
	if (paren)
		when_put(b, ")");
	if ((p->qual & WHEN_UNCERTAIN) && !en)
		when_put(b, " (ไม่แน่ชัด)");
}

/* Whether x and y print the same: seconds are not printed. */
static int
when_same(const struct when_point *x, const struct when_point *y,
    const struct when_fmt *f)
{
	int clock = when_clock(x, f);

	return x->year == y->year && x->month == y->month &&
	    x->day == y->day && x->prec == y->prec && x->qual == y->qual &&
	    x->open == y->open && clock == when_clock(y, f) && (!clock ||
	    (x->hour == y->hour && x->min == y->min));
}

/* Two times of one day: "5 ธ.ค. 2026 19.00–21.30 น."; 0 otherwise. */
static int
when_put_hours(struct when_buf *b, const struct when_point *x,
    const struct when_point *y, const struct when_fmt *f)
{
	if (!when_clock(x, f) || !when_clock(y, f) || x->year != y->year ||
	    x->month != y->month || x->day != y->day)
		return 0;
	when_put_int(b, x->day);
	when_put(b, " ");
	when_put_month_year(b, x, f);
	when_put(b, " ");
	when_put_hhmm(b, x, f);
	when_put(b, "–");
	when_put_hhmm(b, y, f);
	when_put_oclock(b, f);
	return 1;
}

/* The short forms of a closed interval; 0 if none applies. */
static int
when_put_short(struct when_buf *b, const struct when_point *x,
    const struct when_point *y, const struct when_fmt *f)
{
	int en = f->lang == WHEN_EN, be = f->era == WHEN_BE;

	/* a printed time keeps its day: no "5–6 ธ.ค." around it */
	if (when_clock(x, f) || when_clock(y, f))
		return when_put_hours(b, x, y, f);
	if (x->qual != 0 || y->qual != 0 || x->prec != y->prec)
		return 0;
	if (x->prec == WHEN_YEAR) {
		/* one era marker for the pair: พ.ศ. 2488–2491 */
		if (be && !en)
			when_put(b, "พ.ศ. ");
		when_put_int(b, when_eyear(when_first(x), f));
		when_put(b, "–");
		when_put_int(b, when_eyear(when_last(y), f));
		if (be && en)
			when_put(b, " BE");
		return 1;
	}
	/* the printed years, which before 1941 turn in April */
	if (when_eyear(when_first(x), f) != when_eyear(when_first(y), f))
		return 0;
	if (x->prec == WHEN_DAY && x->month == y->month) {
		when_put_int(b, x->day);
		when_put(b, "–");
		when_put_int(b, y->day);
		when_put(b, " ");
		when_put_month_year(b, y, f);
		return 1;
	}
	if (x->prec == WHEN_DAY) {
		when_put_int(b, x->day);
		when_put(b, " ");
		when_put(b, when_month_name(x->month, f));
		when_put(b, " – ");
		when_put_int(b, y->day);
		when_put(b, " ");
		when_put_month_year(b, y, f);
		return 1;
	}
	if (x->prec == WHEN_MONTH) {
		when_put(b, when_month_name(x->month, f));
		when_put(b, "–");
		when_put_month_year(b, y, f);
		return 1;
	}
	return 0;
}

/* The whole value, with Arabic digits. */
static void
when_put_when(struct when_buf *b, const struct when *w,
    const struct when_fmt *f)
{
	char ta[WHEN_TMP / 2], tb[WHEN_TMP / 2];
	struct when_buf ba, bb;
	int en = f->lang == WHEN_EN, fa = WHEN_END, fb = WHEN_END;

	if (!w->interval) {
		if (!w->a.open)
			when_put_point(b, &w->a, f, 0);
		return;
	}
	if (w->a.open && w->b.open)
		return;		/* when_parse never makes one */
	if (w->a.open) {
		when_put(b, en ? "until " : "จนถึง ");
		when_put_point(b, &w->b, f, 0);
		return;
	}
	if (w->b.open) {
		when_put(b, en ? "from " : "ตั้งแต่ ");
		when_put_point(b, &w->a, f, 0);
		return;
	}
	if (when_same(&w->a, &w->b, f)) {
		when_put_point(b, &w->a, f, 0);
		return;
	}
	if (when_put_short(b, &w->a, &w->b, f))
		return;
	/* the era once: พ.ศ. before the first end, BE after the last */
	if (when_marker(&w->a, f) && when_marker(&w->b, f))
		*(en ? &fa : &fb) |= WHEN_NOERA;
	when_buf_init(&ba, ta, sizeof(ta));
	when_buf_init(&bb, tb, sizeof(tb));
	when_put_point(&ba, &w->a, f, fa);
	when_put_point(&bb, &w->b, f, fb);
	when_put(b, ta);
	when_put(b, strchr(ta, ' ') != NULL || strchr(tb, ' ') != NULL ?
	    " – " : "–");
	when_put(b, tb);
}

size_t
when_format(const struct when *w, const struct when_fmt *f, char *buf,
    size_t n)
{
	char tmp[WHEN_TMP];
	struct when_buf b;

	if (f == NULL)
		f = &when_fmt_default;
	when_buf_init(&b, tmp, sizeof(tmp));
	when_put_when(&b, w, f);
	return when_digits(tmp, f->digits, buf, n);
}

size_t
when_format_point(const struct when_point *p, const struct when_fmt *f,
    char *buf, size_t n)
{
	char tmp[WHEN_TMP];
	struct when_buf b;

	if (f == NULL)
		f = &when_fmt_default;
	when_buf_init(&b, tmp, sizeof(tmp));
	if (!p->open)
		when_put_point(&b, p, f, 0);
	return when_digits(tmp, f->digits, buf, n);
}

size_t
when_digits(const char *in, enum when_digits d, char *buf, size_t n)
{
	struct when_buf b;

	when_buf_init(&b, buf, n);
	when_put_digits(&b, in != NULL ? in : "", d);
	return b.len;
}

/* One point as when_parse reads it. */
static void
when_put_iso(struct when_buf *b, const struct when_point *p)
{
	char t[48];
	long off = p->offset < 0 ? -p->offset : p->offset;

	if (p->open) {
		when_put(b, "..");
		return;
	}
	switch (p->prec) {
	case WHEN_CENTURY:
		snprintf(t, sizeof(t), "%02dXX", p->year / 100);
		break;
	case WHEN_DECADE:
		snprintf(t, sizeof(t), "%03dX", p->year / 10);
		break;
	case WHEN_MONTH:
		snprintf(t, sizeof(t), "%04d-%02d", p->year, p->month);
		break;
	case WHEN_DAY:
		snprintf(t, sizeof(t), "%04d-%02d-%02d", p->year, p->month,
		    p->day);
		break;
	case WHEN_YEAR:
	default:
		snprintf(t, sizeof(t), "%04d", p->year);
		break;
	}
	when_put(b, t);
	if (p->time) {
		snprintf(t, sizeof(t), "T%02d:%02d:%02d", p->hour, p->min,
		    p->sec);
		when_put(b, t);
		if (p->zoned && off == 0)
			when_put(b, "Z");
		else if (p->zoned) {
			snprintf(t, sizeof(t), "%c%02ld:%02ld", p->offset < 0 ?
			    '-' : '+', off / 3600, off / 60 % 60);
			when_put(b, t);
		}
	}
	if (p->qual != 0)
		when_put(b, p->qual == WHEN_APPROX ? "~" : p->qual ==
		    WHEN_UNCERTAIN ? "?" : "%");
}

size_t
when_write(const struct when *w, char *buf, size_t n)
{
	struct when_buf b;

	when_buf_init(&b, buf, n);
	when_put_iso(&b, &w->a);
	if (w->interval) {
		when_put(&b, "/");
		when_put_iso(&b, &w->b);
	}
	return b.len;
}
