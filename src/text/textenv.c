/*
 * textenv.c - the text environment of a run: the fonts (through the
 * font answer cache), one line breaker with the built-in word list and
 * the user's, and one shaper.  Made once, before layout; the layout and
 * the pdf stage borrow it, and it outlives them.  Documents made one
 * after another may share one; another made from it shares its Thai
 * dictionary and may serve another thread at the same time.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "text.h"

extern const unsigned char tl_wordlist[];
extern const size_t tl_wordlist_len;
extern const unsigned char tl_lexicon_text[];
extern const uint32_t tl_lexicon_off[];
extern const size_t tl_lexicon_n;

static struct textenv *
make(struct diag *d, const struct textenv_opts *o, const struct textenv *from)
{
	struct textenv *env = xcalloc(1, sizeof(*env));
	struct brk_lexicon lx = { (const char *)tl_lexicon_text,
	    tl_lexicon_off, tl_lexicon_n };

	if (o->words != NULL &&
	    (env->words = file_slurp(o->words, &env->nwords)) == NULL) {
		diag_emit(d, DIAG_IO, o->words, 0, 0, "%s", file_strerror(errno));
		textenv_free(env);
		return NULL;
	}
	env->fs = fontset_new(d, &o->font);
	if ((env->brk = from != NULL ? brk_new_sharing(from->brk, d) :
	    brk_new(d)) != NULL) {
		brk_add_words(env->brk, (const char *)tl_wordlist,
		    tl_wordlist_len, "words.txt");
		brk_set_lexicon(env->brk, &lx);
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

struct textenv *
textenv_new(struct diag *d, const struct textenv_opts *o)
{
	return make(d, o, NULL);
}

struct textenv *
textenv_new_sharing(const struct textenv *from, struct diag *d,
    const struct textenv_opts *o)
{
	return make(d, o, from);
}

void
textenv_set_diag(struct textenv *env, struct diag *d)
{
	fontset_set_diag(env->fs, d);
	brk_set_diag(env->brk, d);
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
