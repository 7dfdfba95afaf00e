/*
 * render_pdf.c - the PDF writer over libharu 2.3.0 (see pdf.h).  The only
 * file that includes hpdf.h.
 *
 * Why libharu's internals.  libharu draws text as UTF-16 codes through an
 * Identity-H Type0 font whose CIDToGIDMap comes from the font's (3,1)
 * format 4 cmap.  Shaped Thai needs more than that (THAI.md sections 1-3):
 *
 *  - glyphs go where HarfBuzz put them: we write TJ arrays with
 *    adjustments and Td moves straight into the page content stream
 *    (HPDF_Page_ShowText drops zero-width marks and cannot position);
 *  - the subset keeps only glyphs libharu saw: every code we write passes
 *    HPDF_Font_GetUnicodeWidth, which flags its glyph; composite glyphs'
 *    components are flagged here, recursively;
 *  - glyphs no BMP code reaches (Noto's .small/.narrow variants and
 *    ligatures, characters above U+FFFF) get a spare private-use code:
 *    the CIDToGIDMap stream is rebuilt, /W gets their widths, and their
 *    subset flags are set by hand;
 *  - libharu's /ToUnicode is its encoding CMap, which poppler rejects: we
 *    rewrite that stream object as a bfchar CMap of the codes used;
 *  - /ActualText spans (marked content) carry the words whose glyphs are
 *    displaced or do not spell the text, so text extraction is exact;
 *  - outline titles and document information are UTF-16BE strings;
 *  - page content is built in a buffer of our own (libharu's page
 *    stream stays empty; the few operators libharu writes are moved over)
 *    and deflated on a second thread while the next pages are drawn
 *    (libharu would deflate them all at save, on one): each finished
 *    page's bytes are compressed, put into its stream, and the stream's
 *    /Filter is written by hand; the font files are made
 *    (libharu's before-write function, called early) and deflated the same
 *    way while links and bookmarks are made.
 *
 * The structures used (HPDF_FontAttr, HPDF_TTFontDefAttr, HPDF_PageAttr,
 * HPDF_Doc_Rec with its font definitions and subset tag, HPDF_Stream_Rec,
 * HPDF_CMapEncoderAttr, the memory and callback streams and a dictionary's
 * write_fn) and functions are exported by libhpdf 2.3.0 and declared
 * in its installed headers, but they are not a stable API: another
 * version must be checked against this file before it is allowed below.
 *
 * Code choice for a glyph (THAI.md section 0, step 4): (a) a character of
 * its cluster whose nominal glyph it is; (b) another code point the cmap
 * maps to it (TLWG fonts: U+F700-F720); (c) a spare PUA code injected for
 * it.  ToUnicode maps PUA and spare codes to what the glyph stands for,
 * from its glyph name (uni0E49.low -> U+0E49) or the cluster's left-over
 * characters.
 */
#define _GNU_SOURCE		/* RTLD_NEXT */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hpdf.h>
#include <hpdf_version.h>
#include <hpdf_doc.h>
#include <hpdf_encoder.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <hpdf_utils.h>

#if HPDF_MAJOR_VERSION != 2 || HPDF_MINOR_VERSION != 3
#error "render_pdf.c uses libharu 2.3 internals (CIDToGIDMap, /W, subset \
flags, ToUnicode and page streams, see the comment at the top); check them \
against this libharu version, then extend this test"
#endif

#include <libdeflate.h>

#include "base/base.h"
#include "text/text.h"
#include "pdf_int.h"
#include "ttfslim.h"

#define MAXT		8	/* code points a ToUnicode entry may hold */
#define NCODES		0x10000

/* What a code stands for in text extraction, when not itself. */
struct tu {
	uint32_t	 u[MAXT];
	int		 n;
};

/*
 * A cluster's codes, remembered: the same characters shaped to the same
 * glyphs always get the same codes, widths and order (cluster_codes only
 * ever adds to what it decided before), and Thai text repeats its
 * clusters.  Small clusters only.
 */
#define MEMO_MAX	6	/* characters or glyphs */

struct memo {
	uint32_t	 hash;		/* 0: empty */
	uint8_t		 m, k;
	uint8_t		 axz;		/* bit i: glyph i has no advance */
	uint32_t	 cc[MEMO_MAX];
	uint32_t	 gid[MEMO_MAX];
	struct {
		uint16_t code;
		uint8_t	 skip;
		uint8_t	 pos;
		double	 w;
	}		 v[MEMO_MAX];
};

/* A spare code given to a glyph that no code reaches. */
struct spare {
	uint16_t	 code;
	uint32_t	 gid;
};

/*
 * What a font knows of one code.  Kept in blocks of CBLOCK codes, made
 * when a code of theirs is first met: a document uses a few blocks (Basic
 * Latin, Thai, the TLWG and spare private-use codes), and tables of all
 * 65,536 codes (2 MB for three fonts) cost more to clear than the rest of
 * drawing a short document.
 */
#define CBLOCK		256
struct codeinfo {
	int16_t		 width;		/* [1/1000 em], once the code is used */
	uint16_t	 gid;		/* cmap: code -> glyph, cached */
	int32_t		 tu;		/* its ToUnicode entry + 1, 0: none */
};

/* A font file's bytes, read by libharu through a stream (ttf_load). */
struct fbytes {
	hb_blob_t	*blob;		/* (owned reference) the face's file */
	const unsigned char *d;
	size_t		 len, pos;
};

/* One embedded font: a (file, face) in libharu. */
struct pfont {
	struct font_face *key;		/* (borrowed) the face */
	struct font	*f;		/* (borrowed) for its HarfBuzz face */
	struct fbytes	 fb;		/* libharu's font stream reads it */
	HPDF_Font	 hf;		/* (libharu's) the Type0 font */
	HPDF_FontAttr	 fa;
	HPDF_FontDef	 def;
	HPDF_TTFontDefAttr da;
	unsigned char	 used[NCODES / 8];	/* codes written */
	unsigned char	 spare_bit[NCODES / 8];	/* codes given away */
	struct codeinfo	*info[NCODES / CBLOCK];	/* (owned) by code, in
					   blocks made as codes are met */
	unsigned char	 gid_known[NCODES / 8];
	unsigned char	 hb_same[NCODES / 8];	/* HarfBuzz's cmap agrees */
	unsigned char	 hb_known[NCODES / 8];
	struct tu	*tu;		/* (owned) */
	size_t		 ntu, tucap;
	struct spare	*sp;		/* (owned) */
	size_t		 nsp, spcap;
	uint16_t	*spare_of;	/* (owned) gid -> spare code, 0 none */
	unsigned char	*flagged;	/* (owned) gid -> components done */
	unsigned	 nglyphs;
	uint32_t	 next_spare;
	struct memo	*memo;		/* (owned) open addressing */
	size_t		 nmemo, memocap;	/* memocap: a power of 2 */
};

/* One page's content stream, deflated off the drawing thread. */
struct zjob {
	HPDF_Dict	 target;	/* the stream: a page's contents, a font
					   file */
	int		 level;		/* libdeflate's */
	unsigned char	*in;		/* (owned) the stream's bytes */
	size_t		 inlen;
	int		 own;		/* in is a page's content, not a copy
					   of the stream (which is empty) */
	unsigned char	*out;		/* (owned) deflated, or NULL */
	size_t		 outlen;
	int		 done;		/* tried: out set, and in freed unless
					   deflating failed */
};

#define ZLEVELS		13	/* libdeflate's levels: 0-12 */

/* A thread's deflaters (zjob_deflate). */
struct zer {
	struct libdeflate_compressor *c[ZLEVELS];	/* by level, or NULL */
};

/* The deflating thread and its queue, in page order. */
struct zq {
	struct zjob	*jobs;		/* (owned) pages, then font files */
	size_t		 n, cap;	/* queued */
	size_t		 npages;	/* of them pages */
	size_t		 swapped;	/* jobs put back into their pages */
	struct zer	 z;		/* the deflaters */
};

/* A link to a page, made when all pages exist. */
struct plink {
	int		 from, to;
	HPDF_Rect	 rect;
	double		 y;
};

struct poutline {
	int		 parent, page;
	char		*title;		/* (owned) */
	double		 y;
	HPDF_Outline	 o;
};

/* Where the pen and the line origin are while a text object is written. */
struct pen {
	double		 pen;		/* PDF pen x [1/1000 em] */
	double		 ox, oy;	/* last Td origin [1/1000 em] */
	int		 tj;		/* 0 none, 1 in [..], 2 in <..> */
};

/* One glyph being emitted. */
struct eg {
	uint16_t	 code;
	double		 w;		/* PDF width [1/1000 em] */
	double		 tx, ty;	/* target [1/1000 em] */
	int		 skip;		/* not drawn (default ignorable) */
	int		 off;		/* HarfBuzz offset it from the pen */
	int		 pos;		/* position of its character */
};

struct pdf {
	struct diag	*d;		/* (borrowed) */
	HPDF_Doc	 doc;		/* (owned) */
	HPDF_Page	*pages;		/* (libharu's) */
	int		 npages, pagecap;
	HPDF_Page	 page;		/* current */
	/*
	 * The page's text font and fill colour as last set (ts_ok), so that
	 * lines that keep them do not set them again.  BT/ET leave them;
	 * q ... Q around a rectangle or a rule restores them; after the Q of
	 * a translucent text, or on a new page, they are unknown.
	 */
	int		 ts_ok;
	HPDF_Font	 ts_font;
	double		 ts_size, ts_fill[3];
	int		 failed;
	int		 saved;
	int		 finished;	/* the whole file is in doc->stream */
	const char	*what;		/* context for libharu errors */
	struct pfont	**pf;		/* (owned) */
	size_t		 npf;
	struct plink	*links;		/* (owned) */
	size_t		 nlinks, linkcap;
	struct poutline	*ol;		/* (owned) */
	size_t		 nol, olcap;
	HPDF_ExtGState	 gs[4];		/* alpha states */
	double		 gs_alpha[4];
	int		 ngs;
	struct buf	 out;		/* content being built */
	struct buf	 pg;		/* (owned) the current page's content:
					   libharu's stream of it stays empty */
	size_t		 pghint;	/* the last page's length */
	struct eg	*eg;		/* (owned) per glyph of a call */
	size_t		 egcap;
	uint32_t	*cc;		/* (owned) characters of a text */
	size_t		 cccap;
	uint32_t	*at;		/* (owned) byte - atlo -> index in cc */
	size_t		 atlo;
	struct pdf_stats st;
	struct zq	 zq;
};

/* Windows Thai PUA in TLWG fonts (THAI.md 3.3) for fonts without names. */
static const uint16_t tlwg_pua[] = {
	0x0e10, 0x0e34, 0x0e35, 0x0e36, 0x0e37, 0x0e48, 0x0e49, 0x0e4a,
	0x0e4b, 0x0e4c, 0x0e48, 0x0e49, 0x0e4a, 0x0e4b, 0x0e4c, 0x0e0d,
	0x0e31, 0x0e4d, 0x0e47, 0x0e48, 0x0e49, 0x0e4a, 0x0e4b, 0x0e4c,
	0x0e38, 0x0e39, 0x0e3a, 0, 0, 0, 0x0e4d, 0x0e47, 0x0e4e
};

