/*
 * brk.c - line-break opportunities (docs/thai.md, "Line breaking").  Between two Thai
 * characters (U+0E01-U+0E5B) libthai decides, everywhere else ICU's UAX #14
 * line breaker with locale "th"; then fixed rules (no break inside a
 * grapheme cluster, before a Thai following vowel, mark, ๆ or ฯ, after a
 * leading vowel or an opening quote, inside 1950-53) and the word list
 * override both.  Each break is then graded (brk_find_graded): good where
 * ICU's own dictionary agrees, fair where it does not, poor inside a
 * compound of the lexicon, a name or a number with its unit.  The only
 * file that includes libthai and ICU's break iterators; used through
 * brk.h by the text engine.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <thai/thbrk.h>
#include <thai/thwbrk.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>

#include "base/base.h"
#include "text.h"

#define ROOT_BUCKETS	64	/* word trie: first code point % 64 */
#define BLANK_EDGE	0x20	/* trie edge that matches a run of blanks */

/* Flags per code point i (a break before cp[i]). */
#define F_ICU		0x01	/* ICU UBRK_LINE boundary */
#define F_THAI		0x02	/* libthai boundary */
#define F_CLUSTER	0x04	/* ICU UBRK_CHARACTER boundary (brk_clusters) */
#define F_DICT		0x08	/* ICU UBRK_LINE boundary, its Thai dictionary */

/* Kinds of entries (struct brk_node.end). */
#define W_LIST		0x01	/* a word list's entry */
#define W_TITLE		0x02	/* a title before a person's name */
#define W_PLACE		0x04	/* a word before a place's name */
#define W_STOP		0x08	/* a word that ends a name */
#define W_ERA		0x10	/* an era before its year */
#define W_NUMHEAD	0x20	/* a word before its number */
#define W_MONTH		0x40	/* a month after its day */
#define W_UNIT		0x80	/* a unit after its number */

#define NAME_MAX	20	/* characters in a name, at most */
#define LEX_MAX		40	/* characters in a lexicon word, at most */

/* A trie node; node[0] is unused so that 0 means "none". */
struct brk_node {
	uint32_t	 cp;		/* code point of the edge into it */
	uint32_t	 child;		/* first child, 0: none */
	uint32_t	 sibling;	/* next child of the same parent */
	int		 end;		/* entries end here: W_* kinds */
};

/* A trie of entries, each of one or more kinds. */
struct trie {
	struct brk_node	*node;		/* (owned) */
	size_t		 nnode;		/* nodes in use, node[0] included */
	size_t		 nodecap;
	uint32_t	 root[ROOT_BUCKETS]; /* first nodes by first cp */
};

struct brk {
	struct diag	*diag;		/* (borrowed) may be NULL */
	ThBrk		*th;		/* libthai, dictionary loaded: owned, or
					   borrowed when th_borrowed */
	int		 th_borrowed;
	UBreakIterator	*line;		/* (owned) ICU UBRK_LINE "th" */
	UBreakIterator	*chr;		/* (owned) ICU UBRK_CHARACTER */

	struct trie	 words;		/* the word lists */
	size_t		 nwords;	/* distinct entries */
	struct trie	 rules;		/* titles, places, units...: W_* */
	const char	*lex;		/* (borrowed) the lexicon's text */
	const uint32_t	*lexoff;	/* (borrowed) where each entry starts,
					   and the end */
	size_t		 nlex;

	/* Scratch for one text, grown on demand and kept between calls. */
	size_t		 cap;		/* capacity of each array, bytes + 1 */
	size_t		 n;		/* code points in the text */
	size_t		 nu16;		/* UTF-16 units in the text */
	uint32_t	*cp;		/* (owned) code points */
	size_t		*off;		/* (owned) byte offsets, [n] = len */
	thwchar_t	*wc;		/* (owned) copy for libthai, 0 at end */
	int		*pos;		/* (owned) libthai's break positions */
	UChar		*u16;		/* (owned) copy for ICU */
	uint32_t	*u16cp;		/* (owned) code point index per unit */
	unsigned char	*fl;		/* (owned) F_* per code point */
	unsigned char	*cc;		/* (owned) enum brk_class per cp */
	unsigned char	*gr;		/* (owned) enum brk_grade per cp */
	const char	*s;		/* (borrowed) the text, in brk_run */
};

/*
 * Decode one UTF-8 sequence at s[0..len), len > 0.  Returns its length and
 * sets *c, or returns -1 for an invalid sequence (overlong, surrogate,
 * above U+10FFFF, truncated, stray continuation byte).
 */
static int
utf8_dec(const unsigned char *s, size_t len, uint32_t *c)
{
	unsigned char b = s[0], lo = 0x80, hi = 0xBF;
	int k, i;

	if (b < 0x80) {
		*c = b;
		return 1;
	}
	if (b >= 0xC2 && b <= 0xDF) {
		k = 2;
		*c = b & 0x1F;
	} else if (b >= 0xE0 && b <= 0xEF) {
		k = 3;
		*c = b & 0x0F;
		if (b == 0xE0)
			lo = 0xA0;
		else if (b == 0xED)
			hi = 0x9F;
	} else if (b >= 0xF0 && b <= 0xF4) {
		k = 4;
		*c = b & 0x07;
		if (b == 0xF0)
			lo = 0x90;
		else if (b == 0xF4)
			hi = 0x8F;
	} else
		return -1;
	if (len < (size_t)k)
		return -1;
	for (i = 1; i < k; i++) {
		if (s[i] < lo || s[i] > hi)
			return -1;
		lo = 0x80;
		hi = 0xBF;
		*c = *c << 6 | (s[i] & 0x3F);
	}
	return k;
}

