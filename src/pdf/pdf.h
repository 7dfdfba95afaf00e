/*
 * pdf.h - the pdf stage: a laid-out document (layout.h) into a PDF file,
 * through libharu.  Only this stage includes hpdf.h.
 */
#ifndef PDF_H
#define PDF_H

#include <stdio.h>

struct diag;
struct doclayout;
struct pdf;

/*
 * A PDF drawn page by page as the layout hands pages out (struct
 * layout_sink: pdf_sink_page with the pdf as its context), then finished
 * with the document's information and bookmarks: pdf_end, 0 or -1 after
 * reporting to d (libharu's errors, a font it cannot load).  The PDF is
 * then whole in memory, for pdf_write.
 */
/* A standard the PDF keeps to: PDF/A part (0: none), conformance U. */
struct pdf_std {
	int		 part;
	int		 unicode;
	const char	*icc;		/* the sRGB profile's file */
	int		 untagged;	/* 1: no structure (a tagged PDF is the
					   default) */
};
struct pdf	*pdf_begin(struct diag *d, const struct pdf_std *);
void		 pdf_sink_page(void *pdf, const struct doclayout *, size_t index,
		    int furniture);
int		 pdf_end(struct pdf *, const struct doclayout *);
/* The same for a doclayout that holds all its pages (proof sheets). */
struct pdf	*pdf_draw(const struct doclayout *dl, struct diag *d);
/*
 * One numbered copy of such a doclayout: its mark drawn on every page,
 * its number and recipient in the document information (Copy, Recipient).
 */
struct copymark;
struct pdf	*pdf_draw_copy(const struct doclayout *dl,
		    const struct copymark *m, const struct pdf_std *,
		    struct diag *d);
/*
 * What becomes of the finished PDF on its way to the file (seal.c,
 * through qpdf): encrypted with AES-256 (revision 6) when owner is set,
 * with the permissions asked; linearized.  Given to pdf_set_seal before
 * pdf_write, and borrowed until then, with its strings.
 */
struct pdf_seal {
	const char	*owner;		/* owner password; NULL: no encryption */
	const char	*user;		/* user password; NULL: none */
	int		 no_print;
	int		 no_copy;
	int		 linearize;
	int		 reproducible;	/* encrypted, the same bytes for the
					   same bytes and passwords */
};
void		 pdf_set_seal(struct pdf *, const struct pdf_seal *);
/*
 * Write the finished PDF's bytes to f (name: for messages), sealed as
 * pdf_set_seal asked; 0 or -1.
 */
int		 pdf_write(struct pdf *, FILE *f, const char *name);
void		 pdf_free(struct pdf *);

#endif /* PDF_H */