static const struct {
	HPDF_STATUS	 code;
	const char	*text;
} hpdf_errors[] = {
	{ HPDF_FAILD_TO_ALLOC_MEM, "out of memory" },
	{ HPDF_FILE_IO_ERROR, "cannot write the file" },
	{ HPDF_FILE_OPEN_ERROR, "cannot open the file" },
	{ HPDF_FONT_EXISTS, "a font of the same name is loaded" },
	{ HPDF_INVALID_TTC_FILE, "bad TrueType collection" },
	{ HPDF_INVALID_TTC_INDEX, "no such face in the collection" },
	{ HPDF_TTF_CANNOT_EMBEDDING_FONT, "licence forbids embedding" },
	{ HPDF_TTF_INVALID_CMAP, "no usable Unicode cmap" },
	{ HPDF_TTF_INVALID_FOMAT, "unsupported TrueType font" },
	{ HPDF_TTF_MISSING_TABLE, "a TrueType table is missing" },
	{ HPDF_PAGE_INVALID_SIZE, "bad page size" },
	{ HPDF_PAGE_INVALID_FONT_SIZE, "bad font size" },
	{ HPDF_PAGE_OUT_OF_RANGE, "value out of range" },
	{ HPDF_INVALID_PARAMETER, "bad parameter" },
};

static void
on_error(HPDF_STATUS code, HPDF_STATUS detail, void *arg)
{
	struct pdf *p = arg;
	const char *text = "libharu error";
	size_t i;

	for (i = 0; i < sizeof(hpdf_errors) / sizeof(hpdf_errors[0]); i++)
		if (hpdf_errors[i].code == code)
			text = hpdf_errors[i].text;
	if (code == HPDF_FAILD_TO_ALLOC_MEM)
		tl_oom();
	p->failed = 1;
	diag_emit(p->d, DIAG_PDF, NULL, 0, 0, "%s%s%s (libharu 0x%04X/%u)",
	    p->what != NULL ? p->what : "", p->what != NULL ? ": " : "",
	    text, (unsigned)code, (unsigned)detail);
}

/* After a libharu call that may fail: clear its error state. */
static void
hpdf_done(struct pdf *p)
{
	HPDF_ResetError(p->doc);
	p->what = NULL;
}

static inline void
buf_hex4(struct buf *b, unsigned v)
{
	static const char hx[] = "0123456789ABCDEF";
	char *s;

	buf_need(b, 4);
	s = b->s + b->len;
	s[0] = hx[v >> 12 & 15];
	s[1] = hx[v >> 8 & 15];
	s[2] = hx[v >> 4 & 15];
	s[3] = hx[v & 15];
	s[4] = '\0';
	b->len += 4;
}

/*
 * u as UTF-16BE code units (surrogate pairs above U+FFFF), each written
 * by unit: buf_hex4 in hex, buf_lit2 inside a literal string.
 */
static void
buf_utf16(struct buf *b, uint32_t u, void (*unit)(struct buf *, unsigned))
{
	if (u > 0xffff) {
		u -= 0x10000;
		unit(b, 0xd800 | (u >> 10));
		unit(b, 0xdc00 | (u & 0x3ff));
	} else
		unit(b, u);
}

/*
 * Strings in page content are literal strings of the bytes themselves,
 * not hex: half the bytes to write and to deflate (201 pages: 4.4 -> 2.8
 * MB of content, deflated in 26 -> 17 ms to 655 -> 533 KB).  ( ) and \
 * are escaped, and CR and LF too, which a reader would otherwise read
 * as LF.
 */
static inline char *
lit_byte(char *s, unsigned c)
{
	switch (c) {
	case '(':
	case ')':
	case '\\':
		*s++ = '\\';
		*s++ = (char)c;
		break;
	case '\r':
		*s++ = '\\';
		*s++ = 'r';
		break;
	case '\n':
		*s++ = '\\';
		*s++ = 'n';
		break;
	default:
		*s++ = (char)c;
	}
	return s;
}

/* The two bytes of v, big-endian, inside a literal string. */
static inline void
buf_lit2(struct buf *b, unsigned v)
{
	char *s;

	buf_need(b, 4);
	s = lit_byte(b->s + b->len, v >> 8 & 0xff);
	s = lit_byte(s, v & 0xff);
	*s = '\0';
	b->len = (size_t)(s - b->s);
}

/*
 * Round v to at most dec decimals and append it with no trailing zeros;
 * returns the value written.
 */
static double
buf_num(struct buf *b, double v, int dec)
{
	static const long long pow10[] = { 1, 10, 100, 1000, 10000 };
	long long m = pow10[dec < 1 ? 1 : dec > 4 ? 4 : dec], k, ip, fp;
	char s[32], *e = s + sizeof(s), *q = e;
	int neg, d;

	k = llround(v * (double)m);
	v = (double)k / (double)m;
	neg = k < 0;
	if (neg)
		k = -k;
	ip = k / m;
	fp = k % m;
	/* decimals without trailing zeros */
	for (d = dec; d > 0 && fp % 10 == 0 && fp != 0; d--)
		fp /= 10;
	if (fp != 0) {
		for (; d > 0; d--) {
			*--q = (char)('0' + fp % 10);
			fp /= 10;
		}
		*--q = '.';
	}
	do {
		*--q = (char)('0' + ip % 10);
		ip /= 10;
	} while (ip > 0);
	if (neg)
		*--q = '-';
	buf_add(b, q, (size_t)(e - q));
	return v;
}

struct pdf *
pdf_new(struct diag *d)
{
	struct pdf *p = xcalloc(1, sizeof(*p));

	p->d = d;
	p->doc = HPDF_New(on_error, p);
	if (p->doc == NULL)
		tl_oom();
	p->what = "setting up";
	HPDF_UseUTFEncodings(p->doc);
	HPDF_SetCompressionMode(p->doc, HPDF_COMP_ALL);
	hpdf_done(p);
	return p;
}

/*
 * Streams are deflated with libdeflate, which compresses a whole buffer at
 * once (the zlib format, as /FlateDecode reads it): on this document's
 * fonts 4.4 times as fast as zlib at the same level, for the same size
 * (887 -> 201 us for 54 KB; 32,155 -> 32,143 bytes).
 *
 * The level for page contents.  Measured on 198 pages with zlib (4.4 MB
 * of content): level 6 took 62 ms and gave 527 KB, level 3 26 ms and
 * 643 KB; at 6 the deflating thread fell behind the drawing and the save
 * waited 15-19 ms for it, at 3 it kept up.
 */
#define PAGE_ZLEVEL	3

/* Font files: a large part of a short document's bytes, and few. */
#define FONT_ZLEVEL	6

/*
 * Deflate one job's bytes with z, a thread's deflaters: one a level, made
 * at its first job and kept for the next.  out stays NULL when that
 * fails.
 */
static void
zjob_deflate(struct zer *z, const unsigned char *in, size_t inlen,
    int level, unsigned char **out, size_t *outlen)
{
	struct libdeflate_compressor *c;
	size_t n;

	*out = NULL;
	*outlen = 0;
	if (level < 0 || level >= ZLEVELS)
		return;
	if ((c = z->c[level]) == NULL &&
	    (c = z->c[level] = libdeflate_alloc_compressor(level)) == NULL)
		return;
	n = libdeflate_zlib_compress_bound(c, inlen);
	if ((*out = malloc(n)) == NULL)
		return;
	if ((*outlen = libdeflate_zlib_compress(c, in, inlen, *out, n)) == 0) {
		free(*out);
		*out = NULL;
	}
}

static void
zer_end(struct zer *z)
{
	int i;

	for (i = 0; i < ZLEVELS; i++) {
		libdeflate_free_compressor(z->c[i]);
		z->c[i] = NULL;
	}
}

static HPDF_STATUS
write_flate(HPDF_Dict dict, HPDF_Stream out)
{
	(void)dict;
	return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

/*
 * Put the deflated streams, in order, back in place, which libharu then
 * writes as they are; their plain bytes are freed.  A stream whose job
 * failed keeps libharu's own deflating.
 */
static void
zq_swap(struct pdf *p)
{
	struct zq *q = &p->zq;
	struct zjob *j;
	HPDF_Stream s;
	int done;

	while (q->swapped < q->n) {
		j = &q->jobs[q->swapped];
		done = j->done;
		if (!done)
			break;
		s = j->target->stream;
		if (j->out != NULL && (j->own ? s->size == 0 :
		    j->inlen == s->size)) {
			HPDF_MemStream_FreeData(s);
			if (HPDF_Stream_Write(s, j->out,
			    (HPDF_UINT)j->outlen) != HPDF_OK)
				return;
			j->target->filter = HPDF_STREAM_FILTER_NONE;
			j->target->write_fn = write_flate;
		} else if (j->own && j->in != NULL &&
		    HPDF_Stream_Write(s, j->in, (HPDF_UINT)j->inlen) != HPDF_OK)
			return;		/* libharu deflates it at save */
		free(j->out);
		j->out = NULL;
		free(j->in);
		j->in = NULL;
		q->swapped++;
	}
}

/* Copy the bytes of libharu's memory stream s to b. */
static void
stream_bytes(HPDF_Stream s, struct buf *b)
{
	HPDF_UINT i, nb, len;
	size_t left = s->size;
	HPDF_BYTE *c;

	nb = HPDF_MemStream_GetBufCount(s);
	for (i = 0; i < nb && left > 0; i++)
		if ((c = HPDF_MemStream_GetBufPtr(s, i, &len)) != NULL &&
		    len <= left) {
			buf_add(b, (const char *)c, len);
			left -= len;
		}
}

/*
 * Queue bytes for deflating into target's stream (or do it now): a page's
 * content (own: in is taken; the stream is empty), or a copy of what the
 * stream holds (in, taken, or NULL: copied here).
 */
static void
zq_add(struct pdf *p, HPDF_Dict target, int level, unsigned char *in,
    size_t inlen, int own)
{
	struct zq *q = &p->zq;
	HPDF_Stream s = target->stream;
	struct zjob *j;

	if (!own && in == NULL) {
		struct buf b = { NULL, 0, 0 };

		stream_bytes(s, &b);
		in = (unsigned char *)b.s;
		inlen = b.len;
	}
	if (!own && inlen != s->size)
		inlen = 0;		/* not a whole copy: not put back */
	if (in == NULL)
		in = xmalloc(1);
	if (q->n == q->cap) {
		q->cap = q->cap ? q->cap * 2 : 16;
		q->jobs = xrealloc(q->jobs, q->cap * sizeof(*q->jobs));
	}
	j = &q->jobs[q->n++];
	j->target = target;
	j->level = level;
	j->in = in;
	j->inlen = inlen;
	j->own = own;
	j->out = NULL;
	j->outlen = 0;
	j->done = 0;
	zjob_deflate(&q->z, j->in, j->inlen, level, &j->out, &j->outlen);
	if (j->out != NULL) {
		free(j->in);
		j->in = NULL;
	}
	j->done = 1;
	zq_swap(p);
}

/* Queue the current page's content (once). */
static void
zq_page_done(struct pdf *p)
{
	if (p->page == NULL || p->zq.npages >= (size_t)p->npages)
		return;
	p->zq.npages++;
	if (p->pg.s == NULL)
		buf_need(&p->pg, 0);
	p->pghint = p->pg.len;
	zq_add(p, ((HPDF_PageAttr)p->page->attr)->contents, PAGE_ZLEVEL,
	    (unsigned char *)p->pg.s, p->pg.len, 1);
	p->pg.s = NULL;
	p->pg.len = p->pg.cap = 0;
}

/*
 * Font files, made now (libharu would make them while saving: the
 * descriptor, its FontFile2 with the subset) and queued for deflating
 * beside the rest of the save.  libharu's before-write function sees the
 * descriptor made and only names it again.
 */
static void
zq_fonts(struct pdf *p)
{
	HPDF_Dict ff;
	size_t i;

	for (i = 0; i < p->npf; i++) {
		struct pfont *pf = p->pf[i];

		if (pf->hf == NULL || pf->hf->before_write_fn == NULL ||
		    pf->def->descriptor != NULL ||
		    pf->hf->before_write_fn(pf->hf) != HPDF_OK ||
		    pf->def->descriptor == NULL)
			continue;
		ff = HPDF_Dict_GetItem(pf->def->descriptor, "FontFile2",
		    HPDF_OCLASS_DICT);
		/* a copy of the font program, slimmed already */
		if (ff != NULL && ff->stream != NULL &&
		    ff->filter == HPDF_STREAM_FILTER_FLATE_DECODE)
			zq_add(p, ff, FONT_ZLEVEL, NULL, 0, 0);
	}
}

/* Wait for the rest: every queued stream then holds its deflated bytes. */
static void
zq_finish(struct pdf *p)
{
	zq_swap(p);
}

static void
zq_free(struct zq *q)
{
	size_t k;

	zer_end(&q->z);
	for (k = 0; k < q->n; k++) {
		free(q->jobs[k].in);
		free(q->jobs[k].out);
	}
	free(q->jobs);
}

static void
pfont_free(struct pfont *pf)
{
	size_t i;

	hb_blob_destroy(pf->fb.blob);	/* after HPDF_Free: libharu reads it */
	for (i = 0; i < NCODES / CBLOCK; i++)
		free(pf->info[i]);
	free(pf->tu);
	free(pf->sp);
	free(pf->spare_of);
	free(pf->flagged);
	free(pf->memo);
	free(pf);
}

void
pdf_free(struct pdf *p)
{
	size_t i;

	if (p == NULL)
		return;
	zq_free(&p->zq);
	if (p->doc != NULL)
		HPDF_Free(p->doc);
	for (i = 0; i < p->npf; i++)
		pfont_free(p->pf[i]);
	for (i = 0; i < p->nol; i++)
		free(p->ol[i].title);
	free(p->pf);
	free(p->pages);
	free(p->links);
	free(p->ol);
	free(p->out.s);
	free(p->pg.s);
	free(p->eg);
	free(p->cc);
	free(p->at);
	free(p);
}

static int
is_ascii(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s >= 0x80 || (unsigned char)*s < 0x20)
			return 0;
	return 1;
}

