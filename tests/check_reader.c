/*
 * check_reader.c - the reader and the model: the default document, one file
 * for every kind of error with its exact message and position, entities,
 * XInclude, normalisation, the printed order, links (the schemes allowed,
 * percent-encoding, lengths), the lengths of the document information
 * and the time zone named in meta.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>
#include <libxml/xmlmemory.h>

#include "base/base.h"
#include "input/input.h"
#include "briefing.h"
#include "util.h"

/* Read path with the library; return what it printed (malloc'd). */
static char *
read_doc(const char *path, enum tl_status *st, int dump)
{
	struct tl_opts o;
	struct tl_doc *d;
	char *out = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&out, &len);

	ck_assert_ptr_nonnull(mem);
	memset(&o, 0, sizeof(o));
	o.diag = mem;
	d = tl_doc_new(&o);
	*st = tl_doc_read(d, path);
	if (*st == TL_OK && dump)
		*st = tl_doc_dump(d, mem);
	tl_doc_free(d);
	fclose(mem);
	return out;
}

static void
go_top(void)
{
	const char *top = getenv("BRIEFING_TOP");

	if (top != NULL)
		ck_assert_int_eq(chdir(top), 0);
}

#define R "tests/regress/reader/"

static const struct {
	const char	*file;
	enum tl_status	 st;
	const char	*diag;		/* exact expected messages */
} cases[] = {
	{ R "empty.xml", TL_EINPUT,
	  R "empty.xml:1:1: error: empty document: expected <timeline>\n" },
	{ R "bad-utf8.xml", TL_EINPUT,
	  R "bad-utf8.xml:3:15: error: invalid UTF-8: byte 0xFF is not part "
	  "of a UTF-8 character\n" },
	{ R "malformed.xml", TL_EINPUT,
	  R "malformed.xml:4:39: error: malformed XML: opening and ending tag "
	  "mismatch: p line 4 and event\n" },
	{ R "unknown-element.xml", TL_EINPUT,
	  R "unknown-element.xml:5:15: error: unknown element: <b> in <p>: "
	  "expected text, em, strong, q, a or br\n"
	  R "unknown-element.xml:7:3: error: unknown element: <footer> in "
	  "<timeline>: expected title, subtitle, meta, intro, event or feed\n" },
	{ R "unknown-attribute.xml", TL_EINPUT,
	  R "unknown-attribute.xml:4:22: error: unknown attribute: \"colour\" "
	  "on <event>: expected when, label, id, tags or xml:lang\n" },
	{ R "missing-title.xml", TL_EINPUT,
	  R "missing-title.xml:2:1: error: missing title: expected <title> in "
	  "<timeline>\n" },
	{ R "duplicate-id.xml", TL_EINPUT,
	  R "duplicate-id.xml:7:26: error: duplicate id: \"war\"\n"
	  R "duplicate-id.xml:4:26: note: first defined here: \"war\"\n" },
	{ R "bad-when.xml", TL_EINPUT,
	  R "bad-when.xml:4:21: error: bad date in when: \"1955-13\": month 13 "
	  "out of range 1-12\n"
	  R "bad-when.xml:7:26: error: bad date in when: \"1900-02-29\": day 29 "
	  "does not exist in 1900-02\n"
	  R "bad-when.xml:8:21: error: bad date in when: \"1950/1945\": "
	  "interval ends before it starts\n"
	  R "bad-when.xml:9:16: error: bad date in when: \"ราว 1950\": "
	  "unexpected \"ร\" (U+0E23)\n" },
	{ R "many-errors.xml", TL_EINPUT,
	  R "many-errors.xml:2:20: error: unsupported version: expected "
	  "version=\"1\": found \"2\"\n"
	  R "many-errors.xml:3:24: error: bad date in when: \"2023-02-29\": "
	  "day 29 does not exist in 2023-02\n"
	  R "many-errors.xml:4:29: error: unknown attribute: \"kind\" on "
	  "<event>: expected when, label, id, tags or xml:lang\n"
	  R "many-errors.xml:4:26: error: duplicate id: \"a\"\n"
	  R "many-errors.xml:3:32: note: first defined here: \"a\"\n"
	  R "many-errors.xml:5:3: error: invalid document: <event> needs at "
	  "least one <p>\n"
	  R "many-errors.xml:6:9: error: bad date: expected YYYY-MM-DD: "
	  "\"2023-13-01\"\n"
	  R "many-errors.xml:2:1: error: missing title: expected <title> in "
	  "<timeline>\n" },
	{ R "external-entity.xml", TL_EINPUT,
	  R "external-entity.xml:3:38: error: entity refused: external entity "
	  "\"secret\" is not allowed; entity declarations are not supported\n" },
	{ R "external-entity-ref.xml", TL_EINPUT,
	  R "external-entity-ref.xml:4:31: error: malformed XML: entity "
	  "'secret' not defined\n" },
	{ R "billion-laughs.xml", TL_EINPUT,
	  R "billion-laughs.xml:3:20: error: entity refused: entity "
	  "declarations are not supported: \"lol\"\n" },
	{ R "inc/escape.xml", TL_EINPUT,
	  R "inc/escape.xml:4:3: error: XInclude refused: \"../bad-when.xml\" "
	  "is outside the input's folder\n" },
	{ R "xinclude-missing.xml", TL_EINPUT,
	  R "xinclude-missing.xml:4:3: error: XInclude refused: "
	  "\"no-such-file.xml\": No such file or directory\n"
	  R "xinclude-missing.xml:5:3: error: XInclude refused: "
	  "\"http://example.org/events.xml\": expected a relative path to a "
	  "file in the input's folder\n" },
	{ R "bad-links.xml", TL_EINPUT,
	  R "bad-links.xml:3:28: error: invalid document: href "
	  "\"javascript:alert(document.cookie)\": links to javascript: are "
	  "not allowed: expected http://, https:// or mailto:\n"
	  R "bad-links.xml:5:19: error: invalid document: href "
	  "\"smb://attacker.example/share\": links to smb: are not allowed: "
	  "expected http://, https:// or mailto:\n"
	  R "bad-links.xml:6:19: error: invalid document: empty href: "
	  "expected a link starting http://, https:// or mailto:\n"
	  R "bad-links.xml:9:22: error: invalid document: href "
	  "\"file:///etc/passwd\": links to file: are not allowed: expected "
	  "http://, https:// or mailto:\n"
	  R "bad-links.xml:9:65: error: invalid document: href "
	  "\"launch:calc.exe\": links to launch: are not allowed: expected "
	  "http://, https:// or mailto:\n"
	  R "bad-links.xml:12:21: error: invalid document: href "
	  "\"data:text/html;base64,PGI+eDwvYj4=\": links to data: are not "
	  "allowed: expected http://, https:// or mailto:\n"
	  R "bad-links.xml:17:31: error: invalid document: href "
	  "\"ftp://ftp.example.org/pub/\": links to ftp: are not allowed: "
	  "expected http://, https:// or mailto:\n"
	  R "bad-links.xml:18:16: error: invalid document: href "
	  "\"www.example.org\": expected a link starting http://, https:// or "
	  "mailto:\n"
	  R "bad-links.xml:19:16: error: invalid document: href "
	  "\"https:example.org\": expected // and a host after https:\n"
	  R "bad-links.xml:20:16: error: invalid document: empty href: "
	  "expected a link starting http://, https:// or mailto:\n"
	  R "bad-links.xml:21:19: error: invalid document: href "
	  "\"JavaScript:void(0)\": links to JavaScript: are not allowed: "
	  "expected http://, https:// or mailto:\n" },
	{ R "no-such-file.xml", TL_ESYSTEM,
	  R "no-such-file.xml: error: cannot access file: No such file or "
	  "directory\n" },
};

