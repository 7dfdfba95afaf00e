/*
 * text.h - the text stage: fonts (fontconfig, with its answers cached
 * between runs), line-break opportunities (libthai and ICU), and shaping
 * (HarfBuzz).  Used by the layout and the pdf stage.  Depends on base.
 */
#ifndef TEXT_H
#define TEXT_H

#include <stddef.h>
#include <stdint.h>
#include <hb.h>

/*
 * font.h - font selection (fontconfig) and the font cache.
 *
 * A fontset is one private fontconfig configuration (project fonts first,
 * then the system's) plus every font file loaded through it.  A fontchain
 * is a family list with a weight and slant; it answers "which font draws
 * this character" with per-character fallback.  Fonts and chains belong to
 * the fontset and go with fontset_free.
 *
 * Used by the layout and the pdf stage.  Only font.c includes
 * fontconfig.
 */
struct diag;
struct fontset;
struct fontchain;
struct font_face;

/* The default family list for body text. */
#define FONT_DEFAULT_FAMILIES \
	"TH Sarabun New, Laksaman, Noto Serif Thai, Noto Sans Thai, Garuda"

/*
 * One loaded face at one size factor.  Positions from HarfBuzz are in font
 * units: a length in points is units * size * scale / upem.
 */
struct font {
	hb_font_t	*hb;		/* (borrowed) scale = upem */
	hb_face_t	*face;		/* (borrowed) */
	unsigned	 upem;		/* units per em */
	double		 scale;		/* size factor, see font.c (Sarabun) */
	const char	*file;		/* (borrowed) absolute path */
	unsigned	 index;		/* face in a collection (FC_INDEX) */
	const char	*family;	/* (borrowed) first family name */
	const char	*style;		/* (borrowed) style name */
	int		 weight;	/* fontconfig: 80 regular, 200 bold */
	int		 slant;		/* fontconfig slant (0 roman) */
	int32_t		 ascender;	/* [font units] hhea/OS2, positive */
	int32_t		 descender;	/* [font units] negative */
	int32_t		 line_gap;	/* [font units] */
	unsigned	 id;		/* unique in the fontset, from 0 */
	struct font_face *ff;		/* (borrowed) shared per (file,index) */
};

/* Where fonts come from. */
struct font_opts {
	const char	*fonts_dir;	/* fonts preferred to the system's (the
					   project's fonts/), or NULL */
	const char	*cache_dir;	/* where fontconfig's answers are kept
					   between runs (fontcache.h), or NULL */
	const char *const *env;		/* the environment fontconfig sees,
					   NAME=value, NULL-ended: part of the
					   cache's key (NULL: none) */
};

/*
 * A fontset over o (borrowed: it must outlive the fontset).  Answers from
 * the cache file when it is valid, else sets fontconfig up.  Returns NULL
 * (with DIAG_NO_FONT) when fontconfig cannot be set up.
 */
struct fontset	*fontset_new(struct diag *, const struct font_opts *o);
/*
 * Write the cache file (fontcache.h) when the fontset asked fontconfig
 * for a chain that the file lacks, since it was made or last saved.
 */
void		 fontset_save(struct fontset *);
/* fontset_save, then free. */
void		 fontset_free(struct fontset *);
/* Where the fontset's messages go from now on. */
void		 fontset_set_diag(struct fontset *, struct diag *);
/* fn on each font file a face was loaded from, once each. */
void		 fontset_files(const struct fontset *,
		    void (*fn)(void *, const char *), void *ctx);
/* 1 when the fontset answers from the cache file (fontconfig not set up). */
int		 fontset_cached(const struct fontset *);
/* How many chains the fontset has made. */
size_t		 fontset_chain_count(const struct fontset *);

/*
 * families: comma-separated list, first preferred.  The chain is cached in
 * the fontset: asking again with the same arguments is cheap.  Returns NULL
 * (with DIAG_NO_FONT) when no TrueType font is found at all.
 */
struct fontchain *fontset_chain(struct fontset *, const char *families,
		    int bold, int italic);

/* The font that draws cp, or NULL when no font covers it.  Cached. */
struct font	*fontchain_font(struct fontchain *, uint32_t cp);
/* The chain's first usable font: draws .notdef for uncovered characters. */
struct font	*fontchain_first(struct fontchain *);

