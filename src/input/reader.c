/*
 * reader.c - read a timeline document (docs/format.md) into the model.
 *
 * xmlsafe.c parses with libxml2 safely: no network, no DTD loading, and
 * any entity declaration stops the parse (so neither external entities
 * nor entity bombs are possible).  XInclude is done here, not by libxml2, so
 * that only files in the input's folder or below it can be pulled in and
 * every element keeps its file, line and column.  A walk over the tree
 * reports every problem it finds with a precise message; when it finds
 * none, the RELAX NG schema (data/timeline.rng, compiled in) has the last
 * word.  A feed (Atom, RSS, xCal) is read by feed.c instead.  With
 * feed.c, style.c and xmlsafe.c, the only files that include libxml2.
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sys/stat.h>

#include <libxml/relaxng.h>
#include <libxml/tree.h>

#include "base/base.h"
#include "feed.h"
#include "input.h"
#include "xmlsafe.h"

#define XI_NS		"http://www.w3.org/2001/XInclude"
#define XI_DEPTH_MAX	16


/* One document being read: the main file and what it includes. */
struct reader {
	struct tl_model	*m;		/* (borrowed) */
	struct arena	*a;		/* (borrowed) */
	struct diag	*d;		/* (borrowed) */
	char		*topdir;	/* (owned) real path of the input's folder */
	const char	*stack[XI_DEPTH_MAX];	/* real paths being included */
	int		 depth;
	/* growing buffers for building one text */
	struct textb	 tb;		/* the text being built */
	struct buf	 href;		/* a link being encoded */
	/* ids seen so far, for duplicates: open addressing, NULL id empty */
	struct idrec {
		const char	*id;
		struct tl_pos	 pos;
	}		*ids;		/* (owned) */
	size_t		 nids, capids;	/* capids: 0 or a power of 2 */
	/* links to "#id", checked once every id is known */
	struct idrec	*idrefs;	/* (owned) */
	size_t		 nidrefs, capidrefs;
	int		 packet_ok;	/* the root may be <packet> */
	const char	*packet_no;	/* if not, why not: " (...)" */
	/* what counts against the limits (input.h) */
	size_t		 bytes, nincludes;
	int		 over;		/* a limit was reported */
	/* events collected */
	struct tl_event	*events;	/* (owned until copied to the arena) */
	size_t		 nevents, capevents;
};

/* ------------------------------------------------------------------ */
/* Sources and positions */

/*
 * The bytes of s and where its lines start, read again from its file if
 * they were let go: 0, or -1 when the file is gone or not the one read.
 */
int
src_load(const struct src *cs)
{
	struct src *s = (struct src *)cs;	/* the model's, filled in */
	struct stat st;
	size_t len, n;
	char *buf;

	if (s->buf != NULL)
		return 0;
	if (s->path == NULL || (buf = file_slurp_max(s->path, INPUT_FILE_MAX,
	    &len)) == NULL)
		return -1;
	if (stat(s->path, &st) != 0 ||
	    (s->mtime_ns != 0 && (len != s->len || s->mtime_ns !=
	    (long long)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec))) {
		free(buf);		/* not the file it was */
		return -1;
	}
	s->mtime_ns = (long long)st.st_mtim.tv_sec * 1000000000 +
	    st.st_mtim.tv_nsec;
	*s->hbuf = buf;
	s->buf = buf;
	s->len = len;
	n = xmlsafe_lines(buf, len, NULL);
	*s->hlines = s->lines = xmalloc(n * sizeof(size_t));
	s->nlines = xmlsafe_lines(buf, len, s->lines);
	return 0;
}

static const char too_big[] = "larger than 64 MiB, the most a file may be";

/* A source: the file path (buf NULL), or buf, len (copied). */
static struct src *
src_new(struct reader *r, const char *name, const char *path,
    const char *buf, size_t len)
{
	struct arena *a = r->a;
	struct src *s = arena_alloc(a, sizeof(*s));

	s->name = arena_strdup(a, name);
	if (path != NULL) {
		s->hbuf = arena_hold(a);
		s->hlines = arena_hold(a);
		s->path = arena_strdup(a, path);
		if (src_load(s) != 0)
			return NULL;
	} else {
		if (len > INPUT_FILE_MAX) {
			errno = EFBIG;
			return NULL;
		}
		s->buf = arena_strndup(a, buf, len);
		s->len = len;
		s->nlines = xmlsafe_lines(buf, len, NULL);
		s->lines = arena_alloc(a, s->nlines * sizeof(size_t));
		xmlsafe_lines(buf, len, s->lines);
	}
	s->next = r->m->srcs;
	r->m->srcs = s;
	return s;
}

/* The bytes of a file's source let go: src_load reads them again. */
static void
src_drop(struct src *s)
{
	if (s->path == NULL || s->buf == NULL)
		return;
	free(*s->hbuf);
	free(*s->hlines);
	*s->hbuf = *s->hlines = NULL;
	s->buf = NULL;
	s->lines = NULL;
}

void
pos_linecol(const struct tl_pos *p, int *line, int *col)
{
	const struct src *s = p->src;

	*line = *col = 0;
	if (s != NULL && src_load(s) == 0)
		xmlsafe_linecol(s->buf, s->len, s->lines, s->nlines, p->off,
		    line, col);
}

static struct tl_pos
node_pos(const xmlNode *n)
{
	struct tl_pos p = { NULL, 0 };

	if (n != NULL && n->doc != NULL && xmlsafe_node_off(n, &p.off))
		p.src = n->doc->_private;
	else
		p.off = 0;
	return p;
}

/* Offset of attribute name's value (after the quote) in the raw start tag. */
static size_t
attr_value_off(const struct tl_pos *el, const char *name, size_t *name_off)
{
	size_t noff, voff;

	xmlsafe_attr(el->src->buf, el->src->len, el->off, name, &noff, &voff);
	if (name_off != NULL)
		*name_off = noff;
	return voff;
}

static void
report_at(struct reader *r, enum diag_code c, const struct tl_pos *p,
    const char *fmt, const char *a1, const char *a2)
{
	int line = 0, col = 0;

	/* a column costs the length of its line: only for what is shown */
	if (!diag_full(r->d, c))
		pos_linecol(p, &line, &col);
	diag_emit(r->d, c, p->src != NULL ? p->src->name : NULL, line, col,
	    fmt, a1, a2);
}

static void
report_node(struct reader *r, enum diag_code c, const xmlNode *n,
    const char *fmt, const char *a1, const char *a2)
{
	struct tl_pos p = node_pos(n);

	report_at(r, c, &p, fmt, a1, a2);
}

/* ------------------------------------------------------------------ */
/* Safe parsing with positions (xmlsafe.c), and RELAX NG */

static const struct xmlsafe_how reader_how = {
	.empty = DIAG_XML_EMPTY,
	.empty_detail = NULL,
	.encoding = DIAG_XML_ENCODING,
	.encoding_prefix = "",
	.entity = DIAG_XML_ENTITY,
	.entity_at_decl = 0,		/* where libxml2 stopped */
	.syntax = DIAG_XML_SYNTAX,
	.syntax_prefix = "",
	.syntax_detail = NULL,
	.warnings = 1,
	.text = XMLSAFE_TEXT_AMP,
	.rng_nearest = 1,
};

