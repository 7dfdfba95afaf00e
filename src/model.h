/*
 * model.h - the document model: a timeline of events with fuzzy dates and
 * paragraphs of normalised text that keep their inline structure.
 * Built by reader.c, ordered by model.c, read by layout and dump.
 * Everything here lives in the document's arena.
 */
#ifndef MODEL_H
#define MODEL_H

#include <stddef.h>
#include <stdio.h>

#include "when.h"

struct arena;
struct diag;

/* A source file as read, for positions and diagnostics. */
struct src {
	const char	*name;		/* (arena) as given, for messages */
	const char	*buf;		/* (arena) raw bytes, NUL-terminated */
	size_t		 len;
	size_t		*lines;		/* (arena) byte offset of each line start */
	size_t		 nlines;
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
	const char	*href;		/* (arena) for TL_LINK */
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
	const char	*href;		/* (arena) or NULL */
};

struct tl_event {
	const char	*when_raw;	/* (arena) the when value as written */
	struct when	 when;
	const char	*label;		/* (arena) normalised, or NULL */
	const char	*id;		/* (arena) or NULL */
	const char	*tags;		/* (arena) or NULL */
	struct tl_text	*title;		/* (arena) or NULL */
	struct tl_text	*paras;		/* (arena) array */
	size_t		 npara;
	struct tl_source *sources;	/* (arena) array */
	size_t		 nsource;
	size_t		 seq;		/* document order */
	struct tl_pos	 pos;
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
	const char	*keywords;
	struct tl_source *sources;	/* meta sources */
	size_t		 nsource;
	struct tl_text	*intro;		/* array of paragraphs */
	size_t		 nintro;
	struct tl_event	*events;	/* array, in printed order after model_sort */
	size_t		 nevent;
};

/* model.c */
void	model_sort(struct tl_model *);
/* Normalise Thai in place: U+0E4D U+0E32 becomes U+0E33. Returns new len. */
size_t	text_normalise(char *s, size_t len);
/* Where byte off of t came from: file line and column (1-based, chars). */
void	text_locate(const struct tl_text *, size_t off, const char **file,
	    int *line, int *col);
void	pos_linecol(const struct tl_pos *, int *line, int *col);
/* The printed date of an event into buf. */
size_t	event_date(const struct tl_event *, const struct when_fmt *,
	    char *buf, size_t n);
void	model_dump(const struct tl_model *, const struct when_fmt *, FILE *);

/* reader.c */
int	reader_read(struct tl_model *, struct arena *, struct diag *,
	    const char *name, const char *buf, size_t len);

#endif