static int
is_thai(uint32_t c)
{
	return c >= 0x0E01 && c <= 0x0E5B;
}

/* Thai characters that never begin a line: ฯ ๆ, following vowels, marks. */
static int
thai_nostart(uint32_t c)
{
	switch (c) {
	case 0x0E2F:	/* ฯ PAIYANNOI */
	case 0x0E30:	/* ะ SARA A */
	case 0x0E31:	/* ั MAI HAN-AKAT */
	case 0x0E32:	/* า SARA AA */
	case 0x0E33:	/* ำ SARA AM */
	case 0x0E45:	/* ๅ LAKKHANGYAO */
	case 0x0E46:	/* ๆ MAIYAMOK */
		return 1;
	default:
		return (c >= 0x0E34 && c <= 0x0E3A) ||
		    (c >= 0x0E47 && c <= 0x0E4E);
	}
}

/* No break before these, even after white space: a line never starts so. */
static int
no_start(uint32_t c)
{
	switch (c) {
	case ',':
	case ':':
	case ';':
	case '!':
	case '?':
	case ')':
	case ']':
	case '}':
	case 0x201D:	/* ” */
		return 1;
	default:
		return thai_nostart(c);
	}
}

/* No break after these, even across white space: opening quotes. */
static int
no_end(uint32_t c)
{
	if (c == 0x201C || c == 0x2018 || c == '(' || c == '[' || c == '{')
		return 1;
	return c > 0x7F && u_charType(c) == U_START_PUNCTUATION;
}

/* White space that a line may break after (not the no-break spaces). */
static int
is_blank(uint32_t c)
{
	if (c == ' ' || c == '\t')
		return 1;
	if (c < 0x80 || c == 0xA0 || c == 0x2007 || c == 0x202F)
		return 0;
	return u_charType(c) == U_SPACE_SEPARATOR;
}

/* White space that a space in a word list entry matches. */
static int
is_entry_blank(uint32_t c)
{
	return c == ' ' || c == '\t' || c == 0xA0;
}

/* A mandatory break follows these (CR only when no LF follows). */
static int
is_hard(uint32_t c)
{
	return c == '\n' || c == '\v' || c == '\f' || c == '\r' ||
	    c == 0x85 || c == 0x2028 || c == 0x2029;
}

static int
is_dash(uint32_t c)
{
	return c == '-' || (c >= 0x2010 && c <= 0x2013);
}

static int
is_digit(uint32_t c)
{
	if (c < 0x80)
		return c >= '0' && c <= '9';
	return u_isdigit(c);
}

static int
is_mark(uint32_t c)
{
	int t;

	if (c < 0x300)
		return 0;
	t = u_charType(c);
	return t == U_NON_SPACING_MARK || t == U_COMBINING_SPACING_MARK ||
	    t == U_ENCLOSING_MARK;
}

/* Part of a word: a letter, digit or mark. */
static int
is_wordchar(uint32_t c)
{
	if (c < 0x80)
		return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' &&
		    (c | 0x20) <= 'z');
	if (is_thai(c))		/* all but ฿ ๏ ๚ ๛ */
		return c != 0x0E3F && c != 0x0E4F && c < 0x0E5A;
	return u_isalnum(c) || is_mark(c);
}

/*
 * Is there a grapheme cluster boundary between p and c (UAX #29)?  ri is
 * the number of regional indicators just before c (GB12-13: flags are
 * pairs).  GB11 (emoji ZWJ sequences) needs no test: ICU's line rule LB8a
 * never breaks after a ZWJ, and libthai only sees Thai.  Cheaper than
 * running ICU's UBRK_CHARACTER over the whole text; the tests compare the
 * two on random text.
 */
static int
cluster_boundary(uint32_t p, uint32_t c, size_t ri)
{
	int gp, gc;

	if (p >= 0x20 && p < 0x7F && c >= 0x20 && c < 0x7F)
		return 1;
	gp = u_getIntPropertyValue(p, UCHAR_GRAPHEME_CLUSTER_BREAK);
	gc = u_getIntPropertyValue(c, UCHAR_GRAPHEME_CLUSTER_BREAK);
	if (gp == U_GCB_CR && gc == U_GCB_LF)
		return 0;
	if (gp == U_GCB_CONTROL || gp == U_GCB_CR || gp == U_GCB_LF ||
	    gc == U_GCB_CONTROL || gc == U_GCB_CR || gc == U_GCB_LF)
		return 1;
	if (gc == U_GCB_EXTEND || gc == U_GCB_ZWJ || gc == U_GCB_SPACING_MARK ||
	    gp == U_GCB_PREPEND)
		return 0;
	if (gp == U_GCB_L && (gc == U_GCB_L || gc == U_GCB_V ||
	    gc == U_GCB_LV || gc == U_GCB_LVT))
		return 0;
	if ((gp == U_GCB_LV || gp == U_GCB_V) &&
	    (gc == U_GCB_V || gc == U_GCB_T))
		return 0;
	if ((gp == U_GCB_LVT || gp == U_GCB_T) && gc == U_GCB_T)
		return 0;
	if (gp == U_GCB_REGIONAL_INDICATOR && gc == U_GCB_REGIONAL_INDICATOR)
		return ri % 2 == 0;
	return 1;
}

/*
 * The fixed rules: may the line break before cp[i], 0 < i < n?  lastnb is
 * the index of the last non-blank code point before i (i - 1 unless cp[i - 1]
 * is white space), or SIZE_MAX for none; ri the number of regional
 * indicators that end at cp[i - 1].
 */
