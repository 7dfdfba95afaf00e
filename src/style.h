/*
 * style.h - named styles (styles/NAME.xml, format in briefing-style(5)):
 * paper, margins, fonts by role, leading, colours, paragraph shape,
 * language of fixed strings, era and digits, running heads, banner,
 * watermark and contents.  Loaded by style.c, read by the layout.
 * Internal to libbriefing.  Lengths are in [u] = 1/1000 pt.
 */
#ifndef STYLE_H
#define STYLE_H

#include <stdint.h>

#include "when.h"

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
	ROLE_SMALL,		/* sources, contents entries, banner */
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
					   bottom of every page, in red */
	uint32_t	 banner_rgb;
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

#endif