/* 1 when the font's cmap maps cp to a glyph. */
int		 font_has(const struct font *, uint32_t cp);
/*
 * Reverse cmap: a code point whose nominal glyph is gid, preferring
 * non-PUA and BMP code points; 0 when none.  Built on first use.
 */
uint32_t	 font_glyph_code(struct font *, uint32_t gid);
/*
 * What a glyph stands for, from its name (uni0E38.small -> U+0E38,
 * uni0E240E45 -> U+0E24 U+0E45, u1D11E -> U+1D11E).  Stores at most max
 * code points in out and returns their number; 0 when the name says
 * nothing (or names a PUA code point).
 */
int		 font_glyph_text(struct font *, uint32_t gid, uint32_t *out,
		    int max);
/*
 * Component glyphs of a composite glyph, recursively (not gid itself).
 * Stores at most max ids in out and returns their number.
 */
int		 font_glyph_components(struct font *, uint32_t gid,
		    uint32_t *out, int max);
/*
 * Whether OS/2 fsType lets a subset of the face be embedded: not
 * restricted (2), subsetting allowed (not 0x100), outlines (not 0x200).
 */
int		 font_fstype_embeds(unsigned fstype);
/* Advance of a glyph [font units]. */
int32_t		 font_glyph_advance(const struct font *, uint32_t gid);

/*
 * shape.h - split text into runs of one font and one script, and shape
 * them with HarfBuzz.
 *
 * Used by the layout and the pdf stage (which reads struct glyph).
 * Lengths are font units: multiply by
 * size * font->scale / font->upem for points.
 */
struct glyph {
	uint32_t	 gid;		/* glyph id in run->font */
	int32_t		 ax;		/* [font units] advance */
	int32_t		 dx, dy;	/* [font units] offset from the pen */
	uint32_t	 cluster;	/* byte offset in the text */
};

struct run {
	struct font	*font;		/* (borrowed from the fontset) */
	size_t		 start, end;	/* bytes of the text */
	int		 script;	/* hb_script_t */
	struct glyph	*g;		/* (owned by the shaper) */
	unsigned	 ng;
	int64_t		 adv;		/* [font units] sum of ax */
};

struct shaper;

struct shaper	*shaper_new(void);
void		 shaper_free(struct shaper *);

/*
 * Split text[0..len) (UTF-8, normalised) into runs and shape them.
 *
 * Fonts: each character takes fontchain_font(); a combining mark stays
 * with its base's font when that font has it; spaces, punctuation and
 * digits (script Common) take the chain's first font when it has them,
 * else join the previous character's font, else the next one's, when
 * that font has them.  A character no font covers is
 * reported through uncovered(ctx, byte offset, code point) (once per
 * occurrence; uncovered may be NULL) and drawn with fontchain_first()'s
 * .notdef glyph so that layout goes on.  Controls (newline, tab) are not
 * reported: they get an empty glyph (the space glyph, advance 0) in the
 * font around them, which pdf_glyphs does not draw.
 *
 * Shaping: direction LTR, the run's script, language "th" for Thai and
 * "ko" for Hangul runs; the whole text is given as context.  Glyph
 * clusters are byte offsets into text (not into the run) and increase
 * along a run; a base and its marks share one cluster.
 *
 * Ownership: *runs and the glyph arrays belong to the shaper and stay
 * valid until the next shape_text() on the same shaper or shaper_free().
 * Memory is reused, so shaping paragraph after paragraph allocates
 * nothing once warm.  Use one shaper per text you need to keep.
 *
 * Returns 0, or -1 when chain is NULL (then *nruns is 0).
 */
int	shape_text(struct shaper *, struct fontchain *, const char *text,
	    size_t len, struct run **runs, size_t *nruns,
	    void (*uncovered)(void *ctx, size_t off, uint32_t cp), void *ctx);

/* Decode one UTF-8 character at s[*i] (i < len), advancing *i; an invalid
 * byte gives U+FFFD and advances by one. */
uint32_t shape_utf8_next(const char *s, size_t len, size_t *i);
/*
 * How a character shows alone, for people: a mark on a dotted circle, a
 * control, format, space or unassigned character by its code, the rest as
 * itself.
 */
enum shape_show { SHOW_SELF, SHOW_MARK, SHOW_CODE };
enum shape_show	 shape_char_show(uint32_t c);

