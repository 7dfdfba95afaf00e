/*
 * spawn.h - start a worker thread on another processor (see spawn.c).
 *
 * Internal to libbriefing.
 */
#ifndef SPAWN_H
#define SPAWN_H

#include <pthread.h>

/* pthread_create(th, NULL, fn, arg), placed away from the caller's CPU. */
int	spawn(pthread_t *th, void *(*fn)(void *), void *arg);

#endif /* SPAWN_H */
