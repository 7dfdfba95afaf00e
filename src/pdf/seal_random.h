/*
 * seal_random.h - between seal.c and seal_random.cc: qpdf's random bytes
 * taken from a function of seal.c's while a reproducible PDF is sealed.
 * Internal to seal.c.
 */
#ifndef SEAL_RANDOM_H
#define SEAL_RANDOM_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Fills p[0..n) with the bytes qpdf asked for; must not fail or jump. */
typedef void	(*seal_fill_fn)(void *ctx, unsigned char *p, size_t n);

/*
 * qpdf's random bytes from fill(ctx, ...) from now on, until
 * seal_random_end; set is QUtil::setRandomDataProvider, as dlsym found
 * it in the libqpdf loaded.  The setting is qpdf's, for the whole process:
 * only with qpdf's lock held.
 */
void	seal_random_use(void *set, seal_fill_fn fill, void *ctx);
/* qpdf's own random bytes again. */
void	seal_random_end(void *set);

#ifdef __cplusplus
}
#endif

#endif /* SEAL_RANDOM_H */
