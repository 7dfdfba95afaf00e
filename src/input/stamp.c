/*
 * stamp.c - the timestamps of feeds that are not ISO 8601 (those go
 * through when.c): the RFC 822 dates of RSS, read as RFC 2822 reads
 * them, and the durations of iCalendar (RFC 5545, 3.3.6) that xCal
 * gives for the length of an event.  feed.c uses both; nothing here
 * allocates or keeps state.
 *
 * RFC 822 (5.1), with RFC 2822's reading of it (3.3, 4.3):
 *
 *	[Sat ,] 5 Dec 2026 19:05[:00] -0500
 *
 * the day of the week optional, one or two digits for the day of the
 * month, two, three or four for the year (00-49 are 2000-2049, 50-99 and
 * any three digits are 1900 + the number), seconds optional, white space
 * and (comments) wherever a space may go.  The zone is +hhmm or -hhmm,
 * UT or GMT, the North American EST, EDT, CST, CDT, MST, MDT, PST, PDT,
 * or a military letter: Z is UTC; RFC 822 gave the other letters their
 * signs the wrong way round, so RFC 2822 reads them as -0000, UTC with
 * the writer's zone unknown, and so does this (STAMP_ZONE_UNKNOWN: the
 * instant may be hours out).  Names, months and letters in any case.  A
 * day of the week that does not fit the date is flagged, and the date
 * wins (STAMP_WDAY).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "input.h"

static const char *const stamp_wdays[7] = {
	"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"
};
static const char *const stamp_months[12] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};
static const struct {
	const char	*name;
	int		 hours;
} stamp_zones[] = {
	{ "UT", 0 }, { "GMT", 0 },
	{ "EST", -5 }, { "EDT", -4 }, { "CST", -6 }, { "CDT", -5 },
	{ "MST", -7 }, { "MDT", -6 }, { "PST", -8 }, { "PDT", -7 }
};

/* One parse: the input and where the message goes. */
struct stamp_st {
	const char	*s;		/* (borrowed) */
	char		*err;		/* (borrowed) may be NULL */
	size_t		 errlen;
	int		*errcol;	/* (borrowed) may be NULL */
};

