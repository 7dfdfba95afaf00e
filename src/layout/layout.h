/*
 * layout.h - the layout stage: from the model, a style and the text
 * environment to laid-out pages (lines of positioned glyphs, rules,
 * leaders, links), with running heads, contents, watermark, bookmarks and
 * document information decided.  The pdf stage draws what it holds;
 * layout_dump prints it as text (--dump-layout).
 * Lengths are [u] = 1/1000 pt; y grows downward from the top of the page.
 */
#ifndef LAYOUT_H
#define LAYOUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

struct arena;
struct diag;
struct font;
struct glyph;
struct style;
struct textenv;
struct tl_event;
struct tl_model;

#define U_PER_PT	1000
/*
 * Pages a document may have (briefing(1), LIMITS): libharu keeps a PDF's
 * pages in one array of at most 32,767 entries.
 */
#define LAYOUT_PAGES_MAX 32767

/* Glyphs of one font, size and colour on one line. */
struct piece {
	struct font	*font;		/* (borrowed) */
	int32_t		 size;		/* [u] */
	uint32_t	 rgb;
	struct glyph	*g;		/* (arena) justification applied */
	unsigned	 ng;
	int32_t		 x;		/* [u] from the line's left edge */
	int32_t		 width;		/* [u] */
	const char	*text;		/* (arena) text the clusters index */
	size_t		 textlen;
	const char	*href;		/* (arena) link target or NULL */
	unsigned	 style;		/* TL_EM, TL_STRONG, TL_QUOTE (input.h)
					   of its text */
};

struct pline {
	struct piece	*pieces;	/* (arena) */
	unsigned	 npieces;
	int32_t		 width;		/* [u] as set (after justification) */
	int32_t		 leading;	/* [u] baseline to baseline */
	int32_t		 ascent;	/* [u] above the baseline */
	size_t		 start, end;	/* bytes of the text */
	int		 overfull;
};

enum pbox_kind {
	PBOX_LINE,		/* a set line: baseline at y */
	PBOX_RULE,		/* a horizontal rule: y, w, h */
	PBOX_LEADER,		/* dotted leader from x to x + w at baseline y */
	PBOX_LINK		/* an internal link area to a page */
};

struct pbox {
	enum pbox_kind	 kind;
	int32_t		 x, y;		/* [u] from the page's top left */
	int32_t		 w, h;		/* [u] */
	const struct pline *line;	/* (arena) for PBOX_LINE */
	uint32_t	 rgb;
	int		 target;	/* PBOX_LINK: page index */
	int32_t		 target_y;	/* [u] */
	const char	*label;		/* (arena) what it is, for the dump
					   and the PDF's structure */
	unsigned	 flags;		/* PBOX_NEW, PBOX_SECT */
	const char	*lang;		/* (borrowed) its text's, or NULL */
};

/*
 * Where a box stands in the document's structure, in reading order: the
 * first line of a paragraph (or a title, a date) starts a new element;
 * the first box of an event starts its section.  A line without
 * PBOX_NEW goes on with the element before it, over a page break too.
 */
enum {
	PBOX_NEW = 1,
	PBOX_SECT = 2
};

/* Where an event starts, for contents and bookmarks. */
struct mark {
	const struct tl_event *event;	/* (borrowed) */
	int		 page;		/* index */
	int32_t		 y;		/* [u] */
};

struct page {
	struct pbox	*boxes;		/* (owned by the layout) */
	size_t		 nbox, cap;
	const struct tl_event *event;	/* current event, for running heads */
	int		 body;		/* 1: a timeline page (not contents) */
	int32_t		 x0, y0, w, h;	/* [u] its text area */
};

/* The watermark: one line, rotated 45 degrees about its origin. */
struct watermark {
	const struct pline *line;	/* (arena) or NULL: none */
	double		 x, y;		/* [pt] the origin, from the page's
					   bottom left */
	double		 scale;		/* of the line's sizes and offsets */
	double		 alpha;		/* fill opacity */
};

/* A bookmark. */
struct outline {
	const char	*title;		/* (arena) UTF-8 */
	int		 parent;	/* index of its parent, -1: top level */
	int		 page;		/* index */
	int32_t		 y;		/* [u] the top of the view */
};

