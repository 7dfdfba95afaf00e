/*
 * brk.c - line-break opportunities (docs/thai.md, "Line breaking").  Between two Thai
 * characters (U+0E01-U+0E5B) libthai decides, everywhere else ICU's UAX #14
 * line breaker with locale "th"; then fixed rules (no break inside a
 * grapheme cluster, before a Thai following vowel, mark, ๆ or ฯ, after a
 * leading vowel or an opening quote, inside 1950-53) and the word list
 * override both.  The only file that includes libthai and ICU's break
 * iterators; used through brk.h by the text engine.
 */
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

/* A word trie node; node[0] is unused so that 0 means "none". */
struct brk_node {
	uint32_t	 cp;		/* code point of the edge into it */
	uint32_t	 child;		/* first child, 0: none */
	uint32_t	 sibling;	/* next child of the same parent */
	int		 end;		/* an entry ends here */
};

struct brk {
	struct diag	*diag;		/* (borrowed) may be NULL */
	ThBrk		*th;		/* libthai, dictionary loaded: owned, or
					   borrowed when th_borrowed */
	int		 th_borrowed;
	UBreakIterator	*line;		/* (owned) ICU UBRK_LINE "th" */
	UBreakIterator	*chr;		/* (owned) ICU UBRK_CHARACTER */

	struct brk_node	*node;		/* (owned) word list trie */
	size_t		 nnode;		/* nodes in use, node[0] included */
	size_t		 nodecap;
	uint32_t	 root[ROOT_BUCKETS]; /* first nodes by first cp */
	size_t		 nwords;	/* distinct entries */

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
trie_child(const struct brk *b, uint32_t parent, uint32_t c)
{
	uint32_t x;

	x = parent == 0 ? b->root[c % ROOT_BUCKETS] : b->node[parent].child;
	while (x != 0 && b->node[x].cp != c)
		x = b->node[x].sibling;
	return x;
}

/* Add an entry of m > 0 code points; 1 if it is new. */
static int
trie_add(struct brk *b, const uint32_t *e, size_t m)
{
	uint32_t parent = 0, x = 0;
	size_t k;

	for (k = 0; k < m; k++) {
		if ((x = trie_child(b, parent, e[k])) == 0) {
			if (b->nnode == b->nodecap) {
				b->nodecap *= 2;
				b->node = xrealloc(b->node,
				    b->nodecap * sizeof(*b->node));
			}
			x = (uint32_t)b->nnode++;
			b->node[x].cp = e[k];
			b->node[x].child = 0;
			b->node[x].end = 0;
			if (parent == 0) {
				uint32_t *head = &b->root[e[k] % ROOT_BUCKETS];

				b->node[x].sibling = *head;
				*head = x;
			} else {
				b->node[x].sibling = b->node[parent].child;
				b->node[parent].child = x;
			}
		}
		parent = x;
	}
	if (b->node[x].end)
		return 0;
	b->node[x].end = 1;
	b->nwords++;
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
		if ((x = trie_child(b, x, c)) == 0)
			break;
		i = j;
		if (b->node[x].end && word_end_ok(b, i))
			best = i;
		if (b->node[x].child == 0)
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
		if (k > e && k < r && rules_allow(b, k, k - 1, 0))
			b->cc[k] = BRK_WORD;
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
		if (b->root[b->cp[p] % ROOT_BUCKETS] == 0)
			continue;
		if (p > 0 && cc[p] == BRK_NONE && is_wordchar(b->cp[p - 1]))
			continue;
		if ((e = word_match(b, p)) == 0)
			continue;
		for (k = p + 1; k < e; k++)
			cc[k] = BRK_NONE;
		if (e < n && cc[e] == BRK_NONE && is_wordchar(b->cp[e])) {
			cc[e] = BRK_WORD;
			if (thai)
				brk_resegment(b, e);
		}
		p = e - 1;
	}
}

/* brk_find and brk_find_icu: thai says whether libthai has its say. */
static int
brk_run(struct brk *b, const char *s, size_t len, unsigned char *cls,
    int thai)
{
	size_t i, n, lastnb = SIZE_MAX, ri = 0;
	uint32_t c, p;
	int ok, thaipair = 0;

	if (b == NULL || cls == NULL || (s == NULL && len > 0))
		return -1;
	memset(cls, BRK_NONE, len + 1);
	if (len == 0)
		return 0;
	if (brk_decode(b, s, len) == -1)
		return -1;
	n = b->n;
	memset(b->fl, 0, n + 1);
	for (i = 1; i < n && !thaipair; i++)
		thaipair = is_thai(b->cp[i - 1]) && is_thai(b->cp[i]);
	if (thai && thaipair)
		brk_thai(b);
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
		if (!is_blank(p))
			lastnb = i - 1;
		if (is_hard(p) && !(p == '\r' && c == '\n')) {
			b->cc[i] = BRK_HARD;
			lastnb = SIZE_MAX;
			continue;
		}
		if (thai && is_thai(p) && is_thai(c))
			ok = b->fl[i] & F_THAI;
		else
			ok = b->fl[i] & F_ICU;
		if (ok)
			ok = rules_allow(b, i, lastnb, ri);
		b->cc[i] = !ok ? BRK_NONE : is_blank(p) ? BRK_SPACE : BRK_WORD;
	}
	b->cc[n] = BRK_NONE;
	brk_words(b, thai);
	for (i = 1; i < n; i++)
		cls[b->off[i]] = b->cc[i];
	return 0;
}

int
brk_find(struct brk *b, const char *s, size_t len, unsigned char *cls)
{
	return brk_run(b, s, len, cls, 1);
}

int
brk_find_icu(struct brk *b, const char *s, size_t len, unsigned char *cls)
{
	return brk_run(b, s, len, cls, 0);
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
		added += trie_add(b, e, m);
	}
	free(e);
	return added;
}

size_t
brk_nwords(const struct brk *b)
{
	return b == NULL ? 0 : b->nwords;
}

/* A breaker over th (NULL: load libthai's dictionary, owned). */
static struct brk *
brk_make(struct diag *d, ThBrk *th)
{
	struct brk *b = xcalloc(1, sizeof(*b));
	UErrorCode st = U_ZERO_ERROR;

	b->diag = d;
	b->nodecap = 64;
	b->node = xcalloc(b->nodecap, sizeof(*b->node));
	b->nnode = 1;
	b->th_borrowed = th != NULL;
	if ((b->th = th != NULL ? th : th_brk_new(NULL)) == NULL) {
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
	free(b->node);
	free(b->cp);
	free(b->off);
	free(b->wc);
	free(b->pos);
	free(b->u16);
	free(b->u16cp);
	free(b->fl);
	free(b->cc);
	free(b);
}
