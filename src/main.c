/*
 * main.c - the briefing command: options, calls into libbriefing, exit
 * status (0 ok, 1 input errors, 2 usage, 3 system).
 */
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include "briefing.h"

extern const unsigned char tl_default_doc[];
extern const size_t tl_default_doc_len;

#define DEFAULT_NAME	"russia-dprk-timeline.xml"

extern char **environ;

/*
 * What the environment says, into the library's options (the only place
 * that reads it): fonts folder, font cache folder, timing, date, and
 * whether the output is to be reproducible (SOURCE_DATE_EPOCH says it is,
 * for reproducible builds: the date, and encryption made the same each
 * run).
 */
static int
from_environment(struct tl_opts *o, char **cache)
{
	const char *v, *home;
	struct stat sb;
	char *end;

	*cache = NULL;
	o->env = (const char *const *)environ;
	o->fonts_dir = (v = getenv("BRIEFING_FONTS")) != NULL ? v : "fonts";
	o->timing = getenv("BRIEFING_TIMING") != NULL;
	if ((v = getenv("SOURCE_DATE_EPOCH")) != NULL && *v != '\0') {
		o->date = strtoll(v, &end, 10);
		if (*end != '\0' || o->date < 0) {
			fprintf(stderr, "briefing: error: SOURCE_DATE_EPOCH: "
			    "expected seconds since 1970, not \"%s\"\n", v);
			return -1;
		}
		o->date_set = 1;
		o->reproducible = 1;
	}
	/* $XDG_CACHE_HOME/briefing, else $HOME/.cache/briefing */
	if ((v = getenv("BRIEFING_FONT_CACHE")) != NULL && strcmp(v, "0") == 0)
		return 0;
	if ((v = getenv("XDG_CACHE_HOME")) != NULL && v[0] == '/')
		home = "";
	else if ((v = getenv("HOME")) != NULL && v[0] == '/' &&
	    stat(v, &sb) == 0 && S_ISDIR(sb.st_mode))
		home = "/.cache";	/* a home that is not there stays so */
	else
		return 0;
	if ((*cache = malloc(strlen(v) + strlen(home) + 10)) == NULL)
		return -1;
	sprintf(*cache, "%s%s/briefing", v, home);
	o->cache_dir = *cache;
	return 0;
}

/* With BRIEFING_TIMING: the process's peak resident memory. */
static void
peak_memory(void)
{
	char line[128];
	FILE *f;

	if ((f = fopen("/proc/self/status", "r")) == NULL)
		return;
	while (fgets(line, sizeof(line), f) != NULL)
		if (strncmp(line, "VmHWM:", 6) == 0)
			fprintf(stderr, "briefing: timing: peak memory: %ld KiB\n",
			    strtol(line + 6, NULL, 10));
	fclose(f);
}

static void
usage(FILE *f)
{
	fputs("usage: briefing [OPTIONS] INPUT.xml [-o OUTPUT.pdf]\n"
	    "       briefing [OPTIONS] INPUT.xml ... -O FOLDER\n"
	    "       briefing --merge [OPTIONS] INPUT.xml ... [-o OUTPUT.pdf]\n"
	    "       briefing --check|--dump [OPTIONS] INPUT.xml ...\n"
	    "       briefing --example [-o OUTPUT.pdf]\n"
	    "       briefing --proof TEXT [--font FAMILY] [--size PT] -o OUTPUT.pdf\n",
	    f);
}

