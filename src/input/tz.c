/*
 * tz.c - time zones from the system's time zone database: a reader of
 * its TZif files (RFC 8536) and of the POSIX TZ rule at their end, and
 * the day arithmetic of the Gregorian calendar.  when.c converts times
 * with it, the readers load the document's zone and the zones an xCal
 * TZID names.  Nothing process-wide is read or set (no TZ, no tzset,
 * no localtime): a zone is a value in the document's arena.
 *
 * A TZif file lists the instants at which a zone's offset from UTC
 * changed, each with the offset from then on; its version 2 and later
 * data use 64-bit instants, and a footer gives a POSIX TZ string (as
 * "EST5EDT,M3.2.0,M11.1.0") for instants after the last one listed.
 * Before the first instant listed, the first offset (type 0) holds.
 * Leap-second records (the "right/" zones) are skipped: times here are
 * POSIX times.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "input.h"

#ifndef TZ_DIR
#define TZ_DIR		"/usr/share/zoneinfo"
#endif
#define TZ_FILE_MAX	(1 << 20)	/* the largest zone is under 4 KiB */
#define TZ_NAME_MAX	255

/* One end of daylight saving time in a POSIX rule. */
struct tz_edge {
	char		 kind;		/* 'J' (1-365, no 29 February),
					   'n' (0-365), 'M' (month.week.day) */
	int		 day, month, week, wday;
	long		 secs;		/* local time of day it happens at */
};

/* A POSIX TZ rule: standard time and, maybe, daylight saving time. */
struct tz_rule {
	long		 std, dst;	/* seconds east of UTC */
	int		 has_dst;
	struct tz_edge	 start, end;	/* when has_dst */
};

struct tz {
	const char	*name;		/* (arena) */
	long long	*at;		/* (arena) instants of change, rising */
	unsigned char	*type;		/* (arena) the type from at[i] on */
	size_t		 nat;
	long		*off;		/* (arena) by type: east of UTC [s] */
	size_t		 ntype;
	struct tz_rule	 rule;		/* after the last instant */
	int		 has_rule;
};

/* ------------------------------------------------------------------ */
/* Days */

long long
tz_days(long long y, int m, int d)
{
	long long era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long long)doe - 719468;
}

void
tz_date(long long days, int *y, int *m, int *d)
{
	long long era, z = days + 719468;
	unsigned doe, yoe, doy, mp;

	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)((long long)yoe + era * 400 + (*m <= 2));
}

/* Floor division of seconds into days. */
static long long
tz_floor_days(long long t)
{
	return t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
}

/* ------------------------------------------------------------------ */
/* POSIX TZ rules (RFC 8536, 3.3.1) */

static int
tz_isdigit(char c)
{
	return c >= '0' && c <= '9';
}

/* A zone abbreviation: three letters or more, or <...> quoted. */
static const char *
tz_abbr(const char *s)
{
	const char *p = s;

	if (*p == '<') {
		while (*++p != '\0' && *p != '>')
			;
		return *p == '>' && p - s >= 4 ? p + 1 : NULL;
	}
	while ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z'))
		p++;
	return p - s >= 3 ? p : NULL;
}

/* [+-]hh[:mm[:ss]], hours up to max; NULL when it is not one. */
static const char *
tz_hms(const char *s, int max, long *v)
{
	long sign = 1, h = 0, m = 0, sec = 0;
	int n;

	if (*s == '+' || *s == '-')
		sign = *s++ == '-' ? -1 : 1;
	for (n = 0; tz_isdigit(*s) && n < 3; n++)
		h = h * 10 + (*s++ - '0');
	if (n == 0 || h > max)
		return NULL;
	if (*s == ':') {
		if (!tz_isdigit(s[1]) || !tz_isdigit(s[2]))
			return NULL;
		m = (s[1] - '0') * 10 + (s[2] - '0');
		s += 3;
		if (*s == ':') {
			if (!tz_isdigit(s[1]) || !tz_isdigit(s[2]))
				return NULL;
			sec = (s[1] - '0') * 10 + (s[2] - '0');
			s += 3;
		}
		if (m > 59 || sec > 59)
			return NULL;
	}
	*v = sign * (h * 3600 + m * 60 + sec);
	return s;
}

