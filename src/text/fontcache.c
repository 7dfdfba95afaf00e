/*
 * fontcache.c - fontconfig's answers kept on disk (see fontcache.h).
 *
 * The file is this machine's own: native byte order, mapped whole into
 * memory.  After a 64-byte header come the sections, each an array:
 *
 *	stamps		struct st_stamp[nstamps]	what it was made from
 *	fonts		struct st_font[nfonts]
 *	chains		struct st_chain[nchains]
 *	entries		struct st_entry[nentries]	the chains' faces
 *	pages		struct fc_page[npages]		the fonts' characters
 *	strings		char[nstr]			NUL-terminated, padded
 *
 * Strings are offsets into the last section.  The header holds the total
 * size and a checksum of everything after it; every offset and count is
 * checked on load, so a damaged file is only a file not used.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/base.h"
#include "fontcache.h"

#define FC_MAGIC	"BRFONTS\n"
#define FC_VERSION	3u
#define FC_ENDIAN	0x01020304u
#define FC_MAXCHAINS	64	/* a cache keeps at most this many chains */
#define ALIGN8(n)	(((n) + 7) / 8 * 8)

struct fc_hdr {
	char		 magic[8];
	uint32_t	 version, endian;
	uint64_t	 size;		/* the whole file */
	uint64_t	 sum;		/* of the bytes after the header */
	uint32_t	 key;		/* string */
	uint32_t	 nstamps, nfonts, nchains, nentries, npages, nstr;
	uint32_t	 pad;
};

struct st_stamp {
	uint32_t	 path;		/* string */
	uint32_t	 exists;
	uint64_t	 dev, ino, size;
	int64_t		 mtime_s, mtime_ns, ctime_s, ctime_ns;
};

struct st_font {
	uint32_t	 file, index, family, style;
	int32_t		 weight, slant;
	uint32_t	 page0, npages;
	uint32_t	 stamp;		/* the file's, in the stamps */
	uint32_t	 pad;
};

struct st_chain {
	uint32_t	 families;
	uint32_t	 flags;		/* 1 bold, 2 italic */
	uint32_t	 entry0, nentries;
};

struct st_entry {
	uint32_t	 font;
	uint32_t	 style_ok;
	double		 scale;
};

struct fontcache {
	char		*buf;		/* (owned) the file, mapped */
	size_t		 size;
	const struct fc_hdr *h;
	const struct st_font *sf;
	const struct st_chain *sc;
	const struct st_entry *se;
	const struct fc_page *pg;
	const char	*str;
	struct fc_font	*fonts;		/* (owned) nfonts */
	struct fc_chain	*chains;	/* (owned) nchains */
	struct fc_entry	*entries;	/* (owned) nentries */
};

/* A growing byte buffer. */

struct fcw {
	struct buf	 stamps, fonts, chains, entries, pages, str;
	uint32_t	 nstamps, nfonts, nchains, nentries, npages;
	char		**font_keys;	/* (owned) "index file" per font */
};

#define MIX	0xff51afd7ed558ccdULL

static uint64_t
mix(uint64_t h, uint64_t w)
{
	h = (h ^ w) * MIX;
	return h ^ h >> 29;
}

/*
 * A checksum of 8-byte words in four lanes (word k of each 32 bytes goes
 * to lane k), so that the multiplications overlap: a run reads the whole
 * file, and one lane was most of reading it.  n is a multiple of 8.
 */
static uint64_t
checksum(const char *p, size_t n)
{
	uint64_t h[4] = { 0x9e3779b97f4a7c15ULL, 0xc2b2ae3d27d4eb4fULL,
	    0x165667b19e3779f9ULL, 0x27d4eb2f165667c5ULL }, w;
	size_t i, k;

	for (i = 0; i + 32 <= n; i += 32)
		for (k = 0; k < 4; k++) {
			memcpy(&w, p + i + 8 * k, 8);
			h[k] = mix(h[k], w);
		}
	for (; i + 8 <= n; i += 8) {
		memcpy(&w, p + i, 8);
		h[0] = mix(h[0], w);
	}
	return mix(mix(mix(h[0], h[1]), h[2]), h[3]);
}

/* dir/fonts.cache: one file, whose key says what set-up it answers for. */
static char *
cache_path(const char *dir)
{
	size_t n = strlen(dir) + sizeof("/fonts.cache");
	char *p = xmalloc(n);

	snprintf(p, n, "%s/fonts.cache", dir);
	return p;
}