static int
rules_allow(const struct brk *b, size_t i, size_t lastnb, size_t ri)
{
	const uint32_t *cp = b->cp;
	uint32_t c = cp[i], p = cp[i - 1];

	if (no_start(c))
		return 0;
	if (p >= 0x0E40 && p <= 0x0E44)		/* leading vowel */
		return 0;
	if (lastnb != SIZE_MAX && no_end(cp[lastnb]))
		return 0;
	/* 1950-53, 1945-1948, 1950–1953 stay whole. */
	if (is_digit(c) && (is_digit(p) ||
	    (is_dash(p) && i >= 2 && is_digit(cp[i - 2]))))
		return 0;
	if (is_dash(c) && is_digit(p) && i + 1 < b->n && is_digit(cp[i + 1]))
		return 0;
	return cluster_boundary(p, c, ri);
}

/* Make room for a text of len bytes in the scratch arrays. */
static void
brk_grow(struct brk *b, size_t len)
{
	size_t cap = b->cap;

	if (len + 1 <= cap)
		return;
	if (cap < 256)
		cap = 256;
	while (cap < len + 1)
		cap *= 2;
	b->cp = xrealloc(b->cp, cap * sizeof(*b->cp));
	b->off = xrealloc(b->off, cap * sizeof(*b->off));
	b->wc = xrealloc(b->wc, cap * sizeof(*b->wc));
	b->pos = xrealloc(b->pos, cap * sizeof(*b->pos));
	b->u16 = xrealloc(b->u16, cap * sizeof(*b->u16));
	b->u16cp = xrealloc(b->u16cp, cap * sizeof(*b->u16cp));
	b->fl = xrealloc(b->fl, cap);
	b->cc = xrealloc(b->cc, cap);
	b->gr = xrealloc(b->gr, cap);
	b->cap = cap;
}

/*
 * Decode s into cp/off and the UTF-16 copy with its index map.  An invalid
 * byte becomes one U+FFFD.  UTF-16 needs no more units than UTF-8 bytes.
 */
static int
brk_decode(struct brk *b, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, n = 0, m = 0;
	uint32_t c;
	int k;

	if (len >= INT32_MAX)
		return -1;
	brk_grow(b, len);
	while (i < len) {
		if (u[i] < 0x80) {
			c = u[i];
			k = 1;
		} else if ((k = utf8_dec(u + i, len - i, &c)) < 0) {
			c = 0xFFFD;
			k = 1;
		}
		b->cp[n] = c;
		b->off[n] = i;
		if (c < 0x10000) {
			b->u16[m] = (UChar)c;
			b->u16cp[m++] = (uint32_t)n;
		} else {
			b->u16[m] = (UChar)(0xD7C0 + (c >> 10));
			b->u16cp[m++] = (uint32_t)n;
			b->u16[m] = (UChar)(0xDC00 | (c & 0x3FF));
			b->u16cp[m++] = (uint32_t)n;
		}
		n++;
		i += (size_t)k;
	}
	b->off[n] = len;
	b->u16cp[m] = (uint32_t)n;
	b->n = n;
	b->nu16 = m;
	return 0;
}

/* Set flag on every boundary that the ICU iterator finds. */
static int
brk_icu(struct brk *b, UBreakIterator *bi, unsigned char flag)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t p;

	if (bi == NULL)
		return -1;
	ubrk_setText(bi, b->u16, (int32_t)b->nu16, &st);
	if (U_FAILURE(st))
		return -1;
	for (p = ubrk_first(bi); p != UBRK_DONE; p = ubrk_next(bi))
		b->fl[b->u16cp[p]] |= flag;
	return 0;
}

/* Set F_THAI on libthai's breaks; one call over the whole text. */
static void
brk_thai(struct brk *b)
{
	size_t i, n = b->n;
	int j, k;

	for (i = 0; i < n; i++)
		b->wc[i] = b->cp[i] != 0 ? (thwchar_t)b->cp[i] : 0xFFFD;
	b->wc[n] = 0;
	k = th_brk_wc_find_breaks(b->th, b->wc, b->pos, n);
	for (j = 0; j < k; j++)
		if (b->pos[j] > 0 && (size_t)b->pos[j] < n)
			b->fl[b->pos[j]] |= F_THAI;
}

/*
 * Hide Thai from ICU's line breaker when libthai decides inside Thai: UAX #14
 * rule LB1 reads Complex_Context (SA) characters as AL, or as CM when they
 * are marks, everywhere but between two of them, so 'a' and U+0300 give the
 * same answers at every position ICU decides, and ICU skips its Thai
 * dictionary (a third of the time).  Checked on 1.2 million random positions.
 */
static void
brk_mask(struct brk *b)
{
	size_t i;
	UChar c;

	for (i = 0; i < b->nu16; i++) {
		c = b->u16[i];
		if (c < 0x0E01 || c > 0x0E4E)
			continue;
		if (c == 0x0E31 || (c >= 0x0E34 && c <= 0x0E3A) ||
		    (c >= 0x0E47 && c <= 0x0E4E))
			b->u16[i] = 0x0300;
		else if (c <= 0x0E30 || c == 0x0E32 || c == 0x0E33 ||
		    c >= 0x0E40)
			b->u16[i] = 'a';
	}
}

/* Find the next child of parent (0: the root) along edge c. */
static uint32_t
trie_child(const struct trie *t, uint32_t parent, uint32_t c)
{
	uint32_t x;

	x = parent == 0 ? t->root[c % ROOT_BUCKETS] : t->node[parent].child;
	while (x != 0 && t->node[x].cp != c)
		x = t->node[x].sibling;
	return x;
}

