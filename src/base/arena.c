/*
 * arena.c - per-document bump allocator and the checked malloc wrappers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base.h"

#define ARENA_BLOCK	(64 * 1024)
#define ARENA_SUB_BLOCK	512

struct block {
	struct block	*next;
	size_t		 size;	/* usable bytes after the header */
	size_t		 used;
	max_align_t	 data[];
};

/* A block from malloc that the arena frees with itself. */
struct held {
	struct held	*next;
	void		*p;	/* (owned) */
};

struct arena {
	struct block	*head;	/* (owned) newest block first */
	struct held	*held;	/* (in the blocks) */
	struct arena	*subs;	/* (in the blocks) arena_sub's */
	struct arena	*next;	/* the parent's next sub-arena */
	size_t		 block;	/* 0: ARENA_BLOCK; a sub-arena's: small */
};

static _Thread_local struct oom_scope *oom_top;

void
oom_enter(struct oom_scope *s)
{
	s->prev = oom_top;
	oom_top = s;
}

void
oom_leave(struct oom_scope *s)
{
	oom_top = s->prev;
}

void
tl_oom(void)
{
	struct oom_scope *s = oom_top;

	/* every public call opens a scope: none is a bug in the library */
	if (s == NULL)
		abort();
	oom_top = s->prev;
	longjmp(s->jb, 1);
}

/* For the tests: allocations counted, and the nth one from now failing. */
static _Thread_local long fail_after;
static _Thread_local unsigned long allocs;

void
mem_fail_after(long n, unsigned long *count)
{
	fail_after = n;
	if (count != NULL)
		*count = allocs;
	allocs = 0;
}

static int
failing(void)
{
	allocs++;
	return fail_after > 0 && --fail_after == 0;
}

void *
xmalloc(size_t n)
{
	void *p = failing() ? NULL : malloc(n ? n : 1);

	if (p == NULL)
		tl_oom();
	return p;
}

void *
xcalloc(size_t n, size_t sz)
{
	void *p = failing() ? NULL : calloc(n ? n : 1, sz ? sz : 1);

	if (p == NULL)
		tl_oom();
	return p;
}

void *
xrealloc(void *old, size_t n)
{
	void *p = failing() ? NULL : realloc(old, n ? n : 1);

	if (p == NULL)
		tl_oom();
	return p;
}

char *
xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(xmalloc(n), s, n);
}

struct arena *
arena_new(void)
{
	return xcalloc(1, arena_size());
}

size_t
arena_size(void)
{
	return sizeof(struct arena);
}

/* a's blocks and what it holds freed, and its sub-arenas': empty again */
void
arena_clear(struct arena *a)
{
	struct block *b, *next;
	struct arena *s;
	struct held *h;

	for (s = a->subs; s != NULL; s = s->next)
		arena_clear(s);
	for (h = a->held; h != NULL; h = h->next)
		free(h->p);
	for (b = a->head; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	a->head = NULL;
	a->held = NULL;
	a->subs = NULL;
}

void
arena_free(struct arena *a)
{
	if (a == NULL)
		return;
	arena_clear(a);
	free(a);
}

/*
 * An arena for a part of what parent holds, which may be let go before
 * it (arena_clear); with small, for a small part: its blocks are small,
 * and each object of more than half of one has a block of its own, of
 * its size.
 */
struct arena *
arena_sub(struct arena *parent, int small)
{
	struct arena *s = arena_alloc(parent, sizeof(*s));

	s->block = small ? ARENA_SUB_BLOCK : 0;
	s->next = parent->subs;
	parent->subs = s;
	return s;
}

void *
arena_alloc(struct arena *a, size_t n)
{
	const size_t al = sizeof(max_align_t);
	struct block *b = a->head;
	void *p;

	n = (n + al - 1) / al * al;
	if (n == 0)
		n = al;
	if (b == NULL || b->size - b->used < n) {
		size_t bs = a->block ? a->block : ARENA_BLOCK;
		size_t sz = n > bs / 2 ? n : bs;

		b = xmalloc(sizeof(*b) + sz);
		b->size = sz;
		b->used = 0;
		if (n > bs / 2 && a->head != NULL) {
			/* big object: keep the current block for small ones */
			b->next = a->head->next;
			a->head->next = b;
		} else {
			b->next = a->head;
			a->head = b;
		}
	}
	p = (char *)b->data + b->used;
	b->used += n;
	memset(p, 0, n);
	return p;
}

void **
arena_hold(struct arena *a)
{
	struct held *h = arena_alloc(a, sizeof(*h));

	h->next = a->held;
	a->held = h;
	return &h->p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

void *
arena_grow(struct arena *a, void *old, size_t oldn, size_t n, size_t sz)
{
	void *p = arena_alloc(a, n * sz);

	if (old != NULL && oldn > 0)
		memcpy(p, old, (oldn < n ? oldn : n) * sz);
	return p;
}
