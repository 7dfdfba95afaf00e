/*
 * fuzz.c - the private folder and the memory streams of the fuzz targets
 * (fuzz.h).  Nothing of a run is left on disk: the folder goes at exit.
 * A target that crashes leaves it behind, in $TMPDIR: `make fuzz` points
 * that at the target's scratch folder under build-fuzz.
 */
#define _GNU_SOURCE		/* nftw's FTW_DEPTH, FTW_PHYS */
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/xmlerror.h>

#include "fuzz.h"

/* What an <xi:include> in a document may pull in (tests/regress/reader/inc). */
static const char event_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<event when=\"1980\" id=\"sub\">\n"
    "  <p>จากไฟล์ย่อย <em>ตัวเอน</em></p>\n"
    "</event>\n";
static const char more_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<timeline version=\"1\" xmlns:xi=\"http://www.w3.org/2001/XInclude\">\n"
    "  <event when=\"1990\"><p>a <strong>b</strong></p></event>\n"
    "  <xi:include href=\"../event.xml\"/>\n"
    "</timeline>\n";

static char *dir;		/* (owned) the folder, once made */
static char *doc_name;		/* (owned) */

static int
rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void
dir_remove(void)
{
	if (dir != NULL)
		nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(dir);
	free(doc_name);
	dir = doc_name = NULL;
}

static void
mkdir_or_abort(const char *rel)
{
	char *p = fuzz_path(rel);

	if (mkdir(p, 0700) != 0) {
		perror(p);
		abort();
	}
	free(p);
}

const char *
fuzz_dir(void)
{
	const char *tmp = getenv("TMPDIR");
	static const char *const sub[] = { "in", "in/events", "home",
	    "config", "data", "cache" };
	size_t i, n;
	char *p;

	if (dir != NULL)
		return dir;
	if (tmp == NULL || *tmp == '\0')
		tmp = "/tmp";
	n = strlen(tmp) + sizeof("/fuzz-XXXXXX");
	if ((dir = malloc(n)) == NULL)
		abort();
	snprintf(dir, n, "%s/fuzz-XXXXXX", tmp);
	if (mkdtemp(dir) == NULL) {
		perror(dir);
		abort();
	}
	atexit(dir_remove);
	for (i = 0; i < sizeof(sub) / sizeof(sub[0]); i++)
		mkdir_or_abort(sub[i]);
	p = fuzz_path("in/event.xml");
	fuzz_write(p, (const uint8_t *)event_xml, sizeof(event_xml) - 1);
	free(p);
	p = fuzz_path("in/events/more.xml");
	fuzz_write(p, (const uint8_t *)more_xml, sizeof(more_xml) - 1);
	free(p);
	doc_name = fuzz_path("in/doc.xml");
	return dir;
}

char *
fuzz_path(const char *rel)
{
	const char *d = fuzz_dir();
	size_t n = strlen(d) + strlen(rel) + 2;
	char *p = malloc(n);

	if (p == NULL)
		abort();
	snprintf(p, n, "%s/%s", d, rel);
	return p;
}

const char *
fuzz_doc_name(void)
{
	fuzz_dir();
	return doc_name;
}

void
fuzz_home(void)
{
	static const char *const var[][2] = {
		{ "HOME", "home" }, { "XDG_CONFIG_HOME", "config" },
		{ "XDG_DATA_HOME", "data" }, { "XDG_CACHE_HOME", "cache" }
	};
	size_t i;

	for (i = 0; i < sizeof(var) / sizeof(var[0]); i++) {
		char *p = fuzz_path(var[i][1]);

		if (setenv(var[i][0], p, 1) != 0)
			abort();
		free(p);
	}
}

void
fuzz_write(const char *path, const uint8_t *data, size_t size)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL || (size > 0 && fwrite(data, 1, size, f) != size) ||
	    fclose(f) != 0) {
		perror(path);
		abort();
	}
}

static void
on_stray(void *ctx, const char *fmt, ...)
{
	va_list ap;

	(void)ctx;
	fputs("fuzz: libxml2 printed by itself, not through the "
	    "diagnostics:\n", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

void
fuzz_watch_libxml2(void)
{
	xmlSetGenericErrorFunc(NULL, on_stray);
}

void
fuzz_mem_open(struct fuzz_mem *m)
{
	m->s = NULL;
	m->len = 0;
	if ((m->f = open_memstream(&m->s, &m->len)) == NULL)
		abort();
}

void
fuzz_mem_close(struct fuzz_mem *m)
{
	if (m->f != NULL && fclose(m->f) != 0)
		abort();
	m->f = NULL;
}

void
fuzz_mem_free(struct fuzz_mem *m)
{
	fuzz_mem_close(m);
	free(m->s);
	m->s = NULL;
}

void
fuzz_fail(const char *what, const struct fuzz_mem *said)
{
	fprintf(stderr, "fuzz: %s\n", what);
	if (said != NULL && said->s != NULL && said->len > 0)
		fprintf(stderr, "fuzz: the library said:\n%.*s", (int)said->len,
		    said->s);
	abort();
}
