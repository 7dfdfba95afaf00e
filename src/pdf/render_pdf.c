/*
 * render_pdf.c - the PDF writer over libharu (see pdf_int.h).  The only
 * file that includes libharu's headers.
 *
 * libharu makes the document through its documented API (hpdf.h): pages,
 * link annotations and destinations, bookmarks, the information
 * dictionary, the catalog, the cross-reference table and the file.  Fonts
 * and page contents are ours, made into objects of the document with
 * libharu's object calls (the list is below, with why):
 *
 *  - page content is written into a buffer of our own: glyphs exactly
 *    where HarfBuzz put them (TJ arrays with adjustments, Td moves), and
 *    /ActualText spans (marked content) around the words whose glyphs are
 *    displaced or do not spell the text, so that text extraction is
 *    exact.  A finished page's content is deflated whole with libdeflate
 *    and becomes a stream object of ours, after libharu's own (empty)
 *    content stream in the page's /Contents;
 *  - each font used is a Type0 font with Identity-H over a CIDFontType2
 *    whose codes are chosen here (below): our /W, CIDToGIDMap, ToUnicode
 *    (a bfchar CMap) and descriptor, and a subset of the font's own
 *    tables as its program (sfnt.c), all made when the document is
 *    finished;
 *  - the numbers in content are written by buf_num, and the font
 *    objects' are integers: the same bytes whatever libharu's version
 *    (its HPDF_FToA changed in 2.4);
 *  - outline titles and document information are UTF-16BE strings.
 *
 * Codes (the CIDs of Identity-H) are 16-bit, chosen for a glyph in this
 * order: (a) a character of its cluster whose nominal glyph it is; (b)
 * another code point the cmap maps to it (TLWG fonts: U+F700-F720); (c)
 * a spare code the font does not map, given to it.  The CIDToGIDMap takes
 * each code to its glyph.  ToUnicode maps private-use and spare codes to
 * what the glyph stands for, from its glyph name (uni0E49.low -> U+0E49)
 * or the cluster's left-over characters.
 *
 * What this file uses of libharu beyond hpdf.h: the object layer under
 * it, declared in the installed headers and the same in libharu 2.3 and
 * 2.4.  No libharu font, font definition, encoder or page attributes, and
 * no content written through a libharu stream.
 *
 *  HPDF_Doc_Rec (hpdf_doc.h):
 *   mmgr         our objects are made with the document's memory manager;
 *   xref         indirect objects go into its cross-reference table;
 *   info         the information dictionary, for UTF-16 text strings
 *                (HPDF_SetInfoAttr writes a value's bytes as they are);
 *   pdf_version  1.5 when marked content with /ActualText is written;
 *   stream       the stream HPDF_SaveToStream writes into: a callback
 *                writer into our buffer, not libharu's memory stream
 *                (Debian's libharu 2.3.0 copies a byte at a time into it).
 *  HPDF_Dict_Rec (hpdf_objects.h):
 *   stream       a stream object of ours reads its deflated bytes from our
 *                buffer through a callback reader (HPDF_Stream_Write would
 *                copy them into a memory stream a byte at a time);
 *   write_fn     writes its /Filter: libharu drops a /Filter entry from a
 *                stream it does not deflate itself.
 *  HPDF_Stream_Rec (hpdf_streams.h):
 *   attr         the reader's and the writer's data, in their callbacks.
 *  Functions (hpdf_objects.h, hpdf_streams.h):
 *   HPDF_Dict_New, HPDF_DictStream_New, HPDF_Dict_Add, HPDF_Dict_AddName,
 *   HPDF_Dict_AddNumber, HPDF_Dict_GetItem, HPDF_Array_New,
 *   HPDF_Array_Add, HPDF_Array_AddName, HPDF_Array_AddNumber,
 *   HPDF_Array_Clear, HPDF_Null_New, HPDF_String_New, HPDF_Binary_New,
 *   HPDF_Xref_Add: the font objects, our streams, and through the page
 *   dictionary (a libharu page, annotation or outline is a dictionary,
 *   a destination an array) a page's /Resources and /Contents,
 *   destinations [page /XYZ null y null] (HPDF_Destination_SetXYZ
 *   refuses a null zoom), UTF-16 outline titles and information;
 *   HPDF_CallbackReader_New, HPDF_CallbackWriter_New, HPDF_Stream_Free
 *   (the memory stream HPDF_DictStream_New makes, replaced by a reader),
 *   HPDF_Stream_WriteStr (in write_fn); and the constants they take
 *   (HPDF_OCLASS_DICT, HPDF_VER_15).
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hb-ot.h>
#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>

#include <libdeflate.h>

#include "base/base.h"
#include "text/text.h"
#include "pdf_int.h"
#include "sfnt.h"

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
 * 65,536 codes cost more to clear than the rest of drawing a short
 * document.
 */
#define CBLOCK		256
struct codeinfo {
	int16_t		 width;		/* [1/1000 em], once the code is used */
	int32_t		 tu;		/* its ToUnicode entry + 1, 0: none */
};

/* One embedded font: a face, and the codes written in it. */
struct pfont {
	struct font_face *key;		/* (borrowed) the face */
	struct font	*f;		/* (borrowed) its HarfBuzz face */
	HPDF_Dict	 type0;		/* (libharu's) the font resource */
	int		 id;		/* its resource name is /F<id> */
	int		 page;		/* the last page naming it, from 1 */
	unsigned	 nglyphs, upem;
	unsigned char	 used[NCODES / 8];	/* codes written */
	unsigned char	 spare_bit[NCODES / 8];	/* codes given away */
	struct codeinfo	*info[NCODES / CBLOCK];	/* (owned) by code, in
					   blocks made as codes are met */
	unsigned char	*keep;		/* (owned) gid -> in the subset, its
					   components flagged too */
	struct tu	*tu;		/* (owned) */
	size_t		 ntu, tucap;
	struct spare	*sp;		/* (owned) */
	size_t		 nsp, spcap;
	uint16_t	*spare_of;	/* (owned) gid -> spare code, 0 none */
	uint32_t	 next_spare;
	struct memo	*memo;		/* (owned) open addressing */
	size_t		 nmemo, memocap;	/* memocap: a power of 2 */
};

