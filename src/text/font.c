/*
 * font.c - font selection with fontconfig, and the font cache.
 *
 * Configuration.  Each fontset has its own FcConfig, built in code so that
 * an installed program needs no file:
 *
 *	<dir>FONTS_DIR</dir>			the project's fonts/, if present
 *	<include ignore_missing="yes">SYSTEM</include>
 *
 * SYSTEM is fontconfig's default file (FONTCONFIG_FILE is honoured, so a
 * test can point it at a config listing only fonts/).  fonts/fonts.conf in
 * the source tree holds the same configuration for other programs
 * (FONTCONFIG_FILE=fonts/fonts.conf pango-view ...).  When the same face
 * (family and style) exists in FONTS_DIR and in the system, the project's
 * copy comes first.
 *
 * Selection.  A chain is FcFontSort (untrimmed) over the requested families
 * in order, lang "th", weight and slant, keeping only faces that the PDF
 * can embed: fontformat "TrueType" (glyf outlines), not variable, a (3,1)
 * format 4 cmap, a PostScript name, embedding allowed by OS/2 fsType.  The
 * font for a character is the first face in that order whose charset has
 * it and whose weight and slant class match the request; failing that, the
 * first face that has it at all.  (An untrimmed sort keeps family order
 * first, so a family missing a character falls back to the next family of
 * the same style, e.g. digits in bold Noto Sans Thai go to Laksaman Bold.)
 * A letter of a script other than Latin goes, among those, to the main
 * face or a family the list names, else to a face made for its script
 * (more than half of its letters but Latin are of it) before any other
 * (chain_pick): fontconfig sorts a broad face such as DejaVu Sans, which
 * has some Lao, before Noto Sans Lao, whose Lao is drawn to go with Thai.
 * Answers are cached per code point in a small hash.
 *
 * TH Sarabun New.  Debian's fonts-tlwg-laksaman ships
 * 89-tlwg-laksaman-synthetic.conf: a request for "TH Sarabun*" is served
 * by Laksaman with FC_MATRIX 0.66, because Laksaman is TH Sarabun PSK
 * redrawn at a larger size per em.  FcFontSort does not return the matrix;
 * FcFontRenderPrepare does.  We apply a uniform matrix factor to the size:
 * font->scale = 0.66, and every user of a font (layout measuring, shaping,
 * PDF drawing) multiplies the point size by font->scale.  So "TH Sarabun
 * New" at 16 pt looks like real TH Sarabun New at 16 pt (the Thai
 * government document standard), as pango draws it.  Real TH Sarabun New,
 * when installed (or put in fonts/), wins over the alias and gets scale 1.
 * fontconfig's rule fires whenever the pattern "contains TH Sarabun", so
 * a list naming Laksaman before TH Sarabun New would get a scaled Laksaman
 * too; we ask FcFontRenderPrepare with the families up to the face's own
 * family name only (when it is named), so "Laksaman, TH Sarabun New, ..."
 * (a proof sheet of Laksaman) is unscaled while the default body list
 * "TH Sarabun New, Laksaman, ..." scales Laksaman.  Non-uniform matrices
 * (synthetic oblique) are ignored: scale stays 1.  The factor is the main
 * face's (the chain's first font) and every face of the chain takes it:
 * the size asked for is TH Sarabun's, so the Lao, Khmer or Korean face a
 * character falls back to is scaled as Laksaman is, or it would come out
 * half as large again as the Thai beside it.
 *
 * Faces are loaded once per (file, index) and shared by the fonts that use
 * them at different scales.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <fontconfig/fontconfig.h>
#include <hb.h>
#include <hb-ot.h>

#include "base/base.h"
#include "text.h"
#include "fontcache.h"

/* One (file, index): the HarfBuzz objects and lazily built tables. */
struct font_face {
	char		*file;		/* (owned) */
	unsigned	 index;
	int		 state;		/* 0 not loaded, 1 ok, -1 unusable */
	hb_blob_t	*blob;		/* (owned) */
	hb_face_t	*face;		/* (owned) */
	hb_font_t	*hb;		/* (owned) */
	unsigned	 upem;
	unsigned	 nglyphs;
	uint32_t	*rev;		/* (owned) glyph -> code point */
	hb_blob_t	*glyf, *loca;	/* (owned) for composites, lazily */
	int		 longloca;	/* head.indexToLocFormat */
};

/*
 * One face of a chain, in fontconfig's order: from fontconfig's sorted set
 * (pat and cs) or from the cache file (pages).
 */
struct entry {
	FcPattern	*pat;		/* (borrowed from the chain's set) */
	FcCharSet	*cs;		/* (borrowed) */
	const struct fc_page *pages;	/* (borrowed from the cache) */
	uint32_t	 npages;
	const char	*file;		/* (borrowed) */
	int		 index;
	const char	*family;	/* (borrowed) first family name */
	const char	*style;		/* (borrowed) */
	int		 weight, slant;
	double		 scale;		/* size factor; 0 until known */
	int		 style_ok;	/* weight and slant class match */
	int		 dead;		/* cannot be used */
	struct tally	*tally;		/* (owned) its characters by script,
					   lazily (entry_tally) */
	struct font	*font;		/* (borrowed from the fontset) lazily */
};

struct fontchain {
	struct fontset	*fs;		/* (borrowed) */
	char		*families;	/* (owned) as asked */
	int		 bold, italic;
	FcPattern	*pat;		/* (owned) the query */
	char		**fam;		/* (owned) the families asked for */
	FcPattern	**prefix;	/* (owned) queries of fam[0..k] */
	size_t		 nfam;
	FcFontSet	*set;		/* (owned) sorted fonts */
	struct entry	*e;		/* (owned) */
	size_t		 ne;
	struct font	*first;		/* first usable font, lazily */
	int		 first_done;
	uint32_t	*keys;		/* (owned) cache: cp + 1, 0 empty */
	int32_t		*vals;		/* (owned) entry index, -1 none */
	size_t		 cap, used;
};

struct fontset {
	struct diag	*d;		/* (borrowed) */
	FcConfig	*cfg;		/* (owned) NULL until needed */
	char		*dir;		/* (owned) absolute project folder */
	struct fontcache *cache;	/* (owned) answers from an earlier run */
	char		*cache_dir;	/* (owned) NULL: no cache file */
	char		*cache_key;	/* (owned) */
	int		 dirty;		/* chains the cache file lacks */
	int		 cache_dropped;	/* a font it named failed: removed */
	int		 font_failed;	/* a font failed to load */
	struct font_face **faces;	/* (owned) */
	size_t		 nfaces;
	struct font	**fonts;	/* (owned) */
	size_t		 nfonts;
	struct fontchain **chains;	/* (owned) */
	size_t		 nchains;
	const char *const *env;		/* (borrowed) the environment */
};

