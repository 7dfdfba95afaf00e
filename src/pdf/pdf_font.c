/*
 * pdf_font.c - the fonts of the PDF writer (see pdf_writer.h): a face
 * embedded on first use, what each code written in it stands for, its
 * glyphs kept for the subset, and at the end its objects: a Type0 font
 * with Identity-H over a CIDFontType2 with /W, a CIDToGIDMap, the
 * descriptor and the subset program (sfnt.c), and a ToUnicode CMap.
 *
 * Codes (the CIDs of Identity-H) are 16-bit; pdf_text.c chooses them.
 * The CIDToGIDMap takes each code to its glyph: through the font's cmap
 * (HarfBuzz's), or for a spare code to the glyph it was given to.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hb-ot.h>

#include "pdf_writer.h"

/*
 * What a font knows of one code.  Kept in blocks of CBLOCK codes, made
 * when a code of theirs is first met: a document uses a few blocks (Basic
 * Latin, Thai, the TLWG and spare private-use codes), and tables of all
 * 65,536 codes cost more to clear than the rest of drawing a short
 * document.
 */
struct codeinfo {
	int16_t		 width;		/* [1/1000 em], once the code is used */
	int32_t		 tu;		/* its ToUnicode entry + 1, 0: none */
};

/* v as four hex digits (ToUnicode). */
static void
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

void
pfont_free(struct pfont *pf)
{
	size_t i;

	for (i = 0; i < NCODES / CBLOCK; i++)
		free(pf->info[i]);
	free(pf->keep);
	free(pf->tu);
	free(pf->sp);
	free(pf->spare_of);
	free(pf->tw);
	free(pf->twcode);
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
	if (!font_fstype_embeds(fs))
		return "licence forbids embedding";
	return NULL;
}

/* The embedded font for f's face, made on first use; NULL if it cannot be. */
struct pfont *
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
	obj_check(p);
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

/*
 * The first code >= c whose bit is set in a bitmap of NCODES bits, or
 * NCODES: eight bytes at a time, as a font uses a few hundred codes.
 */
static uint32_t
code_next(const unsigned char *b, uint32_t c)
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
		if (code_bit(b, c))
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
pfont_cmap(const struct pfont *pf, uint32_t c)
{
	hb_codepoint_t g;

	return hb_font_get_nominal_glyph(pf->f->hb, c, &g) ? g : 0;
}

/* The glyph code c draws in the PDF. */
uint32_t
code_gid(const struct pfont *pf, uint32_t c)
{
	size_t i;

	if (code_bit(pf->spare_bit, c)) {
		for (i = 0; i < pf->nsp; i++)
			if (pf->sp[i].code == c)
				return pf->sp[i].gid;
		return 0;
	}
	return pfont_cmap(pf, c);
}

/*
 * A glyph's advance [1/1000 em], truncated; a twin's (code_twin) its own;
 * .notdef's past the end.
 */
int
pfont_width(const struct pfont *pf, uint32_t gid)
{
	uint32_t a = gid >= pf->nglyphs && gid - pf->nglyphs < pf->ntw ?
	    pf->tw[gid - pf->nglyphs].adv : (uint32_t)font_glyph_advance(pf->f,
	    gid < pf->nglyphs ? gid : 0);

	return (int16_t)(a * 1000 / pf->upem);
}

/* What code c stands for: its ToUnicode entry (NULL: itself). */
const struct tu *
code_tu(const struct pfont *pf, uint32_t c)
{
	const struct codeinfo *ci = code_info_if(pf, c);

	if (ci == NULL || ci->tu == 0)
		return NULL;
	return &pf->tu[ci->tu - 1];
}

void
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
	if (n < 0)			/* for nothing, on purpose */
		n = 0;
	else if (n == 0) {
		t->u[0] = 0xfffd;	/* nothing left to stand for */
		n = 1;
	} else
		memcpy(t->u, u, (size_t)n * sizeof(*u));
	t->n = n;
	ci->tu = (int32_t)pf->ntu;
}

/*
 * Code c is drawn with glyph gid: its width is known, and the glyph and
 * its components go into the subset.
 */
void
code_use(struct pfont *pf, uint32_t c, uint32_t gid)
{
	uint32_t comp[64];
	int i, n;

	if (!code_bit(pf->used, c)) {
		code_info(pf, c)->width = (int16_t)pfont_width(pf, gid);
		code_mark(pf->used, c);
	}
	if (gid >= pf->nglyphs && gid - pf->nglyphs < pf->ntw)
		gid = pf->tw[gid - pf->nglyphs].gid;	/* its outline */
	if (gid >= pf->nglyphs || pf->keep[gid])
		return;
	pf->keep[gid] = 1;
	n = font_glyph_components(pf->f, gid, comp, 64);
	for (i = 0; i < n; i++)
		if (comp[i] < pf->nglyphs)
			pf->keep[comp[i]] = 1;
}

/* A spare code for gid: a PUA code the font does not map, never used. */
int
code_spare(struct pdf *p, struct pfont *pf, uint32_t gid, uint16_t *code)
{
	uint32_t c;

	if (gid != 0 && gid < pf->nglyphs && pf->spare_of[gid] != 0) {
		*code = pf->spare_of[gid];
		return 1;
	}
	/* the Thai block's unassigned codes first, then private use */
	for (c = pf->next_spare; c <= 0xf8ff; c = c == 0x0e3e ? 0x0e5c :
	    c == 0x0e7f ? 0xe000 : c + 1)
		if (!code_bit(pf->used, c) && !code_bit(pf->spare_bit, c) &&
		    pfont_cmap(pf, c) == 0)
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
	code_mark(pf->spare_bit, c);
	if (gid != 0 && gid < pf->nglyphs)
		pf->spare_of[gid] = (uint16_t)c;
	*code = (uint16_t)c;
	p->st.injected++;
	return 1;
}

