/*
 * pdf_int.h - the PDF writer: pages, shaped glyphs, rules, links, outlines.
 *
 * Over libharu (see pdf_writer.h, the writer's own header and the only
 * one that includes libharu's).
 * Coordinates are PDF points with the origin at the bottom left of the
 * page; colours are RGB in 0..1.  Drawing calls go to the current page
 * (the last pdf_page()); without a page they do nothing.
 *
 * Errors (libharu's, a font that cannot be embedded, I/O) are reported to
 * the diag as DIAG_PDF or DIAG_FONT_LOAD; pdf_save() then fails.
 *
 * Internal to the pdf stage (and proof.c, for now).
 */
#ifndef PDF_INT_H
#define PDF_INT_H

#include "pdf.h"

#include <stddef.h>

struct diag;
struct font;
struct glyph;
struct pdf;

/* A document; page contents and font streams deflated.  Never NULL. */
struct pdf	*pdf_new(struct diag *);
void		 pdf_free(struct pdf *);

/*
 * Document information (UTF-8, NULL leaves a field out) and the creation
 * date, UTC (y 0 leaves it out, so output can be reproducible).
 */
void	pdf_set_info(struct pdf *, const char *title, const char *author,
	    const char *subject, const char *keywords, const char *creator,
	    int y, int mo, int d, int h, int mi, int s);

/*
 * Pages from first on labelled prefix (ASCII, borrowed; NULL: none) and
 * 1, 2 ... or i, ii ..., or with thai the same in Thai digits (๑-๒).
 */
void	pdf_page_label(struct pdf *, size_t first, int roman,
	    const char *prefix, int thai);

/*
 * PDF/A part 1 or 2, conformance U (unicode) or B: XMP metadata, an sRGB
 * output intent with the ICC profile in file icc (borrowed), CIDSets for
 * part 1 and no transparency there.  Before any page.
 */
int	pdf_set_standard(struct pdf *, int part, int unicode, const char *icc);

/* The document's language and how viewers show its title. */
void	pdf_set_view(struct pdf *, const char *lang);

/*
 * The document's classification (borrowed; NULL: none): in the
 * information (Classification) and the XMP metadata (after pdf_set_info).
 */
void	pdf_set_classification(struct pdf *, const char *);

/* A key of the document information of our own (after pdf_set_info). */
void	pdf_set_info_key(struct pdf *, const char *key, const char *utf8);

/*
 * Tagged PDF (pdf_tag.c): pdf_tagged before any page; then what is drawn
 * between pdf_tag_begin and pdf_tag_end is one piece of marked content
 * of an element of role (a new one with PDF_TAG_NEW, else the one of
 * the same role before it goes on), or an artifact.  lang: the text's
 * language (borrowed), or NULL.
 */
enum pdf_tag {
	TAG_ARTIFACT,		/* not of the document: running heads ... */
	TAG_H1,			/* the document's title */
	TAG_H2,			/* an event's title, the contents' */
	TAG_P,			/* a paragraph, a source, a byline */
	TAG_LBL,		/* an event's date */
	TAG_TOCI,		/* an entry of the contents */
	TAG__MAX
};
enum {
	PDF_TAG_NEW = 1,	/* a new element */
	PDF_TAG_SECT = 2,	/* and a new section (an event) around it */
	PDF_TAG_OUT = 4,	/* not in a section (title, contents) */
	PDF_TAG_LINK = 8,	/* a link's text: a Link inside the element */
	PDF_TAG_MORE = 16,	/* (pdf_tag.c's) more of the element before */
	PDF_TAG_SPAN = 32,	/* emphasis: a Span inside the element */
	PDF_TAG_QUOTE = 64,	/* a quotation: a Quote inside the element */
	PDF_TAG_REF = 128	/* a reference (a contents entry's page
				   number): a Reference inside it */
};
void	pdf_tagged(struct pdf *);
/* The document's language, for the elements' as they are made. */
void	pdf_tag_lang(struct pdf *, const char *lang);
void	pdf_tag_begin(struct pdf *, enum pdf_tag role, unsigned flags,
	    const char *lang);
void	pdf_tag_end(struct pdf *);

/* Start a new page of w x h points; returns its index (0-based), -1. */
int	pdf_page(struct pdf *, double w_pt, double h_pt);
/*
 * Make page index (0-based) current again, adding pages of w x h up to it;
 * what is drawn next goes into another content stream of that page, after
 * those it has.  Returns index, -1.
 */
