/*
 * style.c - load a named style (styles/NAME.xml, compiled in) or a style
 * file into struct style.  The format is described in briefing-style(5)
 * and data/style.rng.  Used by the layout through style.h; internal to
 * libbriefing.  With reader.c and xmlsafe.c, the only files that include
 * libxml2.
 *
 * Steps, each reporting with file:line:col as DIAG_STYLE:
 *
 *  1. Parse with libxml2 through xmlsafe.c, as the reader does: no
 *     network, no DTD loading, any entity declaration stops the parse.
 *     Each element's offset in the source is kept in node->_private, so
 *     messages can give columns (tree nodes keep only a line) and point at
 *     an attribute's name or value in the raw text.
 *  2. Validate against the RELAX NG schema (data/style.rng), keeping its
 *     messages aside.
 *  3. Convert the tree into struct style, checking each element, each
 *     attribute and each value with a message that says what was expected,
 *     then what a schema cannot say: ranges, one font per role, template
 *     fields, a text area left by the margins.
 *
 * The schema has the last word: when step 3 finds nothing but the schema
 * said no, its messages are printed; when step 3 found something, its
 * messages explain the same problems better and the schema's are dropped.
 *
 * Lengths are converted exactly from the decimal text: 3cm is
 * 3 * 72000 * 100 / 254 = 85039.37 [u], rounded half up to 85039.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/relaxng.h>
#include <libxml/tree.h>

#include "base/base.h"
#include "input.h"
#include "xmlsafe.h"

extern const unsigned char tl_style_briefing[];
extern const size_t tl_style_briefing_len;
extern const unsigned char tl_style_official[];
extern const size_t tl_style_official_len;
extern const unsigned char tl_style_letter[];
extern const size_t tl_style_letter_len;

const char *const style_builtin[] = { "briefing", "official", "letter", NULL };

static const struct builtin {
	const char		*name;
	const char		*file;		/* the name in messages */
	const unsigned char	*buf;
	const size_t		*len;
} builtins[] = {
	{ "briefing", "styles/briefing.xml", tl_style_briefing,
	  &tl_style_briefing_len },
	{ "official", "styles/official.xml", tl_style_official,
	  &tl_style_official_len },
	{ "letter", "styles/letter.xml", tl_style_letter, &tl_style_letter_len },
};

#define U_PT		1000		/* [u] per point */
#define LEN_MAX		(200 * 72 * U_PT)	/* 200in: any length */
#define TEXT_MIN	(72 * U_PT)	/* 1in: least text area, each way */

/* Defaults: the briefing style (styles/briefing.xml says the same). */
#define DEFAULT_FAMILIES "Laksaman, Noto Serif Thai, Noto Sans Thai, Garuda"
#define DEFAULT_SIZE	(12 * U_PT)
#define BANNER_RGB	0xC00000	/* red, as stamps are */
#define LINK_RGB	0x1F4E9A	/* dark blue */

/* One message from the schema, kept until step 3 is done. */
struct rngmsg {
	int		 line, col;
	char		*text;		/* (owned) */
};

/* Role names in enum style_role order, as <font role> takes them. */
#define ROLE_NAMES " body bold italic heading event date header small "

/*
 * What a role not given takes from body: size * num / den, and its own
 * weight and slant.  Family and colour are body's; leading keeps body's
 * proportion to the size.
 */
static const struct roledef {
	int		 num, den;
	int		 bold, italic;
} roledefs[ROLE__MAX] = {
	[ROLE_BODY] = { 1, 1, 0, 0 },
	[ROLE_BOLD] = { 1, 1, 1, 0 },
	[ROLE_ITALIC] = { 1, 1, 0, 1 },
	[ROLE_HEADING] = { 3, 2, 1, 0 },
	[ROLE_EVENT] = { 1, 1, 1, 0 },
	[ROLE_DATE] = { 1, 1, 1, 0 },		/* dates are what one scans */
	[ROLE_HEADER] = { 3, 4, 0, 0 },
	[ROLE_SMALL] = { 5, 6, 0, 0 },
	[ROLE_BANNER] = { 1, 1, 1, 0 },		/* a stamp: not smaller */
};

/* A <font> as written: what it sets; the rest is inherited. */
struct fontspec {
	const xmlNode	*n;		/* (borrowed) NULL: not given */
	const char	*family;	/* (arena) NULL: inherit */
	int32_t		 size;		/* [u] 0: derive from body */
	int		 lead_kind;	/* 0 derive, 1 factor, 2 length */
	int64_t		 lead_num, lead_den;	/* factor = num / den */
	int32_t		 lead_len;	/* [u] */
	int		 bold, italic;	/* -1: the role's default */
	int64_t		 rgb;		/* -1: body's colour */
};

/* One style being loaded. */
struct loader {
	struct arena	*a;		/* (borrowed) */
	struct diag	*d;		/* (borrowed) */
	const char	*file;		/* (borrowed) name in messages */
	const char	*buf;		/* (borrowed) the source text */
	size_t		 len;
	size_t		*lines;		/* (owned) offset of each line start */
	size_t		 nlines;
	int		 errors;	/* found in step 3 */
	struct rngmsg	*rng;		/* (owned) step 2's messages */
	size_t		 nrng;
	const xmlNode	*seen[16];	/* first of each element, for dups */
	struct fontspec	 fonts[ROLE__MAX];
	struct style	*s;		/* (arena) the result */
};

/* ------------------------------------------------------------------ */
/* Positions and messages */

static void
lines_index(struct loader *L)
{
	L->lines = xmalloc(xmlsafe_lines(L->buf, L->len, NULL) *
	    sizeof(*L->lines));
	L->nlines = xmlsafe_lines(L->buf, L->len, L->lines);
}

/* 1-based line and column (in characters) of a byte offset. */
static void
linecol(const struct loader *L, size_t off, int *line, int *col)
{
	xmlsafe_linecol(L->buf, L->len, L->lines, L->nlines, off, line, col);
}

static void
vreport(struct loader *L, size_t off, int have_off, const char *fmt,
    va_list ap)
{
	char msg[1024];
	int line = 0, col = 0;

	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (have_off)
		linecol(L, off, &line, &col);
	diag_emit(L->d, DIAG_STYLE, L->file, line, col, "%s", msg);
	L->errors++;
}