START_TEST(test_errors)
{
	enum tl_status st;
	char *out;

	go_top();
	out = read_doc(cases[_i].file, &st, 0);
	ck_assert_str_eq(out, cases[_i].diag);
	ck_assert_int_eq(st, cases[_i].st);
	/* the content of a local file never shows */
	ck_assert_ptr_null(strstr(out, "SECRET-CONTENT"));
	free(out);
}
END_TEST

START_TEST(test_default_document)
{
	enum tl_status st;
	char *out;

	go_top();
	out = read_doc("data/russia-dprk-timeline.xml", &st, 1);
	ck_assert_int_eq(st, TL_OK);
	/* five events in order, SARA AM composed (อำนาจ, not อํานาจ) */
	ck_assert_ptr_nonnull(strstr(out, "1945/1948\t1945-1948\t"));
	ck_assert_ptr_nonnull(strstr(out, "198X\t1980\tหลังจาก มิคาอิล "
	    "กอร์บาชอฟ ได้ขึ้นมามีอำน"));
	ck_assert_ptr_null(strstr(out, "\xE0\xB9\x8D\xE0\xB8\xB2"));
	ck_assert(strstr(out, "1950/1953") < strstr(out, "1955~/196X"));
	ck_assert(strstr(out, "1955~/196X") < strstr(out, "197X"));
	free(out);
}
END_TEST

