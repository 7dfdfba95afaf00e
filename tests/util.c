/*
 * util.c - helpers shared by the Check suites (not a suite itself).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "text/text.h"
#include "util.h"

extern char **environ;

const char *
top_path(const char *rel)
{
	static char buf[4][4096];
	static int k;
	const char *top = getenv("BRIEFING_TOP");

	k = (k + 1) % 4;
	snprintf(buf[k], sizeof(buf[k]), "%s/%s", top ? top : ".", rel);
	return buf[k];
}

char *
run_cmd(const char *cmd, int *status)
{
	FILE *p = popen(cmd, "r");
	char *out = NULL;
	size_t len = 0, cap = 0, n;
	int st;

	if (p == NULL)
		return NULL;
	do {
		if (len + 4096 + 1 > cap) {
			cap = (len + 4096 + 1) * 2;
			out = realloc(out, cap);
		}
		n = fread(out + len, 1, cap - len - 1, p);
		len += n;
	} while (n > 0);
	out[len] = '\0';
	st = pclose(p);
	if (status != NULL)
		*status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	return out;
}

char *
slurp(const char *path, size_t *lenp)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
		fclose(f);
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	fclose(f);
	if (lenp != NULL)
		*lenp = (size_t)n;
	return buf;
}

const struct font_opts *
test_fonts(const char *fonts_dir)
{
	static struct font_opts o;
	static char cache[4096];
	const char *v;

	memset(&o, 0, sizeof(o));
	o.fonts_dir = fonts_dir;
	o.env = (const char *const *)environ;
	if ((v = getenv("BRIEFING_FONT_CACHE")) != NULL && strcmp(v, "0") == 0)
		return &o;
	if ((v = getenv("XDG_CACHE_HOME")) != NULL && v[0] == '/')
		snprintf(cache, sizeof(cache), "%s/briefing", v);
	else if ((v = getenv("HOME")) != NULL && v[0] == '/')
		snprintf(cache, sizeof(cache), "%s/.cache/briefing", v);
	else
		return &o;
	o.cache_dir = cache;
	return &o;
}