static void
help(void)
{
	usage(stdout);
	fputs("\nTurn a timeline of dated events (XML) into a paginated Thai "
	    "briefing (PDF).\nINPUT - is standard input.\n\n"
	    "  -o, --output FILE   write the PDF to FILE (default: INPUT with .pdf\n"
	    "                      in the current folder; - for standard output)\n"
	    "  -O, --output-dir DIR  write each INPUT's PDF into DIR\n"
	    "  -c, --check         do all but write: style, fonts, layout\n"
	    "  -d, --dump          list the events in printed order: when, date, title\n"
	    "      --dump-layout   print the laid-out pages as text\n"
	    "      --example       the built-in example document as INPUT\n"
	    "      --depfile FILE  write a make rule: OUTPUT and the files it is made from\n"
	    "      --copies N      N numbered copies, to -o with {n} for the number\n"
	    "      --recipients FILE  a copy for each name in FILE (one a line)\n"
	    "      --pdf-standard S  PDF/A: a-1b, a-2b or a-2u (archival)\n"
	    "      --no-tags       no structure tree (the PDF is tagged unless)\n"
	    "      --owner-password PW  encrypt (AES-256); PW grants every permission\n"
	    "      --user-password PW   PW is needed to open the PDF (with the above)\n"
	    "      --owner-password-file FILE, --user-password-file FILE\n"
	    "                      the password is FILE's first line (unseen by ps)\n"
	    "      --owner-password-env VAR, --user-password-env VAR\n"
	    "                      the password is in the environment variable VAR\n"
	    "      --no-print      printing not allowed (needs an owner password)\n"
	    "      --no-copy       copying text out not allowed (needs one too)\n"
	    "      --linearize     linearized, for fast web view\n"
	    "      --tz ZONE       days counted in ZONE (IANA; default: the document's\n"
	    "                      meta/timezone, else Asia/Bangkok)\n"
	    "      --merge         all INPUTs (timelines, feeds) make one document\n"
	    "      --since WHEN    only events on or after WHEN (2026-12-01, or 7d:\n"
	    "                      7 days before the document's date)\n"
	    "      --until WHEN    only events on or before WHEN\n"
	    "      --tag TAG       only events with TAG (given again: with any of them)\n"
	    "      --title TEXT    the document's title instead of its input's\n"
	    "  -s, --style NAME    style name or file (default: briefing)\n"
	    "      --toc           print a contents page\n"
	    "      --strict        characters no font covers are errors\n"
	    "      --words FILE    also never break inside these words (one a line)\n"
	    "      --proof TEXT    set TEXT alone on an A4 page (font check)\n"
	    "      --font FAMILY   family for --proof (default: the body list)\n"
	    "      --size PT       size for --proof (default: 16)\n"
	    "  -j, --jobs N        documents made at once (default: the processors)\n"
	    "  -v, --verbose       say what was written\n"
	    "  -q, --quiet         nothing but errors and warnings (the default)\n"
	    "  -h, --help          this text\n"
	    "  -V, --version       the version\n\n"
	    "Exit status: 0 ok, 1 bad document or style, 2 usage, 3 system "
	    "error; with several inputs, the worst.\n"
	    "See briefing(1).\n", stdout);
}

/* INPUT.xml -> INPUT.pdf, in dir (NULL: the current folder). */
static char *
output_name(const char *in, const char *dir)
{
	const char *base = strrchr(in, '/');
	size_t n, d = dir != NULL ? strlen(dir) + 1 : 0;
	char *out;

	base = base ? base + 1 : in;
	n = strlen(base);
	if (n > 4 && strcmp(base + n - 4, ".xml") == 0)
		n -= 4;
	if ((out = malloc(d + n + 5)) == NULL)
		return NULL;
	if (dir != NULL)
		snprintf(out, d + 1, "%s/", dir);
	memcpy(out + d, base, n);
	strcpy(out + d + n, ".pdf");
	return out;
}

/* Standard input, whole; NULL with a message. */
static char *
read_stdin(size_t *len)
{
	size_t cap = 65536, n;
	char *buf = malloc(cap), *nb;

	*len = 0;
	while (buf != NULL && (n = fread(buf + *len, 1, cap - *len, stdin)) > 0) {
		*len += n;
		if (*len == cap) {
			if (cap >= (size_t)64 << 20) {
				fputs("briefing: error: standard input: over a "
				    "limit: larger than 64 MiB, the most a file "
				    "may be\n", stderr);
				free(buf);
				return NULL;
			}
			if ((nb = realloc(buf, cap * 2)) == NULL)
				break;
			buf = nb;
			cap *= 2;
		}
	}
	if (buf == NULL || ferror(stdin)) {
		fputs(buf == NULL ? "briefing: error: out of memory\n" :
		    "briefing: error: standard input: cannot be read\n",
		    stderr);
		free(buf);
		return NULL;
	}
	return buf;
}

enum mode { RENDER, CHECK, DUMP, DUMP_LAYOUT };

/* The worse of two statuses: system, usage, input, success (by value). */
static enum tl_status
worse(enum tl_status a, enum tl_status b)
{
	return b > a ? b : a;
}

/*
 * Read input into doc: "-" is standard input, NULL the built-in example.
 */
static enum tl_status
read_input(struct tl_doc *doc, const char *input)
{
	enum tl_status st;
	char *buf;
	size_t len;

	if (input == NULL)
		return tl_doc_read_mem(doc, DEFAULT_NAME,
		    (const char *)tl_default_doc, tl_default_doc_len);
	if (strcmp(input, "-") != 0)
		return tl_doc_read(doc, input);
	if ((buf = read_stdin(&len)) == NULL)
		return TL_ESYSTEM;
	st = tl_doc_read_mem(doc, "standard input", buf, len);
	free(buf);
	return st;
}

