/*
 * textb.c - a text being built from a source's pieces, for the timeline
 * reader and the feed readers alike: white space folded to one space (as
 * HTML does), Thai normalised (base/thai.c), so that every offset is one
 * of the normalised text; spans of style and link; and where each piece
 * came from, for messages.
 */
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "input.h"

void
textb_begin(struct textb *b)
{
	b->text.len = 0;
	buf_add(&b->text, "", 0);
	b->nspans = 0;
	b->nmap = 0;
	b->pending_space = 0;
}

void
textb_free(struct textb *b)
{
	buf_free(&b->text);
	free(b->spans);
	free(b->map);
}

void
textb_span(struct textb *b, unsigned style, const char *href)
{
	struct tl_span *sp;

	if (b->nspans > 0) {
		sp = &b->spans[b->nspans - 1];
		if (sp->start == b->text.len) {	/* empty: reuse */
			sp->style = style;
			sp->href = href;
			return;
		}
		sp->end = b->text.len;
		if (sp->style == style && sp->href == href)
			return;
	}
	if (b->nspans == b->capspans) {
		b->capspans = b->capspans ? b->capspans * 2 : 8;
		b->spans = xrealloc(b->spans, b->capspans * sizeof(*b->spans));
	}
	sp = &b->spans[b->nspans++];
	sp->start = sp->end = b->text.len;
	sp->style = style;
	sp->href = href;
}

void
textb_map(struct textb *b, const struct tl_pos *p)
{
	if (b->nmap == b->capmap) {
		b->capmap = b->capmap ? b->capmap * 2 : 8;
		b->map = xrealloc(b->map, b->capmap * sizeof(*b->map));
	}
	b->map[b->nmap].start = b->text.len + (b->pending_space &&
	    b->text.len > 0);
	b->map[b->nmap].pos = *p;
	b->nmap++;
}

/* Bytes that end a run of textb_put: the end, white space, 0x8D. */
static const unsigned char run_stop[256] = {
	['\0'] = 1, [' '] = 1, ['\t'] = 1, ['\n'] = 1, ['\r'] = 1, [0x8D] = 1
};

static int
is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

void
textb_put(struct textb *b, const char *s)
{
	size_t n, used, ol;
	char out[6];

	while (*s != '\0') {
		if (is_space((unsigned char)*s)) {
			b->pending_space = 1;
			s++;
			continue;
		}
		if (b->pending_space && b->text.len > 0 &&
		    b->text.s[b->text.len - 1] != '\n')
			buf_add(&b->text, " ", 1);
		b->pending_space = 0;
		if ((used = thai_norm_at(s, strnlen(s, 9), out, &ol)) > 0) {
			buf_add(&b->text, out, ol);
			s += used;
			continue;
		}
		/* a run up to the next space or U+0E4D (E0 B9 8D) */
		n = strncmp(s, "\xE0\xB9\x8D", 3) == 0 ? 3 : 1;
		for (;;) {
			while (!run_stop[(unsigned char)s[n]])
				n++;
			if (s[n] != '\x8D')
				break;
			if (n >= 2 && s[n - 2] == '\xE0' && s[n - 1] == '\xB9') {
				n -= 2;
				break;
			}
			n++;
		}
		buf_add(&b->text, s, n);
		s += n;
	}
}

/* The text built, as a tl_text in a; line ends at its end go. */
struct tl_text *
textb_take(struct textb *b, struct arena *a, const char *lang,
    const struct tl_pos *pos)
{
	struct tl_text *t = arena_alloc(a, sizeof(*t));
	size_t len = b->text.len, i;

	while (len > 0 && b->text.s[len - 1] == '\n')
		len--;
	if (b->nspans == 0)
		textb_span(b, 0, NULL);
	b->spans[0].start = 0;		/* the spans cover all of it */
	b->spans[b->nspans - 1].end = b->text.len;
	t->s = arena_strndup(a, b->text.s, len);
	t->len = len;
	t->spans = arena_alloc(a, b->nspans * sizeof(*t->spans));
	for (i = 0; i < b->nspans && b->spans[i].start < len; i++) {
		t->spans[i] = b->spans[i];
		if (t->spans[i].end > len)
			t->spans[i].end = len;
	}
	t->nspans = i > 0 ? i : 1;
	if (i == 0)
		t->spans[0] = (struct tl_span){ 0, 0, 0, NULL };
	t->map = arena_alloc(a, (b->nmap ? b->nmap : 1) * sizeof(*t->map));
	for (i = 0; i < b->nmap && (i == 0 || b->map[i].start < len); i++)
		t->map[i] = b->map[i];
	t->nmap = i;
	t->lang = arena_strdup(a, lang);
	t->pos = *pos;
	return t;
}
