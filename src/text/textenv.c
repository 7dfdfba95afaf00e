/*
 * textenv.c - the text environment of a run: the fonts (through the
 * font answer cache), one line breaker with the built-in word list and
 * the user's, and one shaper.  Made once, before layout; the layout and
 * the pdf stage borrow it, and it outlives them.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "text.h"

extern const unsigned char tl_wordlist[];
extern const size_t tl_wordlist_len;

struct textenv *
textenv_new(struct diag *d, const struct textenv_opts *o)
{
	struct textenv *env = xcalloc(1, sizeof(*env));

	if (o->words != NULL &&
	    (env->words = file_slurp(o->words, &env->nwords)) == NULL) {
		diag_emit(d, DIAG_IO, o->words, 0, 0, "%s", file_strerror(errno));
		textenv_free(env);
		return NULL;
	}
	env->fs = fontset_new(d, &o->font);
	if ((env->brk = brk_new(d)) != NULL) {
		brk_add_words(env->brk, (const char *)tl_wordlist,
		    tl_wordlist_len, "words.txt");
		if (env->words != NULL)
			brk_add_words(env->brk, env->words, env->nwords,
			    o->words);
	}
	if (env->fs == NULL || env->brk == NULL) {
		textenv_free(env);
		return NULL;
	}
	env->sh = shaper_new();
	return env;
}

void
textenv_free(struct textenv *env)
{
	if (env == NULL)
		return;
	if (env->sh != NULL)
		shaper_free(env->sh);
	if (env->brk != NULL)
		brk_free(env->brk);
	if (env->fs != NULL)
		fontset_free(env->fs);
	free(env->words);
	free(env);
}