/* Append s to b, XML-escaped. */
static void
buf_xml(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++)
		if (*s == '&')
			buf_str(b, "&amp;");
		else if (*s == '<')
			buf_str(b, "&lt;");
		else if (*s == '>')
			buf_str(b, "&gt;");
		else
			buf_add(b, s, 1);
}

/*
 * The first thing in the folder dir (or below, 16 levels at most) that
 * is neither a folder nor a regular file, or NULL (owned by the caller):
 * fontconfig would open a named pipe among the fonts and wait for ever.
 */
static char *
find_special(const char *dir, int depth)
{
	struct dirent *de;
	struct stat st;
	char *path, *found = NULL;
	DIR *d;

	if (depth > 16 || (d = opendir(dir)) == NULL)
		return NULL;
	while (found == NULL && (de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		path = xmalloc(strlen(dir) + strlen(de->d_name) + 2);
		sprintf(path, "%s/%s", dir, de->d_name);
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
			found = find_special(path, depth + 1);
		else if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
			found = path;
			path = NULL;
		}
		free(path);
	}
	closedir(d);
	return found;
}

/* Set fontconfig up for fs (see the top of the file); 0 or -1. */
static int
fs_config(struct fontset *fs)
{
	struct buf xml = { NULL, 0, 0 };
	FcChar8 *sys;
	char *special;
	int ok;

	fs->cfg = FcConfigCreate();
	if (fs->cfg == NULL)
		tl_oom();
	buf_str(&xml, "<?xml version=\"1.0\"?>\n<fontconfig>\n");
	if (fs->dir != NULL && (special = find_special(fs->dir, 0)) != NULL) {
		diag_emit_sev(fs->d, DIAG_WARNING, DIAG_FONT_LOAD, NULL, 0, 0,
		    "%s: not a regular file; the fonts of %s are not used",
		    special, fs->dir);
		free(special);
	} else if (fs->dir != NULL) {
		buf_str(&xml, "<dir>");
		buf_xml(&xml, fs->dir);
		buf_str(&xml, "</dir>\n");
	}
	sys = FcConfigGetFilename(fs->cfg, NULL);
	if (sys != NULL) {
		buf_str(&xml, "<include ignore_missing=\"yes\">");
		buf_xml(&xml, (const char *)sys);
		buf_str(&xml, "</include>\n");
		FcStrFree(sys);
	}
	buf_str(&xml, "</fontconfig>\n");
	ok = FcConfigParseAndLoadFromMemory(fs->cfg, (const FcChar8 *)xml.s,
	    FcTrue) && FcConfigBuildFonts(fs->cfg);
	buf_free(&xml);
	if (!ok) {
		diag_emit(fs->d, DIAG_NO_FONT, NULL, 0, 0,
		    "cannot set up fontconfig");
		FcConfigDestroy(fs->cfg);
		fs->cfg = NULL;
		return -1;
	}
	return 0;
}

/* Environment that steers fontconfig's answers: part of the cache key. */
static const char *const key_env[] = {
	"FONTCONFIG_FILE", "FONTCONFIG_PATH", "FONTCONFIG_SYSROOT", "HOME",
	"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "FC_LANG",
	"LC_ALL", "LC_CTYPE", "LANG"
};

/* The value of name in env (NAME=value strings, NULL-ended), or NULL. */
static const char *
env_get(const char *const *env, const char *name)
{
	size_t n = strlen(name);

	for (; env != NULL && *env != NULL; env++)
		if (strncmp(*env, name, n) == 0 && (*env)[n] == '=')
			return *env + n + 1;
	return NULL;
}

/* What names this set-up: program, fontconfig, font folder, environment. */
static char *
cache_key(const struct fontset *fs)
{
	struct buf key = { NULL, 0, 0 };
	char num[32];
	size_t i;

	buf_str(&key, "briefing " BRIEFING_VERSION "\nfontconfig ");
	snprintf(num, sizeof(num), "%d\n", FcGetVersion());
	buf_str(&key, num);
	buf_str(&key, "fonts ");
	buf_str(&key, fs->dir != NULL ? fs->dir : "-");
	for (i = 0; i < sizeof(key_env) / sizeof(key_env[0]); i++) {
		const char *v = env_get(fs->env, key_env[i]);

		buf_str(&key, "\n");
		buf_str(&key, key_env[i]);
		buf_str(&key, v != NULL ? "=" : " unset");
		buf_str(&key, v != NULL ? v : "");
	}
	return key.s;
}

/* A fontset answering from the cache file when it can be used. */
static struct fontset *
fontset_open(struct diag *d, const struct font_opts *o)
{
	struct fontset *fs = xcalloc(1, sizeof(*fs));
	char *abs;

	fs->d = d;
	fs->env = o->env;
	if (o->fonts_dir != NULL &&
	    (abs = realpath(o->fonts_dir, NULL)) != NULL)
		fs->dir = abs;
	if (o->cache_dir != NULL) {
		fs->cache_dir = xstrdup(o->cache_dir);
		fs->cache_key = cache_key(fs);
		fs->cache = fontcache_load(fs->cache_dir, fs->cache_key);
	}
	diag_timing_note(d, "font cache: %s", fs->cache != NULL ? "used" :
	    fs->cache_dir != NULL ? "not usable" : "off");
	return fs;
}

/* Set fontconfig up unless the cache answers; 0, or -1. */
static int
fontset_configure(struct fontset *fs)
{
	/* with the cache, fontconfig is set up only for a chain not in it */
	if (fs->cache != NULL || fs->cfg != NULL)
		return 0;
	return fs_config(fs);
}

struct fontset *
fontset_new(struct diag *d, const struct font_opts *o)
{
	struct fontset *fs = fontset_open(d, o);

	if (fontset_configure(fs) != 0) {
		fontset_free(fs);
		return NULL;
	}
	return fs;
}

void
fontset_set_diag(struct fontset *fs, struct diag *d)
{
	fs->d = d;
}

void
fontset_files(const struct fontset *fs, void (*fn)(void *, const char *),
    void *ctx)
{
	size_t i, j;

	for (i = 0; i < fs->nfaces; i++) {
		if (fs->faces[i]->state <= 0)
			continue;
		for (j = 0; j < i; j++)		/* a collection's faces */
			if (fs->faces[j]->state > 0 &&
			    strcmp(fs->faces[j]->file, fs->faces[i]->file) == 0)
				break;
		if (j == i)
			fn(ctx, fs->faces[i]->file);
	}
}