/* A PDF text string object for UTF-8 s: UTF-16BE with a BOM. */
static HPDF_Binary
utf16_string(struct pdf *p, const char *s)
{
	size_t len = strlen(s), i = 0, n = 2;
	HPDF_BYTE *b = xmalloc(len * 4 + 2);
	HPDF_Binary bin;

	b[0] = 0xfe;
	b[1] = 0xff;
	while (i < len) {
		uint32_t u = shape_utf8_next(s, len, &i);

		if (u > 0xffff) {
			uint32_t v = u - 0x10000;
			unsigned hi = 0xd800 | (v >> 10), lo = 0xdc00 |
			    (v & 0x3ff);

			b[n++] = (HPDF_BYTE)(hi >> 8);
			b[n++] = (HPDF_BYTE)hi;
			b[n++] = (HPDF_BYTE)(lo >> 8);
			b[n++] = (HPDF_BYTE)lo;
		} else {
			b[n++] = (HPDF_BYTE)(u >> 8);
			b[n++] = (HPDF_BYTE)u;
		}
	}
	bin = HPDF_Binary_New(p->doc->mmgr, b, (HPDF_UINT)n);
	free(b);
	return bin;
}

static void
set_info(struct pdf *p, HPDF_InfoType type, const char *key, const char *v)
{
	if (v == NULL)
		return;
	if (is_ascii(v)) {
		HPDF_SetInfoAttr(p->doc, type, v);
		return;
	}
	/* Make libharu create the dictionary, then put UTF-16 there. */
	HPDF_SetInfoAttr(p->doc, type, "-");
	if (p->doc->info != NULL)
		HPDF_Dict_Add(p->doc->info, key, utf16_string(p, v));
}

void
pdf_set_info(struct pdf *p, const char *title, const char *author,
    const char *subject, const char *keywords, const char *creator,
    int y, int mo, int d, int h, int mi, int s)
{
	p->what = "document information";
	set_info(p, HPDF_INFO_TITLE, "Title", title);
	set_info(p, HPDF_INFO_AUTHOR, "Author", author);
	set_info(p, HPDF_INFO_SUBJECT, "Subject", subject);
	set_info(p, HPDF_INFO_KEYWORDS, "Keywords", keywords);
	set_info(p, HPDF_INFO_CREATOR, "Creator", creator);
	if (y > 0) {
		HPDF_Date dt;

		memset(&dt, 0, sizeof(dt));
		dt.year = y;
		dt.month = mo;
		dt.day = d;
		dt.hour = h;
		dt.minutes = mi;
		dt.seconds = s;
		dt.ind = 'Z';
		HPDF_SetInfoDateAttr(p->doc, HPDF_INFO_CREATION_DATE, dt);
	}
	hpdf_done(p);
}

int
pdf_page(struct pdf *p, double w, double h)
{
	HPDF_Page pg;

	zq_page_done(p);
	p->what = "new page";
	pg = HPDF_AddPage(p->doc);
	if (pg == NULL) {
		hpdf_done(p);
		return -1;
	}
	HPDF_Page_SetWidth(pg, (HPDF_REAL)w);
	HPDF_Page_SetHeight(pg, (HPDF_REAL)h);
	hpdf_done(p);
	if (p->npages == p->pagecap) {
		p->pagecap = p->pagecap ? p->pagecap * 2 : 16;
		p->pages = xrealloc(p->pages, (size_t)p->pagecap *
		    sizeof(*p->pages));
	}
	p->pages[p->npages] = pg;
	p->page = pg;
	p->ts_ok = 0;
	return p->npages++;
}

int
pdf_npages(const struct pdf *p)
{
	return p->npages;
}

static void
page_write(struct pdf *p, const char *s, size_t n)
{
	if (p->pg.s == NULL && p->pghint > 0) {
		p->pg.cap = p->pghint + p->pghint / 4 + 64;
		p->pg.s = xmalloc(p->pg.cap);
	}
	buf_add(&p->pg, s, n);
}

/* sep, then v as libharu writes a real (HPDF_FToA: 5 decimals at most). */
static void
page_real(struct pdf *p, const char *sep, double v)
{
	char s[HPDF_REAL_LEN + 1];
	char *e = HPDF_FToA(s, (HPDF_REAL)v, s + HPDF_REAL_LEN);

	page_write(p, sep, strlen(sep));
	page_write(p, s, (size_t)(e - s));
}

/* Move what a libharu call wrote into the page's stream to the content. */
static void
page_drain(struct pdf *p)
{
	HPDF_Stream s = ((HPDF_PageAttr)p->page->attr)->stream;

	if (s->size > 0) {
		stream_bytes(s, &p->pg);
		HPDF_MemStream_FreeData(s);
	}
}

/*
 * libharu reads a TrueType file through a stream: at load (tables, cmap,
 * widths), for each glyph it meets (composite check) and at save (the
 * subset).  Its file stream seeks with fseek, a system call each time
 * (about 480 on the default document); this one reads the bytes HarfBuzz
 * already has mapped, so the PDF also embeds exactly the font that was
 * measured and shaped.
 */
static HPDF_STATUS
fb_read(HPDF_Stream s, HPDF_BYTE *ptr, HPDF_UINT *siz)
{
	struct fbytes *fb = s->attr;
	size_t want = *siz, left = fb->pos < fb->len ? fb->len - fb->pos : 0;

	if (want <= left) {
		memcpy(ptr, fb->d + fb->pos, want);
		fb->pos += want;
		return HPDF_OK;
	}
	/* as libharu's file stream: the rest zeroed, EOF */
	if (left > 0)
		memcpy(ptr, fb->d + fb->pos, left);
	memset(ptr + left, 0, want - left);
	fb->pos += left;
	*siz = (HPDF_UINT)left;
	return HPDF_STREAM_EOF;
}

static HPDF_STATUS
fb_seek(HPDF_Stream s, HPDF_INT pos, HPDF_WhenceMode mode)
{
	struct fbytes *fb = s->attr;
	long long at = pos;

	if (mode == HPDF_SEEK_CUR)
		at += (long long)fb->pos;
	else if (mode == HPDF_SEEK_END)
		at += (long long)fb->len;
	if (at < 0)
		return HPDF_SetError(s->error, HPDF_FILE_IO_ERROR, 0);
	fb->pos = (size_t)at;	/* past the end, as fseek: reads give EOF */
	return HPDF_OK;
}

static HPDF_INT32
fb_tell(HPDF_Stream s)
{
	return (HPDF_INT32)((struct fbytes *)s->attr)->pos;
}

static HPDF_UINT32
fb_size(HPDF_Stream s)
{
	return (HPDF_UINT32)((struct fbytes *)s->attr)->len;
}

/*
 * Load pf's face into libharu from memory, as HPDF_LoadTTFontFromFile(2)
 * does from a file: the font definition, registered once per PostScript
 * name, with the next subset tag (HPDFAA, HPDFAB, ...).  Returns its
 * PostScript name, or NULL (the error is libharu's, reported through
 * on_error).
 */
static const char *
ttf_load(struct pdf *p, struct pfont *pf)
{
	HPDF_Doc doc = p->doc;
	struct fbytes *fb = &pf->fb;
	HPDF_FontDef def, old;
	HPDF_Stream s;
	unsigned len;
	int i;

	fb->blob = hb_face_reference_blob(pf->f->face);
	fb->d = (const unsigned char *)hb_blob_get_data(fb->blob, &len);
	fb->len = len;
	if (fb->d == NULL || len > INT32_MAX) {
		HPDF_SetError(&doc->error, HPDF_TTF_INVALID_FOMAT, 0);
		HPDF_CheckError(&doc->error);
		return NULL;
	}
	s = HPDF_CallbackReader_New(doc->mmgr, fb_read, fb_seek, fb_tell,
	    fb_size, fb);
	if (s == NULL) {
		HPDF_CheckError(&doc->error);
		return NULL;
	}
	/* the definition owns the stream from here, also when it fails */
	def = len >= 4 && memcmp(fb->d, "ttcf", 4) == 0 ?
	    HPDF_TTFontDef_Load2(doc->mmgr, s, (HPDF_UINT)pf->f->index,
	    HPDF_TRUE) : HPDF_TTFontDef_Load(doc->mmgr, s, HPDF_TRUE);
	if (def == NULL) {
		HPDF_CheckError(&doc->error);
		return NULL;
	}
	if ((old = HPDF_Doc_FindFontDef(doc, def->base_font)) != NULL) {
		HPDF_FontDef_Free(def);
		return old->base_font;
	}
	if (HPDF_List_Add(doc->fontdef_list, def) != HPDF_OK) {
		HPDF_FontDef_Free(def);
		HPDF_CheckError(&doc->error);
		return NULL;
	}
	if (doc->ttfont_tag[0] == 0)
		memcpy(doc->ttfont_tag, "HPDFAA", 6);
	else
		for (i = 5; i >= 0 && ++doc->ttfont_tag[i] > 'Z'; i--)
			doc->ttfont_tag[i] = 'A';
	HPDF_TTFontDef_SetTagName(def, (char *)doc->ttfont_tag);
	return def->base_font;
}

