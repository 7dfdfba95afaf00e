/*
 * main.c - the briefing command: options, calls into libbriefing, exit
 * status (0 ok, 1 input errors, 2 usage, 3 system).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "briefing.h"

extern const unsigned char tl_default_doc[];
extern const size_t tl_default_doc_len;

#define DEFAULT_NAME	"russia-dprk-timeline.xml"

extern char **environ;

/*
 * What the environment says, into the library's options (the only place
 * that reads it): fonts folder, font cache folder, timing, date.
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
	fputs("usage: briefing [OPTIONS] [INPUT.xml] -o OUTPUT.pdf\n"
	    "       briefing --check|--dump [INPUT.xml]\n"
	    "       briefing --proof TEXT [--font FAMILY] [--size PT] -o OUTPUT.pdf\n",
	    f);
}

static void
help(void)
{
	usage(stdout);
	fputs("\nTurn a timeline of dated events (XML) into a paginated Thai "
	    "briefing (PDF).\nWithout INPUT, the built-in default document is "
	    "used.\n\n"
	    "  -o, --output FILE   write the PDF to FILE (default: INPUT with .pdf;\n"
	    "                      - for standard output)\n"
	    "  -c, --check         validate only; write nothing\n"
	    "  -d, --dump          list the events in printed order: when, date, title\n"
	    "      --dump-layout   print the laid-out pages as text\n"
	    "  -s, --style NAME    style name or file (default: briefing)\n"
	    "      --toc           print a contents page\n"
	    "      --strict        characters no font covers are errors\n"
	    "      --words FILE    also never break inside these words (one a line)\n"
	    "      --proof TEXT    set TEXT alone on an A4 page (font check)\n"
	    "      --font FAMILY   family for --proof (default: the body list)\n"
	    "      --size PT       size for --proof (default: 16)\n"
	    "  -q, --quiet         no progress messages\n"
	    "  -h, --help          this text\n"
	    "  -V, --version       the version\n\n"
	    "Exit status: 0 ok, 1 bad document or style, 2 usage, 3 system "
	    "error.\n"
	    "See briefing(1).\n", stdout);
}

/* INPUT.xml -> INPUT.pdf, in the current folder. */
static char *
default_output(const char *in)
{
	const char *base = strrchr(in, '/');
	size_t n;
	char *out;

	base = base ? base + 1 : in;
	n = strlen(base);
	if (n > 4 && strcmp(base + n - 4, ".xml") == 0)
		n -= 4;
	if ((out = malloc(n + 5)) == NULL)
		return NULL;
	memcpy(out, base, n);
	strcpy(out + n, ".pdf");
	return out;
}

int
main(int argc, char *argv[])
{
	enum { OPT_PROOF = 256, OPT_FONT, OPT_SIZE, OPT_TOC, OPT_STRICT,
	    OPT_DUMP_LAYOUT, OPT_WORDS };
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "check", no_argument, NULL, 'c' },
		{ "dump", no_argument, NULL, 'd' },
		{ "dump-layout", no_argument, NULL, OPT_DUMP_LAYOUT },
		{ "style", required_argument, NULL, 's' },
		{ "toc", no_argument, NULL, OPT_TOC },
		{ "strict", no_argument, NULL, OPT_STRICT },
		{ "words", required_argument, NULL, OPT_WORDS },
		{ "proof", required_argument, NULL, OPT_PROOF },
		{ "font", required_argument, NULL, OPT_FONT },
		{ "size", required_argument, NULL, OPT_SIZE },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct tl_opts opts;
	struct tl_doc *doc;
	const char *output = NULL, *proof = NULL, *font = NULL, *input;
	char *defout = NULL, *end, *cache = NULL;
	double size = 16;
	int c, check = 0, dump = 0, dump_layout = 0, quiet = 0;
	enum tl_status st;

	memset(&opts, 0, sizeof(opts));
	while ((c = getopt_long(argc, argv, "o:cds:qhV", longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			output = optarg;
			break;
		case 'c':
			check = 1;
			break;
		case 'd':
			dump = 1;
			break;
		case OPT_DUMP_LAYOUT:
			dump_layout = 1;
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
		case 'q':
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
	if (argc - optind > 1) {
		fprintf(stderr, "briefing: error: one input file at a time, "
		    "not %d\n", argc - optind);
		usage(stderr);
		return TL_EUSAGE;
	}
	input = optind < argc ? argv[optind] : NULL;
	if (from_environment(&opts, &cache) != 0)
		return TL_EUSAGE;

	if (proof != NULL) {
		if (output == NULL) {
			fputs("briefing: error: --proof needs -o OUTPUT.pdf\n",
			    stderr);
			return TL_EUSAGE;
		}
		st = tl_proof(&opts, proof, font, size, output, stdout);
		free(cache);
		return st;
	}
	if (check + dump + dump_layout > 1) {
		fputs("briefing: error: --check, --dump and --dump-layout "
		    "exclude each other\n", stderr);
		return TL_EUSAGE;
	}

	if ((doc = tl_doc_new(&opts)) == NULL) {
		fputs("briefing: error: out of memory\n", stderr);
		free(cache);
		return TL_ESYSTEM;
	}
	if (input != NULL)
		st = tl_doc_read(doc, input);
	else
		st = tl_doc_read_mem(doc, DEFAULT_NAME,
		    (const char *)tl_default_doc, tl_default_doc_len);
	if (st == TL_OK && dump)
		st = tl_doc_dump(doc, stdout);
	else if (st == TL_OK && dump_layout)
		st = tl_doc_dump_layout(doc, stdout);
	else if (st == TL_OK && !check) {
		if (output == NULL)
			output = defout = default_output(input != NULL ?
			    input : DEFAULT_NAME);
		st = output != NULL ? tl_doc_render(doc, output) : TL_ESYSTEM;
		if (st == TL_OK && !quiet)
			fprintf(stderr, "briefing: wrote %s\n",
			    strcmp(output, "-") == 0 ? "standard output" :
			    output);
	}
	tl_doc_free(doc);
	free(defout);
	free(cache);
	if (opts.timing)
		peak_memory();
	return st;
}