/* Bytes libxml2 asks for while the counters below are its allocator. */
static size_t xml_bytes;

static void *
count_malloc(size_t n)
{
	xml_bytes += n;
	return malloc(n);
}

static void *
count_realloc(void *p, size_t n)
{
	xml_bytes += n;
	return realloc(p, n);
}

static char *
count_strdup(const char *s)
{
	xml_bytes += strlen(s) + 1;
	return strdup(s);
}

/*
 * An entity bomb: the first declaration stops the parse, with one error
 * and none of the text; libxml2 asks for less than a megabyte in all,
 * where the title alone would expand to 3 GB (a bound counted, not timed).
 */
START_TEST(test_billion_laughs_refused)
{
	xmlFreeFunc fr;
	xmlMallocFunc ma;
	xmlReallocFunc re;
	xmlStrdupFunc sd;
	enum tl_status st;
	char *out;

	go_top();
	ck_assert_int_eq(xmlMemGet(&fr, &ma, &re, &sd), 0);
	xml_bytes = 0;
	ck_assert_int_eq(xmlMemSetup(free, count_malloc, count_realloc,
	    count_strdup), 0);
	out = read_doc(R "billion-laughs.xml", &st, 0);
	ck_assert_int_eq(xmlMemSetup(fr, ma, re, sd), 0);
	ck_assert_int_eq(st, TL_EINPUT);
	ck_assert_str_eq(out, R "billion-laughs.xml:3:20: error: entity "
	    "refused: entity declarations are not supported: \"lol\"\n");
	ck_assert_ptr_null(strstr(out, "lollol"));
	ck_assert_msg(xml_bytes < 1024 * 1024, "libxml2 asked for %zu bytes",
	    xml_bytes);
	free(out);
}
END_TEST

START_TEST(test_xinclude_inside)
{
	enum tl_status st;
	char *out;

	go_top();
	out = read_doc(R "inc/good.xml", &st, 1);
	ck_assert_int_eq(st, TL_OK);
	/* the included 1980 event sorts before the 1990 one */
	ck_assert_str_eq(out, "1980\t1980\tจากไฟล์ย่อย ตัวเอน\n"
	    "1990\t1990\tสาม\n");
	free(out);
}
END_TEST

/* Equal keys keep document order; a later start or end sorts after. */
/* The --dump of a document in memory, which reads. */
static char *
dump_mem(const char *doc)
{
	enum tl_status st;
	char *out = test_doc(doc, 0, &st);

	ck_assert_int_eq(st, TL_OK);
	return out;
}

START_TEST(test_stable_order)
{
	static const char doc[] =
	    "<timeline version='1'><title>t</title>"
	    "<event when='1950'><p>b1</p></event>"
	    "<event when='1950/1953'><p>c</p></event>"
	    "<event when='1950'><p>b2</p></event>"
	    "<event when='195X'><p>d</p></event>"
	    "<event when='1950-06-25'><p>a</p></event>"
	    "<event when='../1950'><p>open</p></event>"
	    "<event when='1950'><p>b3</p></event>"
	    "</timeline>";
	char *out = dump_mem(doc);

	ck_assert_str_eq(out,
	    "../1950\tจนถึง 1950\topen\n"
	    "1950\t1950\tb1\n"
	    "1950\t1950\tb2\n"
	    "1950\t1950\tb3\n"
	    "1950/1953\t1950–1953\tc\n"
	    "195X\tทศวรรษ 1950\td\n"
	    "1950-06-25\t25 มิถุนายน 1950\ta\n");
	free(out);
}
END_TEST

/* SARA AM typed as U+0E4D U+0E32 becomes U+0E33; nothing else changes. */
START_TEST(test_sara_am)
{
	static const char doc[] =
	    "<timeline version='1'><title>t</title>"
	    "<event when='1950'><p>\u0E4D\u0E32\u0E19\u0E32\u0E08</p></event>"
	    "<event when='1950'><p>\u0E01\u0E4D x</p></event>"
	    "<event when='1950'><p>\u0E0D\u0E35\u0E48\u0E1B\u0E38\u0E48"
	    "\u0E19</p></event>"
	    "<event when='1950'><p>\u0E01\u0E4D</p></event>"
	    "<event when='1950'><p>\u0E01\u0E4D\u0E32\u0E25\u0E31\u0E07"
	    "\u0E19\u0E4D\u0E32</p></event>"
	    "<event when='1950'><p>  a   b\n c\u0E4D\u0E32 </p></event>"
	    "</timeline>";
	char *out = dump_mem(doc);

	ck_assert_str_eq(out,
	    "1950\t1950\t\u0E33\u0E19\u0E32\u0E08\n"
	    "1950\t1950\t\u0E01\u0E4D x\n"
	    "1950\t1950\t\u0E0D\u0E35\u0E48\u0E1B\u0E38\u0E48\u0E19\n"
	    "1950\t1950\t\u0E01\u0E4D\n"
	    "1950\t1950\t\u0E01\u0E33\u0E25\u0E31\u0E07\u0E19\u0E33\n"
	    "1950\t1950\ta b c\u0E33\n");
	free(out);
}
END_TEST

