/*
 * sfnt.h - the TrueType program embedded for a font: a subset made from
 * the font's own tables.
 *
 * Internal to the pdf stage (pdf_font.c) and its tests (check_ttf.c).
 */
#ifndef SFNT_H
#define SFNT_H

#include <stddef.h>
#include <stdint.h>

#define SFNT_TAG(a, b, c, d) \
	((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | \
	(uint32_t)(d))

/* One table of a font: its tag and its bytes. */
struct sfnt_table {
	uint32_t		 tag;
	const unsigned char	*d;	/* (borrowed) */
	size_t			 len;
};

/*
 * The font program for the tables t[0..n) of a TrueType font, with the
 * outlines of the glyphs gid < nkeep whose keep[gid] is set (a composite
 * glyph's components are not followed here: keep them too):
 *
 *  - glyf holds those glyphs, byte for byte, the others left empty, and
 *    loca follows, in the font's own format (head.indexToLocFormat);
 *  - post becomes version 3, its header kept (no glyph names: a PDF
 *    viewer takes text from /ToUnicode);
 *  - name keeps the records that identify the font and its rights:
 *    copyright (0), the family, style, unique, full and PostScript names
 *    and version (1-6), the trademark (7) and the licence's address (14);
 *    the licence text and the rest go;
 *  - every other table is copied byte for byte.
 *
 * Tables go in tag order, each at a 4-byte boundary, zero-padded, with
 * their checksums and head.checkSumAdjustment.  glyf, loca, head and maxp
 * must be there.  Returns the length of *out (malloc'd), or 0 with *out
 * NULL when the tables do not hold together.
 */
/*
 * A glyph added after the face's own ones: a copy of glyph gid's outline
 * with its own advance [font units].  A mark that HarfBuzz moved back
 * over its base is drawn with one whose advance is the distance moved, so
 * that an extractor that follows the font's advances (mutool) finds the
 * next glyph where the mark's advance ends, not a gap it takes for a
 * space.
 */
struct sfnt_twin {
	uint32_t		 gid;
	uint16_t		 adv;
};

size_t	sfnt_subset(const struct sfnt_table *t, size_t n,
	    const unsigned char *keep, size_t nkeep,
	    const struct sfnt_twin *tw, size_t ntw, unsigned char **out);

#endif /* SFNT_H */
