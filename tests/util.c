/*
 * util.c - helpers shared by the Check suites (not a suite itself).
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "briefing.h"
#include "base/base.h"
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
	size_t len;
	char *buf = file_slurp(path, &len);

	if (buf != NULL && lenp != NULL)
		*lenp = len;
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

/* The fontconfig set-up of a test's own (see util.h). */

/* The fonts it holds, copied from Debian's packages. */
static const char *const fc_files[] = {
	"/usr/share/fonts/truetype/tlwg/Laksaman.ttf",
	"/usr/share/fonts/truetype/tlwg/Laksaman-Bold.ttf",
	"/usr/share/fonts/truetype/tlwg/Laksaman-Italic.ttf",
	"/usr/share/fonts/truetype/tlwg/Laksaman-BoldItalic.ttf",
	"/usr/share/fonts/truetype/tlwg/Garuda.ttf",
	"/usr/share/fonts/truetype/tlwg/Garuda-Bold.ttf",
	"/usr/share/fonts/truetype/noto/NotoSansThai-Regular.ttf",
	"/usr/share/fonts/truetype/noto/NotoSansThai-Bold.ttf",
	"/usr/share/fonts/truetype/noto/NotoSerifThai-Regular.ttf",
	"/usr/share/fonts/truetype/noto/NotoSerifThai-Bold.ttf",
	"/usr/share/fonts/truetype/nanum/NanumGothic.ttf",
	"/usr/share/fonts/truetype/nanum/NanumGothicBold.ttf",
	"/usr/share/fonts/truetype/noto/NotoSansLao-Regular.ttf",
	"/usr/share/fonts/truetype/noto/NotoSansLao-Bold.ttf",
	"/usr/share/fonts/truetype/noto/NotoSansKhmer-Regular.ttf",
	"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
	"/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
	"/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
	"/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
};

/* What test_fc_begin sets, and what was there before. */
static const char *const fc_vars[] = {
	"FONTCONFIG_FILE", "FONTCONFIG_PATH", "FONTCONFIG_SYSROOT", "HOME",
	"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME",
	"BRIEFING_FONTS", "BRIEFING_FONT_CACHE"
};
#define FC_NVARS	(sizeof(fc_vars) / sizeof(fc_vars[0]))
static char *fc_saved[FC_NVARS];
static char fc_dir[PATH_MAX];
static char fc_base[PATH_MAX];	/* the test case's folder, or "" */

int
test_copy(const char *from, const char *to)
{
	size_t len;
	char *buf = slurp(from, &len);
	FILE *f;
	int ok;

	if (buf == NULL || (f = fopen(to, "wb")) == NULL) {
		free(buf);
		return 0;
	}
	ok = fwrite(buf, 1, len, f) == len;
	if (fclose(f) != 0)
		ok = 0;
	free(buf);
	return ok;
}

int
test_rm_rf(const char *path)
{
	struct stat st;
	struct dirent *e;
	DIR *dp;
	int rc = 0;

	if (lstat(path, &st) != 0)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(st.st_mode))
		return unlink(path);
	if ((dp = opendir(path)) == NULL)
		return -1;
	while ((e = readdir(dp)) != NULL) {
		char sub[PATH_MAX];

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name);
		if (test_rm_rf(sub) != 0)
			rc = -1;
	}
	closedir(dp);
	return rmdir(path) != 0 ? -1 : rc;
}

const char *
test_fc_path(const char *rel)
{
	static char buf[4][PATH_MAX + 256];
	static int k;

	k = (k + 1) % 4;
	snprintf(buf[k], sizeof(buf[k]), "%s/%s", fc_dir, rel);
	return buf[k];
}

/* Write tests/fonts.conf to etc/fonts.conf with @DIR@ replaced. */
static int
fc_conf(void)
{
	char *tpl = slurp(top_path("tests/fonts.conf"), NULL), *p, *at;
	FILE *f;
	int ok;

	if (tpl == NULL || (f = fopen(test_fc_path("etc/fonts.conf"), "w"))
	    == NULL) {
		free(tpl);
		return 0;
	}
	for (p = tpl; (at = strstr(p, "@DIR@")) != NULL; p = at + 5) {
		fwrite(p, 1, (size_t)(at - p), f);
		fputs(fc_dir, f);
	}
	fputs(p, f);
	ok = fclose(f) == 0;
	free(tpl);
	return ok;
}

