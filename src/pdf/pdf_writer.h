/*
 * pdf_writer.h - what the files of the PDF writer share: struct pdf, the
 * embedded fonts, the content buffers, and the calls of one file that the
 * others make.  Included by pdf_obj.c (the libharu document, stream
 * objects, deflate, saving), pdf_font.c (fonts: codes, subset,
 * CIDToGIDMap, /W, ToUnicode), pdf_text.c (glyphs: cluster to codes, TJ,
 * /ActualText) and pdf_page.c (pages, resources, rectangles, rules,
 * links, bookmarks), and by nothing else: it is the one place that
 * includes libharu's headers (pdf_int.h is the writer's interface).
 *
 * libharu makes the document through its documented API (hpdf.h): pages,
 * link annotations and destinations, bookmarks, the information
 * dictionary, the catalog, the cross-reference table and the file.  Fonts
 * and page contents are ours, made into objects of the document with
 * libharu's object layer, which hpdf.h does not document.  What the
 * writer uses of it, all declared in libharu's installed headers and the
 * same in libharu 2.3 and 2.4 (no libharu font, font definition, encoder
 * or page attributes; no content written through a libharu stream):
 *
 *  HPDF_Doc_Rec (hpdf_doc.h):
 *   mmgr         our objects are made with the document's memory manager;
 *   xref         indirect objects go into its cross-reference table;
 *   info         the information dictionary, for UTF-16 text strings
 *                (HPDF_SetInfoAttr writes a value's bytes as they are);
 *   trailer      its /ID (libharu writes one only when it encrypts);
 *   pdf_version  1.5 when marked content with /ActualText is written;
 *   stream       the stream HPDF_SaveToStream writes into: a callback
 *                writer into our buffer, not libharu's memory stream
 *                (Debian's libharu 2.3.0 copies a byte at a time into it).
 *  HPDF_Dict_Rec (hpdf_objects.h):
 *   stream       a stream object of ours reads its deflated bytes from our
 *                buffer through a callback reader (HPDF_Stream_Write would
 *                copy them into a memory stream a byte at a time);
 *   write_fn     writes its /Filter: libharu drops a /Filter entry from a
 *                stream it does not deflate itself; and a slim object's
 *                entries (bookmarks, links), from its text:
 *   attr         which a slim object's write_fn reads (its strings, such
 *                as a bookmark's title, are in it too: a document that
 *                libharu encrypts would need them encrypted there).  A dictionary entry
 *                of libharu's takes about 150 bytes (its key is a
 *                128-byte array), so a bookmark or a link made of them
 *                takes two to three kilobytes; as text, its length.
 *  HPDF_Obj_Header (hpdf_objects.h):
 *   obj_id       an indirect object's number, for references written in
 *                a slim object's text.
 *  HPDF_Dict_Rec: write_fn of a page (which libharu leaves unset), for
 *                its /StructParents and /Tabs as text; error->user_data,
 *                the struct pdf (HPDF_New's), for that writer to find it.
 *  HPDF_Doc_Rec:
 *   root_pages   the pages' common size, /MediaBox, inherited by each
 *                page of that size, which then has none of its own.
 *   catalog      where the bookmarks' root is named (/Outlines), the
 *                document's /Lang and /ViewerPreferences (libharu's own
 *                setter knows no /DisplayDocTitle).
 *  HPDF_Stream_Rec (hpdf_streams.h):
 *   attr         the reader's and the writer's data, in their callbacks.
 *  Functions (hpdf_objects.h, hpdf_streams.h):
 *   HPDF_Dict_New, HPDF_DictStream_New, HPDF_Dict_Add, HPDF_Dict_AddName,
 *   HPDF_Dict_AddNumber, HPDF_Dict_GetItem, HPDF_Dict_RemoveElement (the
 *   obsolete /ProcSet libharu gives each page), HPDF_Array_New,
 *   HPDF_Array_Add, HPDF_Array_AddName, HPDF_Array_AddNumber,
 *   HPDF_Array_Clear, HPDF_Null_New, HPDF_String_New, HPDF_Binary_New,
 *   HPDF_Boolean_New,
 *   HPDF_Xref_Add: the font objects, our streams, and through the page
 *   dictionary (a libharu page, annotation or outline is a dictionary,
 *   a destination an array) a page's /Resources and /Contents,
 *   destinations [page /XYZ null y null] (HPDF_Destination_SetXYZ
 *   refuses a null zoom), UTF-16 outline titles and information;
 *   HPDF_CallbackReader_New (its read, seek and size callbacks: the
 *   reader answers HPDF_STREAM_EOF with what is left at the end, as
 *   libharu's file reader does), HPDF_CallbackWriter_New, HPDF_Stream_Free
 *   (the memory stream HPDF_DictStream_New makes, replaced by a reader),
 *   HPDF_Stream_WriteStr (in write_fn); the object types (HPDF_Array,
 *   HPDF_Binary) and the constants the calls take (HPDF_OCLASS_DICT,
 *   HPDF_VER_15).
 *
 * Numbers: libharu writes its real numbers with HPDF_FToA, which 2.4
 * rewrote (2.3 rounds to 5 decimals, 2.4 truncates after float steps), so
 * the writer keeps its numbers out of libharu's: those in page content
 * are written by buf_num, the font objects' are integers, and so are
 * link rectangles and destinations (whole points).  libharu still writes
 * the page size and the fill opacity; A4, A5, Letter and 0.2 come out
 * the same from both versions.
 */
