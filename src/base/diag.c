/*
 * diag.c - the message table and the one function that prints messages.
 * Severity sets the exit status: any error means no PDF is written.
 */
#include <stdarg.h>
#include <stdint.h>
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
	[DIAG_PART] = { DIAG_ERROR, "part refused" },
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
	[DIAG_LIMIT] = { DIAG_ERROR, "over a limit" },
	[DIAG_OUTPUT] = { DIAG_ERROR, "refusing to write the PDF over" },
	[DIAG_OPTION] = { DIAG_ERROR, "bad option" },
	[DIAG_MERGE] = { DIAG_ERROR, "cannot merge" },
	[DIAG_UNCOVERED] = { DIAG_WARNING, "no font covers character" },
	[DIAG_NO_FONT] = { DIAG_FATAL, "no usable TrueType font" },
	[DIAG_FONT_LOAD] = { DIAG_FATAL, "cannot load font" },
	[DIAG_WORDLIST] = { DIAG_WARNING, "bad word list entry" },
	[DIAG_STYLE] = { DIAG_ERROR, "bad style" },
	[DIAG_OVERFULL] = { DIAG_WARNING, "word wider than the line, split between characters" },
	[DIAG_KEEP] = { DIAG_WARNING, "an event's title and first lines are taller than a page, split where they fall" },
	[DIAG_LONG_CLUSTER] = { DIAG_WARNING, "more than 30 combining characters in a row: shaped in pieces" },
	[DIAG_PDF] = { DIAG_FATAL, "PDF writer failed" },
	[DIAG_QPDF] = { DIAG_FATAL, "qpdf" },
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

int
diag_full(const struct diag *d, enum diag_code c)
{
	enum diag_sev sev = c < DIAG__MAX ? table[c].sev : DIAG_ERROR;

	if (d == NULL)
		return 1;
	if (sev == DIAG_WARNING || sev == DIAG_ERROR)
		return d->shown >= DIAG_SHOWN;
	return sev == DIAG_NOTE && d->hiding;
}

void
diag_hidden(struct diag *d)
{
	FILE *out;
	int n;

	if (d == NULL || (n = d->hidden - d->hidden_said) <= 0)
		return;
	out = d->out != NULL ? d->out : stderr;
	fprintf(out, "briefing: note: %d more error%s and warning%s not "
	    "shown\n", n, n == 1 ? "" : "s", n == 1 ? "" : "s");
	fflush(out);
	d->hidden_said = d->hidden;
}

/* UTF-8 at s: the character's length (1 for a byte that starts none). */
static size_t
u8char(const unsigned char *s, uint32_t *cp)
{
	size_t n, i;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	n = s[0] >= 0xF0 && s[0] < 0xF5 ? 4 : s[0] >= 0xE0 ? 3 :
	    s[0] >= 0xC2 && s[0] < 0xE0 ? 2 : 0;
	if (s[0] >= 0xF5)
		n = 0;
	*cp = n == 2 ? s[0] & 0x1F : n == 3 ? s[0] & 0x0F : s[0] & 0x07;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			n = 0;
			break;
		}
		*cp = *cp << 6 | (s[i] & 0x3F);
	}
	if (n == 0) {
		*cp = 0xFFFFFFFF;	/* not UTF-8: the byte alone */
		return 1;
	}
	return n;
}

/*
 * The detail as printed: control characters escaped, a quoted stretch
 * cut after DIAG_QUOTE characters and the whole after DIAG_DETAIL, each
 * cut shown by "...".
 */
static void
put_detail(FILE *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	int quoted = 0, inq = 0, all = 0;
	uint32_t cp;
	size_t n;

	while (*p != '\0') {
		n = u8char(p, &cp);
		if (cp == '"') {
			quoted = !quoted;
			inq = 0;
		} else if (quoted && ++inq > DIAG_QUOTE) {
			if (inq == DIAG_QUOTE + 1)
				fputs("...", out);
			p += n;
			continue;
		}
		if (++all > DIAG_DETAIL) {
			fputs("...", out);
			break;
		}
		if (cp == 0xFFFFFFFF)
			fprintf(out, "\\x%02X", *p);
		else if (cp == '\n')
			fputs("\\n", out);
		else if (cp == '\t')
			fputs("\\t", out);
		else if (cp == '\r')
			fputs("\\r", out);
		else if (cp < 0x20 || cp == 0x7F)
			fprintf(out, "\\x%02X", (unsigned)cp);
		else if (cp >= 0x80 && cp < 0xA0)
			fprintf(out, "\\u%04X", (unsigned)cp);
		else
			fwrite(p, 1, n, out);
		p += n;
	}
}

static void
diag_vemit(struct diag *d, enum diag_sev sev, enum diag_code c,
    const char *file, int line, int col, const char *detail, va_list ap)
{
	FILE *out;
	char small[512], *big = NULL, *text = small;
	va_list aq;
	int n;

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
	/* past DIAG_SHOWN, errors and warnings are counted; system errors
	   and notes about what is shown still print */
	if (sev == DIAG_WARNING || sev == DIAG_ERROR) {
		d->hiding = d->shown >= DIAG_SHOWN;
		if (d->hiding) {
			d->hidden++;
			return;
		}
		d->shown++;
	} else if (sev == DIAG_NOTE && d->hiding)
		return;
	else if (sev == DIAG_FATAL)
		d->hiding = 0;
	if (file == NULL)
		fputs("briefing", out);
	else {
		put_detail(out, file);
		if (line > 0) {
			fprintf(out, ":%d", line);
			if (col > 0)
				fprintf(out, ":%d", col);
		}
	}
	fprintf(out, ": %s: %s", sevname[sev], diag_message(c));
	if (detail != NULL) {
		va_copy(aq, ap);
		n = vsnprintf(small, sizeof(small), detail, aq);
		va_end(aq);
		if (n >= (int)sizeof(small) && (big = malloc((size_t)n + 1)) !=
		    NULL) {
			vsnprintf(big, (size_t)n + 1, detail, ap);
			text = big;
		}
		fputs(": ", out);
		put_detail(out, n >= 0 ? text : "");
		free(big);
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