/* Add an entry of m > 0 code points of kind; 1 if it is new. */
static int
trie_add(struct trie *t, const uint32_t *e, size_t m, int kind)
{
	uint32_t parent = 0, x = 0;
	size_t k;

	if (t->node == NULL) {
		t->nodecap = 64;
		t->node = xcalloc(t->nodecap, sizeof(*t->node));
		t->nnode = 1;
	}
	for (k = 0; k < m; k++) {
		if ((x = trie_child(t, parent, e[k])) == 0) {
			if (t->nnode == t->nodecap) {
				t->nodecap *= 2;
				t->node = xrealloc(t->node,
				    t->nodecap * sizeof(*t->node));
			}
			x = (uint32_t)t->nnode++;
			t->node[x].cp = e[k];
			t->node[x].child = 0;
			t->node[x].end = 0;
			if (parent == 0) {
				uint32_t *head = &t->root[e[k] % ROOT_BUCKETS];

				t->node[x].sibling = *head;
				*head = x;
			} else {
				t->node[x].sibling = t->node[parent].child;
				t->node[parent].child = x;
			}
		}
		parent = x;
	}
	if (t->node[x].end & kind)
		return 0;
	t->node[x].end |= kind;
	return 1;
}

/*
 * May an entry end before cp[e]?  At the end, at a break opportunity, before
 * a character that is not part of a word, or between two Thai characters
 * where the rules allow a break (libthai's segmentation is overruled).
 */
static int
word_end_ok(const struct brk *b, size_t e)
{
	if (e == b->n || b->cc[e] != BRK_NONE || !is_wordchar(b->cp[e]))
		return 1;
	return is_thai(b->cp[e - 1]) && is_thai(b->cp[e]) &&
	    rules_allow(b, e, e - 1, 0);
}

/* The end of the longest entry that starts at cp[p], or 0 for none. */
static size_t
word_match(const struct brk *b, size_t p)
{
	size_t i = p, j, best = 0, n = b->n;
	uint32_t x = 0, c;

	while (i < n) {
		c = b->cp[i];
		if (is_entry_blank(c)) {
			for (j = i + 1; j < n && is_entry_blank(b->cp[j]); j++)
				continue;
			c = BLANK_EDGE;
		} else
			j = i + 1;
		if ((x = trie_child(&b->words, x, c)) == 0)
			break;
		i = j;
		if (b->words.node[x].end && word_end_ok(b, i))
			best = i;
		if (b->words.node[x].child == 0)
			break;
	}
	return best;
}

/*
 * An entry ended at e where libthai saw no break (ปูติน|อาจ): segment the
 * rest of that Thai run again on its own, since libthai's maximal matching
 * joined the end of the name to what follows (ซอกยอล|กล่าว, not
 * ซอกยอ|ลก|ล่า|ว).  Needs b->wc, filled by brk_thai.
 */
static void
brk_resegment(struct brk *b, size_t e)
{
	size_t r, k, n = b->n;
	thwchar_t save;
	int j, cnt;

	for (r = e; r < n && is_thai(b->cp[r]); r++)
		continue;
	if (r - e < 2)
		return;
	save = b->wc[r];
	b->wc[r] = 0;
	cnt = th_brk_wc_find_breaks(b->th, b->wc + e, b->pos, r - e);
	b->wc[r] = save;
	for (k = e + 1; k < r; k++)
		b->cc[k] = BRK_NONE;
	for (j = 0; j < cnt; j++) {
		k = e + (size_t)b->pos[j];
		if (k > e && k < r && rules_allow(b, k, k - 1, 0)) {
			b->cc[k] = BRK_WORD;
			b->gr[k] = b->fl[k] & F_DICT ? BRK_GOOD : BRK_FAIR;
		}
	}
}

/*
 * Apply the word list to b->cc: no break strictly inside an entry; a
 * break after it when it ends inside a Thai run (then, with libthai, the
 * rest of the run is segmented again).
 */
static void
brk_words(struct brk *b, int thai)
{
	size_t p, e, k, n = b->n;
	unsigned char *cc = b->cc;

	if (b->nwords == 0)
		return;
	for (p = 0; p < n; p++) {
		if (b->words.root[b->cp[p] % ROOT_BUCKETS] == 0)
			continue;
		if (p > 0 && cc[p] == BRK_NONE && is_wordchar(b->cp[p - 1]))
			continue;
		if ((e = word_match(b, p)) == 0)
			continue;
		for (k = p + 1; k < e; k++)
			cc[k] = BRK_NONE;
		if (e < n && cc[e] == BRK_NONE && is_wordchar(b->cp[e])) {
			cc[e] = BRK_WORD;
			b->gr[e] = BRK_GOOD;	/* the list says a word ends */
			if (thai)
				brk_resegment(b, e);
		}
		p = e - 1;
	}
}

/* Byte strings in the order of their bytes, a prefix first. */
static int
bytes_cmp(const char *a, size_t al, const char *b, size_t bl)
{
	int r = memcmp(a, b, al < bl ? al : bl);

	return r != 0 ? r : (al > bl) - (al < bl);
}

/* Raise the grade of a break at i (none there: nothing). */
static void
grade_at(struct brk *b, size_t i, int g)
{
	if (i < b->n && b->cc[i] != BRK_NONE && b->gr[i] < g)
		b->gr[i] = g;
}

/* Every break strictly inside [a, z) is poor. */
static void
grade_inside(struct brk *b, size_t a, size_t z)
{
	for (a++; a < z; a++)
		grade_at(b, a, BRK_POOR);
}

