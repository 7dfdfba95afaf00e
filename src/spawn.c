/*
 * spawn.c - start a worker thread on another processor.
 *
 * A thread made with pthread_create may be woken on its maker's processor
 * and wait there until the scheduler moves it.  Measured on the benchmark
 * machine (2 cores, virtual), in turns, 30-40 runs each: the Thai
 * dictionary's thread began 1.4 ms after it was made in the median, and
 * 0.7 ms when made to start on the other processor; with every worker
 * thread started that way the default document took 15.9 ms in the median
 * against 18.3 ms, and 200 pages 95 ms against 100 ms.  So the new thread
 * is made with an affinity that leaves out the maker's processor, and
 * once running it takes back its maker's affinity, so that the scheduler
 * may move it as it likes from then on.  With one processor allowed, or
 * when anything here fails, it is a plain pthread_create.
 */
#define _GNU_SOURCE 1
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>

#include "arena.h"
#include "spawn.h"

struct start {
	void		*(*fn)(void *);
	void		*arg;
	cpu_set_t	 all;		/* the maker's affinity */
	int		 restore;
};

static void *
trampoline(void *p)
{
	struct start s = *(struct start *)p;

	free(p);
	if (s.restore)
		(void)sched_setaffinity(0, sizeof(s.all), &s.all);
	return s.fn(s.arg);
}

int
spawn(pthread_t *th, void *(*fn)(void *), void *arg)
{
	struct start *s = xmalloc(sizeof(*s));
	pthread_attr_t at;
	cpu_set_t other;
	int cpu = sched_getcpu(), rc, attr;

	s->fn = fn;
	s->arg = arg;
	s->restore = 0;
	attr = pthread_attr_init(&at) == 0;
	if (attr && cpu >= 0 && cpu < CPU_SETSIZE &&
	    sched_getaffinity(0, sizeof(s->all), &s->all) == 0 &&
	    CPU_ISSET(cpu, &s->all) && CPU_COUNT(&s->all) > 1) {
		other = s->all;
		CPU_CLR(cpu, &other);
		s->restore = pthread_attr_setaffinity_np(&at, sizeof(other),
		    &other) == 0;
	}
	rc = pthread_create(th, attr ? &at : NULL, trampoline, s);
	if (attr)
		pthread_attr_destroy(&at);
	if (rc != 0)
		free(s);
	return rc;
}