/* Parse one file's bytes; NULL (reported) when it is not well-formed. */
struct stream;
static void	stream_child(void *, xmlNodePtr);

static xmlDocPtr
parse_src(struct reader *r, struct xmlsafe *xs, const struct src *src,
    struct stream *st)
{
	xmlDocPtr doc;

	xmlsafe_init(xs, r->d, src->name, src->buf, src->len, src->lines,
	    src->nlines, &reader_how);
	if (st != NULL) {
		xs->child_end = stream_child;
		xs->child_arg = st;
	}
	if ((doc = xmlsafe_parse(xs)) != NULL)
		doc->_private = (void *)src;
	return doc;
}

/* One schema message: now, as DIAG_SCHEMA. */
static void
on_rng_error(void *arg, int line, int col, const char *words)
{
	struct xmlsafe *xs = arg;

	diag_emit(xs->d, DIAG_SCHEMA, xs->file, line, col, "%s", words);
}

/* RELAX NG has the last word on what the walk found no fault in. */
static void
validate(struct xmlsafe *xs, xmlDocPtr doc)
{
	xmlsafe_validate(xs, doc, xmlsafe_schema(XMLSAFE_TIMELINE),
	    on_rng_error, xs);
}

/* ------------------------------------------------------------------ */
/* Text with inline structure */

static int
is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The text put next comes from node n. */
static void
map_add(struct reader *r, const xmlNode *n)
{
	struct tl_pos p = node_pos(n);

	textb_map(&r->tb, &p);
}

static const char *
attr(const xmlNode *n, const char *name)
{
	const char *v = xmlsafe_attr_value(n, name);

	return v != NULL && *v != '\0' ? v : NULL;	/* empty: absent */
}

static const char *
lang_attr(const xmlNode *n)
{
	const xmlAttr *a;

	for (a = n->properties; a != NULL; a = a->next)
		if (a->ns != NULL && strcmp((const char *)a->name, "lang") == 0 &&
		    a->children != NULL)
			return (const char *)a->children->content;
	return NULL;
}

/* Check the attributes of n against a list; report the others. */
static void
check_attrs(struct reader *r, const xmlNode *n, const char *allowed,
    const char *expect)
{
	const xmlAttr *a;
	struct tl_pos el = node_pos(n);
	char name[128];

	for (a = n->properties; a != NULL; a = a->next) {
		const char *an = (const char *)a->name;
		size_t off;

		if (a->ns != NULL) {
			if (strcmp((const char *)a->ns->href,
			    "http://www.w3.org/XML/1998/namespace") == 0 &&
			    strcmp(an, "lang") == 0)
				continue;
			snprintf(name, sizeof(name), "%s:%s",
			    a->ns->prefix ? (const char *)a->ns->prefix : "",
			    an);
		} else {
			char key[130];

			snprintf(key, sizeof(key), " %s ", an);
			if (strstr(allowed, key) != NULL)
				continue;
			snprintf(name, sizeof(name), "%s", an);
		}
		if (el.src != NULL) {
			struct tl_pos ap = el;

			attr_value_off(&el, name, &off);
			ap.off = off;
			report_at(r, DIAG_UNKNOWN_ATTR, &ap, "\"%s\" on %s",
			    name, expect);
		} else
			report_node(r, DIAG_UNKNOWN_ATTR, n, "\"%s\" on %s",
			    name, expect);
	}
}

static void
unknown_element(struct reader *r, const xmlNode *n, const char *in,
    const char *expect)
{
	char what[160], name[128];

	if (n->ns != NULL && n->ns->prefix != NULL)
		snprintf(name, sizeof(name), "%s:%s", n->ns->prefix, n->name);
	else
		snprintf(name, sizeof(name), "%s", n->name);
	snprintf(what, sizeof(what), "<%s> in <%s>", name, in);
	report_node(r, DIAG_UNKNOWN_ELEMENT, n, "%s: expected %s", what,
	    expect);
}

static int
is_elem(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns == NULL &&
	    strcmp((const char *)n->name, name) == 0;
}

static int
is_xinclude(const xmlNode *n)
{
	return n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    strcmp((const char *)n->ns->href, XI_NS) == 0 &&
	    strcmp((const char *)n->name, "include") == 0;
}

static int
blank(const xmlChar *s)
{
	for (; s != NULL && *s != '\0'; s++)
		if (!is_space(*s))
			return 0;
	return 1;
}

/* ------------------------------------------------------------------ */
/* Links and the document information */

/*
 * Limits, in bytes (docs/format.md).  A link, once percent-encoded:
 * RFC 9110 asks that URIs of 8,000 bytes work everywhere, and no link a
 * reader may follow is longer.  A text of the PDF's document information
 * (Title, Subject, Author, Keywords): UTF-16 there, at most twice as long
 * and a BOM, well within the 32,767 bytes PDF 1.7 (annex C) gives as the
 * limit of a string; libharu refuses more than 65,535.
 */
#define HREF_MAX	8192
#define INFO_MAX	8192

static int
hex_digit(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') ||
	    (c >= 'a' && c <= 'f');
}

/* ASCII only: <ctype.h> would follow the locale. */
static int
is_alpha(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* Length of the scheme that s starts with, before its ':' (RFC 3986), or 0. */
static size_t
scheme_len(const char *s, size_t len)
{
	size_t i;

	if (len == 0 || !is_alpha(s[0]))
		return 0;
	for (i = 1; i < len && (is_alpha(s[i]) || (s[i] >= '0' &&
	    s[i] <= '9') || s[i] == '+' || s[i] == '-' || s[i] == '.'); i++)
		;
	return i < len && s[i] == ':' ? i : 0;
}

/* Whether the scheme of n bytes at s is name (lower case), in any case. */
static int
scheme_is(const char *s, size_t n, const char *name)
{
	size_t i;

	if (strlen(name) != n)
		return 0;
	for (i = 0; i < n; i++)
		if ((s[i] | 0x20) != name[i])
			return 0;
	return 1;
}

void
href_encode(const char *s, size_t len, struct buf *out)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i, sl = scheme_len(s, len), host = 0, host_end = 0;
	int frag = 0;

	/* scheme://host: only the host may hold [ ] (an IPv6 address) */
	if (sl > 0 && sl + 3 <= len && strncmp(s + sl, "://", 3) == 0) {
		host = host_end = sl + 3;
		while (host_end < len && strchr("/?#", s[host_end]) == NULL)
			host_end++;
	}
	buf_need(out, len);
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		int keep = c > 0x20 && c < 0x7F &&
		    strchr("\"<>\\^`{|}", c) == NULL;

		if (c == '%')
			keep = i + 2 < len && hex_digit(s[i + 1]) &&
			    hex_digit(s[i + 2]);
		else if (c == '#')
			keep = !frag++;
		else if (c == '[' || c == ']')
			keep = i >= host && i < host_end;
		if (keep)
			buf_add(out, s + i, 1);
		else {
			char pct[3] = { '%', hex[c >> 4], hex[c & 15] };

			buf_add(out, pct, 3);
		}
	}
}


/*
 * What is wrong with link h (len bytes, not empty) into why, or 0.  Only
 * http, https and mailto links are made: a viewer hands any other scheme
 * to the system (javascript:, file:, launch:, smb: which can give a
 * password away).  "#id", a place in the document, is kept as it is.
 */
