/*
 * ttfslim.c - a smaller embedded font program (see ttfslim.h).
 *
 * Layout of what is written: the same 12-byte header (the table count
 * does not change, nor do searchRange and the rest), the directory in the
 * same order, then each table's bytes at a 4-byte boundary in directory
 * order, zero-padded.  Offsets and lengths in the input are checked
 * against its length; anything odd makes ttf_slim give up, and the caller
 * embeds what libharu made.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "ttfslim.h"

#define MAX_TABLES	64

/* The OpenType checksum: big-endian words, the last one zero-padded. */
static uint32_t
table_sum(const unsigned char *p, size_t n)
{
	uint32_t s = 0;
	size_t i;

	for (i = 0; i + 4 <= n; i += 4)
		s += be32(p + i);
	if (i < n) {
		unsigned char last[4] = { 0, 0, 0, 0 };

		memcpy(last, p + i, n - i);
		s += be32(last);
	}
	return s;
}

static int
keep_name(uint32_t id)
{
	return id <= 7 || id == 14;
}

/*
 * 'name' with the records keep_name wants, in their order; NULL (keep the
 * table as it is) when it is not format 0 or does not hold together.
 */
static unsigned char *
slim_name(const unsigned char *t, size_t len, size_t *newlen)
{
	uint32_t count, so, i, k = 0, off;
	size_t strings = 0;
	unsigned char *o, *rec, *str;

	if (len < 6 || be16(t) != 0)
		return NULL;
	count = be16(t + 2);
	so = be16(t + 4);
	if (6 + 12 * (size_t)count > len || so > len)
		return NULL;
	for (i = 0; i < count; i++) {
		const unsigned char *r = t + 6 + 12 * i;

		if ((size_t)so + be16(r + 10) + be16(r + 8) > len)
			return NULL;
		if (keep_name(be16(r + 6))) {
			k++;
			strings += be16(r + 8);
		}
	}
	if (k == count)
		return NULL;
	*newlen = 6 + 12 * (size_t)k + strings;
	o = xcalloc(*newlen, 1);
	put_be16(o, 0);
	put_be16(o + 2, k);
	put_be16(o + 4, 6 + 12 * k);
	rec = o + 6;
	str = o + 6 + 12 * k;
	off = 0;
	for (i = 0; i < count; i++) {
		const unsigned char *r = t + 6 + 12 * i;
		uint32_t l = be16(r + 8);

		if (!keep_name(be16(r + 6)))
			continue;
		memcpy(rec, r, 8);		/* platform, encoding, language, id */
		put_be16(rec + 8, l);
		put_be16(rec + 10, off);
		memcpy(str + off, t + so + be16(r + 10), l);
		off += l;
		rec += 12;
	}
	return o;
}

/* 'post' as version 3: its 32-byte header, no glyph names. */
static unsigned char *
slim_post(const unsigned char *t, size_t len, size_t *newlen)
{
	unsigned char *o;

	if (len <= 32)
		return NULL;
	o = xmalloc(32);
	memcpy(o, t, 32);
	put_be32(o, 0x00030000);
	*newlen = 32;
	return o;
}

size_t
ttf_slim(const unsigned char *in, size_t len, unsigned char **out)
{
	const unsigned char *src[MAX_TABLES];
	unsigned char *made[MAX_TABLES], *o, *head = NULL;
	size_t tlen[MAX_TABLES], total, pos;
	uint32_t n, i, ver;
	int changed = 0;

	*out = NULL;
	if (len < 12)
		return 0;
	ver = be32(in);
	n = be16(in + 4);
	if ((ver != 0x00010000 && ver != 0x74727565) || n == 0 ||
	    n > MAX_TABLES || 12 + 16 * (size_t)n > len)
		return 0;
	total = 12 + 16 * (size_t)n;
	for (i = 0; i < n; i++) {
		const unsigned char *r = in + 12 + 16 * i;
		uint32_t tag = be32(r), off = be32(r + 8), l = be32(r + 12);

		if (off > len || l > len - off) {
			while (i-- > 0)
				free(made[i]);
			return 0;
		}
		src[i] = in + off;
		tlen[i] = l;
		made[i] = NULL;
		if (tag == 0x6e616d65)		/* name */
			made[i] = slim_name(in + off, l, &tlen[i]);
		else if (tag == 0x706f7374)	/* post */
			made[i] = slim_post(in + off, l, &tlen[i]);
		if (made[i] != NULL) {
			src[i] = made[i];
			changed = 1;
		}
		total += (tlen[i] + 3) & ~(size_t)3;
	}
	if (!changed)
		return 0;

	o = xcalloc(total, 1);
	memcpy(o, in, 12);
	pos = 12 + 16 * (size_t)n;
	for (i = 0; i < n; i++) {
		unsigned char *r = o + 12 + 16 * i;
		uint32_t tag = be32(in + 12 + 16 * i);

		memcpy(o + pos, src[i], tlen[i]);
		if (tag == 0x68656164 && tlen[i] >= 12) {	/* head */
			head = o + pos;
			put_be32(head + 8, 0);
		}
		put_be32(r, tag);
		put_be32(r + 4, table_sum(o + pos, tlen[i]));
		put_be32(r + 8, (uint32_t)pos);
		put_be32(r + 12, (uint32_t)tlen[i]);
		pos += (tlen[i] + 3) & ~(size_t)3;
		free(made[i]);
	}
	if (head != NULL)
		put_be32(head + 8, 0xB1B0AFBAu - table_sum(o, total));
	*out = o;
	return total;
}
