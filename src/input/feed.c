/*
 * feed.c - feeds read as documents (docs/format.md, "Feeds"): Atom 1.0
 * (RFC 4287), RSS 2.0 and xCal (RFC 6321).  reader.c parses the file
 * safely (xmlsafe.c) and hands over its root when feed_kind says it is a
 * feed's; each entry, item or event then becomes an event of the model,
 * and the feed's title the document's.
 *
 * Feeds are open formats: elements and attributes of other namespaces,
 * and those this reader has no use for, are passed over in silence.  Of
 * each entry it takes the title, the date, the text (a summary before
 * the full content: a briefing wants the short form, and the link leads
 * to the rest), the link, the categories and the id.
 *
 * The HTML of RSS descriptions and of Atom's html and xhtml text goes
 * through libxml2's HTML parser (xmlsafe_html), or for xhtml the tree as
 * parsed, into the model's inline markup: b and strong, i and em, a
 * whose href passes the reader's checks (href_take), br; p and the other
 * blocks make paragraphs, as do two br in a row; script, style, img,
 * iframe and their like go with all they hold; any other element gives
 * its text.  White space folds and Thai is normalised as in a timeline.
 *
 * A date becomes a `when` in the document's zone (when_zone): RFC 3339
 * in Atom and Dublin Core (when.c reads it), RFC 822 in RSS (stamp.c),
 * DATE and DATE-TIME with TZID in xCal.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "base/base.h"
#include "feed.h"
#include "input.h"
#include "xmlsafe.h"

#define NS_ATOM		"http://www.w3.org/2005/Atom"
#define NS_XCAL		"urn:ietf:params:xml:ns:icalendar-2.0"
#define NS_XHTML	"http://www.w3.org/1999/xhtml"
#define NS_CONTENT	"http://purl.org/rss/1.0/modules/content/"
#define NS_DC		"http://purl.org/dc/elements/1.1/"
#define NS_XML		"http://www.w3.org/XML/1998/namespace"

#define INFO_MAX	8192	/* bytes of the PDF's Title or Subject, as
				   a timeline's (reader.c) */
#define DATE_MAX	64	/* a longer text is no date */
#define NAME_CUT	40	/* characters of a title naming its entry */

/* One feed being read. */
struct feed {
	struct tl_model	*m;		/* (borrowed) */
	struct arena	*a;		/* (borrowed) */
	struct diag	*d;		/* (borrowed) */
	struct textb	 tb;		/* the text being built */
	int		 inline_only;	/* a title: blocks and breaks are
					   spaces */
	const char	*lang;		/* (arena) of the paragraphs */
	struct tl_pos	 at;		/* where they come from */
	/* the paragraphs of the entry being read */
	struct tl_text	*paras;		/* (owned) */
	size_t		 npara, cappara;
	struct buf	 val;		/* the value of an element */
	struct buf	 href;		/* a link being checked */
	struct buf	 tags;		/* the entry's categories */
	/* the events */
	struct tl_event	*events;	/* (owned until handed over) */
	size_t		 nevents, capevents;
	int		 over;		/* the limit was reported */
	int		 named;		/* a timeline's <feed>: no title
					   needed */
	/* the zones xCal's TZID named */
	struct fzone {
		const char	*name;	/* (arena) */
		const struct tz	*z;	/* (arena) NULL: not found */
	}		*zones;		/* (owned) */
	size_t		 nzones;
};

/* What an entry has before it becomes an event. */
struct entry {
	const xmlNode	*el;
	const char	*kind;		/* "entry", "item" or "vevent" */
	size_t		 nth;		/* 1-based, among the feed's */
	struct tl_text	*title;		/* (arena) or NULL */
	struct when	 when;
	const char	*link;		/* (arena) href_take's, or NULL */
	const char	*host;		/* (arena) its host, as written */
	const xmlNode	*link_el;	/* where the link is */
	const char	*id;		/* (arena) or NULL */
};

/* ------------------------------------------------------------------ */
/* Elements, positions, messages */

static int
is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Whether n is element name in namespace ns (NULL: none). */
static int
is_el(const xmlNode *n, const char *ns, const char *name)
{
	if (n == NULL || n->type != XML_ELEMENT_NODE ||
	    strcmp((const char *)n->name, name) != 0)
		return 0;
	if (ns == NULL)
		return n->ns == NULL;
	return n->ns != NULL && strcmp((const char *)n->ns->href, ns) == 0;
}

/* The first child of n that is element name in ns, or NULL. */
static const xmlNode *
child(const xmlNode *n, const char *ns, const char *name)
{
	const xmlNode *c;

	for (c = n != NULL ? n->children : NULL; c != NULL; c = c->next)
		if (is_el(c, ns, name))
			return c;
	return NULL;
}

/* The value of n's attribute name: "" when empty, NULL when absent. */
static const char *
attr(const xmlNode *n, const char *name)
{
	return xmlsafe_attr_value(n, name);
}