int
fontset_cached(const struct fontset *fs)
{
	return fs->cache != NULL && fs->cfg == NULL;
}

size_t
fontset_chain_count(const struct fontset *fs)
{
	return fs->nchains;
}

static void
face_free(struct font_face *ff)
{
	hb_font_destroy(ff->hb);
	hb_face_destroy(ff->face);
	hb_blob_destroy(ff->blob);
	hb_blob_destroy(ff->glyf);
	hb_blob_destroy(ff->loca);
	free(ff->rev);
	free(ff->file);
	free(ff);
}

static void
chain_free(struct fontchain *c)
{
	size_t i;

	for (i = 0; i < c->nfam; i++) {
		free(c->fam[i]);
		if (c->prefix[i] != NULL)
			FcPatternDestroy(c->prefix[i]);
	}
	free(c->fam);
	free(c->prefix);
	if (c->set != NULL)
		FcFontSetDestroy(c->set);
	if (c->pat != NULL)
		FcPatternDestroy(c->pat);
	for (i = 0; i < c->ne; i++)
		free(c->e[i].tally);
	free(c->e);
	free(c->keys);
	free(c->vals);
	free(c->families);
	free(c);
}

static void cache_save(struct fontset *);

void
fontset_save(struct fontset *fs)
{
	if (fs->dirty)
		cache_save(fs);
	fs->dirty = 0;
}

void
fontset_free(struct fontset *fs)
{
	size_t i;

	if (fs == NULL)
		return;
	fontset_save(fs);
	for (i = 0; i < fs->nchains; i++)
		chain_free(fs->chains[i]);
	for (i = 0; i < fs->nfonts; i++)
		free(fs->fonts[i]);
	for (i = 0; i < fs->nfaces; i++)
		face_free(fs->faces[i]);
	free(fs->chains);
	free(fs->fonts);
	free(fs->faces);
	free(fs->dir);
	fontcache_free(fs->cache);
	free(fs->cache_dir);
	free(fs->cache_key);
	if (fs->cfg != NULL)
		FcConfigDestroy(fs->cfg);
	free(fs);
}

static int
weight_class(int w)
{
	return w < FC_WEIGHT_BOOK ? 0 : w < FC_WEIGHT_DEMIBOLD ? 1 : 2;
}

int
font_fstype_embeds(unsigned fstype)
{
	return (fstype & 0x000f) != 0x0002 && (fstype & 0x0300) == 0;
}

/*
 * Whether a face is used: TrueType outlines with the tables the pdf
 * stage's subset is made from, a Unicode (3,1) format 4 cmap, and names;
 * NULL when fine, else the reason.
 */
static const char *
face_check(hb_face_t *face)
{
	static const char tags[][5] = { "glyf", "loca", "head", "hhea",
	    "hmtx", "maxp", "cmap", "name", "post", "OS/2" };
	const unsigned char *p;
	unsigned len, i, n;
	int fmt4 = 0, psname = 0, stylename = 0;
	const char *why = NULL;
	hb_blob_t *b;

	for (i = 0; i < sizeof(tags) / sizeof(tags[0]); i++) {
		b = hb_face_reference_table(face, hb_tag_from_string(tags[i],
		    4));
		len = hb_blob_get_length(b);
		hb_blob_destroy(b);
		if (len == 0)
			return "no TrueType outlines or a table missing";
	}
	b = hb_face_reference_table(face, HB_TAG('c', 'm', 'a', 'p'));
	p = (const unsigned char *)hb_blob_get_data(b, &len);
	if (len >= 4) {
		n = be16(p + 2);
		for (i = 0; i < n && 4 + 8 * i + 8 <= len; i++) {
			const unsigned char *r = p + 4 + 8 * i;
			uint32_t off = be32(r + 4);

			if (be16(r) == 3 && be16(r + 2) == 1 &&
			    off + 2 <= len && be16(p + off) == 4)
				fmt4 = 1;
		}
	}
	hb_blob_destroy(b);
	if (!fmt4)
		return "no (3,1) format 4 cmap";
	b = hb_face_reference_table(face, HB_TAG('n', 'a', 'm', 'e'));
	p = (const unsigned char *)hb_blob_get_data(b, &len);
	if (len >= 6) {
		n = be16(p + 2);
		for (i = 0; i < n && 6 + 12 * i + 12 <= len; i++) {
			const unsigned char *r = p + 6 + 12 * i;
			unsigned pl = be16(r), en = be16(r + 2);
			unsigned la = be16(r + 4), id = be16(r + 6);
			int ok = (pl == 1 && en == 0) ||
			    (pl == 3 && en == 1 && la == 0x409);

			if (ok && id == 6)
				psname = 1;
			if (ok && id == 2)
				stylename = 1;
		}
	}
	hb_blob_destroy(b);
	if (!psname || !stylename)
		return "no PostScript name";
	b = hb_face_reference_table(face, HB_TAG('O', 'S', '/', '2'));
	p = (const unsigned char *)hb_blob_get_data(b, &len);
	if (len >= 10 && !font_fstype_embeds(be16(p + 8)))
		why = "licence forbids embedding (OS/2 fsType)";
	hb_blob_destroy(b);
	return why;
}

/* The shared face for (file, index), loaded on first use. */
/* A font file's mapping, for its blob's destroy function. */
struct mapped {
	void	*p;
	size_t	 len;
};

static void
blob_unmap(void *p)
{
	struct mapped *m = p;

	munmap(m->p, m->len);
	free(m);
}

/*
 * The file, mapped; NULL when it cannot be read.
 */
static hb_blob_t *
blob_from_file(const char *file)
{
	struct mapped *m;
	size_t len;
	void *p = map_file(file, UINT_MAX, &len);

	if (p == NULL)
		return NULL;
	m = xcalloc(1, sizeof(*m));
	m->p = p;
	m->len = len;
	return hb_blob_create_or_fail(p, (unsigned)len,
	    HB_MEMORY_MODE_READONLY, m, blob_unmap);
}