/* The document information dictionary. */
struct docinfo {
	const char	*title, *author, *subject, *keywords;	/* (borrowed) */
	const char	*lang;		/* (borrowed) the document's, BCP 47 */
	const char	*classification;	/* (borrowed) the highest of
					   the document's, or NULL */
	int		 y, mo, d, h, mi, s;	/* creation date, UTC */
};

/*
 * The laid-out document: everything the pdf stage draws, decided.  Owns
 * its memory (layout_free); borrows the model (events, texts) and the
 * text environment (fonts), which must outlive it.
 */
struct doclayout {
	struct arena	*arena;		/* (owned) lines, pieces, strings */
	int32_t		 page_w, page_h;	/* [u] */
	struct page	*pages;		/* (owned) */
	size_t		 npages, cap;
	struct mark	*marks;		/* (owned) */
	size_t		 nmarks, capmarks;
	int32_t		 x0, y0, w, h;	/* [u] text area of the current page */
	int32_t		 y;		/* [u] cursor below the text area top */
	struct watermark wm;		/* on every page when wm.line is set */
	struct outline	*outlines;	/* (arena) bookmarks, in order */
	size_t		 noutlines;
	struct docinfo	 info;
	/*
	 * Page labels: from page first on, prefix then 1, 2 ...; none: 1,
	 * 2 ... from the first page, as the pages print them.
	 */
	struct pagelabel {
		size_t		 first;
		const char	*prefix;	/* (arena) ASCII, or NULL */
		int		 roman;		/* i, ii ... rather than 1, 2 */
		int		 thai;		/* ๑, ๒ ... (and in the prefix) */
	}		*labels;	/* (arena) in page order */
	size_t		 nlabels;
};

struct layout_opts {
	int		 toc;		/* 1: a contents page whatever the style */
	time_t		 date;		/* the document's date when its meta
					   has none */
	/*
	 * 1: the model is laid out once, with a sink: each event's
	 * paragraphs and sources (tl_event.own) are let go with its lines,
	 * once its pages are out, and the model is not to be used again
	 */
	int		 once;
};

/*
 * Where layout_run hands each page as soon as it is final, so that its
 * layout can be freed and memory does not grow with the document: first
 * each page's body (lines, rules, leaders, links; the watermark goes with
 * it), in page order, except that the title and contents pages come after
 * the others, once the contents' page numbers are known; then, the page
 * count known, each page's furniture (running heads, banner).  The page's
 * boxes are freed after the call, and the lines of a block once all its
 * pages are out.
 */
struct layout_sink {
	void	(*page)(void *ctx, const struct doclayout *, size_t index,
		    int furniture);
	void	*ctx;
};

/*
 * Lay out m in style st with env's fonts and breaker, handing the pages
 * to sink; without a sink (NULL) every page stays in the doclayout, for
 * layout_dump.  NULL when layout failed or reported errors (to d).
 */
struct doclayout *layout_run(const struct tl_model *m, const struct style *st,
	    struct textenv *env, struct diag *d, const struct layout_opts *,
	    const struct layout_sink *sink);
void	layout_free(struct doclayout *);
/* The page and height [u] where the event with id starts: 1, or 0. */
int	layout_find_id(const struct doclayout *, const char *id, int *page,
	    int32_t *y);

/*
 * A numbered copy's mark: "ฉบับที่ 3 / 10" (or the document language's
 * words) and the recipient, one line in the style's small role, flush
 * right above the running head, the same on every page of the copy.
 */
struct copymark {
	const struct pline *line;	/* (dl's arena) or NULL */
	int32_t		 x, y;		/* [u] its baseline's start */
	const char	*copy;		/* (dl's arena) "3 / 10" */
	const char	*recipient;	/* (borrowed) or NULL */
};
/* The mark of copy n of total, for recipient (NULL: none), set in dl. */
void	layout_copymark(struct doclayout *dl, const struct style *st,
	    struct textenv *env, struct diag *d, int n, int total,
	    const char *recipient, struct copymark *out);
/*
 * A proof sheet of text in family at size [u] (layout.c); NULL when no
 * font can be had.  Characters no font covers are drawn as .notdef (glyph
 * 0) and reported to d.
 */
struct doclayout *layout_proof(const char *text, const char *family,
	    int32_t size, struct textenv *env, struct diag *d);
/* The pages as text, a line a box (dump.c). */
void	layout_dump(const struct doclayout *, FILE *);

#endif /* LAYOUT_H */