/* TMPDIR, else /tmp. */
static const char *
tmp_dir(void)
{
	const char *tmp = getenv("TMPDIR");

	return tmp != NULL && tmp[0] == '/' ? tmp : "/tmp";
}

void
test_fc_case_begin(void)
{
	snprintf(fc_base, sizeof(fc_base), "%s/check-fc.XXXXXX", tmp_dir());
	if (mkdtemp(fc_base) == NULL)
		fc_base[0] = '\0';
}

void
test_fc_case_end(void)
{
	if (fc_base[0] != '\0')
		(void)test_rm_rf(fc_base);
	fc_base[0] = '\0';
}

const char *
test_fc_begin(void)
{
	static const char *const dirs[] = { "etc", "fonts", "home",
	    "config", "data", "cache" };
	char tpl[PATH_MAX + 64];
	size_t i;

	snprintf(tpl, sizeof(tpl), "%s/%s.XXXXXX",
	    fc_base[0] != '\0' ? fc_base : tmp_dir(),
	    fc_base[0] != '\0' ? "test" : "check-fc");
	if (mkdtemp(tpl) == NULL || realpath(tpl, fc_dir) == NULL)
		return NULL;
	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		if (mkdir(test_fc_path(dirs[i]), 0700) != 0)
			return NULL;
	for (i = 0; i < sizeof(fc_files) / sizeof(fc_files[0]); i++) {
		const char *name = strrchr(fc_files[i], '/') + 1;
		char to[PATH_MAX + 256];

		snprintf(to, sizeof(to), "%s", test_fc_path("fonts"));
		snprintf(to + strlen(to), sizeof(to) - strlen(to), "/%s",
		    name);
		if (!test_copy(fc_files[i], to)) {
			fprintf(stderr, "test_fc_begin: cannot copy %s to %s "
			    "(make deps)\n", fc_files[i], to);
			return NULL;
		}
	}
	if (!fc_conf()) {
		fprintf(stderr, "test_fc_begin: cannot write %s from %s\n",
		    test_fc_path("etc/fonts.conf"),
		    top_path("tests/fonts.conf"));
		return NULL;
	}
	for (i = 0; i < FC_NVARS; i++) {
		const char *v = getenv(fc_vars[i]);

		free(fc_saved[i]);
		fc_saved[i] = v != NULL ? strdup(v) : NULL;
		unsetenv(fc_vars[i]);
	}
	setenv("FONTCONFIG_FILE", test_fc_path("etc/fonts.conf"), 1);
	setenv("HOME", test_fc_path("home"), 1);
	setenv("XDG_CONFIG_HOME", test_fc_path("config"), 1);
	setenv("XDG_DATA_HOME", test_fc_path("data"), 1);
	setenv("XDG_CACHE_HOME", test_fc_path("cache"), 1);
	return fc_dir;
}

void
test_fc_opts(struct font_opts *o, const char *fonts_dir, int cache)
{
	static char dir[PATH_MAX + 256];

	snprintf(dir, sizeof(dir), "%s", test_fc_path("cache/briefing"));
	memset(o, 0, sizeof(*o));
	o->fonts_dir = fonts_dir;
	o->cache_dir = cache ? dir : NULL;
	o->env = (const char *const *)environ;
}

int
test_fc_end(void)
{
	int rc = 0;
	size_t i;

	if (fc_dir[0] == '\0')
		return 0;
	for (i = 0; i < FC_NVARS; i++) {
		if (fc_saved[i] != NULL)
			setenv(fc_vars[i], fc_saved[i], 1);
		else
			unsetenv(fc_vars[i]);
		free(fc_saved[i]);
		fc_saved[i] = NULL;
	}
	rc = test_rm_rf(fc_dir);
	fc_dir[0] = '\0';
	return rc;
}

char *
test_doc(const char *doc, int layout, enum tl_status *st)
{
	struct tl_opts o;
	struct tl_doc *d;
	char *out = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&out, &len);

	if (mem == NULL)
		abort();
	memset(&o, 0, sizeof(o));
	o.diag = mem;
	if ((d = tl_doc_new(&o)) == NULL)
		abort();
	*st = tl_doc_read_mem(d, "t.xml", doc, strlen(doc));
	if (*st == TL_OK)
		*st = layout ? tl_doc_dump_layout(d, mem) : tl_doc_dump(d, mem);
	tl_doc_free(d);
	fclose(mem);
	return out;
}
