/*
 * model.c - the model's order, positions of text (through Thai
 * normalisation), the printed date of an event and the --dump listing.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "input.h"

/*
 * Printed order: earliest start, then latest end (days, then times of
 * day: when_cmp), then document order.
 */
static int
event_cmp(const void *pa, const void *pb)
{
	const struct tl_event *a = pa, *b = pb;
	int c = when_cmp(&a->when, &b->when);

	if (c != 0)
		return c;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void
model_sort(struct tl_model *m)
{
	/* seq makes every key unique, so qsort is stable here */
	if (m->nevent > 1)
		qsort(m->events, m->nevent, sizeof(*m->events), event_cmp);
}

void
model_merge(struct tl_model *out, const struct tl_model *in, size_t n,
    size_t head, struct arena *a)
{
	size_t k, total = 0, at = 0;

	*out = in[head];
	for (k = 0; k < n; k++)
		total += in[k].nevent;
	out->events = arena_alloc(a, (total ? total : 1) *
	    sizeof(*out->events));
	out->nevent = total;
	for (k = 0; k < n; k++) {
		memcpy(out->events + at, in[k].events, in[k].nevent *
		    sizeof(*out->events));
		at += in[k].nevent;
	}
	for (k = 0; k < total; k++)
		out->events[k].seq = k;
	out->srcs = NULL;	/* they stay with each input */
	out->feed = in[head].feed;
}

/* A set of strings: open addressing, a power of two of slots. */
struct strset {
	const char	**slot;
	size_t		 n, cap;
};

static size_t
str_hash(const char *s)
{
	size_t h = 2166136261u;

	while (*s != '\0')
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

/* 1 when s was in the set already; else it is now. */
static int
strset_put(struct strset *set, const char *s)
{
	size_t i, k;

	if (2 * (set->n + 1) > set->cap) {
		struct strset big = { NULL, 0, set->cap ? set->cap * 2 : 64 };

		big.slot = xcalloc(big.cap, sizeof(*big.slot));
		for (k = 0; k < set->cap; k++)
			if (set->slot[k] != NULL)
				strset_put(&big, set->slot[k]);
		free(set->slot);
		*set = big;
	}
	for (i = str_hash(s) & (set->cap - 1); set->slot[i] != NULL;
	    i = (i + 1) & (set->cap - 1))
		if (strcmp(set->slot[i], s) == 0)
			return 1;
	set->slot[i] = s;
	set->n++;
	return 0;
}

static int
strset_has(const struct strset *set, const char *s)
{
	size_t i;

	if (set->cap == 0)
		return 0;
	for (i = str_hash(s) & (set->cap - 1); set->slot[i] != NULL;
	    i = (i + 1) & (set->cap - 1))
		if (strcmp(set->slot[i], s) == 0)
			return 1;
	return 0;
}

size_t
model_dedupe(struct tl_model *m)
{
	struct strset ids = { NULL, 0, 0 }, links = { NULL, 0, 0 };
	size_t i, k, out = 0;

	/* what the timelines cite, whatever their order among the inputs */
	for (i = 0; i < m->nevent; i++)
		for (k = 0; k < m->events[i].nsource && !m->events[i].feed; k++)
			if (m->events[i].sources[k].href != NULL)
				strset_put(&links, m->events[i].sources[k].href);
	for (i = 0; i < m->nevent; i++) {
		const struct tl_event *e = &m->events[i];
		int drop = e->id != NULL && strset_has(&ids, e->id);

		for (k = 0; k < e->nsource && e->feed && !drop; k++)
			if (e->sources[k].href != NULL)
				drop = strset_put(&links, e->sources[k].href);
		if (drop)
			continue;
		if (e->id != NULL)
			strset_put(&ids, e->id);
		m->events[out++] = *e;
	}
	free(ids.slot);
	free(links.slot);
	k = m->nevent - out;
	m->nevent = out;
	return k;
}

/* Whether the space-separated list has the word w. */
static int
has_tag(const char *list, const char *w)
{
	size_t n = strlen(w);
	const char *p;

	for (p = list; p != NULL && *p != '\0'; p += strcspn(p, " ")) {
		p += strspn(p, " ");
		if (strncmp(p, w, n) == 0 && (p[n] == ' ' || p[n] == '\0'))
			return 1;
	}
	return 0;
}

size_t
model_select(struct tl_model *m, const struct select *s)
{
	size_t i, out = 0;
	const char *const *t;

	for (i = 0; i < m->nevent; i++) {
		const struct tl_event *e = &m->events[i];
		int keep = e->when.key_end >= s->since &&
		    e->when.key_start <= s->until;

		if (keep && s->tags != NULL) {
			for (t = s->tags; *t != NULL; t++)
				if (has_tag(e->tags, *t))
					break;
			keep = *t != NULL;
		}
		if (keep)
			m->events[out++] = *e;
	}
	i = m->nevent - out;
	m->nevent = out;
	return i;
}

void
model_title(struct tl_model *m, struct arena *a, const char *s)
{
	struct textb b;
	struct tl_pos p = { NULL, 0 };

	memset(&b, 0, sizeof(b));
	textb_begin(&b);
	textb_span(&b, 0, NULL);
	textb_put(&b, s);
	m->title = textb_take(&b, a, m->lang != NULL ? m->lang : "th", &p);
	textb_free(&b);
}

void
model_day(const struct tl_model *m, long long now, int *y, int *mo, int *d)
{
	if (m->date != NULL) {
		*y = m->date_y;
		*mo = m->date_m;
		*d = m->date_d;
		return;
	}
	now += m->zone != NULL ? tz_offset(m->zone, now) : 0;
	tz_date(now >= 0 ? now / 86400 : -((-now + 86399) / 86400), y, mo, d);
}

static size_t
u8len(unsigned char c)
{
	return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/*
 * Walk the raw source and the normalised text side by side from the start
 * of the text node that holds off: white space runs fold to one space,
 * references (&amp;) are one character, Thai is normalised (thai.c).
 */
void
text_locate(const struct tl_text *t, size_t off, const char **file,
    int *line, int *col)
{
	const struct tl_srcmap *m = NULL;
	struct tl_pos p;
	const char *raw, *end;
	char out[6];
	size_t i, k, used, ol;

	for (k = 0; k < t->nmap; k++) {
		if (t->map[k].start > off)
			break;
		m = &t->map[k];
	}
	if (m == NULL || m->pos.src == NULL || src_load(m->pos.src) != 0) {
		p = t->pos;
		*file = p.src ? p.src->name : NULL;
		pos_linecol(&p, line, col);
		return;
	}
	p = m->pos;
	raw = p.src->buf + p.off;
	end = p.src->buf + p.src->len;
	/* an element start (for <q>): its text begins after the tag */
	if (*raw == '<') {
		while (raw < end && *raw != '>')
			raw++;
		if (raw < end)
			raw++;
	}
	for (i = m->start; i < off && raw < end && *raw != '<'; ) {
		unsigned char tc = (unsigned char)t->s[i];

		if (strchr(" \t\r\n", *raw) != NULL) {
			if (tc == ' ') {
				while (raw < end && strchr(" \t\r\n", *raw))
					raw++;
				i++;
			} else
				raw++;
		} else if (*raw == '&') {
			while (raw < end && *raw != ';')
				raw++;
			raw++;
			i += u8len(tc);
		} else if ((used = thai_norm_at(raw, (size_t)(end - raw), out,
		    &ol)) > 0 && memcmp(t->s + i, out, ol) == 0) {
			raw += used;
			i += ol;
		} else {
			raw += u8len((unsigned char)*raw);
			i += u8len(tc);
		}
	}
	p.off = (size_t)(raw - p.src->buf);
	*file = p.src->name;
	pos_linecol(&p, line, col);
}

/* Whether the character at s (UTF-8) is a letter of the Latin script. */
static int
is_latin(const unsigned char *s)
{
	unsigned cp;

	if ((*s | 0x20) >= 'a' && (*s | 0x20) <= 'z')
		return 1;
	if (*s < 0xC3 || *s > 0xC9 || (s[1] & 0xC0) != 0x80)
		return 0;
	cp = (unsigned)(*s & 0x1F) << 6 | (s[1] & 0x3F);
	return cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7;
}

/* Whether the character at s ends a word: a space, a line end, U+00A0. */
static int
is_gap(const unsigned char *s)
{
	return *s == ' ' || *s == '\n' || *s == '\t' ||
	    (s[0] == 0xC2 && s[1] == 0xA0);
}

/*
 * Mark in conv[] each ASCII digit of s[0..len) that turns Thai: those of
 * the words (runs between spaces and line ends) with no Latin letter.
 * The number marked.
 */
static size_t
digits_mark(const char *str, size_t len, unsigned char *conv)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i, w, n = 0;
	int latin;

	for (i = 0; i < len; ) {
		while (i < len && is_gap(s + i))
			i++;
		latin = 0;
		for (w = i; w < len && !is_gap(s + w); w++)
			latin |= is_latin(s + w);
		for (; i < w; i++)
			if ((conv[i] = !latin && s[i] >= '0' && s[i] <= '9'))
				n++;
	}
	return n;
}

/* Byte off of the old text in the new one: 2 more a Thai digit before. */
static size_t
digits_moved(const unsigned char *conv, size_t off, size_t *at,
    size_t *added)
{
	for (; *at < off; (*at)++)
		*added += conv[*at] ? 2 : 0;
	return off + *added;
}

const struct tl_text *
text_thai_digits(struct arena *a, const struct tl_text *t)
{
	unsigned char *conv;
	struct tl_text *o;
	size_t i, j, n, at = 0, added = 0;

	if (t->len == 0)
		return t;
	conv = xcalloc(t->len, 1);
	if ((n = digits_mark(t->s, t->len, conv)) == 0) {
		free(conv);
		return t;
	}
	o = arena_alloc(a, sizeof(*o));
	*o = *t;
	o->len = t->len + 2 * n;
	o->s = arena_alloc(a, o->len + 1);
	for (i = j = 0; i < t->len; i++)
		if (conv[i]) {
			/* U+0E50 + the digit, in UTF-8 */
			o->s[j++] = (char)0xE0;
			o->s[j++] = (char)0xB9;
			o->s[j++] = (char)(0x90 + (t->s[i] - '0'));
		} else
			o->s[j++] = t->s[i];
	o->spans = arena_alloc(a, t->nspans * sizeof(*o->spans));
	for (i = 0; i < t->nspans; i++) {
		o->spans[i] = t->spans[i];
		o->spans[i].start = digits_moved(conv, t->spans[i].start, &at,
		    &added);
		o->spans[i].end = digits_moved(conv, t->spans[i].end, &at,
		    &added);
	}
	o->map = arena_alloc(a, t->nmap * sizeof(*o->map));
	for (i = at = added = 0; i < t->nmap; i++) {
		o->map[i] = t->map[i];
		o->map[i].start = digits_moved(conv, t->map[i].start, &at,
		    &added);
	}
	free(conv);
	return o;
}

size_t
event_date(const struct tl_event *e, const struct when_fmt *f, char *buf,
    size_t n)
{
	if (e->label != NULL)
		return (size_t)snprintf(buf, n, "%s", e->label);
	return when_format(&e->when, f, buf, n);
}

/* The first max characters of s, with an ellipsis when cut. */
static void
put_start(FILE *fp, const char *s, size_t max)
{
	size_t i = 0, n = 0;

	while (s[i] != '\0' && n < max) {
		i += u8len((unsigned char)s[i]);
		n++;
	}
	for (size_t k = 0; k < i; k++)
		putc(s[k] == '\n' || s[k] == '\t' ? ' ' : s[k], fp);
	if (s[i] != '\0')
		fputs("\xE2\x80\xA6", fp);		/* … */
}

void
model_dump(const struct tl_model *m, const struct when_fmt *f, FILE *fp)
{
	char date[256];
	size_t i;

	for (i = 0; i < m->nparts; i++)		/* a packet: its parts' */
		model_dump(&m->parts[i], f, fp);
	for (i = 0; i < m->nevent; i++) {
		const struct tl_event *e = &m->events[i];

		event_date(e, f, date, sizeof(date));
		fprintf(fp, "%s\t%s\t", e->when_raw, date);
		if (e->title != NULL)
			put_start(fp, e->title->s, 60);
		else if (e->npara > 0)
			put_start(fp, e->paras[0].s, 40);
		putc('\n', fp);
	}
}

/* t's text, spans, map and language copied into a; the bytes taken. */
static size_t
text_move(struct arena *a, struct tl_text *t)
{
	size_t i, n = t->len + 1;
	struct tl_span *sp;
	struct tl_srcmap *mp;

	t->s = arena_strndup(a, t->s, t->len);
	sp = arena_alloc(a, (t->nspans ? t->nspans : 1) * sizeof(*sp));
	for (i = 0; i < t->nspans; i++) {
		sp[i] = t->spans[i];
		if (sp[i].href != NULL) {
			sp[i].href = arena_strdup(a, sp[i].href);
			n += strlen(sp[i].href) + 1;
		}
	}
	t->spans = sp;
	mp = arena_alloc(a, (t->nmap ? t->nmap : 1) * sizeof(*mp));
	if (t->nmap > 0)
		memcpy(mp, t->map, t->nmap * sizeof(*mp));
	t->map = mp;
	if (t->lang != NULL)
		t->lang = arena_strdup(a, t->lang);
	return n + t->nspans * sizeof(*sp) + t->nmap * sizeof(*mp);
}

/* How much of the model goes into one arena of model_pack's. */
#define PACK_BYTES	(48 * 1024)

/*
 * For a model laid out once (tl_opts.once, which lets each event's
 * paragraphs and sources go once its pages are out): those of its events
 * moved, in printed order, into arenas of some 48 KiB each, let go with
 * the last event of each.  Read in another order (a document need not
 * be in order), they would go in small pieces all over the memory the
 * reading took, where the pages' contents made after them do not fit.
 * The events' arrays of paragraphs and sources are moved too; the
 * arenas they came from are cleared.  Only m's events: the inputs a
 * merged model was made from keep what they pointed to no more.
 */
void
model_pack(struct tl_model *m, struct arena *a)
{
	struct tl_event *owner = NULL;
	struct arena *g = NULL;
	size_t k, i, used = 0;

	for (k = 0; k < m->nevent; k++) {
		struct tl_event *e = &m->events[k];
		struct tl_text *paras;
		struct tl_source *srcs;
		struct arena *old = e->own;

		if (old == NULL)
			continue;
		if (g == NULL || used > PACK_BYTES) {
			if (owner != NULL)
				owner->own = g;
			g = arena_sub(a, 0);
			used = 0;
		}
		paras = arena_alloc(g, (e->npara ? e->npara : 1) *
		    sizeof(*paras));
		for (i = 0; i < e->npara; i++) {
			paras[i] = e->paras[i];
			used += text_move(g, &paras[i]) + sizeof(*paras);
		}
		e->paras = paras;
		srcs = arena_alloc(g, (e->nsource ? e->nsource : 1) *
		    sizeof(*srcs));
		for (i = 0; i < e->nsource; i++) {
			srcs[i] = e->sources[i];
			used += text_move(g, &srcs[i].text) + sizeof(*srcs);
			if (srcs[i].href != NULL)
				srcs[i].href = arena_strdup(g, srcs[i].href);
		}
		e->sources = srcs;
		arena_clear(old);
		e->own = NULL;
		owner = e;
	}
	if (owner != NULL)
		owner->own = g;
}