/*
 * Thai digits in the document's text: {text, expected}; words with a Latin
 * letter keep theirs.
 */
static const struct {
	const char	*in, *out;
} tdigits[] = {
	{ "ปี 2566 ข้อ 3", "ปี ๒๕๖๖ ข้อ ๓" },
	{ "09:30 น. 1,250 (12.5%)", "๐๙:๓๐ น. ๑,๒๕๐ (๑๒.๕%)" },
	{ "ค.ศ.1950-53", "ค.ศ.๑๙๕๐-๕๓" },
	{ "F-16 Su-57 COVID-19 G20", "F-16 Su-57 COVID-19 G20" },
	{ "example.org/2023 หน้า 4", "example.org/2023 หน้า ๔" },
	{ "Pyŏngyang1 2", "Pyŏngyang1 ๒" },
	{ "2023\n2024\u00A02025", "๒๐๒๓\n๒๐๒๔\u00A0๒๐๒๕" },
	{ "ไม่มีตัวเลข", NULL },			/* the same text */
	{ "F-16", NULL },
	{ "", NULL },
};

START_TEST(test_thai_digits)
{
	struct arena *a = arena_new();
	struct tl_text t;
	struct tl_span sp[2];
	struct tl_srcmap map[2];
	const struct tl_text *o;
	size_t len = strlen(tdigits[_i].in), half = len / 2;
	size_t k;

	/* two spans and two places, the second from the middle on */
	while (half > 0 && ((unsigned char)tdigits[_i].in[half] & 0xC0) ==
	    0x80)
		half--;
	memset(&t, 0, sizeof(t));
	memset(sp, 0, sizeof(sp));
	memset(map, 0, sizeof(map));
	t.s = (char *)tdigits[_i].in;
	t.len = len;
	sp[0].end = sp[1].start = map[1].start = half;
	sp[1].end = len;
	sp[1].style = TL_STRONG;
	t.spans = sp;
	t.nspans = 2;
	t.map = map;
	t.nmap = 2;
	o = text_thai_digits(a, &t);
	if (tdigits[_i].out == NULL) {
		ck_assert_ptr_eq(o, &t);
		arena_free(a);
		return;
	}
	ck_assert_str_eq(o->s, tdigits[_i].out);
	ck_assert_uint_eq(o->len, strlen(tdigits[_i].out));
	/* each span and place starts where its text went */
	for (k = 0, half = 0; k < len && k < t.spans[0].end; k++)
		half += o->s[half] == t.s[k] ? 1 : 3;
	ck_assert_uint_eq(o->spans[0].start, 0);
	ck_assert_uint_eq(o->spans[0].end, half);
	ck_assert_uint_eq(o->spans[1].start, half);
	ck_assert_uint_eq(o->spans[1].end, o->len);
	ck_assert_uint_eq(o->spans[1].style, TL_STRONG);
	ck_assert_uint_eq(o->map[1].start, half);
	/* the original is left as it was */
	ck_assert_str_eq(t.s, tdigits[_i].in);
	arena_free(a);
}
END_TEST

