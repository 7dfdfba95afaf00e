/*
 * util.h - helpers shared by the Check suites.
 */
#ifndef TEST_UTIL_H
#define TEST_UTIL_H

#include <stdio.h>

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

#endif
