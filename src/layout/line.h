/*
 * line.h - total-fit paragraph breaking (Knuth and Plass) over boxes, glue
 * and penalties.  Widths come from the text engine; this file knows no
 * fonts, so tests feed it a stub font of fixed advances.
 * Internal to libbriefing.  Lengths are in [u] = 1/1000 pt.
 */
#ifndef LINE_H
#define LINE_H

#include <stddef.h>
#include <stdint.h>

enum item_kind {
	ITEM_BOX,		/* unbreakable: a word or part of one */
	ITEM_GLUE,		/* a space: a break may come before it */
	ITEM_PENALTY		/* a break opportunity with a cost */
};

#define PENALTY_INF	10000	/* never break here */
#define PENALTY_FORCE	(-10000) /* always break here */

struct item {
	enum item_kind	 kind;
	int32_t		 width;		/* [u] */
	int32_t		 stretch;	/* [u] glue */
	int32_t		 shrink;	/* [u] glue */
	int32_t		 penalty;	/* penalty cost */
	size_t		 start, end;	/* bytes of the paragraph's text */
};

struct line_params {
	int32_t		 width;		/* [u] line width */
	int32_t		 indent;	/* [u] first line indent */
	double		 tolerance;	/* largest adjustment ratio allowed */
	int32_t		 line_penalty;	/* added to every line's demerits */
	int		 ragged;	/* 1: left aligned, glue does not stretch */
	double		 max_ratio;	/* largest stretch drawn (bounded gaps) */
};

struct line {
	size_t		 first, last;	/* items [first, last) */
	double		 ratio;		/* adjustment: >0 stretch, <0 shrink */
	int32_t		 natural;	/* [u] width before adjustment */
	int		 overfull;	/* could not fit: shrunk to the limit */
	int		 underfull;	/* ratio capped at max_ratio: line short */
};

/*
 * Break items[0..n) into lines; the last item must be a forced penalty.
 * Fills lines (caller allocates n entries) and returns how many lines.
 * When no break sequence fits the tolerance, the tolerance is raised;
 * when nothing fits at all, a line is marked overfull.
 */
size_t	line_break(const struct item *, size_t n, const struct line_params *,
	    struct line *);

#endif