/* What a link is written as: {href as read, /URI of the PDF}. */
static const struct {
	const char	*in, *out;
} encoded[] = {
	{ "https://example.org/a/b?c=d&e=f#g", "https://example.org/a/b?c=d&e=f#g" },
	{ "mailto:news@example.org?subject=a%20b", "mailto:news@example.org?subject=a%20b" },
	/* Thai in the path, the query, the fragment and the host */
	{ "https://th.wikipedia.org/wiki/ไทย",
	  "https://th.wikipedia.org/wiki/%E0%B9%84%E0%B8%97%E0%B8%A2" },
	{ "https://example.org/?q=ข่าว#ก",
	  "https://example.org/?q=%E0%B8%82%E0%B9%88%E0%B8%B2%E0%B8%A7#%E0%B8%81" },
	{ "https://ไทย.example/", "https://%E0%B9%84%E0%B8%97%E0%B8%A2.example/" },
	{ "#ไทย", "#%E0%B9%84%E0%B8%97%E0%B8%A2" },
	/* space, controls, DEL and the characters no URI holds */
	{ "mailto:a@example.org?subject=a b", "mailto:a@example.org?subject=a%20b" },
	{ "https://example.org/\x01\t\x7F", "https://example.org/%01%09%7F" },
	{ "https://example.org/\"<>\\^`{|}",
	  "https://example.org/%22%3C%3E%5C%5E%60%7B%7C%7D" },
	/* %XX kept as written, a % that starts none encoded */
	{ "https://example.org/%41%e0%b8%zz%4", "https://example.org/%41%e0%b8%25zz%254" },
	{ "https://example.org/100%", "https://example.org/100%25" },
	/* [ ] in the host only; one # */
	{ "https://[::1]:8080/a[1]", "https://[::1]:8080/a%5B1%5D" },
	{ "https://example.org/#a#b", "https://example.org/#a%23b" },
	/* what a URI may hold stays, case and all */
	{ "HTTPS://Example.ORG/~a-b_c.d!$&'()*+,;=:@/?", "HTTPS://Example.ORG/~a-b_c.d!$&'()*+,;=:@/?" },
};

START_TEST(test_href_encode)
{
	struct buf b;

	memset(&b, 0, sizeof(b));
	buf_add(&b, "", 0);
	href_encode(encoded[_i].in, strlen(encoded[_i].in), &b);
	ck_assert_str_eq(b.s, encoded[_i].out);
	buf_free(&b);
}
END_TEST

/*
 * An href in <a> and in <source>: NULL when it makes a link, else the
 * message after "t.xml:L:C: error: invalid document: ".
 */
static const struct {
	const char	*href, *why;
} hrefs[] = {
	{ "http://example.org/", NULL },
	{ "https://example.org/a?b=c#d", NULL },
	{ "mailto:news@example.org", NULL },
	{ "HTTPS://EXAMPLE.ORG/", NULL },
	{ "  https://example.org/\n", NULL },
	{ "https://th.wikipedia.org/wiki/ไทย", NULL },
	{ "#war", "href \"#war\": no event has this id" },
	{ "javascript:alert(1)", "href \"javascript:alert(1)\": links to "
	  "javascript: are not allowed: expected http://, https:// or mailto:" },
	{ "JAVASCRIPT:alert(1)", "href \"JAVASCRIPT:alert(1)\": links to "
	  "JAVASCRIPT: are not allowed: expected http://, https:// or mailto:" },
	{ "file:///etc/passwd", "href \"file:///etc/passwd\": links to file: "
	  "are not allowed: expected http://, https:// or mailto:" },
	{ "smb://attacker.example/share", "href \"smb://attacker.example/"
	  "share\": links to smb: are not allowed: expected http://, https:// "
	  "or mailto:" },
	{ "launch:calc.exe", "href \"launch:calc.exe\": links to launch: are "
	  "not allowed: expected http://, https:// or mailto:" },
	{ "data:text/html,x", "href \"data:text/html,x\": links to data: are "
	  "not allowed: expected http://, https:// or mailto:" },
	{ "ftp://ftp.example.org/", "href \"ftp://ftp.example.org/\": links to "
	  "ftp: are not allowed: expected http://, https:// or mailto:" },
	{ "abcdefghijklmnopqrstuvwxyzabcdefghijklmn:x", "href \"abcdefghijklm"
	  "nopqrstuvwxyzabcdefghijklmn:x\": links to abcdefghijklmnopqrstuvwxyz"
	  "abcdef\xE2\x80\xA6: are not allowed: expected http://, https:// or "
	  "mailto:" },
	{ "page.html", "href \"page.html\": expected a link starting http://, "
	  "https:// or mailto:" },
	{ "//example.org/", "href \"//example.org/\": expected a link starting "
	  "http://, https:// or mailto:" },
	{ "https:example.org", "href \"https:example.org\": expected // and a "
	  "host after https:" },
	{ "http:///etc/passwd", "href \"http:///etc/passwd\": expected // and "
	  "a host after http:" },
	{ "https://", "href \"https://\": expected // and a host after https:" },
	{ "", "empty href: expected a link starting http://, https:// or "
	  "mailto:" },
	{ " \n ", "empty href: expected a link starting http://, https:// or "
	  "mailto:" },
};

