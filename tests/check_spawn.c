/*
 * check_spawn.c - spawn: the function runs with its argument, its result
 * comes back through pthread_join, and once running the thread has its
 * maker's affinity again (it starts with the maker's processor left out:
 * what that buys is measured in the benchmark, not here, as the scheduler
 * often makes the same choice by itself).
 */
#define _GNU_SOURCE 1
#include <pthread.h>
#include <sched.h>
#include <string.h>

#include <check.h>

#include "spawn.h"

struct seen {
	int		 arg;
	cpu_set_t	 mask;		/* its affinity, once running */
};

static void *
record(void *p)
{
	struct seen *s = p;

	(void)sched_getaffinity(0, sizeof(s->mask), &s->mask);
	s->arg *= 2;
	return &s->arg;
}

START_TEST(spawn_runs)
{
	cpu_set_t mine, one;
	int i;

	ck_assert_int_eq(sched_getaffinity(0, sizeof(mine), &mine), 0);
	for (i = 0; i < 20; i++) {
		struct seen s;
		pthread_t th;
		void *ret = NULL;

		memset(&s, 0, sizeof(s));
		s.arg = 21 + i;
		ck_assert_int_eq(spawn(&th, record, &s), 0);
		ck_assert_int_eq(pthread_join(th, &ret), 0);
		ck_assert_ptr_eq(ret, &s.arg);
		ck_assert_int_eq(s.arg, 2 * (21 + i));
		ck_assert(CPU_EQUAL(&s.mask, &mine));
	}
	/* a maker allowed one processor: its thread gets that one */
	CPU_ZERO(&one);
	for (i = 0; i < CPU_SETSIZE && !CPU_ISSET(i, &mine); i++)
		continue;
	CPU_SET(i, &one);
	ck_assert_int_eq(sched_setaffinity(0, sizeof(one), &one), 0);
	{
		struct seen s;
		pthread_t th;

		memset(&s, 0, sizeof(s));
		s.arg = 1;
		ck_assert_int_eq(spawn(&th, record, &s), 0);
		ck_assert_int_eq(pthread_join(th, NULL), 0);
		ck_assert_int_eq(s.arg, 2);
		ck_assert(CPU_EQUAL(&s.mask, &one));
	}
	ck_assert_int_eq(sched_setaffinity(0, sizeof(mine), &mine), 0);
}
END_TEST

Suite *
spawn_suite(void)
{
	Suite *s = suite_create("spawn");
	TCase *t = tcase_create("spawn");

	tcase_add_test(t, spawn_runs);
	suite_add_tcase(s, t);
	return s;
}