int
code_twin(struct pdf *p, struct pfont *pf, uint32_t gid, uint32_t adv,
    uint16_t c, uint16_t *code)
{
	const struct tu *t;
	uint32_t u;
	size_t i;

	for (i = 0; i < pf->ntw; i++)
		if (pf->tw[i].gid == gid && pf->tw[i].adv == adv) {
			*code = pf->twcode[i];
			return 1;
		}
	if (gid >= pf->nglyphs || adv > 0xffff ||
	    pf->nglyphs + pf->ntw + 1 > 0xffff)
		return 0;
	if (pf->ntw == pf->twcap) {
		pf->twcap = pf->twcap ? pf->twcap * 2 : 8;
		pf->tw = xrealloc(pf->tw, pf->twcap * sizeof(*pf->tw));
		pf->twcode = xrealloc(pf->twcode, pf->twcap *
		    sizeof(*pf->twcode));
	}
	pf->tw[pf->ntw].gid = gid;
	pf->tw[pf->ntw].adv = (uint16_t)adv;
	if (!code_spare(p, pf, pf->nglyphs + (uint32_t)pf->ntw, code))
		return 0;
	pf->twcode[pf->ntw++] = *code;
	if ((t = code_tu(pf, c)) != NULL)
		code_set_tu(pf, *code, t->u, t->n > 0 ? t->n : -1);
	else {
		u = c;
		code_set_tu(pf, *code, &u, 1);
	}
	code_use(pf, *code, pf->nglyphs + (uint32_t)pf->ntw - 1);
	return 1;
}

/* The highest code used, 0 when none. */
static uint32_t
pfont_top(const struct pfont *pf)
{
	uint32_t c, top = 0;

	for (c = code_next(pf->used, 0); c < NCODES;
	    c = code_next(pf->used, c + 1))
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

	for (c = code_next(pf->used, 0); c <= top;
	    c = code_next(pf->used, c + 1))
		put_be16(map + 2 * c, code_gid(pf, c));
	s = obj_stream(p, FONT_ZLEVEL, map, (top + 1) * 2);
	free(map);
	return s;
}

/*
 * CIDSet (PDF/A-1 asks for it with a subset): a bit a code, the first
 * byte's high bit code 0, set for each code written and for code 0.
 */
static HPDF_Dict
pfont_cidset(struct pdf *p, struct pfont *pf)
{
	uint32_t c, top = pfont_top(pf);
	unsigned char *set = xcalloc(top / 8 + 1, 1);
	HPDF_Dict s;

	set[0] = 0x80;
	for (c = code_next(pf->used, 0); c <= top;
	    c = code_next(pf->used, c + 1))
		set[c / 8] |= (unsigned char)(0x80 >> (c % 8));
	s = obj_stream(p, FONT_ZLEVEL, set, top / 8 + 1);
	free(set);
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
	for (c = code_next(pf->used, 0); c < NCODES;
	    c = code_next(pf->used, c + 1)) {
		if (code_info(pf, c)->width == dw)
			continue;
		if ((sub = HPDF_Array_New(p->doc->mmgr)) == NULL)
			return NULL;
		HPDF_Array_AddNumber(w, (HPDF_INT32)c);
		HPDF_Array_Add(w, sub);
		HPDF_Array_AddNumber(sub, code_info(pf, c)->width);
		while (c + 1 < NCODES && code_bit(pf->used, c + 1) &&
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

	for (c = code_next(pf->used, 0); c < NCODES;
	    c = code_next(pf->used, c + 1))
		total++;
	buf_str(&o, "/CIDInit /ProcSet findresource begin\n"
	    "12 dict begin\nbegincmap\n"
	    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
	    "/Supplement 0 >> def\n"
	    "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
	    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	for (c = code_next(pf->used, 0); c < NCODES;
	    c = code_next(pf->used, c + 1)) {
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
	len = sfnt_subset(t, n, pf->keep, pf->nglyphs, pf->tw, pf->ntw,
	    &prog);
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
void
pfont_finish(struct pdf *p, struct pfont *pf)
{
	HPDF_MMgr mm = p->doc->mmgr;
	HPDF_Dict cid, fd, ff, map, tu, si;
	HPDF_Array df;
	char name[80];
	int dw = pfont_width(pf, 0);

	p->what = pf->f->file;
	pfont_name(pf, name, sizeof(name));
	if ((ff = pfont_program(p, pf)) == NULL ||
	    (fd = obj_dict(p, "FontDescriptor")) == NULL ||
	    (cid = obj_dict(p, "Font")) == NULL ||
	    (map = pfont_cidmap(p, pf)) == NULL ||
	    (tu = pfont_tounicode(p, pf)) == NULL ||
	    (si = HPDF_Dict_New(mm)) == NULL ||
	    (df = HPDF_Array_New(mm)) == NULL) {
		obj_check(p);
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
	if (p->pdfa == 1)
		HPDF_Dict_Add(fd, "CIDSet", pfont_cidset(p, pf));
	HPDF_Dict_AddName(pf->type0, "Subtype", "Type0");
	HPDF_Dict_AddName(pf->type0, "BaseFont", name);
	HPDF_Dict_AddName(pf->type0, "Encoding", "Identity-H");
	HPDF_Array_Add(df, cid);
	HPDF_Dict_Add(pf->type0, "DescendantFonts", df);
	HPDF_Dict_Add(pf->type0, "ToUnicode", tu);
	obj_check(p);
}