static int
href_fault(const char *h, size_t len, char *why, size_t n)
{
	size_t sl = scheme_len(h, len);

	if (h[0] == '#')
		return 0;
	if (sl == 0)
		snprintf(why, n, "expected a link starting http://, https:// "
		    "or mailto:");
	else if (!scheme_is(h, sl, "http") && !scheme_is(h, sl, "https") &&
	    !scheme_is(h, sl, "mailto"))
		snprintf(why, n, "links to %.*s%s: are not allowed: expected "
		    "http://, https:// or mailto:", (int)(sl < 32 ? sl : 32), h,
		    sl > 32 ? "\xE2\x80\xA6" : "");
	else if (!scheme_is(h, sl, "mailto") && (sl + 3 >= len ||
	    strncmp(h + sl, "://", 3) != 0 || strchr("/?#", h[sl + 3]) !=
	    NULL))
		snprintf(why, n, "expected // and a host after %.*s:",
		    (int)sl, h);
	else
		return 0;
	return 1;
}

int
href_take(const char *h, struct buf *out, char *msg, size_t n)
{
	char why[160];
	size_t len, q;

	while (is_space((unsigned char)*h))
		h++;
	for (len = strlen(h); len > 0 && is_space((unsigned char)h[len - 1]);
	    len--)
		;
	if (len == 0) {
		snprintf(msg, n, "empty href: expected a link starting "
		    "http://, https:// or mailto:");
		return -1;
	}
	if (h[0] == '#') {	/* a place in the document: kept as it is */
		out->len = 0;
		buf_add(out, h, len);
		return 0;
	}
	if (!href_fault(h, len, why, sizeof(why))) {
		out->len = 0;
		href_encode(h, len, out);
		if (out->len <= HREF_MAX)
			return 0;
		snprintf(why, sizeof(why), "%zu bytes once percent-encoded: "
		    "at most %d", out->len, HREF_MAX);
	}
	/* the value, cut after 60 bytes (and a whole character) */
	for (q = len < 60 ? len : 60; q < len && (h[q] & 0xC0) == 0x80; q++)
		;
	snprintf(msg, n, "href \"%.*s%s\": %s", (int)q, h,
	    q < len ? "\xE2\x80\xA6" : "", why);
	return -1;
}

/*
 * The href h of n as the PDF gets it, in the arena (href_take's).  NULL,
 * reported at the value, when it is empty, faulty or too long once
 * encoded.
 */
static const char *
href_read(struct reader *r, const xmlNode *n, const char *h)
{
	struct tl_pos p = node_pos(n);
	char msg[HREF_MSG];

	if (p.src != NULL)
		p.off = attr_value_off(&p, "href", NULL);
	if (href_take(h, &r->href, msg, sizeof(msg)) == 0) {
		if (r->href.s[0] == '#') {	/* checked once all is read */
			if (r->nidrefs == r->capidrefs) {
				r->capidrefs = r->capidrefs ?
				    r->capidrefs * 2 : 16;
				r->idrefs = xrealloc(r->idrefs, r->capidrefs *
				    sizeof(*r->idrefs));
			}
			r->idrefs[r->nidrefs].id = arena_strndup(r->a,
			    r->href.s + 1, r->href.len - 1);
			r->idrefs[r->nidrefs++].pos = p;
		}
		return arena_strndup(r->a, r->href.s, r->href.len);
	}
	report_at(r, DIAG_SCHEMA, &p, "%s%s", msg, "");
	return NULL;
}

/*
 * A text the PDF's document information gets (as key): too long is an
 * error at element n, once (len went past the limit from was).
 */
static void
info_check(struct reader *r, const xmlNode *n, const char *key,
    size_t was, size_t len)
{
	char why[96];

	if (len <= INFO_MAX || was > INFO_MAX)
		return;
	snprintf(why, sizeof(why), "%zu bytes for the PDF's %s: at most %d",
	    len, key, INFO_MAX);
	report_node(r, DIAG_SCHEMA, n, "<%s>: %s", (const char *)n->name, why);
}

/* Walk inline content of n into the text buffer. */
static void
inline_walk(struct reader *r, const xmlNode *n, unsigned style,
    const char *href, const char *in)
{
	const xmlNode *c;

	for (c = n->children; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			textb_span(&r->tb, style, href);
			map_add(r, c);
			textb_put(&r->tb, (const char *)c->content);
			continue;
		}
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is_elem(c, "em")) {
			check_attrs(r, c, " ", "<em>: expected no attributes");
			inline_walk(r, c, style | TL_EM, href, "em");
		} else if (is_elem(c, "strong")) {
			check_attrs(r, c, " ", "<strong>: expected no attributes");
			inline_walk(r, c, style | TL_STRONG, href, "strong");
		} else if (is_elem(c, "q")) {
			check_attrs(r, c, " ", "<q>: expected xml:lang");
			textb_span(&r->tb, style | TL_QUOTE, href);
			map_add(r, c);
			textb_put(&r->tb, "\xE2\x80\x9C");	/* “ */
			inline_walk(r, c, style | TL_QUOTE, href, "q");
			textb_span(&r->tb, style | TL_QUOTE, href);
			r->tb.pending_space = 0;
			textb_put(&r->tb, "\xE2\x80\x9D");	/* ” */
		} else if (is_elem(c, "a")) {
			const char *h = xmlsafe_attr_value(c, "href");

			check_attrs(r, c, " href ", "<a>: expected href");
			if (h == NULL)
				report_node(r, DIAG_SCHEMA, c, "<a> needs an "
				    "href attribute%s%s", "", "");
			inline_walk(r, c, style | TL_LINK,
			    h ? href_read(r, c, h) : NULL, "a");
		} else if (is_elem(c, "br")) {
			check_attrs(r, c, " ", "<br>: expected no attributes");
			if (c->children != NULL)
				report_node(r, DIAG_SCHEMA, c, "<br> must be "
				    "empty%s%s", "", "");
			textb_span(&r->tb, style, href);
			buf_add(&r->tb.text, "\n", 1);
			r->tb.pending_space = 0;
		} else
			unknown_element(r, c, in,
			    "text, em, strong, q, a or br");
	}
}

