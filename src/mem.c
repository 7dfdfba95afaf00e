/*
 * mem.c - ask for the heap in 2 MiB pages.
 *
 * A run touches every page of its heap for the first time, and on a
 * virtual machine each first touch of a 4 KiB page is a fault that costs
 * about 10 us (measured on the benchmark machine: 1,500 faults, 15 ms, a
 * third of the default document's run).  The same memory in transparent
 * huge pages costs one fault per 2 MiB.  Linux gives them to regions that
 * madvise(MADV_HUGEPAGE) names, when /sys/kernel/mm/transparent_hugepage
 * is "always" or "madvise" (the usual default); glibc's malloc names none
 * unless GLIBC_TUNABLES asks for it before the program starts.  So:
 *
 *	main heap	tl_mem_init, before the work starts: the program
 *			break is moved to a 2 MiB boundary, malloc is told to
 *			grow the heap 64 MiB at a time and to serve large
 *			blocks from it too (not one mmap each), and the 64 MiB
 *			are named.  The first 2 MiB, touched by malloc before
 *			they were named, would stay in small pages: a block
 *			that is never used fills them (skip_block; measured:
 *			MADV_COLLAPSE instead took 3.6 ms).  When the heap has
 *			grown past what was named, mem_grow (called as arena
 *			blocks and pages are made) names the rest.
 *	thread heaps	mem_thread, first thing in a worker thread: glibc
 *			gives each thread arena a 64 MiB heap aligned to its
 *			size; the heap that holds the thread's first block is
 *			named the same way (once per heap).
 *	ahead		mem_prefault: the thread that loads the Thai
 *			dictionary, once done, touches the part of the main
 *			heap that the document is expected to need
 *			(MADV_POPULATE_WRITE), so the kernel clears those
 *			pages there, beside the reading, and not on the
 *			layout's thread (198 pages: about 4 ms sooner).
 *
 *	code and stack	mem_populate, in tl_mem_init: the read-only parts of
 *			the program and of the libraries the work runs in
 *			(HarfBuzz, libharu, zlib, libc) are mapped in one call
 *			each (MADV_POPULATE_READ: 0.14 us a page, where a fault
 *			costs 12-15 us and maps 16 pages), and so is the top of
 *			the main thread's stack (MADV_POPULATE_WRITE; libharu
 *			clears a 128 KiB table on it for each font).  Measured
 *			on the default document: 311 -> 213 faults.
 *
 * Memory not touched costs nothing; resident memory grows in 2 MiB steps.
 * Every call is advice: when the kernel or libc says no, malloc works as
 * before.  BRIEFING_HUGEPAGES=0 turns it off (to measure it), and so does
 * a sanitizer build, whose allocator is not malloc's.
 */
#define _GNU_SOURCE		/* dl_iterate_phdr */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#if defined(__linux__) && defined(__GLIBC__) && \
    !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
#define MEM_THP 1
#include <malloc.h>
#include <pthread.h>
#include <link.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

#include "arena.h"
#include "tl.h"

#ifdef MEM_THP

#ifndef MADV_POPULATE_READ
#define MADV_POPULATE_READ	22
#endif
#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE	23
#endif

#define HUGE		((uintptr_t)2 << 20)
#define HEAP_PAD	((size_t)64 << 20)	/* also glibc's arena heap size */
#define MAX_HEAPS	16
#define STACK_TOP	((size_t)192 << 10)	/* populated for the main thread */

static int mem_on;
static void *volatile kept[MAX_HEAPS + 1];	/* skip_block's, for good
						   (volatile: the compiler
						   must not drop the malloc) */
static size_t nkept;
static char *heap_lo;		/* where the named main heap begins */
static size_t expect;		/* bytes the run is expected to use */
static char *adv_end;		/* the main heap is named up to here */
static pthread_mutex_t adv_mu = PTHREAD_MUTEX_INITIALIZER;

static uintptr_t
up(uintptr_t p, uintptr_t a)
{
	return (p + a - 1) & ~(a - 1);
}

/* The program break, down to a 2 MiB boundary. */
static char *
brk_down(void)
{
	return (char *)((uintptr_t)sbrk(0) & ~(HUGE - 1));
}

/*
 * The first 2 MiB of a named heap were touched before it was named (the
 * heap's own headers, the first block): the kernel gives that block small
 * pages.  So it is filled up, from top (the end of what malloc has given
 * out) to the boundary, by a block that is never used: its pages are never
 * touched, and what malloc gives out next comes from huge pages.  next is
 * where malloc's next block would begin (its header 16 bytes before): a
 * block of end - next bytes there ends at the boundary.
 */
static void
skip_block(char *heap, char *next)
{
	char *end = heap + HUGE;
	size_t k = __atomic_fetch_add(&nkept, 1, __ATOMIC_RELAXED);

	if (next + 4096 < end && k < MAX_HEAPS + 1)
		kept[k] = malloc((size_t)(end - next));
}

/* The libraries the work runs in, besides the program (named ""). */
static const char *const hot_libs[] = {
	"libharfbuzz.so", "libhpdf", "libz.so", "libc.so"
};

static int
is_hot(const char *path)
{
	const char *base = strrchr(path, '/');
	size_t i;

	if (path[0] == '\0')
		return 1;
	base = base != NULL ? base + 1 : path;
	for (i = 0; i < sizeof(hot_libs) / sizeof(hot_libs[0]); i++)
		if (strncmp(base, hot_libs[i], strlen(hot_libs[i])) == 0)
			return 1;
	return 0;
}