/* The inputs of one document, n of them (merged when more than one). */
static enum tl_status
read_inputs(struct tl_doc *doc, const char *const *in, int n)
{
	enum tl_status st = TL_OK;
	int k;

	for (k = 0; k < n; k++)
		st = worse(st, read_input(doc, in[k]));
	return st;
}

/*
 * One document made of inputs in[0..n) (one of them, or several merged),
 * then checked, dumped or rendered to output.  last: the run's last
 * document; once it is written, the process ends (see below).
 */
static enum tl_status
one(const struct tl_opts *opts, struct tl_env *env, enum mode mode,
    const char *const *in, int n, const char *output, const char *deps,
    int verbose, int *pages, int last)
{
	struct tl_doc *doc;
	struct tl_opts o = *opts;
	enum tl_status st;

	/* a render is the document's last use: its text goes as it is set */
	o.once = mode != CHECK && mode != DUMP && mode != DUMP_LAYOUT;
	if ((doc = tl_doc_new(&o)) == NULL) {
		fputs("briefing: error: out of memory\n", stderr);
		return TL_ESYSTEM;
	}
	if (env != NULL)
		tl_doc_use_env(doc, env);
	st = read_inputs(doc, in, n);
	if (st == TL_OK) {
		switch (mode) {
		case CHECK:
			st = tl_doc_check(doc);
			break;
		case DUMP:
			st = tl_doc_dump(doc, stdout);
			break;
		case DUMP_LAYOUT:
			st = tl_doc_dump_layout(doc, stdout);
			break;
		default:
			st = tl_doc_render(doc, output);
			if (st == TL_OK && verbose)
				fprintf(stderr, "briefing: wrote %s\n",
				    strcmp(output, "-") == 0 ?
				    "standard output" : output);
			if (st == TL_OK && deps != NULL)
				st = tl_doc_depfile(doc, deps, output);
			break;
		}
	}
	if (pages != NULL)
		*pages = tl_doc_pages(doc);
	/*
	 * The last document written: the process ends, and its memory (the
	 * document, its fonts, the Thai dictionary) goes with it, instead
	 * of being freed a block at a time first.  tl_doc_free frees it all
	 * for a program that goes on.
	 */
	if (last && mode == RENDER && st == TL_OK) {
		if (opts->timing)
			peak_memory();
		if (fflush(stdout) == 0)
			_exit(st);
	}
	tl_doc_free(doc);
	return st;
}

/*
 * Several inputs: workers, each on a thread of its own with a text
 * environment made once (the first one's Thai dictionary shared by all),
 * take the next input in turn.  A document's messages are held and
 * printed together once it is done; on a terminal, a line of progress.
 */
struct batch {
	const struct tl_opts *opts;
	enum mode	 mode;
	char		**in;		/* (borrowed) inputs */
	int		 n;
	const char	*outdir;
	int		 verbose, progress;
	pthread_mutex_t	 lock;
	int		 next, done, pages;
	enum tl_status	 st;
	struct timespec	 t0;
};

struct worker {
	struct batch	*b;
	struct tl_env	*env;		/* (owned) */
	pthread_t	 t;
};

/* The line of progress (b->lock held); last: take it away. */
static void
progress(struct batch *b, int last)
{
	struct timespec now;
	double t, left;

	if (!b->progress)
		return;
	if (last) {
		fputs("\r\033[K", stderr);
		return;
	}
	clock_gettime(CLOCK_MONOTONIC, &now);
	t = (double)(now.tv_sec - b->t0.tv_sec) +
	    (double)(now.tv_nsec - b->t0.tv_nsec) / 1e9;
	left = t / b->done * (b->n - b->done);
	fprintf(stderr, "\rbriefing: %d of %d documents, %d pages, about "
	    "%.0f s left\033[K", b->done, b->n, b->pages, left);
	fflush(stderr);
}

