/*
 * pdf_obj.c - the PDF writer's document (see pdf_writer.h): libharu's
 * document and its errors, the content buffers and the numbers written
 * into them, stream objects of ours (deflated whole with libdeflate, read
 * by libharu through a callback reader), the document information, and
 * finishing: the file made in memory, written out in one piece.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libdeflate.h>

#include "pdf_writer.h"

/* The bytes of a stream object of ours, read by libharu at save. */
struct pstream {
	unsigned char	*d;		/* (owned) deflated */
	size_t		 len, pos;
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
obj_report(struct pdf *p, HPDF_STATUS code, HPDF_STATUS detail)
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
obj_on_error(HPDF_STATUS code, HPDF_STATUS detail, void *arg)
{
	struct pdf *p = arg;

	if (!p->reported)
		obj_report(p, code, detail);
	p->reported = 1;
}

/*
 * After libharu calls: report an error they left (its object calls set
 * one without calling obj_on_error), then clear it, as libharu skips calls
 * while an error is set.
 */
void
obj_check(struct pdf *p)
{
	HPDF_STATUS st = HPDF_GetError(p->doc);

	if (st != HPDF_OK && !p->reported)
		obj_report(p, st, HPDF_GetErrorDetail(p->doc));
	HPDF_ResetError(p->doc);
	p->reported = 0;
	p->what = NULL;
}

/*
 * Round v to at most dec decimals (1 to 4) and append it with no trailing
 * zeros; returns the value written.
 */
double
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
void
buf_rgb(struct buf *o, double r, double g, double b, const char *op)
{
	buf_num(o, r, 3);
	buf_add(o, " ", 1);
	buf_num(o, g, 3);
	buf_add(o, " ", 1);
	buf_num(o, b, 3);
	buf_str(o, op);
}

/* libharu reads a stream of ours: the bytes from pos on. */
static HPDF_STATUS
obj_read(HPDF_Stream s, HPDF_BYTE *ptr, HPDF_UINT *siz)
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
obj_seek(HPDF_Stream s, HPDF_INT pos, HPDF_WhenceMode mode)
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
obj_size(HPDF_Stream s)
{
	return (HPDF_UINT32)((struct pstream *)s->attr)->len;
}

/* A stream of ours holds deflated bytes: say so. */
static HPDF_STATUS
obj_filter(HPDF_Dict d, HPDF_Stream out)
{
	(void)d;
	return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

/*
 * A stream object (indirect, /Length filled in by libharu at save) of
 * in[0..len) deflated at level; NULL when libharu failed (obj_check
 * reports it).
 */
HPDF_Dict
obj_stream(struct pdf *p, int level, const void *in, size_t len)
{
	return obj_stream_into(p, NULL, level, in, len);
}

/* The same into the stream object into (NULL: a new one). */
HPDF_Dict
obj_stream_into(struct pdf *p, HPDF_Dict into, int level, const void *in,
    size_t len)
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
	/* held until the save: only what it takes */
	if (ps->len > 0 && ps->len < n)
		ps->d = xrealloc(ps->d, ps->len);
	if (p->nps == p->pscap) {
		p->pscap = p->pscap ? p->pscap * 2 : 64;
		p->ps = xrealloc(p->ps, p->pscap * sizeof(*p->ps));
	}
	p->ps[p->nps++] = ps;
	if ((d = into) == NULL &&
	    (d = HPDF_DictStream_New(p->doc->mmgr, p->doc->xref)) == NULL)
		return NULL;
	r = HPDF_CallbackReader_New(p->doc->mmgr, obj_read, obj_seek, NULL,
	    obj_size, ps);
	if (r == NULL)
		return NULL;
	HPDF_Stream_Free(d->stream);
	d->stream = r;
	d->write_fn = obj_filter;
	return d;
}

/* An indirect dictionary of /Type type (NULL: none). */
HPDF_Dict
obj_dict(struct pdf *p, const char *type)
{
	HPDF_Dict d = HPDF_Dict_New(p->doc->mmgr);

	if (d == NULL || HPDF_Xref_Add(p->doc->xref, d) != HPDF_OK)
		return NULL;
	if (type != NULL)
		HPDF_Dict_AddName(d, "Type", type);
	return d;
}

/*
 * Slim objects: dictionaries whose entries are written from text of ours
 * (made with obj_slim_add, then obj_slim_end), after any that libharu
 * holds; one entry may be a text string kept as UTF-8 until it is
 * written (a bookmark's title: in hex it would take twice the room).
 */
struct slim {
	const char	*text;		/* (struct pdf's arena) */
	const char	*key;		/* (static) of the string, or NULL */
	const char	*utf8;		/* (borrowed) */
};

/* UTF-8 s as a PDF text string, UTF-16BE with a BOM, in hex, to out. */
HPDF_STATUS
obj_write_utf16(HPDF_Stream out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t len = strlen(s), i = 0, n = 0;
	char b[256];
	HPDF_STATUS rc = HPDF_OK;

	memcpy(b, "<FEFF", 5);
	n = 5;
	while (i < len && rc == HPDF_OK) {
		uint32_t u = shape_utf8_next(s, len, &i), unit[2];
		int k, m = 1;

		unit[0] = u;
		if (u > 0xffff) {
			u -= 0x10000;
			unit[0] = 0xd800 | (u >> 10);
			unit[1] = 0xdc00 | (u & 0x3ff);
			m = 2;
		}
		for (k = 0; k < m; k++) {
			b[n++] = hex[unit[k] >> 12 & 15];
			b[n++] = hex[unit[k] >> 8 & 15];
			b[n++] = hex[unit[k] >> 4 & 15];
			b[n++] = hex[unit[k] & 15];
		}
		if (n > sizeof(b) - 16) {
			rc = HPDF_Stream_Write(out, (const HPDF_BYTE *)b,
			    (HPDF_UINT)n);
			n = 0;
		}
	}
	b[n++] = '>';
	b[n++] = '\012';
	return rc != HPDF_OK ? rc : HPDF_Stream_Write(out,
	    (const HPDF_BYTE *)b, (HPDF_UINT)n);
}

static HPDF_STATUS
obj_slim_write(HPDF_Dict d, HPDF_Stream out)
{
	const struct slim *sl = d->attr;
	HPDF_STATUS rc = HPDF_OK;

	if (sl == NULL)
		return HPDF_OK;
	if (sl->key != NULL && ((rc = HPDF_Stream_WriteStr(out, sl->key)) !=
	    HPDF_OK || (rc = obj_write_utf16(out, sl->utf8)) != HPDF_OK))
		return rc;
	return HPDF_Stream_WriteStr(out, sl->text);
}

/* A slim dictionary, an object of its own or (indirect 0) inside one. */
HPDF_Dict
obj_slim(struct pdf *p, int indirect)
{
	HPDF_Dict d = indirect ? obj_dict(p, NULL) :
	    HPDF_Dict_New(p->doc->mmgr);

	if (d != NULL)
		d->write_fn = obj_slim_write;
	return d;
}

void
obj_slim_add(struct pdf *p, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vfmt(&p->stext, fmt, ap);
	va_end(ap);
}

/*
 * A dictionary (an object of its own, or inside one) whose entries fn
 * writes when the PDF is, from arg (obj_arg): for what would take much
 * room until then, as text or as libharu's objects.
 */
HPDF_Dict
obj_gen(struct pdf *p, int indirect, obj_writer fn, void *arg)
{
	HPDF_Dict d = indirect ? obj_dict(p, NULL) :
	    HPDF_Dict_New(p->doc->mmgr);

	if (d != NULL)
		obj_gen_set(d, fn, arg);
	return d;
}

/* The same for d, made before (with obj_slim, its text not set). */
void
obj_gen_set(HPDF_Dict d, obj_writer fn, void *arg)
{
	d->attr = arg;
	d->write_fn = fn;
}

/*
 * A page's own entries after libharu's, written by fn when the PDF is
 * (libharu's page is a dictionary whose attr is its own, so fn finds its
 * page with obj_page).
 */
void
obj_page_hook(HPDF_Page pg, obj_writer fn)
{
	pg->write_fn = fn;
}

/* The pdf d is of (the error handler's data, given to HPDF_New). */
struct pdf *
obj_pdf(HPDF_Dict d)
{
	return d->error->user_data;
}

/* What obj_gen was given for d. */
void *
obj_arg(HPDF_Dict d)
{
	return d->attr;
}

/*
 * The text added since the last end is d's; with key, also the entry
 * /key of UTF-8 utf8 (kept as it is, borrowed until the PDF is written).
 */
void
obj_slim_end(struct pdf *p, HPDF_Dict d, const char *key, const char *utf8)
{
	struct slim *sl;

	if (d != NULL) {
		sl = arena_alloc(p->a, sizeof(*sl));
		sl->text = arena_strndup(p->a, p->stext.s != NULL ?
		    p->stext.s : "", p->stext.len);
		sl->key = key;
		sl->utf8 = utf8;
		d->attr = sl;
	}
	p->stext.len = 0;
}

/* An indirect object's number. */
unsigned
obj_num(const void *o)
{
	return ((const HPDF_Obj_Header *)o)->obj_id & 0x00FFFFFF;
}

/*
 * Where libharu writes the document: a file, named for messages, or
 * memory, when the bytes go through qpdf first.
 */
struct obj_out {
	struct pdf	*p;
	FILE		*f;
	const char	*name;
	struct buf	*mem;		/* (borrowed) or NULL: f */
};

/* A write that fails is reported here, with the system's reason. */
static HPDF_STATUS
obj_file_write(HPDF_Stream s, const HPDF_BYTE *ptr, HPDF_UINT siz)
{
	struct obj_out *o = s->attr;

	if (o->p->failed)
		return HPDF_FILE_IO_ERROR;
	if (o->mem != NULL) {
		buf_add(o->mem, ptr, siz);
		return HPDF_OK;
	}
	if (fwrite(ptr, 1, siz, o->f) == siz)
		return HPDF_OK;
	diag_emit(o->p->d, DIAG_IO, o->name, 0, 0, "%s",
	    strerror(errno != 0 ? errno : EIO));
	o->p->failed = 1;
	o->p->reported = 1;	/* not libharu's words for it too */
	return HPDF_FILE_IO_ERROR;
}

static void
obj_streams_free(struct pdf *p)
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
	p->a = arena_new();
	p->doc = HPDF_New(obj_on_error, p);
	if (p->doc == NULL)
		tl_oom();
	return p;
}

