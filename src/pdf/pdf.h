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
 * Draw dl into a PDF held whole in memory.  NULL after reporting to d
 * (libharu's errors, a font it cannot load).
 */
struct pdf	*pdf_draw(const struct doclayout *dl, struct diag *d);
/* Write the finished PDF's bytes to f (name: for messages); 0 or -1. */
int		 pdf_write(struct pdf *, FILE *f, const char *name);
void		 pdf_free(struct pdf *);

#endif /* PDF_H */