/* Build a tl_text from an element with inline content. */
static struct tl_text *
text_build(struct reader *r, const xmlNode *n, const char *lang,
    int inline_ok, const char *in)
{
	struct tl_text *t = arena_alloc(r->a, sizeof(*t));
	const char *l = lang_attr(n);
	size_t i, nlen;

	r->tb.text.len = 0;
	r->tb.nspans = 0;
	r->tb.nmap = 0;
	r->tb.pending_space = 0;
	buf_add(&r->tb.text, "", 0);
	if (inline_ok)
		inline_walk(r, n, 0, NULL, in);
	else {
		const xmlNode *c;

		for (c = n->children; c != NULL; c = c->next) {
			if (c->type == XML_TEXT_NODE) {
				textb_span(&r->tb, 0, NULL);
				map_add(r, c);
				textb_put(&r->tb, (const char *)c->content);
			} else if (c->type == XML_ELEMENT_NODE)
				unknown_element(r, c, in, "text only");
		}
	}
	if (r->tb.nspans > 0)
		r->tb.spans[r->tb.nspans - 1].end = r->tb.text.len;
	nlen = r->tb.text.len;
	t->len = nlen;
	t->s = arena_strndup(r->a, r->tb.text.s, nlen);
	t->nspans = r->tb.nspans;
	t->spans = arena_alloc(r->a, (r->tb.nspans ? r->tb.nspans : 1) *
	    sizeof(*t->spans));
	/* spans and map are NULL until first used */
	if (r->tb.nspans > 0)
		memcpy(t->spans, r->tb.spans, r->tb.nspans * sizeof(*t->spans));
	t->nmap = r->tb.nmap;
	t->map = arena_alloc(r->a, (r->tb.nmap ? r->tb.nmap : 1) *
	    sizeof(*t->map));
	if (r->tb.nmap > 0)
		memcpy(t->map, r->tb.map, r->tb.nmap * sizeof(*t->map));
	for (i = 0; i < t->nspans; i++) {
		if (t->spans[i].end > nlen)
			t->spans[i].end = nlen;
		if (t->spans[i].start > nlen)
			t->spans[i].start = nlen;
	}
	t->lang = arena_strdup(r->a, l != NULL ? l : lang);
	t->pos = node_pos(n);
	return t;
}

/* Plain text content of a text-only element, normalised, or NULL. */
static const char *
plain_text(struct reader *r, const xmlNode *n, const char *in)
{
	struct tl_text *t = text_build(r, n, "th", 0, in);

	return t->len > 0 ? t->s : NULL;
}

static const char *
join(struct reader *r, const char *a, const char *b)
{
	size_t la, lb;
	char *s;

	if (a == NULL)
		return b;
	if (b == NULL)
		return a;
	la = strlen(a);
	lb = strlen(b);
	s = arena_alloc(r->a, la + lb + 3);
	memcpy(s, a, la);
	memcpy(s + la, ", ", 2);
	memcpy(s + la + 2, b, lb + 1);
	return s;
}

static void
read_source(struct reader *r, const xmlNode *n, struct tl_source *out)
{
	const char *h = xmlsafe_attr_value(n, "href");

	check_attrs(r, n, " href ", "<source>: expected href");
	out->text = *text_build(r, n, r->m->lang, 0, "source");
	out->href = h != NULL ? href_read(r, n, h) : NULL;
}

/*
 * <timezone>: the zone the document's days are counted in, unless the
 * caller named one (tl_opts.tz, which wins) or this is a part, which
 * counts in its packet's zone (read_part).  The name is checked either
 * way.  Meta comes before the events, so all of them are read in the
 * zone chosen here.
 */
static void
read_timezone(struct reader *r, const xmlNode *n)
{
	const char *name = plain_text(r, n, "timezone");
	const struct tz *z;
	char why[256];

	check_attrs(r, n, " ", "<timezone>: expected no attributes");
	if (name == NULL)
		name = "";
	if ((z = tz_load(r->a, name, why, sizeof(why))) == NULL)
		report_node(r, DIAG_SCHEMA, n, "unknown time zone in "
		    "<timezone>: \"%s\": %s", name, why);
	else if (r->m->tz == NULL && r->packet_ok) {	/* not a part */
		r->m->tz = name;
		r->m->zone = z;
	}
}

static void
read_meta(struct reader *r, const xmlNode *n)
{
	struct tl_model *m = r->m;
	const xmlNode *c;
	size_t ns = 0;

	check_attrs(r, n, " ", "<meta>: expected no attributes");
	for (c = n->children; c != NULL; c = c->next)
		if (is_elem(c, "source"))
			ns++;
	m->sources = arena_alloc(r->a, (ns ? ns : 1) * sizeof(*m->sources));
	for (c = n->children; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE && !blank(c->content)) {
			report_node(r, DIAG_SCHEMA, c, "text is not allowed in "
			    "<%s>: expected elements only%s", "meta", "");
			continue;
		}
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is_elem(c, "author")) {
			size_t was = m->author ? strlen(m->author) : 0;

			check_attrs(r, c, " ", "<author>: expected no attributes");
			m->author = join(r, m->author, plain_text(r, c, "author"));
			info_check(r, c, "Author", was, m->author ?
			    strlen(m->author) : 0);
		} else if (is_elem(c, "organization")) {
			check_attrs(r, c, " ", "<organization>: expected no attributes");
			m->organization = join(r, m->organization,
			    plain_text(r, c, "organization"));
		} else if (is_elem(c, "date")) {
			const char *d = plain_text(r, c, "date");
			struct when w;
			char err[128];
			int col;

			check_attrs(r, c, " ", "<date>: expected no attributes");
			if (d == NULL || when_parse(d, &w, err, sizeof(err),
			    &col) != 0 || w.interval || w.a.prec != WHEN_DAY ||
			    w.a.qual != 0 || w.a.time)
				report_node(r, DIAG_BAD_DATE, c, "\"%s\"%s",
				    d ? d : "", "");
			else {
				m->date = d;
				m->date_y = w.a.year;
				m->date_m = w.a.month;
				m->date_d = w.a.day;
			}
		} else if (is_elem(c, "classification")) {
			check_attrs(r, c, " ", "<classification>: expected no attributes");
			m->classification = plain_text(r, c, "classification");
			m->classification_pos = node_pos(c);
		} else if (is_elem(c, "distribution")) {
			check_attrs(r, c, " ", "<distribution>: expected no "
			    "attributes");
			m->distribution = plain_text(r, c, "distribution");
		} else if (is_elem(c, "keywords")) {
			check_attrs(r, c, " ", "<keywords>: expected no attributes");
			m->keywords = plain_text(r, c, "keywords");
			info_check(r, c, "Keywords", 0, m->keywords ?
			    strlen(m->keywords) : 0);
		} else if (is_elem(c, "timezone"))
			read_timezone(r, c);
		else if (is_elem(c, "source"))
			read_source(r, c, &m->sources[m->nsource++]);
		else
			unknown_element(r, c, "meta", "author, organization, "
			    "date, timezone, classification, source or "
			    "keywords");
	}
}

/* <intro> of a timeline, <note> of a packet (what: its name). */
static void
read_intro(struct reader *r, const xmlNode *n, const char *what)
{
	struct tl_model *m = r->m;
	const xmlNode *c;
	size_t np = 0;
	const char *lang = lang_attr(n);
	char expect[64];

	snprintf(expect, sizeof(expect), "<%s>: expected xml:lang", what);
	check_attrs(r, n, " ", expect);
	for (c = n->children; c != NULL; c = c->next)
		if (is_elem(c, "p"))
			np++;
	m->intro = arena_alloc(r->a, (np ? np : 1) * sizeof(*m->intro));
	for (c = n->children; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE && !blank(c->content))
			report_node(r, DIAG_SCHEMA, c, "text is not allowed in "
			    "<%s>: put it in <p>%s", what, "");
		else if (is_elem(c, "p")) {
			check_attrs(r, c, " ", "<p>: expected xml:lang");
			m->intro[m->nintro++] = *text_build(r, c,
			    lang ? lang : m->lang, 1, "p");
		} else if (c->type == XML_ELEMENT_NODE)
			unknown_element(r, c, what, "p");
	}
	if (np == 0)
		report_node(r, DIAG_SCHEMA, n, "<%s> needs at least one "
		    "<p>%s", what, "");
}