static struct font_face *
face_get(struct fontset *fs, const char *file, unsigned index)
{
	struct font_face *ff;
	const char *why = NULL;
	size_t i;

	for (i = 0; i < fs->nfaces; i++) {
		ff = fs->faces[i];
		if (ff->index == index && strcmp(ff->file, file) == 0)
			return ff->state > 0 ? ff : NULL;
	}
	ff = xcalloc(1, sizeof(*ff));
	ff->file = xstrdup(file);
	ff->index = index;
	fs->faces = xrealloc(fs->faces, (fs->nfaces + 1) *
	    sizeof(*fs->faces));
	fs->faces[fs->nfaces++] = ff;

	ff->state = -1;
	ff->blob = blob_from_file(file);
	if (ff->blob == NULL)
		why = "cannot read the file";
	else if (index >= hb_face_count(ff->blob))
		why = "no such face in the collection";
	if (why == NULL) {
		ff->face = hb_face_create(ff->blob, index);
		why = face_check(ff->face);
	}
	if (why != NULL) {
		diag_emit_sev(fs->d, DIAG_WARNING, DIAG_FONT_LOAD, NULL, 0, 0,
		    "%s:%u: %s; not used", file, index, why);
		/*
		 * No cache names a font that fails: one that did is
		 * removed, and none is written in this run.
		 */
		fs->font_failed = 1;
		if (fs->cache != NULL && !fs->cache_dropped) {
			fs->cache_dropped = 1;
			fontcache_remove(fs->cache_dir);
			diag_timing_note(fs->d, "font cache: removed (it "
			    "named a font that failed to load)");
		}
		return NULL;
	}
	ff->upem = hb_face_get_upem(ff->face);
	ff->nglyphs = hb_face_get_glyph_count(ff->face);
	ff->hb = hb_font_create(ff->face);
	hb_ot_font_set_funcs(ff->hb);
	hb_font_set_scale(ff->hb, (int)ff->upem, (int)ff->upem);
	ff->state = 1;
	return ff;
}

/* The query for the first n families of the chain. */
static FcPattern *
chain_query(struct fontchain *c, size_t n)
{
	FcPattern *p = FcPatternCreate();
	size_t i;

	if (p == NULL)
		tl_oom();
	for (i = 0; i < n; i++)
		FcPatternAddString(p, FC_FAMILY, (const FcChar8 *)c->fam[i]);
	FcPatternAddString(p, FC_LANG, (const FcChar8 *)"th");
	FcPatternAddString(p, FC_FONTFORMAT, (const FcChar8 *)"TrueType");
	FcPatternAddInteger(p, FC_WEIGHT, c->bold ? FC_WEIGHT_BOLD :
	    FC_WEIGHT_REGULAR);
	FcPatternAddInteger(p, FC_SLANT, c->italic ? FC_SLANT_ITALIC :
	    FC_SLANT_ROMAN);
	FcConfigSubstitute(c->fs->cfg, p, FcMatchPattern);
	FcDefaultSubstitute(p);
	return p;
}

/*
 * The query that decides an entry's matrix: when the entry's family is
 * named in the list, only the families up to that name, so that
 * "Laksaman, TH Sarabun New" gives plain Laksaman while "TH Sarabun New,
 * Laksaman" gives the alias's scaled Laksaman; else the whole query.
 */
static FcPattern *
entry_query(struct fontchain *c, const struct entry *e)
{
	FcChar8 *s;
	size_t k;
	int i;

	for (k = 0; k < c->nfam; k++)
		for (i = 0; FcPatternGetString(e->pat, FC_FAMILY, i, &s) ==
		    FcResultMatch; i++)
			if (FcStrCmpIgnoreCase(s, (const FcChar8 *)c->fam[k])
			    == 0) {
				if (c->prefix[k] == NULL)
					c->prefix[k] = chain_query(c, k + 1);
				return c->prefix[k];
			}
	return c->pat;
}

/* The entry's size factor from fontconfig's matrix (see the top). */
static double
entry_scale(struct fontchain *c, struct entry *e)
{
	FcPattern *rp;
	FcMatrix *m;
	double scale = 1;

	if (e->scale > 0 || e->pat == NULL)
		return e->scale > 0 ? e->scale : 1;
	rp = FcFontRenderPrepare(c->fs->cfg, entry_query(c, e), e->pat);
	if (rp != NULL) {
		if (FcPatternGetMatrix(rp, FC_MATRIX, 0, &m) == FcResultMatch &&
		    m->xy == 0 && m->yx == 0 && m->xx == m->yy &&
		    m->xx > 0.05 && m->xx < 20)
			scale = m->xx;
		FcPatternDestroy(rp);
	}
	return e->scale = scale;
}

/* The font for an entry: its face at the entry's scale. */
static struct font *
entry_font(struct fontchain *c, struct entry *e)
{
	struct fontset *fs = c->fs;
	struct font_face *ff;
	struct font *f;
	hb_font_extents_t ext;
	double scale;
	size_t i;

	if (e->font != NULL || e->dead)
		return e->font;
	if ((ff = face_get(fs, e->file, (unsigned)e->index)) == NULL) {
		e->dead = 1;
		return NULL;
	}
	/* the main face's factor for all: see the top of the file */
	scale = c->first_done && c->first != NULL ? c->first->scale :
	    entry_scale(c, e);
	for (i = 0; i < fs->nfonts; i++) {
		f = fs->fonts[i];
		if (f->ff == ff && f->scale == scale)
			return e->font = f;
	}
	f = xcalloc(1, sizeof(*f));
	f->ff = ff;
	f->hb = ff->hb;
	f->face = ff->face;
	f->upem = ff->upem;
	f->scale = scale;
	f->file = ff->file;
	f->index = ff->index;
	/*
	 * The names point into the chain's FcFontSet or into the cache;
	 * fonts live as long as the fontset, and so do both, so the
	 * pointers stay valid.
	 */
	f->family = e->family;
	f->style = e->style;
	f->weight = e->weight;
	f->slant = e->slant;
	if (hb_font_get_h_extents(ff->hb, &ext)) {
		f->ascender = ext.ascender;
		f->descender = ext.descender;
		f->line_gap = ext.line_gap;
	} else {
		f->ascender = (int32_t)ff->upem * 8 / 10;
		f->descender = -(int32_t)ff->upem * 2 / 10;
	}
	f->id = (unsigned)fs->nfonts;
	fs->fonts = xrealloc(fs->fonts, (fs->nfonts + 1) * sizeof(*fs->fonts));
	fs->fonts[fs->nfonts++] = f;
	return e->font = f;
}

/* Same family and style: the project's copy of a system face. */
static int
same_face(const struct entry *a, const struct entry *b)
{
	return a->family[0] != '\0' && a->style[0] != '\0' &&
	    FcStrCmpIgnoreCase((const FcChar8 *)a->family,
	    (const FcChar8 *)b->family) == 0 &&
	    FcStrCmpIgnoreCase((const FcChar8 *)a->style,
	    (const FcChar8 *)b->style) == 0;
}