/*
 * brk.h - line-break opportunities in normalised UTF-8 text.
 *
 * Between two Thai characters libthai decides, everywhere else ICU's
 * UAX #14 line breaker ("th"); fixed Thai and punctuation rules and a word
 * list of names and terms that must not be split override both
 * (docs/thai.md).  Input must already be normalised: U+0E4D U+0E32
 * became U+0E33 upstream.  Internal to libbriefing: included by the text
 * engine (line filling) and by tests/check_brk.c.  Only brk.c includes the
 * libthai and ICU headers.
 */
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

/*
 * How good a break is, worst last (docs/thai.md, "Line breaking"); the
 * line breaker weighs it with the rest of the paragraph.
 */
enum brk_grade {
	BRK_GOOD = 0,	/* a space; a word boundary that libthai and ICU's
			   dictionary both see; after a word list entry */
	BRK_FAIR,	/* a word boundary that libthai alone sees; before a
			   place's name */
	BRK_POOR	/* inside a compound of the lexicon or a name; between
			   a title and a name, a number and its unit, an era
			   and its year, a day and its month: taken only when
			   nothing else fits */
};

struct brk;	/* owns the libthai ThBrk, the ICU break iterators, the
		   word list and the lexicon's index */
struct diag;	/* from diag.h */

/*
 * Set up the breakers (libthai loads its dictionary).  The word
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
void		 brk_free(struct brk *);
/* Where the breaker's messages go from now on. */
void		 brk_set_diag(struct brk *, struct diag *);

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
 * A lexicon of compounds in the form the breaker searches: n words
 * sorted by bytes, word k the bytes text[off[k]] to text[off[k + 1]]
 * (off has n + 1 entries).  The program's, tl_lexicon_text, _off and _n,
 * is made at build time from data/compounds.txt by tools/lexicon.c.
 */
struct brk_lexicon {
	const char	*text;
	const uint32_t	*off;
	size_t		 n;
};
/*
 * Search lx's words from now on (NULL: none); lx's arrays are borrowed
 * and must outlive the breaker.  Returns the number of words, -1 on a bad
 * argument.
 */
int		 brk_set_lexicon(struct brk *, const struct brk_lexicon *lx);

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
 * brk_find, and each break's enum brk_grade in grade[0..len] (BRK_GOOD
 * where there is no break).  Between Thai characters it also runs ICU's
 * Thai dictionary, for its second opinion; then the lexicon and the rules
 * for names and numbers (a person after a title, a place after its word,
 * numbers with their units, eras, days and months) grade the breaks.
 */
int		 brk_find_graded(struct brk *, const char *s, size_t len,
		    unsigned char *cls, unsigned char *grade);

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
/*
 * The grapheme-cluster starts where the fixed rules let a line begin:
 * not before ๆ ฯ ะ า ำ, a mark or a closing quote or bracket, not after a
 * leading vowel or an opening quote or bracket.  The emergency split of a
 * piece that nothing else breaks; the same arguments as brk_clusters.
 */
int		 brk_split_points(struct brk *, const char *s, size_t len,
		    unsigned char *starts);

/*
 * The text environment of a run (textenv.c): fonts, one breaker with the
 * built-in word list and the user's, one shaper.  The layout and the pdf
 * stage borrow its parts; it outlives them.
 */
struct textenv_opts {
	struct font_opts font;
	const char	*words;		/* the user's word list file, or NULL */
};

struct textenv {
	struct fontset	*fs;		/* (owned) */
	struct brk	*brk;		/* (owned) */
	struct shaper	*sh;		/* (owned) */
	char		*words;		/* (owned) the user's word list */
	size_t		 nwords;
};

/* NULL when fonts or the breaker cannot be set up (reported to d). */
struct textenv	*textenv_new(struct diag *d, const struct textenv_opts *);
/*
 * The same, over from's Thai dictionary (not loaded again); the two may
 * be used on two threads at once.  from must outlive it.
 */
struct textenv	*textenv_new_sharing(const struct textenv *from,
		    struct diag *d, const struct textenv_opts *);
/* Where its messages go from now on (a run's own diagnostics). */
void		 textenv_set_diag(struct textenv *, struct diag *);
void		 textenv_free(struct textenv *);

#endif /* TEXT_H */