/* FNV-1a of s. */
static size_t
id_hash(const char *s)
{
	uint64_t h = 14695981039346656037ULL;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return (size_t)h;
}

/* The ids seen, in a table of open addressing (half full at most). */
static void
check_id(struct reader *r, const xmlNode *n, const char *id)
{
	struct tl_pos p = node_pos(n), ap = p;
	size_t i, k;

	if (p.src != NULL)
		ap.off = attr_value_off(&p, "id", NULL);
	if (2 * (r->nids + 1) > r->capids) {
		struct idrec *old = r->ids;
		size_t oldcap = r->capids;

		r->capids = r->capids ? r->capids * 2 : 64;
		r->ids = xcalloc(r->capids, sizeof(*r->ids));
		for (k = 0; k < oldcap; k++)
			if (old[k].id != NULL) {
				i = id_hash(old[k].id) & (r->capids - 1);
				while (r->ids[i].id != NULL)
					i = (i + 1) & (r->capids - 1);
				r->ids[i] = old[k];
			}
		free(old);
	}
	for (i = id_hash(id) & (r->capids - 1); r->ids[i].id != NULL;
	    i = (i + 1) & (r->capids - 1))
		if (strcmp(r->ids[i].id, id) == 0) {
			report_at(r, DIAG_DUP_ID, &ap, "\"%s\"%s", id, "");
			report_at(r, DIAG_DUP_ID_NOTE, &r->ids[i].pos,
			    "\"%s\"%s", id, "");
			return;
		}
	r->ids[i].id = arena_strdup(r->a, id);
	r->ids[i].pos = ap;
	r->nids++;
}

/* Each link to "#id" names an event's id; else an error at the link. */
static void
check_idrefs(struct reader *r)
{
	size_t k, i;

	for (k = 0; k < r->nidrefs; k++) {
		const char *id = r->idrefs[k].id;
		int found = 0;

		if (r->capids > 0)
			for (i = id_hash(id) & (r->capids - 1);
			    r->ids[i].id != NULL; i = (i + 1) & (r->capids - 1))
				if (strcmp(r->ids[i].id, id) == 0) {
					found = 1;
					break;
				}
		if (!found)
			report_at(r, DIAG_SCHEMA, &r->idrefs[k].pos, "href "
			    "\"#%s\": no event has this id%s", id, "");
	}
}

static void
read_event(struct reader *r, const xmlNode *n)
{
	struct tl_event *e;
	const xmlNode *c;
	const char *when = attr(n, "when"), *label = attr(n, "label");
	const char *id = attr(n, "id"), *tags = attr(n, "tags");
	const char *lang = lang_attr(n);
	struct arena *doc = r->a;
	size_t np = 0, ns = 0, len;
	int ntitle = 0;

	check_attrs(r, n, " when label id tags ",
	    "<event>: expected when, label, id, tags or xml:lang");
	if (r->nevents == INPUT_EVENTS_MAX) {
		if (!r->over++)
			report_node(r, DIAG_LIMIT, n, "more than %s events in "
			    "a document%s", "100,000", "");
		return;
	}
	if (r->nevents == r->capevents) {
		r->capevents = r->capevents ? r->capevents * 2 : 16;
		r->events = xrealloc(r->events,
		    r->capevents * sizeof(*r->events));
	}
	e = &r->events[r->nevents];
	memset(e, 0, sizeof(*e));
	e->seq = r->nevents++;
	e->pos = node_pos(n);
	if (lang == NULL)
		lang = r->m->lang;
	if (when == NULL)
		report_node(r, DIAG_BAD_WHEN, n, "missing: <event> needs a "
		    "when attribute%s%s", "", "");
	else {
		char err[160];
		int col = 0;

		e->when_raw = arena_strdup(r->a, when);
		if (when_parse(when, &e->when, err, sizeof(err), &col) != 0 ||
		    when_zone(&e->when, r->m->zone, err, sizeof(err), &col) !=
		    0) {
			struct tl_pos p = e->pos;
			const char *s = when;

			if (p.src != NULL) {
				p.off = attr_value_off(&e->pos, "when", NULL);
				/* advance col-1 characters into the value */
				while (col > 1 && *s != '\0') {
					s++;
					p.off++;
					while ((*s & 0xC0) == 0x80) {
						s++;
						p.off++;
					}
					col--;
				}
			}
			report_at(r, DIAG_BAD_WHEN, &p, "\"%s\": %s", when, err);
		}
	}
	if (label != NULL) {
		char *l = arena_strdup(r->a, label);

		len = thai_normalise(l, strlen(l));
		l[len] = '\0';
		e->label = l;
		e->label_pos = e->pos;
		if (e->pos.src != NULL)
			e->label_pos.off = attr_value_off(&e->pos, "label",
			    NULL);
	}
	if (id != NULL) {
		e->id = arena_strdup(r->a, id);
		check_id(r, n, id);
	}
	if (tags != NULL)
		e->tags = arena_strdup(r->a, tags);
	for (c = n->children; c != NULL; c = c->next) {
		if (is_elem(c, "p"))
			np++;
		else if (is_elem(c, "source"))
			ns++;
	}
	/* its paragraphs and sources, the bulk of it, apart: a document
	   rendered once lets them go as it is laid out (tl_opts.once) */
	e->own = arena_sub(doc, 1);
	e->paras = arena_alloc(e->own, (np ? np : 1) * sizeof(*e->paras));
	e->sources = arena_alloc(e->own, (ns ? ns : 1) *
	    sizeof(*e->sources));
	for (c = n->children; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE && !blank(c->content))
			report_node(r, DIAG_SCHEMA, c, "text is not allowed in "
			    "<%s>: put it in <p>%s", "event", "");
		else if (is_elem(c, "title")) {
			check_attrs(r, c, " ", "<title>: expected xml:lang");
			if (ntitle++ || e->npara > 0)
				report_node(r, DIAG_SCHEMA, c, "<title> must "
				    "come once, before the first <p>%s%s", "", "");
			e->title = text_build(r, c, lang, 1, "title");
		} else if (is_elem(c, "p")) {
			check_attrs(r, c, " ", "<p>: expected xml:lang");
			r->a = e->own;
			e->paras[e->npara++] = *text_build(r, c, lang, 1, "p");
			r->a = doc;
		} else if (is_elem(c, "source")) {
			r->a = e->own;
			read_source(r, c, &e->sources[e->nsource++]);
			r->a = doc;
		} else if (c->type == XML_ELEMENT_NODE)
			unknown_element(r, c, "event", "title, p or source");
	}
	if (np == 0)
		report_node(r, DIAG_SCHEMA, n, "<event> needs at least one "
		    "<p>%s%s", "", "");
}

static int read_file(struct reader *, const char *path, const char *name,
    const xmlNode *from);

/*
 * The real path of href, named relative to the file that holds n (*path:
 * as named), when it is a relative path to a file in the input's folder
 * or below; NULL with a message otherwise.  Both owned by the caller.
 */
static char *
inside(struct reader *r, const xmlNode *n, const char *href, char **pathp,
    enum diag_code code)
{
	const struct src *from;
	char *dir, *path, *real;
	const char *slash;
	size_t dl;

