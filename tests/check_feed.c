/*
 * check_feed.c - the feed reader (feed.c): HTML into paragraphs and
 * inline markup, links checked, Thai normalised; titles, ids, tags and
 * sources; the document's zone deciding a feed's days.
 */
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "base/base.h"
#include "input/input.h"
#include "briefing.h"
#include "util.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* Read doc (named t.xml) into m; what was said in *said (malloc'd). */
static int
read_feed(const char *doc, struct tl_model *m, struct arena *a,
    char **said)
{
	struct diag d;
	size_t len = 0, bytes = 0;
	int rc;

	memset(&d, 0, sizeof(d));
	*said = NULL;
	d.out = open_memstream(said, &len);
	ck_assert_ptr_nonnull(d.out);
	memset(m, 0, sizeof(*m));
	rc = reader_read(m, a, &d, "t.xml", doc, strlen(doc), NULL, &bytes);
	fclose(d.out);
	return rc;
}

/* The span of t covering byte off. */
static const struct tl_span *
span_at(const struct tl_text *t, const char *what)
{
	const char *p = strstr(t->s, what);
	size_t k, off;

	ck_assert_msg(p != NULL, "\"%s\" not in \"%s\"", what, t->s);
	off = (size_t)(p - t->s);
	for (k = 0; k < t->nspans; k++)
		if (t->spans[k].start <= off && off < t->spans[k].end) {
			ck_assert_msg(off + strlen(what) <= t->spans[k].end,
			    "\"%s\" is not in one span", what);
			return &t->spans[k];
		}
	ck_abort_msg("no span covers \"%s\"", what);
	return NULL;
}

/* The spans of t cover it, in order, with no gap. */
static void
spans_whole(const struct tl_text *t)
{
	size_t k;

	ck_assert_uint_gt(t->nspans, 0);
	ck_assert_uint_eq(t->spans[0].start, 0);
	for (k = 1; k < t->nspans; k++)
		ck_assert_uint_eq(t->spans[k].start, t->spans[k - 1].end);
	ck_assert_uint_eq(t->spans[t->nspans - 1].end, t->len);
}

#define RSS_HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
	"<rss version=\"2.0\"><channel><title>T</title>" \
	"<link>https://example.org/</link><description>D</description>\n"
#define RSS_TAIL "</channel></rss>\n"

/* An RSS description's HTML, escaped as most feeds write it. */
START_TEST(test_html)
{
	static const char doc[] = RSS_HEAD
	    "<item><title>Item</title>"
	    "<pubDate>Sat, 05 Dec 2026 09:00:00 +0700</pubDate>\n"
	    "<description>&lt;p&gt;ผู้นำ&lt;b&gt;พบกัน&lt;/b&gt; &lt;I&gt;"
	    "at&amp;nbsp;last&lt;/I&gt;&lt;/p&gt;"
	    "&lt;script&gt;var x = \"&lt;p&gt;no\";&lt;/script&gt;"
	    "&lt;style&gt;p { color: red }&lt;/style&gt;"
	    "&lt;!-- a comment --&gt;&lt;img src=\"x.png\" alt=\"alt text\"&gt;"
	    "&lt;iframe src=\"https://ads.example.com/\"&gt;advert"
	    "&lt;/iframe&gt;"
	    "&lt;div&gt;น\xE0\xB9\x8D\xE0\xB8\xB2 &lt;a href=\" https://th."
	    "example.org/ข่าว \"&gt;&lt;strong&gt;ข่าว&lt;/strong&gt;"
	    "&lt;/a&gt;&lt;br&gt;line &amp;amp; &amp;quot;two&amp;quot;"
	    "&lt;br/&gt;&lt;br /&gt;second &lt;a href=\"javascript:alert(1)"
	    "\"&gt;share&lt;/a&gt; &lt;a&gt;no href&lt;/a&gt;"
	    "&lt;/div&gt;&lt;ul&gt;&lt;li&gt;one&lt;li&gt;two&lt;/ul&gt;"
	    "&lt;table&gt;&lt;tr&gt;&lt;td&gt;a&lt;td&gt;b&lt;/table&gt;"
	    "</description></item>\n" RSS_TAIL;
	struct arena *a = arena_new();
	struct tl_model m;
	const struct tl_event *e;
	const struct tl_span *sp;
	char *said;
	size_t k;

	ck_assert_int_eq(read_feed(doc, &m, a, &said), 0);
	ck_assert_uint_eq(m.nevent, 1);
	e = &m.events[0];
	ck_assert_uint_eq(e->npara, 6);
	ck_assert_str_eq(e->paras[0].s, "ผู้นำพบกัน at\xC2\xA0last");
	ck_assert_str_eq(e->paras[1].s, "น\xE0\xB8\xB3 ข่าว\nline & \"two\"");
	ck_assert_str_eq(e->paras[2].s, "second share no href");
	ck_assert_str_eq(e->paras[3].s, "one");
	ck_assert_str_eq(e->paras[4].s, "two");
	ck_assert_str_eq(e->paras[5].s, "a b");
	for (k = 0; k < e->npara; k++)
		spans_whole(&e->paras[k]);
	ck_assert_uint_eq(span_at(&e->paras[0], "ผู้นำ")->style, 0);
	ck_assert_uint_eq(span_at(&e->paras[0], "พบกัน")->style, TL_STRONG);
	ck_assert_uint_eq(span_at(&e->paras[0], "at\xC2\xA0last")->style,
	    TL_EM);
	sp = span_at(&e->paras[1], "ข่าว");
	ck_assert_uint_eq(sp->style, TL_LINK | TL_STRONG);
	ck_assert_str_eq(sp->href, "https://th.example.org/"
	    "%E0%B8%82%E0%B9%88%E0%B8%B2%E0%B8%A7");
	ck_assert_uint_eq(span_at(&e->paras[1], "line")->style, 0);
	ck_assert_uint_eq(span_at(&e->paras[2], "share")->style, 0);
	ck_assert_uint_eq(span_at(&e->paras[2], "no href")->style, 0);
	/* the one message: at the description, the HTML has no lines */
	ck_assert_str_eq(said, "t.xml:4:1: warning: invalid document: href "
	    "\"javascript:alert(1)\": links to javascript: are not allowed: "
	    "expected http://, https:// or mailto: (the text is kept, "
	    "unlinked)\n");
	free(said);
	arena_free(a);
}
END_TEST