/* A Thai letter, vowel or mark: a piece of a Thai word (not ๆ ฯ ฿ ๏ or a digit). */
static int
is_thai_letter(uint32_t c)
{
	return c >= 0x0E01 && c <= 0x0E4E && c != 0x0E2F && c != 0x0E3F &&
	    c != 0x0E46;
}

/*
 * Where a word may begin or end: the text's ends, a break, next to
 * anything but a Thai letter, or a word boundary that libthai sees (not
 * ICU's: its errors inside syllables, ขอก|ระสุน, would match words).
 */
static int
seg_edge(const struct brk *b, size_t i)
{
	return i == 0 || i >= b->n || b->cc[i] != BRK_NONE ||
	    !is_thai_letter(b->cp[i - 1]) || !is_thai_letter(b->cp[i]) ||
	    (b->fl[i] & F_THAI);
}

/*
 * Compare the text [a, z) (code points) with lexicon entry k as bytes:
 * <0, 0, >0; *prefix says whether the text begins the entry.
 */
static int
lex_cmp(const struct brk *b, size_t a, size_t z, size_t k, int *prefix)
{
	size_t tl = b->off[z] - b->off[a], el = b->lexoff[k + 1] -
	    b->lexoff[k];
	int r = bytes_cmp(b->s + b->off[a], tl, b->lex + b->lexoff[k], el);

	*prefix = r <= 0 && memcmp(b->s + b->off[a], b->lex + b->lexoff[k],
	    tl < el ? tl : el) == 0;
	return r;
}

/*
 * The lexicon: a break strictly inside a word of it is poor, when the word
 * begins and ends where libthai sees a boundary (หลักเขต|แดน: เขตแดน).  For each such start, the
 * candidate ends are tried in order while some entry still begins with
 * the text, the search narrowing as it goes.
 */
static void
brk_lexicon(struct brk *b)
{
	size_t n = b->n, a, z, lo, hi, mid, inner;
	int pre, r;

	if (b->nlex == 0)
		return;
	for (a = 0; a < n; a++) {
		if (!is_thai_letter(b->cp[a]) || !seg_edge(b, a))
			continue;
		lo = 0;
		inner = 0;
		for (z = a + 1; z <= n && z - a <= LEX_MAX; z++) {
			if (z < n && !seg_edge(b, z))
				continue;
			for (hi = b->nlex; lo < hi; ) {	/* first >= text */
				mid = lo + (hi - lo) / 2;
				if (lex_cmp(b, a, z, mid, &pre) > 0)
					lo = mid + 1;
				else
					hi = mid;
			}
			if (lo == b->nlex)
				break;
			r = lex_cmp(b, a, z, lo, &pre);
			if (!pre)
				break;
			if (r == 0 && inner)
				grade_inside(b, a, z);
			inner = 1;
			if (z == n || !is_thai_letter(b->cp[z]))
				break;
		}
	}
}

/*
 * The longest entry of the rules of one of kinds at cp[i] that ends where
 * a word may end; its end, or 0.  *kind gets the entry's kinds.
 */
static size_t
rule_at(const struct brk *b, size_t i, int kinds, int *kind)
{
	size_t best = 0;
	uint32_t x = 0;

	*kind = 0;
	if (b->rules.node == NULL)
		return 0;
	for (; i < b->n; i++) {
		if ((x = trie_child(&b->rules, x, b->cp[i])) == 0)
			break;
		if ((b->rules.node[x].end & kinds) && seg_edge(b, i + 1)) {
			best = i + 1;
			*kind = b->rules.node[x].end & kinds;
		}
	}
	return best;
}

/* After white space at i, the next character; i when there is none. */
static size_t
skip_blanks(const struct brk *b, size_t i)
{
	while (i < b->n && is_entry_blank(b->cp[i]))
		i++;
	return i;
}

/*
 * The end of a name that begins at cp[i]: its Thai letters, up to a word
 * that ends names (ใน, ที่, กล่าว) or begins another (จังหวัด, นาย);
 * 0 when it is not a name: shorter than two letters, longer than max.
 */
static size_t
name_end(const struct brk *b, size_t i, size_t max)
{
	size_t z;
	int kind;

	for (z = i; z < b->n && is_thai_letter(b->cp[z]); z++) {
		if (z - i >= max)
			return 0;
		if (z > i && seg_edge(b, z) &&
		    rule_at(b, z, W_STOP | W_TITLE | W_PLACE, &kind) != 0)
			break;
	}
	if (z - i < 2 || rule_at(b, i, W_STOP, &kind) != 0)
		return 0;
	return z;
}

/*
 * A person after a title at [t, e): นายอนุทิน ชาญวีรกูล, พล.อ. ประยุทธ์,
 * สมเด็จพระนโรดม สีหนุ.  The given name and the surname are poor breaks
 * inside, and so are the title's end and the space between them.
 */
static void
rule_person(struct brk *b, size_t e)
{
	size_t g = skip_blanks(b, e), z, s, sz;

	if ((z = name_end(b, g, NAME_MAX)) == 0)
		return;
	grade_at(b, g, BRK_POOR);
	grade_inside(b, g, z);
	if ((s = skip_blanks(b, z)) == z || s >= b->n)
		return;
	if ((sz = name_end(b, s, NAME_MAX)) == 0 ||
	    (sz < b->n && is_thai_letter(b->cp[sz])))
		return;
	grade_at(b, s, BRK_POOR);
	grade_inside(b, s, sz);
}

/*
 * A place after its word: บ้านหาดเล็ก, ปราสาทตาควาย, จังหวัดสระแก้ว.  The
 * name is a poor break inside; its start a fair one.
 */