	*pathp = NULL;
	if (strstr(href, "://") != NULL || strncmp(href, "file:", 5) == 0 ||
	    href[0] == '/' || href[0] == '\0') {
		report_node(r, code, n, "\"%s\": expected a "
		    "relative path to a file in the input's folder%s", href, "");
		return NULL;
	}
	from = node_pos(n).src;
	slash = from != NULL ? strrchr(from->name, '/') : NULL;
	dl = slash != NULL ? (size_t)(slash - from->name) + 1 : 0;
	dir = xmalloc(dl + 1);
	memcpy(dir, from != NULL ? from->name : "", dl);
	dir[dl] = '\0';
	path = xmalloc(dl + strlen(href) + 1);
	memcpy(path, dir, dl);
	strcpy(path + dl, href);
	free(dir);
	real = realpath(path, NULL);
	if (real == NULL) {
		report_node(r, code, n, "\"%s\": %s", href,
		    strerror(errno));
		free(path);
		return NULL;
	}
	dl = strlen(r->topdir);
	if (strncmp(real, r->topdir, dl) != 0 || (real[dl] != '/' &&
	    !(dl == 1 && r->topdir[0] == '/'))) {
		report_node(r, code, n, "\"%s\" is outside the "
		    "input's folder%s", href, "");
		free(real);
		free(path);
		return NULL;
	}
	*pathp = path;
	return real;
}

/*
 * One more file named at n (an include, a feed, a part) against the
 * limit: 1, or 0 when beyond it (said once; nothing more is read then).
 */
static int
one_more_file(struct reader *r, const xmlNode *n)
{
	if (r->over)
		return 0;
	if (++r->nincludes > INPUT_INCLUDES_MAX) {
		r->over++;
		report_node(r, DIAG_LIMIT, n, "more than %s files included "
		    "in a document%s", "1,000", "");
		return 0;
	}
	return 1;
}

/* The file href names at n, in the input's folder or below, read. */
static void
read_named(struct reader *r, const xmlNode *n, const char *href,
    enum diag_code code)
{
	char *path, *real;

	if ((real = inside(r, n, href, &path, code)) == NULL)
		return;
	read_file(r, real, path, n);
	free(real);
	free(path);
}

/* <xi:include href="..."/>: only files in the input's folder or below. */
static void
read_include(struct reader *r, const xmlNode *n)
{
	const char *href = attr(n, "href"), *parse = attr(n, "parse");

	check_attrs(r, n, " href parse ", "<xi:include>: expected href");
	if (!one_more_file(r, n))
		return;
	if (href == NULL) {
		report_node(r, DIAG_XML_XINCLUDE, n, "missing href%s%s", "", "");
		return;
	}
	if (parse != NULL && strcmp(parse, "xml") != 0) {
		report_node(r, DIAG_XML_XINCLUDE, n, "parse=\"%s\": only "
		    "parse=\"xml\" is supported%s", parse, "");
		return;
	}
	read_named(r, n, href, DIAG_XML_XINCLUDE);
}

/*
 * <feed href="..."/>: the entries of a feed file in the input's folder or
 * below are events of the timeline, as if merged (doc.c).
 */
static void
read_feed(struct reader *r, const xmlNode *n)
{
	const char *href = attr(n, "href");

	check_attrs(r, n, " href ", "<feed>: expected href");
	if (!one_more_file(r, n))
		return;
	if (href == NULL) {
		report_node(r, DIAG_SCHEMA, n, "<feed>: missing href%s%s", "",
		    "");
		return;
	}
	read_named(r, n, href, DIAG_SCHEMA);
}

/*
 * What a timeline holds besides its title, subtitle and meta: 0 when c
 * is none of it.
 */
static int
timeline_child(struct reader *r, const xmlNode *c)
{
	if (is_elem(c, "intro"))
		read_intro(r, c, "intro");
	else if (is_elem(c, "event"))
		read_event(r, c);
	else if (is_xinclude(c))
		read_include(r, c);
	else if (is_elem(c, "feed"))
		read_feed(r, c);
	else
		return 0;
	return 1;
}

/*
 * A document's root element, <timeline> or <packet> (name): its version
 * and language (root_begin), its title, subtitle and meta, and what
 * child reads of the rest (root_child, a child at a time; expect: what
 * may stand there, for messages), and whether it had a title (root_end).
 */
static void
root_begin(struct reader *r, const xmlNode *n, const char *name)
{
	struct tl_model *m = r->m;
	const char *v = attr(n, "version"), *lang = lang_attr(n);
	char what[64];

	snprintf(what, sizeof(what), "<%s>: expected version or xml:lang",
	    name);
	check_attrs(r, n, " version ", what);
	m->lang = arena_strdup(r->a, lang != NULL ? lang : "th");
	if (v == NULL || strcmp(v, "1") != 0) {
		struct tl_pos p = node_pos(n);

		if (v != NULL && p.src != NULL)
			p.off = attr_value_off(&p, "version", NULL);
		report_at(r, DIAG_BAD_VERSION, &p, v ? "found \"%s\"%s" :
		    "the attribute is missing%s%s", v ? v : "", "");
	}
}

static void
root_child(struct reader *r, const xmlNode *c, const char *name,
    int (*child)(struct reader *, const xmlNode *), const char *expect,
    int *seen_title)
{
	struct tl_model *m = r->m;

	if (c->type == XML_TEXT_NODE && !blank(c->content)) {
		report_node(r, DIAG_SCHEMA, c, "text is not allowed in "
		    "<%s>: expected elements only%s", name, "");
		return;
	}
	if (c->type != XML_ELEMENT_NODE)
		return;
	if (is_elem(c, "title")) {
		check_attrs(r, c, " ", "<title>: expected xml:lang");
		if ((*seen_title)++)
			report_node(r, DIAG_SCHEMA, c, "a second "
			    "<title> in <%s>%s", name, "");
		m->title = text_build(r, c, m->lang, 1, "title");
		info_check(r, c, "Title", 0, m->title->len);
	} else if (is_elem(c, "subtitle")) {
		check_attrs(r, c, " ", "<subtitle>: expected xml:lang");
		m->subtitle = text_build(r, c, m->lang, 1, "subtitle");
		info_check(r, c, "Subject", 0, m->subtitle->len);
	} else if (is_elem(c, "meta"))
		read_meta(r, c);
	else if (!child(r, c))
		unknown_element(r, c, name, expect);
}

static void
root_end(struct reader *r, const xmlNode *n)
{
	if (r->m->title == NULL || r->m->title->len == 0)
		report_node(r, DIAG_MISSING_TITLE, n, NULL, NULL, NULL);
}

static void
read_root(struct reader *r, const xmlNode *n, const char *name,
    int (*child)(struct reader *, const xmlNode *), const char *expect)
{
	const xmlNode *c;
	int seen_title = 0;

	root_begin(r, n, name);
	for (c = n->children; c != NULL; c = c->next)
		root_child(r, c, name, child, expect, &seen_title);
	root_end(r, n);
}

#define TIMELINE_HOLDS	"title, subtitle, meta, intro, event or feed"

/*
 * A timeline given to read is read as it is parsed: each child of its
 * root as it ends, and each event, once read and checked against the
 * schema, let go.  The schema's messages wait for the end, said only
 * when the reading found nothing (as when the whole is checked after),
 * in the order of their places.
 */
