/*
 * util.h - helpers shared by the Check suites.
 */
#ifndef TEST_UTIL_H
#define TEST_UTIL_H

#include <stdio.h>

#include "briefing.h"

/* Path of a file in the source tree ($BRIEFING_TOP or "."); static buffer. */
const char	*top_path(const char *rel);
/* Run a shell command, return its stdout (malloc'd) and exit status. */
char		*run_cmd(const char *cmd, int *status);
/* Read a whole file (malloc'd, NUL-terminated), NULL when missing. */
char		*slurp(const char *path, size_t *len);

struct font_opts;
/*
 * Font options as the program sets them from the environment (cache
 * folder from BRIEFING_FONT_CACHE, XDG_CACHE_HOME, HOME), with fonts_dir;
 * one static set, remade on each call.
 */
const struct font_opts *test_fonts(const char *fonts_dir);

/* Copy a file; 1 when done. */
int		 test_copy(const char *from, const char *to);
/* Remove a file or a folder and all it holds; 0, else -1. */
int		 test_rm_rf(const char *path);

/*
 * A fontconfig set-up of the test's own, so that neither the system's
 * configuration and fonts nor the user's are read, and a font package
 * installed meanwhile changes nothing.  test_fc_begin makes a new folder
 * holding
 *	etc/fonts.conf	tests/fonts.conf, @DIR@ replaced by the folder
 *	fonts/		copies of the system fonts the tests need
 *			(Laksaman, Garuda, Noto Sans Thai, Noto Serif Thai,
 *			NanumGothic, DejaVu Sans, Sans Mono and Serif)
 *	home/ config/ data/ cache/	HOME and the XDG folders
 * and sets FONTCONFIG_FILE, HOME, XDG_CONFIG_HOME, XDG_DATA_HOME and
 * XDG_CACHE_HOME to them (unsetting FONTCONFIG_PATH, FONTCONFIG_SYSROOT,
 * BRIEFING_FONTS, BRIEFING_FONT_CACHE).  Returns the folder, NULL on
 * failure.  test_fc_end puts the environment back and removes the folder
 * (0, else -1).  One set-up at a time.
 */
const char	*test_fc_begin(void);
int		 test_fc_end(void);
/*
 * As an unchecked fixture of a test case: the set-ups of its tests are
 * made in one folder, removed after the last test with what a failed test
 * left.
 */
void		 test_fc_case_begin(void);
void		 test_fc_case_end(void);
/* Path of rel in the set-up's folder (static buffer, four in turn). */
const char	*test_fc_path(const char *rel);
/*
 * Font options on the set-up: fonts_dir, the environment as it is now
 * (which the fontset borrows: set it before), and when cache the cache
 * folder cache/briefing.
 */
void		 test_fc_opts(struct font_opts *o, const char *fonts_dir,
		    int cache);

/*
 * What the library says of the document doc (in memory, named t.xml):
 * its diagnostics, then its --dump (layout 0) or --dump-layout (1), when
 * it reads; *st the last status.  malloc'd.
 */
char		*test_doc(const char *doc, int layout, enum tl_status *st);

#endif
