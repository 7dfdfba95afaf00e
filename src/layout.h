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
};

/* Lay out m and write the PDF to path (the caller makes it atomic). */
int	layout_render(const struct tl_model *, struct diag *,
	    const struct layout_opts *, const char *path);

#endif