static void
stamp_fill(struct st_stamp *s, const char *path)
{
	struct stat st;

	memset(s, 0, sizeof(*s));
	if (stat(path, &st) != 0)
		return;
	s->exists = 1;
	s->dev = (uint64_t)st.st_dev;
	s->ino = (uint64_t)st.st_ino;
	s->size = (uint64_t)st.st_size;
	s->mtime_s = st.st_mtim.tv_sec;
	s->mtime_ns = st.st_mtim.tv_nsec;
	s->ctime_s = st.st_ctim.tv_sec;
	s->ctime_ns = st.st_ctim.tv_nsec;
}

static int
str_ok(const struct fc_hdr *h, uint32_t off)
{
	return off < h->nstr;
}

void
fontcache_free(struct fontcache *c)
{
	if (c == NULL)
		return;
	free(c->fonts);
	free(c->chains);
	free(c->entries);
	if (c->buf != NULL)
		munmap(c->buf, c->size);
	free(c);
}

/* Check the file's structure and fill c's views; 0 when it is sound. */
static int
cache_open(struct fontcache *c, size_t size, const char *key)
{
	const struct fc_hdr *h = (const struct fc_hdr *)c->buf;
	const struct st_stamp *st;
	const char *p;
	size_t need;
	uint32_t i, j;

	if (size < sizeof(*h) || memcmp(h->magic, FC_MAGIC, 8) != 0 ||
	    h->version != FC_VERSION || h->endian != FC_ENDIAN ||
	    h->size != size || size % 8 != 0)
		return -1;
	need = sizeof(*h) + (size_t)h->nstamps * sizeof(struct st_stamp) +
	    (size_t)h->nfonts * sizeof(struct st_font) +
	    (size_t)h->nchains * sizeof(struct st_chain) +
	    (size_t)h->nentries * sizeof(struct st_entry) +
	    (size_t)h->npages * sizeof(struct fc_page);
	need = ALIGN8(need) + h->nstr;
	if (h->nstr == 0 || need != size ||
	    h->sum != checksum(c->buf + sizeof(*h), size - sizeof(*h)))
		return -1;
	c->h = h;
	p = c->buf + sizeof(*h) + (size_t)h->nstamps * sizeof(struct st_stamp);
	c->sf = (const struct st_font *)p;
	p += (size_t)h->nfonts * sizeof(struct st_font);
	c->sc = (const struct st_chain *)p;
	p += (size_t)h->nchains * sizeof(struct st_chain);
	c->se = (const struct st_entry *)p;
	p += (size_t)h->nentries * sizeof(struct st_entry);
	c->pg = (const struct fc_page *)p;
	c->str = c->buf + size - h->nstr;
	if (c->str[h->nstr - 1] != '\0' || !str_ok(h, h->key) ||
	    strcmp(c->str + h->key, key) != 0)
		return -1;

	st = (const struct st_stamp *)(c->buf + sizeof(*h));
	c->fonts = xcalloc(h->nfonts + 1, sizeof(*c->fonts));
	for (i = 0; i < h->nfonts; i++) {
		const struct st_font *s = &c->sf[i];
		struct fc_font *f = &c->fonts[i];

		/* a font file must be stamped: one changed is not used */
		if (!str_ok(h, s->file) || !str_ok(h, s->family) ||
		    !str_ok(h, s->style) || s->page0 > h->npages ||
		    s->npages > h->npages - s->page0 ||
		    s->stamp >= h->nstamps || !str_ok(h, st[s->stamp].path) ||
		    strcmp(c->str + st[s->stamp].path, c->str + s->file) != 0)
			return -1;
		for (j = 1; j < s->npages; j++)
			if (c->pg[s->page0 + j - 1].base >=
			    c->pg[s->page0 + j].base)
				return -1;
		f->file = c->str + s->file;
		f->index = s->index;
		f->family = c->str + s->family;
		f->style = c->str + s->style;
		f->weight = s->weight;
		f->slant = s->slant;
		f->pages = c->pg + s->page0;
		f->npages = s->npages;
	}
	c->entries = xcalloc(h->nentries + 1, sizeof(*c->entries));
	for (i = 0; i < h->nentries; i++) {
		const struct st_entry *s = &c->se[i];

		if (s->font >= h->nfonts || !(s->scale > 0.05 &&
		    s->scale < 20))
			return -1;
		c->entries[i].font = s->font;
		c->entries[i].style_ok = s->style_ok != 0;
		c->entries[i].scale = s->scale;
	}
	c->chains = xcalloc(h->nchains + 1, sizeof(*c->chains));
	for (i = 0; i < h->nchains; i++) {
		const struct st_chain *s = &c->sc[i];

		if (!str_ok(h, s->families) || s->entry0 > h->nentries ||
		    s->nentries > h->nentries - s->entry0)
			return -1;
		c->chains[i].families = c->str + s->families;
		c->chains[i].bold = (s->flags & 1) != 0;
		c->chains[i].italic = (s->flags & 2) != 0;
		c->chains[i].e = c->entries + s->entry0;
		c->chains[i].ne = s->nentries;
	}
	return 0;
}

