/*
 * input.h - the input stage: the document model read from a timeline
 * (reader.c over xmlsafe.c) or a feed (feed.c), its dates (when.c) and
 * their time zones (tz.c), the timestamps of feeds (stamp.c), and styles
 * (style.c).  Used by the layout and by doc.c.  Depends on base only.
 */
#ifndef INPUT_H
#define INPUT_H

#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

#include "base/base.h"

/*
 * when.h - EDTF dates of events (the `when` attribute, docs/format.md):
 * parse into points and sort keys, print in a language, era and digits.
 * No allocation and no global state: results go in caller structs and
 * buffers. Internal to libbriefing; when.c documents the printed forms.
 */
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

/* Small: there is one in every event (two in an interval). */
struct when_point {
	int		 year, month, day;	/* month, day 0 when not given;
						   197X: year 1970, 19XX: 1900 */
	enum when_prec	 prec;			/* 0 for an open end */
	int		 offset;		/* zoned: seconds east of UTC */
	unsigned char	 qual;			/* WHEN_APPROX | WHEN_UNCERTAIN */
	unsigned char	 open;			/* 1: ".." (open end of an
						   interval) */
	unsigned char	 time;			/* 1: with a time of day */
	unsigned char	 hour, min, sec;
	unsigned char	 zoned;			/* 1: the time has an offset */
};