/*
 * The subset libharu writes for a font file (HPDF_TTFontDef_SaveFontData,
 * called by its CIDFontType2 before-write function through the PLT, so
 * this definition is the one it runs), made here from the font's bytes
 * instead of four bytes a call through two streams (0.2-0.4 ms a font):
 * the 12-byte header with the font's own searchRange and the rest and 13
 * tables, in this order, unpadded; head as the font has it (54 bytes);
 * glyf with the flagged glyphs only, others empty, and loca to match, in
 * the font's format; name with libharu's subset tag before names 1 and 4
 * ("HPDFAA+", UTF-16 for platforms 0 and 3); the rest byte for byte.  A
 * font that is not ours or lacks a table gets libharu's own function.
 * Either way the subset goes through ttf_slim (which lays the tables out
 * anew and computes the checksums) and is written slimmed, with /Length1
 * to match.  check_pdf compares ours with libharu's, slimmed the same
 * way, on real fonts.
 */
#define SUB_TABLES	13

static const char sub_tags[SUB_TABLES][5] = {
	"OS/2", "cmap", "cvt ", "fpgm", "glyf", "head", "hhea", "hmtx",
	"loca", "maxp", "name", "post", "prep"
};

typedef HPDF_STATUS (*save_fn)(HPDF_FontDef, HPDF_Stream);

/* The font's table tag, or NULL. */
static const HPDF_TTFTable *
sub_table(HPDF_TTFontDefAttr a, const char *tag)
{
	HPDF_UINT i;

	for (i = 0; i < a->offset_tbl.num_tables; i++)
		if (memcmp(a->offset_tbl.table[i].tag, tag, 4) == 0)
			return &a->offset_tbl.table[i];
	return NULL;
}

/* 'name' as libharu rewrites it, appended to b; -1 when odd. */
static int
sub_name(HPDF_TTFontDefAttr a, const unsigned char *t, size_t len,
    struct buf *b)
{
	uint32_t count, so, i, off = 0;
	char hdr[12];

	if (len < 6)
		return -1;
	count = be16(t + 2);
	so = be16(t + 4);
	if (6 + 12 * (size_t)count > len)
		return -1;
	buf_add(b, (const char *)t, 6);
	for (i = 0; i < count; i++) {
		const unsigned char *r = t + 6 + 12 * i;
		uint32_t id = be16(r + 6), l = be16(r + 8), pid = be16(r);

		if ((size_t)so + be16(r + 10) + l > len)
			return -1;
		if (id == 1 || id == 4)
			l += pid == 0 || pid == 3 ? sizeof(a->tag_name2) :
			    sizeof(a->tag_name);
		memcpy(hdr, r, 8);
		put_be16((unsigned char *)hdr + 8, l);
		put_be16((unsigned char *)hdr + 10, off);
		buf_add(b, hdr, 12);
		off += l;
	}
	for (i = 0; i < count; i++) {
		const unsigned char *r = t + 6 + 12 * i;
		uint32_t id = be16(r + 6), pid = be16(r);

		if (id == 1 || id == 4) {
			if (pid == 0 || pid == 3)
				buf_add(b, a->tag_name2, sizeof(a->tag_name2));
			else
				buf_add(b, a->tag_name, sizeof(a->tag_name));
		}
		buf_add(b, (const char *)t + so + be16(r + 10), be16(r + 8));
	}
	return off > 0xFFFF ? -1 : 0;	/* offsets are 16-bit */
}

/* glyf and loca as libharu recreates them, appended to g and l. */
static int
sub_glyf(HPDF_TTFontDefAttr a, const unsigned char *d, size_t len,
    struct buf *g, struct buf *l)
{
	int shortf = a->header.index_to_loc_format == 0;
	uint32_t m = shortf ? 2 : 1, i, at;
	unsigned char v[4];

	for (i = 0; i <= a->num_glyphs; i++) {
		if (i < a->num_glyphs && a->glyph_tbl.flgs[i] == 1) {
			uint32_t o = a->glyph_tbl.offsets[i];
			uint32_t e = a->glyph_tbl.offsets[i + 1];
			size_t from = a->glyph_tbl.base_offset +
			    (size_t)o * m, n = (size_t)(e - o) * m;

			if (e < o || from > len || n > len - from)
				return -1;
			at = (uint32_t)(g->len / m);
			buf_add(g, (const char *)d + from, n);
		} else
			at = (uint32_t)(g->len / m);
		if (shortf) {
			put_be16(v, at);
			buf_add(l, (const char *)v, 2);
		} else {
			put_be32(v, at);
			buf_add(l, (const char *)v, 4);
		}
	}
	return 0;
}

/* libharu's subset of def into b (by its own function); 0 or -1. */
static int
subset_libharu(HPDF_FontDef def, struct buf *b)
{
	save_fn real = (save_fn)(uintptr_t)dlsym(RTLD_NEXT,
	    "HPDF_TTFontDef_SaveFontData");
	HPDF_TTFontDefAttr a = def->attr;
	HPDF_UINT keep = a->length1;
	HPDF_Stream s;
	int rc = -1;

	if (real == NULL)
		return -1;
	if ((s = HPDF_MemStream_New(def->mmgr, 4096)) == NULL)
		return -1;
	if (real(def, s) == HPDF_OK) {
		stream_bytes(s, b);
		rc = b->len == s->size ? 0 : -1;
	}
	HPDF_Stream_Free(s);
	a->length1 = keep;
	return rc;
}

/* The same subset, made here from a font loaded by ttf_load; 0 or -1. */
static int
subset_ours(HPDF_FontDef def, struct buf *all)
{
	HPDF_TTFontDefAttr a = def->attr;
	const struct fbytes *fb;
	struct buf t[SUB_TABLES];
	unsigned char hdr[16];
	size_t pos;
	int i, ok = 1;

	if (a == NULL || a->stream == NULL || a->stream->read_fn != fb_read ||
	    a->glyph_tbl.offsets == NULL || a->glyph_tbl.flgs == NULL)
		return -1;
	fb = a->stream->attr;
	memset(t, 0, sizeof(t));
	for (i = 0; i < SUB_TABLES && ok; i++) {
		const HPDF_TTFTable *tb = sub_table(a, sub_tags[i]);
		const unsigned char *p;

		if (tb == NULL || tb->offset > fb->len ||
		    tb->length > fb->len - tb->offset) {
			ok = 0;
			break;
		}
		p = fb->d + tb->offset;
		if (i == 4)			/* glyf, with loca */
			ok = sub_glyf(a, fb->d, fb->len, &t[4], &t[8]) == 0;
		else if (i == 5) {		/* head: its 54 bytes */
			if ((ok = tb->length >= 54))
				buf_add(&t[5], (const char *)p, 54);
		} else if (i == 10)		/* name */
			ok = sub_name(a, p, tb->length, &t[10]) == 0;
		else if (i != 8)		/* loca: made with glyf */
			buf_add(&t[i], (const char *)p, tb->length);
	}
	if (ok) {
		put_be32(hdr, a->offset_tbl.sfnt_version);
		put_be16(hdr + 4, SUB_TABLES);
		put_be16(hdr + 6, a->offset_tbl.search_range);
		put_be16(hdr + 8, a->offset_tbl.entry_selector);
		put_be16(hdr + 10, a->offset_tbl.range_shift);
		buf_add(all, (const char *)hdr, 12);
		pos = 12 + 16 * SUB_TABLES;
		for (i = 0; i < SUB_TABLES; i++) {
			memcpy(hdr, sub_tags[i], 4);
			put_be32(hdr + 4, 0);
			put_be32(hdr + 8, (uint32_t)pos);
			put_be32(hdr + 12, (uint32_t)t[i].len);
			buf_add(all, (const char *)hdr, 16);
			pos += t[i].len;
		}
		for (i = 0; i < SUB_TABLES; i++)
			if (t[i].len > 0)
				buf_add(all, t[i].s, t[i].len);
	}
	for (i = 0; i < SUB_TABLES; i++)
		free(t[i].s);
	return ok ? 0 : -1;
}

HPDF_STATUS
HPDF_TTFontDef_SaveFontData(HPDF_FontDef def, HPDF_Stream out)
{
	HPDF_TTFontDefAttr a = def->attr;
	struct buf sub = { NULL, 0, 0 };
	unsigned char *slim = NULL;
	size_t n;
	HPDF_STATUS st;

	if (subset_ours(def, &sub) != 0) {
		free(sub.s);
		sub.s = NULL;
		sub.len = sub.cap = 0;
		if (subset_libharu(def, &sub) != 0) {
			free(sub.s);
			return HPDF_SetError(def->error,
			    HPDF_TTF_INVALID_FOMAT, 0);
		}
	}
	if ((n = ttf_slim((const unsigned char *)sub.s, sub.len, &slim)) > 0)
		st = HPDF_Stream_Write(out, slim, (HPDF_UINT)n);
	else
		st = HPDF_Stream_Write(out, (HPDF_BYTE *)sub.s,
		    (HPDF_UINT)(n = sub.len));
	a->length1 = (HPDF_UINT)n;
	free(slim);
	free(sub.s);
	return st;
}

int
pdf_subset_selftest(struct pdf *p)
{
	size_t i, n;
	int done = 0;

	for (i = 0; i < p->npf; i++) {
		struct buf ours = { NULL, 0, 0 }, theirs = { NULL, 0, 0 };
		HPDF_FontDef def = p->pf[i]->def;
		HPDF_UINT keep;
		HPDF_Stream s;
		unsigned char *slim = NULL;
		int same = 0;

		if (def == NULL)
			continue;
		keep = ((HPDF_TTFontDefAttr)def->attr)->length1;
		if ((s = HPDF_MemStream_New(def->mmgr, 4096)) != NULL &&
		    HPDF_TTFontDef_SaveFontData(def, s) == HPDF_OK)
			stream_bytes(s, &ours);
		if (s != NULL)
			HPDF_Stream_Free(s);
		((HPDF_TTFontDefAttr)def->attr)->length1 = keep;
		if (ours.len > 0 && subset_libharu(def, &theirs) == 0) {
			n = ttf_slim((const unsigned char *)theirs.s,
			    theirs.len, &slim);
			same = n > 0 && n == ours.len &&
			    memcmp(slim, ours.s, n) == 0;
		}
		free(slim);
		free(ours.s);
		free(theirs.s);
		if (!same)
			return -1;
		done++;
	}
	return done;
}

/*
 * libharu copies and clears memory a byte at a time (HPDF_MemCpy and
 * HPDF_MemSet: each stream write, each new encoder's 256 KB of tables);
 * its own calls go through the PLT, so these definitions in the program
 * are the ones it runs.  Same results, both return the end of the area,
 * with libc's memmove and memset.
 */
HPDF_BYTE *
HPDF_MemCpy(HPDF_BYTE *out, const HPDF_BYTE *in, HPDF_UINT n)
{
	memmove(out, in, n);
	return out + n;
}