/* A number of at most 3 digits in lo..hi. */
static const char *
tz_num(const char *s, int lo, int hi, int *v)
{
	int n, x = 0;

	for (n = 0; tz_isdigit(*s) && n < 3; n++)
		x = x * 10 + (*s++ - '0');
	if (n == 0 || x < lo || x > hi)
		return NULL;
	*v = x;
	return s;
}

/* ",start[/time]": Jn, n or Mm.w.d; the time is 02:00 when not given. */
static const char *
tz_edge(const char *s, struct tz_edge *e)
{
	memset(e, 0, sizeof(*e));
	if (*s == 'J') {
		e->kind = 'J';
		s = tz_num(s + 1, 1, 365, &e->day);
	} else if (*s == 'M') {
		e->kind = 'M';
		if ((s = tz_num(s + 1, 1, 12, &e->month)) == NULL ||
		    *s != '.' || (s = tz_num(s + 1, 1, 5, &e->week)) == NULL ||
		    *s != '.' || (s = tz_num(s + 1, 0, 6, &e->wday)) == NULL)
			return NULL;
	} else {
		e->kind = 'n';
		s = tz_num(s, 0, 365, &e->day);
	}
	if (s == NULL)
		return NULL;
	e->secs = 7200;
	if (*s == '/')
		s = tz_hms(s + 1, 167, &e->secs);	/* RFC 8536 widens it */
	return s;
}

/* Parse rule s (the footer's, without its newlines); 0, or -1. */
static int
tz_rule_parse(const char *s, struct tz_rule *r)
{
	long v;

	memset(r, 0, sizeof(*r));
	if ((s = tz_abbr(s)) == NULL || (s = tz_hms(s, 24, &v)) == NULL)
		return -1;
	r->std = -v;			/* POSIX counts west of Greenwich */
	if (*s == '\0')
		return 0;
	if ((s = tz_abbr(s)) == NULL)
		return -1;
	r->has_dst = 1;
	r->dst = r->std + 3600;
	if (*s != ',' && *s != '\0') {
		if ((s = tz_hms(s, 24, &v)) == NULL)
			return -1;
		r->dst = -v;
	}
	/* no rule for the changes: nothing to go by, so none is made */
	if (*s != ',' || (s = tz_edge(s + 1, &r->start)) == NULL ||
	    *s != ',' || (s = tz_edge(s + 1, &r->end)) == NULL || *s != '\0')
		return -1;
	return 0;
}