/* Whether everything the file was made from is as it was. */
static int
stamps_hold(const struct fontcache *c)
{
	const struct st_stamp *s = (const struct st_stamp *)(c->buf +
	    sizeof(struct fc_hdr));
	struct st_stamp now;
	uint32_t i;

	for (i = 0; i < c->h->nstamps; i++) {
		if (!str_ok(c->h, s[i].path))
			return 0;
		stamp_fill(&now, c->str + s[i].path);
		now.path = s[i].path;
		if (memcmp(&now, &s[i], sizeof(now)) != 0)
			return 0;
	}
	return 1;
}

struct fontcache *
fontcache_load(const char *dir, const char *key)
{
	struct fontcache *c;
	char *path;
	size_t len;
	void *m;

	if (dir == NULL)
		return NULL;
	path = cache_path(dir);
	/*
	 * Mapped, not read.  A file changed under the mapping is a file
	 * renamed over (fcw_save), so this one stays as it was.
	 */
	m = map_file(path, (size_t)1 << 28, &len);
	free(path);
	if (m == NULL)
		return NULL;
	c = xcalloc(1, sizeof(*c));
	c->buf = m;
	c->size = len;
	if (cache_open(c, c->size, key) != 0 || !stamps_hold(c)) {
		fontcache_free(c);
		return NULL;
	}
	return c;
}

void
fontcache_remove(const char *dir)
{
	char *path = cache_path(dir);

	(void)unlink(path);
	free(path);
}

const struct fc_chain *
fontcache_chain(const struct fontcache *c, const char *families, int bold,
    int italic)
{
	uint32_t i;

	for (i = 0; i < c->h->nchains; i++)
		if (c->chains[i].bold == bold && c->chains[i].italic ==
		    italic && strcmp(c->chains[i].families, families) == 0)
			return &c->chains[i];
	return NULL;
}

size_t
fontcache_nchains(const struct fontcache *c)
{
	return c->h->nchains;
}

const struct fc_chain *
fontcache_chain_at(const struct fontcache *c, size_t i)
{
	return &c->chains[i];
}

const struct fc_font *
fontcache_font(const struct fontcache *c, uint32_t i)
{
	return &c->fonts[i];
}

int
fc_pages_have(const struct fc_page *pg, uint32_t n, uint32_t cp)
{
	uint32_t lo = 0, hi = n, base = cp >> 8;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (pg[mid].base < base)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && pg[lo].base == base &&
	    (pg[lo].bits[(cp & 0xff) >> 5] >> (cp & 31) & 1);
}

/* Writing. */

static uint32_t
fcw_str(struct fcw *w, const char *s)
{
	uint32_t off = (uint32_t)w->str.len;

	buf_add(&w->str, s, strlen(s) + 1);
	return off;
}

struct fcw *
fcw_new(void)
{
	struct fcw *w = xcalloc(1, sizeof(*w));

	buf_add(&w->str, "", 1);	/* offset 0: the empty string */
	return w;
}

void
fcw_free(struct fcw *w)
{
	uint32_t i;

	if (w == NULL)
		return;
	for (i = 0; i < w->nfonts; i++)
		free(w->font_keys[i]);
	free(w->font_keys);
	free(w->stamps.s);
	free(w->fonts.s);
	free(w->chains.s);
	free(w->entries.s);
	free(w->pages.s);
	free(w->str.s);
	free(w);
}

uint32_t
fcw_stamp(struct fcw *w, const char *path)
{
	const struct st_stamp *old = (const struct st_stamp *)w->stamps.s;
	struct st_stamp s;
	uint32_t i;

	for (i = 0; i < w->nstamps; i++)
		if (strcmp(w->str.s + old[i].path, path) == 0)
			return i;
	stamp_fill(&s, path);
	s.path = fcw_str(w, path);
	buf_add(&w->stamps, &s, sizeof(s));
	return w->nstamps++;
}