int	pdf_page_at(struct pdf *, int index, double w_pt, double h_pt);
/* Number of pages so far. */
int	pdf_npages(const struct pdf *);

/*
 * Draw glyphs g[0..n) of a run (any sub-range of struct run's glyphs) in
 * font at size pt (the font is drawn at size * font->scale), the pen
 * starting on the baseline at (x, y).  Every glyph goes exactly where
 * HarfBuzz put it.
 *
 * text: the text the glyph clusters are byte offsets into (the whole
 * paragraph given to shape_text).  textlen: where the text of the last
 * glyph's cluster ends (the end of the line or of the run), so that
 * text[g[0].cluster .. textlen) is what these glyphs show.  It is used for
 * text extraction: ToUnicode, and /ActualText on space-delimited words
 * whose glyphs are displaced or reordered (Thai marks, SARA AM).
 */
void	pdf_glyphs(struct pdf *, double x, double y, double size,
	    struct font *, const struct glyph *g, unsigned n,
	    const char *text, size_t textlen, double r, double gr, double b);
/*
 * The same, rotated by angle degrees (counter-clockwise) about (x, y) and
 * with fill opacity alpha (0..1): for watermarks.
 */
void	pdf_glyphs_rotated(struct pdf *, double x, double y, double angle,
	    double alpha, double size, struct font *, const struct glyph *g,
	    unsigned n, const char *text, size_t textlen, double r,
	    double gr, double b);

/* A filled rectangle; (x, y) is the bottom left corner. */
void	pdf_rect(struct pdf *, double x, double y, double w, double h,
	    double r, double g, double b);
/* A straight line, width pt; dotted: round dots spaced 2 widths apart. */
void	pdf_line(struct pdf *, double x0, double y0, double x1, double y1,
	    double width, double r, double g, double b, int dotted);

/* A link area (no border) to a URI (ASCII; percent-encode the rest). */
void	pdf_link_uri(struct pdf *, double x, double y, double w, double h,
	    const char *uri);
/*
 * A link area to page (0-based; may be a page not made yet) at height
 * dest_y, the top of the view.  Resolved in pdf_save().
 */
void	pdf_link_page(struct pdf *, double x, double y, double w, double h,
	    int page, double dest_y);
/*
 * A link area to the place named id (borrowed), found when the document
 * ends: pdf_link_ids asks find for its page and height (1 when found; a
 * link to no place is left out).
 */
void	pdf_link_id(struct pdf *, double x, double y, double w, double h,
	    const char *id);
void	pdf_link_ids(struct pdf *, int (*find)(void *, const char *id,
	    int *page, double *dest_y), void *ctx);
/*
 * A bookmark under parent (-1: top level; else a value returned before)
 * to page at height dest_y; title is UTF-8 (written as UTF-16BE), kept
 * as it is until the PDF is written (the layout's: it lives as long).
 * Returns its handle, -1 on a bad argument.  Resolved in pdf_save().
 */
int	pdf_outline(struct pdf *, int parent, const char *title_utf8,
	    int page, double dest_y);

/*
 * Finish the document in memory (fonts, links, bookmarks, the file's
 * bytes), after the last page; later calls only return the result.
 * Returns 0, -1 on any error so far.
 */
int	pdf_finish(struct pdf *);
/* Write exactly path: pdf_finish, then the bytes (for the tests). */
int	pdf_save(struct pdf *, const char *path);

/*
 * seal.c: the finished PDF's bytes pdf[0..len) through qpdf as s asks
 * (encrypted, linearized), written to f (name: for messages); 0, or -1
 * with qpdf's error reported to d.  qpdf's warnings are reported too.
 */
int	seal_write(const struct pdf_seal *s, const void *pdf, size_t len,
	    FILE *f, const char *name, struct diag *d);

/* Counters of what emission did, for tests and benchmarks. */
struct pdf_stats {
	unsigned long	 glyphs;	/* glyphs drawn */
	unsigned long	 adjust;	/* TJ adjustments written */
	unsigned long	 moves;		/* Td written for y offsets */
	unsigned long	 spans;		/* /ActualText spans */
	unsigned long	 injected;	/* glyphs given a spare CID */
	unsigned long	 pua;		/* glyphs drawn through another code */
};
void	pdf_get_stats(const struct pdf *, struct pdf_stats *);

/*
 * libharu's version: the one its headers gave at build time, and the one
 * the library running says (HPDF_GetVersion).
 */
void	pdf_libharu(const char **headers, const char **library);

#endif /* PDF_INT_H */