#ifndef PDF_WRITER_H
#define PDF_WRITER_H

#include <stdint.h>
#include <string.h>

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>

#include "base/base.h"
#include "text/text.h"
#include "pdf_int.h"
#include "sfnt.h"

#define MAXT		8	/* code points a ToUnicode entry may hold */
#define NCODES		0x10000	/* codes are 16-bit */
#define CBLOCK		256	/* codes a block of struct codeinfo */
#define NALPHA		4	/* fill opacities (ExtGState) at most */
#define ZLEVELS		13	/* libdeflate's levels: 0-12 */

/*
 * Streams are deflated with libdeflate, which compresses a whole buffer at
 * once (the zlib format, as /FlateDecode reads it), each when it is
 * complete: a page when the next one starts, font streams at the end.
 */
#define PAGE_ZLEVEL	3	/* page contents: many, and large */
#define FONT_ZLEVEL	6	/* font programs, maps and CMaps: few */

struct codeinfo;
struct eg;
struct memo;
struct pstream;
struct tags;

/* A page's resources: each name its content uses, and what it names. */
struct pres {
	struct rname {
		char		 kind;	/* 'F' font, 'G' form, 'S' ExtGState */
		int		 num;	/* /F<num>, /G<num>, /GS<num> */
		void		*obj;	/* (libharu's) an indirect object */
	}		*e;		/* (owned) in the order named */
	int		 n, cap;
};

/* What a code stands for in text extraction, when not itself. */
struct tu {
	uint32_t	 u[MAXT];
	int		 n;
};

/* A spare code given to a glyph that no code reaches. */
struct spare {
	uint16_t	 code;
	uint32_t	 gid;
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
	struct sfnt_twin *tw;		/* (owned) glyphs added after the
					   face's: gid nglyphs + i */
	uint16_t	*twcode;	/* (owned) the code of each */
	size_t		 ntw, twcap;
	struct memo	*memo;		/* (owned) pdf_text.c's, open
					   addressing */
	size_t		 nmemo, memocap;	/* memocap: a power of 2 */
};

/* A link to a page, made when all pages exist. */
struct plink {
	int		 from, to;
	HPDF_Rect	 rect;
	double		 y;
	const char	*id;		/* (arena) to "#id": to and y once
					   found (pdf_link_ids), else NULL */
	int		 key;		/* its /StructParent, -1: none */
	HPDF_Dict	 annot;		/* (libharu's) once made */
};

struct plabel {
	size_t		 first;
	int		 roman, thai;
	const char	*prefix;	/* (borrowed) ASCII, or NULL */
};