struct when {
	struct when_point a, b;		/* b used only for intervals, else 0 */
	int		 interval;
	long long	 key_start;	/* earliest possible start, as YYYYMMDD;
					   LLONG_MIN for ../B */
	long long	 key_end;	/* latest possible end, as YYYYMMDD;
					   LLONG_MAX for A/.. */
	int		 tod_start;	/* the time of day of the start, in
					   seconds: 0 without a time */
	int		 tod_end;	/* of the end: 86400 without a time */
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
/*
 * Each time of w in zone z: one with an offset moved into the zone, one
 * without taken as the zone's local time; the keys then follow the
 * zone's days.  0, or -1 with a message as when_parse's (the column is
 * 1) when a year leaves 0000-9999.
 */
struct tz;
int	when_zone(struct when *w, const struct tz *z, char *err,
	    size_t errlen, int *errcol);
/*
 * w in the syntax when_parse reads (a time with seconds and its offset,
 * "Z" for UTC), into buf as when_format does.
 */
size_t	when_write(const struct when *w, char *buf, size_t n);

enum when_lang { WHEN_TH, WHEN_EN };
enum when_era { WHEN_CE, WHEN_BE };		/* BE = CE + 543 */
enum when_digits { WHEN_ARABIC, WHEN_THAI };	/* Thai: U+0E50..U+0E59 */

struct when_fmt {
	enum when_lang	 lang;
	enum when_era	 era;
	enum when_digits digits;
	int		 abbrev;	/* abbreviated month names */
	int		 times;		/* 1: a time of day follows its day */
};

/*
 * Print w into buf (UTF-8, NUL-terminated, truncated safely: never inside
 * a character). Returns the length it needed without the NUL, like
 * snprintf; buf may be NULL when n is 0. f NULL means Thai, CE, Arabic
 * digits, full month names, no times.
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

/*
 * tz.h - time zones from the system's database (tz.c): TZif files read
 * from the zoneinfo folder, POSIX TZ rules, days of the Gregorian
 * calendar.  Instants are seconds since 1970-01-01 00:00 UTC; a local
 * time is counted the same way, as if the zone were UTC.
 */
#define TZ_DEFAULT	"Asia/Bangkok"
struct arena;
struct diag;

/* Days since 1970-01-01 of a day of the proleptic Gregorian calendar. */
long long	 tz_days(long long y, int m, int d);
void		 tz_date(long long days, int *y, int *m, int *d);
/* Zone name (an IANA name) in the arena; NULL with why. */
const struct tz	*tz_load(struct arena *, const char *name, char *why,
		    size_t n);
/* A zone of a POSIX TZ rule alone ("<+07>-7", "EST5EDT,M3.2.0,M11.1.0"). */
const struct tz	*tz_posix(struct arena *, const char *rule);
/*
 * The document's zone: name, or Asia/Bangkok when it is NULL (UTC+7 when
 * the system has no zone files); NULL, reported, when it cannot be read.
 */
const struct tz	*tz_doc(struct arena *, struct diag *, const char *name);
const char	*tz_name(const struct tz *);
/* Seconds east of UTC in z at instant t. */
long		 tz_offset(const struct tz *, long long t);
/*
 * The instant of local time lt in z: where the clocks went back, the
 * first of the two; in an hour skipped, read with the offset before it.
 */
long long	 tz_utc(const struct tz *, long long lt);

/*
 * stamp.h - timestamps of feeds (stamp.c): the RFC 822 dates of RSS and
 * the durations of iCalendar.  Both return 0, or -1 with a message and
 * a column as when_parse does.
 */
enum {
	STAMP_ZONE_UNKNOWN = 1,	/* a military letter but Z: read as
				   UTC, the instant may be hours out */
	STAMP_WDAY = 2		/* the day of the week does not fit */
};

struct stamp {
	long long	 utc;		/* the instant */
	long		 offset;	/* seconds east of UTC, as written */
	unsigned	 flags;		/* STAMP_* */
	int		 wday_at;	/* STAMP_WDAY: its byte in the text */
};

/* "Sat, 05 Dec 2026 19:05:00 -0500" and RFC 822's other forms. */
int	stamp_822(const char *s, struct stamp *, char *err, size_t errlen,
	    int *errcol);
/* "P1D", "PT2H30M", "-P1W": whole days (W, D) and seconds (H, M, S). */
int	stamp_duration(const char *s, long *days, long *secs, char *err,
	    size_t errlen, int *errcol);

/*
 * model.h - the document model: a timeline of events with fuzzy dates and
 * paragraphs of normalised text that keep their inline structure.
 * Built by reader.c, ordered by model.c, read by layout and dump.
 * Everything here lives in the document's arena.
 */
struct arena;
struct diag;

/*
 * A source file as read, for positions and diagnostics.  A file's bytes
 * are let go once the document is read (src_drop) and read again only if
 * a message needs a position in it later (pos_linecol).
 */
struct src {
	const char	*name;		/* (arena) as given, for messages */
	const char	*path;		/* (arena) to read it again; NULL: it
					   came from memory, and stays */
	const char	*buf;		/* raw bytes, NUL-terminated; NULL
					   once let go */
	size_t		 len;
	size_t		*lines;		/* byte offset of each line start */
	size_t		 nlines;
	void		**hbuf, **hlines;	/* (arena) the slots that hold
					   buf and lines, from a file */
	long long	 mtime_ns;	/* the file's, as read */
	int		 input;		/* 1: an input, not a file it names */
	struct src	*next;		/* (arena) the model's list */
};

struct tl_pos {
	const struct src *src;		/* (arena) NULL when unknown */
	size_t		 off;		/* byte offset in src->buf */
};

/* Inline styles, as bits. */
enum {
	TL_EM = 1 << 0,
	TL_STRONG = 1 << 1,
	TL_QUOTE = 1 << 2,		/* inside <q>; the marks are in the text */
	TL_LINK = 1 << 3
};

/* A stretch of a paragraph's text with one style. */
struct tl_span {
	size_t		 start, end;	/* bytes of the text */
	unsigned	 style;		/* TL_* bits */
	const char	*href;		/* (arena) for TL_LINK: href_encode's */
};

/* Where a piece of the text came from: a text node of a source file. */
struct tl_srcmap {
	size_t		 start;		/* first byte of the normalised text */
	struct tl_pos	 pos;		/* position of that byte's source */
};

/* A paragraph, a title or any other text: normalised UTF-8. */
struct tl_text {
	char		*s;		/* (arena) NUL-terminated; <br> is U+000A */
	size_t		 len;
	struct tl_span	*spans;		/* (arena) in order, covering s */
	size_t		 nspans;
	struct tl_srcmap *map;		/* (arena) in order of start */
	size_t		 nmap;
	const char	*lang;		/* (arena) "th", "en", ... */
	struct tl_pos	 pos;		/* the element */
};

struct tl_source {
	struct tl_text	 text;
	const char	*href;		/* (arena) href_encode's, or NULL */
};

struct tl_event {
	const char	*when_raw;	/* (arena) the when value as written */
	struct when	 when;
	const char	*label;		/* (arena) normalised, or NULL */
	struct tl_pos	 label_pos;	/* its value's */
	const char	*id;		/* (arena) or NULL */
	const char	*tags;		/* (arena) or NULL */
	struct tl_text	*title;		/* (arena) or NULL */
	struct tl_text	*paras;		/* (arena) array */
	size_t		 npara;
	struct tl_source *sources;	/* (arena) array */
	size_t		 nsource;
	struct arena	*own;		/* of paras and sources, or NULL:
					   the model's */
	size_t		 seq;		/* document order */
	struct tl_pos	 pos;
	int		 feed;		/* 1: an entry of a feed */
};

struct tl_model {
	const char	*lang;		/* (arena) document language */
	struct tl_text	*title;
	struct tl_text	*subtitle;	/* or NULL */
	const char	*author;	/* (arena) authors joined with ", " or NULL */
	const char	*organization;
	const char	*date;		/* YYYY-MM-DD or NULL */
	int		 date_y, date_m, date_d;
	const char	*classification;
	struct tl_pos	 classification_pos;	/* the element's */
	const char	*keywords;
	struct tl_source *sources;	/* meta sources */
	size_t		 nsource;
	struct tl_text	*intro;		/* array of paragraphs */
	size_t		 nintro;
	struct tl_event	*events;	/* array, in printed order after model_sort */
	size_t		 nevent;
	struct src	*srcs;		/* (arena) the files read */
	/* a packet: its cover note is intro, its timelines the parts */
	int		 packet;
	const char	*distribution;	/* (arena) meta's note, or NULL */
	struct tl_model	*parts;		/* (arena) array, in order */
	size_t		 nparts;
	/* the time zone its days are counted in */
	const char	*tz;		/* (borrowed) an IANA name: the
					   caller's, else meta/timezone once
					   read; NULL: Asia/Bangkok */
	const struct tz	*zone;		/* (arena) loaded when it is read */
	int		 feed;		/* 1: read from a feed */
};

/*
 * textb.c: a text being built (by the reader and the feed readers):
 * textb_put folds white space and normalises Thai; textb_span starts a
 * span of style and link at the end; textb_map notes where the text put
 * next comes from.
 */
struct textb {
	struct buf	 text;
	struct tl_span	*spans;		/* (owned) */
	size_t		 nspans, capspans;
	struct tl_srcmap *map;		/* (owned) */
	size_t		 nmap, capmap;
	int		 pending_space;
};
void	textb_begin(struct textb *);
void	textb_free(struct textb *);
void	textb_span(struct textb *, unsigned style, const char *href);
void	textb_map(struct textb *, const struct tl_pos *);
void	textb_put(struct textb *, const char *s);
/* The text built, as a tl_text in the arena; line ends at its end go. */
struct tl_text	*textb_take(struct textb *, struct arena *, const char *lang,
		    const struct tl_pos *);

/* model.c */
void	model_sort(struct tl_model *);
void	model_pack(struct tl_model *, struct arena *);
/*
 * Inputs in[0..n) as one document in out: the title, subtitle, meta and
 * intro of in[head], the events of all in their order (their files stay
 * with each: out has none).
 */
void	model_merge(struct tl_model *out, const struct tl_model *in,
	    size_t n, size_t head, struct arena *);
/*
 * Events kept once: one whose id an earlier event has is left out, and
 * so is an entry of a feed whose link a timeline's event cites or an
 * earlier entry has.  The number left out.
 */
size_t	model_dedupe(struct tl_model *);
/* What a selection keeps: events that meet [since, until], with a tag. */
struct select {
	long long	 since, until;	/* YYYYMMDD; LLONG_MIN, LLONG_MAX:
					   open */
	const char *const *tags;	/* NULL-ended: one of them; NULL: any */
};
/* The events s keeps, in their order; the number left out. */
size_t	model_select(struct tl_model *, const struct select *s);
/* s (normalised) as m's title. */
void	model_title(struct tl_model *, struct arena *, const char *s);
/* The document's day: its meta's date, else now's in its zone. */
void	model_day(const struct tl_model *, long long now, int *y, int *mo,
	    int *d);
/*
 * t with its digits 0-9 as Thai digits ๐-๙, but for those of a word (a
 * run between spaces and line ends) that has a Latin letter: F-16,
 * COVID-19, a web address.  A copy in the arena, its spans and places
 * moved with the text, or t itself when no digit changes.
 */
const struct tl_text *text_thai_digits(struct arena *, const struct tl_text *);
/* Where byte off of t came from: file line and column (1-based, chars). */
void	text_locate(const struct tl_text *, size_t off, const char **file,
	    int *line, int *col);
void	pos_linecol(const struct tl_pos *, int *line, int *col);
int	src_load(const struct src *);
/* The printed date of an event into buf. */
size_t	event_date(const struct tl_event *, const struct when_fmt *,
	    char *buf, size_t n);
void	model_dump(const struct tl_model *, const struct when_fmt *, FILE *);

/*
 * What a document may hold (briefing(1), LIMITS): beyond any of them it
 * is refused with a message naming the limit, before the work they would
 * cost.  Nesting of includes is bounded too (reader.c), and so is the
 * nesting of elements (libxml2's own limit).
 */
#define INPUT_FILE_MAX	(64 << 20)	/* bytes of a file */
#define INPUT_TOTAL_MAX	(256 << 20)	/* bytes of all its files */
#define INPUT_INCLUDES_MAX 1000		/* files included */
#define INPUT_EVENTS_MAX 100000		/* events */

/*
 * reader.c: a document from a file (buf NULL) or from buf, len, which
 * are copied; its files' bytes are let go at the end (struct src).  A
 * packet is refused when packet_no is set (the reason, " (...)", for
 * the message).  *bytes counts what the document has read, against
 * INPUT_TOTAL_MAX.
 */
int	reader_read(struct tl_model *, struct arena *, struct diag *,
	    const char *name, const char *buf, size_t len,
	    const char *packet_no, size_t *bytes);
/*
 * A link target as the PDF gets it, appended to out: every byte a URI may
 * not hold (0x80 and above, controls, space, " < > \ ^ ` { | }, a % that
 * starts no %XX, a second #, [ and ] outside the host) as %XX, upper-case
 * hex; all else, valid %XX too, as it is.  The reader checks links with it.
 */
struct buf;
void	href_encode(const char *s, size_t len, struct buf *out);
/*
 * A link as the reader makes one, into out (emptied first): h trimmed of
 * white space at its ends (as HTML does), checked (http://, https://,
 * mailto: or a #place) and percent-encoded, at most 8,192 bytes.  0, or
 * -1 with the message in msg, as the reader reports it (`href
 * "javascript:x": links to javascript: are not allowed: ...`).
 */
#define HREF_MSG	320
int	href_take(const char *h, struct buf *out, char *msg, size_t n);

/*
 * style.h - named styles (styles/NAME.xml, format in briefing-style(5)):
 * paper, margins, fonts by role, leading, colours, paragraph shape,
 * language of fixed strings, era and digits, running heads, banner,
 * watermark and contents.  Loaded by style.c, read by the layout.
 * Internal to libbriefing.  Lengths are in [u] = 1/1000 pt.
 */
struct arena;
struct diag;

enum style_role {
	ROLE_BODY,		/* paragraphs */
	ROLE_BOLD,		/* <strong>, event titles unless ROLE_HEADING */
	ROLE_ITALIC,		/* <em> */
	ROLE_HEADING,		/* document title */
	ROLE_EVENT,		/* event title */
	ROLE_DATE,		/* the date column / date line of an event */
	ROLE_HEADER,		/* running header and footer */
	ROLE_SMALL,		/* sources, contents entries */
	ROLE_BANNER,		/* the classification: set by <banner>, not
				   by <font>; its colour is the banner's */
	ROLE__MAX
};

enum style_align {
	ALIGN_LEFT,		/* ragged right */
	ALIGN_JUSTIFY,		/* stretch at spaces and Thai word boundaries */
	ALIGN_THAI_DISTRIBUTED,	/* as justify, Thai boundaries stretch as much
				   as spaces (Thai distributed) */
	ALIGN_CENTER,
	ALIGN_RIGHT
};

struct style_font {
	const char	*families;	/* (arena) comma-separated list */
	int		 bold, italic;
	int32_t		 size;		/* [u] */
	int32_t		 leading;	/* [u] baseline to baseline */
	uint32_t	 rgb;		/* 0xRRGGBB */
};

/* A running header or footer: three slots with fields in braces. */
struct style_running {
	const char	*left;		/* (arena) template or NULL */
	const char	*center;
	const char	*right;
	int		 first_page;	/* 1: also on the first page */
	int		 rule;		/* 1: a thin rule between it and the text */
};

struct style {
	const char	*name;		/* (arena) */
	int32_t		 page_w, page_h;	/* [u] */
	int32_t		 margin_top, margin_bottom;	/* [u] */
	int32_t		 margin_inner, margin_outer;	/* [u] left, right on
							   odd pages */
	int		 mirror;	/* 1: inner/outer swap on even pages */
	int32_t		 gutter;	/* [u] added to the inner margin */
	struct style_font font[ROLE__MAX];
	int32_t		 indent;	/* [u] first line of a paragraph */
	int32_t		 para_space;	/* [u] between paragraphs */
	int32_t		 event_space;	/* [u] before each event */
	int32_t		 date_width;	/* [u] date column; 0: date on its own
					   line above the event */
	enum style_align align;
	double		 max_stretch;	/* largest gap: space width * (1 + this) */
	const char	*lang;		/* (arena) fixed strings: "th" or "en" */
	struct when_fmt	 datefmt;	/* era, digits, month names */
	struct style_running header, footer;	/* fields: {title} {event}
				   {period} {page} {pages} {date} */
	int		 banner;	/* 1: print meta/classification top and
					   bottom of every page, in
					   font[ROLE_BANNER] */
	uint32_t	 link_rgb;	/* links in the text */
	int		 text_digits;	/* 1: the document's 0-9 printed as
					   Thai digits (layout.c says where) */
	const char	*watermark;	/* (arena) text or NULL */
	int		 toc;		/* 1: a contents page */
	uint32_t	 rule_rgb;	/* rules and leaders */
};

/* The built-in styles: briefing (the default), official, letter. */
extern const char *const style_builtin[];

/*
 * Load a style by name (a built-in one, compiled in from styles/) or by
 * file path (contains '/' or ends in .xml); NULL name: the default.  A
 * file is validated against the style schema (a built-in style was, when
 * the program was tested); errors go to the diag as file:line:col and
 * NULL is returned.
 */
const struct style *style_load(struct arena *, struct diag *,
		    const char *name_or_file);

#endif /* INPUT_H */