/* The bytes of a stream object of ours, read by libharu at save. */
struct pstream {
	unsigned char	*d;		/* (owned) deflated */
	size_t		 len, pos;
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
	int		 tj;		/* 0 none, 1 in [..], 2 in (..) */
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

struct buf {
	char		*s;
	size_t		 len, cap;
};

#define NALPHA		4	/* fill opacities (ExtGState) at most */
#define ZLEVELS		13	/* libdeflate's levels: 0-12 */

struct pdf {
	struct diag	*d;		/* (borrowed) */
	HPDF_Doc	 doc;		/* (owned) */
	const char	*what;		/* context for libharu errors */
	int		 failed;
	int		 reported;	/* on_error reported the error set */
	int		 finished;	/* pdf_finish ran */
	HPDF_Page	*pages;		/* (libharu's) */
	int		 npages, pagecap;
	HPDF_Page	 page;		/* current */
	int		 page_done;	/* its content is a stream object */
	struct buf	 pg;		/* (owned) the current page's content */
	HPDF_Dict	 pg_fonts;	/* (libharu's) its /Font resources */
	HPDF_Dict	 pg_gs;		/* (libharu's) its /ExtGState */
	unsigned	 pg_alpha;	/* bit k: /GS<k+1> named on it */
	/*
	 * The page's text font and fill colour as last set (ts_ok), so that
	 * lines that keep them do not set them again.  BT/ET leave them;
	 * q ... Q around a rectangle or a rule restores them; after the Q of
	 * a translucent text, or on a new page, they are unknown.
	 */
	int		 ts_ok;
	const struct pfont *ts_font;
	double		 ts_size, ts_fill[3];
	struct pfont	**pf;		/* (owned) */
	size_t		 npf;
	int		 nfonts;	/* of them embedded */
	struct plink	*links;		/* (owned) */
	size_t		 nlinks, linkcap;
	struct poutline	*ol;		/* (owned) */
	size_t		 nol, olcap;
	HPDF_ExtGState	 gs[NALPHA];	/* (libharu's) fill opacities */
	double		 gs_alpha[NALPHA];
	int		 ngs;
	struct pstream	**ps;		/* (owned) our streams' bytes */
	size_t		 nps, pscap;
	struct libdeflate_compressor *z[ZLEVELS];	/* (owned) by level */
	struct buf	 file;		/* (owned) the finished PDF */
	struct eg	*eg;		/* (owned) per glyph of a call */
	size_t		 egcap;
	uint32_t	*cc;		/* (owned) characters of a text */
	size_t		 cccap;
	uint32_t	*at;		/* (owned) byte - atlo -> index in cc */
	size_t		 atlo;
	struct pdf_stats st;
};

static void	page_font(struct pdf *, struct pfont *);
static int	page_alpha(struct pdf *, double);

/*
 * What TLWG fonts' private-use glyphs U+F700-F720 (the Windows Thai
 * presentation forms) stand for, for fonts without glyph names.
 */
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
	{ HPDF_PAGE_INVALID_SIZE, "bad page size" },
	{ HPDF_PAGE_OUT_OF_RANGE, "value out of range" },
	{ HPDF_INVALID_PARAMETER, "bad parameter" },
};

/* A libharu error, reported. */
static void
hpdf_report(struct pdf *p, HPDF_STATUS code, HPDF_STATUS detail)
{
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

/* libharu's error handler: its documented calls report through it. */
static void
on_error(HPDF_STATUS code, HPDF_STATUS detail, void *arg)
{
	struct pdf *p = arg;

	if (!p->reported)
		hpdf_report(p, code, detail);
	p->reported = 1;
}

/*
 * After libharu calls: report an error they left (its object calls set
 * one without calling on_error), then clear it, as libharu skips calls
 * while an error is set.
 */
static void
hpdf_done(struct pdf *p)
{
	HPDF_STATUS st = HPDF_GetError(p->doc);

	if (st != HPDF_OK && !p->reported)
		hpdf_report(p, st, HPDF_GetErrorDetail(p->doc));
	HPDF_ResetError(p->doc);
	p->reported = 0;
	p->what = NULL;
}

static inline void
buf_need(struct buf *b, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = xrealloc(b->s, b->cap);
	}
}