/* Whether the entry's font has cp, as fontconfig says. */
static int
entry_has(const struct entry *e, uint32_t cp)
{
	return e->cs != NULL ? FcCharSetHasChar(e->cs, cp) :
	    fc_pages_have(e->pages, e->npages, cp);
}

/* The chain this fontset made for the arguments, or NULL. */
static struct fontchain *
chain_made(const struct fontset *fs, const char *families, int bold,
    int italic)
{
	size_t i;

	for (i = 0; i < fs->nchains; i++)
		if (fs->chains[i]->bold == bold &&
		    fs->chains[i]->italic == italic &&
		    strcmp(fs->chains[i]->families, families) == 0)
			return fs->chains[i];
	return NULL;
}

/* A chain with its family list split; no faces yet. */
static struct fontchain *
chain_new(struct fontset *fs, const char *families, int bold, int italic)
{
	struct fontchain *c = xcalloc(1, sizeof(*c));
	const char *p, *q;

	c->fs = fs;
	c->families = xstrdup(families);
	c->bold = bold;
	c->italic = italic;
	for (p = families; *p != '\0'; p = *q == ',' ? q + 1 : q) {
		const char *a, *z;
		char *name;

		for (q = p; *q != '\0' && *q != ','; q++)
			continue;
		for (a = p; a < q && isspace((unsigned char)*a); a++)
			continue;
		for (z = q; z > a && isspace((unsigned char)z[-1]); z--)
			continue;
		if (z == a)
			continue;
		name = xmalloc((size_t)(z - a) + 1);
		memcpy(name, a, (size_t)(z - a));
		name[z - a] = '\0';
		c->fam = xrealloc(c->fam, (c->nfam + 1) * sizeof(*c->fam));
		c->fam[c->nfam++] = name;
	}
	c->prefix = xcalloc(c->nfam + 1, sizeof(*c->prefix));
	return c;
}

/* The chain's faces as an earlier run found them. */
static void
chain_from_cache(struct fontchain *c, const struct fc_chain *cc)
{
	uint32_t i;

	c->e = xcalloc(cc->ne ? cc->ne : 1, sizeof(*c->e));
	for (i = 0; i < cc->ne; i++) {
		const struct fc_font *f = fontcache_font(c->fs->cache,
		    cc->e[i].font);
		struct entry *e = &c->e[c->ne++];

		e->pages = f->pages;
		e->npages = f->npages;
		e->file = f->file;
		e->index = (int)f->index;
		e->family = f->family;
		e->style = f->style;
		e->weight = f->weight;
		e->slant = f->slant;
		e->scale = cc->e[i].scale;
		e->style_ok = (int)cc->e[i].style_ok;
	}
}

/* The chain's faces from fontconfig: FcFontSort, then our filters. */
static void
chain_from_fc(struct fontchain *c)
{
	struct fontset *fs = c->fs;
	FcResult res;
	size_t i, n, dl;
	int want_w = c->bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR;
	int want_s = c->italic ? 1 : 0;

	c->pat = chain_query(c, c->nfam);
	c->set = FcFontSort(fs->cfg, c->pat, FcFalse, NULL, &res);
	n = c->set != NULL ? (size_t)c->set->nfont : 0;
	c->e = xcalloc(n ? n : 1, sizeof(*c->e));
	dl = fs->dir != NULL ? strlen(fs->dir) : 0;
	for (i = 0; i < n; i++) {
		FcPattern *f = c->set->fonts[i];
		struct entry *e = &c->e[c->ne];
		FcChar8 *s;
		FcBool var;

		memset(e, 0, sizeof(*e));
		if (FcPatternGetString(f, FC_FONTFORMAT, 0, &s) !=
		    FcResultMatch || strcmp((const char *)s, "TrueType") != 0)
			continue;
		if (FcPatternGetBool(f, FC_VARIABLE, 0, &var) ==
		    FcResultMatch && var)
			continue;
		if (FcPatternGetString(f, FC_FILE, 0, &s) != FcResultMatch ||
		    FcPatternGetCharSet(f, FC_CHARSET, 0, &e->cs) !=
		    FcResultMatch)
			continue;
		if (FcPatternGetInteger(f, FC_INDEX, 0, &e->index) !=
		    FcResultMatch)
			e->index = 0;
		if (e->index < 0 || e->index > 0xffff)
			continue;	/* named instance */
		e->pat = f;
		e->file = (const char *)s;
		e->family = FcPatternGetString(f, FC_FAMILY, 0, &s) ==
		    FcResultMatch ? (const char *)s : "";
		e->style = FcPatternGetString(f, FC_STYLE, 0, &s) ==
		    FcResultMatch ? (const char *)s : "";
		if (FcPatternGetInteger(f, FC_WEIGHT, 0, &e->weight) !=
		    FcResultMatch)
			e->weight = FC_WEIGHT_REGULAR;
		if (FcPatternGetInteger(f, FC_SLANT, 0, &e->slant) !=
		    FcResultMatch)
			e->slant = FC_SLANT_ROMAN;
		e->style_ok = weight_class(e->weight) ==
		    weight_class(want_w) &&
		    (e->slant != FC_SLANT_ROMAN) == want_s;
		/* The project's copy of a face goes before the system's. */
		if (dl > 0 && strncmp(e->file, fs->dir, dl) == 0 &&
		    e->file[dl] == '/') {
			size_t j;

			for (j = 0; j < c->ne; j++)
				if (same_face(&c->e[j], e))
					break;
			if (j < c->ne) {
				struct entry t = *e;

				memmove(&c->e[j + 1], &c->e[j],
				    (c->ne - j) * sizeof(*c->e));
				c->e[j] = t;
			}
		}
		c->ne++;
	}
}

/* fontconfig's character set as the cache's pages; *n of them. */
static struct fc_page *
charset_pages(const FcCharSet *cs, uint32_t *n)
{
	FcChar32 map[FC_CHARSET_MAP_SIZE], next, base;
	struct fc_page *pg = NULL;
	size_t cap = 0;

	*n = 0;
	for (base = FcCharSetFirstPage(cs, map, &next);
	    base != FC_CHARSET_DONE;
	    base = FcCharSetNextPage(cs, map, &next)) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			pg = xrealloc(pg, cap * sizeof(*pg));
		}
		pg[*n].base = base >> 8;
		memcpy(pg[*n].bits, map, sizeof(pg[*n].bits));
		(*n)++;
	}
	return pg;
}

