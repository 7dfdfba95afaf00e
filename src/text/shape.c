/*
 * shape.c - itemise text into font and script runs, shape them with
 * HarfBuzz.  See shape.h for the contract.
 *
 * Shaping results are not cached here (the layout keeps shaped chunks):
 * a cache keyed by (font, word) would have to keep the context across
 * words.  One hb_buffer is reused for every run.
 */
#include <stdlib.h>
#include <string.h>

#include <hb.h>

#include "base/base.h"
#include "text.h"

struct shaper {
	hb_buffer_t	*buf;		/* (owned) */
	struct run	*runs;		/* (owned) */
	size_t		 nruns, runcap;
	struct glyph	*g;		/* (owned) all runs' glyphs */
	size_t		 ng, gcap;
	struct cinfo	*ci;		/* (owned) per character */
	size_t		 cicap;
	hb_language_t	 th, ko;
};

/* What itemisation knows about one character. */
struct cinfo {
	uint32_t	 cp;
	size_t		 off;		/* byte offset */
	struct font	*font;
	hb_script_t	 script;
	int		 mark;		/* combining mark or joiner */
};

struct shaper *
shaper_new(void)
{
	struct shaper *s = xcalloc(1, sizeof(*s));

	s->buf = hb_buffer_create();
	if (!hb_buffer_allocation_successful(s->buf))
		tl_oom();
	s->th = hb_language_from_string("th", -1);
	s->ko = hb_language_from_string("ko", -1);
	return s;
}

void
shaper_free(struct shaper *s)
{
	if (s == NULL)
		return;
	hb_buffer_destroy(s->buf);
	free(s->runs);
	free(s->g);
	free(s->ci);
	free(s);
}

enum shape_show
shape_char_show(uint32_t c)
{
	switch (hb_unicode_general_category(hb_unicode_funcs_get_default(),
	    c)) {
	case HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK:
	case HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK:
	case HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK:
		return SHOW_MARK;
	case HB_UNICODE_GENERAL_CATEGORY_CONTROL:
	case HB_UNICODE_GENERAL_CATEGORY_FORMAT:
	case HB_UNICODE_GENERAL_CATEGORY_SPACE_SEPARATOR:
	case HB_UNICODE_GENERAL_CATEGORY_UNASSIGNED:
	case HB_UNICODE_GENERAL_CATEGORY_SURROGATE:
		return SHOW_CODE;
	default:
		return SHOW_SELF;
	}
}