static inline void
buf_add(struct buf *b, const char *s, size_t n)
{
	buf_need(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void
buf_str(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
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
 * not hex: half the bytes to write and to deflate.  ( ) and \ are
 * escaped, and CR and LF too, which a reader would otherwise read as LF.
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
 * Round v to at most dec decimals (1 to 4) and append it with no trailing
 * zeros; returns the value written.
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

/* "r g b" and op: a colour, three decimals (a 255th is 0.0039). */
static void
buf_rgb(struct buf *o, double r, double g, double b, const char *op)
{
	buf_num(o, r, 3);
	buf_add(o, " ", 1);
	buf_num(o, g, 3);
	buf_add(o, " ", 1);
	buf_num(o, b, 3);
	buf_str(o, op);
}

/*
 * Streams are deflated with libdeflate, which compresses a whole buffer at
 * once (the zlib format, as /FlateDecode reads it), each when it is
 * complete: a page when the next one starts, font streams at the end.
 */
#define PAGE_ZLEVEL	3	/* page contents: many, and large */
#define FONT_ZLEVEL	6	/* font programs, maps and CMaps: few */

/* libharu reads a stream of ours: the bytes from pos on. */
static HPDF_STATUS
ps_read(HPDF_Stream s, HPDF_BYTE *ptr, HPDF_UINT *siz)
{
	struct pstream *ps = s->attr;
	size_t want = *siz, left = ps->len - ps->pos;

	if (want <= left) {
		memcpy(ptr, ps->d + ps->pos, want);
		ps->pos += want;
		return HPDF_OK;
	}
	memcpy(ptr, ps->d + ps->pos, left);
	ps->pos += left;
	*siz = (HPDF_UINT)left;
	return HPDF_STREAM_EOF;
}

static HPDF_STATUS
ps_seek(HPDF_Stream s, HPDF_INT pos, HPDF_WhenceMode mode)
{
	struct pstream *ps = s->attr;
	long long at = pos;

	if (mode == HPDF_SEEK_CUR)
		at += (long long)ps->pos;
	else if (mode == HPDF_SEEK_END)
		at += (long long)ps->len;
	ps->pos = at < 0 ? 0 : (size_t)at > ps->len ? ps->len : (size_t)at;
	return HPDF_OK;
}

static HPDF_UINT32
ps_size(HPDF_Stream s)
{
	return (HPDF_UINT32)((struct pstream *)s->attr)->len;
}

/* A stream of ours holds deflated bytes: say so. */
static HPDF_STATUS
ps_filter(HPDF_Dict d, HPDF_Stream out)
{
	(void)d;
	return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

/*
 * A stream object (indirect, /Length filled in by libharu at save) of
 * in[0..len) deflated at level; NULL when libharu failed (hpdf_done
 * reports it).
 */
static HPDF_Dict
obj_stream(struct pdf *p, int level, const void *in, size_t len)
{
	struct libdeflate_compressor *c = p->z[level];
	struct pstream *ps;
	HPDF_Dict d;
	HPDF_Stream r;
	size_t n;

	if (c == NULL && (c = p->z[level] =
	    libdeflate_alloc_compressor(level)) == NULL)
		tl_oom();
	ps = xcalloc(1, sizeof(*ps));
	n = libdeflate_zlib_compress_bound(c, len);
	ps->d = xmalloc(n);
	ps->len = libdeflate_zlib_compress(c, in, len, ps->d, n);
	if (p->nps == p->pscap) {
		p->pscap = p->pscap ? p->pscap * 2 : 64;
		p->ps = xrealloc(p->ps, p->pscap * sizeof(*p->ps));
	}
	p->ps[p->nps++] = ps;
	if ((d = HPDF_DictStream_New(p->doc->mmgr, p->doc->xref)) == NULL)
		return NULL;
	r = HPDF_CallbackReader_New(p->doc->mmgr, ps_read, ps_seek, NULL,
	    ps_size, ps);
	if (r == NULL)
		return NULL;
	HPDF_Stream_Free(d->stream);
	d->stream = r;
	d->write_fn = ps_filter;
	return d;
}

/* An indirect dictionary of /Type type (NULL: none). */
static HPDF_Dict
obj_dict(struct pdf *p, const char *type)
{
	HPDF_Dict d = HPDF_Dict_New(p->doc->mmgr);

	if (d == NULL || HPDF_Xref_Add(p->doc->xref, d) != HPDF_OK)
		return NULL;
	if (type != NULL)
		HPDF_Dict_AddName(d, "Type", type);
	return d;
}

/* libharu writes the document: into p->file. */
static HPDF_STATUS
file_write(HPDF_Stream s, const HPDF_BYTE *ptr, HPDF_UINT siz)
{
	buf_add(s->attr, (const char *)ptr, siz);
	return HPDF_OK;
}

static void
streams_free(struct pdf *p)
{
	size_t i;

	for (i = 0; i < p->nps; i++) {
		free(p->ps[i]->d);
		free(p->ps[i]);
	}
	free(p->ps);
	p->ps = NULL;
	p->nps = p->pscap = 0;
}

struct pdf *
pdf_new(struct diag *d)
{
	struct pdf *p = xcalloc(1, sizeof(*p));

	p->d = d;
	p->doc = HPDF_New(on_error, p);
	if (p->doc == NULL)
		tl_oom();
	return p;
}

static void pfont_free(struct pfont *);

void
pdf_free(struct pdf *p)
{
	size_t i;

	if (p == NULL)
		return;
	if (p->doc != NULL)
		HPDF_Free(p->doc);
	streams_free(p);
	for (i = 0; i < ZLEVELS; i++)
		libdeflate_free_compressor(p->z[i]);
	for (i = 0; i < p->npf; i++)
		pfont_free(p->pf[i]);
	for (i = 0; i < p->nol; i++)
		free(p->ol[i].title);
	free(p->pf);
	free(p->pages);
	free(p->links);
	free(p->ol);
	free(p->pg.s);
	free(p->file.s);
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

static void
pfont_free(struct pfont *pf)
{
	size_t i;

	for (i = 0; i < NCODES / CBLOCK; i++)
		free(pf->info[i]);
	free(pf->keep);
	free(pf->tu);
	free(pf->sp);
	free(pf->spare_of);
	free(pf->memo);
	free(pf);
}

/* The bytes of table tag of pf's face (an empty blob when there is none). */
static hb_blob_t *
pfont_table(const struct pfont *pf, const char *tag, const unsigned char **d,
    unsigned *len)
{
	hb_blob_t *b = hb_face_reference_table(pf->f->face,
	    hb_tag_from_string(tag, 4));

	*d = (const unsigned char *)hb_blob_get_data(b, len);
	return b;
}

/*
 * Why pf's face cannot be embedded, or NULL: the tables the program is
 * made of, and the licence (OS/2 fsType: restricted, no subsetting,
 * bitmaps only).  The text stage uses no face that fails this.
 */
static const char *
pfont_check(const struct pfont *pf)
{
	static const char need[][5] = { "glyf", "head", "hhea", "hmtx",
	    "loca", "maxp" };
	const unsigned char *d;
	unsigned len, fs = 0;
	hb_blob_t *b;
	size_t i;

	for (i = 0; i < sizeof(need) / sizeof(need[0]); i++) {
		b = pfont_table(pf, need[i], &d, &len);
		hb_blob_destroy(b);
		if (len == 0)
			return "no TrueType outlines or a table missing";
	}
	b = pfont_table(pf, "OS/2", &d, &len);
	if (len >= 10)
		fs = be16(d + 8);
	hb_blob_destroy(b);
	if (fs & (0x0002 | 0x0100 | 0x0200))
		return "licence forbids embedding";
	return NULL;
}

/* The embedded font for f's face, made on first use; NULL if it cannot be. */
static struct pfont *
pfont_get(struct pdf *p, struct font *f)
{
	struct pfont *pf;
	const char *why;
	size_t i;

	for (i = 0; i < p->npf; i++)
		if (p->pf[i]->key == f->ff)
			return p->pf[i]->type0 != NULL ? p->pf[i] : NULL;
	pf = xcalloc(1, sizeof(*pf));
	pf->key = f->ff;
	pf->f = f;
	p->pf = xrealloc(p->pf, (p->npf + 1) * sizeof(*p->pf));
	p->pf[p->npf++] = pf;
	if ((why = pfont_check(pf)) != NULL) {
		diag_emit(p->d, DIAG_FONT_LOAD, f->file, 0, 0, "%s", why);
		p->failed = 1;
		return NULL;
	}
	p->what = f->file;
	pf->type0 = obj_dict(p, "Font");
	hpdf_done(p);
	if (pf->type0 == NULL)
		return NULL;
	pf->id = ++p->nfonts;
	pf->nglyphs = hb_face_get_glyph_count(f->face);
	pf->upem = hb_face_get_upem(f->face);
	pf->keep = xcalloc(pf->nglyphs + 1, 1);
	pf->keep[0] = 1;		/* .notdef */
	pf->spare_of = xcalloc(pf->nglyphs + 1, sizeof(*pf->spare_of));
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

/* The font's cmap: the glyph of code point c, 0 when none. */
static uint32_t
cmap_gid(const struct pfont *pf, uint32_t c)
{
	hb_codepoint_t g;

	return hb_font_get_nominal_glyph(pf->f->hb, c, &g) ? g : 0;
}

/* The glyph code c draws in the PDF. */
static uint32_t
code_gid(const struct pfont *pf, uint32_t c)
{
	size_t i;

	if (bit(pf->spare_bit, c)) {
		for (i = 0; i < pf->nsp; i++)
			if (pf->sp[i].code == c)
				return pf->sp[i].gid;
		return 0;
	}
	return cmap_gid(pf, c);
}

/* A glyph's advance [1/1000 em], truncated; .notdef's past the end. */
static int
glyph_width(const struct pfont *pf, uint32_t gid)
{
	uint32_t a = (uint32_t)font_glyph_advance(pf->f,
	    gid < pf->nglyphs ? gid : 0);

	return (int16_t)(a * 1000 / pf->upem);
}

/* What code c stands for: its ToUnicode entry (NULL: itself). */
static const struct tu *
code_tu(const struct pfont *pf, uint32_t c)
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

/* Code c drawn with glyph gid: the glyph and its components go in the subset. */
static void
code_use(struct pfont *pf, uint32_t c, uint32_t gid)
{
	uint32_t comp[64];
	int i, n;

	if (!bit(pf->used, c)) {
		code_info(pf, c)->width = (int16_t)glyph_width(pf, gid);
		setbit(pf->used, c);
	}
	if (gid >= pf->nglyphs || pf->keep[gid])
		return;
	pf->keep[gid] = 1;
	n = font_glyph_components(pf->f, gid, comp, 64);
	for (i = 0; i < n; i++)
		if (comp[i] < pf->nglyphs)
			pf->keep[comp[i]] = 1;
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
		    cmap_gid(pf, c) == 0)
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

/* The highest code used, 0 when none. */
static uint32_t
pfont_top(const struct pfont *pf)
{
	uint32_t c, top = 0;

	for (c = next_bit(pf->used, 0); c < NCODES;
	    c = next_bit(pf->used, c + 1))
		top = c;
	return top;
}

/* CIDToGIDMap: code -> glyph, two bytes each, to the highest code used. */
static HPDF_Dict
pfont_cidmap(struct pdf *p, struct pfont *pf)
{
	uint32_t c, top = pfont_top(pf);
	unsigned char *map = xcalloc((top + 1) * 2, 1);
	HPDF_Dict s;

	for (c = next_bit(pf->used, 0); c <= top;
	    c = next_bit(pf->used, c + 1))
		put_be16(map + 2 * c, code_gid(pf, c));
	s = obj_stream(p, FONT_ZLEVEL, map, (top + 1) * 2);
	free(map);
	return s;
}

/* /W: the used codes whose width is not dw, neighbours in one array. */
static HPDF_Array
pfont_widths(struct pdf *p, struct pfont *pf, int dw)
{
	HPDF_Array w = HPDF_Array_New(p->doc->mmgr), sub;
	uint32_t c;

	if (w == NULL)
		return NULL;
	for (c = next_bit(pf->used, 0); c < NCODES;
	    c = next_bit(pf->used, c + 1)) {
		if (code_info(pf, c)->width == dw)
			continue;
		if ((sub = HPDF_Array_New(p->doc->mmgr)) == NULL)
			return NULL;
		HPDF_Array_AddNumber(w, (HPDF_INT32)c);
		HPDF_Array_Add(w, sub);
		HPDF_Array_AddNumber(sub, code_info(pf, c)->width);
		while (c + 1 < NCODES && bit(pf->used, c + 1) &&
		    code_info(pf, c + 1)->width != dw) {
			c++;
			HPDF_Array_AddNumber(sub, code_info(pf, c)->width);
		}
	}
	return w;
}

/* ToUnicode: a bfchar CMap of the codes used. */
static HPDF_Dict
pfont_tounicode(struct pdf *p, struct pfont *pf)
{
	struct buf o = { NULL, 0, 0 };
	uint32_t c, n = 0, total = 0, k;
	HPDF_Dict s;

	for (c = next_bit(pf->used, 0); c < NCODES;
	    c = next_bit(pf->used, c + 1))
		total++;
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
	s = obj_stream(p, FONT_ZLEVEL, o.s, o.len);
	free(o.s);
	return s;
}

/* The font program: a subset of the face's tables (sfnt.c). */
static HPDF_Dict
pfont_program(struct pdf *p, struct pfont *pf)
{
	static const char tags[][5] = { "OS/2", "cmap", "cvt ", "fpgm",
	    "glyf", "head", "hhea", "hmtx", "loca", "maxp", "name", "post",
	    "prep" };
	struct sfnt_table t[sizeof(tags) / sizeof(tags[0])];
	hb_blob_t *b[sizeof(tags) / sizeof(tags[0])];
	unsigned char *prog;
	size_t i, n = 0, len;
	HPDF_Dict s = NULL;

	for (i = 0; i < sizeof(tags) / sizeof(tags[0]); i++) {
		unsigned l;

		b[i] = pfont_table(pf, tags[i], &t[n].d, &l);
		t[n].len = l;
		t[n].tag = hb_tag_from_string(tags[i], 4);
		if (l > 0)
			n++;
	}
	len = sfnt_subset(t, n, pf->keep, pf->nglyphs, &prog);
	for (i = 0; i < sizeof(tags) / sizeof(tags[0]); i++)
		hb_blob_destroy(b[i]);
	if (len == 0) {
		diag_emit(p->d, DIAG_FONT_LOAD, pf->f->file, 0, 0,
		    "bad TrueType tables");
		p->failed = 1;
		return NULL;
	}
	if ((s = obj_stream(p, FONT_ZLEVEL, prog, len)) != NULL)
		HPDF_Dict_AddNumber(s, "Length1", (HPDF_INT32)len);
	free(prog);
	return s;
}

/* A 16-bit big-endian field of a table, signed; 0 past its end. */
static int
field16(const unsigned char *d, unsigned len, unsigned at)
{
	return at + 2 <= len ? (int16_t)be16(d + at) : 0;
}

/* x [font units] in 1/1000 em, truncated, as libharu wrote them. */
static HPDF_INT32
em1000(const struct pfont *pf, int x)
{
	return (HPDF_INT32)((long)x * 1000 / (long)pf->upem);
}

/*
 * The descriptor's metrics from head, hhea, OS/2 and post: the bounding
 * box, ascent and descent (hhea), the cap height (OS/2 version 2, else
 * the top of H, else the ascent), the italic angle, Symbolic (Thai is
 * outside Adobe's standard Latin set), Italic and FixedPitch.  StemV is
 * required but only stands in for a font that is missing; ours are
 * embedded: it is guessed from the weight class.
 */
static void
pfont_metrics(struct pdf *p, struct pfont *pf, HPDF_Dict fd)
{
	const unsigned char *head, *hhea, *os2, *post;
	unsigned lh, lv, lo, lp;
	hb_blob_t *b[4];
	HPDF_Array bbox = HPDF_Array_New(p->doc->mmgr);
	hb_glyph_extents_t ext;
	hb_codepoint_t g;
	int cap, weight, flags = 4, i;

	b[0] = pfont_table(pf, "head", &head, &lh);
	b[1] = pfont_table(pf, "hhea", &hhea, &lv);
	b[2] = pfont_table(pf, "OS/2", &os2, &lo);
	b[3] = pfont_table(pf, "post", &post, &lp);
	for (i = 0; i < 4 && bbox != NULL; i++)
		HPDF_Array_AddNumber(bbox, em1000(pf, field16(head, lh,
		    36 + 2 * i)));
	HPDF_Dict_Add(fd, "FontBBox", bbox);
	HPDF_Dict_AddNumber(fd, "Ascent", em1000(pf, field16(hhea, lv, 4)));
	HPDF_Dict_AddNumber(fd, "Descent", em1000(pf, field16(hhea, lv, 6)));
	cap = lo >= 90 && be16(os2) >= 2 ? field16(os2, lo, 88) : 0;
	if (cap <= 0 && hb_font_get_nominal_glyph(pf->f->hb, 'H', &g) &&
	    hb_font_get_glyph_extents(pf->f->hb, g, &ext))
		cap = ext.y_bearing;
	if (cap <= 0)
		cap = field16(hhea, lv, 4);
	HPDF_Dict_AddNumber(fd, "CapHeight", em1000(pf, cap));
	HPDF_Dict_AddNumber(fd, "ItalicAngle", field16(post, lp, 4));
	weight = lo >= 6 ? (int)be16(os2 + 4) : 400;
	HPDF_Dict_AddNumber(fd, "StemV", 50 + weight * weight / 4225);
	if (lh >= 46 && (be16(head + 44) & 2))
		flags |= 64;		/* Italic (macStyle) */
	if (lp >= 16 && be32(post + 12) != 0)
		flags |= 1;		/* FixedPitch */
	HPDF_Dict_AddNumber(fd, "Flags", flags);
	for (i = 0; i < 4; i++)
		hb_blob_destroy(b[i]);
}

/*
 * The subset's name: a tag of six capitals, one a font in the order they
 * were first drawn (AAAAAA, AAAAAB, ...), then the PostScript name, its
 * characters that are not letters, digits, - or _ made -.
 */
static void
pfont_name(const struct pfont *pf, char *s, size_t size)
{
	char ps[64];
	unsigned len = sizeof(ps), i;
	int k = pf->id - 1, j;

	if (size < 8 + 1)
		return;
	for (j = 5; j >= 0; j--, k /= 26)
		s[j] = (char)('A' + k % 26);
	s[6] = '+';
	if (hb_ot_name_get_utf8(pf->f->face, HB_OT_NAME_ID_POSTSCRIPT_NAME,
	    HB_LANGUAGE_INVALID, &len, ps) == 0 || ps[0] == '\0')
		snprintf(ps, sizeof(ps), "Font%d", pf->id);
	for (i = 0; ps[i] != '\0' && 7 + i + 1 < size; i++) {
		unsigned char c = (unsigned char)ps[i];

		s[7 + i] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_' ? (char)c :
		    '-';
	}
	s[7 + i] = '\0';
}

/*
 * pf's objects: the Type0 font made at its first use, its CIDFontType2,
 * descriptor, program, CIDToGIDMap and ToUnicode.  /DW is .notdef's
 * width.
 */
static void
pfont_finish(struct pdf *p, struct pfont *pf)
{
	HPDF_MMgr mm = p->doc->mmgr;
	HPDF_Dict cid, fd, ff, map, tu, si;
	HPDF_Array df;
	char name[80];
	int dw = glyph_width(pf, 0);

	p->what = pf->f->file;
	pfont_name(pf, name, sizeof(name));
	if ((ff = pfont_program(p, pf)) == NULL ||
	    (fd = obj_dict(p, "FontDescriptor")) == NULL ||
	    (cid = obj_dict(p, "Font")) == NULL ||
	    (map = pfont_cidmap(p, pf)) == NULL ||
	    (tu = pfont_tounicode(p, pf)) == NULL ||
	    (si = HPDF_Dict_New(mm)) == NULL ||
	    (df = HPDF_Array_New(mm)) == NULL) {
		hpdf_done(p);
		return;
	}
	HPDF_Dict_AddName(fd, "FontName", name);
	pfont_metrics(p, pf, fd);
	HPDF_Dict_Add(fd, "FontFile2", ff);
	HPDF_Dict_Add(si, "Registry", HPDF_String_New(mm, "Adobe", NULL));
	HPDF_Dict_Add(si, "Ordering", HPDF_String_New(mm, "Identity", NULL));
	HPDF_Dict_AddNumber(si, "Supplement", 0);
	HPDF_Dict_AddName(cid, "Subtype", "CIDFontType2");
	HPDF_Dict_AddName(cid, "BaseFont", name);
	HPDF_Dict_Add(cid, "CIDSystemInfo", si);
	HPDF_Dict_Add(cid, "FontDescriptor", fd);
	HPDF_Dict_AddNumber(cid, "DW", dw);
	HPDF_Dict_Add(cid, "W", pfont_widths(p, pf, dw));
	HPDF_Dict_Add(cid, "CIDToGIDMap", map);
	HPDF_Dict_AddName(pf->type0, "Subtype", "Type0");
	HPDF_Dict_AddName(pf->type0, "BaseFont", name);
	HPDF_Dict_AddName(pf->type0, "Encoding", "Identity-H");
	HPDF_Array_Add(df, cid);
	HPDF_Dict_Add(pf->type0, "DescendantFonts", df);
	HPDF_Dict_Add(pf->type0, "ToUnicode", tu);
	hpdf_done(p);
}

/*
 * The current page's content into a stream object of ours, after
 * libharu's own (empty) content stream: /Contents [libharu's ours].
 */
static void
page_end(struct pdf *p)
{
	HPDF_Dict s, old;
	HPDF_Array a;

	if (p->page == NULL || p->page_done)
		return;
	p->page_done = 1;
	p->what = "page contents";
	s = obj_stream(p, PAGE_ZLEVEL, p->pg.s != NULL ? p->pg.s : "",
	    p->pg.len);
	old = HPDF_Dict_GetItem(p->page, "Contents", HPDF_OCLASS_DICT);
	a = HPDF_Array_New(p->doc->mmgr);
	if (s != NULL && old != NULL && a != NULL) {
		HPDF_Array_Add(a, old);
		HPDF_Array_Add(a, s);
		HPDF_Dict_Add(p->page, "Contents", a);
	}
	hpdf_done(p);
	p->pg.len = 0;
}

int
pdf_page(struct pdf *p, double w, double h)
{
	HPDF_Page pg;

	page_end(p);
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
	p->page_done = 0;
	p->pg_fonts = p->pg_gs = NULL;
	p->pg_alpha = 0;
	p->ts_ok = 0;
	return p->npages++;
}

int
pdf_npages(const struct pdf *p)
{
	return p->npages;
}

/* A dictionary of the current page's /Resources, made on first use. */
static HPDF_Dict
page_resource(struct pdf *p, const char *key)
{
	HPDF_Dict res = HPDF_Dict_GetItem(p->page, "Resources",
	    HPDF_OCLASS_DICT), d;

	if (res == NULL || (d = HPDF_Dict_New(p->doc->mmgr)) == NULL ||
	    HPDF_Dict_Add(res, key, d) != HPDF_OK)
		return NULL;
	return d;
}

/* Name pf in the current page's resources as /F<id>, once a page. */
static void
page_font(struct pdf *p, struct pfont *pf)
{
	char name[16];

	if (pf->page == p->npages)
		return;
	pf->page = p->npages;
	p->what = "page resources";
	if (p->pg_fonts == NULL)
		p->pg_fonts = page_resource(p, "Font");
	snprintf(name, sizeof(name), "F%d", pf->id);
	if (p->pg_fonts != NULL)
		HPDF_Dict_Add(p->pg_fonts, name, pf->type0);
	hpdf_done(p);
}

/*
 * The graphics state of fill opacity alpha, made once (NALPHA at most),
 * named /GS<k> in the current page's resources; returns k, 0 if none.
 */
static int
page_alpha(struct pdf *p, double alpha)
{
	char name[16];
	int k;

	for (k = 0; k < p->ngs && p->gs_alpha[k] != alpha; k++)
		continue;
	p->what = "transparency";
	if (k == p->ngs) {
		if (k == NALPHA)
			return 0;
		p->gs[k] = HPDF_CreateExtGState(p->doc);
		if (p->gs[k] == NULL) {
			hpdf_done(p);
			return 0;
		}
		HPDF_ExtGState_SetAlphaFill(p->gs[k], (HPDF_REAL)alpha);
		p->gs_alpha[k] = alpha;
		p->ngs++;
	}
	if (!(p->pg_alpha & 1u << k)) {
		p->pg_alpha |= 1u << k;
		if (p->pg_gs == NULL)
			p->pg_gs = page_resource(p, "ExtGState");
		snprintf(name, sizeof(name), "GS%d", k + 1);
		if (p->pg_gs != NULL)
			HPDF_Dict_Add(p->pg_gs, name, p->gs[k]);
	}
	hpdf_done(p);
	return k + 1;
}

void
pdf_rect(struct pdf *p, double x, double y, double w, double h, double r,
    double g, double b)
{
	struct buf *o = &p->pg;

	if (p->page == NULL)
		return;
	buf_str(o, "q ");
	buf_rgb(o, r, g, b, " rg ");
	buf_num(o, x, 3);
	buf_add(o, " ", 1);
	buf_num(o, y, 3);
	buf_add(o, " ", 1);
	buf_num(o, w, 3);
	buf_add(o, " ", 1);
	buf_num(o, h, 3);
	buf_str(o, " re f Q\n");
}

void
pdf_line(struct pdf *p, double x0, double y0, double x1, double y1,
    double width, double r, double g, double b, int dotted)
{
	struct buf *o = &p->pg;

	if (p->page == NULL)
		return;
	buf_str(o, "q ");
	buf_rgb(o, r, g, b, " RG ");
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
}

/*
 * A link's area, in whole points outward: libharu writes the numbers of
 * its objects (HPDF_FToA), which rounds otherwise in 2.3 and truncates in
 * 2.4; whole numbers come out the same.
 */
static HPDF_Rect
mkrect(double x, double y, double w, double h)
{
	HPDF_Rect rc;

	rc.left = (HPDF_REAL)floor(x);
	rc.bottom = (HPDF_REAL)floor(y);
	rc.right = (HPDF_REAL)ceil(x + w);
	rc.top = (HPDF_REAL)ceil(y + h);
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

/*
 * A destination: page, top of the view at y (a whole point, as mkrect),
 * zoom unchanged.
 */
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
	HPDF_Array_AddNumber(d, (HPDF_INT32)lround(y));
	HPDF_Array_Add(d, HPDF_Null_New(p->doc->mmgr));
	return d;
}

/* The links to pages and the bookmarks, now that every page exists. */
static void
links_finish(struct pdf *p)
{
	size_t i;

	p->what = "links and bookmarks";
	for (i = 0; i < p->nlinks; i++) {
		struct plink *l = &p->links[i];
		HPDF_Destination d = dest(p, l->to, l->y);
		HPDF_Annotation a;

		if (d == NULL)
			continue;
		a = HPDF_Page_CreateLinkAnnot(p->pages[l->from], l->rect, d);
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
		HPDF_Dict_Add(o->o, "Title", utf16_string(p, o->title));
		HPDF_Outline_SetOpened(o->o, o->parent < 0);
		if ((d = dest(p, o->page, o->y)) != NULL)
			HPDF_Outline_SetDestination(o->o, d);
	}
	if (p->nol > 0)
		HPDF_SetPageMode(p->doc, HPDF_PAGE_MODE_USE_OUTLINE);
	hpdf_done(p);
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
 * A code for .notdef drawn for a character the font lacks: a spare code
 * standing for that character, one a character.
 */
static int
notdef_code(struct pdf *p, struct pfont *pf, struct font *f,
    const uint32_t *cc, int m, uint16_t *code)
{
	uint32_t c0 = 0xfffd;
	const struct tu *t;
	size_t q;
	int j;

	for (j = 0; j < m; j++)
		if (!font_has(f, cc[j])) {
			c0 = cc[j];
			break;
		}
	for (q = 0; q < pf->nsp; q++)
		if (pf->sp[q].gid == 0 && (t = code_tu(pf,
		    pf->sp[q].code)) != NULL && t->n == 1 && t->u[0] == c0) {
			*code = pf->sp[q].code;
			return 1;
		}
	if (!spare_code(p, pf, 0, code))
		return 0;
	code_set_tu(pf, *code, &c0, 1);
	return 1;
}

/*
 * The code for glyph gid of a cluster whose characters are cc[0..m) (see
 * the top of the file); 0 when it has none and is not drawn.
 */
static int
glyph_code(struct pdf *p, struct pfont *pf, struct font *f, uint32_t gid,
    const uint32_t *cc, int m, uint16_t *code)
{
	uint32_t u, name[MAXT], pua_u = 0;
	int j, n;

	/* (a) a character of the cluster whose glyph it is */
	for (j = 0; j < m; j++)
		if (cc[j] <= 0xffff && !bit(pf->spare_bit, cc[j]) &&
		    code_gid(pf, cc[j]) == gid &&
		    (gid != 0 || !font_has(f, cc[j]))) {
			*code = (uint16_t)cc[j];
			return 1;
		}
	/*
	 * (b) another code point the cmap maps to it.  A private-use one
	 * (TLWG's U+F700 range) gets a spare code instead, below: a low code
	 * keeps the CIDToGIDMap, which runs to the highest code, a few KB
	 * instead of 126 KB.
	 */
	if (gid != 0 && (u = font_glyph_code(f, gid)) != 0 && u <= 0xffff &&
	    !bit(pf->spare_bit, u) && code_gid(pf, u) == gid) {
		p->st.pua++;
		if (!is_pua(u)) {
			*code = (uint16_t)u;
			return 1;
		}
		pua_u = u;
	}
	/* (c) a spare code */
	if (gid == 0)
		return notdef_code(p, pf, f, cc, m, code);
	if (!spare_code(p, pf, gid, code))
		return 0;
	if (code_tu(pf, *code) == NULL) {
		if ((n = font_glyph_text(f, gid, name, MAXT)) > 0)
			code_set_tu(pf, *code, name, n);
		else if (pua_u >= 0xf700 && pua_u <= 0xf720 &&
		    tlwg_pua[pua_u - 0xf700] != 0) {
			name[0] = tlwg_pua[pua_u - 0xf700];
			code_set_tu(pf, *code, name, 1);
		}
	}
	return 1;
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
		const struct tu *t;
		uint32_t u;

		e[i].skip = 0;
		e[i].pos = m;
		if (!glyph_code(p, pf, f, g[i].gid, cc, m, &e[i].code)) {
			e[i].skip = 1;
			continue;
		}
		e[i].w = glyph_width(pf, g[i].gid);
		code_use(pf, e[i].code, g[i].gid);
		/* Which character it stands for: its first unclaimed one. */
		t = code_tu(pf, e[i].code);
		if (t != NULL || !is_pua(e[i].code)) {
			u = t != NULL ? t->u[0] : e[i].code;
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

/*
 * Codes, widths, targets and logical order of glyphs g[0..n), cluster by
 * cluster, into p->eg; the text's characters decoded into p->cc.
 */
static void
text_glyphs(struct pdf *p, struct pfont *pf, struct font *f,
    const struct glyph *g, unsigned n, const char *text, size_t textlen)
{
	struct eg *e;
	double k = 1000.0 / f->upem, penu = 0;
	unsigned i, j, w0;
	size_t lo = textlen;

	if (p->egcap < n) {
		p->egcap = n * 2;
		p->eg = xrealloc(p->eg, p->egcap * sizeof(*p->eg));
	}
	e = p->eg;
	for (i = 0; i < n; i++)
		if (g[i].cluster < lo)
			lo = g[i].cluster;
	decode(p, text, lo, textlen);
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
}

/*
 * Open a text object at (x, y), turned by angle degrees: the fill opacity
 * (alpha < 1: inside q ... Q), then the font at size es and the fill
 * colour unless the page has them already.
 */
static void
text_begin(struct pdf *p, struct pfont *pf, double x, double y,
    double angle, double alpha, double es, double r, double g, double b)
{
	struct buf *o = &p->pg;
	char s[32];
	int k;

	if (alpha < 1) {
		buf_str(o, "q\n");
		if ((k = page_alpha(p, alpha)) > 0) {
			snprintf(s, sizeof(s), "/GS%d gs\n", k);
			buf_str(o, s);
		}
	}
	buf_str(o, "BT\n");
	if (!p->ts_ok || p->ts_font != pf || p->ts_size != es) {
		page_font(p, pf);
		snprintf(s, sizeof(s), "/F%d ", pf->id);
		buf_str(o, s);
		buf_num(o, es, 4);
		buf_str(o, " Tf\n");
		p->ts_font = pf;
		p->ts_size = es;
	}
	if (!p->ts_ok || p->ts_fill[0] != r || p->ts_fill[1] != g ||
	    p->ts_fill[2] != b) {
		buf_rgb(o, r, g, b, " rg\n");
		p->ts_fill[0] = r;
		p->ts_fill[1] = g;
		p->ts_fill[2] = b;
	}
	p->ts_ok = 1;
	if (angle != 0) {
		double rad = angle * M_PI / 180, c = cos(rad), sn = sin(rad);

		buf_num(o, c, 4);
		buf_add(o, " ", 1);
		buf_num(o, sn, 4);
		buf_add(o, " ", 1);
		buf_num(o, -sn, 4);
		buf_add(o, " ", 1);
		buf_num(o, c, 4);
		buf_add(o, " ", 1);
	}
	buf_num(o, x, 3);
	buf_add(o, " ", 1);
	buf_num(o, y, 3);
	buf_str(o, angle != 0 ? " Tm\n" : " Td\n");
}

/*
 * The end of word that starts at glyph i: a white-space cluster, or the
 * non-space clusters up to the next white space.  Returns the glyph after
 * it; *we: where its text ends, *space: white space.
 */
static unsigned
text_word(const struct pdf *p, const struct glyph *g, unsigned i,
    unsigned n, size_t textlen, size_t *we, int *space)
{
	unsigned j = i, c1;

	*we = textlen;
	while (j < n) {
		size_t a = g[j].cluster, z = textlen, q;
		int sp = 1;

		for (c1 = j + 1; c1 < n && g[c1].cluster == g[j].cluster; c1++)
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
			*space = sp;
		else if (sp != *space || *space)
			break;
		j = c1;
		*we = z;
	}
	return j;
}

/*
 * The glyphs p->eg[0..n), word by word.  A word goes out plainly first;
 * if a glyph had to be displaced or the codes do not spell the text, it
 * is written again inside an ActualText span.
 */
static void
text_words(struct pdf *p, struct pfont *pf, const struct glyph *g,
    unsigned n, size_t textlen, double es)
{
	struct buf *o = &p->pg;
	struct eg *e = p->eg;
	struct pen pe;
	unsigned i, j, w0;

	memset(&pe, 0, sizeof(pe));
	for (i = 0; i < n; i = j) {
		size_t ws = g[i].cluster, we, mark = o->len;
		const uint32_t *wt = p->cc + at(p, ws, textlen);
		struct pen save = pe;
		struct pdf_stats sst = p->st;
		int space = 0, displaced = 0, nt;

		j = text_word(p, g, i, n, textlen, &we, &space);
		for (w0 = i; w0 < j; w0++)
			if (!e[w0].skip)
				put_glyph(p, o, &pe, &e[w0], es, &displaced);
		if (space)
			continue;
		/* Do the codes spell the word? */
		nt = ws < we ? (int)(at(p, we, textlen) - at(p, ws, textlen)) :
		    0;
		if (!displaced && spells(pf, e + i, j - i, wt, nt))
			continue;
		/* Again, inside a span. */
		o->len = mark;
		pe = save;
		p->st = sst;
		tj_close(o, &pe);
		span_open(o, wt, nt);
		p->st.spans++;
		for (w0 = i; w0 < j; w0++)
			if (!e[w0].skip)
				put_glyph(p, o, &pe, &e[w0], es, &displaced);
		tj_close(o, &pe);
		buf_str(o, "EMC\n");
	}
	tj_close(o, &pe);
}

static void
emit(struct pdf *p, double x, double y, double angle, double alpha,
    double size, struct font *f, const struct glyph *g, unsigned n,
    const char *text, size_t textlen, double r, double gr, double b)
{
	struct pfont *pf;
	double es;

	if (p->page == NULL || f == NULL || n == 0 || size <= 0)
		return;
	if ((pf = pfont_get(p, f)) == NULL)
		return;
	es = size * f->scale;
	text_glyphs(p, pf, f, g, n, text, textlen);
	text_begin(p, pf, x, y, angle, alpha, es, r, gr, b);
	text_words(p, pf, g, n, textlen, es);
	buf_str(&p->pg, "ET\n");
	if (alpha < 1) {
		buf_str(&p->pg, "Q\n");
		p->ts_ok = 0;
	}
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

int
pdf_finish(struct pdf *p)
{
	HPDF_Stream w;
	size_t i;

	if (p->finished)
		return p->failed ? -1 : 0;
	p->finished = 1;
	page_end(p);
	links_finish(p);
	for (i = 0; i < p->npf; i++)
		if (p->pf[i]->type0 != NULL)
			pfont_finish(p, p->pf[i]);
	if (p->failed) {
		streams_free(p);
		return -1;
	}
	/* Marked content with /ActualText is PDF 1.5. */
	if (p->st.spans > 0 && p->doc->pdf_version < HPDF_VER_15)
		p->doc->pdf_version = HPDF_VER_15;
	p->what = "the document";
	if ((w = HPDF_CallbackWriter_New(p->doc->mmgr, file_write,
	    &p->file)) != NULL) {
		p->doc->stream = w;	/* HPDF_Free frees it */
		HPDF_SaveToStream(p->doc);
	}
	hpdf_done(p);
	streams_free(p);
	return p->failed ? -1 : 0;
}

/* The finished PDF, written to f in one piece. */
int
pdf_write(struct pdf *p, FILE *f, const char *name)
{
	if (p->failed || !p->finished || p->file.len == 0)
		return -1;
	if (fwrite(p->file.s, 1, p->file.len, f) != p->file.len) {
		diag_emit(p->d, DIAG_IO, name, 0, 0, "%s", strerror(errno));
		return -1;
	}
	return 0;
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

void
pdf_libharu(const char **headers, const char **library)
{
	*headers = HPDF_VERSION_TEXT;
	*library = HPDF_GetVersion();
}