/* A problem at a byte offset of the source. */
static void
report_off(struct loader *L, size_t off, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(L, off, 1, fmt, ap);
	va_end(ap);
}

/* Where an element starts (its '<'); 0 when unknown. */
static size_t
node_off(const xmlNode *n)
{
	size_t off = 0;

	xmlsafe_node_off(n, &off);
	return off;
}

/* A problem with an element: at its '<'. */
static void
report_node(struct loader *L, const xmlNode *n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(L, node_off(n), 1, fmt, ap);
	va_end(ap);
}

/* Attribute name in the raw start tag of n (see xmlsafe_attr). */
static int
attr_find(const struct loader *L, const xmlNode *n, const char *name,
    size_t *name_off, size_t *val_off)
{
	return xmlsafe_attr(L->buf, L->len, node_off(n), name, name_off,
	    val_off);
}

/*
 * A problem with the value of attribute name on n: at its first
 * character, or ch characters further when the raw text allows it.
 */
static void
report_val(struct loader *L, const xmlNode *n, const char *name, size_t ch,
    const char *fmt, ...)
{
	size_t noff, voff;
	va_list ap;

	attr_find(L, n, name, &noff, &voff);
	while (ch > 0 && voff < L->len && L->buf[voff] != '"' &&
	    L->buf[voff] != '\'' && L->buf[voff] != '&') {
		voff++;
		while (voff < L->len && ((unsigned char)L->buf[voff] &
		    0xC0) == 0x80)
			voff++;
		ch--;
	}
	va_start(ap, fmt);
	vreport(L, voff, 1, fmt, ap);
	va_end(ap);
}

/* ------------------------------------------------------------------ */
/* Safe parsing with positions (xmlsafe.c), and RELAX NG */

static const struct xmlsafe_how style_how = {
	.empty = DIAG_STYLE,
	.empty_detail = "empty file: expected a <style> element",
	.encoding = DIAG_STYLE,
	.encoding_prefix = "invalid UTF-8: ",
	.entity = DIAG_STYLE,
	.entity_at_decl = 1,
	.syntax = DIAG_STYLE,
	.syntax_prefix = "malformed XML: ",
	.syntax_detail = "malformed XML",
	.warnings = 0,
	.text = XMLSAFE_TEXT_MATCH,
	.rng_nearest = 0,
};

/* Step 1: parse xs (L's source); NULL (reported) when not well-formed. */
static xmlDocPtr
parse(struct loader *L, struct xmlsafe *xs)
{
	xmlDocPtr doc;

	xmlsafe_init(xs, L->d, L->file, L->buf, L->len, L->lines, L->nlines,
	    &style_how);
	doc = xmlsafe_parse(xs);
	L->errors += xs->errors;
	return doc;
}

/* One schema message: kept in L->rng until step 3 is done. */
static void
on_rng_error(void *arg, int line, int col, const char *words)
{
	struct loader *L = arg;

	L->rng = xrealloc(L->rng, (L->nrng + 1) * sizeof(*L->rng));
	L->rng[L->nrng].line = line;
	L->rng[L->nrng].col = col;
	L->rng[L->nrng].text = xstrdup(words);
	L->nrng++;
}

/* Step 2: validate; keep the messages in L->rng. */
static int
validate(struct loader *L, const struct xmlsafe *xs, xmlDocPtr doc)
{
	return xmlsafe_validate(xs, doc, xmlsafe_schema(XMLSAFE_STYLE),
	    on_rng_error, L);
}

/* ------------------------------------------------------------------ */
/* Values */

/* "a b c" -> "a, b or c" (a space-separated list with spaces around). */
static void
expect_list(char *out, size_t sz, const char *list)
{
	const char *p = list, *q, *last = NULL;
	size_t n = 0;

	*out = '\0';
	while (*p == ' ')
		p++;
	for (q = p; *q != '\0'; q++)
		if (*q != ' ' && (q == list || q[-1] == ' '))
			last = q;
	while (*p != '\0') {
		for (q = p; *q != '\0' && *q != ' '; q++)
			continue;
		if (n > 0 && strlen(out) + 5 < sz)
			strcat(out, p == last ? " or " : ", ");
		if (strlen(out) + (size_t)(q - p) + 1 < sz)
			strncat(out, p, (size_t)(q - p));
		n++;
		while (*q == ' ')
			q++;
		p = q;
	}
}

/*
 * A decimal number: up to 6 integer and 4 decimal digits.  *num / *den
 * is its exact value; *end is what follows.  -1 when there is none.
 */
static int
decimal(const char *s, int64_t *num, int64_t *den, const char **end,
    const char **why)
{
	int ni = 0, nf = 0;

	*num = 0;
	*den = 1;
	*why = NULL;
	while (*s >= '0' && *s <= '9') {
		if (++ni > 6)
			*why = "at most 6 digits before the point";
		*num = *num * 10 + (*s++ - '0');
		if (*num > 1000000000)
			*num = 1000000000;	/* stays an error below */
	}
	if (ni == 0)
		return -1;
	if (*s == '.') {
		s++;
		while (*s >= '0' && *s <= '9') {
			if (++nf > 4)
				*why = "at most 4 digits after the point";
			else {
				*num = *num * 10 + (*s - '0');
				*den *= 10;
			}
			s++;
		}
		if (nf == 0)
			return -1;
	}
	*end = s;
	return *why != NULL ? -1 : 0;
}

/* Round num / den, both positive, half up. */
static int64_t
div_round(int64_t num, int64_t den)
{
	return (num * 2 + den) / (den * 2);
}

static const struct unit {
	const char	*name;
	int64_t		 num, den;	/* [u] per unit = num / den */
} units[] = {
	{ "pt", 1000, 1 },
	{ "mm", 720000, 254 },		/* 72 / 25.4 pt */
	{ "cm", 7200000, 254 },
	{ "in", 72000, 1 },
};

/*
 * A length attribute of n, into *out [u].  Reported (at the value) and
 * -1 when it is not one.  Absent: 0, *out unchanged.
 */