void *
HPDF_MemSet(void *s, HPDF_BYTE c, HPDF_UINT n)
{
	memset(s, c, n);
	return (HPDF_BYTE *)s + n;
}

/* The embedded font for f's face, loaded into libharu on first use. */
static struct pfont *
pfont_get(struct pdf *p, struct font *f)
{
	struct pfont *pf;
	const char *name;
	size_t i;

	for (i = 0; i < p->npf; i++)
		if (p->pf[i]->key == f->ff)
			return p->pf[i]->hf != NULL ? p->pf[i] : NULL;
	pf = xcalloc(1, sizeof(*pf));
	pf->key = f->ff;
	pf->f = f;
	p->pf = xrealloc(p->pf, (p->npf + 1) * sizeof(*p->pf));
	p->pf[p->npf++] = pf;

	p->what = f->file;
	name = ttf_load(p, pf);
	if (name != NULL) {
		/*
		 * HPDF_GetFont builds a 64K-entry CIDToGIDMap and /W, with a
		 * linear cmap search per code, for a UTF encoder (a third of
		 * a small run).  We write both ourselves for the codes used
		 * (cid_tables), so while the font is made the encoder takes
		 * the path of a CMap encoder whose code -> CID table holds
		 * one code (libharu wants one), and the loops stay short.
		 */
		HPDF_Encoder enc = HPDF_GetEncoder(p->doc, "UTF-8");
		HPDF_CMapEncoderAttr ea = enc != NULL &&
		    enc->type == HPDF_ENCODER_TYPE_DOUBLE_BYTE ?
		    (HPDF_CMapEncoderAttr)enc->attr : NULL;
		HPDF_UINT16 (*cids)[256] = ea != NULL ?
		    malloc(sizeof(ea->cid_map)) : NULL;
		HPDF_Encoder_ToUnicode_Func tu = NULL;

		if (cids != NULL) {
			tu = enc->to_unicode_fn;
			memcpy(cids, ea->cid_map, sizeof(ea->cid_map));
			memset(ea->cid_map, 0, sizeof(ea->cid_map));
			ea->cid_map[0][0x20] = 0x20;
			enc->to_unicode_fn = HPDF_CMapEncoder_ToUnicode;
		}
		pf->hf = HPDF_GetFont(p->doc, name, "UTF-8");
		if (cids != NULL) {
			enc->to_unicode_fn = tu;
			memcpy(ea->cid_map, cids, sizeof(ea->cid_map));
			free(cids);
		}
	}
	hpdf_done(p);
	for (i = 0; pf->hf != NULL && i + 1 < p->npf; i++)
		if (p->pf[i]->hf == pf->hf) {
			/* libharu keys fonts by PostScript name. */
			diag_emit(p->d, DIAG_FONT_LOAD, NULL, 0, 0,
			    "%s: same PostScript name as %s", f->file,
			    p->pf[i]->f->file);
			pf->hf = NULL;
		}
	if (pf->hf == NULL) {
		p->failed = 1;
		return NULL;
	}
	pf->fa = (HPDF_FontAttr)pf->hf->attr;
	pf->def = pf->fa->fontdef;
	pf->da = (HPDF_TTFontDefAttr)pf->def->attr;
	pf->nglyphs = pf->da->num_glyphs;
	pf->spare_of = xcalloc(pf->nglyphs + 1, sizeof(*pf->spare_of));
	pf->flagged = xcalloc(pf->nglyphs + 1, 1);
	pf->next_spare = 0x0e3b;
	return pf;
}

static int
bit(const unsigned char *b, uint32_t c)
{
	return b[c >> 3] >> (c & 7) & 1;
}

static void
setbit(unsigned char *b, uint32_t c)
{
	b[c >> 3] |= (unsigned char)(1 << (c & 7));
}

/*
 * The first code >= c whose bit is set in a bitmap of NCODES bits, or
 * NCODES: eight bytes at a time, as a font uses a few hundred codes.
 */
static uint32_t
next_bit(const unsigned char *b, uint32_t c)
{
	uint64_t w;

	while (c < NCODES) {
		if ((c & 63) == 0 && c + 64 <= NCODES) {
			memcpy(&w, b + (c >> 3), 8);
			if (w == 0) {
				c += 64;
				continue;
			}
		}
		if (bit(b, c))
			return c;
		c++;
	}
	return NCODES;
}

/* What pf knows of code c, c < NCODES (its block made if need be). */
static struct codeinfo *
code_info(struct pfont *pf, uint32_t c)
{
	struct codeinfo **b = &pf->info[c / CBLOCK];

	if (*b == NULL)
		*b = xcalloc(CBLOCK, sizeof(**b));
	return &(*b)[c % CBLOCK];
}

/* The same, or NULL when nothing is known of c's block. */
static const struct codeinfo *
code_info_if(const struct pfont *pf, uint32_t c)
{
	const struct codeinfo *b = pf->info[c / CBLOCK];

	return b != NULL ? &b[c % CBLOCK] : NULL;
}

/* The glyph code c draws in the PDF. */
static uint32_t
code_gid(struct pfont *pf, uint32_t c)
{
	size_t i;

	if (bit(pf->spare_bit, c)) {
		for (i = 0; i < pf->nsp; i++)
			if (pf->sp[i].code == c)
				return pf->sp[i].gid;
		return 0;
	}
	/* libharu searches the cmap linearly: remember its answers */
	if (!bit(pf->gid_known, c)) {
		code_info(pf, c)->gid = HPDF_TTFontDef_GetGlyphid(pf->def,
		    (HPDF_UINT16)c);
		setbit(pf->gid_known, c);
	}
	return code_info(pf, c)->gid;
}

/* Does HarfBuzz map c to the glyph libharu's cmap gives it?  Cached. */
static int
hb_agrees(struct pfont *pf, struct font *f, uint32_t c)
{
	hb_codepoint_t ng;

	if (!bit(pf->hb_known, c)) {
		if (hb_font_get_nominal_glyph(f->hb, c, &ng) &&
		    ng == code_gid(pf, c))
			setbit(pf->hb_same, c);
		setbit(pf->hb_known, c);
	}
	return bit(pf->hb_same, c);
}

/* What code c stands for: its ToUnicode entry (NULL: itself). */
static const struct tu *
code_tu(struct pfont *pf, uint32_t c)
{
	const struct codeinfo *ci = code_info_if(pf, c);

	if (ci == NULL || ci->tu == 0)
		return NULL;
	return &pf->tu[ci->tu - 1];
}

static void
code_set_tu(struct pfont *pf, uint32_t c, const uint32_t *u, int n)
{
	struct codeinfo *ci = code_info(pf, c);
	struct tu *t;

	if (ci->tu != 0)
		return;
	if (pf->ntu == pf->tucap) {
		pf->tucap = pf->tucap ? pf->tucap * 2 : 32;
		pf->tu = xrealloc(pf->tu, pf->tucap * sizeof(*pf->tu));
	}
	t = &pf->tu[pf->ntu++];
	if (n > MAXT)
		n = MAXT;
	if (n <= 0) {
		t->u[0] = 0xfffd;	/* nothing left to stand for */
		n = 1;
	} else
		memcpy(t->u, u, (size_t)n * sizeof(*u));
	t->n = n;
	ci->tu = (int32_t)pf->ntu;
}

/* Flag gid and its components for the subset, once. */
static void
flag_glyph(struct pfont *pf, uint32_t gid)
{
	uint32_t comp[64];
	int i, n;

	if (gid >= pf->nglyphs || pf->flagged[gid])
		return;
	pf->flagged[gid] = 1;
	pf->da->glyph_tbl.flgs[gid] = 1;
	n = font_glyph_components(pf->f, gid, comp, 64);
	for (i = 0; i < n; i++)
		if (comp[i] < pf->nglyphs)
			pf->da->glyph_tbl.flgs[comp[i]] = 1;
}

/* A spare code for gid: a PUA code the font does not map, never used. */
static int
spare_code(struct pdf *p, struct pfont *pf, uint32_t gid, uint16_t *code)
{
	uint32_t c;

	if (gid != 0 && gid < pf->nglyphs && pf->spare_of[gid] != 0) {
		*code = pf->spare_of[gid];
		return 1;
	}
	/* the Thai block's unassigned codes first, then private use */
	for (c = pf->next_spare; c <= 0xf8ff; c = c == 0x0e3e ? 0x0e5c :
	    c == 0x0e7f ? 0xe000 : c + 1)
		if (!bit(pf->used, c) && !bit(pf->spare_bit, c) &&
		    HPDF_TTFontDef_GetGlyphid(pf->def, (HPDF_UINT16)c) == 0)
			break;
	if (c > 0xf8ff) {
		diag_emit(p->d, DIAG_PDF, NULL, 0, 0,
		    "%s: no private-use code left for glyph %u", pf->f->file,
		    (unsigned)gid);
		p->failed = 1;
		return 0;
	}
	pf->next_spare = c == 0x0e3e ? 0x0e5c : c == 0x0e7f ? 0xe000 : c + 1;
	if (pf->nsp == pf->spcap) {
		pf->spcap = pf->spcap ? pf->spcap * 2 : 16;
		pf->sp = xrealloc(pf->sp, pf->spcap * sizeof(*pf->sp));
	}
	pf->sp[pf->nsp].code = (uint16_t)c;
	pf->sp[pf->nsp].gid = gid;
	pf->nsp++;
	setbit(pf->spare_bit, c);
	if (gid != 0 && gid < pf->nglyphs)
		pf->spare_of[gid] = (uint16_t)c;
	*code = (uint16_t)c;
	p->st.injected++;
	return 1;
}

static int
is_pua(uint32_t u)
{
	return u >= 0xe000 && u <= 0xf8ff;
}

static int
is_space(uint32_t u)
{
	return u == 0x20 || u == 0xa0 || u == 0x3000 || u == 0x09 ||
	    (u >= 0x2000 && u <= 0x200a) || u == 0x202f || u == 0x205f;
}

static int
is_ignorable(uint32_t u)
{
	return u < 0x20 || (u >= 0x7f && u < 0xa0) || u == 0xad ||
	    u == 0x200b || u == 0x200c || u == 0x200d ||
	    u == 0x2060 || u == 0xfeff || (u >= 0xfe00 && u <= 0xfe0f);
}

/* Does the cluster character at pos take a glyph meaning m? */
static int
char_matches(uint32_t c, uint32_t m)
{
	return c == m || (c == 0x0e33 && (m == 0x0e4d || m == 0x0e32));
}

static uint32_t
memo_hash(const struct glyph *g, unsigned k, const uint32_t *cc, int m)
{
	uint32_t h = 2166136261u;
	unsigned i;
	int j;

	for (j = 0; j < m; j++)
		h = (h ^ cc[j]) * 16777619u;
	for (i = 0; i < k; i++)
		h = (h ^ (g[i].gid | (uint32_t)(g[i].ax == 0) << 31)) * 16777619u;
	return h != 0 ? h : 1;
}

/* The slot for this cluster: a match, or the empty one it would take. */
static struct memo *
memo_slot(struct pfont *pf, uint32_t h, const struct glyph *g, unsigned k,
    const uint32_t *cc, int m)
{
	size_t i = h & (pf->memocap - 1);
	struct memo *e;
	unsigned q;

	for (;; i = (i + 1) & (pf->memocap - 1)) {
		e = &pf->memo[i];
		if (e->hash == 0)
			return e;
		if (e->hash != h || e->m != m || e->k != k)
			continue;
		for (q = 0; q < k; q++)
			if (e->gid[q] != g[q].gid ||
			    ((e->axz >> q & 1) != (g[q].ax == 0)))
				break;
		if (q == k && memcmp(e->cc, cc, (size_t)m * sizeof(*cc)) == 0)
			return e;
	}
}

