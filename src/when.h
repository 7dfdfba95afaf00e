/*
 * when.h - EDTF dates of events (the `when` attribute, FORMAT.md "Dates"):
 * parse into points and sort keys, print in a language, era and digits.
 * No allocation and no global state: results go in caller structs and
 * buffers. Internal to libbriefing; when.c documents the printed forms.
 */
#ifndef WHEN_H
#define WHEN_H

#include <stddef.h>

enum when_prec {
	WHEN_CENTURY = 1,	/* 19XX */
	WHEN_DECADE,		/* 197X */
	WHEN_YEAR,		/* 1970 */
	WHEN_MONTH,		/* 1970-05 */
	WHEN_DAY		/* 1970-05-17 */
};

/* Qualifier bits: ~ is APPROX, ? is UNCERTAIN, % is both. */
enum {
	WHEN_APPROX = 1,
	WHEN_UNCERTAIN = 2
};

struct when_point {
	int		 year, month, day;	/* month, day 0 when not given;
						   197X: year 1970, 19XX: 1900 */
	enum when_prec	 prec;			/* 0 for an open end */
	unsigned	 qual;			/* WHEN_APPROX | WHEN_UNCERTAIN */
	int		 open;			/* 1: ".." (open end of an interval) */
};

struct when {
	struct when_point a, b;		/* b used only for intervals, else 0 */
	int		 interval;
	long long	 key_start;	/* earliest possible start, as YYYYMMDD;
					   LLONG_MIN for ../B */
	long long	 key_end;	/* latest possible end, as YYYYMMDD;
					   LLONG_MAX for A/.. */
};

/*
 * Parse s. Returns 0, or -1 with a message (lower case, no final period,
 * e.g. "month 13 out of range 1-12") written to err and *errcol set to the
 * 1-based character column within s where the problem is. err may be NULL
 * when errlen is 0; errcol may be NULL. On error *w is all zero.
 */
int	when_parse(const char *s, struct when *w, char *err, size_t errlen,
	    int *errcol);
/*
 * Parse a plain YYYY-MM-DD day (meta/date): no X, qualifier or interval.
 * Same conventions as when_parse.
 */
int	when_parse_day(const char *s, struct when_point *p, char *err,
	    size_t errlen, int *errcol);
/* Chronological order: key_start, then key_end; for a stable sort. */
int	when_cmp(const struct when *, const struct when *);

enum when_lang { WHEN_TH, WHEN_EN };
enum when_era { WHEN_CE, WHEN_BE };		/* BE = CE + 543 */
enum when_digits { WHEN_ARABIC, WHEN_THAI };	/* Thai: U+0E50..U+0E59 */

struct when_fmt {
	enum when_lang	 lang;
	enum when_era	 era;
	enum when_digits digits;
	int		 abbrev;	/* abbreviated month names */
};

/*
 * Print w into buf (UTF-8, NUL-terminated, truncated safely: never inside
 * a character). Returns the length it needed without the NUL, like
 * snprintf; buf may be NULL when n is 0. f NULL means Thai, CE, Arabic
 * digits, full month names.
 */
size_t	when_format(const struct when *w, const struct when_fmt *f, char *buf,
	    size_t n);
/* Print a single point (the meta/date day) the same way; for footers. */
size_t	when_format_point(const struct when_point *p,
	    const struct when_fmt *f, char *buf, size_t n);
/*
 * Copy in to buf, turning ASCII digits into Thai digits when d is
 * WHEN_THAI (page numbers too). Same buffer rules as when_format; in and
 * buf must not overlap.
 */
size_t	when_digits(const char *in, enum when_digits d, char *buf, size_t n);

#endif /* WHEN_H */
