/*
 * diag.h - diagnostics: one message table, one print function.
 * Format: file:line:col: severity: message[: detail]
 * Internal to libbriefing.
 */
#ifndef DIAG_H
#define DIAG_H

#include <stdio.h>
#include <time.h>

enum diag_sev {
	DIAG_NOTE,
	DIAG_WARNING,
	DIAG_ERROR,
	DIAG_FATAL		/* system error: exit status 3 */
};

/* Keyed into the table in diag.c; keep both in the same order. */
enum diag_code {
	/* reader */
	DIAG_XML_SYNTAX,	/* malformed XML (detail: libxml2's words) */
	DIAG_XML_ENCODING,	/* not UTF-8 */
	DIAG_XML_EMPTY,		/* empty document */
	DIAG_XML_ENTITY,	/* entity expansion or external entity refused */
	DIAG_XML_XINCLUDE,	/* XInclude failed or was refused */
	DIAG_SCHEMA,		/* RELAX NG says no (detail: its words) */
	DIAG_UNKNOWN_ELEMENT,	/* element not in the format */
	DIAG_UNKNOWN_ATTR,	/* attribute not in the format */
	DIAG_MISSING_TITLE,	/* timeline without title */
	DIAG_DUP_ID,		/* duplicate id */
	DIAG_DUP_ID_NOTE,	/* where the first one was */
	DIAG_BAD_WHEN,		/* bad date in when */
	DIAG_BAD_DATE,		/* bad meta/date */
	DIAG_BAD_VERSION,	/* unsupported version */
	DIAG_IO,		/* cannot read or write a file */
	/* text engine */
	DIAG_UNCOVERED,		/* no font has the character */
	DIAG_NO_FONT,		/* no usable font for a role */
	DIAG_FONT_LOAD,		/* a font file failed to load */
	DIAG_WORDLIST,		/* a bad word list line */
	/* layout and style */
	DIAG_STYLE,		/* style problem */
	DIAG_OVERFULL,		/* a word wider than the line */
	DIAG_PDF,		/* libharu reported an error */
	DIAG__MAX
};

struct diag {
	FILE		*out;		/* (borrowed) */
	int		 errors;
	int		 warnings;
	int		 fatal;
	int		 strict;	/* uncovered characters are errors */
};

/*
 * Report one message. file may be NULL (then the program name stands
 * there), line and col 0 when unknown. detail is printf-style, may be NULL.
 */
void	diag_emit(struct diag *, enum diag_code, const char *file, int line,
	    int col, const char *detail, ...)
	    __attribute__((format(printf, 6, 7)));
/* The same with an explicit severity (for libxml2 warnings and notes). */
void	diag_emit_sev(struct diag *, enum diag_sev, enum diag_code,
	    const char *file, int line, int col, const char *detail, ...)
	    __attribute__((format(printf, 7, 8)));
const char *diag_message(enum diag_code);


/*
 * Phase timing: with BRIEFING_TIMING set in the environment, each call
 * prints "briefing: timing: what: N ms" (time since the previous call) to
 * standard error.  For users and benchmarks; free when unset.
 */
void	diag_timing(const char *what);
/* Under BRIEFING_TIMING: "briefing: timing: " and the text, a line. */
void	diag_timing_note(const char *fmt, ...)
	    __attribute__((format(printf, 1, 2)));
/* With BRIEFING_TIMING: "peak memory: N KiB" (the process's VmHWM). */
void	diag_peak(void);

#endif
