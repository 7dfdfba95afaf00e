/*
 * briefing.h - the public interface of libbriefing.
 *
 * A document is read from a timeline XML file (docs/format.md), checked,
 * laid out in a style and written as PDF.  The document is opaque;
 * callers see only these calls.  The library never exits, never reads the
 * environment and prints only to the diagnostics stream it is given.
 */
#ifndef BRIEFING_H
#define BRIEFING_H

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

/* PDF/A conformance, by the names Typst and others use: a-1b, a-2b, a-2u. */
enum tl_pdf_standard {
	TL_PDF_NONE = 0,
	TL_PDF_A1B,
	TL_PDF_A2B,
	TL_PDF_A2U
};

/* Where Debian's icc-profiles-free keeps the sRGB profile. */
#define TL_ICC_PROFILE	"/usr/share/color/icc/sRGB.icc"

/* Options of one document. Zero-initialise, then set what is needed. */
struct tl_opts {
	const char	*style;		/* style name or file; NULL: the default */
	int		 strict;	/* uncovered characters are errors */
	int		 toc;		/* 1: force a contents page, 0: style decides */
	const char	*words;		/* a word list of the user's, or NULL */
	FILE		*diag;		/* where diagnostics go; NULL: stderr */
	const char	*fonts_dir;	/* fonts preferred to the system's, or
					   NULL */
	const char	*cache_dir;	/* where fontconfig's answers are kept
					   between runs, or NULL: not kept */
	const char *const *env;		/* the environment fontconfig sees
					   (NAME=value, NULL-ended; a program
					   passes environ): part of the font
					   cache's key.  NULL: empty */
	int		 timing;	/* print each stage's time to diag */
	int		 date_set;	/* 1: date is the document's date when
					   its meta has none; 0: now */
	long long	 date;		/* seconds since 1970, UTC */
	enum tl_pdf_standard pdf_standard;	/* TL_PDF_NONE: plain PDF */
	const char	*icc_profile;	/* the sRGB profile PDF/A embeds;
					   NULL: TL_ICC_PROFILE */
	const char	*tz;		/* the time zone the document's days
					   are counted in: an IANA name (from
					   the system's zoneinfo); NULL:
					   Asia/Bangkok */
	/* which events are printed (tl_bound_check says what a bound is) */
	const char	*since;		/* those on or after; NULL: all */
	const char	*until;		/* those on or before; NULL: all */
	const char *const *tags;	/* NULL-ended: those with one of these
					   tags; NULL: all */
	const char	*title;		/* the title, instead of the input's;
					   NULL: the input's */
	int		 untagged;	/* 1: no structure tree (the PDF is
					   tagged for accessibility unless) */
	/*
	 * How renders and numbered copies are written (through qpdf).
	 * Restricted copies: with an owner password the PDF is encrypted
	 * with AES-256 (revision 6), and a reader who opens it without that
	 * password may do only what the permissions below leave (reading
	 * aloud is always allowed); anyone may open it unless it has a
	 * user password too.  Passwords are UTF-8, 1 to 127 bytes.
	 * Encryption is refused with a PDF/A standard, which forbids it,
	 * and the user password and the permissions need an owner
	 * password: TL_EUSAGE, as tl_seal_check says.  An encrypted file
	 * is new bytes each time (a random key and random initialisation
	 * vectors); what it holds is the same for the same document.
	 * Unless reproducible: then the key, the salts and the vectors are
	 * derived from the passwords and the content, and the same
	 * document with the same options and passwords is the same bytes.
	 * The cost: two equal files show they are equal, and a guess at
	 * the passwords can be tried against the bytes (the derivation is
	 * made much slower than the file's own check of a password).  While
	 * such a PDF is encrypted, qpdf's source of random bytes, which is
	 * the whole process's, is replaced: a program that uses qpdf itself
	 * should not do so on another thread meanwhile.
	 * Proof sheets are neither encrypted nor linearized.
	 */
	const char	*owner_password;	/* NULL: not encrypted */
	const char	*user_password;	/* NULL: none, opened by anyone */
	int		 no_print;	/* printing not allowed */
	int		 no_copy;	/* copying text and images out not
					   allowed */
	int		 linearize;	/* linearized ("fast web view"): a
					   viewer shows the first page before
					   the rest has come */
	int		 reproducible;	/* 1: encrypted output too is the
					   same bytes each run (see above; the
					   date is date_set's or the
					   document's); main sets it with
					   SOURCE_DATE_EPOCH */
	/*
	 * 1: the document is rendered once (tl_doc_render): each event's
	 * text is let go as soon as its pages are in the PDF, so that
	 * memory grows with the PDF and not with the document too; after
	 * the render only tl_doc_depfile and the counts may be asked, the
	 * rest is refused (TL_EUSAGE)
	 */
	int		 once;
};

