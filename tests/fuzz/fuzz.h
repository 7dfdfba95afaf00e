/*
 * fuzz.h - what the fuzz targets share (fuzz.c): a private folder for the
 * files a target must make, and diagnostics kept in memory.  Each target
 * (reader.c, style.c, pipeline.c) is a libFuzzer harness; `make fuzz`
 * builds and runs them.
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/*
 * The target's own folder, made on the first call under $TMPDIR (else
 * /tmp) and removed with all it holds when the process exits.  It holds
 *	in/		the folder of the document read from memory: two
 *			files that an <xi:include> may name (event.xml, a
 *			lone event, and events/more.xml, a timeline of
 *			events), nothing else
 *	home/ config/ data/ cache/	HOME and the XDG folders, set in
 *			the environment by fuzz_home(), so that fontconfig
 *			reads and writes nothing of the user's
 * Aborts when the folder cannot be made.
 */
const char	*fuzz_dir(void);
/* The path of rel in that folder (malloc'd). */
char		*fuzz_path(const char *rel);
/* The name a document read from memory goes by: in/doc.xml. */
const char	*fuzz_doc_name(void);
/* Point HOME and the XDG folders at the target's folder. */
void		 fuzz_home(void);
/* Write data to path, replacing it; aborts when it cannot. */
void		 fuzz_write(const char *path, const uint8_t *data, size_t size);

/*
 * Make a message that libxml2 would print on stderr by itself, not
 * through the library's diagnostics, a finding: the library prints only
 * to the stream it is given.  For the calling thread.
 */
void		 fuzz_watch_libxml2(void);

/* A stream into memory (open_memstream), aborting when none is had. */
struct fuzz_mem {
	FILE		*f;
	char		*s;		/* (owned) after fuzz_mem_close */
	size_t		 len;
};
void		 fuzz_mem_open(struct fuzz_mem *);
/* Close the stream; s then holds what was written. */
void		 fuzz_mem_close(struct fuzz_mem *);
void		 fuzz_mem_free(struct fuzz_mem *);

/*
 * A property the library promises did not hold: say which, with what
 * the library said, and abort (a finding, as a crash is).
 */
void		 fuzz_fail(const char *what, const struct fuzz_mem *said)
		    __attribute__((noreturn));

#endif
