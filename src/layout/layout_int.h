/*
 * layout_int.h - what the layout's files share: para.c sets paragraphs
 * into lines, page.c breaks them into pages, layout.c runs the whole and
 * adds the running heads, contents, watermark and bookmarks, dump.c
 * prints the pages as text.  Internal to the layout.
 * Lengths are [u] = 1/1000 pt; y grows downward from the top of the page.
 */
#ifndef LAYOUT_INT_H
#define LAYOUT_INT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "text/text.h"
#include "input/input.h"
#include "layout.h"

struct arena;
struct diag;
struct brk;
struct tl_model;
struct tl_text;

/* A paragraph set into lines. */
struct pset {
	struct pline	*lines;		/* (arena) */
	size_t		 nlines;
	const struct tl_text *text;	/* (borrowed) */
};

/* The layout's tools, made once per run. */
struct lctx {
	struct arena	*a;		/* (borrowed) */
	struct diag	*d;		/* (borrowed) */
	const struct style *st;		/* (arena) */
	const struct tl_model *m;	/* (borrowed) */
	struct when_fmt	 fmt;		/* dates, as the style says */
	struct fontset	*fs;		/* (borrowed) the text environment's */
	struct brk	*brk;		/* (borrowed) */
	struct shaper	*sh;		/* (borrowed) */
	struct fontchain *chain[ROLE__MAX][4];	/* by bold | italic << 1 */
	unsigned char	*cls;		/* (owned) break classes, reused */
	unsigned char	*grade;		/* (owned) enum brk_grade, reused */
	unsigned char	*sub;		/* (owned) emergency breaks, reused */
	size_t		 cap;
	struct glyph	*g;		/* (owned) glyphs of a paragraph, reused */
	struct font	**gf;		/* (owned) font of each glyph */
	int32_t		*gadv;		/* (owned) [u] advance of each glyph */
	size_t		 gcap;
	struct scache	*sc;		/* (owned) shaped chunks, see para.c */
	struct item	*items;		/* (owned) reused */
	int32_t		*itrack;	/* (owned) [u] of each item's stretch,
					   the clusters' before it (para.c) */
	struct line	*lines;		/* (owned) reused */
	size_t		 icap;
};

/* The layout's tools over env's fonts, breaker and shaper (borrowed). */
void	lctx_init(struct lctx *, struct arena *, struct diag *,
	    const struct style *, const struct tl_model *, struct textenv *);
void	lctx_free(struct lctx *);
void	scache_free(struct scache *);

/*
 * Set text in role's font into lines of width w; the first line is
 * indented by indent. align from the style or forced by the caller.
 */
struct pset *para_set(struct lctx *, const struct tl_text *,
	    enum style_role, int32_t w, int32_t indent, enum style_align);
/*
 * A title or heading set in as narrow a measure as keeps its number of
 * lines, so that they come out of like lengths (the last never a word
 * alone): *used is that measure [u], to centre it in w.
 */
struct pset *para_balanced(struct lctx *, const struct tl_text *,
	    enum style_role, int32_t w, enum style_align, int32_t *used);
/* A plain string as a text of one span (labels, running heads). */
struct tl_text *para_plain(struct arena *, const char *s, const char *lang);
/* The same for text that stands in a source at from (NULL: none). */
struct tl_text *para_plain_at(struct arena *, const char *s, const char *lang,
		    const struct tl_pos *from);

/* ------------------------------------------------------------------ */
/* Pages */

enum row_kind {
	ROW_TITLE,		/* the document's title block */
	ROW_DATE,		/* an event's date on a line of its own */
	ROW_HEAD,		/* an event's title */
	ROW_PARA,		/* a line of a paragraph */
	ROW_SOURCE,		/* a line of a source */
	ROW_CONT		/* "(continued)" at the top of a page */
};

/* One line across the text area: a text line, maybe a date beside it. */
struct row {
	enum row_kind	 kind;
	int32_t		 space;		/* [u] space before, dropped at a page top */
	int32_t		 height;	/* [u] baseline to next baseline */
	const struct pline *text;	/* (arena) or NULL */
	int32_t		 x;		/* [u] of text, from the text area's left */
	const struct pline *side;	/* (arena) date in the date column */
	int		 para;		/* paragraph number in its block, -1 none */
	int		 line, nlines;	/* line in that paragraph */
	const char	*label;		/* (arena) for the dump: "p", "title"... */
	const char	*lang;		/* (borrowed) the text's language */
	const char	*side_label;	/* what side is when not a date (a
					   contents entry's), or NULL */
	int		 more;		/* 1: its text goes on with the
					   element before (a contents entry
					   after its date) */
};

/* A run of rows that the page builder places together: an event. */
struct block {
	struct row	*rows;		/* (arena) */
	size_t		 nrows;
	size_t		 head;		/* rows that must stay with 2 text lines */
	int		 whole;		/* 1: keep on one page when it fits */
	const struct tl_event *event;	/* (borrowed) or NULL */
	const struct pline *date;	/* (arena) date, for continuations */
	int		 broken;	/* set by page_flow: what had to stay
					   together did not fit on an empty
					   page, and was split */
};

struct pbox *page_add(struct page *, enum pbox_kind);
/* A box at index at, those from there on moved after it. */
struct pbox *page_insert(struct page *, size_t at, enum pbox_kind);
struct page *doc_new_page(struct doclayout *);
/* The pages and marks of dl (not its arena). */
void	doclayout_free(struct doclayout *);
/* Text area of page index i (mirrored margins swap on even pages). */
void	page_area(const struct style *, size_t i, int32_t *x0, int32_t *y0,
	    int32_t *w, int32_t *h);
/*
 * Place blocks from page index first on, keeping an event's head with two
 * lines of its text, short events whole, no widow or orphan, and marking
 * an event that goes on with cont (the "(continued)" line).
 */
void	page_flow(struct doclayout *, const struct style *, struct block *,
	    size_t nblocks, size_t first, struct pline *(*cont)(void *,
	    const struct block *), void *ctx);
/* A mark (a contents entry's page) for e (NULL: a packet's part) here. */
void	doc_mark(struct doclayout *, const struct tl_event *e);

#endif /* LAYOUT_INT_H */