static int
get_len(struct loader *L, const xmlNode *n, const char *attr, const char *v,
    int32_t *out)
{
	int64_t num, den, u;
	const char *end, *why;
	size_t i;

	if (strcmp(v, "0") == 0) {
		*out = 0;
		return 0;
	}
	if (v[0] == '-' && v[1] >= '0' && v[1] <= '9') {
		report_val(L, n, attr, 0, "%s=\"%s\": must not be negative",
		    attr, v);
		return -1;
	}
	if (decimal(v, &num, &den, &end, &why) != 0) {
		if (why != NULL)
			report_val(L, n, attr, 0, "%s=\"%s\": %s", attr, v, why);
		else
			report_val(L, n, attr, 0, "%s=\"%s\": expected a "
			    "number and a unit (pt, mm, cm or in), e.g. "
			    "\"2.5cm\", or 0", attr, v);
		return -1;
	}
	if (*end == ' ') {
		report_val(L, n, attr, (size_t)(end - v), "%s=\"%s\": no "
		    "space is allowed between the number and the unit",
		    attr, v);
		return -1;
	}
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (strcmp(end, units[i].name) == 0)
			break;
	if (i == sizeof(units) / sizeof(units[0])) {
		if (*end == '\0')
			report_val(L, n, attr, 0, "%s=\"%s\": missing unit: "
			    "expected pt, mm, cm or in", attr, v);
		else
			report_val(L, n, attr, (size_t)(end - v), "%s=\"%s\": "
			    "unknown unit \"%s\": expected pt, mm, cm or in",
			    attr, v, end);
		return -1;
	}
	u = div_round(num * units[i].num, den * units[i].den);
	if (u > LEN_MAX) {
		report_val(L, n, attr, 0, "%s=\"%s\": too large: at most "
		    "200in", attr, v);
		return -1;
	}
	*out = (int32_t)u;
	return 0;
}

/* A factor (a number without unit) at most max. */
static int
get_factor(struct loader *L, const xmlNode *n, const char *attr,
    const char *v, int64_t max, int64_t *num, int64_t *den)
{
	const char *end, *why;

	if (decimal(v, num, den, &end, &why) != 0 || *end != '\0') {
		report_val(L, n, attr, 0, "%s=\"%s\": %s", attr, v,
		    why != NULL ? why : "expected a number, e.g. \"1.5\"");
		return -1;
	}
	if (*num > max * *den) {
		report_val(L, n, attr, 0, "%s=\"%s\": too large: at most "
		    "%lld", attr, v, (long long)max);
		return -1;
	}
	return 0;
}

static int
get_color(struct loader *L, const xmlNode *n, const char *attr,
    const char *v, uint32_t *out)
{
	uint32_t c = 0;
	int i;

	for (i = 1; i <= 6 && v[0] == '#'; i++) {
		char h = v[i];

		if (h >= '0' && h <= '9')
			c = c << 4 | (uint32_t)(h - '0');
		else if (h >= 'a' && h <= 'f')
			c = c << 4 | (uint32_t)(h - 'a' + 10);
		else if (h >= 'A' && h <= 'F')
			c = c << 4 | (uint32_t)(h - 'A' + 10);
		else
			break;
	}
	if (v[0] != '#' || i != 7 || v[7] != '\0') {
		report_val(L, n, attr, 0, "%s=\"%s\": expected a colour as "
		    "#RRGGBB, e.g. \"#C00000\"", attr, v);
		return -1;
	}
	*out = c;
	return 0;
}

/* One of the words of list (" a b c "); its index, or -1 (reported). */
static int
get_word(struct loader *L, const xmlNode *n, const char *attr,
    const char *v, const char *list)
{
	const char *p = list;
	size_t vl = strlen(v);
	int i = 0;
	char exp[256];

	while (*p != '\0') {
		const char *q;

		while (*p == ' ')
			p++;
		for (q = p; *q != '\0' && *q != ' '; q++)
			continue;
		if (q > p) {
			if ((size_t)(q - p) == vl && strncmp(p, v, vl) == 0)
				return i;
			i++;
		}
		p = q;
	}
	expect_list(exp, sizeof(exp), list);
	report_val(L, n, attr, 0, "%s=\"%s\": expected %s", attr, v, exp);
	return -1;
}

static int
get_yesno(struct loader *L, const xmlNode *n, const char *attr,
    const char *v, int *out)
{
	int i = get_word(L, n, attr, v, " yes no ");

	if (i < 0)
		return -1;
	*out = i == 0;
	return 0;
}

static const char *const fields[] = {
	"title", "event", "period", "page", "pages", "date", NULL
};

/* A running header or footer slot: only the known {fields}. */
static const char *
get_template(struct loader *L, const xmlNode *n, const char *attr,
    const char *v)
{
	size_t i = 0, ch = 0, k, fl;	/* ch: characters before v[i] */
	const char *q;

	while (v[i] != '\0') {
		if (v[i] == '}') {
			report_val(L, n, attr, ch, "%s=\"%s\": \"}\" without "
			    "\"{\"", attr, v);
			return NULL;
		}
		if (v[i] != '{') {
			if (((unsigned char)v[i] & 0xC0) != 0x80)
				ch++;
			i++;
			continue;
		}
		q = strpbrk(v + i + 1, "{}");
		if (q == NULL || *q != '}') {
			report_val(L, n, attr, ch, "%s=\"%s\": \"{\" without "
			    "\"}\"", attr, v);
			return NULL;
		}
		fl = (size_t)(q - v) - i - 1;
		for (k = 0; fields[k] != NULL; k++)
			if (strlen(fields[k]) == fl &&
			    strncmp(fields[k], v + i + 1, fl) == 0)
				break;
		if (fields[k] == NULL) {
			report_val(L, n, attr, ch, "%s=\"%s\": unknown field "
			    "%.*s: expected {title}, {event}, {period}, "
			    "{page}, {pages} or {date}", attr, v,
			    (int)(fl + 2), v + i);
			return NULL;
		}
		ch += fl + 2;			/* known fields are ASCII */
		i += fl + 2;
	}
	return *v != '\0' ? arena_strdup(L->a, v) : NULL;
}