static const char *
lang_of(const xmlNode *n)
{
	const xmlAttr *a;

	for (a = n->properties; a != NULL; a = a->next)
		if (a->ns != NULL && strcmp((const char *)a->ns->href,
		    NS_XML) == 0 && strcmp((const char *)a->name, "lang") ==
		    0 && a->children != NULL && a->children->content != NULL &&
		    a->children->content[0] != '\0')
			return (const char *)a->children->content;
	return NULL;
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

static void	say(struct feed *, enum diag_sev, const struct tl_pos *,
		    const char *, ...) __attribute__((format(printf, 4, 5)));

/* A message about the feed at p, as "invalid document". */
static void
say(struct feed *f, enum diag_sev sev, const struct tl_pos *p,
    const char *fmt, ...)
{
	char msg[1024];
	int line = 0, col = 0;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (!diag_full(f->d, DIAG_SCHEMA))
		pos_linecol(p, &line, &col);
	diag_emit_sev(f->d, sev, DIAG_SCHEMA, p->src != NULL ? p->src->name :
	    NULL, line, col, "%s", msg);
}

/* The name of element n as written: with its prefix, if any. */
static const char *
qname(const xmlNode *n, char *buf, size_t len)
{
	if (n->ns != NULL && n->ns->prefix != NULL)
		snprintf(buf, len, "%s:%s", (const char *)n->ns->prefix,
		    (const char *)n->name);
	else
		snprintf(buf, len, "%s", (const char *)n->name);
	return buf;
}

/* "<item> "Its title"" or "<item> 3", for messages about an entry. */
static const char *
entry_name(const struct entry *en, char *buf, size_t n)
{
	const char *s = en->title != NULL ? en->title->s : NULL;
	size_t i = 0, k = 0;

	if (s == NULL || *s == '\0') {
		snprintf(buf, n, "<%s> %zu", en->kind, en->nth);
		return buf;
	}
	while (s[i] != '\0' && k < NAME_CUT) {
		i++;
		while (((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
		k++;
	}
	snprintf(buf, n, "<%s> \"%.*s%s\"", en->kind, (int)i, s,
	    s[i] != '\0' ? "\xE2\x80\xA6" : "");
	return buf;
}

/*
 * The text of el (its text children) trimmed, in f->val; *p where it
 * starts in the source when it is found there as it is (then byte k of
 * it is at p->off + k), else el's place, and *exact 0.
 */
static const char *
value(struct feed *f, const xmlNode *el, struct tl_pos *p, int *exact)
{
	const xmlNode *c;
	const char *s, *b, *e, *hit;
	size_t n, len;

	f->val.len = 0;
	buf_add(&f->val, "", 0);
	for (c = el->children; c != NULL; c = c->next)
		if ((c->type == XML_TEXT_NODE || c->type ==
		    XML_CDATA_SECTION_NODE) && c->content != NULL)
			buf_str(&f->val, (const char *)c->content);
	for (s = f->val.s; is_space((unsigned char)*s); s++)
		;
	for (n = strlen(s); n > 0 && is_space((unsigned char)s[n - 1]); n--)
		;
	memmove(f->val.s, s, n);
	f->val.s[n] = '\0';
	f->val.len = n;
	*p = node_pos(el);
	*exact = 0;
	if (n == 0 || p->src == NULL || p->src->buf == NULL)
		return f->val.s;
	/* after the start tag, within a few kilobytes */
	b = p->src->buf + p->off;
	e = p->src->buf + p->src->len;
	while (b < e && *b != '>')
		b++;
	len = (size_t)(e - b) < n + 4096 ? (size_t)(e - b) : n + 4096;
	for (hit = b; hit + n <= b + len; hit++)
		if (*hit == *f->val.s && memcmp(hit, f->val.s, n) == 0) {
			p->off = (size_t)(hit - p->src->buf);
			*exact = 1;
			break;
		}
	return f->val.s;
}

/* p moved to the col-th character (1-based) of the value s it is at. */
static struct tl_pos
value_at(struct tl_pos p, int exact, const char *s, int col)
{
	size_t i = 0;

	if (!exact)
		return p;
	while (col > 1 && s[i] != '\0') {
		i++;
		while (((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
		col--;
	}
	p.off += i;
	return p;
}

/* ------------------------------------------------------------------ */
/* Text with inline structure: as the reader builds it */

/* Whether the text holds nothing but spaces, line ends and U+00A0. */
static int
tb_blank(const struct feed *f)
{
	size_t i;

	for (i = 0; i < f->tb.text.len; i++)
		if (f->tb.text.s[i] == '\xC2' && f->tb.text.s[i + 1] == '\xA0')
			i++;
		else if (f->tb.text.s[i] != ' ' && f->tb.text.s[i] != '\n')
			return 0;
	return 1;
}


/* Paragraph t to the entry's. */
static void
para_push(struct feed *f, const struct tl_text *t)
{
	if (f->npara == f->cappara) {
		f->cappara = f->cappara ? f->cappara * 2 : 4;
		f->paras = xrealloc(f->paras, f->cappara * sizeof(*f->paras));
	}
	f->paras[f->npara++] = *t;
}

/* The paragraph built ends; a title goes on after a space. */
static void
para_end(struct feed *f)
{
	if (f->inline_only) {
		f->tb.pending_space = 1;
		return;
	}
	if (!tb_blank(f))
		para_push(f, textb_take(&f->tb, f->a, f->lang, &f->at));
	textb_begin(&f->tb);
}

/* A line break; a second in a row ends the paragraph instead. */
static void
tb_break(struct feed *f, unsigned style, const char *href)
{
	if (f->inline_only) {
		f->tb.pending_space = 1;
		return;
	}
	if (f->tb.text.len == 0)
		return;
	if (f->tb.text.s[f->tb.text.len - 1] == '\n') {
		f->tb.text.s[--f->tb.text.len] = '\0';
		para_end(f);
		return;
	}
	textb_span(&f->tb, style, href);
	buf_add(&f->tb.text, "\n", 1);
	f->tb.pending_space = 0;
}

/* ------------------------------------------------------------------ */
/* HTML */

enum html_role {
	HTML_TEXT,		/* its text */
	HTML_DROP,		/* nothing of it */
	HTML_BLOCK,		/* a paragraph of its own */
	HTML_CELL,		/* its text, apart from the next */
	HTML_BR,
	HTML_STRONG,
	HTML_EM,
	HTML_LINK
};

static const struct {
	const char	*name;
	enum html_role	 role;
} html_roles[] = {
	{ "a", HTML_LINK }, { "b", HTML_STRONG }, { "strong", HTML_STRONG },
	{ "i", HTML_EM }, { "em", HTML_EM }, { "br", HTML_BR },
	{ "p", HTML_BLOCK }, { "div", HTML_BLOCK }, { "li", HTML_BLOCK },
	{ "h1", HTML_BLOCK }, { "h2", HTML_BLOCK }, { "h3", HTML_BLOCK },
	{ "h4", HTML_BLOCK }, { "h5", HTML_BLOCK }, { "h6", HTML_BLOCK },
	{ "blockquote", HTML_BLOCK }, { "pre", HTML_BLOCK },
	{ "ul", HTML_BLOCK }, { "ol", HTML_BLOCK }, { "dl", HTML_BLOCK },
	{ "dt", HTML_BLOCK }, { "dd", HTML_BLOCK }, { "table", HTML_BLOCK },
	{ "tr", HTML_BLOCK }, { "caption", HTML_BLOCK }, { "hr", HTML_BLOCK },
	{ "figure", HTML_BLOCK }, { "figcaption", HTML_BLOCK },
	{ "section", HTML_BLOCK }, { "article", HTML_BLOCK },
	{ "aside", HTML_BLOCK }, { "header", HTML_BLOCK },
	{ "footer", HTML_BLOCK }, { "nav", HTML_BLOCK }, { "main", HTML_BLOCK },
	{ "address", HTML_BLOCK }, { "details", HTML_BLOCK },
	{ "summary", HTML_BLOCK }, { "center", HTML_BLOCK },
	{ "td", HTML_CELL }, { "th", HTML_CELL },
	{ "script", HTML_DROP }, { "style", HTML_DROP }, { "img", HTML_DROP },
	{ "iframe", HTML_DROP }, { "frame", HTML_DROP },
	{ "frameset", HTML_DROP }, { "object", HTML_DROP },
	{ "embed", HTML_DROP }, { "applet", HTML_DROP }, { "param", HTML_DROP },
	{ "video", HTML_DROP }, { "audio", HTML_DROP }, { "source", HTML_DROP },
	{ "track", HTML_DROP }, { "picture", HTML_DROP },
	{ "canvas", HTML_DROP }, { "svg", HTML_DROP }, { "math", HTML_DROP },
	{ "map", HTML_DROP }, { "area", HTML_DROP }, { "noscript", HTML_DROP },
	{ "template", HTML_DROP }, { "form", HTML_DROP },
	{ "input", HTML_DROP }, { "button", HTML_DROP },
	{ "select", HTML_DROP }, { "textarea", HTML_DROP },
	{ "head", HTML_DROP }, { "title", HTML_DROP }, { "meta", HTML_DROP },
	{ "link", HTML_DROP }, { "base", HTML_DROP },
};

static enum html_role
html_role(const xmlNode *n)
{
	size_t k;

	for (k = 0; k < sizeof(html_roles) / sizeof(html_roles[0]); k++)
		if (strcmp((const char *)n->name, html_roles[k].name) == 0)
			return html_roles[k].role;
	return HTML_TEXT;
}

/*
 * A link of the feed (h as written) checked and encoded, in the arena;
 * NULL, with a warning at p saying what is kept, when it does not pass.
 */
static const char *
feed_href(struct feed *f, const char *h, const struct tl_pos *p,
    const char *kept)
{
	char msg[HREF_MSG];

	if (href_take(h, &f->href, msg, sizeof(msg)) == 0)
		return arena_strndup(f->a, f->href.s, f->href.len);
	say(f, DIAG_WARNING, p, "%s (%s)", msg, kept);
	return NULL;
}

/*
 * The children of n, HTML or XHTML, into the text.  in_src: n is in the
 * source (xhtml), its text placed where it is; else at f->at.
 */
static void
html_walk(struct feed *f, const xmlNode *n, unsigned style,
    const char *href, int in_src)
{
	const xmlNode *c;
	const char *h, *link;
	struct tl_pos p;

	for (c = n->children; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE ||
		    c->type == XML_CDATA_SECTION_NODE) {
			p = in_src ? node_pos(c) : f->at;
			textb_span(&f->tb, style, href);
			textb_map(&f->tb, &p);
			textb_put(&f->tb, (const char *)c->content);
			continue;
		}
		if (c->type != XML_ELEMENT_NODE)
			continue;	/* comments, instructions */
		switch (html_role(c)) {
		case HTML_DROP:
			break;
		case HTML_BR:
			tb_break(f, style, href);
			break;
		case HTML_BLOCK:
			para_end(f);
			html_walk(f, c, style, href, in_src);
			para_end(f);
			break;
		case HTML_CELL:
			f->tb.pending_space = 1;
			html_walk(f, c, style, href, in_src);
			f->tb.pending_space = 1;
			break;
		case HTML_STRONG:
			html_walk(f, c, style | TL_STRONG, href, in_src);
			break;
		case HTML_EM:
			html_walk(f, c, style | TL_EM, href, in_src);
			break;
		case HTML_LINK:
			p = in_src ? node_pos(c) : f->at;
			link = (h = attr(c, "href")) != NULL ? feed_href(f, h,
			    &p, "the text is kept, unlinked") : NULL;
			html_walk(f, c, link != NULL ? style | TL_LINK : style,
			    link != NULL ? link : href, in_src);
			break;
		default:
			html_walk(f, c, style, href, in_src);
			break;
		}
	}
}

/* HTML text s, from element el, into the text. */
static void
feed_html(struct feed *f, const xmlNode *el, const char *s)
{
	xmlDocPtr doc = xmlsafe_html(s, strlen(s));
	const xmlNode *root;

	f->at = node_pos(el);
	if (doc == NULL)
		return;
	if ((root = xmlDocGetRootElement(doc)) != NULL)
		html_walk(f, root, 0, NULL, 0);
	xmlFreeDoc(doc);
}

/*
 * The plain text of el into the text: lines 0, white space folds;
 * lines 1 (xCal), a line end is a line break and a blank line ends a
 * paragraph.
 */
static void
plain_walk(struct feed *f, const xmlNode *el, int lines)
{
	const xmlNode *c;
	struct tl_pos p;
	const char *s, *e;
	char *line;

	for (c = el->children; c != NULL; c = c->next) {
		if ((c->type != XML_TEXT_NODE && c->type !=
		    XML_CDATA_SECTION_NODE) || c->content == NULL)
			continue;
		p = node_pos(c);
		textb_span(&f->tb, 0, NULL);
		textb_map(&f->tb, &p);
		if (!lines) {
			textb_put(&f->tb, (const char *)c->content);
			continue;
		}
		for (s = (const char *)c->content; *s != '\0'; s = e) {
			if ((e = strchr(s, '\n')) == NULL)
				e = s + strlen(s);
			line = xmalloc((size_t)(e - s) + 1);
			memcpy(line, s, (size_t)(e - s));
			line[e - s] = '\0';
			textb_put(&f->tb, line);
			free(line);
			if (*e == '\n') {
				tb_break(f, 0, NULL);
				e++;
			}
		}
	}
}

enum construct { CT_TEXT, CT_HTML, CT_XHTML, CT_NONE };

/* The type of an Atom text construct, or of content (RFC 4287, 4.1.3). */
static enum construct
atom_type(const xmlNode *el)
{
	const char *t = attr(el, "type");

	if (attr(el, "src") != NULL)
		return CT_NONE;		/* elsewhere: nothing to read here */
	if (t == NULL || strcmp(t, "text") == 0 || strcmp(t, "text/plain") ==
	    0)
		return CT_TEXT;
	if (strcmp(t, "html") == 0 || strcmp(t, "text/html") == 0)
		return CT_HTML;
	if (strcmp(t, "xhtml") == 0 || strcmp(t, "application/xhtml+xml") ==
	    0)
		return CT_XHTML;
	return CT_NONE;
}

/* The text of el, of type ct, into the text. */
static void
feed_construct(struct feed *f, const xmlNode *el, enum construct ct)
{
	const xmlNode *div;
	struct tl_pos p;
	int exact;

	f->at = node_pos(el);
	switch (ct) {
	case CT_TEXT:
		plain_walk(f, el, 0);
		break;
	case CT_HTML:
		feed_html(f, el, value(f, el, &p, &exact));
		break;
	case CT_XHTML:
		/* the div around it is the construct's, not the text's */
		div = child(el, NS_XHTML, "div");
		html_walk(f, div != NULL ? div : el, 0, NULL, 1);
		break;
	default:
		break;
	}
}

/* A title (one line of inline text) from el, of type ct; NULL if empty. */
static struct tl_text *
title_of(struct feed *f, const xmlNode *el, enum construct ct,
    const char *lang)
{
	struct tl_pos p = node_pos(el);
	struct tl_text *t;

	if (el == NULL)
		return NULL;
	textb_begin(&f->tb);
	f->inline_only = 1;
	if (ct == CT_HTML || ct == CT_XHTML)
		feed_construct(f, el, ct);
	else
		plain_walk(f, el, 0);
	f->inline_only = 0;
	t = textb_take(&f->tb, f->a, lang, &p);
	return t->len > 0 ? t : NULL;
}

/* The paragraphs of el, of type ct (lines: xCal text), for the entry. */
static void
paras_of(struct feed *f, const xmlNode *el, enum construct ct,
    const char *lang, int lines)
{
	const char *l = lang_of(el);

	f->lang = arena_strdup(f->a, l != NULL ? l : lang);
	textb_begin(&f->tb);
	if (lines) {
		f->at = node_pos(el);
		plain_walk(f, el, 1);
	} else
		feed_construct(f, el, ct);
	para_end(f);
}

/* ------------------------------------------------------------------ */
/* Dates */

/* A date v of element el that cannot be read: at its col-th character. */
static void
bad_date(struct feed *f, const xmlNode *el, const struct tl_pos *p,
    int exact, const char *v, int col, const char *why)
{
	struct tl_pos at = value_at(*p, exact, v, col);
	char name[64];

	say(f, DIAG_ERROR, &at, "bad date in <%s>: \"%s\": %s",
	    qname(el, name, sizeof(name)), v, why);
}

/*
 * The ISO 8601 date of el (RFC 3339, W3C-DTF, xCal's DATE-TIME) into w,
 * in the document's zone: a time without an offset is local time in
 * local, or an error when local is NULL.  Messages name named.  0, or
 * -1 reported.
 */
static int
date_iso(struct feed *f, const xmlNode *el, const xmlNode *named,
    struct when *w, const struct tz *local)
{
	static const char expect[] = "expected a date and time as "
	    "2026-12-05T19:05:00Z (RFC 3339)";
	struct tl_pos p;
	char buf[DATE_MAX], err[160];
	const char *v;
	size_t i, j, frac = 0;
	int exact, col = 1;

	v = value(f, el, &p, &exact);
	for (i = 0; i < 4 && v[i] >= '0' && v[i] <= '9'; i++)
		;
	if (i < 4 || strlen(v) >= DATE_MAX) {
		bad_date(f, named, &p, exact, v, 1, expect);
		return -1;
	}
	/* RFC 3339 allows t and z; fractions of a second are let go */
	for (i = j = 0; v[i] != '\0'; i++) {
		if (i == 19 && (v[i] == '.' || v[i] == ',') && v[i + 1] >=
		    '0' && v[i + 1] <= '9') {
			for (frac = 1; v[i + frac] >= '0' && v[i + frac] <=
			    '9'; frac++)
				;
			i += frac - 1;
			continue;
		}
		if (i == 10 && v[i] == 't')
			buf[j++] = 'T';
		else if (i > 10 && v[i] == 'z' && v[i + 1] == '\0')
			buf[j++] = 'Z';
		else
			buf[j++] = v[i];
	}
	buf[j] = '\0';
	if (when_parse(buf, w, err, sizeof(err), &col) != 0) {
		/* a column after the fraction is further on in v */
		if (frac > 0 && col > 20)
			col += (int)frac;
		bad_date(f, named, &p, exact, v, col, err);
		return -1;
	}
	if (w->interval || w->a.qual != 0 || w->a.prec < WHEN_YEAR) {
		bad_date(f, named, &p, exact, v, 1, expect);
		return -1;
	}
	if (w->a.time && !w->a.zoned && local == NULL) {
		bad_date(f, named, &p, exact, v, 1, "a time in a feed needs "
		    "its offset from UTC: Z, +hh:mm or -hh:mm");
		return -1;
	}
	if ((local != NULL && when_zone(w, local, err, sizeof(err), &col) !=
	    0) || when_zone(w, f->m->zone, err, sizeof(err), &col) != 0) {
		bad_date(f, named, &p, exact, v, 1, err);
		return -1;
	}
	return 0;
}

/* Instant t as a point in the document's zone; 0, or -1 with why. */
static int
when_at(struct feed *f, long long t, struct when *w, char *why, size_t n)
{
	long long days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
	long tod = (long)(t - days * 86400);
	int col;

	memset(w, 0, sizeof(*w));
	tz_date(days, &w->a.year, &w->a.month, &w->a.day);
	w->a.prec = WHEN_DAY;
	w->a.time = 1;
	w->a.hour = (int)(tod / 3600);
	w->a.min = (int)(tod / 60 % 60);
	w->a.sec = (int)(tod % 60);
	w->a.zoned = 1;
	return when_zone(w, f->m->zone, why, n, &col);
}

/* The RFC 822 date of el (RSS) into w, in the document's zone. */
static int
date_822(struct feed *f, const xmlNode *el, struct when *w)
{
	struct tl_pos p, at;
	struct stamp st;
	char err[200], name[64];
	const char *v;
	int exact, col;

	qname(el, name, sizeof(name));
	v = value(f, el, &p, &exact);
	if (stamp_822(v, &st, err, sizeof(err), &col) != 0) {
		bad_date(f, el, &p, exact, v, col, err);
		return -1;
	}
	if (st.flags & STAMP_WDAY) {
		at = p;
		if (exact)
			at.off += (size_t)st.wday_at;
		say(f, DIAG_WARNING, &at, "<%s> \"%s\": the day of the week "
		    "does not fit the date, which is taken", name, v);
	}
	if (st.flags & STAMP_ZONE_UNKNOWN)
		say(f, DIAG_WARNING, &p, "<%s> \"%s\": a military zone letter "
		    "other than Z says nothing sure (RFC 2822, 4.3): read as "
		    "UTC", name, v);
	if (when_at(f, st.utc, w, err, sizeof(err)) != 0) {
		bad_date(f, el, &p, exact, v, 1, err);
		return -1;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Entries into events */

/* One category as a tag: white space inside it becomes _. */
static void
tag_add(struct feed *f, const char *s)
{
	size_t start = f->tags.len, i;
	char *t;

	while (is_space((unsigned char)*s))
		s++;
	if (*s == '\0')
		return;
	if (start > 0)
		buf_add(&f->tags, " ", 1);
	for (; *s != '\0'; s++) {
		if (!is_space((unsigned char)*s)) {
			buf_add(&f->tags, s, 1);
			continue;
		}
		while (is_space((unsigned char)s[1]))
			s++;
		if (s[1] != '\0')
			buf_add(&f->tags, "_", 1);
	}
	/* once each */
	t = f->tags.s + start + (start > 0);
	for (i = 0; i < start; ) {
		size_t n = strcspn(f->tags.s + i, " ");

		if (n == strlen(t) && strncmp(f->tags.s + i, t, n) == 0) {
			f->tags.len = start;
			f->tags.s[start] = '\0';
			return;
		}
		i += n + 1;
	}
}

/* The link h of an entry (from el): checked, and its host for the text. */
static void
entry_link(struct feed *f, struct entry *en, const xmlNode *el,
    const char *h)
{
	struct tl_pos p = node_pos(el);
	const char *s, *e;

	if (h == NULL || en->link != NULL ||
	    (en->link = feed_href(f, h, &p, "the entry is kept, without a "
	    "source")) == NULL)
		return;
	en->link_el = el;
	while (is_space((unsigned char)*h))
		h++;
	if ((s = strstr(h, "://")) != NULL) {
		for (e = s += 3; *e != '\0' && strchr("/?#", *e) == NULL &&
		    !is_space((unsigned char)*e); e++)
			if (*e == '@')
				s = e + 1;	/* user@host: the host */
	} else {
		/* mailto: the address */
		s = (s = strchr(h, ':')) != NULL ? s + 1 : h;
		for (e = s; *e != '\0' && *e != '?' &&
		    !is_space((unsigned char)*e); e++)
			;
	}
	en->host = arena_strndup(f->a, s, (size_t)(e - s));
}

/* The entry made an event, with the paragraphs read for it. */
static void
entry_add(struct feed *f, struct entry *en)
{
	struct tl_event *e;
	struct tl_pos p = node_pos(en->el);
	char name[200], when[128];

	if (f->npara == 0) {
		if (en->title == NULL) {
			say(f, DIAG_WARNING, &p, "%s has neither a title nor "
			    "a text: left out", entry_name(en, name,
			    sizeof(name)));
			return;
		}
		para_push(f, en->title);	/* the title alone */
		en->title = NULL;
	}
	if (f->nevents == INPUT_EVENTS_MAX) {
		if (!f->over++)
			diag_emit(f->d, DIAG_LIMIT, p.src != NULL ?
			    p.src->name : NULL, 0, 0, "more than %s events in "
			    "a document", "100,000");
		return;
	}
	if (f->nevents == f->capevents) {
		f->capevents = f->capevents ? f->capevents * 2 : 16;
		f->events = xrealloc(f->events, f->capevents *
		    sizeof(*f->events));
	}
	e = &f->events[f->nevents];
	memset(e, 0, sizeof(*e));
	e->seq = f->nevents++;
	e->pos = p;
	e->feed = 1;
	e->when = en->when;
	when_write(&en->when, when, sizeof(when));
	e->when_raw = arena_strdup(f->a, when);
	e->title = en->title;
	e->paras = arena_alloc(f->a, f->npara * sizeof(*e->paras));
	memcpy(e->paras, f->paras, f->npara * sizeof(*e->paras));
	e->npara = f->npara;
	e->id = en->id;
	e->tags = f->tags.len > 0 ? arena_strdup(f->a, f->tags.s) : NULL;
	if (en->link != NULL) {
		p = node_pos(en->link_el);
		textb_begin(&f->tb);
		textb_span(&f->tb, 0, NULL);
		textb_map(&f->tb, &p);
		textb_put(&f->tb, en->host[0] != '\0' ? en->host : en->link);
		e->sources = arena_alloc(f->a, sizeof(*e->sources));
		e->sources[0].text = *textb_take(&f->tb, f->a, f->m->lang, &p);
		e->sources[0].href = en->link;
		e->nsource = 1;
	}
}

/* A new entry of kind, the nth, at el. */
static void
entry_begin(struct feed *f, struct entry *en, const xmlNode *el,
    const char *kind, size_t nth)
{
	memset(en, 0, sizeof(*en));
	en->el = el;
	en->kind = kind;
	en->nth = nth;
	f->npara = 0;
	f->tags.len = 0;
	buf_add(&f->tags, "", 0);
}

/* The id of an entry from el's text, or NULL. */
static const char *
id_of(struct feed *f, const xmlNode *el)
{
	struct tl_pos p;
	int exact;
	const char *v;

	if (el == NULL || *(v = value(f, el, &p, &exact)) == '\0')
		return NULL;
	return arena_strdup(f->a, v);
}

/* No date: a warning naming the entry and what it lacks; it is left out. */
static void
undated(struct feed *f, const struct entry *en, const char *expect)
{
	struct tl_pos p = node_pos(en->el);
	char name[200];

	say(f, DIAG_WARNING, &p, "%s has no date (%s): left out",
	    entry_name(en, name, sizeof(name)), expect);
}

/*
 * The document's title or subtitle t, read from el of feed_el (NULL:
 * none), checked as a timeline's: the title must be there (expect says
 * where; NULL: the subtitle), and the PDF's Title or Subject (key) is at
 * most INFO_MAX bytes.
 */
static struct tl_text *
doc_text(struct feed *f, const xmlNode *feed_el, const xmlNode *el,
    struct tl_text *t, const char *key, const char *expect)
{
	struct tl_pos p = node_pos(el != NULL ? el : feed_el);
	char name[64];

	if (t == NULL && expect != NULL && !f->named)
		say(f, DIAG_ERROR, &p, "<%s> needs a title: expected %s",
		    qname(feed_el, name, sizeof(name)), expect);
	else if (t != NULL && t->len > INFO_MAX)
		say(f, DIAG_ERROR, &p, "<%s>: %zu bytes for the PDF's %s: at "
		    "most %d", qname(el, name, sizeof(name)), t->len, key,
		    INFO_MAX);
	return t;
}

/* ------------------------------------------------------------------ */
/* Atom 1.0 */

static void
atom_entry(struct feed *f, const xmlNode *el, size_t nth, const char *lang)
{
	const xmlNode *t, *date, *text, *c;
	const char *l = lang_of(el), *rel;
	struct entry en;

	lang = l != NULL ? arena_strdup(f->a, l) : lang;
	entry_begin(f, &en, el, "entry", nth);
	t = child(el, NS_ATOM, "title");
	en.title = title_of(f, t, t != NULL ? atom_type(t) : CT_TEXT, lang);
	if ((date = child(el, NS_ATOM, "published")) == NULL &&
	    (date = child(el, NS_ATOM, "updated")) == NULL) {
		undated(f, &en, "<published> or <updated>");
		return;
	}
	if (date_iso(f, date, date, &en.when, NULL) != 0)
		return;
	if ((text = child(el, NS_ATOM, "summary")) == NULL ||
	    atom_type(text) == CT_NONE)
		text = child(el, NS_ATOM, "content");
	if (text != NULL && atom_type(text) != CT_NONE)
		paras_of(f, text, atom_type(text), lang, 0);
	for (c = el->children; c != NULL; c = c->next) {
		if (is_el(c, NS_ATOM, "link") && ((rel = attr(c, "rel")) ==
		    NULL || strcmp(rel, "alternate") == 0))
			entry_link(f, &en, c, attr(c, "href"));
		else if (is_el(c, NS_ATOM, "category") && attr(c, "term"))
			tag_add(f, attr(c, "term"));
	}
	en.id = id_of(f, child(el, NS_ATOM, "id"));
	entry_add(f, &en);
}

static void
atom_feed(struct feed *f, const xmlNode *root)
{
	const xmlNode *t = child(root, NS_ATOM, "title"), *c;
	const char *l = lang_of(root);
	size_t nth = 0;

	if (l != NULL)
		f->m->lang = arena_strdup(f->a, l);
	f->m->title = doc_text(f, root, t, title_of(f, t, t != NULL ?
	    atom_type(t) : CT_TEXT, f->m->lang), "Title", "<title>");
	t = child(root, NS_ATOM, "subtitle");
	f->m->subtitle = doc_text(f, root, t, title_of(f, t, t != NULL ?
	    atom_type(t) : CT_TEXT, f->m->lang), "Subject", NULL);
	for (c = root->children; c != NULL; c = c->next)
		if (is_el(c, NS_ATOM, "entry"))
			atom_entry(f, c, ++nth, f->m->lang);
}

/* ------------------------------------------------------------------ */
/* RSS 2.0 */

static void
rss_item(struct feed *f, const xmlNode *el, size_t nth)
{
	const xmlNode *date, *text, *c, *guid = child(el, NULL, "guid");
	const char *perma, *lang = f->m->lang;
	struct tl_pos p;
	struct entry en;
	int exact;

	entry_begin(f, &en, el, "item", nth);
	en.title = title_of(f, child(el, NULL, "title"), CT_TEXT, lang);
	if ((date = child(el, NULL, "pubDate")) == NULL &&
	    (date = child(el, NS_DC, "date")) == NULL) {
		undated(f, &en, "<pubDate> or <dc:date>");
		return;
	}
	if ((date->ns == NULL ? date_822(f, date, &en.when) :
	    date_iso(f, date, date, &en.when, NULL)) != 0)
		return;
	if ((text = child(el, NULL, "description")) == NULL)
		text = child(el, NS_CONTENT, "encoded");
	if (text != NULL)
		paras_of(f, text, CT_HTML, lang, 0);
	for (c = el->children; c != NULL; c = c->next)
		if (is_el(c, NULL, "link"))
			entry_link(f, &en, c, value(f, c, &p, &exact));
		else if (is_el(c, NULL, "category"))
			tag_add(f, value(f, c, &p, &exact));
	/* a guid is the item's page unless it says it is not */
	if (en.link == NULL && guid != NULL && ((perma = attr(guid,
	    "isPermaLink")) == NULL || strcmp(perma, "false") != 0))
		entry_link(f, &en, guid, value(f, guid, &p, &exact));
	en.id = id_of(f, guid);
	entry_add(f, &en);
}

static void
rss_feed(struct feed *f, const xmlNode *root)
{
	const xmlNode *ch = child(root, NULL, "channel"), *t, *c;
	const char *v = attr(root, "version"), *l;
	struct tl_pos p = node_pos(root);
	size_t nth = 0;
	int exact;

	if (v == NULL || (strcmp(v, "2.0") != 0 && strcmp(v, "0.91") != 0 &&
	    strcmp(v, "0.92") != 0))
		say(f, DIAG_WARNING, &p, "<rss> version \"%s\": read as RSS "
		    "2.0", v != NULL ? v : "");
	if (ch == NULL) {
		say(f, DIAG_ERROR, &p, "<rss> needs a <channel>");
		return;
	}
	if ((t = child(ch, NULL, "language")) != NULL &&
	    *(l = value(f, t, &p, &exact)) != '\0')
		f->m->lang = arena_strdup(f->a, l);
	t = child(ch, NULL, "title");
	f->m->title = doc_text(f, ch, t, title_of(f, t, CT_TEXT, f->m->lang),
	    "Title", "<title>");
	t = child(ch, NULL, "description");
	f->m->subtitle = doc_text(f, ch, t, title_of(f, t, CT_HTML,
	    f->m->lang), "Subject", NULL);
	for (c = ch->children; c != NULL; c = c->next)
		if (is_el(c, NULL, "item"))
			rss_item(f, c, ++nth);
}

/* ------------------------------------------------------------------ */
/* xCal */

/* The value element of property prop: the first of type, or any. */
static const xmlNode *
xc_value(const xmlNode *prop, const char *type)
{
	const xmlNode *c;

	for (c = prop != NULL ? prop->children : NULL; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE && c->ns != NULL &&
		    strcmp((const char *)c->ns->href, NS_XCAL) == 0 &&
		    strcmp((const char *)c->name, "parameters") != 0 &&
		    (type == NULL || strcmp((const char *)c->name, type) == 0))
			return c;
	return NULL;
}

/* A calendar's text property (name, x-wr-calname ...) as a title. */
static struct tl_text *
xc_title(struct feed *f, const xmlNode *props, const char *a, const char *b,
    const xmlNode **el)
{
	const xmlNode *p = child(props, NS_XCAL, a);

	if (p == NULL)
		p = child(props, NS_XCAL, b);
	*el = p;
	return p != NULL ? title_of(f, xc_value(p, NULL), CT_TEXT,
	    f->m->lang) : NULL;
}

/* The zone TZID names (el: its text), loaded once; NULL reported. */
static const struct tz *
xc_zone(struct feed *f, const xmlNode *el)
{
	struct tl_pos p;
	const char *name;
	char why[256];
	size_t k;
	int exact;

	name = value(f, el, &p, &exact);
	if (*name == '/')	/* RFC 5545: a globally unique name */
		name++;
	for (k = 0; k < f->nzones; k++)
		if (strcmp(f->zones[k].name, name) == 0)
			break;
	if (k == f->nzones) {
		f->zones = xrealloc(f->zones, (k + 1) * sizeof(*f->zones));
		f->zones[k].name = arena_strdup(f->a, name);
		f->zones[k].z = tz_load(f->a, name, why, sizeof(why));
		f->nzones++;
		if (f->zones[k].z == NULL)
			say(f, DIAG_ERROR, &p, "unknown time zone in TZID: "
			    "\"%s\": %s; VTIMEZONE definitions are not read",
			    name, why);
	}
	return f->zones[k].z;
}

/*
 * The DATE or DATE-TIME of property prop (DTSTART, DTEND) into w; *date
 * 1 for a DATE.  0, or -1 reported.
 */
static int
xc_when(struct feed *f, const xmlNode *prop, struct when *w, int *date)
{
	const xmlNode *v, *tzid = child(child(prop, NS_XCAL, "parameters"),
	    NS_XCAL, "tzid");
	const struct tz *z = f->m->zone;	/* floating: the document's */
	struct tl_pos p;
	char err[160];
	const char *s;
	int exact, col;

	if ((v = xc_value(prop, "date")) != NULL) {
		*date = 1;
		s = value(f, v, &p, &exact);
		if (strlen(s) == 8 && strspn(s, "0123456789") == 8) {
			snprintf(err, sizeof(err), "expected YYYY-MM-DD "
			    "(iCalendar's %s is xCal's %.4s-%.2s-%.2s)", s, s,
			    s + 4, s + 6);
			bad_date(f, prop, &p, exact, s, 1, err);
			return -1;
		}
		if (when_parse(s, w, err, sizeof(err), &col) != 0) {
			bad_date(f, prop, &p, exact, s, col, err);
			return -1;
		}
		if (w->interval || w->a.prec != WHEN_DAY || w->a.qual != 0 ||
		    w->a.time) {
			bad_date(f, prop, &p, exact, s, 1, "expected "
			    "YYYY-MM-DD");
			return -1;
		}
		return 0;
	}
	*date = 0;
	if ((v = xc_value(prop, "date-time")) == NULL) {
		p = node_pos(prop);
		say(f, DIAG_ERROR, &p, "<%s> needs a <date> or a <date-time>",
		    qname(prop, err, sizeof(err)));
		return -1;
	}
	if (tzid != NULL && (tzid = xc_value(tzid, "text")) != NULL &&
	    (z = xc_zone(f, tzid)) == NULL)
		return -1;
	return date_iso(f, v, prop, w, z);
}

/* Seconds since 1970 of a point with a time (in its own offset). */
static long long
xc_instant(const struct when_point *p)
{
	return tz_days(p->year, p->month, p->day) * 86400 + p->hour * 3600L +
	    p->min * 60L + p->sec - p->offset;
}

/*
 * The event's dates: from DTSTART to DTEND or for DURATION.  A DATE
 * event's end is the day after its last (RFC 5545, 3.6.1): 31 December
 * to 4 January is 2026-12-31/2027-01-03.
 */
static int
xc_span(struct feed *f, const xmlNode *props, const xmlNode *start,
    struct when *w)
{
	const xmlNode *end = child(props, NS_XCAL, "dtend"), *dur;
	struct when e;
	struct tl_pos p;
	char err[160];
	long days = 0, secs = 0;
	long long d0, d1, t;
	int date, edate, col, exact;
	const char *s;

	if (xc_when(f, start, w, &date) != 0)
		return -1;
	memset(&e, 0, sizeof(e));
	if (end != NULL) {
		if (xc_when(f, end, &e, &edate) != 0)
			return -1;
		p = node_pos(end);
		if (edate != date) {
			say(f, DIAG_ERROR, &p, "<dtend> is a %s, <dtstart> a "
			    "%s: both must be the same", edate ? "DATE" :
			    "DATE-TIME", date ? "DATE" : "DATE-TIME");
			return -1;
		}
	} else if ((dur = child(props, NS_XCAL, "duration")) != NULL &&
	    (dur = xc_value(dur, "duration")) != NULL) {
		s = value(f, dur, &p, &exact);
		if (stamp_duration(s, &days, &secs, err, sizeof(err), &col) !=
		    0 || (date && secs != 0 ? (snprintf(err, sizeof(err), "an "
		    "event of whole days lasts whole days"), col = 1, 1) : 0)) {
			p = value_at(p, exact, s, col);
			say(f, DIAG_ERROR, &p, "bad duration in <duration>: "
			    "\"%s\": %s", s, err);
			return -1;
		}
		edate = date;
		p = node_pos(dur);
		if (date) {
			e = *w;
			tz_date(tz_days(w->a.year, w->a.month, w->a.day) + days,
			    &e.a.year, &e.a.month, &e.a.day);
		} else if (when_at(f, xc_instant(&w->a) + days * 86400L + secs,
		    &e, err, sizeof(err)) != 0)
			e.a.year = 10000;
	} else
		return 0;			/* one day, or one instant */
	if (e.a.year > 9999) {
		say(f, DIAG_ERROR, &p, "the event ends after the year 9999");
		return -1;
	}
	if (date) {
		d0 = tz_days(w->a.year, w->a.month, w->a.day);
		d1 = tz_days(e.a.year, e.a.month, e.a.day) - 1;
		if (d1 < d0) {
			say(f, DIAG_ERROR, &p, "the event ends before it "
			    "starts: a DATE end is the day after its last");
			return -1;
		}
		if (d1 == d0)
			return 0;
		w->b = w->a;
		tz_date(d1, &w->b.year, &w->b.month, &w->b.day);
	} else {
		t = xc_instant(&e.a) - xc_instant(&w->a);
		if (t < 0) {
			say(f, DIAG_ERROR, &p, "the event ends before it "
			    "starts");
			return -1;
		}
		if (t == 0)
			return 0;
		w->b = e.a;
	}
	w->interval = 1;
	/* the keys of the interval; both ends are in the zone already */
	return when_zone(w, f->m->zone, err, sizeof(err), &col);
}

static void
xc_event(struct feed *f, const xmlNode *el, size_t nth)
{
	const xmlNode *props = child(el, NS_XCAL, "properties"), *start, *c,
	    *v, *r;
	const char *lang = f->m->lang;
	struct tl_pos p;
	struct entry en;
	char name[200];
	int exact;

	entry_begin(f, &en, el, "vevent", nth);
	en.title = title_of(f, xc_value(child(props, NS_XCAL, "summary"),
	    "text"), CT_TEXT, lang);
	if ((start = child(props, NS_XCAL, "dtstart")) == NULL) {
		undated(f, &en, "<dtstart>");
		return;
	}
	if (xc_span(f, props, start, &en.when) != 0)
		return;
	if ((r = child(props, NS_XCAL, "rrule")) != NULL ||
	    (r = child(props, NS_XCAL, "rdate")) != NULL) {
		p = node_pos(r);
		say(f, DIAG_WARNING, &p, "%s repeats: repeats are not "
		    "expanded, its first occurrence (<dtstart>) is listed",
		    entry_name(&en, name, sizeof(name)));
	}
	if ((v = xc_value(child(props, NS_XCAL, "description"), "text")) !=
	    NULL)
		paras_of(f, v, CT_TEXT, lang, 1);
	if ((v = xc_value(child(props, NS_XCAL, "url"), "uri")) != NULL)
		entry_link(f, &en, v, value(f, v, &p, &exact));
	for (c = props != NULL ? props->children : NULL; c != NULL;
	    c = c->next)
		if (is_el(c, NS_XCAL, "categories"))
			for (v = c->children; v != NULL; v = v->next)
				if (is_el(v, NS_XCAL, "text"))
					tag_add(f, value(f, v, &p, &exact));
	en.id = id_of(f, xc_value(child(props, NS_XCAL, "uid"), "text"));
	entry_add(f, &en);
}

static void
xc_feed(struct feed *f, const xmlNode *root)
{
	const xmlNode *cal, *props, *c, *t = NULL;
	struct tl_text *title = NULL;
	struct tl_pos p;
	size_t nth = 0;
	int ncal = 0;

	for (cal = root->children; cal != NULL; cal = cal->next) {
		if (!is_el(cal, NS_XCAL, "vcalendar"))
			continue;
		props = child(cal, NS_XCAL, "properties");
		if (ncal++ == 0) {
			title = xc_title(f, props, "name", "x-wr-calname", &t);
			f->m->title = doc_text(f, cal, t, title, "Title",
			    "<name> or <x-wr-calname> in its <properties>");
			title = xc_title(f, props, "description",
			    "x-wr-caldesc", &t);
			f->m->subtitle = doc_text(f, cal, t, title, "Subject",
			    NULL);
		}
		for (c = child(child(cal, NS_XCAL, "components"), NS_XCAL,
		    "vevent"); c != NULL; c = c->next)
			if (is_el(c, NS_XCAL, "vevent"))
				xc_event(f, c, ++nth);
	}
	if (ncal == 0) {
		p = node_pos(root);
		say(f, DIAG_ERROR, &p, "<icalendar> needs a <vcalendar>");
	}
}

/* ------------------------------------------------------------------ */

enum feed_kind
feed_kind(const xmlNode *root)
{
	if (is_el(root, NS_ATOM, "feed"))
		return FEED_ATOM;
	if (is_el(root, NULL, "rss"))
		return FEED_RSS;
	if (is_el(root, NS_XCAL, "icalendar"))
		return FEED_XCAL;
	return FEED_NONE;
}

void
feed_read(struct tl_model *m, struct arena *a, struct diag *d,
    const xmlNode *root, struct tl_event **events, size_t *n, size_t *cap,
    int named)
{
	struct feed f;

	memset(&f, 0, sizeof(f));
	f.named = named;
	f.events = *events;
	f.nevents = *n;
	f.capevents = *cap;
	f.m = m;
	f.a = a;
	f.d = d;
	switch (feed_kind(root)) {
	case FEED_ATOM:
		atom_feed(&f, root);
		break;
	case FEED_RSS:
		rss_feed(&f, root);
		break;
	case FEED_XCAL:
		xc_feed(&f, root);
		break;
	default:
		break;
	}
	*events = f.events;
	*n = f.nevents;
	*cap = f.capevents;
	textb_free(&f.tb);
	buf_free(&f.val);
	buf_free(&f.href);
	buf_free(&f.tags);
	free(f.paras);
	free(f.zones);
}
