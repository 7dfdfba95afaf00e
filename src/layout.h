/*
 * layout.h - from the model to pages: lines, paragraphs, blocks, pages,
 * running heads, contents, and the PDF through pdf.h.
 * Internal to libbriefing.
 */
#ifndef LAYOUT_H
#define LAYOUT_H

#include <stdio.h>

struct tl_model;
struct diag;
struct brk;

struct layout_opts {
	const char	*style;		/* name or file, NULL: default */
	int		 toc;		/* 1: force contents */
	FILE		*dump;		/* --dump-layout: write the pages here */
	const char	*words;		/* the user's word list file, or NULL */
	struct brk_prep	*prep;		/* (borrowed) a breaker being made, or NULL */
	int		 exiting;	/* 1: leave the memory to the system */
};

/*
 * A line breaker made in a thread of its own (libthai loads its dictionary
 * in about 8 ms) while the caller reads the input.  Take it once with
 * brk_prep_take (it waits); brk_prep_free waits and frees what was not
 * taken.
 */
struct brk_prep;
struct brk_prep	*brk_prep_start(void);
struct brk	*brk_prep_take(struct brk_prep *, struct diag *);
void		 brk_prep_free(struct brk_prep *);
/*
 * A second breaker over the one being made's libthai dictionary, with the
 * built-in word list only: waits until that one is made (taken or not; it
 * must outlive this one).  NULL when it failed or no thread made it.
 */
struct brk	*brk_prep_helper(struct brk_prep *);
/* Wait for the thread to end (it goes on touching memory after the take). */
void		 brk_prep_join(struct brk_prep *);

/* Lay out m and write the PDF to path (the caller makes it atomic). */
int	layout_render(const struct tl_model *, struct diag *,
	    const struct layout_opts *, const char *path);

#endif