/* ------------------------------------------------------------------ */
/* Elements */

static int
is_blank(const xmlChar *s)
{
	for (; s != NULL && *s != '\0'; s++)
		if (strchr(" \t\r\n", *s) == NULL)
			return 0;
	return 1;
}

/* The value of n's attribute name: "" when empty, NULL when absent. */
static const char *
attr(const xmlNode *n, const char *name)
{
	return xmlsafe_attr_value(n, name);
}

/* Text in element n: at its first character that is not white space. */
static void
report_text(struct loader *L, const xmlNode *t, const xmlNode *n)
{
	size_t off = node_off(t);

	if (t->_private != NULL)
		while (off < L->len && strchr(" \t\r\n", L->buf[off]) != NULL &&
		    L->buf[off] != '\0')
			off++;
	report_off(L, off, "text is not allowed in <%s>: styles use "
	    "attributes only", n->name);
}

/* Report attributes of n not in allowed (" a b c "). */
static void
check_attrs(struct loader *L, const xmlNode *n, const char *allowed)
{
	const xmlAttr *a;
	char name[128], key[132], exp[256];
	size_t noff, voff;

	for (a = n->properties; a != NULL; a = a->next) {
		if (a->ns == NULL) {
			snprintf(key, sizeof(key), " %s ", a->name);
			if (strstr(allowed, key) != NULL)
				continue;
			snprintf(name, sizeof(name), "%s", a->name);
		} else
			snprintf(name, sizeof(name), "%s:%s", a->ns->prefix ?
			    (const char *)a->ns->prefix : "", a->name);
		attr_find(L, n, name, &noff, &voff);
		expect_list(exp, sizeof(exp), allowed);
		report_off(L, noff, "unknown attribute \"%s\" on <%s>: "
		    "expected %s", name, n->name, *exp != '\0' ? exp :
		    "no attributes");
	}
}

/* Elements other than <style> are empty. */
static void
check_empty(struct loader *L, const xmlNode *n)
{
	const xmlNode *c;
	int text = 0;

	for (c = n->children; c != NULL; c = c->next) {
		if (c->type == XML_ELEMENT_NODE)
			report_node(L, c, "unknown element <%s> in <%s>: "
			    "expected no content", c->name, n->name);
		else if (c->type == XML_TEXT_NODE && !is_blank(c->content) &&
		    !text++)
			report_text(L, c, n);
	}
}

static void
do_paper(struct loader *L, const xmlNode *n)
{
	struct style *s = L->s;
	const char *size = attr(n, "size"), *w = attr(n, "width");
	const char *h = attr(n, "height"), *o = attr(n, "orientation");
	int32_t pw = s->page_w, ph = s->page_h;
	int i, land = 0;

	check_attrs(L, n, " size width height orientation ");
	if (size != NULL && (w != NULL || h != NULL)) {
		report_node(L, n, "<paper> takes size, or width and height, "
		    "not both");
		return;
	}
	if (size != NULL) {
		static const int32_t dims[][2] = {
			{ 595276, 841890 },	/* A4 210 x 297mm */
			{ 419528, 595276 },	/* A5 148 x 210mm */
			{ 612000, 792000 },	/* Letter 8.5 x 11in */
			{ 612000, 1008000 },	/* Legal 8.5 x 14in */
		};

		if ((i = get_word(L, n, "size", size,
		    " A4 A5 Letter Legal ")) < 0)
			return;
		pw = dims[i][0];
		ph = dims[i][1];
	} else if (w != NULL && h != NULL) {
		int bad = get_len(L, n, "width", w, &pw) != 0;

		if (get_len(L, n, "height", h, &ph) != 0 || bad)
			return;
	} else {
		report_node(L, n, "<paper> needs size, or both width and "
		    "height");
		return;
	}
	if (o != NULL && (land = get_word(L, n, "orientation", o,
	    " portrait landscape ")) < 0)
		return;
	if (land && pw < ph) {
		int32_t t = pw;

		pw = ph;
		ph = t;
	}
	s->page_w = pw;
	s->page_h = ph;
}

/* Attribute attr of n as a length into *dst, when present. */
static void
opt_len(struct loader *L, const xmlNode *n, const char *a, int32_t *dst)
{
	const char *v = attr(n, a);

	if (v != NULL)
		get_len(L, n, a, v, dst);
}

static void
opt_yesno(struct loader *L, const xmlNode *n, const char *a, int *dst)
{
	const char *v = attr(n, a);

	if (v != NULL)
		get_yesno(L, n, a, v, dst);
}

static void
opt_color(struct loader *L, const xmlNode *n, const char *a, uint32_t *dst)
{
	const char *v = attr(n, a);

	if (v != NULL)
		get_color(L, n, a, v, dst);
}

static void
do_margins(struct loader *L, const xmlNode *n)
{
	struct style *s = L->s;

	check_attrs(L, n, " top bottom inner outer gutter mirror ");
	opt_len(L, n, "top", &s->margin_top);
	opt_len(L, n, "bottom", &s->margin_bottom);
	opt_len(L, n, "inner", &s->margin_inner);
	opt_len(L, n, "outer", &s->margin_outer);
	opt_len(L, n, "gutter", &s->gutter);
	opt_yesno(L, n, "mirror", &s->mirror);
}

