/*
 * brk.h - line-break opportunities in normalised UTF-8 text.
 *
 * Between two Thai characters libthai decides, everywhere else ICU's
 * UAX #14 line breaker ("th"); fixed Thai and punctuation rules and a word
 * list of names and terms that must not be split override both
 * (THAI.md section 4).  Input must already be normalised: U+0E4D U+0E32
 * became U+0E33 upstream.  Internal to libbriefing: included by the text
 * engine (line filling) and by tests/check_brk.c.  Only brk.c includes the
 * libthai and ICU headers.
 */
#ifndef BRK_H
#define BRK_H

#include <stddef.h>

/* What a break before byte i is; one byte per position. */
enum brk_class {
	BRK_NONE = 0,	/* no break here */
	BRK_WORD,	/* a break between two words with no space (Thai word
			   boundary, after a hyphen/dash): justification may
			   stretch here */
	BRK_SPACE,	/* a break after white space (the space is at i-1) */
	BRK_HARD	/* mandatory: after U+000A (line break from <br>),
			   also after CR, VT, FF, NEL, U+2028, U+2029 */
};

struct brk;	/* owns the libthai ThBrk, the ICU break iterators and the
		   word list */
struct diag;	/* from diag.h */

/*
 * Set up the breakers (libthai loads its dictionary, ~5 ms).  The word
 * list starts empty: add data/words.txt (embedded as tl_wordlist) and any
 * user list with brk_add_words.  The diag is borrowed.  NULL on failure,
 * reported through the diag as DIAG_IO (no libthai dictionary, ICU data
 * missing).
 */
struct brk	*brk_new(struct diag *);
/*
 * Another breaker over from's libthai dictionary (no second load), with
 * ICU iterators and a word list of its own (empty, as brk_new's).  libthai
 * (0.1.23 on) keeps each call's state apart and only reads the dictionary,
 * so the two may break on two threads at once.  from must outlive it.
 */
struct brk	*brk_new_sharing(const struct brk *from, struct diag *);
/* Where later messages go (a breaker made on another thread). */
void		 brk_set_diag(struct brk *, struct diag *);
void		 brk_free(struct brk *);

/*
 * Add a word list: one word or name per line (UTF-8), '#' starts a comment
 * (to the end of the line), blank lines are ignored, leading and trailing
 * white space is dropped and inner runs of white space count as one
 * space.  An entry with a space ("คิม จองอึน") also matches any run of
 * spaces, tabs or no-break spaces in the text, and no break is left there.
 * U+0E4D U+0E32 in an entry is read as U+0E33.  Bad lines (invalid UTF-8,
 * control characters, an entry that begins with a combining mark) are
 * reported as DIAG_WORDLIST warnings at name:line:col and skipped.
 * Returns the number of new entries (duplicates are not counted), -1 on
 * a bad argument.
 */
int		 brk_add_words(struct brk *, const char *text, size_t len,
		    const char *name);
/* Number of distinct entries in the word list. */
size_t		 brk_nwords(const struct brk *);

/*
 * Fill cls[0..len] (len + 1 entries) with the enum brk_class of a break
 * before each byte of s[0..len).  cls[0] and cls[len] are BRK_NONE
 * (callers handle the ends).  Never a break inside a UTF-8 sequence or a
 * grapheme cluster; an invalid byte counts as one character.  An entry of
 * the word list suppresses every break strictly inside it; it matches
 * leftmost-longest, starting where a word may start (text start, a break
 * opportunity, or after a character that is not a letter, digit or mark)
 * and ending at a break opportunity, the text end, a non-word character or
 * a Thai position that may take a break; then a BRK_WORD is added there,
 * overruling libthai, and the rest of that Thai run is segmented again
 * (ซอกยอล|กล่าว).  Hard breaks are never suppressed.  Reuses buffers kept
 * in the struct brk: no allocation of its own once they are large enough
 * (libthai allocates inside).  Returns 0, -1 on failure (a bad argument,
 * text of 2 GB or more, an ICU error).
 */
int		 brk_find(struct brk *, const char *s, size_t len,
		    unsigned char *cls);

/*
 * The same, with ICU's own Thai dictionary instead of libthai between Thai
 * characters (same rules and word list).  A second opinion for the
 * emergency split of a chunk that brk_find left wider than the line:
 * libthai leaves typos such as "ปะะกับประธานาธิบดี" unbroken, where ICU
 * finds ปะะ|กับ|ประธานาธิบดี.  Use brk_clusters when this fails too.
 */
int		 brk_find_icu(struct brk *, const char *s, size_t len,
		    unsigned char *cls);

/*
 * Grapheme-cluster starts (extended grapheme clusters, ICU
 * UBRK_CHARACTER): fills starts[0..len) (len entries, not len + 1) with 1
 * where byte i begins a cluster, else 0; starts[0] is 1 when len > 0.
 * For the emergency split of an over-long chunk.  Returns 0, -1 on
 * failure.
 */
int		 brk_clusters(struct brk *, const char *s, size_t len,
		    unsigned char *starts);

#endif /* BRK_H */