/* Atom's xhtml is read as it stands, with its own positions. */
START_TEST(test_xhtml)
{
	static const char doc[] =
	    "<?xml version=\"1.0\"?>\n"
	    "<feed xmlns=\"http://www.w3.org/2005/Atom\">"
	    "<title type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">"
	    "A <b>bold</b> title</div></title>\n"
	    "<entry><title>E</title><updated>2026-12-05T09:00:00Z</updated>\n"
	    "<content type=\"xhtml\"><x:div xmlns:x=\"http://www.w3.org/1999/"
	    "xhtml\"><x:p>One <x:em>two</x:em></x:p>\n"
	    "<x:p><x:a href=\"mailto:desk@example.org\">mail</x:a><x:br/>"
	    "<x:script>no</x:script>last</x:p></x:div></content></entry>\n"
	    "</feed>\n";
	struct arena *a = arena_new();
	struct tl_model m;
	const struct tl_event *e;
	const struct tl_span *sp;
	const char *file;
	char *said;
	int line, col;

	ck_assert_int_eq(read_feed(doc, &m, a, &said), 0);
	ck_assert_str_eq(m.title->s, "A bold title");
	ck_assert_uint_eq(span_at(m.title, "bold")->style, TL_STRONG);
	ck_assert_uint_eq(m.nevent, 1);
	e = &m.events[0];
	ck_assert_uint_eq(e->npara, 2);
	ck_assert_str_eq(e->paras[0].s, "One two");
	ck_assert_uint_eq(span_at(&e->paras[0], "two")->style, TL_EM);
	ck_assert_str_eq(e->paras[1].s, "mail\nlast");
	sp = span_at(&e->paras[1], "mail");
	ck_assert_uint_eq(sp->style, TL_LINK);
	ck_assert_str_eq(sp->href, "mailto:desk@example.org");
	/* the text keeps its place in the source: in the content */
	text_locate(&e->paras[0], 4, &file, &line, &col);
	ck_assert_str_eq(file, "t.xml");
	ck_assert_int_eq(line, 4);
	ck_assert_int_gt(col, 22);
	ck_assert_str_eq(said, "");
	free(said);
	arena_free(a);
}
END_TEST