/* Add a chain to the cache file being written. */
static void
save_chain(struct fcw *w, struct fontchain *c)
{
	struct fc_entry *fe = xcalloc(c->ne + 1, sizeof(*fe));
	size_t i;

	for (i = 0; i < c->ne; i++) {
		struct entry *e = &c->e[i];
		struct fc_font f;
		struct fc_page *own = NULL;

		f.file = e->file;
		f.index = (uint32_t)e->index;
		f.family = e->family;
		f.style = e->style;
		f.weight = e->weight;
		f.slant = e->slant;
		if (e->cs != NULL) {
			own = charset_pages(e->cs, &f.npages);
			f.pages = own;
		} else {
			f.pages = e->pages;
			f.npages = e->npages;
		}
		fe[i].font = fcw_font(w, &f);
		fe[i].style_ok = (uint32_t)e->style_ok;
		fe[i].scale = entry_scale(c, e);
		free(own);
	}
	fcw_chain(w, c->families, c->bold, c->italic, fe, (uint32_t)c->ne);
	free(fe);
}

/* Stamp each path of a fontconfig list, and its folder when files. */
static void
stamp_list(struct fcw *w, FcStrList *l, int parents)
{
	FcChar8 *s;

	if (l == NULL)
		return;
	while ((s = FcStrListNext(l)) != NULL) {
		fcw_stamp(w, (const char *)s);
		if (parents) {
			char *d = xstrdup((const char *)s), *slash;

			if ((slash = strrchr(d, '/')) != NULL && slash > d) {
				*slash = '\0';
				fcw_stamp(w, d);
			}
			free(d);
		}
	}
	FcStrListDone(l);
}

/* Stamp $base/rel, base from the environment variable or $HOME/home_rel. */
static void
stamp_user(struct fcw *w, const char *const *env, const char *var,
    const char *home_rel, const char *rel)
{
	const char *v = var != NULL ? env_get(env, var) : NULL;
	const char *home = env_get(env, "HOME");
	char path[4096];

	if (v != NULL && v[0] == '/')
		snprintf(path, sizeof(path), "%s/%s", v, rel);
	else if (home != NULL && home[0] == '/')
		snprintf(path, sizeof(path), "%s/%s%s", home, home_rel, rel);
	else
		return;
	fcw_stamp(w, path);
}

/*
 * Write the cache file: every chain asked for in this run, and those of
 * the file read at the start; stamped with what fontconfig read and
 * the places where a user's configuration or fonts would be.
 */
static void
cache_save(struct fontset *fs)
{
	struct fcw *w;
	size_t i;

	if (fs->cache_dir == NULL || fs->cfg == NULL || fs->font_failed)
		return;
	w = fcw_new();
	stamp_list(w, FcConfigGetConfigFiles(fs->cfg), 1);
	stamp_list(w, FcConfigGetConfigDirs(fs->cfg), 0);
	stamp_list(w, FcConfigGetFontDirs(fs->cfg), 0);
	stamp_user(w, fs->env, "XDG_CONFIG_HOME", ".config/", "fontconfig");
	stamp_user(w, fs->env, "XDG_CONFIG_HOME", ".config/", "fontconfig/conf.d");
	stamp_user(w, fs->env, "XDG_CONFIG_HOME", ".config/", "fontconfig/fonts.conf");
	stamp_user(w, fs->env, NULL, "", ".fonts.conf");
	stamp_user(w, fs->env, NULL, "", ".fonts.conf.d");
	stamp_user(w, fs->env, "XDG_DATA_HOME", ".local/share/", "fonts");
	stamp_user(w, fs->env, NULL, "", ".fonts");
	if (fs->dir != NULL)
		fcw_stamp(w, fs->dir);
	for (i = 0; i < fs->nchains; i++)
		save_chain(w, fs->chains[i]);
	for (i = 0; fs->cache != NULL && i < fontcache_nchains(fs->cache);
	    i++) {
		const struct fc_chain *cc = fontcache_chain_at(fs->cache, i);
		struct fontchain *tmp;

		if (chain_made(fs, cc->families, cc->bold, cc->italic) != NULL)
			continue;
		tmp = chain_new(fs, cc->families, cc->bold, cc->italic);
		chain_from_cache(tmp, cc);
		save_chain(w, tmp);
		chain_free(tmp);
	}
	if (fcw_save(w, fs->cache_dir, fs->cache_key) == 0)
		diag_timing_note(fs->d, "font cache: written");
	else
		diag_timing_note(fs->d, "font cache: not written: %s",
		    file_strerror(errno));
}

struct fontchain *
fontset_chain(struct fontset *fs, const char *families, int bold, int italic)
{
	const struct fc_chain *cc;
	struct fontchain *c;
	int fresh = 0;

	if (families == NULL || *families == '\0')
		families = FONT_DEFAULT_FAMILIES;
	bold = bold != 0;
	italic = italic != 0;
	if ((c = chain_made(fs, families, bold, italic)) != NULL)
		return c;
	c = chain_new(fs, families, bold, italic);
	if (fs->cache != NULL &&
	    (cc = fontcache_chain(fs->cache, families, bold, italic)) != NULL)
		chain_from_cache(c, cc);
	else if (fs->cfg != NULL || fs_config(fs) == 0) {
		chain_from_fc(c);
		fresh = 1;
	}
	if (c->ne == 0 || fontchain_first(c) == NULL) {
		diag_emit(fs->d, DIAG_NO_FONT, NULL, 0, 0,
		    "no TrueType font for \"%s\"%s%s", families,
		    bold ? " bold" : "", italic ? " italic" : "");
		chain_free(c);
		return NULL;
	}
	fs->chains = xrealloc(fs->chains, (fs->nchains + 1) *
	    sizeof(*fs->chains));
	fs->chains[fs->nchains++] = c;
	fs->dirty |= fresh;
	return c;
}

struct font *
fontchain_first(struct fontchain *c)
{
	size_t i;

	if (!c->first_done) {
		/* Prefer the first face of the right style. */
		for (i = 0; i < c->ne && c->first == NULL; i++)
			if (c->e[i].style_ok)
				c->first = entry_font(c, &c->e[i]);
		for (i = 0; i < c->ne && c->first == NULL; i++)
			c->first = entry_font(c, &c->e[i]);
		c->first_done = 1;
	}
	return c->first;
}

static uint32_t
hash32(uint32_t x)
{
	x ^= x >> 16;
	x *= 0x7feb352dU;
	x ^= x >> 15;
	x *= 0x846ca68bU;
	x ^= x >> 16;
	return x;
}

