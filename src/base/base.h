/*
 * base.h - what every stage uses: the arena and allocation, file helpers,
 * diagnostics, big-endian readers.  Depends on nothing of the program.
 */
#ifndef BASE_H
#define BASE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <stdint.h>

/*
 * arena.h - per-document bump allocator. Objects are never freed one by one;
 * the whole arena goes in arena_free. Internal to libbriefing.
 */
struct arena;

struct arena	*arena_new(void);
/* What arena_new allocates: an empty arena is that many zero bytes. */
size_t		 arena_size(void);
void		 arena_free(struct arena *);
/*
 * A sub-arena: for what may be let go before the rest of parent's
 * (arena_clear), in small blocks if small; freed with parent if not
 * before.
 */
struct arena	*arena_sub(struct arena *parent, int small);
/* Everything allocated in a (and its sub-arenas) freed; a stays usable. */
void		 arena_clear(struct arena *);
void		*arena_alloc(struct arena *, size_t);	/* zeroed, aligned */
/*
 * A slot for a pointer from malloc that arena_free frees: taken before
 * the memory is, so that running out of memory leaks nothing.
 */
void		**arena_hold(struct arena *);
char		*arena_strndup(struct arena *, const char *, size_t);
char		*arena_strdup(struct arena *, const char *);
/* Grow an arena array: returns a copy with room for n elements of size sz. */
void		*arena_grow(struct arena *, void *old, size_t oldn, size_t n,
		    size_t sz);

/*
 * Out of memory.  The allocators below never return NULL: on failure they
 * call tl_oom, which jumps back to the innermost oom_scope of the thread
 * (each public call of the library opens one: see doc.c), where it is
 * reported as "out of memory" with exit status 3.  What that call had made
 * is not freed then; the document may only be freed.
 */
struct oom_scope {
	jmp_buf		 jb;
	struct oom_scope *prev;
};
void		 oom_enter(struct oom_scope *);
void		 oom_leave(struct oom_scope *);
void		 tl_oom(void) __attribute__((noreturn));
/*
 * For the tests, on the calling thread: the allocations above so far go to
 * *count (when not NULL) and the count restarts; the nth allocation from
 * now fails (0: none).
 */
void		 mem_fail_after(long n, unsigned long *count);
void		*xmalloc(size_t);
void		*xcalloc(size_t, size_t);
void		*xrealloc(void *, size_t);
char		*xstrdup(const char *);

/*
 * The growing byte buffer (buf.c): s holds len bytes and a NUL after
 * them once anything was added.  Zero-initialise; buf_free when done.
 */
struct buf {
	char		*s;		/* (owned) */
	size_t		 len, cap;
};
/* Room for n more bytes and the NUL. */
static inline void
buf_need(struct buf *b, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2 + 64;
		b->s = xrealloc(b->s, b->cap);
	}
}