static void
do_font(struct loader *L, const xmlNode *n)
{
	const char *role = attr(n, "role"), *v, *p;
	struct fontspec *f;
	int r;
	char exp[160];

	check_attrs(L, n, " role family size leading bold italic color ");
	if (role == NULL) {
		expect_list(exp, sizeof(exp), ROLE_NAMES);
		report_node(L, n, "<font> needs a role: one of %s", exp);
		return;
	}
	if ((r = get_word(L, n, "role", role, ROLE_NAMES)) < 0)
		return;
	f = &L->fonts[r];
	if (f->n != NULL) {
		report_node(L, n, "a second <font role=\"%s\">: give each "
		    "role once", role);
		{
			int line, col;

			linecol(L, node_off(f->n), &line, &col);
			diag_emit(L->d, DIAG_DUP_ID_NOTE, L->file, line, col,
			    "<font role=\"%s\">", role);
		}
		return;
	}
	f->n = n;
	if ((v = attr(n, "family")) != NULL) {
		for (p = v; *p == ' ' || *p == ','; p++)
			continue;
		if (*p == '\0')
			report_val(L, n, "family", 0, "family=\"%s\": expected "
			    "a comma-separated list of font families", v);
		else
			f->family = arena_strdup(L->a, v);
	}
	if ((v = attr(n, "size")) != NULL &&
	    get_len(L, n, "size", v, &f->size) == 0 && f->size == 0)
		report_val(L, n, "size", 0, "size=\"%s\": must be more "
		    "than 0", v);
	if ((v = attr(n, "leading")) != NULL) {
		for (p = v; (*p >= '0' && *p <= '9') || *p == '.'; p++)
			continue;
		if (*p == '\0') {
			if (get_factor(L, n, "leading", v, 10, &f->lead_num,
			    &f->lead_den) == 0) {
				if (f->lead_num == 0)
					report_val(L, n, "leading", 0,
					    "leading=\"%s\": must be more "
					    "than 0", v);
				f->lead_kind = 1;
			}
		} else if (*v < '0' || *v > '9')
			report_val(L, n, "leading", 0, "leading=\"%s\": "
			    "expected a factor of the size, e.g. \"1.5\", or a "
			    "length, e.g. \"18pt\"", v);
		else if (get_len(L, n, "leading", v, &f->lead_len) == 0) {
			if (f->lead_len == 0)
				report_val(L, n, "leading", 0, "leading=\"%s\": "
				    "must be more than 0", v);
			f->lead_kind = 2;
		}
	}
	f->bold = f->italic = -1;
	f->rgb = -1;
	opt_yesno(L, n, "bold", &f->bold);
	opt_yesno(L, n, "italic", &f->italic);
	if ((v = attr(n, "color")) != NULL) {
		uint32_t c;

		if (get_color(L, n, "color", v, &c) == 0)
			f->rgb = c;
	}
}

static void
do_paragraph(struct loader *L, const xmlNode *n)
{
	struct style *s = L->s;
	const char *v;
	int i;

	check_attrs(L, n, " indent space align max-stretch ");
	opt_len(L, n, "indent", &s->indent);
	opt_len(L, n, "space", &s->para_space);
	if ((v = attr(n, "align")) != NULL && (i = get_word(L, n, "align", v,
	    " left justify thai-distributed center right ")) >= 0) {
		static const enum style_align al[] = { ALIGN_LEFT,
		    ALIGN_JUSTIFY, ALIGN_THAI_DISTRIBUTED, ALIGN_CENTER,
		    ALIGN_RIGHT };

		s->align = al[i];
	}
	if ((v = attr(n, "max-stretch")) != NULL) {
		int64_t num, den;

		if (get_factor(L, n, "max-stretch", v, 10, &num, &den) == 0)
			s->max_stretch = (double)num / (double)den;
	}
}

static void
do_event(struct loader *L, const xmlNode *n)
{
	check_attrs(L, n, " space date-width ");
	opt_len(L, n, "space", &L->s->event_space);
	opt_len(L, n, "date-width", &L->s->date_width);
}

static void
do_language(struct loader *L, const xmlNode *n)
{
	struct style *s = L->s;
	const char *v;
	int i;

	check_attrs(L, n, " strings era digits months times text-digits ");
	if ((v = attr(n, "strings")) != NULL &&
	    (i = get_word(L, n, "strings", v, " th en ")) >= 0) {
		s->lang = i ? "en" : "th";
		s->datefmt.lang = i ? WHEN_EN : WHEN_TH;
	}
	if ((v = attr(n, "era")) != NULL &&
	    (i = get_word(L, n, "era", v, " CE BE ")) >= 0)
		s->datefmt.era = i ? WHEN_BE : WHEN_CE;
	if ((v = attr(n, "digits")) != NULL &&
	    (i = get_word(L, n, "digits", v, " arabic thai ")) >= 0)
		s->datefmt.digits = i ? WHEN_THAI : WHEN_ARABIC;
	if ((v = attr(n, "months")) != NULL &&
	    (i = get_word(L, n, "months", v, " full abbrev ")) >= 0)
		s->datefmt.abbrev = i;
	opt_yesno(L, n, "times", &s->datefmt.times);
	if ((v = attr(n, "text-digits")) != NULL &&
	    (i = get_word(L, n, "text-digits", v, " keep thai ")) >= 0)
		s->text_digits = i;
}

/* <header> or <footer>: slots not given are empty. */
static void
do_running(struct loader *L, const xmlNode *n, struct style_running *r,
    int first_page)
{
	const char *v;

	check_attrs(L, n, " left center right first-page rule ");
	memset(r, 0, sizeof(*r));
	r->first_page = first_page;
	if ((v = attr(n, "left")) != NULL)
		r->left = get_template(L, n, "left", v);
	if ((v = attr(n, "center")) != NULL)
		r->center = get_template(L, n, "center", v);
	if ((v = attr(n, "right")) != NULL)
		r->right = get_template(L, n, "right", v);
	opt_yesno(L, n, "first-page", &r->first_page);
	opt_yesno(L, n, "rule", &r->rule);
}

/*
 * <banner>: shown or not, and the font of the classification (the
 * banner role: the body's family, bold, at the body's size unless size
 * says more; fonts_resolve, check_banner).
 */
static void
do_banner(struct loader *L, const xmlNode *n)
{
	struct fontspec *f = &L->fonts[ROLE_BANNER];
	const char *v;
	uint32_t c;

	check_attrs(L, n, " show color size bold ");
	opt_yesno(L, n, "show", &L->s->banner);
	f->n = n;
	f->bold = f->italic = -1;
	f->rgb = -1;
	if ((v = attr(n, "color")) != NULL && get_color(L, n, "color", v,
	    &c) == 0)
		f->rgb = c;
	if ((v = attr(n, "size")) != NULL &&
	    get_len(L, n, "size", v, &f->size) == 0 && f->size == 0)
		report_val(L, n, "size", 0, "size=\"%s\": must be more "
		    "than 0", v);
	opt_yesno(L, n, "bold", &f->bold);
}