struct poutline {
	int		 parent, page;
	const char	*title;		/* (borrowed) until the PDF is written */
	double		 y;
	/* once all are known (outline_finish), what its entry says, by
	   object number (0: none), written with the PDF */
	unsigned	 up, prev, next, first, last, dest;
	int		 count;		/* 0: none */
};

struct pdf {
	struct diag	*d;		/* (borrowed) */
	HPDF_Doc	 doc;		/* (owned) */
	int		 pdfa;		/* PDF/A part: 0 none, 1, 2 */
	int		 pdfa_u;	/* conformance U (else B) */
	const char	*icc;		/* (borrowed) sRGB profile's file */
	/* the document information as set, for the XMP (borrowed) */
	const char	*i_title, *i_author, *i_subject, *i_keywords;
	const char	*i_creator, *i_lang, *i_class;
	int		 i_date[6];
	const char	*what;		/* context for libharu errors */
	int		 failed;
	int		 reported;	/* the error set is reported */
	int		 finished;	/* pdf_finish ran */
	HPDF_Page	*pages;		/* (libharu's) */
	HPDF_Array	*contents;	/* (libharu's) each page's /Contents
					   array once it has ours, or NULL */
	unsigned char	*filled;	/* (owned) each page's own stream holds
					   its first content */
	int		 npages, pagecap;
	double		 box_w, box_h;	/* the pages' root's /MediaBox */
	HPDF_Page	 page;		/* current */
	int		 cur;		/* its index */
	int		 font_page;	/* a number each time a page is entered:
					   fonts are named once a visit */
	int		 page_done;	/* its content is a stream object */
	struct buf	 pg;		/* (owned) the current page's content */
	struct pres	**res;		/* (owned) by page: what its /Resources
					   names, written with the PDF */
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
	/* glyphs drawn as their outlines (pdf_text.c), each a form once */
	struct pform {
		struct font_face *key;	/* (borrowed) the face */
		uint32_t	 gid;
		HPDF_Dict	 form;	/* (libharu's) */
		int		 page;	/* the font_page naming it last */
	}		*forms;		/* (owned) */
	size_t		 nforms;
	struct plabel	*lab;		/* (owned) page labels, in order */
	size_t		 nlab;
	struct poutline	*ol;		/* (owned) */
	size_t		 nol, olcap;
	struct arena	*a;		/* (owned) the slim objects' texts,
					   the bookmarks' titles */
	struct buf	 stext;		/* (owned) the slim text being made */
	HPDF_ExtGState	 gs[NALPHA];	/* (libharu's) fill opacities */
	double		 gs_alpha[NALPHA];
	int		 ngs;
	struct pstream	**ps;		/* (owned) our streams' bytes */
	size_t		 nps, pscap;
	struct libdeflate_compressor *z[ZLEVELS];	/* (owned) by level */
	int		 written;	/* pdf_write ran */
	const struct pdf_seal *seal;	/* (borrowed) pdf_set_seal's, or NULL */
	struct eg	*eg;		/* (owned) per glyph of a call */
	size_t		 egcap;
	uint32_t	*cc;		/* (owned) characters of a text */
	size_t		 cccap;
	uint32_t	*at;		/* (owned) byte - atlo -> index in cc */
	size_t		 atlo;
	struct pdf_stats st;
	/* tagged PDF (pdf_tag.c) */
	int		 tagged;
	struct tags	*tags;		/* (owned) the structure tree */
	int		*mcid;		/* (owned) by page: MCIDs given */
	size_t		 nmcid;
	int		 tag_open;	/* inside pdf_tag_begin */
	int		 tag_page, tag_last;	/* the MCID drawn last, and its
					   page */
	int		 tag_role;	/* of the element begun */
	unsigned	 tag_flags;
	const char	*tag_lang;
	int		 mc_in;		/* a piece of marked content is open */
};

/*
 * u as UTF-16BE code units (surrogate pairs above U+FFFF), each written
 * by unit: in hex for ToUnicode, as two bytes of a literal string in page
 * content.
 */