/* dl_iterate_phdr: map the read-only segments of a hot object. */
static int
populate_object(struct dl_phdr_info *info, size_t size, void *arg)
{
	int i;

	(void)size;
	(void)arg;
	if (!is_hot(info->dlpi_name))
		return 0;
	for (i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		uintptr_t a, b;

		if (ph->p_type != PT_LOAD || (ph->p_flags & PF_W))
			continue;
		a = (info->dlpi_addr + ph->p_vaddr) & ~(uintptr_t)4095;
		b = up(info->dlpi_addr + ph->p_vaddr + ph->p_memsz, 4096);
		(void)madvise((void *)a, b - a, MADV_POPULATE_READ);
	}
	return 0;
}

/*
 * The STACK_TOP bytes below the caller's frame: a write to the lowest
 * byte extends the stack's mapping (one fault), then the pages between
 * are populated in one call.
 */
static void __attribute__((noinline))
populate_stack(void)
{
	volatile char area[STACK_TOP];
	uintptr_t lo = up((uintptr_t)&area[0], 4096);
	uintptr_t hi = (uintptr_t)&area[STACK_TOP - 1] & ~(uintptr_t)4095;

	area[0] = 0;
	if (hi > lo)
		(void)madvise((void *)lo, hi - lo, MADV_POPULATE_WRITE);
}

void
mem_populate(void)
{
	dl_iterate_phdr(populate_object, NULL);
	populate_stack();
}

void
tl_mem_init(void)
{
	const char *e = getenv("BRIEFING_HUGEPAGES");
	struct mallinfo2 mi;
	char *brk0, *lo, *hi;
	size_t n;
	void *p;

	if (e != NULL && strcmp(e, "0") == 0)
		return;
	mem_populate();
	mi = mallinfo2();
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	mallopt(M_TRIM_THRESHOLD, 256 << 20);
	mallopt(M_TOP_PAD, (int)HEAP_PAD);
	if ((brk0 = sbrk(0)) == (void *)-1)
		return;
	lo = (char *)up((uintptr_t)brk0, HUGE);
	if (sbrk(lo - brk0) == (void *)-1)
		return;
	/* more than the heap holds: malloc extends the break from lo */
	n = mi.arena + (256 << 10);
	if (mi.arena > (16 << 20) || (p = malloc(n)) == NULL)
		return;
	hi = brk_down();
	if ((char *)p < lo || hi <= lo + HUGE ||
	    madvise(lo, (size_t)(hi - lo), MADV_HUGEPAGE) != 0) {
		free(p);
		return;
	}
	skip_block(lo, (char *)p + n + 16);
	adv_end = hi;
	heap_lo = lo;
	mem_on = 1;
}

void
mem_grow(void)
{
	char *top;

	if (!mem_on)
		return;
	top = brk_down();
	if (top <= __atomic_load_n(&adv_end, __ATOMIC_ACQUIRE))
		return;
	pthread_mutex_lock(&adv_mu);
	if (top > adv_end) {
		(void)madvise(adv_end, (size_t)(top - adv_end), MADV_HUGEPAGE);
		__atomic_store_n(&adv_end, top, __ATOMIC_RELEASE);
	}
	pthread_mutex_unlock(&adv_mu);
}

void
mem_expect(size_t bytes)
{
	__atomic_store_n(&expect, bytes, __ATOMIC_RELEASE);
}

void
mem_prefault(void)
{
	size_t n = __atomic_load_n(&expect, __ATOMIC_ACQUIRE);
	char *end, *named = __atomic_load_n(&adv_end, __ATOMIC_ACQUIRE);

	if (!mem_on || n == 0)
		return;
	/* from the first huge page: below it, skip_block's pages are never
	   used, and populating them would clear 2 MiB in small pages */
	end = heap_lo + up(n, HUGE);
	if (end > named)
		end = named;
	if (end > heap_lo + HUGE)
		(void)madvise(heap_lo + HUGE, (size_t)(end - heap_lo - HUGE),
		    MADV_POPULATE_WRITE);
}

void
mem_thread(void)
{
	static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
	static uintptr_t done[MAX_HEAPS];
	uintptr_t heap;
	size_t i;
	void *p;
	int fresh = 1;

	if (!mem_on || (p = malloc(1)) == NULL)
		return;
	heap = (uintptr_t)p & ~((uintptr_t)HEAP_PAD - 1);
	if ((char *)heap <= (char *)sbrk(0)) {	/* the main heap: done */
		free(p);
		return;
	}
	pthread_mutex_lock(&mu);
	for (i = 0; i < MAX_HEAPS && done[i] != 0; i++)
		if (done[i] == heap)
			fresh = 0;
	if (fresh && i < MAX_HEAPS)
		done[i] = heap;
	pthread_mutex_unlock(&mu);
	if (fresh && madvise((void *)heap, HEAP_PAD, MADV_HUGEPAGE) == 0)
		skip_block((char *)heap, (char *)p + 32);
	free(p);
}

#else

void
tl_mem_init(void)
{
}

void
mem_populate(void)
{
}

void
mem_grow(void)
{
}

void
mem_expect(size_t bytes)
{
	(void)bytes;
}

void
mem_prefault(void)
{
}

void
mem_thread(void)
{
}

#endif