/* Titles, ids, tags, the source; an item with no text; one with neither. */
START_TEST(test_items)
{
	static const char doc[] = RSS_HEAD
	    "<item><title>  Title \n with  space  </title><link> "
	    "https://user@news.example.org:8080/a?b=1 </link>"
	    "<guid>urn:x:1</guid><category>World  News</category>"
	    "<category>Asia</category><category>World News</category>"
	    "<pubDate>Sat, 05 Dec 2026 09:00:00 GMT</pubDate></item>\n"
	    "<item><guid>https://news.example.org/g</guid>"
	    "<description>Only text</description>"
	    "<pubDate>Sat, 05 Dec 2026 09:00:00 GMT</pubDate></item>\n"
	    "<item><guid isPermaLink=\"false\">abc</guid>"
	    "<pubDate>Sat, 05 Dec 2026 09:00:00 GMT</pubDate></item>\n"
	    "<item><title>Mail</title><link>mailto:desk@example.org?subject="
	    "x</link><pubDate>Sat, 05 Dec 2026 09:00:00 GMT</pubDate></item>\n"
	    RSS_TAIL;
	struct arena *a = arena_new();
	struct tl_model m;
	const struct tl_event *e;
	char *said;

	ck_assert_int_eq(read_feed(doc, &m, a, &said), 0);
	ck_assert_uint_eq(m.nevent, 3);
	/* no text: the title is the paragraph */
	e = &m.events[0];
	ck_assert_ptr_null(e->title);
	ck_assert_uint_eq(e->npara, 1);
	ck_assert_str_eq(e->paras[0].s, "Title with space");
	ck_assert_str_eq(e->id, "urn:x:1");
	ck_assert_str_eq(e->tags, "World_News Asia");
	ck_assert_uint_eq(e->nsource, 1);
	ck_assert_str_eq(e->sources[0].text.s, "news.example.org:8080");
	ck_assert_str_eq(e->sources[0].href,
	    "https://user@news.example.org:8080/a?b=1");
	ck_assert_str_eq(e->when_raw, "2026-12-05T16:00:00+07:00");
	e = &m.events[1];
	ck_assert_ptr_null(e->title);
	ck_assert_str_eq(e->paras[0].s, "Only text");
	ck_assert_str_eq(e->sources[0].href, "https://news.example.org/g");
	ck_assert_ptr_null(e->tags);
	e = &m.events[2];
	ck_assert_str_eq(e->sources[0].text.s, "desk@example.org");
	ck_assert_str_eq(e->sources[0].href, "mailto:desk@example.org?"
	    "subject=x");
	ck_assert_str_eq(said, "t.xml:6:1: warning: invalid document: <item> "
	    "3 has neither a title nor a text: left out\n");
	free(said);
	arena_free(a);
}
END_TEST

/* The document's zone decides the day, and the printed order with it. */
START_TEST(test_opts_tz)
{
	static const char doc[] = RSS_HEAD
	    "<item><title>late in New York</title>"
	    "<pubDate>Sat, 05 Dec 2026 23:30:00 -0500</pubDate></item>\n"
	    "<item><title>morning in Bangkok</title>"
	    "<pubDate>Sun, 06 Dec 2026 08:00:00 +0700</pubDate></item>\n"
	    RSS_TAIL;
	static const struct {
		const char	*tz;
		enum tl_status	 st;
		const char	*out;
	} cases[] = {
		{ NULL, TL_OK,
		  "2026-12-06T08:00:00+07:00\t6 ธันวาคม 2026\tmorning in Bangkok\n"
		  "2026-12-06T11:30:00+07:00\t6 ธันวาคม 2026\tlate in New York\n" },
		{ "Asia/Bangkok", TL_OK,
		  "2026-12-06T08:00:00+07:00\t6 ธันวาคม 2026\tmorning in Bangkok\n"
		  "2026-12-06T11:30:00+07:00\t6 ธันวาคม 2026\tlate in New York\n" },
		{ "America/New_York", TL_OK,
		  "2026-12-05T20:00:00-05:00\t5 ธันวาคม 2026\tmorning in Bangkok\n"
		  "2026-12-05T23:30:00-05:00\t5 ธันวาคม 2026\tlate in New York\n" },
		{ "UTC", TL_OK,
		  "2026-12-06T01:00:00Z\t6 ธันวาคม 2026\tmorning in Bangkok\n"
		  "2026-12-06T04:30:00Z\t6 ธันวาคม 2026\tlate in New York\n" },
		{ "Mars/Olympus_Mons", TL_ESYSTEM,
		  "briefing: error: cannot access file: time zone "
		  "\"Mars/Olympus_Mons\": no such zone in /usr/share/zoneinfo\n" },
		{ "../../etc/passwd", TL_ESYSTEM,
		  "briefing: error: cannot access file: time zone "
		  "\"../../etc/passwd\": not a time zone name, as Asia/Bangkok "
		  "is\n" },
	};
	struct tl_opts o;
	struct tl_doc *d;
	enum tl_status st;
	char *out = NULL;
	size_t len = 0, i;
	FILE *mem;

	for (i = 0; i < NELEM(cases); i++) {
		mem = open_memstream(&out, &len);
		ck_assert_ptr_nonnull(mem);
		memset(&o, 0, sizeof(o));
		o.diag = mem;
		o.tz = cases[i].tz;
		d = tl_doc_new(&o);
		st = tl_doc_read_mem(d, "t.xml", doc, strlen(doc));
		if (st == TL_OK)
			st = tl_doc_dump(d, mem);
		tl_doc_free(d);
		fclose(mem);
		ck_assert_msg(st == cases[i].st, "%s: status %d", cases[i].tz,
		    st);
		ck_assert_str_eq(out, cases[i].out);
		free(out);
	}
}
END_TEST

Suite *
feed_suite(void)
{
	Suite *s = suite_create("feed");
	TCase *tc;

	tc = tcase_create("read");
	tcase_add_test(tc, test_html);
	tcase_add_test(tc, test_xhtml);
	tcase_add_test(tc, test_items);
	tcase_add_test(tc, test_opts_tz);
	suite_add_tcase(s, tc);
	return s;
}