uint32_t
fcw_font(struct fcw *w, const struct fc_font *f)
{
	struct st_font s;
	size_t n = strlen(f->file) + 16;
	char *key = xmalloc(n);
	uint32_t i;

	snprintf(key, n, "%u %s", f->index, f->file);
	for (i = 0; i < w->nfonts; i++)
		if (strcmp(w->font_keys[i], key) == 0) {
			free(key);
			return i;
		}
	w->font_keys = xrealloc(w->font_keys, (w->nfonts + 1) *
	    sizeof(*w->font_keys));
	w->font_keys[w->nfonts] = key;
	memset(&s, 0, sizeof(s));
	s.stamp = fcw_stamp(w, f->file);
	s.file = fcw_str(w, f->file);
	s.index = f->index;
	s.family = fcw_str(w, f->family);
	s.style = fcw_str(w, f->style);
	s.weight = f->weight;
	s.slant = f->slant;
	s.page0 = w->npages;
	s.npages = f->npages;
	buf_add(&w->pages, f->pages, (size_t)f->npages * sizeof(*f->pages));
	w->npages += f->npages;
	buf_add(&w->fonts, &s, sizeof(s));
	return w->nfonts++;
}

void
fcw_chain(struct fcw *w, const char *families, int bold, int italic,
    const struct fc_entry *e, uint32_t ne)
{
	struct st_chain s;
	uint32_t i;

	if (w->nchains >= FC_MAXCHAINS)
		return;
	s.families = fcw_str(w, families);
	s.flags = (bold ? 1u : 0u) | (italic ? 2u : 0u);
	s.entry0 = w->nentries;
	s.nentries = ne;
	for (i = 0; i < ne; i++) {
		struct st_entry se;

		memset(&se, 0, sizeof(se));
		se.font = e[i].font;
		se.style_ok = e[i].style_ok;
		se.scale = e[i].scale;
		buf_add(&w->entries, &se, sizeof(se));
	}
	w->nentries += ne;
	buf_add(&w->chains, &s, sizeof(s));
	w->nchains++;
}

/* mkdir -p, mode 0700; errors show when the file is made. */
static void
mkdirs(const char *dir)
{
	char *d = xstrdup(dir), *s;

	for (s = d + 1; *s != '\0'; s++)
		if (*s == '/') {
			*s = '\0';
			(void)mkdir(d, 0700);
			*s = '/';
		}
	(void)mkdir(d, 0700);
	free(d);
}

static int
write_cache(void *all, FILE *f, const char *name)
{
	const struct buf *b = all;

	(void)name;
	return fwrite(b->s, 1, b->len, f) == b->len ? 0 : -1;
}

int
fcw_save(struct fcw *w, const char *dir, const char *key)
{
	struct stat st;
	static const char zero[8];
	struct fc_hdr h;
	struct buf all = { NULL, 0, 0 };
	char *path;
	int rc, err;

	memset(&h, 0, sizeof(h));
	memcpy(h.magic, FC_MAGIC, 8);
	h.version = FC_VERSION;
	h.endian = FC_ENDIAN;
	h.key = fcw_str(w, key);
	h.nstamps = w->nstamps;
	h.nfonts = w->nfonts;
	h.nchains = w->nchains;
	h.nentries = w->nentries;
	h.npages = w->npages;
	buf_add(&w->str, zero, (8 - w->str.len % 8) % 8);
	h.nstr = (uint32_t)w->str.len;
	buf_add(&all, &h, sizeof(h));
	buf_add(&all, w->stamps.s, w->stamps.len);
	buf_add(&all, w->fonts.s, w->fonts.len);
	buf_add(&all, w->chains.s, w->chains.len);
	buf_add(&all, w->entries.s, w->entries.len);
	buf_add(&all, w->pages.s, w->pages.len);
	buf_add(&all, zero, (8 - all.len % 8) % 8);
	buf_add(&all, w->str.s, w->str.len);
	h.size = all.len;
	h.sum = checksum(all.s + sizeof(h), all.len - sizeof(h));
	memcpy(all.s, &h, sizeof(h));
	fcw_free(w);

	path = cache_path(dir);
	mkdirs(dir);
	/* only a file of its own: a pipe or a device there is left alone */
	if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		free(path);
		free(all.s);
		errno = FILE_ENOTREG;
		return -1;
	}
	rc = file_replace(path, write_cache, &all, NULL);
	err = errno;
	free(path);
	free(all.s);
	errno = err;
	return rc;
}