static void
memo_grow(struct pfont *pf)
{
	struct memo *old = pf->memo;
	size_t n = pf->memocap, i, j;

	pf->memocap = n ? n * 2 : 1024;
	pf->memo = xcalloc(pf->memocap, sizeof(*pf->memo));
	for (i = 0; i < n; i++)
		if (old[i].hash != 0) {
			for (j = old[i].hash & (pf->memocap - 1);
			    pf->memo[j].hash != 0;
			    j = (j + 1) & (pf->memocap - 1))
				continue;
			pf->memo[j] = old[i];
		}
	free(old);
}

/*
 * Choose codes for the glyphs e[0..k) of one cluster whose characters are
 * cc[0..m), and the order to write them in (logical order).
 */
static void
cluster_codes_new(struct pdf *p, struct pfont *pf, struct font *f,
    const struct glyph *g, struct eg *e, unsigned k, const uint32_t *cc,
    int m)
{
	unsigned char claimed[64];
	unsigned i;
	int j, cm = m < 64 ? m : 64;

	memset(claimed, 0, sizeof(claimed));
	for (i = 0; i < k; i++) {
		uint32_t gid = g[i].gid, u, name[MAXT];
		const struct tu *t;
		uint16_t code = 0;
		uint32_t pua_u;
		int have = 0, n;

		e[i].skip = 0;
		e[i].pos = m;
		/* (a) a character of the cluster whose glyph it is */
		for (j = 0; j < m && !have; j++)
			if (cc[j] <= 0xffff && !bit(pf->spare_bit, cc[j]) &&
			    code_gid(pf, cc[j]) == gid &&
			    ((gid != 0 && hb_agrees(pf, f, cc[j])) ||
			    (gid == 0 && !font_has(f, cc[j])))) {
				code = (uint16_t)cc[j];
				have = 1;
			}
		/*
		 * (b) another code point the cmap maps to it.  A private-use
		 * one (TLWG's U+F700 range) gets a spare code instead, below:
		 * a low code keeps the CIDToGIDMap, which runs to the highest
		 * code, a few KB instead of 126 KB.
		 */
		pua_u = 0;
		if (!have && gid != 0 && (u = font_glyph_code(f, gid)) != 0 &&
		    u <= 0xffff && !bit(pf->spare_bit, u) &&
		    code_gid(pf, u) == gid) {
			p->st.pua++;
			if (is_pua(u))
				pua_u = u;
			else {
				code = (uint16_t)u;
				have = 1;
			}
		}
		/* (c) a spare code */
		if (!have && gid == 0) {
			/* .notdef for a character the font lacks */
			uint32_t c0 = 0xfffd;
			size_t q;

			for (j = 0; j < m; j++)
				if (!font_has(f, cc[j])) {
					c0 = cc[j];
					break;
				}
			for (q = 0; q < pf->nsp && !have; q++)
				if (pf->sp[q].gid == 0 && (t = code_tu(pf,
				    pf->sp[q].code)) != NULL && t->n == 1 &&
				    t->u[0] == c0) {
					code = pf->sp[q].code;
					have = 1;
				}
			if (!have && spare_code(p, pf, 0, &code)) {
				code_set_tu(pf, code, &c0, 1);
				have = 1;
			}
			if (!have) {
				e[i].skip = 1;
				continue;
			}
			e[i].w = HPDF_TTFontDef_GetGidWidth(pf->def, 0);
		} else if (!have) {
			if (!spare_code(p, pf, gid, &code)) {
				e[i].skip = 1;
				continue;
			}
			if (code_tu(pf, code) == NULL) {
				if ((n = font_glyph_text(f, gid, name,
				    MAXT)) > 0)
					code_set_tu(pf, code, name, n);
				else if (pua_u >= 0xf700 && pua_u <= 0xf720 &&
				    tlwg_pua[pua_u - 0xf700] != 0) {
					name[0] = tlwg_pua[pua_u - 0xf700];
					code_set_tu(pf, code, name, 1);
				}
			}
			e[i].w = HPDF_TTFontDef_GetGidWidth(pf->def,
			    (HPDF_UINT16)gid);
		} else if (bit(pf->used, code))
			e[i].w = code_info(pf, code)->width;
		else
			e[i].w = code_info(pf, code)->width =
			    (int16_t)HPDF_Font_GetUnicodeWidth(pf->hf, code);
		e[i].code = code;
		flag_glyph(pf, gid);
		setbit(pf->used, code);

		/* Which character it stands for: its first unclaimed one. */
		t = code_tu(pf, code);
		if (t != NULL || !is_pua(code)) {
			u = t != NULL ? t->u[0] : code;
			for (j = 0; j < cm; j++)
				if (char_matches(cc[j], u) && (!claimed[j] ||
				    cc[j] == 0x0e33)) {
					claimed[j] = 1;
					e[i].pos = j;
					break;
				}
		}
	}
	/* Codes that stand for nothing yet take the left-over characters. */
	for (i = 0; i < k; i++) {
		uint32_t left[MAXT];
		int n = 0;

		if (e[i].skip || code_tu(pf, e[i].code) != NULL ||
		    !(is_pua(e[i].code)))
			continue;
		for (j = 0; j < cm && n < MAXT; j++)
			if (!claimed[j]) {
				if (n == 0)
					e[i].pos = j;
				left[n++] = cc[j];
				claimed[j] = 1;
			}
		code_set_tu(pf, e[i].code, left, n);
	}
	/* Invisible glyphs of default ignorables are not drawn. */
	for (i = 0; i < k; i++) {
		int all = m > 0;

		for (j = 0; j < m; j++)
			if (!is_ignorable(cc[j]))
				all = 0;
		if (all && g[i].ax == 0)
			e[i].skip = 1;
	}
}

/* cluster_codes_new, remembered for small clusters. */
static void
cluster_codes(struct pdf *p, struct pfont *pf, struct font *f,
    const struct glyph *g, struct eg *e, unsigned k, const uint32_t *cc,
    int m)
{
	struct memo *me;
	uint32_t h;
	unsigned i;

	if (k == 0 || k > MEMO_MAX || m > MEMO_MAX) {
		cluster_codes_new(p, pf, f, g, e, k, cc, m);
		return;
	}
	if ((pf->nmemo + 1) * 2 > pf->memocap)
		memo_grow(pf);
	h = memo_hash(g, k, cc, m);
	me = memo_slot(pf, h, g, k, cc, m);
	if (me->hash != 0) {
		for (i = 0; i < k; i++) {
			e[i].code = me->v[i].code;
			e[i].w = me->v[i].w;
			e[i].skip = me->v[i].skip;
			e[i].pos = me->v[i].pos;
		}
		return;
	}
	cluster_codes_new(p, pf, f, g, e, k, cc, m);
	if (p->failed)
		return;
	me->hash = h;
	me->m = (uint8_t)m;
	me->k = (uint8_t)k;
	me->axz = 0;
	memcpy(me->cc, cc, (size_t)m * sizeof(*cc));
	for (i = 0; i < k; i++) {
		me->gid[i] = g[i].gid;
		me->axz |= (uint8_t)((g[i].ax == 0) << i);
		me->v[i].code = e[i].code;
		me->v[i].w = e[i].w;
		me->v[i].skip = (uint8_t)e[i].skip;
		me->v[i].pos = (uint8_t)e[i].pos;
	}
	pf->nmemo++;
}

/*
 * Decode text[lo..len) once: p->cc holds its characters, and p->at[b - lo]
 * the index of the character at byte b (p->at[len - lo]: their count).  lo
 * is where a piece's first cluster begins: a line's piece indexes the
 * whole paragraph's text, and decoding it from its start made a
 * paragraph's lines cost the square of its length.
 */
static void
decode(struct pdf *p, const char *text, size_t lo, size_t len)
{
	size_t a = lo, b, n = 0;

	if (p->cccap < len - lo + 1) {
		p->cccap = (len - lo + 1) * 2;
		p->cc = xrealloc(p->cc, p->cccap * sizeof(*p->cc));
		p->at = xrealloc(p->at, p->cccap * sizeof(*p->at));
	}
	while (a < len) {
		b = a;
		p->cc[n] = shape_utf8_next(text, len, &a);
		while (b < a)
			p->at[b++ - lo] = (uint32_t)n;
		n++;
	}
	p->at[len - lo] = (uint32_t)n;
	p->atlo = lo;
}

/* The index in p->cc of the character at byte b (b >= p->atlo). */
static size_t
at(const struct pdf *p, size_t b, size_t len)
{
	return p->at[(b < len ? b : len) - p->atlo];
}

static void
tj_close(struct buf *o, struct pen *pe)
{
	if (pe->tj == 2)
		buf_add(o, ")", 1);
	if (pe->tj != 0)
		buf_add(o, "]TJ\n", 4);
	pe->tj = 0;
}

/* Write one glyph at its target, moving the pen as needed. */
static void
put_glyph(struct pdf *p, struct buf *o, struct pen *pe, const struct eg *e,
    double es, int *displaced)
{
	double adj;

	if (e->off)
		*displaced = 1;
	if (fabs(e->ty - pe->oy) > 0.05 || fabs(e->tx - pe->pen) > 2000) {
		/* A y offset (or a far jump): move the line origin. */
		tj_close(o, pe);
		pe->ox += buf_num(o, (e->tx - pe->ox) * es / 1000, 4) *
		    1000 / es;
		buf_add(o, " ", 1);
		pe->oy += buf_num(o, (e->ty - pe->oy) * es / 1000, 4) *
		    1000 / es;
		buf_add(o, " Td\n", 4);
		pe->pen = pe->ox;
		p->st.moves++;
		*displaced = 1;
	}
	adj = pe->pen - e->tx;
	if (fabs(adj) >= 0.05) {
		if (pe->tj == 0)
			buf_add(o, "[", 1);
		else if (pe->tj == 2)
			buf_add(o, ")", 1);
		pe->tj = 1;
		adj = buf_num(o, adj, 1);
		pe->pen -= adj;
		p->st.adjust++;
		if (fabs(adj) >= 20)
			*displaced = 1;
	}
	if (pe->tj == 0)
		buf_add(o, "[(", 2);
	else if (pe->tj == 1)
		buf_add(o, "(", 1);
	pe->tj = 2;
	buf_lit2(o, e->code);
	pe->pen += e->w;
	p->st.glyphs++;
}

/* Do the codes of e[0..n), read through ToUnicode, give wt[0..nt)? */
static int
spells(struct pfont *pf, const struct eg *e, unsigned n, const uint32_t *wt,
    int nt)
{
	const struct tu *tu;
	unsigned i;
	int t = 0, q;

	for (i = 0; i < n; i++) {
		if (e[i].skip)
			continue;
		if ((tu = code_tu(pf, e[i].code)) == NULL) {
			if (t >= nt || wt[t++] != e[i].code)
				return 0;
			continue;
		}
		for (q = 0; q < tu->n; q++)
			if (t >= nt || wt[t++] != tu->u[q])
				return 0;
	}
	/* Skipped ignorables at the end are not in the codes. */
	while (t < nt && is_ignorable(wt[t]))
		t++;
	return t == nt;
}