static void *
work(void *arg)
{
	struct worker *w = arg;
	struct batch *b = w->b;
	struct tl_opts o = *b->opts;
	enum tl_status st;
	char *msg, *out;
	size_t len;
	FILE *mem;
	int i, pages;

	for (;;) {
		pthread_mutex_lock(&b->lock);
		i = b->next++;
		pthread_mutex_unlock(&b->lock);
		if (i >= b->n)
			break;
		msg = out = NULL;
		len = 0;
		pages = 0;
		mem = open_memstream(&msg, &len);
		o.diag = mem != NULL ? mem : b->opts->diag;
		if (b->mode == RENDER && (out = output_name(b->in[i],
		    b->outdir)) == NULL) {
			fputs("briefing: error: out of memory\n", o.diag ?
			    o.diag : stderr);
			st = TL_ESYSTEM;
		} else
			st = one(&o, w->env, b->mode, (const char *const *)
			    &b->in[i], 1, out, NULL, b->verbose, &pages, 0);
		if (mem != NULL)
			fclose(mem);
		pthread_mutex_lock(&b->lock);
		if (b->progress)
			fputs("\r\033[K", stderr);
		if (msg != NULL)
			fwrite(msg, 1, len, stderr);
		b->done++;
		b->pages += pages;
		b->st = worse(b->st, st);
		progress(b, 0);
		pthread_mutex_unlock(&b->lock);
		free(msg);
		free(out);
	}
	return NULL;
}

static enum tl_status
batch(const struct tl_opts *opts, enum mode mode, char **in, int n,
    const char *outdir, long jobs, int verbose, int quiet)
{
	struct batch b;
	struct worker *w;
	long k, nw;

	memset(&b, 0, sizeof(b));
	b.opts = opts;
	b.mode = mode;
	b.in = in;
	b.n = n;
	b.outdir = outdir;
	b.verbose = verbose;
	b.progress = !quiet && isatty(STDERR_FILENO);
	clock_gettime(CLOCK_MONOTONIC, &b.t0);
	if (jobs > n)
		jobs = n;
	if (mode == DUMP || mode == DUMP_LAYOUT || jobs < 1)
		jobs = 1;		/* standard output: in order */
	if ((w = calloc((size_t)jobs, sizeof(*w))) == NULL) {
		fputs("briefing: error: out of memory\n", stderr);
		return TL_ESYSTEM;
	}
	if ((w[0].env = tl_env_new(opts)) == NULL) {
		free(w);
		return TL_ESYSTEM;
	}
	pthread_mutex_init(&b.lock, NULL);
	/* the others share the first's dictionary; fewer if one fails */
	for (nw = 1; nw < jobs; nw++) {
		w[nw].b = &b;
		if ((w[nw].env = tl_env_new_sharing(w[0].env, opts)) == NULL)
			break;
		if (pthread_create(&w[nw].t, NULL, work, &w[nw]) != 0) {
			tl_env_free(w[nw].env);
			break;
		}
	}
	w[0].b = &b;
	work(&w[0]);
	for (k = 1; k < nw; k++) {
		pthread_join(w[k].t, NULL);
		tl_env_free(w[k].env);
	}
	tl_env_free(w[0].env);
	pthread_mutex_lock(&b.lock);
	progress(&b, 1);
	pthread_mutex_unlock(&b.lock);
	pthread_mutex_destroy(&b.lock);
	free(w);
	return b.st;
}

/* Lines of a file, each a name; NULL with a message. */
static char **
read_lines(const char *path, long *n)
{
	FILE *f = fopen(path, "r");
	char *line = NULL, **v = NULL, **nv;
	size_t cap = 0;
	ssize_t len;

	*n = 0;
	if (f == NULL) {
		fprintf(stderr, "%s: error: cannot access file: %s\n", path,
		    strerror(errno));
		return NULL;
	}
	while ((len = getline(&line, &cap, f)) >= 0) {
		while (len > 0 && (line[len - 1] == '\n' ||
		    line[len - 1] == '\r' || line[len - 1] == ' '))
			line[--len] = '\0';
		if (len == 0)
			continue;
		if ((nv = realloc(v, (size_t)(*n + 2) * sizeof(*v))) == NULL)
			break;
		v = nv;
		if ((v[*n] = strdup(line)) == NULL)
			break;
		v[++*n] = NULL;
	}
	free(line);
	fclose(f);
	return v;
}

/*
 * The passwords read from files, kept till the end; here, not in main,
 * so that leak checkers see them held.
 */
static char	*password_read[2];

/*
 * The password option opt gives, into *pw: arg itself; with -file, the
 * first line of the file arg (its line end left out); with -env, the
 * value of the environment variable arg: the last two keep it out of
 * ps.  TL_OK, or the status with a message.
 */