static inline void
buf_utf16(struct buf *b, uint32_t u, void (*unit)(struct buf *, unsigned))
{
	if (u > 0xffff) {
		u -= 0x10000;
		unit(b, 0xd800 | (u >> 10));
		unit(b, 0xdc00 | (u & 0x3ff));
	} else
		unit(b, u);
}

/* Bit c of a bitmap of codes. */
static inline int
code_bit(const unsigned char *b, uint32_t c)
{
	return b[c >> 3] >> (c & 7) & 1;
}

static inline void
code_mark(unsigned char *b, uint32_t c)
{
	b[c >> 3] |= (unsigned char)(1 << (c & 7));
}

/* pdf_obj.c */
void		 obj_check(struct pdf *);
HPDF_Dict	 obj_stream(struct pdf *, int level, const void *, size_t);
HPDF_Dict	 obj_stream_into(struct pdf *, HPDF_Dict, int level,
		    const void *, size_t);
HPDF_Dict	 obj_dict(struct pdf *, const char *type);
HPDF_Dict	 obj_slim(struct pdf *, int indirect);
void		 obj_slim_add(struct pdf *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
void		 obj_slim_end(struct pdf *, HPDF_Dict, const char *key,
		    const char *utf8);
HPDF_Dict	 obj_plain_stream(struct pdf *, const void *, size_t);
unsigned	 obj_num(const void *);
HPDF_STATUS	 obj_write_utf16(HPDF_Stream, const char *utf8);
typedef HPDF_STATUS (*obj_writer)(HPDF_Dict, HPDF_Stream);
HPDF_Dict	 obj_gen(struct pdf *, int indirect, obj_writer, void *arg);
void		 obj_gen_set(HPDF_Dict, obj_writer, void *arg);
void		*obj_arg(HPDF_Dict);
void		 obj_page_hook(HPDF_Page, obj_writer);
struct pdf	*obj_pdf(HPDF_Dict);
HPDF_Binary	 obj_utf16(struct pdf *, const char *);
double		 buf_num(struct buf *, double, int dec);
void		 buf_rgb(struct buf *, double r, double g, double b,
		    const char *op);

/* pdf_font.c */
struct pfont	*pfont_get(struct pdf *, struct font *);
void		 pfont_finish(struct pdf *, struct pfont *);
void		 pfont_free(struct pfont *);
int		 pfont_width(const struct pfont *, uint32_t gid);
uint32_t	 code_gid(const struct pfont *, uint32_t c);
const struct tu	*code_tu(const struct pfont *, uint32_t c);
/* What code c stands for: u[0..n); n 0: U+FFFD; n -1: nothing. */
void		 code_set_tu(struct pfont *, uint32_t c, const uint32_t *,
		    int);
void		 code_use(struct pfont *, uint32_t c, uint32_t gid);
int		 code_spare(struct pdf *, struct pfont *, uint32_t gid,
		    uint16_t *code);
/* The code of a copy of glyph gid with advance adv [font units], which
   stands for what code c does; 0 when none can be had. */
int		 code_twin(struct pdf *, struct pfont *, uint32_t gid,
		    uint32_t adv, uint16_t c, uint16_t *code);

/* pdf_tag.c */
int		 tag_annot(struct pdf *, HPDF_Dict annot, int link);
int		 tag_mc_open(struct pdf *, struct buf *, const uint32_t *actual,
		    int n);
void		 tag_mc_undo(struct pdf *);
void		 buf_lit2(struct buf *, unsigned);
void		 tag_finish(struct pdf *);
void		 tag_free(struct pdf *);

/* pdf_page.c */
void		 page_end(struct pdf *);
void		 page_font(struct pdf *, struct pfont *);
int		 page_alpha(struct pdf *, double);
void		 page_form(struct pdf *, size_t k);
void		 link_finish(struct pdf *);
void		 label_finish(struct pdf *);

#endif /* PDF_WRITER_H */