static int
tz_leap(long long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* The day (days since 1970) edge e falls on in year y. */
static long long
tz_edge_day(const struct tz_edge *e, long long y)
{
	static const int mdays[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	long long jan1 = tz_days(y, 1, 1), first;
	int last, wd, d;

	switch (e->kind) {
	case 'J':
		return jan1 + e->day - 1 + (tz_leap(y) && e->day >= 60);
	case 'n':
		return jan1 + e->day;
	default:
		first = tz_days(y, e->month, 1);
		wd = (int)(((first % 7) + 7 + 4) % 7);	/* 1970-01-01: Thu */
		d = 1 + (e->wday - wd + 7) % 7 + (e->week - 1) * 7;
		last = mdays[e->month - 1] + (e->month == 2 && tz_leap(y));
		while (d > last)
			d -= 7;
		return first + d - 1;
	}
}

/* The offset rule r gives at instant t. */
static long
tz_rule_offset(const struct tz_rule *r, long long t)
{
	long long y, start, end;
	int yy, mm, dd;

	if (!r->has_dst)
		return r->std;
	tz_date(tz_floor_days(t + r->std), &yy, &mm, &dd);
	y = yy;
	/* each edge in the local time in force before it */
	start = tz_edge_day(&r->start, y) * 86400 + r->start.secs - r->std;
	end = tz_edge_day(&r->end, y) * 86400 + r->end.secs - r->dst;
	if (start < end)
		return t >= start && t < end ? r->dst : r->std;
	return t >= end && t < start ? r->std : r->dst;	/* south */
}

/* ------------------------------------------------------------------ */
/* TZif files (RFC 8536, 3) */

/* A zone with rule s alone, or NULL when s is not one. */
const struct tz *
tz_posix(struct arena *a, const char *s)
{
	struct tz *z;
	struct tz_rule r;

	if (tz_rule_parse(s, &r) != 0)
		return NULL;
	z = arena_alloc(a, sizeof(*z));
	z->name = arena_strdup(a, s);
	z->rule = r;
	z->has_rule = 1;
	z->off = arena_alloc(a, sizeof(*z->off));
	z->off[0] = r.std;
	z->ntype = 1;
	return z;
}

/* The counts of a TZif header at p: isut, isstd, leap, time, type, char. */
static void
tz_counts(const unsigned char *p, unsigned long c[6])
{
	int i;

	for (i = 0; i < 6; i++)
		c[i] = be32(p + 20 + 4 * i);
}

/* Bytes of a data block with counts c, times of sz bytes. */
static size_t
tz_block(const unsigned long c[6], size_t sz)
{
	return c[3] * sz + c[3] + c[4] * 6 + c[5] + c[2] * (sz + 4) + c[1] +
	    c[0];
}

/* The zone in the TZif bytes b, len; NULL with why. */
static struct tz *
tz_parse(struct arena *a, const unsigned char *b, size_t len,
    const char **why)
{
	unsigned long c[6];
	const unsigned char *p, *e = b + len, *q;
	size_t sz = 4, i, blk;
	struct tz *z;
	char *foot;

	*why = "not a TZif file";
	if (len < 44 || memcmp(b, "TZif", 4) != 0)
		return NULL;
	tz_counts(b, c);
	for (i = 0; i < 6; i++)
		if (c[i] > TZ_FILE_MAX)
			return NULL;
	p = b + 44;
	blk = tz_block(c, 4);
	if ((size_t)(e - p) < blk)
		return NULL;
	if (b[4] >= '2') {		/* skip to the 64-bit data */
		p += blk;
		if ((size_t)(e - p) < 44 || memcmp(p, "TZif", 4) != 0)
			return NULL;
		tz_counts(p, c);
		for (i = 0; i < 6; i++)
			if (c[i] > TZ_FILE_MAX)
				return NULL;
		p += 44;
		sz = 8;
		if ((size_t)(e - p) < tz_block(c, 8))
			return NULL;
	}
	if (c[4] == 0 || c[4] > 256 || c[5] == 0)
		return NULL;
	z = arena_alloc(a, sizeof(*z));
	z->nat = c[3];
	z->ntype = c[4];
	z->at = arena_alloc(a, (z->nat ? z->nat : 1) * sizeof(*z->at));
	z->type = arena_alloc(a, z->nat ? z->nat : 1);
	z->off = arena_alloc(a, z->ntype * sizeof(*z->off));
	for (i = 0; i < z->nat; i++, p += sz) {
		z->at[i] = sz == 8 ? (long long)((unsigned long long)be32(p) <<
		    32 | be32(p + 4)) : (long long)(int32_t)be32(p);
		if (i > 0 && z->at[i] <= z->at[i - 1])
			return NULL;
	}
	for (i = 0; i < z->nat; i++, p++)
		if ((z->type[i] = *p) >= z->ntype)
			return NULL;
	for (i = 0; i < z->ntype; i++, p += 6) {
		z->off[i] = (long)(int32_t)be32(p);
		if (z->off[i] < -25 * 3600 || z->off[i] > 26 * 3600)
			return NULL;
	}
	p += c[5] + c[2] * (sz + 4) + c[1] + c[0];
	/* the footer: "\n" rule "\n" (version 2 and later) */
	if (sz == 8 && p < e && *p == '\n' &&
	    (q = memchr(p + 1, '\n', (size_t)(e - p - 1))) != NULL &&
	    q > p + 1) {
		foot = arena_strndup(a, (const char *)p + 1,
		    (size_t)(q - p - 1));
		z->has_rule = tz_rule_parse(foot, &z->rule) == 0;
	}
	return z;
}

/* An IANA name: letters, digits and . _ + -, in parts joined by /. */
static int
tz_name_ok(const char *s)
{
	const char *p;
	size_t part = 0;

	if (*s == '\0' || strlen(s) > TZ_NAME_MAX)
		return 0;
	for (p = s; ; p++) {
		if (*p == '/' || *p == '\0') {
			if (part == 0 || (part == 1 && p[-1] == '.') ||
			    (part == 2 && p[-1] == '.' && p[-2] == '.'))
				return 0;
			if (*p == '\0')
				return 1;
			part = 0;
			continue;
		}
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    tz_isdigit(*p) || strchr("._+-", *p) != NULL))
			return 0;
		part++;
	}
}