struct rngmsg {
	int		 line, col;
	size_t		 seq;
	char		*words;		/* (owned) */
};

struct stream {
	struct reader	*r;
	const struct src *src;		/* the document's, for positions */
	const xmlNode	*root;		/* <timeline>, once seen */
	int		 off;		/* the root is not a timeline */
	xmlNodePtr	 kept;		/* the last child read and kept */
	size_t		 dropped;	/* events read and let go */
	int		 seen_title;
	int		 before;	/* errors before the document */
	struct xmlsafe	*xs;
	struct rngmsg	*msg;		/* (owned) */
	size_t		 nmsg, capmsg;
};

#define RNG_KEPT	40		/* schema messages kept, at most */

static void
rng_keep(void *arg, int line, int col, const char *words)
{
	struct stream *st = arg;
	struct rngmsg *m;

	if (st->nmsg == RNG_KEPT)
		return;
	if (st->nmsg == st->capmsg) {
		st->capmsg = st->capmsg ? st->capmsg * 2 : 8;
		st->msg = xrealloc(st->msg, st->capmsg * sizeof(*st->msg));
	}
	m = &st->msg[st->nmsg];
	m->line = line;
	m->col = col;
	m->seq = st->nmsg;
	m->words = xstrdup(words);
	st->nmsg++;
}