static void
cache_put(struct fontchain *c, uint32_t cp, int32_t v)
{
	size_t i;

	if ((c->used + 1) * 2 > c->cap) {
		uint32_t *ok = c->keys;
		int32_t *ov = c->vals;
		size_t ocap = c->cap;

		c->cap = ocap ? ocap * 2 : 256;
		c->keys = xcalloc(c->cap, sizeof(*c->keys));
		c->vals = xcalloc(c->cap, sizeof(*c->vals));
		c->used = 0;
		for (i = 0; i < ocap; i++)
			if (ok[i] != 0)
				cache_put(c, ok[i] - 1, ov[i]);
		free(ok);
		free(ov);
	}
	for (i = hash32(cp) & (c->cap - 1); c->keys[i] != 0;
	    i = (i + 1) & (c->cap - 1))
		if (c->keys[i] == cp + 1) {
			c->vals[i] = v;
			return;
		}
	c->keys[i] = cp + 1;
	c->vals[i] = v;
	c->used++;
}

/* Scripts that say nothing of what a face is made for. */
static int
script_neutral(hb_script_t sc)
{
	return sc == HB_SCRIPT_COMMON || sc == HB_SCRIPT_INHERITED ||
	    sc == HB_SCRIPT_UNKNOWN || sc == HB_SCRIPT_LATIN;
}

/* Characters of a face by script, neutral ones aside. */
#define TALLY_MAX	64
struct tally {
	hb_script_t	 sc[TALLY_MAX];
	size_t		 n[TALLY_MAX];
	size_t		 used, last;
	size_t		 total;		/* of all the scripts counted */
};

/* Count the characters of the 256-code page at base, bits as fontconfig's. */
static void
tally_page(struct tally *t, uint32_t base, const uint32_t *bits)
{
	hb_unicode_funcs_t *uf = hb_unicode_funcs_get_default();
	hb_script_t sc;
	uint32_t w, b;

	for (w = 0; w < 8; w++)
		for (b = 0; b < 32 && bits[w] >> b != 0; b++) {
			if (!(bits[w] >> b & 1))
				continue;
			sc = hb_unicode_script(uf, base + w * 32 + b);
			if (script_neutral(sc))
				continue;
			/* a face's characters come in runs of one script */
			if (t->used == 0 || t->sc[t->last] != sc)
				for (t->last = 0; t->last < t->used &&
				    t->sc[t->last] != sc; t->last++)
					continue;
			if (t->last == t->used) {
				if (t->used == TALLY_MAX)
					continue;	/* a minor one */
				t->sc[t->used] = sc;
				t->n[t->used++] = 0;
			}
			t->n[t->last]++;
			t->total++;
		}
}

/*
 * The entry's characters by script, from its character set (so the
 * cache's answer is fontconfig's); counted once, when first asked.
 */
static const struct tally *
entry_tally(struct entry *e)
{
	FcChar32 map[FC_CHARSET_MAP_SIZE], next, base;
	size_t i;

	if (e->tally != NULL)
		return e->tally;
	e->tally = xcalloc(1, sizeof(*e->tally));
	if (e->cs != NULL)
		for (base = FcCharSetFirstPage(e->cs, map, &next);
		    base != FC_CHARSET_DONE;
		    base = FcCharSetNextPage(e->cs, map, &next))
			tally_page(e->tally, base, map);
	else
		for (i = 0; i < e->npages; i++)
			tally_page(e->tally, e->pages[i].base << 8,
			    e->pages[i].bits);
	return e->tally;
}

static size_t
tally_count(const struct tally *t, hb_script_t sc)
{
	size_t i;

	for (i = 0; i < t->used; i++)
		if (t->sc[i] == sc)
			return t->n[i];
	return 0;
}

/*
 * Whether a face is made for script sc: more than half of its characters
 * are of it, Latin aside (nearly every face has Latin).  Noto Sans Lao is
 * made for Lao; DejaVu Sans, which has Lao among Greek, Cyrillic, Arabic
 * and more, is not.
 */
static int
made_for(const struct tally *t, hb_script_t sc)
{
	return tally_count(t, sc) * 2 > t->total;
}

/* Whether the entry's family is one the chain names. */
static int
entry_named(const struct fontchain *c, const struct entry *e)
{
	size_t k;

	for (k = 0; k < c->nfam; k++)
		if (FcStrCmpIgnoreCase((const FcChar8 *)e->family,
		    (const FcChar8 *)c->fam[k]) == 0)
			return 1;
	return 0;
}

/*
 * The entry that draws cp, or -1: the first face in fontconfig's order
 * that has it, of the right weight and slant if one is, as ever; but for
 * a letter of a script other than Latin, when that face is neither the
 * main face, nor a family the list names, nor made for the letter's
 * script, a later face of the same weight and slant made for it is taken
 * instead, so long as it has three quarters as many letters of the script
 * at least (Lao in Noto Sans Lao, not in DejaVu Sans; Greek not in a
 * mathematical face that has a little of it).  Faces are loaded only when
 * they may be the answer.
 */
static int
chain_pick(struct fontchain *c, uint32_t cp)
{
	hb_script_t sc = hb_unicode_script(hb_unicode_funcs_get_default(),
	    cp);
	int letter = !script_neutral(sc), found;
	size_t i, pass, broad = 0;

	for (pass = 0; pass < 2; pass++) {
		found = -1;
		for (i = 0; i < c->ne; i++) {
			struct entry *e = &c->e[i];

			if (e->dead || (pass == 0 && !e->style_ok) ||
			    !entry_has(e, cp))
				continue;
			if (found >= 0 && (!made_for(entry_tally(e), sc) ||
			    tally_count(entry_tally(e), sc) * 4 < broad * 3))
				continue;
			if (entry_font(c, e) == NULL || !font_has(e->font, cp))
				continue;
			if (found >= 0 || !letter || e->font == c->first ||
			    entry_named(c, e) || made_for(entry_tally(e), sc))
				return (int)i;
			found = (int)i;
			broad = tally_count(entry_tally(e), sc);
		}
		if (found >= 0)
			return found;
	}
	return -1;
}

struct font *
fontchain_font(struct fontchain *c, uint32_t cp)
{
	size_t i;
	int k;

	if (c->cap > 0)
		for (i = hash32(cp) & (c->cap - 1); c->keys[i] != 0;
		    i = (i + 1) & (c->cap - 1))
			if (c->keys[i] == cp + 1) {
				if (c->vals[i] < 0)
					return NULL;
				if (!c->e[c->vals[i]].dead)
					return c->e[c->vals[i]].font;
				break;
			}
	k = chain_pick(c, cp);
	cache_put(c, cp, k);
	return k >= 0 ? c->e[k].font : NULL;
}