void
pdf_free(struct pdf *p)
{
	size_t i;

	if (p == NULL)
		return;
	if (p->doc != NULL)
		HPDF_Free(p->doc);
	obj_streams_free(p);
	for (i = 0; i < ZLEVELS; i++)
		libdeflate_free_compressor(p->z[i]);
	for (i = 0; i < p->npf; i++)
		pfont_free(p->pf[i]);
	free(p->pf);
	free(p->pages);
	free(p->contents);
	free(p->filled);
	for (i = 0; p->res != NULL && i < (size_t)p->npages; i++)
		free(p->res[i]->e);
	free(p->res);
	free(p->links);
	tag_free(p);
	free(p->lab);
	free(p->forms);
	free(p->mcid);
	buf_free(&p->stext);
	arena_free(p->a);
	free(p->ol);
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
HPDF_Binary
obj_utf16(struct pdf *p, const char *s)
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
obj_info(struct pdf *p, HPDF_InfoType type, const char *key, const char *v)
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
		HPDF_Dict_Add(p->doc->info, key, obj_utf16(p, v));
}

void
pdf_set_info(struct pdf *p, const char *title, const char *author,
    const char *subject, const char *keywords, const char *creator,
    int y, int mo, int d, int h, int mi, int s)
{
	p->what = "document information";
	p->i_title = title;
	p->i_author = author;
	p->i_subject = subject;
	p->i_keywords = keywords;
	p->i_creator = creator;
	p->i_date[0] = y;
	p->i_date[1] = mo;
	p->i_date[2] = d;
	p->i_date[3] = h;
	p->i_date[4] = mi;
	p->i_date[5] = s;
	obj_info(p, HPDF_INFO_TITLE, "Title", title);
	obj_info(p, HPDF_INFO_AUTHOR, "Author", author);
	obj_info(p, HPDF_INFO_SUBJECT, "Subject", subject);
	obj_info(p, HPDF_INFO_KEYWORDS, "Keywords", keywords);
	obj_info(p, HPDF_INFO_CREATOR, "Creator", creator);
	if (y > 0) {
		HPDF_Date dt;

		memset(&dt, 0, sizeof(dt));
		dt.year = y;
		dt.month = mo;
		dt.day = d;
		dt.hour = h;
		dt.minutes = mi;
		dt.seconds = s;
		dt.ind = '+';
		HPDF_SetInfoDateAttr(p->doc, HPDF_INFO_CREATION_DATE, dt);
		/* made once, never changed: modified when created */
		HPDF_SetInfoDateAttr(p->doc, HPDF_INFO_MOD_DATE, dt);
	}
	obj_check(p);
}