static enum tl_status
password(const char *opt, const char *arg, const char **pw)
{
	char **line = &password_read[strncmp(opt, "user", 4) == 0];
	size_t n = strlen(opt), cap = 0;
	ssize_t len;
	FILE *f;

	if (n > 4 && strcmp(opt + n - 4, "-env") == 0) {
		if ((*pw = getenv(arg)) != NULL)
			return TL_OK;
		fprintf(stderr, "briefing: error: --%s: the variable %s is "
		    "not set\n", opt, arg);
		return TL_EUSAGE;
	}
	if (n < 5 || strcmp(opt + n - 5, "-file") != 0) {
		*pw = arg;
		return TL_OK;
	}
	if ((f = fopen(arg, "r")) == NULL) {
		fprintf(stderr, "%s: error: cannot access file: %s\n", arg,
		    strerror(errno));
		return TL_ESYSTEM;
	}
	free(*line);
	*line = NULL;
	len = getline(line, &cap, f);
	if (len < 0 && ferror(f)) {
		fprintf(stderr, "%s: error: cannot access file: %s\n", arg,
		    strerror(errno));
		fclose(f);
		return TL_ESYSTEM;
	}
	fclose(f);
	if (len < 0) {
		fprintf(stderr, "briefing: error: --%s: %s is empty\n", opt,
		    arg);
		return TL_EUSAGE;
	}
	while (len > 0 && ((*line)[len - 1] == '\n' ||
	    (*line)[len - 1] == '\r'))
		(*line)[--len] = '\0';
	*pw = *line;
	return TL_OK;
}

/* --copies and --recipients: one document, numbered copies of it. */
static enum tl_status
numbered(const struct tl_opts *opts, const char *const *in, int ninputs,
    int merge, enum mode mode, const char *pattern, long n,
    const char *recipients)
{
	struct tl_doc *doc;
	enum tl_status st;
	char **names = NULL;
	long k, nnames = 0;

	if (mode != RENDER || (ninputs != 1 && !merge) || pattern == NULL) {
		fputs("briefing: error: --copies and --recipients are for a "
		    "render of one input with -o PATTERN\n", stderr);
		return TL_EUSAGE;
	}
	if (recipients != NULL) {
		if ((names = read_lines(recipients, &nnames)) == NULL)
			return TL_ESYSTEM;
		if (nnames == 0 || (n > 0 && n != nnames)) {
			fprintf(stderr, "briefing: error: --recipients: %ld "
			    "names for %ld copies\n", nnames, n);
			st = TL_EUSAGE;
			goto out;
		}
		n = nnames;
	}
	if (n > 1 && strstr(pattern, "{n}") == NULL) {
		fputs("briefing: error: several copies need {n} in the output's "
		    "name, e.g. -o 'brief-{n}.pdf'\n", stderr);
		st = TL_EUSAGE;
		goto out;
	}
	if ((doc = tl_doc_new(opts)) == NULL) {
		fputs("briefing: error: out of memory\n", stderr);
		st = TL_ESYSTEM;
		goto out;
	}
	if ((st = read_inputs(doc, in, ninputs)) == TL_OK)
		st = tl_doc_render_copies(doc, pattern, (int)n,
		    (const char *const *)names);
	tl_doc_free(doc);
out:
	for (k = 0; k < nnames; k++)
		free(names[k]);
	free(names);
	return st;
}

/*
 * --merge: inputs in[0..n) as one document, written to output, else to
 * the first input's name in the current folder (standard output when it
 * is standard input).
 */
static enum tl_status
merged(const struct tl_opts *opts, enum mode mode, const char *const *in,
    int n, const char *output, const char *deps, int verbose)
{
	enum tl_status st;
	char *out = NULL;

	if (mode == RENDER && output == NULL) {
		if (strcmp(in[0], "-") != 0) {
			if ((out = output_name(in[0], NULL)) == NULL) {
				fputs("briefing: error: out of memory\n",
				    stderr);
				return TL_ESYSTEM;
			}
		} else if (isatty(STDOUT_FILENO)) {
			fputs("briefing: error: standard output is a "
			    "terminal: give -o OUTPUT.pdf\n", stderr);
			return TL_EUSAGE;
		}
	}
	st = one(opts, NULL, mode, in, n, out != NULL ? out : output != NULL ?
	    output : "-", deps, verbose, NULL, 1);
	free(out);
	return st;
}

