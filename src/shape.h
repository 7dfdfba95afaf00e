/*
 * shape.h - split text into runs of one font and one script, and shape
 * them with HarfBuzz.
 *
 * Internal to libbriefing: used by the layout, proof.c and render_pdf.c
 * (which reads struct glyph).  Lengths are font units: multiply by
 * size * font->scale / font->upem for points.
 */
#ifndef SHAPE_H
#define SHAPE_H

#include <stddef.h>
#include <stdint.h>

#include "font.h"

struct glyph {
	uint32_t	 gid;		/* glyph id in run->font */
	int32_t		 ax;		/* [font units] advance */
	int32_t		 dx, dy;	/* [font units] offset from the pen */
	uint32_t	 cluster;	/* byte offset in the text */
};

struct run {
	struct font	*font;		/* (borrowed from the fontset) */
	size_t		 start, end;	/* bytes of the text */
	int		 script;	/* hb_script_t */
	struct glyph	*g;		/* (owned by the shaper) */
	unsigned	 ng;
	int64_t		 adv;		/* [font units] sum of ax */
};

struct shaper;

struct shaper	*shaper_new(void);
void		 shaper_free(struct shaper *);

/*
 * Split text[0..len) (UTF-8, normalised) into runs and shape them.
 *
 * Fonts: each character takes fontchain_font(); a combining mark stays
 * with its base's font when that font has it; spaces, punctuation and
 * digits (script Common) join the previous character's font, else the
 * next one's, when that font has them.  A character no font covers is
 * reported through uncovered(ctx, byte offset, code point) (once per
 * occurrence; uncovered may be NULL) and drawn with fontchain_first()'s
 * .notdef glyph so that layout goes on.  Controls (newline, tab) are not
 * reported: they get an empty glyph (the space glyph, advance 0) in the
 * font around them, which pdf_glyphs does not draw.
 *
 * Shaping: direction LTR, the run's script, language "th" for Thai and
 * "ko" for Hangul runs; the whole text is given as context.  Glyph
 * clusters are byte offsets into text (not into the run) and increase
 * along a run; a base and its marks share one cluster.
 *
 * Ownership: *runs and the glyph arrays belong to the shaper and stay
 * valid until the next shape_text() on the same shaper or shaper_free().
 * Memory is reused, so shaping paragraph after paragraph allocates
 * nothing once warm.  Use one shaper per text you need to keep.
 *
 * Returns 0, or -1 when chain is NULL (then *nruns is 0).
 */
int	shape_text(struct shaper *, struct fontchain *, const char *text,
	    size_t len, struct run **runs, size_t *nruns,
	    void (*uncovered)(void *ctx, size_t off, uint32_t cp), void *ctx);

/* Decode one UTF-8 character at s[*i] (i < len), advancing *i; an invalid
 * byte gives U+FFFD and advances by one. */
uint32_t shape_utf8_next(const char *s, size_t len, size_t *i);

#endif /* SHAPE_H */