/* A stream object as it is, not deflated (PDF/A's XMP must not be). */
HPDF_Dict
obj_plain_stream(struct pdf *p, const void *in, size_t len)
{
	HPDF_Dict d = HPDF_DictStream_New(p->doc->mmgr, p->doc->xref);

	if (d != NULL && HPDF_Stream_Write(d->stream, in, (HPDF_UINT)len) !=
	    HPDF_OK)
		return NULL;
	return d;
}

int
pdf_set_standard(struct pdf *p, int part, int unicode, const char *icc)
{
	p->pdfa = part;
	p->pdfa_u = unicode;
	p->icc = icc;
	return 0;
}

/* s into b, escaped for XML. */
static void
xml_escaped(struct buf *b, const char *s)
{
	for (; s != NULL && *s != '\0'; s++)
		switch (*s) {
		case '&':
			buf_str(b, "&amp;");
			break;
		case '<':
			buf_str(b, "&lt;");
			break;
		case '>':
			buf_str(b, "&gt;");
			break;
		case '"':
			buf_str(b, "&quot;");
			break;
		default:
			buf_add(b, s, 1);
		}
}

/*
 * PDF/A: the XMP metadata (the information dictionary again, as PDF/A
 * asks, with its part and conformance), and an sRGB output intent with
 * the ICC profile of p->icc; the producer named as briefing.
 */
