/*
 * xmlsafe.c - safe libxml2 parsing with source positions, and RELAX NG
 * validation with those positions; HTML read from a feed's text.  Used
 * through xmlsafe.h by reader.c (timelines), feed.c (feeds) and style.c
 * (styles) only; with them, the only files that include libxml2.
 *
 * Before libxml2 sees a text, it must be more than white space and be
 * UTF-8.  libxml2 then reads it from memory with no network and no DTD
 * loading; any entity declaration stops the parse and the external
 * entity loader refuses everything, so neither external entities nor
 * entity bombs are possible.  Of libxml2's errors the first
 * is reported.  Tree nodes keep only a line, so SAX hooks record the
 * byte offset of each element (its '<') and of each text node in
 * node->_private, as offset + 1 (NULL: unknown); messages then give
 * columns, and RELAX NG messages are placed by them too.
 *
 * What differs between the two callers (codes and words, where some
 * problems are placed) is in struct xmlsafe_how.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <libxml/SAX2.h>
#include <libxml/tree.h>

#include "base/base.h"
#include "xmlsafe.h"

#define XMLSAFE_RNG_MAX	20		/* schema messages worth reading */

/* ------------------------------------------------------------------ */
/* Positions */

void
xmlsafe_init(struct xmlsafe *xs, struct diag *d, const char *file,
    const char *buf, size_t len, const size_t *lines, size_t nlines,
    const struct xmlsafe_how *how)
{
	memset(xs, 0, sizeof(*xs));
	xs->d = d;
	xs->file = file;
	xs->buf = buf;
	xs->len = len;
	xs->lines = lines;
	xs->nlines = nlines;
	xs->how = how;
}

size_t
xmlsafe_lines(const char *buf, size_t len, size_t *lines)
{
	size_t n = 0;

	if (lines != NULL)
		lines[n] = 0;
	n++;
	const char *q, *e = buf + len;

	for (q = buf; (q = memchr(q, '\n', (size_t)(e - q))) != NULL; ) {
		q++;
		if (lines != NULL)
			lines[n] = (size_t)(q - buf);
		n++;
	}
	return n;
}