/* <links>: the colour of links in the text. */
static void
do_links(struct loader *L, const xmlNode *n)
{
	check_attrs(L, n, " color ");
	opt_color(L, n, "color", &L->s->link_rgb);
}

static void
do_watermark(struct loader *L, const xmlNode *n)
{
	const char *v = attr(n, "text");

	check_attrs(L, n, " text ");
	if (v == NULL)
		report_node(L, n, "<watermark> needs a text attribute");
	else if (is_blank((const xmlChar *)v))
		report_val(L, n, "text", 0, "text=\"%s\": expected the "
		    "watermark's words", v);
	else
		L->s->watermark = arena_strdup(L->a, v);
}

static void
do_contents(struct loader *L, const xmlNode *n)
{
	check_attrs(L, n, " show ");
	opt_yesno(L, n, "show", &L->s->toc);
}

static void
do_rules(struct loader *L, const xmlNode *n)
{
	check_attrs(L, n, " color ");
	opt_color(L, n, "color", &L->s->rule_rgb);
}

static void
do_header(struct loader *L, const xmlNode *n)
{
	do_running(L, n, &L->s->header, 0);
}

static void
do_footer(struct loader *L, const xmlNode *n)
{
	do_running(L, n, &L->s->footer, 1);
}

/* Indices into elems[] and L->seen[]. */
enum { E_PAPER, E_MARGINS, E_FONT, E_PARAGRAPH, E_EVENT };

static const struct elem {
	const char	*name;
	void		(*fn)(struct loader *, const xmlNode *);
} elems[] = {
	{ "paper", do_paper },
	{ "margins", do_margins },
	{ "font", do_font },
	{ "paragraph", do_paragraph },
	{ "event", do_event },
	{ "language", do_language },
	{ "header", do_header },
	{ "footer", do_footer },
	{ "banner", do_banner },
	{ "watermark", do_watermark },
	{ "contents", do_contents },
	{ "rules", do_rules },
	{ "links", do_links },
};
#define NELEMS	(sizeof(elems) / sizeof(elems[0]))

/* ------------------------------------------------------------------ */
/* Fonts: what is not given comes from body and the role's defaults */

static void
fonts_resolve(struct loader *L)
{
	struct style *s = L->s;
	struct style_font *body = &s->font[ROLE_BODY];
	int r;

	for (r = 0; r < ROLE__MAX; r++) {
		const struct fontspec *f = &L->fonts[r];
		struct style_font *o = &s->font[r];
		const struct roledef *rd = &roledefs[r];

		if (f->n == NULL) {			/* not given at all */
			static const struct fontspec none = { .lead_den = 1,
			    .bold = -1, .italic = -1, .rgb = -1 };

			f = &none;
		}
		if (r == ROLE_BODY) {
			o->families = f->family != NULL ? f->family :
			    DEFAULT_FAMILIES;
			o->size = f->size > 0 ? f->size : DEFAULT_SIZE;
		} else {
			o->families = f->family != NULL ? f->family :
			    body->families;
			o->size = f->size > 0 ? f->size :
			    (int32_t)div_round((int64_t)body->size * rd->num,
			    rd->den);
		}
		switch (f->lead_kind) {
		case 1:
			o->leading = (int32_t)div_round((int64_t)o->size *
			    f->lead_num, f->lead_den);
			break;
		case 2:
			o->leading = f->lead_len;
			break;
		default:
			if (r == ROLE_BODY)	/* 1.5 */
				o->leading = (int32_t)div_round(
				    (int64_t)o->size * 3, 2);
			else			/* body's proportion */
				o->leading = (int32_t)div_round(
				    (int64_t)o->size * body->leading,
				    body->size);
			break;
		}
		if (o->leading > LEN_MAX)
			o->leading = LEN_MAX;
		o->bold = f->bold >= 0 ? f->bold : rd->bold;
		o->italic = f->italic >= 0 ? f->italic : rd->italic;
		o->rgb = f->rgb >= 0 ? (uint32_t)f->rgb :
		    r == ROLE_BODY ? 0 : r == ROLE_BANNER ? BANNER_RGB :
		    body->rgb;
	}
}

/* ------------------------------------------------------------------ */
/* Checks on the whole */

/* A length [u] as "595.28pt" for messages. */
static const char *
pt(char *buf, size_t sz, int64_t u)
{
	int64_t a = u < 0 ? -u : u, h = (a + 5) / 10;	/* 1/100 pt */

	if (h % 100 == 0)
		snprintf(buf, sz, "%s%lldpt", u < 0 ? "-" : "",
		    (long long)(h / 100));
	else if (h % 10 == 0)
		snprintf(buf, sz, "%s%lld.%lldpt", u < 0 ? "-" : "",
		    (long long)(h / 100), (long long)(h % 100 / 10));
	else
		snprintf(buf, sz, "%s%lld.%02lldpt", u < 0 ? "-" : "",
		    (long long)(h / 100), (long long)(h % 100));
	return buf;
}

/*
 * The font element that set role r's size or leading (attr), or the
 * body's that it took them from; *attr is NULL when neither names it.
 */
static const xmlNode *
font_setter(struct loader *L, int r, const char **attr_name)
{
	const char *a = *attr_name;
	const xmlNode *n = L->fonts[r].n;

	if (n == NULL || attr(n, a) == NULL) {
		if (n != NULL && strcmp(a, "leading") == 0 &&
		    attr(n, "size") != NULL)
			a = "size";
		else if (r != ROLE_BODY)
			return font_setter(L, ROLE_BODY, attr_name);
	}
	if (n != NULL && attr(n, a) == NULL)
		a = NULL;
	*attr_name = a;
	return n;
}

/*
 * Fonts that cannot fit, whatever the text: a role's line taller than the
 * text area, or its em (the size: about the widest character) wider than
 * the column it is set in.
 */