int
main(int argc, char *argv[])
{
	enum { OPT_PROOF = 256, OPT_FONT, OPT_SIZE, OPT_TOC, OPT_STRICT,
	    OPT_DUMP_LAYOUT, OPT_WORDS, OPT_EXAMPLE, OPT_DEPFILE, OPT_COPIES,
	    OPT_RECIPIENTS, OPT_PDF_STANDARD, OPT_TZ, OPT_MERGE, OPT_SINCE,
	    OPT_UNTIL, OPT_TAG, OPT_TITLE, OPT_NO_TAGS, OPT_OWNER_PW,
	    OPT_USER_PW, OPT_NO_PRINT, OPT_NO_COPY, OPT_LINEARIZE };
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "output-dir", required_argument, NULL, 'O' },
		{ "check", no_argument, NULL, 'c' },
		{ "dump", no_argument, NULL, 'd' },
		{ "dump-layout", no_argument, NULL, OPT_DUMP_LAYOUT },
		{ "example", no_argument, NULL, OPT_EXAMPLE },
		{ "depfile", required_argument, NULL, OPT_DEPFILE },
		{ "copies", required_argument, NULL, OPT_COPIES },
		{ "recipients", required_argument, NULL, OPT_RECIPIENTS },
		{ "pdf-standard", required_argument, NULL, OPT_PDF_STANDARD },
		/* (password: the option's name says where it comes from) */
		{ "owner-password", required_argument, NULL, OPT_OWNER_PW },
		{ "owner-password-file", required_argument, NULL,
		    OPT_OWNER_PW },
		{ "owner-password-env", required_argument, NULL, OPT_OWNER_PW },
		{ "user-password", required_argument, NULL, OPT_USER_PW },
		{ "user-password-file", required_argument, NULL, OPT_USER_PW },
		{ "user-password-env", required_argument, NULL, OPT_USER_PW },
		{ "no-print", no_argument, NULL, OPT_NO_PRINT },
		{ "no-copy", no_argument, NULL, OPT_NO_COPY },
		{ "linearize", no_argument, NULL, OPT_LINEARIZE },
		{ "tz", required_argument, NULL, OPT_TZ },
		{ "merge", no_argument, NULL, OPT_MERGE },
		{ "since", required_argument, NULL, OPT_SINCE },
		{ "until", required_argument, NULL, OPT_UNTIL },
		{ "tag", required_argument, NULL, OPT_TAG },
		{ "title", required_argument, NULL, OPT_TITLE },
		{ "no-tags", no_argument, NULL, OPT_NO_TAGS },
		{ "style", required_argument, NULL, 's' },
		{ "toc", no_argument, NULL, OPT_TOC },
		{ "strict", no_argument, NULL, OPT_STRICT },
		{ "words", required_argument, NULL, OPT_WORDS },
		{ "proof", required_argument, NULL, OPT_PROOF },
		{ "font", required_argument, NULL, OPT_FONT },
		{ "size", required_argument, NULL, OPT_SIZE },
		{ "jobs", required_argument, NULL, 'j' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct tl_opts opts;
	const char *output = NULL, *outdir = NULL, *proof = NULL;
	const char *font = NULL, *deps = NULL, *recipients_file = NULL, *in;
	long ncopies = 0;
	char *out, *end, *cache = NULL;
	double size = 16;
	int c, i, j, n, li, modes = 0, example = 0, verbose = 0, quiet = 0;
	int stdin_used = 0, merge = 0, ntags = 0;
	const char *tags[argc + 1];	/* --tag's, NULL-ended */
	char why[256];
	long jobs = sysconf(_SC_NPROCESSORS_ONLN);
	enum mode mode = RENDER;
	enum tl_status st = TL_OK;

	memset(&opts, 0, sizeof(opts));
	while ((c = getopt_long(argc, argv, "o:O:cds:j:vqhV", longopts,
	    &li)) != -1) {
		switch (c) {
		case 'o':
			output = optarg;
			break;
		case 'O':
			outdir = optarg;
			break;
		case 'c':
			mode = CHECK;
			modes++;
			break;
		case 'd':
			mode = DUMP;
			modes++;
			break;
		case OPT_DUMP_LAYOUT:
			mode = DUMP_LAYOUT;
			modes++;
			break;
		case OPT_EXAMPLE:
			example = 1;
			break;
		case OPT_DEPFILE:
			deps = optarg;
			break;
		case OPT_COPIES:
			ncopies = strtol(optarg, &end, 10);
			if (*end != '\0' || ncopies < 1 || ncopies > 100000) {
				fprintf(stderr, "briefing: error: --copies: "
				    "expected a number from 1 to 100000, not "
				    "\"%s\"\n", optarg);
				return TL_EUSAGE;
			}
			break;
		case OPT_RECIPIENTS:
			recipients_file = optarg;
			break;
		case OPT_TZ:
			if (tl_tz_check(optarg, why, sizeof(why)) != 0) {
				fprintf(stderr, "briefing: error: --tz: %s: %s\n",
				    optarg, why);
				return TL_EUSAGE;
			}
			opts.tz = optarg;
			break;
		case OPT_MERGE:
			merge = 1;
			break;
		case OPT_SINCE:
		case OPT_UNTIL:
			if (tl_bound_check(optarg, why, sizeof(why)) != 0) {
				fprintf(stderr, "briefing: error: --%s: %s\n",
				    c == OPT_SINCE ? "since" : "until", why);
				return TL_EUSAGE;
			}
			if (c == OPT_SINCE)
				opts.since = optarg;
			else
				opts.until = optarg;
			break;
		case OPT_TAG:
			tags[ntags++] = optarg;
			tags[ntags] = NULL;
			opts.tags = tags;
			break;
		case OPT_TITLE:
			opts.title = optarg;
			break;
		case OPT_NO_TAGS:
			opts.untagged = 1;
			break;
		case OPT_PDF_STANDARD:
			if (strcmp(optarg, "a-1b") == 0)
				opts.pdf_standard = TL_PDF_A1B;
			else if (strcmp(optarg, "a-2b") == 0)
				opts.pdf_standard = TL_PDF_A2B;
			else if (strcmp(optarg, "a-2u") == 0)
				opts.pdf_standard = TL_PDF_A2U;
			else {
				fprintf(stderr, "briefing: error: "
				    "--pdf-standard: expected a-1b, a-2b or "
				    "a-2u, not \"%s\"\n", optarg);
				return TL_EUSAGE;
			}
			break;
		case OPT_OWNER_PW:
		case OPT_USER_PW:
			if ((st = password(longopts[li].name, optarg,
			    c == OPT_OWNER_PW ? &opts.owner_password :
			    &opts.user_password)) != TL_OK)
				return st;
			break;
		case OPT_NO_PRINT:
			opts.no_print = 1;
			break;
		case OPT_NO_COPY:
			opts.no_copy = 1;
			break;
		case OPT_LINEARIZE:
			opts.linearize = 1;
			break;
		case 's':
			opts.style = optarg;
			break;
		case OPT_TOC:
			opts.toc = 1;
			break;
		case OPT_STRICT:
			opts.strict = 1;
			break;
		case OPT_WORDS:
			opts.words = optarg;
			break;
		case OPT_PROOF:
			proof = optarg;
			break;
		case OPT_FONT:
			font = optarg;
			break;
		case OPT_SIZE:
			size = strtod(optarg, &end);
			if (*end != '\0' || !(size >= 1 && size <= 500)) {
				fprintf(stderr, "briefing: error: --size: "
				    "expected a number of points from 1 to "
				    "500, not \"%s\"\n", optarg);
				return TL_EUSAGE;
			}
			break;
		case 'j':
			jobs = strtol(optarg, &end, 10);
			if (*end != '\0' || jobs < 1 || jobs > 256) {
				fprintf(stderr, "briefing: error: -j: expected "
				    "a number of jobs from 1 to 256, not "
				    "\"%s\"\n", optarg);
				return TL_EUSAGE;
			}
			break;
		case 'v':
			verbose = 1;
			quiet = 0;
			break;
		case 'q':
			verbose = 0;
			quiet = 1;
			break;
		case 'h':
			help();
			return TL_OK;
		case 'V':
			printf("briefing %s\n", TL_VERSION);
			return TL_OK;
		default:
			usage(stderr);
			return TL_EUSAGE;
		}
	}
	n = argc - optind;
	if (from_environment(&opts, &cache) != 0)
		return TL_EUSAGE;

	if (proof != NULL) {
		if (opts.owner_password != NULL || opts.user_password != NULL ||
		    opts.no_print || opts.no_copy || opts.linearize) {
			fputs("briefing: error: a proof sheet is neither "
			    "encrypted nor linearized\n", stderr);
			free(cache);
			return TL_EUSAGE;
		}
		if (output == NULL) {
			fputs("briefing: error: --proof needs -o OUTPUT.pdf\n",
			    stderr);
			return TL_EUSAGE;
		}
		st = tl_proof(&opts, proof, font, size, output, stdout);
		free(cache);
		return st;
	}
	if (modes > 1) {
		fputs("briefing: error: --check, --dump and --dump-layout "
		    "exclude each other\n", stderr);
		return TL_EUSAGE;
	}
	if (tl_seal_check(&opts, why, sizeof(why)) != 0) {
		fprintf(stderr, "briefing: error: %s\n", why);
		free(cache);
		return TL_EUSAGE;
	}
	if (n == 0 && !example) {
		fputs("briefing: error: no input: give INPUT.xml (- for "
		    "standard input), or --example for the built-in example\n",
		    stderr);
		usage(stderr);
		free(cache);
		return TL_EUSAGE;
	}
	if (n > 0 && example) {
		fputs("briefing: error: --example is the input: give no other\n",
		    stderr);
		free(cache);
		return TL_EUSAGE;
	}
	if (deps != NULL && (mode != RENDER || (n + example != 1 && !merge))) {
		fputs("briefing: error: --depfile is for a render of one "
		    "document\n", stderr);
		free(cache);
		return TL_EUSAGE;
	}
	if (merge && outdir != NULL) {
		fputs("briefing: error: --merge makes one document: give -o "
		    "OUTPUT.pdf, not -O\n", stderr);
		free(cache);
		return TL_EUSAGE;
	}
	if (mode == RENDER && !merge && output != NULL && (n > 1 ||
	    outdir != NULL)) {
		fputs("briefing: error: -o names one output: with several "
		    "inputs, give -O FOLDER (or --merge for one document)\n",
		    stderr);
		free(cache);
		return TL_EUSAGE;
	}
	/* two inputs must not make one output, nor standard input twice */
	for (i = optind; i < argc; i++) {
		if (strcmp(argv[i], "-") == 0 && stdin_used++) {
			fputs("briefing: error: - (standard input) given twice\n",
			    stderr);
			free(cache);
			return TL_EUSAGE;
		}
		for (j = optind; mode == RENDER && !merge && j < i; j++) {
			const char *a = strrchr(argv[i], '/'), *b =
			    strrchr(argv[j], '/');

			if (strcmp(a ? a + 1 : argv[i], b ? b + 1 : argv[j]) ==
			    0 && strcmp(argv[i], "-") != 0) {
				fprintf(stderr, "briefing: error: %s and %s "
				    "would make the same output\n", argv[j],
				    argv[i]);
				free(cache);
				return TL_EUSAGE;
			}
		}
	}
	if (ncopies > 0 || recipients_file != NULL) {
		const char *ex[1] = { NULL };

		st = numbered(&opts, example ? ex : (const char *const *)
		    (argv + optind), n + example, merge, mode, output, ncopies,
		    recipients_file);
		free(cache);
		return st;
	}
	if (merge && n > 1) {
		st = merged(&opts, mode, (const char *const *)(argv + optind),
		    n, output, deps, verbose);
		free(cache);
		if (opts.timing)
			peak_memory();
		return st;
	}
	/* several files (not standard input): in one batch */
	if (n > 1 && !stdin_used) {
		st = batch(&opts, mode, argv + optind, n, outdir, jobs,
		    verbose, quiet);
		free(cache);
		if (opts.timing)
			peak_memory();
		return st;
	}
	for (i = example ? -1 : optind; i < argc; i++) {
		in = i < 0 ? NULL : argv[i];
		out = NULL;
		if (mode == RENDER && output == NULL) {
			if (in != NULL && strcmp(in, "-") == 0) {
				if (outdir != NULL) {
					fputs("briefing: error: standard input "
					    "has no name for -O: give -o\n",
					    stderr);
					st = worse(st, TL_EUSAGE);
					continue;
				}
				if (isatty(STDOUT_FILENO)) {
					fputs("briefing: error: standard "
					    "output is a terminal: give -o "
					    "OUTPUT.pdf\n", stderr);
					st = worse(st, TL_EUSAGE);
					continue;
				}
			} else if ((out = output_name(in != NULL ? in :
			    DEFAULT_NAME, outdir)) == NULL) {
				fputs("briefing: error: out of memory\n",
				    stderr);
				st = worse(st, TL_ESYSTEM);
				continue;
			}
		}
		/* the last: the run's status is this document's */
		st = worse(st, one(&opts, NULL, mode, (const char *const *)&in,
		    1, out != NULL ? out : output != NULL ? output : "-", deps,
		    verbose, NULL, (i < 0 || i + 1 == argc) && st == TL_OK));
		free(out);
		if (i < 0)
			break;
	}
	free(cache);
	if (opts.timing)
		peak_memory();
	return st;
}
