/*
 * tl.h - public interface of libbriefing.
 *
 * A document is read from a timeline XML file (FORMAT.md), checked, and
 * rendered to PDF.  The document is opaque; callers see only these calls.
 * Included by main.c and by users of libbriefing.a.
 */
#ifndef TL_H
#define TL_H

#include <stdio.h>

#define TL_VERSION "0.1.0"

/* Exit status classes, also returned by the library calls. */
enum tl_status {
	TL_OK = 0,		/* success */
	TL_EINPUT = 1,		/* the document or the style has errors */
	TL_EUSAGE = 2,		/* bad command line */
	TL_ESYSTEM = 3		/* I/O, memory, missing font */
};

struct tl_doc;

/* Options of one run. Zero-initialise, then set what is needed. */
struct tl_opts {
	const char *style;	/* style name or file; NULL: the default */
	int strict;		/* warnings about uncovered characters are errors */
	int		 toc;		/* 1: force a contents page, 0: style decides */
	const char	*words;		/* a word list of the user's, or NULL */
	FILE *diag;		/* where diagnostics go; NULL: stderr */
};

struct tl_doc	*tl_doc_new(const struct tl_opts *);
void		 tl_doc_free(struct tl_doc *);

/* Read, validate and build the model. Diagnostics go to opts->diag. */
enum tl_status	 tl_doc_read(struct tl_doc *, const char *path);
/* Read from memory; name is used in diagnostics and for XInclude's base. */
enum tl_status	 tl_doc_read_mem(struct tl_doc *, const char *name,
		    const char *buf, size_t len);

/* One line per event in printed order: when, tab, date, tab, title. */
enum tl_status	 tl_doc_dump(struct tl_doc *, FILE *);

/* The laid-out pages as text (for tests and style debugging). */
enum tl_status	 tl_doc_dump_layout(struct tl_doc *, FILE *);

/*
 * Lay out and write the PDF to path, atomically (temporary + rename; a
 * symbolic link's target is replaced).  A path that is not a regular file
 * (a device, a pipe) is written in place; "-" is standard output.
 */
enum tl_status	 tl_doc_render(struct tl_doc *, const char *path);

/*
 * Proof sheet: set text (words separated by spaces) in family at size pt on
 * A4 pages, write out_path atomically, and print to report which font file
 * served which characters. Diagnostics go to diag (NULL: stderr).
 */
enum tl_status	 tl_proof(const char *text, const char *family, double size,
		    const char *out_path, FILE *report, FILE *diag);

/* Number of errors and warnings reported so far. */
int		 tl_doc_errors(const struct tl_doc *);
int		 tl_doc_warnings(const struct tl_doc *);

#endif /* TL_H */