static int
stamp_fail(struct stamp_st *st, size_t pos, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A problem at byte pos: the message and its character column; -1. */
static int
stamp_fail(struct stamp_st *st, size_t pos, const char *fmt, ...)
{
	va_list ap;
	size_t i;
	int col = 1;

	if (st->err != NULL && st->errlen > 0) {
		va_start(ap, fmt);
		vsnprintf(st->err, st->errlen, fmt, ap);
		va_end(ap);
	}
	for (i = 0; i < pos && st->s[i] != '\0'; i++)
		if (((unsigned char)st->s[i] & 0xC0) != 0x80)
			col++;
	if (st->errcol != NULL)
		*st->errcol = col;
	return -1;
}

static int
stamp_isdigit(char c)
{
	return c >= '0' && c <= '9';
}

static int
stamp_isalpha(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static int
stamp_isspace(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Skip white space and (comments, which nest); -1 at one left open. */
static int
stamp_cfws(struct stamp_st *st, size_t *pos)
{
	const char *s = st->s;
	size_t i = *pos, open;
	int depth;

	for (;;) {
		while (stamp_isspace(s[i]))
			i++;
		if (s[i] != '(')
			break;
		open = i;
		for (depth = 0; ; i++) {
			if (s[i] == '\0')
				return stamp_fail(st, open, "comment not "
				    "closed");
			if (s[i] == '\\' && s[i + 1] != '\0')
				i++;
			else if (s[i] == '(')
				depth++;
			else if (s[i] == ')' && --depth == 0) {
				i++;
				break;
			}
		}
	}
	*pos = i;
	return 0;
}

/* The length of the word of letters at s. */
static size_t
stamp_word(const char *s)
{
	size_t n = 0;

	while (stamp_isalpha(s[n]))
		n++;
	return n;
}

/* Which of names (n of them) the word of len letters at s is, or -1. */
static int
stamp_name(const char *s, size_t len, const char *const *names, int n)
{
	int k;
	size_t i;

	for (k = 0; k < n; k++) {
		if (strlen(names[k]) != len)
			continue;
		for (i = 0; i < len && (s[i] | 0x20) == (names[k][i] | 0x20);
		    i++)
			;
		if (i == len)
			return k;
	}
	return -1;
}

/* A number of 1 to max digits at *pos; its digits in *nd. */
static int
stamp_num(const char *s, size_t *pos, int max, int *nd)
{
	int v = 0, n = 0;

	while (stamp_isdigit(s[*pos]) && n < max + 1) {
		v = v * 10 + (s[(*pos)++] - '0');
		n++;
	}
	*nd = n;
	return v;
}

/* "unexpected ..." for the character at pos (or the end). */
static int
stamp_unexpected(struct stamp_st *st, size_t pos, const char *expect)
{
	const char *s = st->s + pos;
	size_t n = 1;

	if (*s == '\0')
		return stamp_fail(st, pos, "unexpected end of date: expected "
		    "%s", expect);
	while ((s[n] & 0xC0) == 0x80)
		n++;
	return stamp_fail(st, pos, "unexpected \"%.*s\": expected %s", (int)n,
	    s, expect);
}

static int
stamp_mdays(int y, int m)
{
	static const int mdays[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : mdays[m - 1];
}

int
stamp_822(const char *str, struct stamp *out, char *err, size_t errlen,
    int *errcol)
{
	struct stamp_st st = { str != NULL ? str : "", err, errlen, errcol };
	const char *s = st.s;
	size_t i = 0, at, dat, wat = 0, n;
	int wday = -1, day, mon, year, h, m, sec = 0, nd, k;
	long off;
	long long days;

	memset(out, 0, sizeof(*out));
	if (err != NULL && errlen > 0)
		err[0] = '\0';
	if (stamp_cfws(&st, &i) != 0)
		return -1;
	if (s[i] == '\0')
		return stamp_fail(&st, i, "empty date");
	if (stamp_isdigit(s[i]) && stamp_isdigit(s[i + 1]) &&
	    stamp_isdigit(s[i + 2]) && stamp_isdigit(s[i + 3]) &&
	    s[i + 4] == '-')
		return stamp_fail(&st, i, "an ISO 8601 date: expected RFC 822, "
		    "as Sat, 05 Dec 2026 19:05:00 +0000");
	/* [day-of-week ","] */
	if (stamp_isalpha(s[i])) {
		n = stamp_word(s + i);
		if ((wday = stamp_name(s + i, n, stamp_wdays, 7)) < 0)
			return stamp_fail(&st, i, "unknown day of the week "
			    "\"%.*s\": expected Mon, Tue, Wed, Thu, Fri, Sat "
			    "or Sun", (int)n, s + i);
		wat = i;
		i += n;
		if (stamp_cfws(&st, &i) != 0)
			return -1;
		if (s[i] != ',')
			return stamp_unexpected(&st, i, "\",\" after the day "
			    "of the week");
		i++;
		if (stamp_cfws(&st, &i) != 0)
			return -1;
	}
	/* day month year */
	dat = i;
	day = stamp_num(s, &i, 2, &nd);
	if (nd == 0)
		return stamp_unexpected(&st, i, "a day of the month");
	if (nd > 2)
		return stamp_fail(&st, dat, "day must have 1 or 2 digits");
	if (stamp_cfws(&st, &i) != 0)
		return -1;
	n = stamp_word(s + i);
	if (n == 0)
		return stamp_unexpected(&st, i, "a month: Jan, Feb ... Dec");
	if ((mon = stamp_name(s + i, n, stamp_months, 12)) < 0)
		return stamp_fail(&st, i, "unknown month \"%.*s\": expected "
		    "Jan, Feb, Mar, Apr, May, Jun, Jul, Aug, Sep, Oct, Nov or "
		    "Dec", (int)n, s + i);
	mon++;
	i += n;
	if (stamp_cfws(&st, &i) != 0)
		return -1;
	at = i;
	year = stamp_num(s, &i, 4, &nd);
	if (nd == 0)
		return stamp_unexpected(&st, i, "a year");
	if (nd < 2 || nd > 4)
		return stamp_fail(&st, at, "year must have 4 digits (or 2)");
	if (nd == 2)
		year += year < 50 ? 2000 : 1900;
	else if (nd == 3)
		year += 1900;
	if (day < 1 || day > stamp_mdays(year, mon))
		return stamp_fail(&st, dat, "day %d does not exist in "
		    "%04d-%02d", day, year, mon);
	/* hh:mm[:ss] */
	if (stamp_cfws(&st, &i) != 0)
		return -1;
	at = i;
	h = stamp_num(s, &i, 2, &nd);
	if (nd != 2 || s[i] != ':' || !stamp_isdigit(s[i + 1]) ||
	    !stamp_isdigit(s[i + 2]) || stamp_isdigit(s[i + 3]))
		return stamp_fail(&st, at, "expected a time hh:mm or "
		    "hh:mm:ss");
	m = (s[i + 1] - '0') * 10 + (s[i + 2] - '0');
	i += 3;
	if (s[i] == ':') {
		if (!stamp_isdigit(s[i + 1]) || !stamp_isdigit(s[i + 2]) ||
		    stamp_isdigit(s[i + 3]))
			return stamp_fail(&st, i + 1, "expected 2 digits of "
			    "seconds");
		sec = (s[i + 1] - '0') * 10 + (s[i + 2] - '0');
		i += 3;
	}
	if (h > 23)
		return stamp_fail(&st, at, "hour %02d out of range 00-23", h);
	if (m > 59)
		return stamp_fail(&st, at + 3, "minute %02d out of range "
		    "00-59", m);
	if (sec > 60)		/* 60: a leap second */
		return stamp_fail(&st, at + 6, "second %02d out of range "
		    "00-60", sec);
	/* the zone */
	if (stamp_cfws(&st, &i) != 0)
		return -1;
	at = i;
	if (s[i] == '+' || s[i] == '-') {
		i++;
		k = stamp_num(s, &i, 4, &nd);
		if (nd != 4)
			return stamp_fail(&st, at, "expected a zone +hhmm or "
			    "-hhmm");
		if (k % 100 > 59)
			return stamp_fail(&st, at + 3, "zone minutes %02d out "
			    "of range 00-59", k % 100);
		off = (k / 100) * 3600L + (k % 100) * 60L;
		if (s[at] == '-')
			off = -off;
	} else if ((n = stamp_word(s + i)) == 1 && (s[i] | 0x20) != 'j') {
		off = 0;
		if ((s[i] | 0x20) != 'z')
			out->flags |= STAMP_ZONE_UNKNOWN;
		i++;
	} else {
		for (k = 0; k < (int)(sizeof(stamp_zones) /
		    sizeof(stamp_zones[0])); k++)
			if (stamp_name(s + i, n, &stamp_zones[k].name, 1) == 0)
				break;
		if (n == 0 || k == (int)(sizeof(stamp_zones) /
		    sizeof(stamp_zones[0]))) {
			if (n == 0 && s[i] == '\0')
				return stamp_fail(&st, i, "missing time zone: "
				    "expected +hhmm, -hhmm, UT, GMT, EST, EDT, "
				    "CST, CDT, MST, MDT, PST, PDT or a "
				    "military letter");
			return stamp_fail(&st, i, "unknown time zone "
			    "\"%.*s\": expected +hhmm, -hhmm, UT, GMT, EST, "
			    "EDT, CST, CDT, MST, MDT, PST, PDT or a military "
			    "letter", n > 0 ? (int)n : 1, s + i);
		}
		off = stamp_zones[k].hours * 3600L;
		i += n;
	}
	if (stamp_cfws(&st, &i) != 0)
		return -1;
	if (s[i] != '\0')
		return stamp_unexpected(&st, i, "the end of the date after "
		    "its time zone");
	days = tz_days(year, mon, day);
	if (wday >= 0 && (int)(((days % 7) + 7 + 4) % 7) != wday) {
		out->flags |= STAMP_WDAY;
		out->wday_at = (int)wat;
	}
	out->utc = days * 86400 + h * 3600L + m * 60L + sec - off;
	out->offset = off;
	return 0;
}

int
stamp_duration(const char *str, long *days, long *secs, char *err,
    size_t errlen, int *errcol)
{
	struct stamp_st st = { str != NULL ? str : "", err, errlen, errcol };
	const char *s = st.s;
	size_t i = 0, at;
	long v, d = 0, t = 0;
	int sign = 1, time = 0, any = 0, nd;
	char last = 0, u;
	static const char order[] = "WDHMS";

	*days = *secs = 0;
	if (err != NULL && errlen > 0)
		err[0] = '\0';
	if (s[i] == '+' || s[i] == '-')
		sign = s[i++] == '-' ? -1 : 1;
	if (s[i] != 'P')
		return stamp_unexpected(&st, i, "P to start a duration (P1D, "
		    "PT2H30M)");
	for (i++; s[i] != '\0'; ) {
		if (s[i] == 'T' && !time) {
			time = 1;
			i++;
			continue;
		}
		at = i;
		for (v = 0, nd = 0; stamp_isdigit(s[i]) && nd < 9; nd++)
			v = v * 10 + (s[i++] - '0');
		if (nd == 0 || nd == 9)
			return stamp_unexpected(&st, at, "a number");
		u = s[i];
		/* W or D before T, H M S after it, each once, in order */
		if (strchr(order, u) == NULL || u == '\0' ||
		    (time ? strchr("HMS", u) == NULL : strchr("WD", u) ==
		    NULL) || (last != 0 && strchr(order, u) <=
		    strchr(order, last)))
			return stamp_unexpected(&st, i, time ? "H, M or S "
			    "after a number" : "W or D after a number (T "
			    "before hours)");
		if (u == 'W')
			d += v * 7;
		else if (u == 'D')
			d += v;
		else
			t += v * (u == 'H' ? 3600 : u == 'M' ? 60 : 1);
		last = u;
		any = 1;
		i++;
	}
	if (!any)
		return stamp_fail(&st, i, "empty duration: expected P1D, "
		    "PT2H30M and the like");
	*days = sign * d;
	*secs = sign * t;
	return 0;
}