void
xmlsafe_linecol(const char *buf, size_t len, const size_t *lines,
    size_t nlines, size_t off, int *line, int *col)
{
	size_t lo = 0, hi = nlines, i;
	int c = 1;

	while (hi - lo > 1) {			/* last line start <= off */
		size_t mid = (lo + hi) / 2;

		if (lines[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	for (i = lines[lo]; i < off && i < len; i++)
		if (((unsigned char)buf[i] & 0xC0) != 0x80)
			c++;
	*line = (int)lo + 1;
	*col = c;
}

const char *
xmlsafe_attr_value(const xmlNode *n, const char *name)
{
	const xmlAttr *a;

	for (a = n->properties; a != NULL; a = a->next)
		if (a->ns == NULL && strcmp((const char *)a->name, name) == 0)
			return a->children != NULL && a->children->content !=
			    NULL ? (const char *)a->children->content : "";
	return NULL;
}

int
xmlsafe_node_off(const xmlNode *n, size_t *off)
{
	for (; n != NULL && n->type != XML_DOCUMENT_NODE; n = n->parent)
		if (n->_private != NULL) {
			*off = (size_t)(uintptr_t)n->_private - 1;
			return 1;
		}
	return 0;
}

int
xmlsafe_attr(const char *buf, size_t len, size_t off, const char *name,
    size_t *name_off, size_t *val_off)
{
	const char *b = buf, *e = b + len, *p = b + off, *q;
	size_t nl = strlen(name);

	if (p < e && *p == '<')
		p++;
	for (; p < e && *p != '>'; p++) {
		if (*p == '"' || *p == '\'') {		/* skip values */
			char qc = *p++;

			while (p < e && *p != qc)
				p++;
			continue;
		}
		if ((size_t)(e - p) < nl || strncmp(p, name, nl) != 0 ||
		    strchr(" \t\r\n", p[-1]) == NULL)
			continue;
		for (q = p + nl; q < e && *q != '\0' &&
		    strchr(" \t\r\n", *q) != NULL; q++)
			continue;
		if (q >= e || *q != '=')
			continue;
		for (q++; q < e && *q != '"' && *q != '\''; q++)
			continue;
		if (q >= e)
			break;
		*name_off = (size_t)(p - b);
		*val_off = (size_t)(q + 1 - b);
		return 1;
	}
	*name_off = *val_off = off;
	return 0;
}

static void	xmlsafe_report_off(struct xmlsafe *, enum diag_code, size_t,
		    const char *, ...) __attribute__((format(printf, 4, 5)));

/*
 * A problem at byte off, counted as an error.  The message is cut at
 * 1023 bytes, as the style loader always did.
 */
static void
xmlsafe_report_off(struct xmlsafe *xs, enum diag_code code, size_t off,
    const char *fmt, ...)
{
	char msg[1024];
	int line = 0, col = 0;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* a column costs the length of its line: only for what is shown */
	if (!diag_full(xs->d, code))
		xmlsafe_linecol(xs->buf, xs->len, xs->lines, xs->nlines, off,
		    &line, &col);
	diag_emit(xs->d, code, xs->file, line, col, "%s", msg);
	xs->errors++;
}

/* libxml2's words, trimmed; with lower, a lower-case first letter. */
static void
xmlsafe_words(char *msg, size_t sz, const char *m, int lower)
{
	size_t n;

	snprintf(msg, sz, "%s", m != NULL ? m : "");
	n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	if (lower && n > 1 && msg[0] >= 'A' && msg[0] <= 'Z' &&
	    msg[1] >= 'a' && msg[1] <= 'z')
		msg[0] = (char)(msg[0] - 'A' + 'a');
}

/* ------------------------------------------------------------------ */
/* Checks before libxml2 */

/* The first byte that is not part of a UTF-8 character, or len. */
static size_t
xmlsafe_utf8(const unsigned char *s, size_t len)
{
	size_t i = 0, n, k;
	uint32_t cp;

	while (i < len) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		/* the Thai block, U+0E00-0E7F: most of a Thai text */
		if (s[i] == 0xE0 && i + 2 < len && (s[i + 1] == 0xB8 ||
		    s[i + 1] == 0xB9) && (s[i + 2] & 0xC0) == 0x80) {
			i += 3;
			continue;
		}
		if (s[i] >= 0xC2 && s[i] <= 0xDF)
			n = 1, cp = s[i] & 0x1F;
		else if (s[i] >= 0xE0 && s[i] <= 0xEF)
			n = 2, cp = s[i] & 0x0F;
		else if (s[i] >= 0xF0 && s[i] <= 0xF4)
			n = 3, cp = s[i] & 0x07;
		else
			return i;
		for (k = 1; k <= n; k++) {
			if (i + k >= len || (s[i + k] & 0xC0) != 0x80)
				return i;
			cp = cp << 6 | (s[i + k] & 0x3F);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return i;
		i += n + 1;
	}
	return len;
}

static void
xmlsafe_empty(struct xmlsafe *xs)
{
	const char *detail = xs->how->empty_detail;

	diag_emit(xs->d, xs->how->empty, xs->file, 1, 1,
	    detail != NULL ? "%s" : NULL, detail);
	xs->errors++;
}

/* ------------------------------------------------------------------ */
/* SAX hooks */

/*
 * Byte offset of the parser in the text: the input is UTF-8 and read
 * from memory as is, so this is what xmlByteConsumed computes, without
 * its encoder checks (it was 8% of a large run).
 */
static long
xmlsafe_consumed(xmlParserCtxtPtr c)
{
	xmlParserInputPtr in = c->input;

	if (in == NULL || in->cur == NULL || in->base == NULL)
		return -1;
	return (long)in->consumed + (long)(in->cur - in->base);
}

static void
xmlsafe_quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

/*
 * libxml2's own limits (without XML_PARSE_HUGE, which the reader never
 * sets), in the words of briefing(1), LIMITS; NULL for other errors.
 */
static const char *
xmlsafe_limit(const xmlError *e)
{
	const char *m = e->message != NULL ? e->message : "";

	if (e->code == XML_ERR_INTERNAL_ERROR && strstr(m, "depth") != NULL)
		return "elements nested more than 256 deep";
	if (strstr(m, "huge text node") != NULL ||
	    strstr(m, "text content too long") != NULL)
		return "a text of more than 10,000,000 bytes";
	if (strstr(m, "attValue length too long") != NULL ||
	    strstr(m, "AttValue length too long") != NULL)
		return "an attribute value of more than 10,000,000 bytes";
	if (strstr(m, "Name too long") != NULL ||
	    e->code == XML_ERR_NAME_TOO_LONG)
		return "a name of more than 50,000 bytes";
	if (strstr(m, "XML_PARSE_HUGE") != NULL ||
	    strstr(m, "Huge input lookup") != NULL)
		return "a tag or a value of more than 10,000,000 bytes";
	return NULL;
}

static void
xmlsafe_on_error(void *ctx, xmlErrorPtr e)
{
	struct xmlsafe *xs = ((xmlParserCtxtPtr)ctx)->_private;
	const struct xmlsafe_how *h = xs->how;
	const char *limit;
	char msg[512];

	if (e->level == XML_ERR_WARNING) {
		if (!h->warnings)
			return;
		xmlsafe_words(msg, sizeof(msg), e->message, 0);
		diag_emit_sev(xs->d, DIAG_WARNING, h->syntax, xs->file,
		    e->line, e->int2, "%s%s", h->syntax_prefix, msg);
		return;
	}
	/* a limit first: libxml2 says some as if it were out of memory */
	if ((limit = xmlsafe_limit(e)) != NULL) {
		xs->limited = 1;
		if (xs->reported++ || xs->refused)
			return;
		diag_emit(xs->d, DIAG_LIMIT, xs->file, e->line, e->int2, "%s",
		    limit);
		xs->errors++;
		return;
	}
	if (e->code == XML_ERR_NO_MEMORY || xs->oom || (!xs->limited &&
	    ((xmlParserCtxtPtr)ctx)->errNo == XML_ERR_NO_MEMORY)) {
		xs->oom = 1;	/* said once the parser is freed; what */
		return;		/* follows is its consequence */
	}
	if (xs->reported++ || xs->refused)
		return;
	xmlsafe_words(msg, sizeof(msg), e->message, 1);
	diag_emit(xs->d, h->syntax, xs->file, e->line, e->int2, "%s%s",
	    h->syntax_prefix, msg);
	xs->errors++;
}

/*
 * Report a refused entity declaration: at its "<!ENTITY" (found back from
 * the parser's point) or where libxml2 is.
 */
static void
xmlsafe_refuse(struct xmlsafe *xs, xmlParserCtxtPtr c, const char *fmt,
    const char *name)
{
	long off;

	if (!xs->how->entity_at_decl) {
		diag_emit(xs->d, xs->how->entity, xs->file,
		    xmlSAX2GetLineNumber(c), xmlSAX2GetColumnNumber(c), fmt,
		    name);
		xs->errors++;
		return;
	}
	off = xmlsafe_consumed(c);
	if (off < 0 || (size_t)off > xs->len)
		off = (long)xs->len;
	while (off > 0 && ((size_t)off + 8 > xs->len ||
	    memcmp(xs->buf + off, "<!ENTITY", 8) != 0))
		off--;
	xmlsafe_report_off(xs, xs->how->entity, (size_t)off, fmt, name);
}

/* Any entity declaration ends the parse: neither format has a use for it. */
static void
xmlsafe_on_entity_decl(void *ctx, const xmlChar *name, int type,
    const xmlChar *publicId, const xmlChar *systemId, xmlChar *content)
{
	xmlParserCtxtPtr c = ctx;
	struct xmlsafe *xs = c->_private;

	(void)type; (void)publicId; (void)content;
	if (!xs->refused++)
		xmlsafe_refuse(xs, c, systemId != NULL ? "external entity "
		    "\"%s\" is not allowed; entity declarations are not "
		    "supported" : "entity declarations are not supported: "
		    "\"%s\"", (const char *)name);
	xmlStopParser(c);
}

static void
xmlsafe_on_unparsed_entity_decl(void *ctx, const xmlChar *name,
    const xmlChar *publicId, const xmlChar *systemId,
    const xmlChar *notationName)
{
	(void)notationName;
	xmlsafe_on_entity_decl(ctx, name, 0, publicId, systemId, NULL);
}

/* Record where each element starts: the '<' before the current point. */
static void
xmlsafe_on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *URI, int nb_namespaces, const xmlChar **namespaces,
    int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
	xmlParserCtxtPtr c = ctx;
	struct xmlsafe *xs = c->_private;
	long off = xmlsafe_consumed(c);

	xmlSAX2StartElementNs(ctx, localname, prefix, URI, nb_namespaces,
	    namespaces, nb_attributes, nb_defaulted, attributes);
	if (c->node == NULL || off < 0 || (size_t)off > xs->len)
		return;
	if ((size_t)off == xs->len && off > 0)
		off--;
	while (off > 0 && xs->buf[off] != '<')
		off--;
	c->node->_private = (void *)(uintptr_t)(off + 1);
}

/* XMLSAFE_TEXT_AMP: where text ch ending at the parser's point starts. */
static long
xmlsafe_text_amp(const struct xmlsafe *xs, long off, const xmlChar *ch,
    int len)
{
	if (off < 0 || (size_t)off > xs->len)
		return -1;
	off -= len;
	if (off < 0)
		off = 0;
	/* a character or entity reference: back to its '&' */
	if (memcmp(xs->buf + off, ch, (size_t)len) != 0) {
		long p = off + len - 1;

		while (p > 0 && xs->buf[p] != '&' && xs->buf[p] != '>')
			p--;
		if (xs->buf[p] == '&')
			off = p;
	}
	return off;
}

/*
 * XMLSAFE_TEXT_MATCH: on libxml2's fast path ch points into its copy of
 * the input; otherwise try the parser's point, before and after the
 * text, and keep what matches.  -1 when nothing does.
 */
static long
xmlsafe_text_match(const struct xmlsafe *xs, xmlParserCtxtPtr c, long off,
    const xmlChar *ch, int len)
{
	xmlParserInputPtr in = c->input;
	long cand[3];
	int i;

	if (in == NULL)
		return -1;
	cand[0] = in->base != NULL && ch >= in->base && in->end != NULL &&
	    ch + len <= in->end ? (long)in->consumed + (ch - in->base) : -1;
	cand[1] = off;
	cand[2] = cand[1] - len;
	for (i = 0; i < 3; i++)
		if (cand[i] >= 0 && (size_t)cand[i] + (size_t)len <= xs->len &&
		    memcmp(xs->buf + cand[i], ch, (size_t)len) == 0)
			return cand[i];
	return -1;
}

/* Record where each text node starts. */
static void
xmlsafe_on_chars(void *ctx, const xmlChar *ch, int len)
{
	xmlParserCtxtPtr c = ctx;
	struct xmlsafe *xs = c->_private;
	xmlNodePtr parent = c->node, last;
	long off = xmlsafe_consumed(c);
	int fresh;

	last = parent != NULL ? parent->last : NULL;
	fresh = last == NULL || last->type != XML_TEXT_NODE;
	xmlSAX2Characters(ctx, ch, len);
	if (!fresh || parent == NULL || parent->last == NULL ||
	    parent->last->type != XML_TEXT_NODE)
		return;
	if (xs->how->text == XMLSAFE_TEXT_AMP)
		off = xmlsafe_text_amp(xs, off, ch, len);
	else
		off = xmlsafe_text_match(xs, c, off, ch, len);
	if (off >= 0)
		parent->last->_private = (void *)(uintptr_t)(off + 1);
}

/* The end of an element: a child of the root's to the caller's hook. */
static void
xmlsafe_on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *URI)
{
	xmlParserCtxtPtr c = ctx;
	struct xmlsafe *xs = c->_private;
	xmlNodePtr n = c->node;

	xmlSAX2EndElementNs(ctx, localname, prefix, URI);
	if (xs->child_end != NULL && n != NULL && n->parent != NULL &&
	    n->parent->parent == (xmlNodePtr)c->myDoc && c->wellFormed &&
	    !c->disableSAX && !xs->refused && !xs->reported)
		xs->child_end(xs->child_arg, n);
}

static xmlParserInputPtr
xmlsafe_refuse_entity(void *ctx, const xmlChar *public_id,
    const xmlChar *system_id)
{
	(void)ctx; (void)public_id; (void)system_id;
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Parsing */

/*
 * The input, handed to libxml2 a piece at a time: from memory it would
 * copy the whole of it into a buffer of its own first, twice its size
 * at worst; read through these it keeps only the part it parses.
 */
struct xmlsafe_in {
	const char	*p;
	size_t		 left;
};

static int
xmlsafe_in_read(void *ctx, char *buf, int len)
{
	struct xmlsafe_in *in = ctx;
	size_t n = len > 0 && (size_t)len < in->left ? (size_t)len : in->left;

	if (len <= 0)
		return 0;
	memcpy(buf, in->p, n);
	in->p += n;
	in->left -= n;
	return (int)n;
}

static int
xmlsafe_in_close(void *ctx)
{
	(void)ctx;
	return 0;
}

/*
 * libxml2 sets its global state up on first use, which two threads must
 * not do at once: once, before any parse.
 */
static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

static void
xmlsafe_init_library(void)
{
	xmlInitParser();
}

xmlDocPtr
xmlsafe_parse(struct xmlsafe *xs)
{
	const struct xmlsafe_how *h = xs->how;
	struct xmlsafe_in in;
	xmlGenericErrorFunc gfn;
	void *gctx;
	xmlParserCtxtPtr c;
	xmlDocPtr doc;
	size_t bad, i;

	pthread_once(&xml_once, xmlsafe_init_library);
	xs->errors = xs->reported = xs->refused = xs->oom = xs->limited = 0;
	for (i = 0; i < xs->len; i++)
		if (xs->buf[i] == '\0' || strchr(" \t\r\n", xs->buf[i]) == NULL)
			break;
	if (i == xs->len) {
		xmlsafe_empty(xs);
		return NULL;
	}
	bad = xmlsafe_utf8((const unsigned char *)xs->buf, xs->len);
	if (bad < xs->len) {
		xmlsafe_report_off(xs, h->encoding, bad, "%sbyte 0x%02X is not "
		    "part of a UTF-8 character", h->encoding_prefix,
		    (unsigned char)xs->buf[bad]);
		return NULL;
	}
	if ((c = xmlNewParserCtxt()) == NULL)
		tl_oom();
	c->_private = xs;
	/* nothing is loaded from outside: no external entity, no DTD */
	c->sax->resolveEntity = xmlsafe_refuse_entity;
	c->sax->externalSubset = NULL;
	c->sax->serror = xmlsafe_on_error;
	c->sax->entityDecl = xmlsafe_on_entity_decl;
	c->sax->unparsedEntityDecl = xmlsafe_on_unparsed_entity_decl;
	c->sax->startElementNs = xmlsafe_on_start;
	c->sax->endElementNs = xmlsafe_on_end;
	c->sax->characters = xmlsafe_on_chars;
	c->sax->ignorableWhitespace = xmlsafe_on_chars;
	c->sax->cdataBlock = NULL;	/* CDATA becomes plain text */
	/* libxml2's unstructured messages (it prints them to standard
	 * error otherwise); what they say comes through serror too */
	c->sax->error = c->sax->warning = c->sax->fatalError = xmlsafe_quiet;
	/* XInclude is the reader's: libxml2 leaves no marker nodes */
	/*
	 * UTF-8, whatever the declaration says (checked above).  Named as
	 * "UTF-8", libxml2 would pass the whole input through its UTF-8 to
	 * UTF-8 converter into a second buffer; with no name and the
	 * declaration ignored, it reads UTF-8 as it is.
	 */
	in.p = xs->buf;
	in.left = xs->len;
	/*
	 * Some of libxml2's messages (out of memory in its input layer) go
	 * to its generic handler, which prints them: quiet while parsing.
	 * The handler is the thread's own, and put back after.
	 */
	gfn = xmlGenericError;
	gctx = xmlGenericErrorContext;
	xmlSetGenericErrorFunc(NULL, xmlsafe_quiet);
	doc = xmlCtxtReadIO(c, xmlsafe_in_read, xmlsafe_in_close, &in,
	    xs->file, NULL, XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOXINCNODE |
	    XML_PARSE_IGNORE_ENC);
	xmlSetGenericErrorFunc(gctx, gfn);
	if (xs->oom || (c->errNo == XML_ERR_NO_MEMORY && !xs->limited)) {
		xmlFreeDoc(doc);
		xmlFreeParserCtxt(c);
		tl_oom();
	}
	if (doc != NULL && (xs->refused || xs->reported || !c->wellFormed)) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	if (doc == NULL && !xs->reported && !xs->refused) {
		diag_emit(xs->d, h->syntax, xs->file, c->input ?
		    c->input->line : 0, c->input ? c->input->col : 0,
		    h->syntax_detail != NULL ? "%s" : NULL, h->syntax_detail);
		xs->errors++;
	}
	xmlFreeParserCtxt(c);
	if (doc != NULL && xmlDocGetRootElement(doc) == NULL) {
		xmlsafe_empty(xs);
		xmlFreeDoc(doc);
		doc = NULL;
	}
	return doc;
}

/*
 * HTML is read by libxml2's HTML parser as it comes, forgiving as
 * browsers are.  Nothing is fetched (no network, and the HTML parser
 * loads no DTD and knows no entities but HTML's own); its messages are
 * not wanted: the text is someone else's, and what it holds is all that
 * counts.  The document's encoding is UTF-8 whatever a <meta> in it says.
 */
xmlDocPtr
xmlsafe_html(const char *s, size_t len)
{
	htmlParserCtxtPtr c;
	xmlGenericErrorFunc gfn;
	void *gctx;
	xmlDocPtr doc;

	pthread_once(&xml_once, xmlsafe_init_library);
	if (len == 0 || len > INT_MAX)
		return NULL;
	if ((c = htmlNewParserCtxt()) == NULL)
		tl_oom();
	gfn = xmlGenericError;
	gctx = xmlGenericErrorContext;
	xmlSetGenericErrorFunc(NULL, xmlsafe_quiet);
	doc = htmlCtxtReadMemory(c, s, (int)len, NULL, "UTF-8",
	    HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	    HTML_PARSE_IGNORE_ENC);
	xmlSetGenericErrorFunc(gctx, gfn);
	if (c->errNo == XML_ERR_NO_MEMORY) {
		xmlFreeDoc(doc);
		htmlFreeParserCtxt(c);
		tl_oom();
	}
	htmlFreeParserCtxt(c);
	return doc;
}

/* ------------------------------------------------------------------ */
/* RELAX NG */

/* One validation: where its messages go. */
struct xmlsafe_rng {
	const struct xmlsafe *xs;
	void		(*fn)(void *, int, int, const char *);
	void		*arg;
	int		 n;		/* messages seen */
	int		 oom;		/* libxml2 ran out of memory */
};

static void
xmlsafe_on_rng_error(void *ctx, xmlErrorPtr e)
{
	struct xmlsafe_rng *v = ctx;
	const struct xmlsafe *xs = v->xs;
	const xmlNode *node = e->node;
	char msg[512];
	int line = e->line, col = 0;
	size_t off;

	if (e->code == XML_ERR_NO_MEMORY || v->oom) {
		v->oom = 1;
		return;
	}
	if (v->n++ >= XMLSAFE_RNG_MAX)
		return;
	xmlsafe_words(msg, sizeof(msg), e->message, 1);
	if (node != NULL && (xs->how->rng_nearest || node->_private != NULL) &&
	    xmlsafe_node_off(node, &off))
		xmlsafe_linecol(xs->buf, xs->len, xs->lines, xs->nlines, off,
		    &line, &col);
	v->fn(v->arg, line, col, msg);
}

extern const unsigned char tl_schema_rng[], tl_style_rng[];
extern const size_t tl_schema_rng_len, tl_style_rng_len;

/* The compiled-in schemas, compiled once and then only read. */
static struct {
	pthread_once_t	 once;
	const unsigned char *text;
	const size_t	*len;
	xmlRelaxNGPtr	 rng;
} schemas[] = {
	{ PTHREAD_ONCE_INIT, tl_schema_rng, &tl_schema_rng_len, NULL },
	{ PTHREAD_ONCE_INIT, tl_style_rng, &tl_style_rng_len, NULL },
};

static void
compile(int which)
{
	xmlRelaxNGParserCtxtPtr pc;

	pc = xmlRelaxNGNewMemParserCtxt((const char *)schemas[which].text,
	    (int)*schemas[which].len);
	if (pc != NULL) {
		schemas[which].rng = xmlRelaxNGParse(pc);
		xmlRelaxNGFreeParserCtxt(pc);
	}
}

static void compile_timeline(void) { compile(XMLSAFE_TIMELINE); }
static void compile_style(void) { compile(XMLSAFE_STYLE); }

xmlRelaxNGPtr
xmlsafe_schema(enum xmlsafe_schema which)
{
	pthread_once(&schemas[which].once, which == XMLSAFE_TIMELINE ?
	    compile_timeline : compile_style);
	return schemas[which].rng;
}

void
xmlsafe_drop(xmlNodePtr n)
{
	xmlUnlinkNode(n);
	xmlFreeNode(n);
}

int
xmlsafe_validate_drop(const struct xmlsafe *xs, xmlNodePtr n,
    xmlRelaxNGPtr rng, void (*fn)(void *arg, int line, int col,
    const char *words), void *arg)
{
	xmlDocPtr doc;
	int rc;

	if ((doc = xmlNewDoc(BAD_CAST "1.0")) == NULL)
		tl_oom();
	/* the names are in the parser's dictionary: so the new document's */
	if ((doc->dict = n->doc != NULL ? n->doc->dict : NULL) != NULL)
		xmlDictReference(doc->dict);
	xmlUnlinkNode(n);
	xmlDocSetRootElement(doc, n);
	rc = xmlsafe_validate(xs, doc, rng, fn, arg);
	xmlFreeDoc(doc);
	return rc;
}

int
xmlsafe_validate(const struct xmlsafe *xs, xmlDocPtr doc, xmlRelaxNGPtr rng,
    void (*fn)(void *arg, int line, int col, const char *words), void *arg)
{
	struct xmlsafe_rng v = { xs, fn, arg, 0, 0 };
	xmlRelaxNGValidCtxtPtr vc;
	int rc;

	if (rng == NULL) {
		diag_emit(xs->d, DIAG_INTERNAL, NULL, 0, 0, "the built-in "
		    "schema does not compile");
		return -1;
	}
	if ((vc = xmlRelaxNGNewValidCtxt(rng)) == NULL)
		tl_oom();
	xmlRelaxNGSetValidStructuredErrors(vc, xmlsafe_on_rng_error, &v);
	rc = xmlRelaxNGValidateDoc(vc, doc);
	xmlRelaxNGFreeValidCtxt(vc);
	if (v.oom) {
		xmlFreeDoc(doc);	/* the caller's: it never comes back */
		tl_oom();
	}
	if (rc != 0 && v.n == 0)
		fn(arg, 0, 0, "does not match the schema");
	return rc == 0 ? 0 : -1;
}