/* /Span<</ActualText(FE FF ...)>>BDC for text cc[0..n). */
static void
span_open(struct buf *o, const uint32_t *cc, int n)
{
	int i;

	buf_str(o, "/Span<</ActualText(");
	buf_lit2(o, 0xfeff);
	for (i = 0; i < n; i++)
		buf_utf16(o, cc[i], buf_lit2);
	buf_str(o, ")>>BDC\n");
}

static void
emit(struct pdf *p, double x, double y, double angle, double alpha,
    double size, struct font *f, const struct glyph *g, unsigned n,
    const char *text, size_t textlen, double r, double gr, double b)
{
	struct pfont *pf;
	struct buf *o = &p->out;
	struct pen pe;
	struct eg *e;
	double es, k, penu = 0;
	unsigned i, j, w0;
	size_t lo;

	if (p->page == NULL || f == NULL || n == 0 || size <= 0)
		return;
	if ((pf = pfont_get(p, f)) == NULL)
		return;
	es = size * f->scale;
	k = 1000.0 / f->upem;
	if (p->egcap < n) {
		p->egcap = n * 2;
		p->eg = xrealloc(p->eg, p->egcap * sizeof(*p->eg));
	}
	e = p->eg;
	lo = textlen;
	for (i = 0; i < n; i++)
		if (g[i].cluster < lo)
			lo = g[i].cluster;
	decode(p, text, lo, textlen);

	/* Codes, widths, targets and logical order, cluster by cluster. */
	for (i = 0; i < n; i = j) {
		size_t cs = g[i].cluster, ce = textlen;
		int m;

		for (j = i + 1; j < n && g[j].cluster == g[i].cluster; j++)
			continue;
		for (w0 = j; w0 < n; w0++)
			if (g[w0].cluster > cs) {
				ce = g[w0].cluster;
				break;
			}
		if (ce > textlen)
			ce = textlen;
		m = cs < ce ? (int)(at(p, ce, textlen) - at(p, cs, textlen)) : 0;
		cluster_codes(p, pf, f, g + i, e + i, j - i,
		    p->cc + at(p, cs, textlen), m);
		for (w0 = i; w0 < j; w0++) {
			e[w0].tx = (penu + g[w0].dx) * k;
			e[w0].ty = g[w0].dy * k;
			e[w0].off = g[w0].dx != 0 || g[w0].dy != 0;
			penu += g[w0].ax;
		}
		/* Stable sort of the cluster by character position. */
		for (w0 = i + 1; w0 < j; w0++) {
			struct eg t = e[w0];
			unsigned q = w0;

			while (q > i && e[q - 1].pos > t.pos) {
				e[q] = e[q - 1];
				q--;
			}
			e[q] = t;
		}
	}

	p->what = f->file;
	if (alpha < 1) {
		HPDF_ExtGState gs = NULL;
		int q;

		for (q = 0; q < p->ngs; q++)
			if (p->gs_alpha[q] == alpha)
				gs = p->gs[q];
		if (gs == NULL && p->ngs < 4) {
			gs = HPDF_CreateExtGState(p->doc);
			HPDF_ExtGState_SetAlphaFill(gs, (HPDF_REAL)alpha);
			p->gs[p->ngs] = gs;
			p->gs_alpha[p->ngs++] = alpha;
		}
		HPDF_Page_GSave(p->page);
		if (gs != NULL)
			HPDF_Page_SetExtGState(p->page, gs);
		page_drain(p);
	}
	page_write(p, "BT\012", 3);
	if (!p->ts_ok || p->ts_font != pf->hf || p->ts_size != es) {
		const char *name = HPDF_Page_GetLocalFontName(p->page,
		    pf->hf);

		if (name == NULL) {	/* libharu said why */
			hpdf_done(p);
			return;
		}
		page_write(p, "/", 1);
		page_write(p, name, strlen(name));
		page_real(p, " ", es);
		page_write(p, " Tf\012", 4);
		p->ts_font = pf->hf;
		p->ts_size = es;
	}
	if (!p->ts_ok || p->ts_fill[0] != r || p->ts_fill[1] != gr ||
	    p->ts_fill[2] != b) {
		page_real(p, "", r);
		page_real(p, " ", gr);
		page_real(p, " ", b);
		page_write(p, " rg\012", 4);
		p->ts_fill[0] = r;
		p->ts_fill[1] = gr;
		p->ts_fill[2] = b;
	}
	p->ts_ok = 1;
	o->len = 0;
	if (angle != 0) {
		double rad = angle * M_PI / 180, c = cos(rad), s = sin(rad);

		buf_num(o, c, 4);
		buf_add(o, " ", 1);
		buf_num(o, s, 4);
		buf_add(o, " ", 1);
		buf_num(o, -s, 4);
		buf_add(o, " ", 1);
		buf_num(o, c, 4);
		buf_add(o, " ", 1);
		buf_num(o, x, 3);
		buf_add(o, " ", 1);
		buf_num(o, y, 3);
		buf_add(o, " Tm\n", 4);
	} else {
		buf_num(o, x, 3);
		buf_add(o, " ", 1);
		buf_num(o, y, 3);
		buf_add(o, " Td\n", 4);
	}
	memset(&pe, 0, sizeof(pe));

	/*
	 * Words: clusters between white space.  A word goes out plainly
	 * first; if a glyph had to be displaced or the codes do not spell the
	 * text, it is written again inside an ActualText span.
	 */
	for (i = 0; i < n; i = j) {
		size_t ws = g[i].cluster, we = textlen, mark;
		struct pen save = pe;
		struct pdf_stats sst = p->st;
		int space = 0, displaced = 0, spelled, nt = 0, pass;

		/* A white-space cluster, or a word of non-space clusters. */
		for (j = i; j < n; ) {
			unsigned c0 = j, c1;
			size_t a = g[c0].cluster, z = textlen, q;
			int sp = 1;

			for (c1 = c0 + 1; c1 < n && g[c1].cluster ==
			    g[c0].cluster; c1++)
				continue;
			if (c1 < n && g[c1].cluster > a)
				z = g[c1].cluster;
			if (z > textlen)
				z = textlen;
			for (q = at(p, a, textlen); q < at(p, z, textlen); q++)
				if (!is_space(p->cc[q]))
					sp = 0;
			if (a >= z)
				sp = 0;
			if (j == i)
				space = sp;
			else if (sp != space || space)
				break;
			j = c1;
			we = z;
		}
		if (space) {
			for (w0 = i; w0 < j; w0++)
				if (!e[w0].skip)
					put_glyph(p, o, &pe, &e[w0], es,
					    &displaced);
			continue;
		}
		for (pass = 0; pass < 2; pass++) {
			mark = o->len;
			if (pass == 1) {
				tj_close(o, &pe);
				span_open(o, p->cc + at(p, ws, textlen), nt);
				p->st.spans++;
			}
			for (w0 = i; w0 < j; w0++)
				if (!e[w0].skip)
					put_glyph(p, o, &pe, &e[w0], es,
					    &displaced);
			if (pass == 1) {
				tj_close(o, &pe);
				buf_str(o, "EMC\n");
				break;
			}
			/* Do the codes spell the word? */
			nt = ws < we ? (int)(at(p, we, textlen) -
			    at(p, ws, textlen)) : 0;
			spelled = spells(pf, e + i, j - i,
			    p->cc + at(p, ws, textlen), nt);
			if (spelled && !displaced)
				break;
			/* Again, inside a span. */
			o->len = mark;
			pe = save;
			p->st = sst;
		}
	}
	tj_close(o, &pe);
	page_write(p, o->s, o->len);
	page_write(p, "ET\012", 3);
	if (alpha < 1) {
		HPDF_Page_GRestore(p->page);
		page_drain(p);
		p->ts_ok = 0;
	}
	hpdf_done(p);
}

void
pdf_glyphs(struct pdf *p, double x, double y, double size, struct font *f,
    const struct glyph *g, unsigned n, const char *text, size_t textlen,
    double r, double gr, double b)
{
	emit(p, x, y, 0, 1, size, f, g, n, text, textlen, r, gr, b);
}

void
pdf_glyphs_rotated(struct pdf *p, double x, double y, double angle,
    double alpha, double size, struct font *f, const struct glyph *g,
    unsigned n, const char *text, size_t textlen, double r, double gr,
    double b)
{
	if (alpha < 0)
		alpha = 0;
	emit(p, x, y, angle, alpha > 1 ? 1 : alpha, size, f, g, n, text,
	    textlen, r, gr, b);
}

static void
rgb(struct buf *o, double r, double g, double b, const char *op)
{
	buf_num(o, r, 3);
	buf_add(o, " ", 1);
	buf_num(o, g, 3);
	buf_add(o, " ", 1);
	buf_num(o, b, 3);
	buf_str(o, op);
}

void
pdf_rect(struct pdf *p, double x, double y, double w, double h, double r,
    double g, double b)
{
	struct buf *o = &p->out;

	if (p->page == NULL)
		return;
	o->len = 0;
	buf_str(o, "q ");
	rgb(o, r, g, b, " rg ");
	buf_num(o, x, 3);
	buf_add(o, " ", 1);
	buf_num(o, y, 3);
	buf_add(o, " ", 1);
	buf_num(o, w, 3);
	buf_add(o, " ", 1);
	buf_num(o, h, 3);
	buf_str(o, " re f Q\n");
	page_write(p, o->s, o->len);
}

void
pdf_line(struct pdf *p, double x0, double y0, double x1, double y1,
    double width, double r, double g, double b, int dotted)
{
	struct buf *o = &p->out;

	if (p->page == NULL)
		return;
	o->len = 0;
	buf_str(o, "q ");
	rgb(o, r, g, b, " RG ");
	buf_num(o, width, 3);
	buf_str(o, " w ");
	if (dotted) {
		buf_str(o, "1 J [0 ");
		buf_num(o, width * 2, 3);
		buf_str(o, "] 0 d ");
	}
	buf_num(o, x0, 3);
	buf_add(o, " ", 1);
	buf_num(o, y0, 3);
	buf_str(o, " m ");
	buf_num(o, x1, 3);
	buf_add(o, " ", 1);
	buf_num(o, y1, 3);
	buf_str(o, " l S Q\n");
	page_write(p, o->s, o->len);
}

static HPDF_Rect
mkrect(double x, double y, double w, double h)
{
	HPDF_Rect rc;

	rc.left = (HPDF_REAL)x;
	rc.bottom = (HPDF_REAL)y;
	rc.right = (HPDF_REAL)(x + w);
	rc.top = (HPDF_REAL)(y + h);
	return rc;
}

void
pdf_link_uri(struct pdf *p, double x, double y, double w, double h,
    const char *uri)
{
	HPDF_Annotation a;

	if (p->page == NULL || uri == NULL)
		return;
	p->what = "link";
	a = HPDF_Page_CreateURILinkAnnot(p->page, mkrect(x, y, w, h), uri);
	if (a != NULL)
		HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
	hpdf_done(p);
}