static void
rule_place(struct brk *b, size_t e)
{
	size_t z;

	if (e >= b->n || !is_thai_letter(b->cp[e]) ||
	    (z = name_end(b, e, NAME_MAX)) == 0)
		return;
	grade_at(b, e, BRK_FAIR);
	grade_inside(b, e, z);
}

/* A number from cp[i] (digits, with , or . between them): its end. */
static size_t
number_end(const struct brk *b, size_t i)
{
	while (i < b->n && (is_digit(b->cp[i]) || ((b->cp[i] == ',' ||
	    b->cp[i] == '.') && i + 1 < b->n && is_digit(b->cp[i + 1]) &&
	    i > 0 && is_digit(b->cp[i - 1]))))
		i++;
	return i;
}

/*
 * Names and numbers: a person after a title, a place after its word, an
 * era and its year (พ.ศ. ๒๕๖๘), a number after its word (ครั้งที่ 2), a
 * day and its month (๙ พฤศจิกายน), a number and its unit (3,600
 * เมกะวัตต์, 12.5 %): the breaks between them and inside the names are
 * poor ones, taken when nothing else fits.
 */
static void
brk_rules(struct brk *b)
{
	size_t i, e, j, n = b->n;
	int kind;

	for (i = 0; i < n; i++) {
		if (is_digit(b->cp[i]) && (i == 0 || !is_digit(b->cp[i - 1]))) {
			e = number_end(b, i);
			j = skip_blanks(b, e);
			if (j > e && rule_at(b, j, W_UNIT | W_MONTH, &kind) &&
			    (kind & W_UNIT || e - i <= 2))
				grade_at(b, j, BRK_POOR);
			i = e - 1;
			continue;
		}
		if (!seg_edge(b, i) || (e = rule_at(b, i, W_TITLE | W_PLACE |
		    W_ERA | W_NUMHEAD, &kind)) == 0)
			continue;
		j = skip_blanks(b, e);
		if ((kind & (W_ERA | W_NUMHEAD)) && j > e && j < n &&
		    is_digit(b->cp[j]))
			grade_at(b, j, BRK_POOR);
		if (kind & W_TITLE) {
			grade_inside(b, i, e);	/* สมเด็จ|พระ */
			rule_person(b, e);
		}
		else if (kind & W_PLACE)
			rule_place(b, e);
	}
}

/*
 * brk_find, brk_find_graded and brk_find_icu: thai says whether libthai
 * has its say; grade, when not NULL, gets each break's enum brk_grade.
 */
static int
brk_run(struct brk *b, const char *s, size_t len, unsigned char *cls,
    unsigned char *grade, int thai)
{
	size_t i, n, lastnb = SIZE_MAX, ri = 0;
	uint32_t c, p;
	int ok, thaipair = 0;

	if (b == NULL || cls == NULL || (s == NULL && len > 0))
		return -1;
	memset(cls, BRK_NONE, len + 1);
	if (grade != NULL)
		memset(grade, BRK_GOOD, len + 1);
	if (len == 0)
		return 0;
	if (brk_decode(b, s, len) == -1)
		return -1;
	n = b->n;
	b->s = s;
	memset(b->fl, 0, n + 1);
	for (i = 1; i < n && !thaipair; i++)
		thaipair = is_thai(b->cp[i - 1]) && is_thai(b->cp[i]);
	if (thai && thaipair)
		brk_thai(b);
	/* ICU's own Thai words, before they are hidden: a second opinion */
	if (thai && thaipair && grade != NULL &&
	    brk_icu(b, b->line, F_DICT) == -1)
		return -1;
	/* with no Thai pair too: "พ.ศ." would wake ICU's Thai dictionary */
	if (thai)
		brk_mask(b);
	if (brk_icu(b, b->line, F_ICU) == -1)
		return -1;

	b->cc[0] = BRK_NONE;
	for (i = 1; i < n; i++) {
		p = b->cp[i - 1];
		c = b->cp[i];
		ri = p >= 0x1F1E6 && p <= 0x1F1FF ? ri + 1 : 0;
		b->gr[i] = BRK_GOOD;
		if (!is_blank(p))
			lastnb = i - 1;
		if (is_hard(p) && !(p == '\r' && c == '\n')) {
			b->cc[i] = BRK_HARD;
			lastnb = SIZE_MAX;
			continue;
		}
		if (thai && is_thai(p) && is_thai(c)) {
			ok = b->fl[i] & F_THAI;
			/* libthai's alone: ICU's dictionary sees none */
			if (!(b->fl[i] & F_DICT))
				b->gr[i] = BRK_FAIR;
		} else
			ok = b->fl[i] & F_ICU;
		if (ok)
			ok = rules_allow(b, i, lastnb, ri);
		b->cc[i] = !ok ? BRK_NONE : is_blank(p) ? BRK_SPACE : BRK_WORD;
	}
	b->cc[n] = BRK_NONE;
	brk_words(b, thai);
	if (grade != NULL && thai) {
		brk_lexicon(b);
		brk_rules(b);
	}
	for (i = 1; i < n; i++) {
		cls[b->off[i]] = b->cc[i];
		if (grade != NULL && b->cc[i] != BRK_NONE)
			grade[b->off[i]] = b->gr[i];
	}
	b->s = NULL;
	return 0;
}

int
brk_find(struct brk *b, const char *s, size_t len, unsigned char *cls)
{
	return brk_run(b, s, len, cls, NULL, 1);
}

int
brk_find_graded(struct brk *b, const char *s, size_t len, unsigned char *cls,
    unsigned char *grade)
{
	return brk_run(b, s, len, cls, grade, 1);
}

