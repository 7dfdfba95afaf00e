/*
 * model.c - the model's order, positions of text (through Thai
 * normalisation), the printed date of an event and the --dump listing.
 */
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