static inline void
buf_add(struct buf *b, const void *p, size_t n)
{
	buf_need(b, n);
	if (n > 0)
		memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void		 buf_str(struct buf *, const char *);
/* printf-style, appended. */
void		 buf_fmt(struct buf *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
void		 buf_vfmt(struct buf *, const char *, va_list);
void		 buf_free(struct buf *);

/* file.c */
/*
 * The whole of the file path in a malloc'd buffer, *len bytes and a NUL
 * after them; NULL with errno set when it cannot be read.
 */
char		*file_slurp(const char *path, size_t *len);
/* The same for a file of at most max bytes; errno EFBIG when larger. */
char		*file_slurp_max(const char *path, size_t max, size_t *len);
/*
 * The readers open regular files only (a FIFO or a device would block or
 * never end): anything else fails with errno FILE_ENOTREG, which
 * file_strerror words, as it does any other errno.
 */
#define FILE_ENOTREG	0x4e52
const char	*file_strerror(int);
/*
 * The whole of the regular file path, mapped read-only, *len bytes, 1 to
 * max; NULL when it cannot be.  munmap(p, *len) when done.  No address
 * space left for it is out of memory (tl_oom).
 */
void		*map_file(const char *path, size_t max, size_t *len);
struct diag;

/* Writes a whole output to f (name: for messages); 0, or -1 reported. */
typedef int	(*file_writer)(void *ctx, FILE *f, const char *name);
/*
 * Write path through fn, so that it is replaced only by a complete file:
 * into a temporary file beside it (made only now, when fn has everything
 * to write), synced, then renamed over it, and the folder synced.  The old
 * file's mode is kept; a new file gets the umask's.  A symbolic link,
 * dangling or not, stays a link: the file it names is written.  A path
 * that is not a regular file (a device, a pipe) is written in place; "-"
 * is standard output.  0, or -1 with the error reported to d (NULL:
 * not reported); nothing is left behind on failure.
 */
int		 file_replace(const char *path, file_writer fn, void *ctx,
		    struct diag *d);

/*
 * diag.h - diagnostics: one message table, one print function.
 * Format: file:line:col: severity: message[: detail]
 * Internal to libbriefing.
 */
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
	DIAG_PART,		/* a packet's part failed or was refused */
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
	DIAG_OUTPUT,		/* the output would replace an input */
	DIAG_OPTION,		/* an option the caller gave is wrong */
	DIAG_MERGE,		/* inputs that cannot be merged */
	DIAG_LIMIT,		/* input beyond a documented limit */
	/* text engine */
	DIAG_UNCOVERED,		/* no font has the character */
	DIAG_NO_FONT,		/* no usable font for a role */
	DIAG_FONT_LOAD,		/* a font file failed to load */
	DIAG_WORDLIST,		/* a bad word list line */
	/* layout and style */
	DIAG_STYLE,		/* style problem */
	DIAG_OVERFULL,		/* a word wider than the line */
	DIAG_KEEP,		/* what must stay together is taller than
				   a page */
	DIAG_LONG_CLUSTER,	/* more than 30 combining characters */
	DIAG_PDF,		/* libharu reported an error */
	DIAG_QPDF,		/* qpdf, encrypting or linearizing, said
				   so (detail: its words) */
	/* any stage */
	DIAG_NOMEM,		/* out of memory */
	DIAG_INTERNAL,		/* a built-in resource failed */
	DIAG__MAX
};

struct diag {
	FILE		*out;		/* (borrowed) */
	int		 errors;
	int		 warnings;
	int		 fatal;
	int		 strict;	/* uncovered characters are errors */
	int		 timing;	/* diag_timing prints */
	struct timespec	 timing_last;	/* its last call */
	int		 shown;		/* errors and warnings printed */
	int		 hidden;	/* and not, past DIAG_SHOWN */
	int		 hidden_said;	/* of them, counted in a line */
	int		 hiding;	/* the last one was hidden (its notes
					   go with it) */
};

/*
 * At most this many errors and warnings are printed; diag_hidden then
 * says how many more there were.  Each message quotes at most
 * DIAG_QUOTE characters of input between double quotes, and control
 * characters are escaped (\n, \x1B, \u0085).
 */
#define DIAG_SHOWN	100
#define DIAG_QUOTE	80
#define DIAG_DETAIL	300	/* characters of a message's detail */

/*
 * Report one message. file may be NULL (then the program name stands
 * there), line and col 0 when unknown. detail is printf-style, may be NULL.
 * A NULL diag says nothing (a caller that reports failures its own way).
 */
void	diag_emit(struct diag *, enum diag_code, const char *file, int line,
	    int col, const char *detail, ...)
	    __attribute__((format(printf, 6, 7)));
/* The same with an explicit severity (for libxml2 warnings and notes). */
void	diag_emit_sev(struct diag *, enum diag_sev, enum diag_code,
	    const char *file, int line, int col, const char *detail, ...)
	    __attribute__((format(printf, 7, 8)));
const char *diag_message(enum diag_code);
/* Whether a message of code c now would go unprinted: skip the work. */
int	diag_full(const struct diag *, enum diag_code);
/* One line for the messages not printed since the last call, if any. */
void	diag_hidden(struct diag *);


/*
 * Phase timing, when d->timing is set: "briefing: timing: what: N ms",
 * the time since the previous call (the first call, with what NULL,
 * starts the clock), to d's stream.
 */
void	diag_timing(struct diag *, const char *what);
/* When d->timing is set: "briefing: timing: " and the text, a line. */
void	diag_timing_note(struct diag *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

/*
 * be.h - big-endian numbers in byte buffers (font tables).
 *
 * Internal to libbriefing and its tests.
 */
static inline uint32_t
be16(const unsigned char *p)
{
	return (uint32_t)p[0] << 8 | p[1];
}

static inline uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

static inline void
put_be16(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 8);
	p[1] = (unsigned char)v;
}

static inline void
put_be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/*
 * Thai normalisation (thai.c), the one rule: U+0E4D U+0E32 becomes U+0E33,
 * U+0E4D, a tone mark, U+0E32 becomes the tone mark and U+0E33.
 * thai_norm_at: at s (n bytes), the bytes such a sequence takes (6 or 9),
 * its replacement in out (*outlen: 3 or 6 bytes, never longer); 0 when
 * none starts there.  thai_normalise: s in place; the new length (s is
 * NUL-terminated there when it shrank).
 */
size_t	thai_norm_at(const char *s, size_t n, char out[6], size_t *outlen);
size_t	thai_normalise(char *s, size_t len);

#endif /* BASE_H */