void
pdf_link_page(struct pdf *p, double x, double y, double w, double h,
    int page, double dest_y)
{
	struct plink *l;

	if (p->page == NULL || page < 0)
		return;
	if (p->nlinks == p->linkcap) {
		p->linkcap = p->linkcap ? p->linkcap * 2 : 32;
		p->links = xrealloc(p->links, p->linkcap * sizeof(*p->links));
	}
	l = &p->links[p->nlinks++];
	l->from = p->npages - 1;
	l->to = page;
	l->rect = mkrect(x, y, w, h);
	l->y = dest_y;
}

int
pdf_outline(struct pdf *p, int parent, const char *title, int page,
    double dest_y)
{
	struct poutline *o;

	if (title == NULL || page < 0 || parent < -1 ||
	    parent >= (int)p->nol)
		return -1;
	if (p->nol == p->olcap) {
		p->olcap = p->olcap ? p->olcap * 2 : 32;
		p->ol = xrealloc(p->ol, p->olcap * sizeof(*p->ol));
	}
	o = &p->ol[p->nol];
	o->parent = parent;
	o->page = page;
	o->title = xstrdup(title);
	o->y = dest_y;
	o->o = NULL;
	return (int)p->nol++;
}

/* A destination: page, top of the view at y, zoom unchanged. */
static HPDF_Destination
dest(struct pdf *p, int page, double y)
{
	HPDF_Destination d;

	if (page >= p->npages) {
		diag_emit(p->d, DIAG_PDF, NULL, 0, 0,
		    "link to page %d of %d", page + 1, p->npages);
		p->failed = 1;
		return NULL;
	}
	d = HPDF_Page_CreateDestination(p->pages[page]);
	if (d == NULL)
		return NULL;
	/* [page /XYZ null y null]: libharu refuses a zoom of null. */
	HPDF_Array_Clear(d);
	HPDF_Array_Add(d, p->pages[page]);
	HPDF_Array_AddName(d, "XYZ");
	HPDF_Array_Add(d, HPDF_Null_New(p->doc->mmgr));
	HPDF_Array_AddReal(d, (HPDF_REAL)y);
	HPDF_Array_Add(d, HPDF_Null_New(p->doc->mmgr));
	return d;
}

/*
 * Write the CIDToGIDMap and /W for the codes used: libharu's own were
 * built against an empty cmap (pfont_get).  The map ends at the highest
 * code used; /W lists the used codes whose width is not DW.
 */
static void
cid_tables(struct pdf *p, struct pfont *pf)
{
	HPDF_Stream s = pf->fa->map_stream != NULL ?
	    pf->fa->map_stream->stream : NULL;
	HPDF_Array w;
	HPDF_BYTE *map;
	uint32_t c, top = 0;
	HPDF_INT16 dw = pf->def->missing_width;

	if (s == NULL) {
		diag_emit(p->d, DIAG_PDF, NULL, 0, 0,
		    "%s: font has no CIDToGIDMap", pf->f->file);
		p->failed = 1;
		return;
	}
	for (c = next_bit(pf->used, 0); c < NCODES - 1;
	    c = next_bit(pf->used, c + 1))
		top = c;
	map = xcalloc((top + 1) * 2, 1);
	for (c = next_bit(pf->used, 0); c <= top;
	    c = next_bit(pf->used, c + 1)) {
		uint32_t gid = code_gid(pf, c);

		map[2 * c] = (HPDF_BYTE)(gid >> 8);
		map[2 * c + 1] = (HPDF_BYTE)gid;
	}
	HPDF_MemStream_FreeData(s);
	HPDF_Stream_Write(s, map, (top + 1) * 2);
	free(map);
	w = HPDF_Dict_GetItem(pf->fa->descendant_font, "W",
	    HPDF_OCLASS_ARRAY);
	if (w == NULL) {
		w = HPDF_Array_New(p->doc->mmgr);
		HPDF_Dict_Add(pf->fa->descendant_font, "W", w);
	} else
		HPDF_Array_Clear(w);
	for (c = next_bit(pf->used, 0); c <= top;
	    c = next_bit(pf->used, c + 1)) {
		HPDF_Array sub;
		HPDF_INT16 cw;

		cw = bit(pf->spare_bit, c) ? HPDF_TTFontDef_GetGidWidth(pf->def,
		    (HPDF_UINT16)code_gid(pf, c)) : code_info(pf, c)->width;
		if (cw == dw)
			continue;
		sub = HPDF_Array_New(p->doc->mmgr);
		HPDF_Array_AddNumber(w, (HPDF_INT32)c);
		HPDF_Array_Add(w, sub);
		HPDF_Array_AddNumber(sub, cw);
		/* neighbours share one sub-array */
		while (c + 1 <= top && bit(pf->used, c + 1) &&
		    !bit(pf->spare_bit, c + 1) &&
		    code_info(pf, c + 1)->width != dw) {
			c++;
			HPDF_Array_AddNumber(sub, code_info(pf, c)->width);
		}
	}
}

/* Replace libharu's ToUnicode (its encoding CMap) with a bfchar CMap. */
static void
tounicode(struct pdf *p, struct pfont *pf)
{
	HPDF_Dict cm = pf->fa->cmap_stream;
	struct buf o = { NULL, 0, 0 };
	uint32_t c, n = 0, total = 0, k;

	if (cm == NULL || cm->stream == NULL) {
		diag_emit(p->d, DIAG_PDF, NULL, 0, 0,
		    "%s: font has no ToUnicode stream", pf->f->file);
		p->failed = 1;
		return;
	}
	for (c = next_bit(pf->used, 0); c < NCODES;
	    c = next_bit(pf->used, c + 1))
		total++;
	HPDF_MemStream_FreeData(cm->stream);
	HPDF_Dict_RemoveElement(cm, "Type");
	HPDF_Dict_RemoveElement(cm, "CMapName");
	HPDF_Dict_RemoveElement(cm, "CIDSystemInfo");
	HPDF_Dict_RemoveElement(cm, "WMode");
	HPDF_ResetError(p->doc);	/* keys that were not there */
	buf_str(&o, "/CIDInit /ProcSet findresource begin\n"
	    "12 dict begin\nbegincmap\n"
	    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
	    "/Supplement 0 >> def\n"
	    "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
	    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	for (c = next_bit(pf->used, 0); c < NCODES;
	    c = next_bit(pf->used, c + 1)) {
		const struct tu *t;

		if (n % 100 == 0) {
			char s[32];

			snprintf(s, sizeof(s), "%u beginbfchar\n",
			    (unsigned)(total - n < 100 ? total - n : 100));
			buf_str(&o, s);
		}
		buf_add(&o, "<", 1);
		buf_hex4(&o, c);
		buf_add(&o, "> <", 3);
		if ((t = code_tu(pf, c)) != NULL)
			for (k = 0; k < (uint32_t)t->n; k++)
				buf_utf16(&o, t->u[k], buf_hex4);
		else
			buf_hex4(&o, c);
		buf_add(&o, ">\n", 2);
		if (++n % 100 == 0 || n == total)
			buf_str(&o, "endbfchar\n");
	}
	buf_str(&o, "endcmap\nCMapName currentdict /CMap defineresource pop\n"
	    "end\nend\n");
	HPDF_Stream_Write(cm->stream, (const HPDF_BYTE *)o.s, (HPDF_UINT)o.len);
	free(o.s);
}

/*
 * Write the saved document, which libharu holds in its memory stream's
 * 4 KB blocks, to path in large writes, from the blocks themselves.
 * libharu's own file writer makes a system call per 4 KB (370 for 200
 * pages; measured on the benchmark machine, 1.5 MB in 4 KB writes 1.8-3.4
 * ms, in one 0.2-0.9 ms), and HPDF_ReadFromStream copies byte by byte.
 */
int
pdf_write(struct pdf *p, FILE *f, const char *name)
{
	HPDF_Stream s = p->doc->stream;
	HPDF_UINT i, nb, len;
	size_t left = s->size;
	HPDF_BYTE *c;

	if (p->failed || !p->finished)
		return -1;
	nb = HPDF_MemStream_GetBufCount(s);
	for (i = 0; i < nb && left > 0; i++) {
		if ((c = HPDF_MemStream_GetBufPtr(s, i, &len)) == NULL ||
		    len > left)
			break;
		if (fwrite(c, 1, len, f) != len) {
			diag_emit(p->d, DIAG_IO, name, 0, 0, "%s",
			    strerror(errno));
			return -1;
		}
		left -= len;
	}
	hpdf_done(p);
	if (left > 0) {
		diag_emit(p->d, DIAG_PDF, name, 0, 0, "libharu's copy of the "
		    "document is %zu bytes short", left);
		return -1;
	}
	return 0;
}

int
pdf_finish(struct pdf *p)
{
	size_t i;

	if (!p->saved) {
		p->saved = 1;
		p->what = "page contents";
		zq_page_done(p);	/* the last page */
		zq_fonts(p);
		hpdf_done(p);
		p->what = "links and bookmarks";
		for (i = 0; i < p->nlinks; i++) {
			struct plink *l = &p->links[i];
			HPDF_Destination d = dest(p, l->to, l->y);
			HPDF_Annotation a;

			if (d == NULL)
				continue;
			a = HPDF_Page_CreateLinkAnnot(p->pages[l->from],
			    l->rect, d);
			if (a != NULL)
				HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
		}
		for (i = 0; i < p->nol; i++) {
			struct poutline *o = &p->ol[i];
			HPDF_Outline parent = o->parent < 0 ? NULL :
			    p->ol[o->parent].o;
			HPDF_Destination d;

			o->o = HPDF_CreateOutline(p->doc, parent, "", NULL);
			if (o->o == NULL)
				continue;
			HPDF_Dict_Add(o->o, "Title", utf16_string(p,
			    o->title));
			HPDF_Outline_SetOpened(o->o, o->parent < 0);
			if ((d = dest(p, o->page, o->y)) != NULL)
				HPDF_Outline_SetDestination(o->o, d);
		}
		if (p->nol > 0)
			HPDF_SetPageMode(p->doc, HPDF_PAGE_MODE_USE_OUTLINE);
		hpdf_done(p);
		p->what = "page contents";
		zq_finish(p);
		hpdf_done(p);
		for (i = 0; i < p->npf; i++)
			if (p->pf[i]->hf != NULL) {
				cid_tables(p, p->pf[i]);
				tounicode(p, p->pf[i]);
			}
		hpdf_done(p);
	}
	if (p->failed)
		return -1;
	/* Marked content with /ActualText is PDF 1.5. */
	if (p->st.spans > 0 && p->doc->pdf_version < HPDF_VER_15)
		p->doc->pdf_version = HPDF_VER_15;
	p->what = "the document";
	if (HPDF_SaveToStream(p->doc) != HPDF_OK)
		p->failed = 1;
	hpdf_done(p);
	p->finished = !p->failed;
	return p->failed ? -1 : 0;
}

int
pdf_save(struct pdf *p, const char *path)
{
	FILE *f;
	int rc;

	if (pdf_finish(p) != 0)
		return -1;
	if ((f = fopen(path, "wb")) == NULL) {
		diag_emit(p->d, DIAG_IO, path, 0, 0, "%s", strerror(errno));
		return -1;
	}
	rc = pdf_write(p, f, path);
	if (fclose(f) != 0 && rc == 0) {
		diag_emit(p->d, DIAG_IO, path, 0, 0, "%s", strerror(errno));
		rc = -1;
	}
	return rc;
}

void
pdf_get_stats(const struct pdf *p, struct pdf_stats *st)
{
	*st = p->st;
}