/*
 * Whether s is a bound for since or until: a date (2026-12-01, 2026-12,
 * 2026; the first day of it for since, the last for until), or a number
 * of days or weeks before the document's date (7d, 2w; 0d is that day).
 * 0, or -1 with the reason in why.
 */
int		 tl_bound_check(const char *s, char *why, size_t n);
/* Whether name is a time zone tl_opts.tz may name: 0, or -1 with why. */
int		 tl_tz_check(const char *name, char *why, size_t n);
/*
 * Whether o's passwords and permissions go together (see
 * owner_password): 0, or -1 with the reason in why.
 */
int		 tl_seal_check(const struct tl_opts *o, char *why, size_t n);

/*
 * What documents made one after another share: fonts (and fontconfig's
 * answers), the line breaker with the Thai dictionary and the word lists,
 * the shaper, made once from o (its fonts, cache, words and diag; the
 * strings are borrowed and must outlive it).  An environment is for one
 * thread at a time; one made with tl_env_new_sharing shares from's Thai
 * dictionary and may serve another thread at the same time (from must
 * outlive it).  NULL on failure, said to o->diag.
 */
struct tl_env;
struct tl_env	*tl_env_new(const struct tl_opts *o);
struct tl_env	*tl_env_new_sharing(const struct tl_env *from,
		    const struct tl_opts *o);
void		 tl_env_free(struct tl_env *);

/*
 * NULL when out of memory.  Every call below may be made after any other.
 * Without an environment (tl_doc_use_env), the document's first layout
 * makes a set of its own (fonts, breaker, shaper), which its later ones
 * use and tl_doc_free frees.
 */
struct tl_doc	*tl_doc_new(const struct tl_opts *);
void		 tl_doc_free(struct tl_doc *);

/*
 * Lay out with e's fonts, breaker and style (borrowed: it must outlive
 * the document's calls) instead of a set of the document's own: e's
 * options for fonts and words stand for the document's, and the style
 * the first document loads serves the others.
 */
void		 tl_doc_use_env(struct tl_doc *, struct tl_env *e);

/*
 * Read, validate and build the model. Diagnostics go to opts->diag.  A
 * second read merges: its events join those of the reads before (an
 * event with the id of one already there, and a feed's entry with the
 * link of one, are left out), the title and meta are the first
 * timeline's (else the first feed's), and a packet is refused.
 */
enum tl_status	 tl_doc_read(struct tl_doc *, const char *path);
/* Read from memory; name is used in diagnostics and for XInclude's base. */
enum tl_status	 tl_doc_read_mem(struct tl_doc *, const char *name,
		    const char *buf, size_t len);

/* One line per event in printed order: when, tab, date, tab, title. */
enum tl_status	 tl_doc_dump(struct tl_doc *, FILE *);

/* The laid-out pages as text (for tests and style debugging). */
enum tl_status	 tl_doc_dump_layout(struct tl_doc *, FILE *);

/*
 * All a render does but writing: the style, the fonts, the layout, with
 * their messages (with opts->strict, a character no font covers is an
 * error); TL_OK means the document renders.
 */
enum tl_status	 tl_doc_check(struct tl_doc *);

/*
 * Lay out and write the PDF to path, atomically: a temporary file beside
 * it, made once the PDF is complete, renamed over it.  A symbolic link
 * stays a link (the file it names is replaced); a path that is not a
 * regular file (a device, a pipe) is written in place; "-" is standard
 * output.
 */
enum tl_status	 tl_doc_render(struct tl_doc *, const char *path);

/*
 * n numbered copies for distribution: the layout made once, then each
 * copy drawn with a mark on every page ("ฉบับที่ 3 / 10" and its
 * recipient, recipients[k - 1] when recipients is not NULL) and the same
 * in the document information (Copy, Recipient), and written as
 * tl_doc_render does to pattern with each {n} replaced by the copy's
 * number (pattern must hold {n} when n > 1).
 */
enum tl_status	 tl_doc_render_copies(struct tl_doc *, const char *pattern,
		    int n, const char *const *recipients);

/*
 * After a render or a check: write to path (atomically, as a render) a
 * make rule "target: files", the files the document was made from: its
 * input and what it includes, the style file, the word list and the font
 * files loaded, as cc -MD does for C.
 */
enum tl_status	 tl_doc_depfile(struct tl_doc *, const char *path,
		    const char *target);

/*
 * Proof sheet: set text (words separated by spaces) in family at size pt
 * on A4 pages, write out_path as tl_doc_render does, and print to report
 * which font file served which characters.  Fonts and diagnostics as in
 * o (NULL: defaults).
 */
enum tl_status	 tl_proof(const struct tl_opts *o, const char *text,
		    const char *family, double size, const char *out_path,
		    FILE *report);

/* Number of errors and warnings reported so far. */
int		 tl_doc_errors(const struct tl_doc *);
/* Pages of the last render or check (0 before one). */
int		 tl_doc_pages(const struct tl_doc *);
int		 tl_doc_warnings(const struct tl_doc *);

#endif /* BRIEFING_H */