/*
 * An extension schema of PDF/A (ISO 19005-1, 6.7.8): what a property of
 * a schema PDF/A does not know is, for a validator.
 */
static void
xmp_schema(struct buf *x, const char *name, const char *uri,
    const char *prefix, const char *prop, const char *type,
    const char *category, const char *what)
{
	buf_str(x, "<rdf:li rdf:parseType=\"Resource\">\n<pdfaSchema:schema>");
	buf_str(x, name);
	buf_str(x, "</pdfaSchema:schema>\n<pdfaSchema:namespaceURI>");
	buf_str(x, uri);
	buf_str(x, "</pdfaSchema:namespaceURI>\n<pdfaSchema:prefix>");
	buf_str(x, prefix);
	buf_str(x, "</pdfaSchema:prefix>\n<pdfaSchema:property><rdf:Seq>"
	    "<rdf:li rdf:parseType=\"Resource\">\n<pdfaProperty:name>");
	buf_str(x, prop);
	buf_str(x, "</pdfaProperty:name>\n<pdfaProperty:valueType>");
	buf_str(x, type);
	buf_str(x, "</pdfaProperty:valueType>\n<pdfaProperty:category>");
	buf_str(x, category);
	buf_str(x, "</pdfaProperty:category>\n<pdfaProperty:description>");
	buf_str(x, what);
	buf_str(x, "</pdfaProperty:description>\n</rdf:li></rdf:Seq>"
	    "</pdfaSchema:property>\n</rdf:li>\n");
}

/* Where the classification is in the XMP: a schema of the program's. */
#define XMP_NS_BRIEFING	"urn:briefing:xmp:1.0#"

/*
 * The XMP metadata, as the information dictionary says (PDF/A asks that
 * they agree), with PDF/A's and PDF/UA's identification and the
 * classification.
 */