int
brk_find_icu(struct brk *b, const char *s, size_t len, unsigned char *cls)
{
	return brk_run(b, s, len, cls, NULL, 0);
}

int
brk_clusters(struct brk *b, const char *s, size_t len, unsigned char *starts)
{
	size_t i;

	if (b == NULL || starts == NULL || (s == NULL && len > 0))
		return -1;
	if (len == 0)
		return 0;
	memset(starts, 0, len);
	if (brk_decode(b, s, len) == -1)
		return -1;
	memset(b->fl, 0, b->n + 1);
	if (brk_icu(b, b->chr, F_CLUSTER) == -1)
		return -1;
	for (i = 0; i < b->n; i++)
		if (b->fl[i] & F_CLUSTER)
			starts[b->off[i]] = 1;
	return 0;
}

int
brk_split_points(struct brk *b, const char *s, size_t len,
    unsigned char *starts)
{
	size_t i, lastnb = SIZE_MAX, ri = 0;

	if (brk_clusters(b, s, len, starts) == -1)
		return -1;
	if (len == 0)
		return 0;
	for (i = 1; i < b->n; i++) {
		ri = b->cp[i - 1] >= 0x1F1E6 && b->cp[i - 1] <= 0x1F1FF ?
		    ri + 1 : 0;
		if (!is_blank(b->cp[i - 1]))
			lastnb = i - 1;
		if (starts[b->off[i]] && !rules_allow(b, i, lastnb, ri))
			starts[b->off[i]] = 0;
	}
	return 0;
}

/* Report a bad word list line. */
static void
brk_badline(struct brk *b, const char *name, int line, int col,
    const char *what, uint32_t c)
{
	if (b->diag == NULL)
		return;
	if (c != 0)
		diag_emit(b->diag, DIAG_WORDLIST, name, line, col,
		    "%s U+%04X", what, (unsigned)c);
	else
		diag_emit(b->diag, DIAG_WORDLIST, name, line, col, "%s", what);
}

int
brk_add_words(struct brk *b, const char *text, size_t len, const char *name)
{
	const unsigned char *u = (const unsigned char *)text;
	uint32_t *e = NULL, c;
	size_t ecap = 0, m, i, eol;
	int line = 0, col, k, added = 0, blank, bad;

	if (b == NULL || (text == NULL && len > 0))
		return -1;
	for (i = 0; i < len; i = eol + 1) {
		line++;
		for (eol = i; eol < len && u[eol] != '\n'; eol++)
			continue;
		if (ecap < eol - i + 1) {
			ecap = eol - i + 1;
			e = xrealloc(e, ecap * sizeof(*e));
		}
		m = 0;
		blank = bad = 0;
		for (col = 1; i < eol; col++, i += (size_t)k) {
			char nt[6];
			size_t used, nl;

			/* normalised Thai (thai.c): one or two characters */
			if ((used = thai_norm_at(text + i, eol - i, nt,
			    &nl)) > 0) {
				if (blank)
					e[m++] = BLANK_EDGE;
				blank = 0;
				if (nl == 6)
					e[m++] = 0x0E48 + (uint32_t)
					    ((unsigned char)nt[2] - 0x88);
				e[m++] = 0x0E33;
				col += (int)(used / 3) - 1;
				k = (int)used;
				continue;
			}
			if ((k = utf8_dec(u + i, eol - i, &c)) < 0) {
				brk_badline(b, name, line, col,
				    "invalid UTF-8", 0);
				bad = 1;
				break;
			}
			if (c == '#')
				break;
			if (c == 0xFEFF && line == 1 && col == 1)
				continue;	/* byte order mark */
			if (is_entry_blank(c) || c == '\r') {
				blank = m > 0;
				continue;
			}
			if (c < 0x20 || (c >= 0x7F && c < 0xA0) ||
			    c == 0x2028 || c == 0x2029) {
				brk_badline(b, name, line, col,
				    "control character", c);
				bad = 1;
				break;
			}
			if (blank)
				e[m++] = BLANK_EDGE;
			blank = 0;
			e[m++] = c;
		}
		if (bad || m == 0)
			continue;
		if (thai_nostart(e[0]) || is_mark(e[0])) {
			brk_badline(b, name, line, 0,
			    "entry begins with a combining character", e[0]);
			continue;
		}
		if (trie_add(&b->words, e, m, W_LIST)) {
			b->nwords++;
			added++;
		}
	}
	free(e);
	return added;
}

size_t
brk_nwords(const struct brk *b)
{
	return b == NULL ? 0 : b->nwords;
}

/*
 * The words of the rules for names and numbers (brk_rules), by kind.  What
 * a rule cannot know (a name with no title: ฮุน เซน) goes in the word list.
 */