static void
check_fonts(struct loader *L, const xmlNode *root, int64_t w, int64_t h)
{
	static const char *const names[ROLE__MAX] = { "body", "bold",
	    "italic", "heading", "event", "date", "header", "small",
	    "banner" };
	const struct style *s = L->s;
	char b[2][32];
	int r;

	for (r = 0; r < ROLE__MAX; r++) {
		const struct style_font *o = &s->font[r];
		int64_t col = r == ROLE_HEADING || r == ROLE_HEADER ||
		    r == ROLE_BANNER ? w :
		    r == ROLE_DATE && s->date_width > 0 ? s->date_width :
		    w - s->date_width;
		const char *a, *col_name;
		const xmlNode *n;
		char msg[160];

		if (o->leading > h) {
			a = "leading";
			snprintf(msg, sizeof(msg), "a line of the %s font "
			    "(%s) is taller than the text area (%s)", names[r],
			    pt(b[0], 32, o->leading), pt(b[1], 32, h));
		} else if (o->size > col) {
			a = "size";
			col_name = r == ROLE_DATE && s->date_width > 0 ?
			    "the date column" : "the text column";
			snprintf(msg, sizeof(msg), "the %s font (%s) is wider "
			    "than %s (%s)", names[r], pt(b[0], 32, o->size),
			    col_name, pt(b[1], 32, col));
		} else
			continue;
		if ((n = font_setter(L, r, &a)) != NULL && a != NULL)
			report_val(L, n, a, 0, "%s=\"%s\": %s", a, attr(n, a),
			    msg);
		else
			report_node(L, n != NULL ? n : root, "%s", msg);
		return;		/* one such message says enough */
	}
}

/*
 * A classification is stamped at least as large as the text: a smaller
 * one is the easiest to miss, and the marking is what a style must not
 * lose (the banner is shown unless a style says no).
 */
static void
check_banner(struct loader *L)
{
	const struct style *s = L->s;
	const xmlNode *n = L->fonts[ROLE_BANNER].n;
	char b[32];

	if (n == NULL || attr(n, "size") == NULL ||
	    s->font[ROLE_BANNER].size >= s->font[ROLE_BODY].size)
		return;
	report_val(L, n, "size", 0, "size=\"%s\": smaller than the body "
	    "text (%s): a classification is printed at least as large",
	    attr(n, "size"), pt(b, sizeof(b), s->font[ROLE_BODY].size));
}

static void
check_area(struct loader *L, const xmlNode *root)
{
	const struct style *s = L->s;
	const xmlNode *m = L->seen[E_MARGINS] ? L->seen[E_MARGINS] :
	    L->seen[E_PAPER] ? L->seen[E_PAPER] : root;
	const xmlNode *ev = L->seen[E_EVENT], *p = L->seen[E_PARAGRAPH];
	int64_t w = (int64_t)s->page_w - s->margin_inner - s->margin_outer -
	    s->gutter;
	int64_t h = (int64_t)s->page_h - s->margin_top - s->margin_bottom;
	char b[6][32];

	if (w < TEXT_MIN) {
		report_node(L, m, "margins leave no text area: page width "
		    "%s - inner %s - outer %s - gutter %s = %s (at least %s "
		    "needed)", pt(b[0], 32, s->page_w),
		    pt(b[1], 32, s->margin_inner),
		    pt(b[2], 32, s->margin_outer), pt(b[3], 32, s->gutter),
		    pt(b[4], 32, w), pt(b[5], 32, TEXT_MIN));
		return;
	}
	if (h < TEXT_MIN)
		report_node(L, m, "margins leave no text area: page height "
		    "%s - top %s - bottom %s = %s (at least %s needed)",
		    pt(b[0], 32, s->page_h), pt(b[1], 32, s->margin_top),
		    pt(b[2], 32, s->margin_bottom), pt(b[3], 32, h),
		    pt(b[4], 32, TEXT_MIN));
	if (w - s->date_width < TEXT_MIN) {
		if (ev != NULL && attr(ev, "date-width") != NULL)
			report_val(L, ev, "date-width", 0, "date-width=\"%s\" "
			    "leaves no room for text: text width %s - "
			    "date-width %s = %s (at least %s needed)",
			    attr(ev, "date-width"), pt(b[0], 32, w),
			    pt(b[1], 32, s->date_width),
			    pt(b[2], 32, w - s->date_width),
			    pt(b[3], 32, TEXT_MIN));
		else
			report_node(L, m, "margins leave no room for the date "
			    "column: text width %s - date-width %s = %s (at "
			    "least %s needed)", pt(b[0], 32, w),
			    pt(b[1], 32, s->date_width),
			    pt(b[2], 32, w - s->date_width),
			    pt(b[3], 32, TEXT_MIN));
		return;
	}
	if (s->indent >= w - s->date_width && p != NULL &&
	    attr(p, "indent") != NULL)
		report_val(L, p, "indent", 0, "indent=\"%s\" is as wide as "
		    "the text column (%s)", attr(p, "indent"),
		    pt(b[0], 32, w - s->date_width));
	if (h >= TEXT_MIN)
		check_fonts(L, root, w, h);
}

/* ------------------------------------------------------------------ */
/* The whole style */

static void
defaults(struct style *s)
{
	s->page_w = 595276;			/* A4 */
	s->page_h = 841890;
	s->margin_top = 70866;			/* 2.5cm */
	s->margin_bottom = 70866;
	s->margin_inner = 70866;
	s->margin_outer = 56693;		/* 2cm */
	s->mirror = 0;
	s->gutter = 0;
	s->indent = 0;
	s->para_space = 6 * U_PT;
	s->event_space = 12 * U_PT;
	s->date_width = 85039;			/* 3cm */
	s->align = ALIGN_JUSTIFY;
	s->max_stretch = 1.0;
	s->lang = "th";
	s->datefmt.lang = WHEN_TH;
	s->datefmt.era = WHEN_CE;
	s->datefmt.digits = WHEN_ARABIC;
	s->datefmt.abbrev = 1;
	s->datefmt.times = 0;
	s->footer.first_page = 1;		/* as <footer/> says */
	s->banner = 1;
	s->link_rgb = LINK_RGB;
	s->text_digits = 0;
	s->watermark = NULL;
	s->toc = 0;
	s->rule_rgb = 0x808080;
}