START_TEST(test_links)
{
	static const char *const docs[] = {
	    "<timeline version='1'><title>t</title>\n"
	    "<event when='2020'><p><a href='%s'>x</a></p></event></timeline>",
	    "<timeline version='1'><title>t</title>\n"
	    "<event when='2020'><p>x</p><source href='%s'>s</source></event>"
	    "</timeline>",
	    "<timeline version='1'><title>t</title>\n"
	    "<meta><source href='%s'>s</source></meta>"
	    "<event when='2020'><p>x</p></event></timeline>",
	};
	static const int col[] = { 32, 42, 21 };
	enum tl_status st;
	char doc[512], want[512], *out;
	size_t i;

	for (i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		snprintf(doc, sizeof(doc), docs[i], hrefs[_i].href);
		out = test_doc(doc, 0, &st);
		if (hrefs[_i].why == NULL) {
			ck_assert_int_eq(st, TL_OK);
			ck_assert_msg(strstr(out, "error") == NULL, "%s", out);
		} else {
			snprintf(want, sizeof(want), "t.xml:2:%d: error: "
			    "invalid document: %s\n", col[i], hrefs[_i].why);
			ck_assert_str_eq(out, want);
			ck_assert_int_eq(st, TL_EINPUT);
		}
		free(out);
	}
}
END_TEST

/* A document whose <a href> is "https://example.org/" and then n of fill. */
static char *
long_link(size_t n, const char *fill, enum tl_status *st)
{
	struct buf b;
	char *out;
	size_t i;

	memset(&b, 0, sizeof(b));
	buf_str(&b, "<timeline version='1'><title>t</title>\n<event "
	    "when='2020'><p><a href='https://example.org/");
	for (i = 0; i < n; i++)
		buf_str(&b, fill);
	buf_str(&b, "'>x</a></p></event></timeline>");
	out = test_doc(b.s, 0, st);
	buf_free(&b);
	return out;
}

/* 8,192 bytes once encoded make a link, one more is an error. */
START_TEST(test_link_length)
{
	enum tl_status st;
	char *out;

	out = long_link(8192 - 20, "a", &st);
	ck_assert_int_eq(st, TL_OK);
	free(out);
	out = long_link(8192 - 20 + 1, "a", &st);
	ck_assert_str_eq(out, "t.xml:2:32: error: invalid document: href "
	    "\"https://example.org/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "\xE2\x80\xA6\": 8193 bytes once percent-encoded: at most 8192\n");
	ck_assert_int_eq(st, TL_EINPUT);
	free(out);
	/* 3,020 bytes as written, 9,020 encoded; cut after a whole ก */
	out = long_link(1000, "ก", &st);
	ck_assert_str_eq(out, "t.xml:2:32: error: invalid document: href "
	    "\"https://example.org/กกกกกกกกกกกกกก\xE2\x80\xA6\": 9020 bytes "
	    "once percent-encoded: at most 8192\n");
	ck_assert_int_eq(st, TL_EINPUT);
	free(out);
}
END_TEST

/*
 * What the reader says of a document: head, then n times fill, then
 * tail, then an event.
 */
static char *
long_doc(const char *head, size_t n, const char *fill, const char *tail,
    enum tl_status *st)
{
	struct buf b;
	char *out;
	size_t i;

	memset(&b, 0, sizeof(b));
	buf_str(&b, head);
	for (i = 0; i < n; i++)
		buf_str(&b, fill);
	buf_str(&b, tail);
	buf_str(&b, "<event when='2020'><p>x</p></event></timeline>");
	out = test_doc(b.s, 0, st);
	buf_free(&b);
	return out;
}

#define KW_HEAD	"<timeline version='1'><title>t</title>\n<meta><keywords>"
#define KW_TAIL	"</keywords></meta>"