uint32_t
shape_utf8_next(const char *str, size_t len, size_t *i)
{
	const unsigned char *s = (const unsigned char *)str + *i;
	size_t left = len - *i, n, k;
	uint32_t c = s[0], min;

	if (c < 0x80) {
		*i += 1;
		return c;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
		c &= 0x1f;
		min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		c &= 0x0f;
		min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		c &= 0x07;
		min = 0x10000;
	} else
		goto bad;
	if (left < n)
		goto bad;
	for (k = 1; k < n; k++) {
		if ((s[k] & 0xc0) != 0x80)
			goto bad;
		c = c << 6 | (s[k] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		goto bad;
	*i += n;
	return c;
bad:
	*i += 1;
	return 0xfffd;
}

static int
is_mark(hb_unicode_funcs_t *uf, uint32_t cp)
{
	switch (hb_unicode_general_category(uf, cp)) {
	case HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK:
	case HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK:
	case HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK:
		return 1;
	default:
		break;
	}
	return cp == 0x200c || cp == 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f);
}

/* Controls (newline, tab): no glyph, no report. */
static int
is_control(hb_unicode_funcs_t *uf, uint32_t cp)
{
	return hb_unicode_general_category(uf, cp) ==
	    HB_UNICODE_GENERAL_CATEGORY_CONTROL;
}

static int
is_common(hb_script_t sc)
{
	return sc == HB_SCRIPT_COMMON || sc == HB_SCRIPT_INHERITED ||
	    sc == HB_SCRIPT_UNKNOWN;
}

static void
add_run(struct shaper *s, struct font *f, size_t start, size_t end,
    hb_script_t sc)
{
	struct run *r;

	if (s->nruns == s->runcap) {
		s->runcap = s->runcap ? s->runcap * 2 : 16;
		s->runs = xrealloc(s->runs, s->runcap * sizeof(*s->runs));
	}
	r = &s->runs[s->nruns++];
	memset(r, 0, sizeof(*r));
	r->font = f;
	r->start = start;
	r->end = end;
	r->script = (int)sc;
}

static void
shape_run(struct shaper *s, const char *text, size_t len, struct run *r)
{
	hb_unicode_funcs_t *uf = hb_unicode_funcs_get_default();
	hb_glyph_info_t *info;
	hb_glyph_position_t *pos;
	unsigned i, n;

	hb_buffer_clear_contents(s->buf);
	hb_buffer_add_utf8(s->buf, text, (int)len, (unsigned)r->start,
	    (int)(r->end - r->start));
	hb_buffer_set_direction(s->buf, HB_DIRECTION_LTR);
	hb_buffer_set_script(s->buf, (hb_script_t)r->script);
	if (r->script == HB_SCRIPT_THAI)
		hb_buffer_set_language(s->buf, s->th);
	else if (r->script == HB_SCRIPT_HANGUL)
		hb_buffer_set_language(s->buf, s->ko);
	hb_shape(r->font->hb, s->buf, NULL, 0);
	if (!hb_buffer_allocation_successful(s->buf))
		tl_oom();
	info = hb_buffer_get_glyph_infos(s->buf, &n);
	pos = hb_buffer_get_glyph_positions(s->buf, NULL);
	if (s->ng + n > s->gcap) {
		s->gcap = (s->ng + n) * 2;
		s->g = xrealloc(s->g, s->gcap * sizeof(*s->g));
	}
	/* r->g is an index until all runs are shaped (s->g may move). */
	r->g = (struct glyph *)(uintptr_t)s->ng;
	r->ng = n;
	r->adv = 0;
	for (i = 0; i < n; i++) {
		struct glyph *g = &s->g[s->ng++];
		size_t at = info[i].cluster;

		g->gid = info[i].codepoint;
		g->cluster = info[i].cluster;
		g->ax = pos[i].x_advance;
		g->dx = pos[i].x_offset;
		g->dy = pos[i].y_offset;
		if (at < len && is_control(uf, shape_utf8_next(text, len,
		    &at))) {
			/* An empty glyph: the layout deals with controls. */
			hb_codepoint_t sp;

			g->gid = hb_font_get_nominal_glyph(r->font->hb, ' ',
			    &sp) ? sp : 0;
			g->ax = g->dx = g->dy = 0;
		}
		r->adv += g->ax;
	}
}

int
shape_text(struct shaper *s, struct fontchain *chain, const char *text,
    size_t len, struct run **runs, size_t *nruns,
    void (*uncovered)(void *, size_t, uint32_t), void *ctx)
{
	hb_unicode_funcs_t *uf = hb_unicode_funcs_get_default();
	struct font *first;
	struct cinfo *ci;
	size_t n = 0, i, j, start;
	hb_script_t sc;

	s->nruns = 0;
	s->ng = 0;
	*runs = NULL;
	*nruns = 0;
	if (chain == NULL)
		return -1;
	first = fontchain_first(chain);
	if (len > (size_t)INT32_MAX)
		len = INT32_MAX;	/* HarfBuzz takes int lengths */
	if (s->cicap < len) {
		free(s->ci);
		s->cicap = len;
		s->ci = xmalloc(s->cicap * sizeof(*s->ci));
	}
	ci = s->ci;

	/* Characters, their natural fonts and scripts. */
	for (i = 0; i < len; n++) {
		struct cinfo *c = &ci[n];

		c->off = i;
		c->cp = shape_utf8_next(text, len, &i);
		c->script = hb_unicode_script(uf, c->cp);
		c->mark = is_mark(uf, c->cp);
		c->font = NULL;
	}

	/*
	 * Fonts, left to right: a mark keeps its base's font; Common
	 * characters (spaces, brackets, digits, punctuation) take the main
	 * font when it has them, so that the spaces and brackets around a
	 * fallback run are the text's own, else keep the previous font, else
	 * take the next strong character's font, when that font has them.
	 */
	for (i = 0; i < n; i++) {
		struct cinfo *c = &ci[i];
		struct font *f = NULL;

		if (!c->mark && is_common(c->script) && first != NULL &&
		    font_has(first, c->cp))
			f = first;
		if (f == NULL && i > 0 && (c->mark || is_common(c->script)) &&
		    font_has(ci[i - 1].font, c->cp))
			f = ci[i - 1].font;
		if (f == NULL && is_common(c->script) && !c->mark) {
			for (j = i + 1; j < n && is_common(ci[j].script); j++)
				continue;
			if (j < n) {
				struct font *nf = fontchain_font(chain,
				    ci[j].cp);

				if (nf != NULL && font_has(nf, c->cp))
					f = nf;
			}
		}
		if (f == NULL && is_control(uf, c->cp))
			f = i > 0 ? ci[i - 1].font : NULL;
		if (f == NULL)
			f = fontchain_font(chain, c->cp);
		if (f == NULL && is_control(uf, c->cp))
			f = first;
		if (f == NULL) {
			if (uncovered != NULL)
				uncovered(ctx, c->off, c->cp);
			f = first;
		}
		c->font = f;
	}

	/* Scripts: Common and Inherited take the previous, else the next. */
	sc = HB_SCRIPT_COMMON;
	for (i = 0; i < n; i++)
		if (!is_common(ci[i].script)) {
			sc = ci[i].script;
			break;
		}
	for (i = 0; i < n; i++) {
		if (is_common(ci[i].script))
			ci[i].script = sc;
		else
			sc = ci[i].script;
	}

	/* Runs of one font and one script. */
	for (i = 0, start = 0; i < n; i++)
		if (i + 1 == n || ci[i + 1].font != ci[start].font ||
		    ci[i + 1].script != ci[start].script) {
			add_run(s, ci[start].font, ci[start].off,
			    i + 1 < n ? ci[i + 1].off : len, ci[start].script);
			start = i + 1;
		}
	for (i = 0; i < s->nruns; i++)
		shape_run(s, text, len, &s->runs[i]);
	for (i = 0; i < s->nruns; i++)
		s->runs[i].g = s->g + (uintptr_t)s->runs[i].g;
	*runs = s->runs;
	*nruns = s->nruns;
	return 0;
}
