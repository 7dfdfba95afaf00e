/*
 * diag.c - the message table and the one function that prints messages.
 * Severity sets the exit status: any error means no PDF is written.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base.h"

static const struct {
	enum diag_sev	 sev;
	const char	*msg;
} table[DIAG__MAX] = {
	[DIAG_XML_SYNTAX] = { DIAG_ERROR, "malformed XML" },
	[DIAG_XML_ENCODING] = { DIAG_ERROR, "invalid UTF-8" },
	[DIAG_XML_EMPTY] = { DIAG_ERROR, "empty document: expected <timeline>" },
	[DIAG_XML_ENTITY] = { DIAG_ERROR, "entity refused" },
	[DIAG_XML_XINCLUDE] = { DIAG_ERROR, "XInclude refused" },
	[DIAG_SCHEMA] = { DIAG_ERROR, "invalid document" },
	[DIAG_UNKNOWN_ELEMENT] = { DIAG_ERROR, "unknown element" },
	[DIAG_UNKNOWN_ATTR] = { DIAG_ERROR, "unknown attribute" },
	[DIAG_MISSING_TITLE] = { DIAG_ERROR, "missing title: expected <title> in <timeline>" },
	[DIAG_DUP_ID] = { DIAG_ERROR, "duplicate id" },
	[DIAG_DUP_ID_NOTE] = { DIAG_NOTE, "first defined here" },
	[DIAG_BAD_WHEN] = { DIAG_ERROR, "bad date in when" },
	[DIAG_BAD_DATE] = { DIAG_ERROR, "bad date: expected YYYY-MM-DD" },
	[DIAG_BAD_VERSION] = { DIAG_ERROR, "unsupported version: expected version=\"1\"" },
	[DIAG_IO] = { DIAG_FATAL, "cannot access file" },
	[DIAG_OUTPUT] = { DIAG_ERROR, "refusing to write the PDF over" },
	[DIAG_UNCOVERED] = { DIAG_WARNING, "no font covers character" },
	[DIAG_NO_FONT] = { DIAG_FATAL, "no usable TrueType font" },
	[DIAG_FONT_LOAD] = { DIAG_FATAL, "cannot load font" },
	[DIAG_WORDLIST] = { DIAG_WARNING, "bad word list entry" },
	[DIAG_STYLE] = { DIAG_ERROR, "bad style" },
	[DIAG_OVERFULL] = { DIAG_WARNING, "word wider than the line, split between characters" },
	[DIAG_PDF] = { DIAG_FATAL, "PDF writer failed" },
	[DIAG_NOMEM] = { DIAG_FATAL, "out of memory" },
	[DIAG_INTERNAL] = { DIAG_FATAL, "internal error" },
};

static const char *const sevname[] = {
	[DIAG_NOTE] = "note", [DIAG_WARNING] = "warning",
	[DIAG_ERROR] = "error", [DIAG_FATAL] = "error",
};

const char *
diag_message(enum diag_code c)
{
	return c < DIAG__MAX ? table[c].msg : "?";
}

static void
diag_vemit(struct diag *d, enum diag_sev sev, enum diag_code c,
    const char *file, int line, int col, const char *detail, va_list ap)
{
	FILE *out;

	if (d == NULL)		/* nobody to tell */
		return;
	out = d->out != NULL ? d->out : stderr;
	if (sev == DIAG_WARNING && d->strict && c == DIAG_UNCOVERED)
		sev = DIAG_ERROR;
	switch (sev) {
	case DIAG_WARNING:
		d->warnings++;
		break;
	case DIAG_ERROR:
		d->errors++;
		break;
	case DIAG_FATAL:
		d->errors++;
		d->fatal++;
		break;
	default:
		break;
	}
	if (file == NULL)
		fputs("briefing", out);
	else {
		fputs(file, out);
		if (line > 0) {
			fprintf(out, ":%d", line);
			if (col > 0)
				fprintf(out, ":%d", col);
		}
	}
	fprintf(out, ": %s: %s", sevname[sev], diag_message(c));
	if (detail != NULL) {
		fputs(": ", out);
		vfprintf(out, detail, ap);
	}
	fputc('\n', out);
	fflush(out);
}

void
diag_emit(struct diag *d, enum diag_code c, const char *file, int line,
    int col, const char *detail, ...)
{
	va_list ap;

	va_start(ap, detail);
	diag_vemit(d, c < DIAG__MAX ? table[c].sev : DIAG_ERROR, c, file,
	    line, col, detail, ap);
	va_end(ap);
}

void
diag_emit_sev(struct diag *d, enum diag_sev sev, enum diag_code c,
    const char *file, int line, int col, const char *detail, ...)
{
	va_list ap;

	va_start(ap, detail);
	diag_vemit(d, sev, c, file, line, col, detail, ap);
	va_end(ap);
}

void
diag_timing(struct diag *d, const char *what)
{
	struct timespec now;

	if (!d->timing)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (what != NULL && d->timing_last.tv_sec != 0)
		fprintf(d->out != NULL ? d->out : stderr,
		    "briefing: timing: %s: %.2f ms\n", what,
		    (double)(now.tv_sec - d->timing_last.tv_sec) * 1e3 +
		    (double)(now.tv_nsec - d->timing_last.tv_nsec) / 1e6);
	d->timing_last = now;
}

void
diag_timing_note(struct diag *d, const char *fmt, ...)
{
	char line[256];
	va_list ap;

	if (!d->timing)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	fprintf(d->out != NULL ? d->out : stderr, "briefing: timing: %s\n",
	    line);
}