int
font_has(const struct font *f, uint32_t cp)
{
	hb_codepoint_t g;

	return hb_font_get_nominal_glyph(f->hb, cp, &g) && g != 0;
}

int32_t
font_glyph_advance(const struct font *f, uint32_t gid)
{
	return hb_font_get_glyph_h_advance(f->hb, gid);
}

/* Rank of a code point for the reverse map: lower is better. */
static int
code_rank(uint32_t u)
{
	if (u > 0xffff)
		return 2;
	if (u >= 0xe000 && u <= 0xf8ff)
		return 1;
	return 0;
}

uint32_t
font_glyph_code(struct font *f, uint32_t gid)
{
	struct font_face *ff = f->ff;

	if (ff->rev == NULL) {
		hb_set_t *s = hb_set_create();
		hb_codepoint_t u = HB_SET_VALUE_INVALID, g;

		ff->rev = xcalloc(ff->nglyphs + 1, sizeof(*ff->rev));
		hb_face_collect_unicodes(ff->face, s);
		while (hb_set_next(s, &u))
			if (hb_font_get_nominal_glyph(ff->hb, u, &g) &&
			    g < ff->nglyphs && (ff->rev[g] == 0 ||
			    code_rank(u) < code_rank(ff->rev[g])))
				ff->rev[g] = u;
		hb_set_destroy(s);
	}
	return gid < ff->nglyphs ? ff->rev[gid] : 0;
}

static int
is_pua(uint32_t u)
{
	return (u >= 0xe000 && u <= 0xf8ff) || u >= 0xf0000;
}

/* Parse n hex digits; -1 if any is not one. */
static long
hexn(const char *s, int n)
{
	long v = 0;
	int i;

	for (i = 0; i < n; i++) {
		int c = (unsigned char)s[i];

		if (c >= '0' && c <= '9')
			v = v * 16 + (c - '0');
		else if (c >= 'A' && c <= 'F')
			v = v * 16 + (c - 'A' + 10);
		else
			return -1;
	}
	return v;
}

int
font_glyph_text(struct font *f, uint32_t gid, uint32_t *out, int max)
{
	char name[64], *p, *end;
	int n = 0;

	if (!hb_font_get_glyph_name(f->hb, gid, name, sizeof(name)))
		return 0;
	if ((p = strchr(name, '.')) != NULL)
		*p = '\0';
	for (p = name; *p != '\0'; p = *end == '_' ? end + 1 : end) {
		size_t len;
		long v;

		for (end = p; *end != '\0' && *end != '_'; end++)
			continue;
		len = (size_t)(end - p);
		if (len >= 7 && strncmp(p, "uni", 3) == 0 &&
		    (len - 3) % 4 == 0) {
			size_t k;

			for (k = 3; k < len; k += 4) {
				if ((v = hexn(p + k, 4)) < 0 || n >= max)
					return 0;
				out[n++] = (uint32_t)v;
			}
		} else if (len >= 5 && len <= 7 && p[0] == 'u') {
			if ((v = hexn(p + 1, (int)len - 1)) < 0 || n >= max ||
			    v > 0x10ffff)
				return 0;
			out[n++] = (uint32_t)v;
		} else
			return 0;
	}
	for (int i = 0; i < n; i++)
		if (is_pua(out[i]) || (out[i] >= 0xd800 && out[i] <= 0xdfff))
			return 0;
	return n;
}

/* Where a glyph is in glyf; 0 when it is empty or the tables are bad. */
static int
glyf_at(struct font_face *ff, uint32_t gid, size_t *off, size_t *len)
{
	const unsigned char *l;
	unsigned ll, gl;
	size_t a, b;

	l = (const unsigned char *)hb_blob_get_data(ff->loca, &ll);
	hb_blob_get_data(ff->glyf, &gl);
	if (ff->longloca) {
		if (((size_t)gid + 2) * 4 > ll)
			return 0;
		a = be32(l + 4 * gid);
		b = be32(l + 4 * gid + 4);
	} else {
		if (((size_t)gid + 2) * 2 > ll)
			return 0;
		a = (size_t)be16(l + 2 * gid) * 2;
		b = (size_t)be16(l + 2 * gid + 2) * 2;
	}
	if (b <= a || b > gl)
		return 0;
	*off = a;
	*len = b - a;
	return 1;
}

static int
components(struct font_face *ff, uint32_t gid, uint32_t *out, int n, int max,
    int depth)
{
	const unsigned char *g;
	unsigned gl;
	size_t off, len, p;
	unsigned flags;

	if (depth > 8 || !glyf_at(ff, gid, &off, &len) || len < 10)
		return n;
	g = (const unsigned char *)hb_blob_get_data(ff->glyf, &gl) + off;
	if ((int16_t)be16(g) >= 0)
		return n;			/* simple glyph */
	p = 10;
	do {
		uint32_t c;
		int i;

		if (p + 4 > len)
			break;
		flags = be16(g + p);
		c = be16(g + p + 2);
		p += 4 + ((flags & 0x0001) ? 4 : 2);
		if (flags & 0x0008)
			p += 2;
		else if (flags & 0x0040)
			p += 4;
		else if (flags & 0x0080)
			p += 8;
		for (i = 0; i < n && out[i] != c; i++)
			continue;
		if (i == n && c < ff->nglyphs && n < max) {
			out[n++] = c;
			n = components(ff, c, out, n, max, depth + 1);
		}
	} while (flags & 0x0020);
	return n;
}

int
font_glyph_components(struct font *f, uint32_t gid, uint32_t *out, int max)
{
	struct font_face *ff = f->ff;

	if (ff->glyf == NULL) {
		hb_blob_t *h = hb_face_reference_table(ff->face,
		    HB_TAG('h', 'e', 'a', 'd'));
		const unsigned char *p;
		unsigned len;

		p = (const unsigned char *)hb_blob_get_data(h, &len);
		ff->longloca = len >= 52 && be16(p + 50) == 1;
		hb_blob_destroy(h);
		ff->glyf = hb_face_reference_table(ff->face,
		    HB_TAG('g', 'l', 'y', 'f'));
		ff->loca = hb_face_reference_table(ff->face,
		    HB_TAG('l', 'o', 'c', 'a'));
	}
	return components(ff, gid, out, 0, max, 0);
}