static void
xmp_finish(struct pdf *p)
{
	struct buf x = { NULL, 0, 0 };
	HPDF_Dict meta;
	char line[256];

	p->what = "XMP metadata";
	HPDF_SetInfoAttr(p->doc, HPDF_INFO_PRODUCER, p->i_creator);
	buf_str(&x, "<?xpacket begin=\"\xEF\xBB\xBF\" "
	    "id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
	    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
	    "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
	    "<rdf:Description rdf:about=\"\" "
	    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
	    "<dc:format>application/pdf</dc:format>\n");
	if (p->i_title != NULL) {
		buf_str(&x, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">");
		xml_escaped(&x, p->i_title);
		buf_str(&x, "</rdf:li></rdf:Alt></dc:title>\n");
	}
	if (p->i_author != NULL) {
		buf_str(&x, "<dc:creator><rdf:Seq><rdf:li>");
		xml_escaped(&x, p->i_author);
		buf_str(&x, "</rdf:li></rdf:Seq></dc:creator>\n");
	}
	if (p->i_subject != NULL) {
		buf_str(&x, "<dc:description><rdf:Alt><rdf:li "
		    "xml:lang=\"x-default\">");
		xml_escaped(&x, p->i_subject);
		buf_str(&x, "</rdf:li></rdf:Alt></dc:description>\n");
	}
	if (p->i_lang != NULL) {
		buf_str(&x, "<dc:language><rdf:Bag><rdf:li>");
		xml_escaped(&x, p->i_lang);
		buf_str(&x, "</rdf:li></rdf:Bag></dc:language>\n");
	}
	buf_str(&x, "</rdf:Description>\n<rdf:Description rdf:about=\"\" "
	    "xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n<xmp:CreatorTool>");
	xml_escaped(&x, p->i_creator);
	buf_str(&x, "</xmp:CreatorTool>\n");
	if (p->i_date[0] > 0) {
		snprintf(line, sizeof(line), "%04d-%02d-%02dT%02d:%02d:%02d"
		    "+00:00", p->i_date[0], p->i_date[1], p->i_date[2],
		    p->i_date[3], p->i_date[4], p->i_date[5]);
		buf_str(&x, "<xmp:CreateDate>");
		buf_str(&x, line);
		buf_str(&x, "</xmp:CreateDate>\n<xmp:ModifyDate>");
		buf_str(&x, line);
		buf_str(&x, "</xmp:ModifyDate>\n");
	}
	buf_str(&x, "</rdf:Description>\n<rdf:Description rdf:about=\"\" "
	    "xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n<pdf:Producer>");
	xml_escaped(&x, p->i_creator);
	buf_str(&x, "</pdf:Producer>\n");
	if (p->i_keywords != NULL) {
		buf_str(&x, "<pdf:Keywords>");
		xml_escaped(&x, p->i_keywords);
		buf_str(&x, "</pdf:Keywords>\n");
	}
	buf_str(&x, "</rdf:Description>\n");
	if (p->pdfa > 0) {
		snprintf(line, sizeof(line), "<rdf:Description rdf:about=\"\" "
		    "xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
		    "<pdfaid:part>%d</pdfaid:part>\n"
		    "<pdfaid:conformance>%s</pdfaid:conformance>\n"
		    "</rdf:Description>\n", p->pdfa, p->pdfa_u ? "U" : "B");
		buf_str(&x, line);
	}
	if (p->tagged)
		buf_str(&x, "<rdf:Description rdf:about=\"\" "
		    "xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
		    "<pdfuaid:part>1</pdfuaid:part>\n</rdf:Description>\n");
	if (p->i_class != NULL) {
		buf_str(&x, "<rdf:Description rdf:about=\"\" "
		    "xmlns:briefing=\"" XMP_NS_BRIEFING "\">\n"
		    "<briefing:classification>");
		xml_escaped(&x, p->i_class);
		buf_str(&x, "</briefing:classification>\n</rdf:Description>\n");
	}
	if (p->pdfa > 0 && (p->tagged || p->i_class != NULL)) {
		buf_str(&x, "<rdf:Description rdf:about=\"\" "
		    "xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/"
		    "extension/\" xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/"
		    "ns/schema#\" xmlns:pdfaProperty=\"http://www.aiim.org/"
		    "pdfa/ns/property#\">\n<pdfaExtension:schemas><rdf:Bag>\n");
		if (p->tagged)
			xmp_schema(&x, "PDF/UA identification",
			    "http://www.aiim.org/pdfua/ns/id/", "pdfuaid",
			    "part", "Integer", "internal", "The part of ISO "
			    "14289 the file conforms to");
		if (p->i_class != NULL)
			xmp_schema(&x, "Briefing", XMP_NS_BRIEFING, "briefing",
			    "classification", "Text", "external", "The "
			    "security classification marked on the pages");
		buf_str(&x, "</rdf:Bag></pdfaExtension:schemas>\n"
		    "</rdf:Description>\n");
	}
	buf_str(&x, "</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
	if ((meta = obj_plain_stream(p, x.s, x.len)) != NULL) {
		HPDF_Dict_AddName(meta, "Type", "Metadata");
		HPDF_Dict_AddName(meta, "Subtype", "XML");
		HPDF_Dict_Add(p->doc->catalog, "Metadata", meta);
	}
	buf_free(&x);
}

static void
pdfa_finish(struct pdf *p)
{
	HPDF_Dict oi, icc;
	HPDF_Array ois;
	char *prof;
	size_t plen;

	p->what = "PDF/A output intent";
	if ((prof = file_slurp(p->icc, &plen)) == NULL) {
		diag_emit(p->d, DIAG_IO, p->icc, 0, 0, "%s (the sRGB profile "
		    "PDF/A needs)", file_strerror(errno));
		p->failed = 1;
		return;
	}
	icc = obj_stream(p, FONT_ZLEVEL, prof, plen);
	free(prof);
	if (icc == NULL || (oi = HPDF_Dict_New(p->doc->mmgr)) == NULL ||
	    (ois = HPDF_Array_New(p->doc->mmgr)) == NULL)
		return;
	HPDF_Dict_AddNumber(icc, "N", 3);
	HPDF_Dict_AddName(oi, "Type", "OutputIntent");
	HPDF_Dict_AddName(oi, "S", "GTS_PDFA1");
	HPDF_Dict_Add(oi, "OutputConditionIdentifier", HPDF_String_New(
	    p->doc->mmgr, "sRGB IEC61966-2.1", NULL));
	HPDF_Dict_Add(oi, "Info", HPDF_String_New(p->doc->mmgr,
	    "sRGB IEC61966-2.1", NULL));
	HPDF_Dict_Add(oi, "DestOutputProfile", icc);
	HPDF_Array_Add(ois, oi);
	HPDF_Dict_Add(p->doc->catalog, "OutputIntents", ois);
}

/*
 * The trailer's /ID: from the document's content (its streams' checksums
 * and lengths, and its information), so that the same document has the
 * same one.
 */
static void
trailer_id(struct pdf *p)
{
	uint64_t h[2] = { 0x9e3779b97f4a7c15ULL, 0xc2b2ae3d27d4eb4fULL };
	const char *info[] = { p->i_title, p->i_author, p->i_subject,
	    p->i_keywords, p->i_creator };
	unsigned char id[16];
	HPDF_Array a;
	size_t i, k;

	/* a zlib stream ends in the Adler-32 of its content: those */
	for (i = 0; i < p->nps; i++)
		for (k = p->ps[i]->len >= 4 ? p->ps[i]->len - 4 : 0;
		    k < p->ps[i]->len; k++)
			h[i & 1] = (h[i & 1] ^ p->ps[i]->d[k] ^
			    p->ps[i]->len) * 0x100000001b3ULL;
	for (i = 0; i < sizeof(info) / sizeof(info[0]); i++)
		for (k = 0; info[i] != NULL && info[i][k] != '\0'; k++)
			h[k & 1] = (h[k & 1] ^ (unsigned char)info[i][k]) *
			    0x100000001b3ULL;
	for (k = 0; k < 16; k++)
		id[k] = (unsigned char)(h[k / 8] >> (8 * (k % 8)));
	if ((a = HPDF_Array_New(p->doc->mmgr)) == NULL)
		return;
	HPDF_Array_Add(a, HPDF_Binary_New(p->doc->mmgr, id, 16));
	HPDF_Array_Add(a, HPDF_Binary_New(p->doc->mmgr, id, 16));
	HPDF_Dict_Add(p->doc->trailer, "ID", a);
}

/*
 * What a viewer needs of the document: its language (/Lang, for screen
 * readers and search), the title shown in the window rather than the file
 * name (/DisplayDocTitle, as PDF/UA asks).
 */
void
pdf_set_view(struct pdf *p, const char *lang)
{
	HPDF_Dict vp;

	p->what = "document language";
	p->i_lang = lang;
	if (lang != NULL && is_ascii(lang) && *lang != '\0')
		HPDF_Dict_Add(p->doc->catalog, "Lang", HPDF_String_New(
		    p->doc->mmgr, lang, NULL));
	if ((vp = HPDF_Dict_New(p->doc->mmgr)) != NULL &&
	    HPDF_Dict_Add(p->doc->catalog, "ViewerPreferences", vp) ==
	    HPDF_OK)
		HPDF_Dict_Add(vp, "DisplayDocTitle", HPDF_Boolean_New(
		    p->doc->mmgr, HPDF_TRUE));
	obj_check(p);
}

void
pdf_set_classification(struct pdf *p, const char *cls)
{
	p->i_class = cls;
	pdf_set_info_key(p, "Classification", cls);
}

void
pdf_set_info_key(struct pdf *p, const char *key, const char *v)
{
	p->what = "document information";
	if (v == NULL)
		return;
	/* pdf_set_info, called first, made the dictionary */
	if (p->doc->info != NULL)
		HPDF_Dict_Add(p->doc->info, key, obj_utf16(p, v));
	obj_check(p);
}

int
pdf_finish(struct pdf *p)
{
	size_t i;

	if (p->finished)
		return p->failed ? -1 : 0;
	p->finished = 1;
	page_end(p);
	link_finish(p);
	label_finish(p);
	tag_finish(p);
	for (i = 0; i < p->npf; i++)
		if (p->pf[i]->type0 != NULL)
			pfont_finish(p, p->pf[i]);
	if ((p->pdfa > 0 || p->tagged) && !p->failed)
		xmp_finish(p);
	if (p->pdfa > 0 && !p->failed)
		pdfa_finish(p);
	trailer_id(p);
	if (p->failed) {
		obj_streams_free(p);
		return -1;
	}
	/* Marked content with /ActualText is PDF 1.5. */
	if (p->st.spans > 0 && p->doc->pdf_version < HPDF_VER_15)
		p->doc->pdf_version = HPDF_VER_15;
	return 0;
}

void
pdf_set_seal(struct pdf *p, const struct pdf_seal *s)
{
	p->seal = s;
}

/*
 * The finished PDF, written by libharu straight to f (no copy of it is
 * held), or, to be sealed, into memory and from there through qpdf to f;
 * once: our streams' bytes are freed after.
 */
int
pdf_write(struct pdf *p, FILE *f, const char *name)
{
	struct buf mem = { NULL, 0, 0 };
	struct obj_out o = { p, f, name, NULL };
	const struct pdf_seal *s = p->seal;
	HPDF_Stream w;

	if (p->failed || !p->finished || p->written)
		return -1;
	p->written = 1;
	p->what = name;
	if (s != NULL && (s->owner != NULL || s->linearize))
		o.mem = &mem;
	if ((w = HPDF_CallbackWriter_New(p->doc->mmgr, obj_file_write,
	    &o)) != NULL) {
		p->doc->stream = w;	/* HPDF_Free frees it */
		HPDF_SaveToStream(p->doc);
	}
	obj_check(p);
	obj_streams_free(p);
	if (o.mem != NULL && !p->failed && seal_write(s, mem.s, mem.len, f,
	    name, p->d) != 0)
		p->failed = 1;
	buf_free(&mem);
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

void
pdf_libharu(const char **headers, const char **library)
{
	*headers = HPDF_VERSION_TEXT;
	*library = HPDF_GetVersion();
}