/* Each text of the PDF's document information: at most 8,192 bytes. */
START_TEST(test_info_length)
{
	enum tl_status st;
	char *out;

	out = long_doc(KW_HEAD, 8192, "k", KW_TAIL, &st);
	ck_assert_int_eq(st, TL_OK);
	free(out);
	out = long_doc(KW_HEAD, 8193, "k", KW_TAIL, &st);
	ck_assert_str_eq(out, "t.xml:2:7: error: invalid document: <keywords>: "
	    "8193 bytes for the PDF's Keywords: at most 8192\n");
	ck_assert_int_eq(st, TL_EINPUT);
	free(out);
	/* 2,731 Thai characters are 8,193 bytes */
	out = long_doc(KW_HEAD, 2731, "ก", KW_TAIL, &st);
	ck_assert_str_eq(out, "t.xml:2:7: error: invalid document: <keywords>: "
	    "8193 bytes for the PDF's Keywords: at most 8192\n");
	ck_assert_int_eq(st, TL_EINPUT);
	free(out);
	out = long_doc("<timeline version='1'>\n<title>", 8193, "t",
	    "</title>", &st);
	ck_assert_str_eq(out, "t.xml:2:1: error: invalid document: <title>: "
	    "8193 bytes for the PDF's Title: at most 8192\n");
	ck_assert_int_eq(st, TL_EINPUT);
	free(out);
	out = long_doc("<timeline version='1'><title>t</title>\n<subtitle>",
	    8193, "s", "</subtitle>", &st);
	ck_assert_str_eq(out, "t.xml:2:1: error: invalid document: <subtitle>: "
	    "8193 bytes for the PDF's Subject: at most 8192\n");
	ck_assert_int_eq(st, TL_EINPUT);
	free(out);
	/* the authors joined with ", ": the one that goes past is named */
	out = long_doc("<timeline version='1'><title>t</title>\n<meta><author>"
	    "a</author>\n<author>", 8189, "b", "</author></meta>", &st);
	ck_assert_int_eq(st, TL_OK);
	free(out);
	out = long_doc("<timeline version='1'><title>t</title>\n<meta><author>"
	    "a</author>\n<author>", 8190, "b", "</author>\n<author>c</author>"
	    "</meta>", &st);
	ck_assert_str_eq(out, "t.xml:3:1: error: invalid document: <author>: "
	    "8193 bytes for the PDF's Author: at most 8192\n");
	ck_assert_int_eq(st, TL_EINPUT);
	free(out);
}
END_TEST

/*
 * The --dump of path, or of doc in memory named path, with the zone tz
 * (tl_opts.tz, NULL: none given); diagnostics first.
 */
static char *
dump_tz(const char *path, const char *doc, const char *tz,
    enum tl_status *st)
{
	struct tl_opts o;
	struct tl_doc *d;
	char *out = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&out, &len);

	ck_assert_ptr_nonnull(mem);
	memset(&o, 0, sizeof(o));
	o.diag = mem;
	o.tz = tz;
	d = tl_doc_new(&o);
	*st = doc != NULL ? tl_doc_read_mem(d, path, doc, strlen(doc)) :
	    tl_doc_read(d, path);
	if (*st == TL_OK)
		*st = tl_doc_dump(d, mem);
	tl_doc_free(d);
	fclose(mem);
	return out;
}

/*
 * A timeline whose meta names zone (NULL: no <timezone>) and whose one
 * event is at the instant when.
 */
static char *
zone_doc(const char *zone, const char *when)
{
	struct buf b;

	memset(&b, 0, sizeof(b));
	buf_str(&b, "<?xml version=\"1.0\"?>\n<timeline version=\"1\">"
	    "<title>T</title>\n<meta>");
	if (zone != NULL) {
		buf_str(&b, "<timezone>");
		buf_str(&b, zone);
		buf_str(&b, "</timezone>");
	}
	buf_str(&b, "</meta>\n<event when=\"");
	buf_str(&b, when);
	buf_str(&b, "\"><p>e</p></event>\n</timeline>\n");
	return b.s;
}

/*
 * <timezone> in meta counts the days in its zone, unless tl_opts.tz names
 * one; an unknown name is an error at the element, whichever zone wins.
 */