static const struct {
	int		 kind;
	const char	*words;		/* separated by spaces */
} rule_words[] = {
	{ W_TITLE, "นาย นาง นางสาว ด.ช. ด.ญ. ดร. ศ. รศ. ผศ. คุณ สมเด็จ "
	    "สมเด็จพระ ม.ร.ว. ม.ล. หม่อมราชวงศ์ หม่อมหลวง พล.อ. พล.ท. "
	    "พล.ต. พล.ร.อ. พล.อ.อ. พล.ต.อ. พล.ต.ท. พล.ต.ต. พ.อ. พ.ท. พ.ต. "
	    "ร.อ. ร.ท. ร.ต. พ.ต.อ. พ.ต.ท. พ.ต.ต. ร.ต.อ. จ.ส.อ." },
	{ W_PLACE, "จังหวัด อำเภอ ตำบล บ้าน ปราสาท ช่อง ภู เขา" },
	{ W_STOP, "ใน ที่ ของ และ ซึ่ง ได้ ว่า จะ เป็น มี ไป มา จาก กับ แต่ "
	    "โดย เพื่อ ให้ ก็ ยัง ถูก อยู่ หรือ เมื่อ หลัง ก่อน ระหว่าง ตาม "
	    "ด้าน นี้ นั้น แล้ว ไม่ ทั้ง อีก คือ ต่อ แห่ง ถึง ใกล้ ริม "
	    "บริเวณ กว่า กล่าว ระบุ เปิดเผย ยืนยัน แถลง" },
	{ W_ERA, "พ.ศ. ค.ศ. ร.ศ. จ.ศ. ม.ศ." },
	{ W_NUMHEAD, "ที่ ปี หมายเลข มาตรา" },
	{ W_MONTH, "มกราคม กุมภาพันธ์ มีนาคม เมษายน พฤษภาคม มิถุนายน "
	    "กรกฎาคม สิงหาคม กันยายน ตุลาคม พฤศจิกายน ธันวาคม ม.ค. ก.พ. "
	    "มี.ค. เม.ย. พ.ค. มิ.ย. ก.ค. ส.ค. ก.ย. ต.ค. พ.ย. ธ.ค." },
	{ W_UNIT, "% ล้าน พัน หมื่น แสน ร้อย บาท ดอลลาร์ ยูโร หยวน เรียล "
	    "กีบ วัตต์ กิโลวัตต์ เมกะวัตต์ เมตร กิโลเมตร เซนติเมตร "
	    "มิลลิเมตร ไมล์ ไร่ ตารางเมตร ตารางกิโลเมตร ลูกบาศก์เมตร ลิตร "
	    "ตัน กิโลกรัม กรัม องศา เปอร์เซ็นต์ คน ราย ครั้ง ปี เดือน "
	    "สัปดาห์ วัน ชั่วโมง นาที วินาที แห่ง หลัง ลำ คัน นัด ลูก นาย "
	    "ครอบครัว กม. ม. ซม. มม. กก. ชม. ตร.กม. ลบ.ม." },
};

/* Put the rules' words into their trie. */
static void
rules_load(struct brk *b)
{
	uint32_t e[32];
	size_t r, m;
	const unsigned char *u;
	int k;

	for (r = 0; r < sizeof(rule_words) / sizeof(rule_words[0]); r++) {
		u = (const unsigned char *)rule_words[r].words;
		for (m = 0; ; u += k) {
			if (*u == ' ' || *u == '\0') {
				if (m > 0)
					trie_add(&b->rules, e, m,
					    rule_words[r].kind);
				m = 0;
				if (*u == '\0')
					break;
				k = 1;
				continue;
			}
			k = utf8_dec(u, 4, &e[m]);
			if (m < 31)
				m++;
		}
	}
}

int
brk_set_lexicon(struct brk *b, const struct brk_lexicon *lx)
{
	if (b == NULL || (lx != NULL && lx->n > 0 && (lx->text == NULL ||
	    lx->off == NULL)) || (lx != NULL && lx->n > INT32_MAX))
		return -1;
	b->lex = lx != NULL ? lx->text : NULL;
	b->lexoff = lx != NULL ? lx->off : NULL;
	b->nlex = lx != NULL ? lx->n : 0;
	return (int)b->nlex;
}

/* A breaker over th (NULL: load libthai's dictionary, owned). */
static struct brk *
brk_make(struct diag *d, ThBrk *th)
{
	struct brk *b = xcalloc(1, sizeof(*b));
	UErrorCode st = U_ZERO_ERROR;

	b->diag = d;
	b->th_borrowed = th != NULL;
	rules_load(b);
	errno = 0;
	if ((b->th = th != NULL ? th : th_brk_new(NULL)) == NULL) {
		if (errno == ENOMEM)	/* the file is there: memory is not */
			tl_oom();
		if (d != NULL)
			diag_emit(d, DIAG_IO, NULL, 0, 0, "libthai dictionary "
			    "(install libthai-data or set LIBTHAI_DICTDIR)");
		goto fail;
	}
	b->line = ubrk_open(UBRK_LINE, "th", NULL, 0, &st);
	if (U_SUCCESS(st))
		b->chr = ubrk_open(UBRK_CHARACTER, "th", NULL, 0, &st);
	if (U_FAILURE(st)) {
		if (d != NULL)
			diag_emit(d, DIAG_IO, NULL, 0, 0, "ICU break rules: %s",
			    u_errorName(st));
		goto fail;
	}
	return b;
fail:
	brk_free(b);
	return NULL;
}

void
brk_set_diag(struct brk *b, struct diag *d)
{
	b->diag = d;
}

struct brk *
brk_new(struct diag *d)
{
	return brk_make(d, NULL);
}

struct brk *
brk_new_sharing(const struct brk *from, struct diag *d)
{
	return from != NULL ? brk_make(d, from->th) : NULL;
}

void
brk_free(struct brk *b)
{
	if (b == NULL)
		return;
	if (b->th != NULL && !b->th_borrowed)
		th_brk_delete(b->th);
	if (b->line != NULL)
		ubrk_close(b->line);
	if (b->chr != NULL)
		ubrk_close(b->chr);
	free(b->words.node);
	free(b->rules.node);
	free(b->cp);
	free(b->off);
	free(b->wc);
	free(b->pos);
	free(b->u16);
	free(b->u16cp);
	free(b->fl);
	free(b->cc);
	free(b->gr);
	free(b);
}
