/*
 * xmlsafe.h - safe libxml2 parsing with source positions, and RELAX NG
 * validation with those positions.  Shared by reader.c (timelines),
 * feed.c (feeds) and style.c (styles); include it from those files only.
 * Internal to libbriefing.
 */
#ifndef XMLSAFE_H
#define XMLSAFE_H

#include <stddef.h>

#include <libxml/relaxng.h>
#include <libxml/tree.h>

#include "base/base.h"

/* How a text node finds where it starts in the source. */
enum xmlsafe_text {
	XMLSAFE_TEXT_AMP,	/* just before the parser's point; a reference:
				   back to its '&' */
	XMLSAFE_TEXT_MATCH	/* where the bytes match: in libxml2's copy of
				   the input, or before or after the parser's
				   point; else unknown */
};

/*
 * What differs between callers: diagnostic codes and words, and where
 * problems are placed.  Details are printed after the code's message.
 */
struct xmlsafe_how {
	enum diag_code	 empty;		/* only white space, or no element */
	const char	*empty_detail;	/* NULL: the code's message alone */
	enum diag_code	 encoding;	/* a byte that is not UTF-8 */
	const char	*encoding_prefix;	/* before "byte 0x.. is not..." */
	enum diag_code	 entity;	/* an entity declaration */
	int		 entity_at_decl;	/* at its "<!ENTITY", not where
						   libxml2 is */
	enum diag_code	 syntax;	/* not well-formed */
	const char	*syntax_prefix;	/* before libxml2's words */
	const char	*syntax_detail;	/* when libxml2 said nothing; NULL:
					   the code's message alone */
	int		 warnings;	/* libxml2's warnings too, as syntax
					   with severity warning */
	enum xmlsafe_text text;
	int		 rng_nearest;	/* schema messages on a node without a
					   position: at its nearest ancestor
					   with one, not libxml2's line */
};

/* One source text: what the caller gives, then what the parse found. */
struct xmlsafe {
	struct diag	*d;		/* (borrowed) */
	const char	*file;		/* (borrowed) name in messages */
	const char	*buf;		/* (borrowed) the source text */
	size_t		 len;
	const size_t	*lines;		/* (borrowed) offset of each line
					   start: see xmlsafe_lines */
	size_t		 nlines;
	const struct xmlsafe_how *how;	/* (borrowed) */
	int		 errors;	/* errors reported */
	int		 reported;	/* libxml2 errors (the first is said) */
	int		 refused;	/* entity declarations refused */
	int		 oom;		/* libxml2 ran out of memory */
	int		 limited;	/* it met one of its limits */
	/*
	 * When set (after xmlsafe_init): called as each child of the root
	 * element ends, with the tree as parsed so far, which it may prune
	 * of that child (xmlsafe_drop): a large document is then never held
	 * whole.
	 */
	void		(*child_end)(void *arg, xmlNodePtr child);
	void		*child_arg;
};

/* Set up xs for a text; lines as xmlsafe_lines gives them. */
void	xmlsafe_init(struct xmlsafe *xs, struct diag *d, const char *file,
	    const char *buf, size_t len, const size_t *lines, size_t nlines,
	    const struct xmlsafe_how *how);
/* Each line's start offset in lines (unless NULL); returns how many. */
size_t	xmlsafe_lines(const char *buf, size_t len, size_t *lines);
/* 1-based line and column (in characters) of byte off in buf. */
void	xmlsafe_linecol(const char *buf, size_t len, const size_t *lines,
	    size_t nlines, size_t off, int *line, int *col);

/*
 * Parse xs's text.  NULL, reported, when it is empty, is not UTF-8,
 * declares an entity or is not well-formed.  Each element and text node
 * keeps its offset for xmlsafe_node_off.
 */
xmlDocPtr xmlsafe_parse(struct xmlsafe *xs);
/*
 * The HTML text s (len bytes of UTF-8, from a feed) as libxml2's HTML
 * parser reads it, with no network and no messages: a tree with html and
 * body elements around what s holds, entities decoded.  NULL when it
 * holds nothing.  xmlFreeDoc when done.
 */
xmlDocPtr xmlsafe_html(const char *s, size_t len);
/* Offset of n, or of its nearest ancestor with one: 0 when none. */
int	xmlsafe_node_off(const xmlNode *n, size_t *off);
/* The value of n's attribute name (no namespace): "" when empty, NULL
   when absent. */
const char *xmlsafe_attr_value(const xmlNode *n, const char *name);
/*
 * Attribute name in the raw start tag at buf[off]: the offsets of its
 * name and of the first character of its value.  0, with both at off,
 * when the raw text does not show it.
 */
int	xmlsafe_attr(const char *buf, size_t len, size_t off,
	    const char *name, size_t *name_off, size_t *val_off);

/* The compiled-in schemas, compiled once (thread-safe); NULL on failure. */
enum xmlsafe_schema {
	XMLSAFE_TIMELINE,	/* data/timeline.rng */
	XMLSAFE_STYLE		/* data/style.rng */
};
xmlRelaxNGPtr xmlsafe_schema(enum xmlsafe_schema);
/*
 * Validate doc (parsed from xs) by rng.  Each of the first 20 messages
 * goes to fn with its position: line and col 0 when unknown.  A failure
 * with none says "does not match the schema".  0 valid, -1 not (rng NULL:
 * reported as a system error).
 */
int	xmlsafe_validate(const struct xmlsafe *xs, xmlDocPtr doc,
	    xmlRelaxNGPtr rng, void (*fn)(void *arg, int line, int col,
	    const char *words), void *arg);
/*
 * The same for element n of a document being parsed, as the root of a
 * document of its own (the schema must allow it there); n is taken out
 * of its tree and freed.
 */
int	xmlsafe_validate_drop(const struct xmlsafe *xs, xmlNodePtr n,
	    xmlRelaxNGPtr rng, void (*fn)(void *arg, int line, int col,
	    const char *words), void *arg);
/* Node n of a document being parsed, taken out of its tree and freed. */
void	xmlsafe_drop(xmlNodePtr n);

#endif
