/*
 * check_mem.c - unit tests of mem.c: after tl_mem_init the heap that
 * malloc serves is named for huge pages (the "hg" flag of its mapping in
 * /proc/self/smaps), also when it grows past the first 64 MiB, and in a
 * worker thread's own heap; with BRIEFING_HUGEPAGES=0, or in a sanitizer
 * build, or on a system without transparent huge pages, nothing is named
 * and malloc still works.  tl_mem_init also maps the program's read-only
 * segments and the top of the stack (pages present in /proc/self/pagemap).
 * Each test runs in a process of its own (Check's fork mode), so its heap
 * is its own.
 */
#define _GNU_SOURCE		/* dl_iterate_phdr */
#include <fcntl.h>
#include <link.h>
#include <malloc.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>

#include <check.h>

#include "arena.h"
#include "tl.h"

#if defined(__linux__) && defined(__GLIBC__) && \
    !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
#define BUILT_WITH_THP 1
#else
#define BUILT_WITH_THP 0
#endif

/* 1: the system offers transparent huge pages to regions that ask. */
static int
thp_offered(void)
{
	char buf[128] = "";
	FILE *f = fopen("/sys/kernel/mm/transparent_hugepage/enabled", "r");

	if (f == NULL)
		return 0;
	if (fgets(buf, sizeof(buf), f) == NULL)
		buf[0] = '\0';
	fclose(f);
	return strstr(buf, "[never]") == NULL && buf[0] != '\0';
}

/*
 * The VmFlags of the mapping that holds p: 1 when they have "hg", 0 when
 * not, -1 when the mapping is not found.  *start: where it begins.
 */
static int
named_huge_at(const void *p, unsigned long *start)
{
	char line[512];
	unsigned long lo, hi, a = (unsigned long)(uintptr_t)p;
	int in = 0, r = -1;
	FILE *f = fopen("/proc/self/smaps", "r");

	ck_assert_ptr_nonnull(f);
	while (fgets(line, sizeof(line), f) != NULL) {
		if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2 &&
		    strchr(line, '-') < strchr(line, ' ')) {
			in = a >= lo && a < hi;
			if (in)
				*start = lo;
		}
		else if (in && strncmp(line, "VmFlags:", 8) == 0) {
			r = strstr(line, " hg") != NULL;
			break;
		}
	}
	fclose(f);
	return r;
}

static int
named_huge(const void *p)
{
	unsigned long start;

	return named_huge_at(p, &start);
}

/*
 * A block of at least n bytes that no free block of the heap can hold
 * (the test process's heap was used before the test), so it comes from
 * the heap's growth.
 */
static char *
fresh_block(size_t n)
{
	struct mallinfo2 mi = mallinfo2();
	size_t binned = mi.fordblks - mi.keepcost;	/* free, not the top */
	char *p;

	if (n < binned + (64 << 10))
		n = binned + (64 << 10);
	p = malloc(n);
	ck_assert_ptr_nonnull(p);
	memset(p, 1, n);
	return p;
}

static int
expect_named(void)
{
	return BUILT_WITH_THP && thp_offered();
}

START_TEST(test_main_heap)
{
	char *p;

	unsetenv("BRIEFING_HUGEPAGES");
	unsigned long start = 0;

	tl_mem_init();
	p = fresh_block(1 << 20);
	ck_assert_int_eq(named_huge_at(p, &start), expect_named());
	/* the first 2 MiB, touched before they were named, are skipped */
	if (expect_named())
		ck_assert_uint_ge((unsigned long)p, start + (2UL << 20));
	free(p);
}
END_TEST

START_TEST(test_growth)
{
	enum { N = 24 };
	char *p[N];
	size_t i;

	unsetenv("BRIEFING_HUGEPAGES");
	tl_mem_init();
	/* 96 MiB in blocks below the mmap threshold: past the first 64 */
	for (i = 0; i < N; i++) {
		p[i] = fresh_block(4 << 20);
		mem_grow();
	}
	ck_assert_int_eq(named_huge(p[0]), expect_named());
	ck_assert_int_eq(named_huge(p[N - 2]), expect_named());
	for (i = 0; i < N; i++)
		free(p[i]);
}
END_TEST

static void *
thread_block(void *arg)
{
	char **out = arg;

	mem_thread();
	*out = malloc(64 << 10);
	if (*out != NULL)
		memset(*out, 1, 64 << 10);
	return NULL;
}

