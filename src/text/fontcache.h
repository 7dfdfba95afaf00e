/*
 * fontcache.h - fontconfig's answers kept on disk between runs.
 *
 * Setting fontconfig up (parsing the system's configuration files) and
 * sorting the fonts for each family list cost more than the rest of a
 * small run.  The answers for a family list are the same until the
 * configuration or the fonts change, so font.c keeps them in one file,
 * fonts.cache in the folder it is given, with the key of the set-up it
 * answers for (the program's version, the project's font folder, the
 * environment that steers fontconfig): for each font chain asked for, its
 * faces in order with what font.c needs of each (file, face index, names,
 * weight, slant, size factor, the characters it covers).  Another set-up
 * writes the file anew.
 *
 * The file says what it was made from: every configuration file that
 * fontconfig read, the folders holding them, every font folder, and the
 * user's configuration places whether they exist or not, each with its
 * inode, size, and modification and change times.  It is used only when
 * all of these are as they were, and its own checksum is right; else the
 * run asks fontconfig and writes a new file (through file_replace, so a
 * reader never sees half a file).
 *
 * Internal to libbriefing: used by font.c only.
 */
#ifndef FONTCACHE_H
#define FONTCACHE_H

#include <stdint.h>

/* The characters of one 256-code page: bit (cp & 255) of bits. */
struct fc_page {
	uint32_t	 base;		/* cp >> 8 */
	uint32_t	 bits[8];
};

/* One face as fontconfig describes it. */
struct fc_font {
	const char	*file;
	uint32_t	 index;
	const char	*family;
	const char	*style;
	int32_t		 weight, slant;
	const struct fc_page *pages;	/* ascending base */
	uint32_t	 npages;
};

/* One face of a chain. */
struct fc_entry {
	uint32_t	 font;		/* index into the fonts */
	uint32_t	 style_ok;
	double		 scale;
};

struct fc_chain {
	const char	*families;
	int		 bold, italic;
	const struct fc_entry *e;
	uint32_t	 ne;
};

struct fontcache;
struct fcw;

/*
 * The cache file for key (any text that names the set-up), read and
 * checked; NULL when it is missing, damaged or out of date.
 */
struct fontcache *fontcache_load(const char *dir, const char *key);
/* The file in dir removed: the next run makes it again. */
void		 fontcache_remove(const char *dir);
void		 fontcache_free(struct fontcache *);
const struct fc_chain *fontcache_chain(const struct fontcache *,
		    const char *families, int bold, int italic);
size_t		 fontcache_nchains(const struct fontcache *);
const struct fc_chain *fontcache_chain_at(const struct fontcache *, size_t);
const struct fc_font *fontcache_font(const struct fontcache *, uint32_t);
/* Whether the page list has cp. */
int		 fc_pages_have(const struct fc_page *, uint32_t npages,
		    uint32_t cp);

/* A new cache file, built up and then saved. */
struct fcw	*fcw_new(void);
/* Record path's state now (or that it does not exist). */
uint32_t	 fcw_stamp(struct fcw *, const char *path);
/* Add a face (once per file and index); returns its index. */
uint32_t	 fcw_font(struct fcw *, const struct fc_font *);
/* Add a chain; the entries' font fields are fcw_font's indexes. */
void		 fcw_chain(struct fcw *, const char *families, int bold,
		    int italic, const struct fc_entry *, uint32_t ne);
/* Write the file for key to dir; 0 or -1 (errno set).  Frees w. */
int		 fcw_save(struct fcw *, const char *dir, const char *key);
void		 fcw_free(struct fcw *);

#endif /* FONTCACHE_H */