START_TEST(test_meta_timezone)
{
	static const struct {
		const char	*meta, *tz;
		enum tl_status	 st;
		const char	*out;
	} cases[] = {
		{ NULL, NULL, TL_OK, "2026-12-05T23:30:00-05:00\t"
		  "6 ธันวาคม 2026\te\n" },
		{ "America/New_York", NULL, TL_OK, "2026-12-05T23:30:00-05:00\t"
		  "5 ธันวาคม 2026\te\n" },
		{ " America/New_York ", NULL, TL_OK,
		  "2026-12-05T23:30:00-05:00\t5 ธันวาคม 2026\te\n" },
		{ "America/New_York", "Asia/Bangkok", TL_OK,
		  "2026-12-05T23:30:00-05:00\t6 ธันวาคม 2026\te\n" },
		{ "Asia/Bangkok", "America/New_York", TL_OK,
		  "2026-12-05T23:30:00-05:00\t5 ธันวาคม 2026\te\n" },
		{ "Mars/Olympus_Mons", NULL, TL_EINPUT,
		  "t.xml:3:7: error: invalid document: unknown time zone in "
		  "<timezone>: \"Mars/Olympus_Mons\": no such zone in "
		  "/usr/share/zoneinfo\n" },
		{ "Mars/Olympus_Mons", "Asia/Bangkok", TL_EINPUT,
		  "t.xml:3:7: error: invalid document: unknown time zone in "
		  "<timezone>: \"Mars/Olympus_Mons\": no such zone in "
		  "/usr/share/zoneinfo\n" },
		{ "../../etc/passwd", NULL, TL_EINPUT,
		  "t.xml:3:7: error: invalid document: unknown time zone in "
		  "<timezone>: \"../../etc/passwd\": not a time zone name, as "
		  "Asia/Bangkok is\n" },
		{ "", NULL, TL_EINPUT,
		  "t.xml:3:7: error: invalid document: unknown time zone in "
		  "<timezone>: \"\": not a time zone name, as Asia/Bangkok "
		  "is\n" },
	};
	enum tl_status st;
	char *doc, *out;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		doc = zone_doc(cases[i].meta, "2026-12-05T23:30:00-05:00");
		out = dump_tz("t.xml", doc, cases[i].tz, &st);
		ck_assert_msg(st == cases[i].st, "case %zu: status %d", i,
		    st);
		ck_assert_str_eq(out, cases[i].out);
		free(out);
		free(doc);
	}
}
END_TEST

/* Write s to dir/name; 1 when done. */
static int
write_file(const char *dir, const char *name, const char *s)
{
	char path[512];
	FILE *fp;
	int ok;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((fp = fopen(path, "w")) == NULL)
		return 0;
	ok = fputs(s, fp) >= 0;
	return fclose(fp) == 0 && ok;
}

/*
 * A part counts in its packet's zone; alone, in its own.  10:00 UTC is
 * the 4th in Pago Pago (UTC-11), the 5th in Bangkok, the 6th on
 * Kiritimati (UTC+14).
 */
START_TEST(test_part_timezone)
{
	char dir[] = "/tmp/check-reader-XXXXXX", path[512];
	enum tl_status st;
	char *part = zone_doc("Pacific/Kiritimati", "2026-12-05T10:00:00Z");
	char *out;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	ck_assert(write_file(dir, "part.xml", part));
	ck_assert(write_file(dir, "packet.xml", "<?xml version=\"1.0\"?>\n"
	    "<packet version=\"1\"><title>P</title>\n<meta><timezone>"
	    "Pacific/Pago_Pago</timezone></meta>\n<part href=\"part.xml\"/>"
	    "\n</packet>\n"));
	snprintf(path, sizeof(path), "%s/packet.xml", dir);
	out = dump_tz(path, NULL, NULL, &st);
	ck_assert_int_eq(st, TL_OK);
	ck_assert_str_eq(out, "2026-12-05T10:00:00Z\t4 ธันวาคม 2026\te\n");
	free(out);
	snprintf(path, sizeof(path), "%s/part.xml", dir);
	out = dump_tz(path, NULL, NULL, &st);
	ck_assert_int_eq(st, TL_OK);
	ck_assert_str_eq(out, "2026-12-05T10:00:00Z\t6 ธันวาคม 2026\te\n");
	free(out);
	free(part);
	ck_assert_int_eq(test_rm_rf(dir), 0);
}
END_TEST

Suite *
reader_suite(void)
{
	Suite *s = suite_create("reader");
	TCase *tc = tcase_create("reader");

	tcase_add_loop_test(tc, test_errors, 0,
	    (int)(sizeof(cases) / sizeof(cases[0])));
	tcase_add_test(tc, test_default_document);
	tcase_add_test(tc, test_billion_laughs_refused);
	tcase_add_test(tc, test_xinclude_inside);
	tcase_add_test(tc, test_stable_order);
	tcase_add_test(tc, test_sara_am);
	tcase_add_loop_test(tc, test_thai_digits, 0,
	    sizeof(tdigits) / sizeof(tdigits[0]));
	tcase_add_loop_test(tc, test_href_encode, 0,
	    (int)(sizeof(encoded) / sizeof(encoded[0])));
	tcase_add_loop_test(tc, test_links, 0,
	    (int)(sizeof(hrefs) / sizeof(hrefs[0])));
	tcase_add_test(tc, test_link_length);
	tcase_add_test(tc, test_info_length);
	tcase_add_test(tc, test_meta_timezone);
	tcase_add_test(tc, test_part_timezone);
	suite_add_tcase(s, tc);
	return s;
}