START_TEST(test_thread_heap)
{
	pthread_t th;
	char *p = NULL;

	unsetenv("BRIEFING_HUGEPAGES");
	tl_mem_init();
	ck_assert_int_eq(pthread_create(&th, NULL, thread_block, &p), 0);
	pthread_join(th, NULL);
	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(named_huge(p), expect_named());
	/* past the first 2 MiB of the thread's 64 MiB heap */
	if (expect_named())
		ck_assert_uint_ge((unsigned long)p & ((64UL << 20) - 1),
		    2UL << 20);
	free(p);
}
END_TEST

/* 1: the page that holds address a is mapped (pagemap's present bit). */
static int
page_present(int fd, uintptr_t a)
{
	uint64_t e = 0;
	off_t off = (off_t)(a / 4096) * (off_t)sizeof(e);

	ck_assert_int_eq(pread(fd, &e, sizeof(e), off), (ssize_t)sizeof(e));
	return (int)(e >> 63);
}

/* Pages of [lo, hi) not mapped. */
static size_t
absent_pages(uintptr_t lo, uintptr_t hi)
{
	int fd = open("/proc/self/pagemap", O_RDONLY);
	size_t n = 0;
	uintptr_t a;

	ck_assert_int_ge(fd, 0);
	for (a = lo & ~(uintptr_t)4095; a < hi; a += 4096)
		n += !page_present(fd, a);
	close(fd);
	return n;
}

struct ro_count {
	size_t	pages, absent;
};

/* dl_iterate_phdr: the program's (first object's) read-only segments. */
static int
count_program(struct dl_phdr_info *info, size_t size, void *arg)
{
	struct ro_count *c = arg;
	int i;

	(void)size;
	for (i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		uintptr_t lo = info->dlpi_addr + ph->p_vaddr;

		if (ph->p_type != PT_LOAD || (ph->p_flags & PF_W))
			continue;
		c->pages += (ph->p_memsz + 4095) / 4096;
		c->absent += absent_pages(lo, lo + ph->p_memsz);
	}
	return 1;		/* the program only */
}

/* 1: this kernel has MADV_POPULATE_READ (Linux 5.14). */
static int
can_populate(void)
{
	void *p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS,
	    -1, 0);
	int ok;

	ck_assert_ptr_ne(p, MAP_FAILED);
	ok = madvise(p, 4096, 22 /* MADV_POPULATE_READ */) == 0;
	munmap(p, 4096);
	return ok;
}

START_TEST(test_populate)
{
	struct ro_count c = { 0, 0 };
	char here;
	uintptr_t deep = (uintptr_t)&here - (160 << 10);
	char *fresh = mmap(NULL, 8 * 4096, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	/* the count sees pages come: 8 absent, then none after a touch */
	ck_assert_ptr_ne(fresh, MAP_FAILED);
	ck_assert_uint_eq(absent_pages((uintptr_t)fresh,
	    (uintptr_t)fresh + 8 * 4096), 8);
	memset(fresh, 1, 8 * 4096);
	ck_assert_uint_eq(absent_pages((uintptr_t)fresh,
	    (uintptr_t)fresh + 8 * 4096), 0);
	munmap(fresh, 8 * 4096);

	unsetenv("BRIEFING_HUGEPAGES");
	tl_mem_init();
	dl_iterate_phdr(count_program, &c);
	ck_assert_uint_gt(c.pages, 100);
	if (BUILT_WITH_THP && can_populate()) {
		ck_assert_uint_eq(c.absent, 0);
		ck_assert_uint_eq(absent_pages(deep, deep + 4096), 0);
	}
}
END_TEST

START_TEST(test_off)
{
	char *p;

	setenv("BRIEFING_HUGEPAGES", "0", 1);
	tl_mem_init();
	p = fresh_block(1 << 20);
	mem_grow();
	ck_assert_int_eq(named_huge(p), 0);
	free(p);
}
END_TEST

Suite *
mem_suite(void)
{
	Suite *s = suite_create("mem");
	TCase *tc = tcase_create("hugepages");

	tcase_add_test(tc, test_main_heap);
	tcase_add_test(tc, test_growth);
	tcase_add_test(tc, test_thread_heap);
	tcase_add_test(tc, test_off);
	tcase_add_test(tc, test_populate);
	suite_add_tcase(s, tc);
	return s;
}
