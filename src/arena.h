/*
 * arena.h - per-document bump allocator. Objects are never freed one by one;
 * the whole arena goes in arena_free. Internal to libbriefing.
 */
#ifndef ARENA_H
#define ARENA_H

#include <stddef.h>
#include <stdio.h>

struct arena;

struct arena	*arena_new(void);
void		 arena_free(struct arena *);
void		*arena_alloc(struct arena *, size_t);	/* zeroed, aligned */
char		*arena_strndup(struct arena *, const char *, size_t);
char		*arena_strdup(struct arena *, const char *);
/* Grow an arena array: returns a copy with room for n elements of size sz. */
void		*arena_grow(struct arena *, void *old, size_t oldn, size_t n,
		    size_t sz);

/* Out of memory: print and exit with status 3. Used by all allocators. */
void		 tl_oom(void) __attribute__((noreturn));
void		*xmalloc(size_t);
void		*xcalloc(size_t, size_t);
void		*xrealloc(void *, size_t);
char		*xstrdup(const char *);
/*
 * The whole of f in a malloc'd buffer (*len bytes, never NULL); NULL when
 * reading failed, with errno set.  f stays open.
 */
char		*xslurp(FILE *f, size_t *len);
/*
 * The whole of the regular file path, mapped read-only with its pages in
 * one call (MAP_POPULATE: a fault a page would cost more), *len bytes,
 * 1 to max; NULL when it cannot be.  munmap(p, *len) when done.
 */
void		*map_file(const char *path, size_t max, size_t *len);

#endif