const struct tz *
tz_load(struct arena *a, const char *name, char *why, size_t n)
{
	char path[sizeof(TZ_DIR) + TZ_NAME_MAX + 2];
	const char *bad;
	unsigned char *b;
	struct tz *z;
	size_t len;

	if (!tz_name_ok(name)) {
		snprintf(why, n, "not a time zone name, as Asia/Bangkok is");
		return NULL;
	}
	snprintf(path, sizeof(path), "%s/%s", TZ_DIR, name);
	if ((b = (unsigned char *)file_slurp_max(path, TZ_FILE_MAX, &len)) ==
	    NULL) {
		if (errno == ENOENT || errno == ENOTDIR)
			snprintf(why, n, "no such zone in %s", TZ_DIR);
		else
			snprintf(why, n, "%s: %s", path, file_strerror(errno));
		return NULL;
	}
	z = tz_parse(a, b, len, &bad);
	free(b);
	if (z == NULL) {
		snprintf(why, n, "%s: %s", path, bad);
		return NULL;
	}
	z->name = arena_strdup(a, name);
	return z;
}

const struct tz *
tz_doc(struct arena *a, struct diag *d, const char *name)
{
	const struct tz *z;
	char why[256];

	if ((z = tz_load(a, name != NULL ? name : TZ_DEFAULT, why,
	    sizeof(why))) != NULL)
		return z;
	/* the default zone has been UTC+7, without summer time, since 1920 */
	if (name == NULL)
		return tz_posix(a, "<+07>-7");
	diag_emit(d, DIAG_IO, NULL, 0, 0, "time zone \"%s\": %s", name, why);
	return NULL;
}

const char *
tz_name(const struct tz *z)
{
	return z->name;
}

long
tz_offset(const struct tz *z, long long t)
{
	size_t lo = 0, hi = z->nat;

	if (z->nat == 0 || t < z->at[0])
		return z->nat == 0 && z->has_rule ?
		    tz_rule_offset(&z->rule, t) : z->off[0];
	if (t >= z->at[z->nat - 1] && z->has_rule)
		return tz_rule_offset(&z->rule, t);
	while (hi - lo > 1) {		/* the last change at or before t */
		size_t mid = lo + (hi - lo) / 2;

		if (z->at[mid] <= t)
			lo = mid;
		else
			hi = mid;
	}
	return z->off[z->type[lo]];
}

long long
tz_utc(const struct tz *z, long long local)
{
	long before = tz_offset(z, local - 86400);
	long after = tz_offset(z, local + 86400);
	int b = tz_offset(z, local - before) == before;
	int f = tz_offset(z, local - after) == after;

	if (b && f)	/* twice, where the clocks went back: the first */
		return local - (before > after ? before : after);
	if (f)
		return local - after;
	/* once, or never (skipped when the clocks went forward): read
	   with the offset in force before */
	return local - before;
}