static int
rngmsg_cmp(const void *a, const void *b)
{
	const struct rngmsg *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The schema's messages kept, said (when sayit) and freed. */
static void
rng_flush(struct reader *r, struct stream *st, int sayit)
{
	size_t i;

	if (st->nmsg > 1)
		qsort(st->msg, st->nmsg, sizeof(*st->msg), rngmsg_cmp);
	for (i = 0; i < st->nmsg; i++) {
		if (sayit && i < 20)
			diag_emit(r->d, DIAG_SCHEMA, st->xs->file,
			    st->msg[i].line, st->msg[i].col, "%s",
			    st->msg[i].words);
		free(st->msg[i].words);
	}
	free(st->msg);
	st->msg = NULL;
	st->nmsg = st->capmsg = 0;
}

/* The root's children up to and including last (NULL: all) read. */
static void
stream_read(struct reader *r, struct stream *st, xmlNodePtr root,
    xmlNodePtr last)
{
	xmlNodePtr x, next;

	for (x = st->kept != NULL ? st->kept->next : root->children;
	    x != NULL; x = next) {
		int end = x == last;

		next = x->next;
		root_child(r, x, "timeline", timeline_child, TIMELINE_HOLDS,
		    &st->seen_title);
		if (x->type == XML_ELEMENT_NODE && is_elem(x, "event")) {
			if (r->d->errors == st->before)
				xmlsafe_validate_drop(st->xs, x,
				    xmlsafe_schema(XMLSAFE_TIMELINE),
				    rng_keep, st);
			else
				xmlsafe_drop(x);
			st->dropped++;
		} else if (x->type == XML_ELEMENT_NODE) {
			/* small: checked with the root, but for its place
			   after an event, which is gone by then */
			if (st->dropped > 0 && (is_elem(x, "title") ||
			    is_elem(x, "subtitle") || is_elem(x, "meta") ||
			    is_elem(x, "intro"))) {
				struct tl_pos p = node_pos(x);
				char msg[64];
				int line, col;

				pos_linecol(&p, &line, &col);
				snprintf(msg, sizeof(msg), "did not expect "
				    "element %s there", (const char *)x->name);
				rng_keep(st, line, col, msg);
			}
			st->kept = x;
		} else
			xmlsafe_drop(x);
		if (end)
			break;
	}
}

static void
stream_child(void *arg, xmlNodePtr c)
{
	struct stream *st = arg;
	struct reader *r = st->r;
	xmlNodePtr root = c->parent;

	if (st->off)
		return;
	c->doc->_private = (void *)st->src;	/* as parse_src leaves it */
	if (st->root == NULL) {
		if (!is_elem(root, "timeline")) {
			st->off = 1;
			return;
		}
		st->root = root;
		root_begin(r, root, "timeline");
	}
	stream_read(r, st, root, c);
}

static int read_doc(struct tl_model *, struct arena *, struct diag *,
    const char *name, const char *buf, size_t len, const char *packet_no,
    size_t *bytes);

/* <part href="...">: a timeline of its own, read whole, in order. */
static void
read_part(struct reader *r, const xmlNode *n)
{
	struct tl_model *m = r->m, *pm;
	const char *href = attr(n, "href");
	char *path, *real;
	size_t k, events = 0;

	check_attrs(r, n, " href ", "<part>: expected href");
	if (!one_more_file(r, n))
		return;
	if (href == NULL) {
		report_node(r, DIAG_PART, n, "missing href%s%s", "", "");
		return;
	}
	if ((real = inside(r, n, href, &path, DIAG_PART)) == NULL)
		return;
	for (k = 0; k < m->nparts; k++)
		events += m->parts[k].nevent;
	m->parts = arena_grow(r->a, m->parts, m->nparts, m->nparts + 1,
	    sizeof(*m->parts));
	pm = &m->parts[m->nparts];
	pm->tz = m->tz;
	pm->zone = m->zone;
	if (read_doc(pm, r->a, r->d, path, NULL, 0, " (a part is not a "
	    "packet)", &r->bytes) == 0) {
		model_sort(pm);
		m->nparts++;
		if (events + pm->nevent > INPUT_EVENTS_MAX && !r->over++)
			report_node(r, DIAG_LIMIT, n, "more than %s events in "
			    "a document%s", "100,000", "");
	}
	free(real);
	free(path);
}

/* What a packet holds besides its title, subtitle and meta. */
static int
packet_child(struct reader *r, const xmlNode *c)
{
	if (is_elem(c, "note"))
		read_intro(r, c, "note");
	else if (is_elem(c, "part"))
		read_part(r, c);
	else
		return 0;
	return 1;
}

#define FEEDS	"a feed (Atom 1.0 <feed>, RSS 2.0 <rss>, xCal <icalendar>)"

/*
 * A feed's entries as events, after those read so far (its title and
 * language are the document's when it is the input itself).
 */
static void
read_entries(struct reader *r, const xmlNode *root, int input)
{
	struct tl_model fm;

	if (input) {
		r->m->feed = 1;
		feed_read(r->m, r->a, r->d, root, &r->events, &r->nevents,
		    &r->capevents, 0);
		return;
	}
	memset(&fm, 0, sizeof(fm));
	fm.lang = r->m->lang;
	fm.tz = r->m->tz;
	fm.zone = r->m->zone;
	feed_read(&fm, r->a, r->d, root, &r->events, &r->nevents,
	    &r->capevents, 1);
}

/* Read, parse, walk and validate one file; the root decides its role. */
static int
read_src(struct reader *r, const struct src *src, const xmlNode *from)
{
	struct xmlsafe xs;
	struct stream st;
	xmlDocPtr doc;
	xmlNodePtr root;
	int before = r->d->errors, feed;

	memset(&st, 0, sizeof(st));
	st.r = r;
	st.src = src;
	st.before = before;
	st.xs = &xs;
	doc = parse_src(r, &xs, src, from == NULL ? &st : NULL);
	if (doc == NULL) {
		rng_flush(r, &st, 0);
		return -1;
	}
	root = xmlDocGetRootElement(doc);
	feed = feed_kind(root) != FEED_NONE;
	if (st.root != NULL) {
		/* read as it was parsed: what follows its last element */
		stream_read(r, &st, root, NULL);
		root_end(r, root);
		if (r->d->errors == before)
			xmlsafe_validate(&xs, doc, xmlsafe_schema(
			    XMLSAFE_TIMELINE), rng_keep, &st);
		rng_flush(r, &st, r->d->errors == before);
		xmlFreeDoc(doc);
		return r->d->errors == before ? 0 : -1;
	}
	if (from == NULL && is_elem(root, "timeline"))
		read_root(r, root, "timeline", timeline_child, TIMELINE_HOLDS);
	else if (from == NULL && r->packet_ok && is_elem(root, "packet")) {
		r->m->packet = 1;
		read_root(r, root, "packet", packet_child, "title, subtitle, "
		    "meta, note or part");
	} else if (feed && (from == NULL || is_elem(from, "feed"))) {
		/* its entries are the events; no schema of ours applies */
		read_entries(r, root, from == NULL);
		xmlFreeDoc(doc);
		return r->d->errors == before ? 0 : -1;
	} else if (from != NULL && is_elem(from, "feed")) {
		unknown_element(r, root, "document", FEEDS " (named by "
		    "<feed>)");
		xmlFreeDoc(doc);
		return -1;
	} else if (from != NULL && is_elem(root, "event"))
		read_event(r, root);
	else if (from != NULL && is_elem(root, "timeline")) {
		/* a file of events: its events, nothing else */
		const xmlNode *c;

		for (c = root->children; c != NULL; c = c->next) {
			if (is_elem(c, "event"))
				read_event(r, c);
			else if (is_xinclude(c))
				read_include(r, c);
			else if (c->type == XML_ELEMENT_NODE)
				unknown_element(r, c, "timeline", "event (in a "
				    "file pulled in by XInclude)");
		}
	} else {
		char expect[160];

		if (from != NULL)
			snprintf(expect, sizeof(expect), "<event> or "
			    "<timeline>");
		else if (r->packet_ok)
			snprintf(expect, sizeof(expect), "<timeline>, "
			    "<packet> or " FEEDS);
		else
			snprintf(expect, sizeof(expect), "<timeline> or " FEEDS
			    "%s", is_elem(root, "packet") ? r->packet_no : "");
		unknown_element(r, root, "document", expect);
		xmlFreeDoc(doc);
		return -1;
	}
	if (r->d->errors == before && (from == NULL || !is_elem(root,
	    "timeline")))
		validate(&xs, doc);
	xmlFreeDoc(doc);
	return r->d->errors == before ? 0 : -1;
}

static int
read_file(struct reader *r, const char *real, const char *name,
    const xmlNode *from)
{
	int i, rc;
	struct src *src;
	struct stat st;

	for (i = 0; i < r->depth; i++)
		if (strcmp(r->stack[i], real) == 0) {
			report_node(r, DIAG_XML_XINCLUDE, from, "\"%s\" %s",
			    name, i + 1 == r->depth ? "includes itself" :
			    "is being read already: the includes form a "
			    "cycle");
			return -1;
		}
	if (r->depth == XI_DEPTH_MAX) {
		report_node(r, DIAG_LIMIT, from, "\"%s\": includes nested "
		    "more than %s deep", name, "15");
		return -1;
	}
	if (stat(real, &st) == 0 && S_ISREG(st.st_mode) &&
	    (uintmax_t)st.st_size <= INPUT_FILE_MAX &&
	    r->bytes + (size_t)st.st_size > INPUT_TOTAL_MAX) {
		r->over++;
		report_node(r, DIAG_LIMIT, from, "\"%s\": %s", name,
		    "more than 256 MiB to read for a document");
		return -1;
	}
	if ((src = src_new(r, name, real, NULL, 0)) == NULL) {
		if (errno == EFBIG)
			report_node(r, DIAG_LIMIT, from, "\"%s\": %s", name,
			    too_big);
		else
			report_node(r, DIAG_XML_XINCLUDE, from, "\"%s\": %s",
			    name, file_strerror(errno));
		return -1;
	}
	if ((r->bytes += src->len) > INPUT_TOTAL_MAX) {	/* it grew */
		r->over++;
		report_node(r, DIAG_LIMIT, from, "\"%s\": %s", name,
		    "more than 256 MiB to read for a document");
		return -1;
	}
	r->stack[r->depth++] = real;
	rc = read_src(r, src, from);
	r->depth--;
	src_drop(src);		/* read again if a message needs it */
	return rc;
}

int
reader_read(struct tl_model *m, struct arena *a, struct diag *d,
    const char *name, const char *buf, size_t len, const char *packet_no,
    size_t *bytes)
{
	return read_doc(m, a, d, name, buf, len, packet_no, bytes);
}

static int
read_doc(struct tl_model *m, struct arena *a, struct diag *d,
    const char *name, const char *buf, size_t len, const char *packet_no,
    size_t *bytes)
{
	struct reader r;
	struct src *src, *s;
	char *dir, *slash, *real;
	int rc;

	memset(&r, 0, sizeof(r));
	r.packet_ok = packet_no == NULL;
	r.packet_no = packet_no;
	r.m = m;
	r.a = a;
	r.d = d;
	m->lang = "th";
	if (m->zone == NULL && (m->zone = tz_doc(a, d, m->tz)) == NULL)
		return -1;
	if ((src = src_new(&r, name, buf == NULL ? name : NULL, buf,
	    len)) == NULL) {
		if (errno == EFBIG)
			diag_emit(d, DIAG_LIMIT, name, 0, 0, "%s", too_big);
		else
			diag_emit(d, DIAG_IO, name, 0, 0, "%s",
			    file_strerror(errno));
		return -1;
	}
	src->input = 1;
	r.bytes = *bytes + src->len;
	if (r.bytes > INPUT_TOTAL_MAX) {
		diag_emit(d, DIAG_LIMIT, name, 0, 0, "%s", "more than 256 MiB "
		    "to read for a document");
		return -1;
	}
	/* the folder below which XInclude may read */
	dir = xstrdup(name);
	if ((slash = strrchr(dir, '/')) != NULL)
		slash[slash == dir ? 1 : 0] = '\0';
	else
		strcpy(dir, ".");
	r.topdir = realpath(dir, NULL);
	free(dir);
	if (r.topdir == NULL)
		r.topdir = xstrdup("/nonexistent/");
	real = realpath(name, NULL);
	r.stack[r.depth++] = real != NULL ? real : name;
	rc = read_src(&r, src, NULL);
	*bytes = r.bytes;
	if (rc == 0 && m->title == NULL)
		rc = -1;
	check_idrefs(&r);
	m->nevent = r.nevents;
	m->events = arena_alloc(a, (r.nevents ? r.nevents : 1) *
	    sizeof(*m->events));
	if (r.nevents > 0)
		memcpy(m->events, r.events, r.nevents * sizeof(*m->events));
	free(real);
	free(r.topdir);
	for (s = m->srcs; s != NULL; s = s->next)
		src_drop(s);
	textb_free(&r.tb);
	buf_free(&r.href);
	free(r.ids);
	free(r.idrefs);
	free(r.events);
	return d->errors > 0 ? -1 : rc;
}