/* Step 3: from the tree to L->s. */
static void
convert(struct loader *L, const xmlNode *root, const char *fallback_name)
{
	const char *v;
	const xmlNode *c;
	char exp[256];
	size_t i;
	int text = 0;

	if (root->ns != NULL && strcmp((const char *)root->name, "style") == 0) {
		report_node(L, root, "<style> in namespace \"%s\": expected "
		    "no namespace", (const char *)root->ns->href);
		return;
	}
	if (strcmp((const char *)root->name, "style") != 0) {
		report_node(L, root, "<%s> is not a style: expected <style> "
		    "as the root element", root->name);
		return;
	}
	check_attrs(L, root, " name version ");
	v = attr(root, "version");
	if (v == NULL)
		report_node(L, root, "<style> needs version=\"1\"");
	else if (strcmp(v, "1") != 0)
		report_val(L, root, "version", 0, "unsupported version "
		    "\"%s\": expected version=\"1\"", v);
	if ((v = attr(root, "name")) != NULL) {
		const char *p;

		for (p = v; *p != '\0'; p++)
			if (strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklm"
			    "nopqrstuvwxyz0123456789._-", *p) == NULL)
				break;
		if (*v == '\0' || *p != '\0')
			report_val(L, root, "name", 0, "name=\"%s\": expected "
			    "letters, digits, '.', '_' or '-'", v);
		else
			L->s->name = arena_strdup(L->a, v);
	}
	if (L->s->name == NULL)
		L->s->name = arena_strdup(L->a, fallback_name);
	for (c = root->children; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE && !is_blank(c->content)) {
			if (!text++)		/* once is enough */
				report_text(L, c, root);
			continue;
		}
		if (c->type != XML_ELEMENT_NODE)
			continue;
		for (i = 0; i < NELEMS; i++)
			if (c->ns == NULL &&
			    strcmp((const char *)c->name, elems[i].name) == 0)
				break;
		if (i == NELEMS) {
			char nm[128];

			snprintf(nm, sizeof(nm), "%s%s%s", c->ns != NULL &&
			    c->ns->prefix != NULL ? (const char *)c->ns->prefix :
			    "", c->ns != NULL && c->ns->prefix != NULL ? ":" :
			    "", c->name);
			expect_list(exp, sizeof(exp), " paper margins font "
			    "paragraph event language header footer banner "
			    "watermark contents rules links ");
			report_node(L, c, "unknown element <%s> in <style>: "
			    "expected %s", nm, exp);
			continue;
		}
		if (i != E_FONT && L->seen[i] != NULL) {
			int line, col;

			report_node(L, c, "a second <%s>: give each element "
			    "once", elems[i].name);
			linecol(L, node_off(L->seen[i]), &line, &col);
			diag_emit(L->d, DIAG_DUP_ID_NOTE, L->file, line, col,
			    "<%s>", elems[i].name);
			continue;
		}
		if (L->seen[i] == NULL)
			L->seen[i] = c;
		check_empty(L, c);
		elems[i].fn(L, c);
	}
	fonts_resolve(L);
	if (L->errors == 0)
		check_banner(L);
	if (L->errors == 0)
		check_area(L, root);
}

/*
 * Load from memory; file names it in messages.  check: validate against
 * the style schema.  A built-in style is not validated on each run: it is the same bytes as
 * styles/NAME.xml, which the tests load by path, validated, and compare
 * with the built-in (check_style.c, test_file_matches_builtin).
 */
static const struct style *
load_mem(struct arena *a, struct diag *d, const char *file,
    const char *name, const char *buf, size_t len, int check)
{
	struct loader L;
	struct xmlsafe xs;
	xmlDocPtr doc;
	const xmlNode *root;
	int valid;
	size_t i;

	memset(&L, 0, sizeof(L));
	L.a = a;
	L.d = d;
	L.file = file;
	L.buf = buf;
	L.len = len;
	lines_index(&L);
	L.s = arena_alloc(a, sizeof(*L.s));
	defaults(L.s);
	if ((doc = parse(&L, &xs)) == NULL)
		goto out;
	root = xmlDocGetRootElement(doc);
	valid = check ? validate(&L, &xs, doc) : 0;
	convert(&L, root, name);
	if (L.errors == 0 && valid != 0) {
		/* the schema saw what the checks above did not */
		for (i = 0; i < L.nrng; i++) {
			diag_emit(d, DIAG_STYLE, file, L.rng[i].line,
			    L.rng[i].col, "not valid by the style schema: %s",
			    L.rng[i].text);
			L.errors++;
		}
	}
	xmlFreeDoc(doc);
out:
	for (i = 0; i < L.nrng; i++)
		free(L.rng[i].text);
	free(L.rng);
	free(L.lines);
	return L.errors == 0 ? L.s : NULL;
}

/* The style's name from a file path: its base name without ".xml". */
static char *
base_name(struct arena *a, const char *path)
{
	const char *b = strrchr(path, '/');
	size_t n;

	b = b != NULL ? b + 1 : path;
	n = strlen(b);
	if (n > 4 && strcmp(b + n - 4, ".xml") == 0)
		n -= 4;
	return arena_strndup(a, b, n);
}

const struct style *
style_load(struct arena *a, struct diag *d, const char *name_or_file)
{
	const char *nm = name_or_file != NULL ? name_or_file : "briefing";
	size_t i, n = strlen(nm);
	char *buf;
	size_t len;
	const struct style *s;

	if (strchr(nm, '/') == NULL && !(n > 4 &&
	    strcmp(nm + n - 4, ".xml") == 0)) {
		for (i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++)
			if (strcmp(nm, builtins[i].name) == 0)
				return load_mem(a, d, builtins[i].file,
				    builtins[i].name,
				    (const char *)builtins[i].buf,
				    *builtins[i].len, 0);
		diag_emit(d, DIAG_STYLE, NULL, 0, 0, "unknown style \"%s\": "
		    "expected briefing, official or letter, or a style file "
		    "(a path with '/' or ending in .xml)", nm);
		return NULL;
	}
	if ((buf = file_slurp(nm, &len)) == NULL) {
		diag_emit(d, DIAG_IO, nm, 0, 0, "%s", file_strerror(errno));
		return NULL;
	}
	s = load_mem(a, d, nm, base_name(a, nm), buf, len, 1);
	free(buf);
	return s;
}
