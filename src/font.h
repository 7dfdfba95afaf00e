/*
 * font.h - font selection (fontconfig) and the font cache.
 *
 * A fontset is one private fontconfig configuration (project fonts first,
 * then the system's) plus every font file loaded through it.  A fontchain
 * is a family list with a weight and slant; it answers "which font draws
 * this character" with per-character fallback.  Fonts and chains belong to
 * the fontset and go with fontset_free.
 *
 * Internal to libbriefing: used by shape.c, render_pdf.c, proof.c and the
 * layout.  Only font.c includes fontconfig.
 */
#ifndef FONT_H
#define FONT_H

#include <stddef.h>
#include <stdint.h>

#include <hb.h>

struct diag;
struct fontset;
struct fontchain;
struct font_face;

/* The default family list for body text. */
#define FONT_DEFAULT_FAMILIES \
	"TH Sarabun New, Laksaman, Noto Serif Thai, Noto Sans Thai, Garuda"

/*
 * One loaded face at one size factor.  Positions from HarfBuzz are in font
 * units: a length in points is units * size * scale / upem.
 */
struct font {
	hb_font_t	*hb;		/* (borrowed) scale = upem */
	hb_face_t	*face;		/* (borrowed) */
	unsigned	 upem;		/* units per em */
	double		 scale;		/* size factor, see font.c (Sarabun) */
	const char	*file;		/* (borrowed) absolute path */
	unsigned	 index;		/* face in a collection (FC_INDEX) */
	const char	*family;	/* (borrowed) first family name */
	const char	*style;		/* (borrowed) style name */
	int		 weight;	/* fontconfig: 80 regular, 200 bold */
	int		 slant;		/* fontconfig slant (0 roman) */
	int32_t		 ascender;	/* [font units] hhea/OS2, positive */
	int32_t		 descender;	/* [font units] negative */
	int32_t		 line_gap;	/* [font units] */
	unsigned	 id;		/* unique in the fontset, from 0 */
	struct font_face *ff;		/* (borrowed) shared per (file,index) */
};

/*
 * fonts_dir: a folder whose fonts are preferred to the system's ones (the
 * project's fonts/); NULL or a missing folder means system fonts only.
 * Returns NULL (with DIAG_NO_FONT) when fontconfig cannot be set up.
 */
struct fontset	*fontset_new(struct diag *, const char *fonts_dir);
/*
 * fontset_new in two steps: fontset_open reads the cache file
 * (fontcache.h), which is quick, and never sets fontconfig up (never
 * NULL); fontset_configure sets it up when the cache cannot be used (0,
 * or -1 with DIAG_NO_FONT; then only fontset_free may follow).  They may
 * run on two threads, one after the other.
 */
struct fontset	*fontset_open(struct diag *, const char *fonts_dir);
int		 fontset_configure(struct fontset *);
void		 fontset_free(struct fontset *);
/*
 * Write the cache file (fontcache.h) when this run asked fontconfig for a
 * chain that the file lacks; fontset_free does it too.
 */
void		 fontset_save(struct fontset *);
/* 1 when the fontset answers from the cache file (fontconfig not set up). */
int		 fontset_cached(const struct fontset *);
/* How many chains the fontset has made. */
size_t		 fontset_chain_count(const struct fontset *);
/* Report to d from now on (a fontset made on another thread). */
void		 fontset_set_diag(struct fontset *, struct diag *d);

/*
 * families: comma-separated list, first preferred.  The chain is cached in
 * the fontset: asking again with the same arguments is cheap.  Returns NULL
 * (with DIAG_NO_FONT) when no TrueType font is found at all.
 */
struct fontchain *fontset_chain(struct fontset *, const char *families,
		    int bold, int italic);

/* The font that draws cp, or NULL when no font covers it.  Cached. */
struct font	*fontchain_font(struct fontchain *, uint32_t cp);
/* The chain's first usable font: draws .notdef for uncovered characters. */
struct font	*fontchain_first(struct fontchain *);

/* 1 when the font's cmap maps cp to a glyph. */
int		 font_has(const struct font *, uint32_t cp);
/*
 * Reverse cmap: a code point whose nominal glyph is gid, preferring
 * non-PUA and BMP code points; 0 when none.  Built on first use.
 */
uint32_t	 font_glyph_code(struct font *, uint32_t gid);
/*
 * What a glyph stands for, from its name (uni0E38.small -> U+0E38,
 * uni0E240E45 -> U+0E24 U+0E45, u1D11E -> U+1D11E).  Stores at most max
 * code points in out and returns their number; 0 when the name says
 * nothing (or names a PUA code point).
 */
int		 font_glyph_text(struct font *, uint32_t gid, uint32_t *out,
		    int max);
/*
 * Component glyphs of a composite glyph, recursively (not gid itself).
 * Stores at most max ids in out and returns their number.
 */
int		 font_glyph_components(struct font *, uint32_t gid,
		    uint32_t *out, int max);
/* Advance of a glyph [font units]. */
int32_t		 font_glyph_advance(const struct font *, uint32_t gid);

#endif /* FONT_H */
