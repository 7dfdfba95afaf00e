/*
 * layout.c - the briefing layout: a title block, an optional contents
 * page, the intro, then the timeline with each event's date beside it (or
 * above it), its title, paragraphs and sources; running heads and feet
 * with page X of Y; the classification banner; then the PDF (draw.c) or
 * the text dump (dump.c).
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/base.h"
#include "text/text.h"
#include "layout.h"
#include "layout_int.h"
#include "input/input.h"

#define PT(u)	((double)(u) / U_PER_PT)

/* Fixed strings, in the style's language. */
struct strings {
	const char	*cont;		/* continuation mark */
	const char	*contents;	/* contents heading */
	const char	*source;	/* source prefix */
};

static const struct strings str_th = { "(ต่อ)", "สารบัญ", "ที่มา: " };
static const struct strings str_en = { "(continued)", "Contents",
	"Source: " };

/* A running slot as last cut short (see running). */
struct slotcut {
	const char	*text;		/* (arena) as expanded */
	int32_t		 room;
	const struct pset *ps;
};

struct lay {
	struct lctx	 c;
	struct doclayout *dl;		/* (owned) until returned */
	const struct strings *s;
	struct arena	*a;
	const struct style *st;
	const struct tl_model *m;
	char		 date[64];	/* the document date, printed */
	struct when_fmt	 fmt;		/* how dates print */
	struct slotcut	 cut[2][3];	/* header, footer; left, centre, right */
	const char	**mtitle;	/* (arena) by event: its bookmark's title */
	const struct tl_model *top;	/* the document, or the packet */
	struct partinfo {
		const struct tl_model *m;	/* (borrowed) */
		const char	**mtitle;	/* (arena) */
		size_t		 first, last;	/* its pages */
		size_t		 mark;		/* its own mark, then its events' */
	}		*parts;		/* (arena) a packet's */
	size_t		 nparts;
	const char	*cls;		/* the banner of the page furnished */
	const struct tl_pos *cls_pos;
	const struct layout_sink *sink;	/* (borrowed) or NULL */
	int		 once;		/* layout_opts.once, with a sink */
	size_t		 first_body;	/* the first page after the contents */
	size_t		 out;		/* the next body page to hand out */
	struct {
		struct arena	*a;	/* (owned) a block's lines */
		struct arena	*text;	/* (borrowed) its event's paragraphs
					   and sources, let go with it
					   (layout_opts.once), or NULL */
		size_t		 last;	/* the last page it is on */
	}		*live;		/* (owned) blocks not yet freed */
	size_t		 nlive, caplive;
};

/* Rows of a paragraph set, appended to a growing array. */
static struct row *
rows_add(struct lay *L, struct row *rows, size_t *n, size_t *cap,
    const struct pset *ps, enum row_kind kind, int para, int32_t space,
    int32_t x, const char *label)
{
	size_t k;

	for (k = 0; k < ps->nlines; k++) {
		struct row *r;

		if (*n == *cap) {
			*cap = *cap ? *cap * 2 : 16;
			rows = arena_grow(L->a, rows, *n, *cap, sizeof(*rows));
		}
		r = &rows[(*n)++];
		memset(r, 0, sizeof(*r));
		r->kind = kind;
		r->space = k == 0 ? space : 0;
		r->height = ps->lines[k].leading;
		r->text = &ps->lines[k];
		r->x = x;
		r->para = para;
		r->line = (int)k;
		r->nlines = (int)ps->nlines;
		r->label = label;
		r->lang = ps->text != NULL ? ps->text->lang : NULL;
	}
	return rows;
}

/*
 * t as the style prints the document's text: with Thai digits when it
 * asks (text-digits); in L's arena.
 */
static const struct tl_text *
doc_text(struct lay *L, const struct tl_text *t)
{
	return L->st->text_digits ? text_thai_digits(L->a, t) : t;
}

/* The same for a string of the document's. */
static const char *
doc_str(struct lay *L, const char *s, const char *lang)
{
	return L->st->text_digits ? doc_text(L, para_plain(L->a, s,
	    lang))->s : s;
}

/*
 * The printed date of e into buf, as event_date: a label is the
 * document's text, and takes its digits as the text does.
 */
static size_t
date_of(struct lay *L, const struct tl_event *e, char *buf, size_t n)
{
	if (e->label == NULL || !L->st->text_digits)
		return event_date(e, &L->fmt, buf, n);
	return (size_t)snprintf(buf, n, "%s", doc_str(L, e->label, "th"));
}

static struct tl_text *
source_text(struct lay *L, const struct tl_source *src, const char *lang)
{
	char *s = arena_alloc(L->a, strlen(L->s->source) + src->text.len + 1);
	struct tl_text *t;

	strcpy(s, L->s->source);
	strcat(s, src->text.s);
	t = para_plain(L->a, s, lang);
	if (src->href != NULL) {
		t->spans[0].style = TL_LINK;
		t->spans[0].href = src->href;
	}
	t->map = src->text.map;		/* positions for diagnostics */
	t->nmap = 0;
	t->pos = src->text.pos;
	return t;
}

static const char *mark_title(struct lay *, const struct tl_event *,
	    const unsigned char *);

static void
block_event(struct lay *L, const struct tl_event *e, struct block *bl)
{
	const struct style *st = L->st;
	int32_t w = L->dl->w, dw = st->date_width, tx = 0, tw = w;
	struct row *rows = NULL;
	size_t n = 0, cap = 0, k;
	const struct pset *date = NULL, *title = NULL;
	char buf[256];
	int para = 0;

	date_of(L, e, buf, sizeof(buf));
	if (dw > 0) {
		tx = dw;
		tw = w - dw;
		date = para_set(&L->c, para_plain_at(L->a, buf, e->paras ?
		    e->paras[0].lang : "th", e->label != NULL ? &e->label_pos :
		    NULL), ROLE_DATE, dw - 12 * U_PER_PT, 0, ALIGN_LEFT);
	}
	if (dw == 0 || date->nlines > 1) {
		/*
		 * On a line of its own above the text: always without a date
		 * column, and for a date too long for the column, whose lines
		 * would otherwise interleave with the text when read back
		 */
		date = para_set(&L->c, para_plain_at(L->a, buf, "th",
		    e->label != NULL ? &e->label_pos : NULL), ROLE_DATE,
		    w, 0, ALIGN_LEFT);
		rows = rows_add(L, rows, &n, &cap, date, ROW_DATE, -1,
		    st->event_space, 0, "date");
		dw = 0;
	}
	bl->date = date->nlines > 0 ? &date->lines[0] : NULL;
	if (e->title != NULL) {
		int32_t used;

		title = para_balanced(&L->c, doc_text(L, e->title), ROLE_EVENT,
		    tw, ALIGN_LEFT, &used);
		L->mtitle[e - L->m->events] = mark_title(L, e, L->c.cls);
		rows = rows_add(L, rows, &n, &cap, title, ROW_HEAD, -1,
		    n == 0 ? st->event_space : 0, tx, "event-title");
	}
	bl->head = n;
	for (k = 0; k < e->npara; k++) {
		const struct pset *ps = para_set(&L->c, doc_text(L,
		    &e->paras[k]), ROLE_BODY, tw, st->indent, st->align);

		if (k == 0 && e->title == NULL)
			L->mtitle[e - L->m->events] = mark_title(L, e,
			    L->c.cls);
		rows = rows_add(L, rows, &n, &cap, ps, ROW_PARA, para++,
		    n == 0 ? st->event_space : k > 0 ? st->para_space : 0, tx,
		    "p");
	}
	for (k = 0; k < e->nsource; k++) {
		const struct pset *ps = para_set(&L->c, doc_text(L,
		    source_text(L, &e->sources[k], e->sources[k].text.lang)),
		    ROLE_SMALL, tw, 0, ALIGN_LEFT);

		rows = rows_add(L, rows, &n, &cap, ps, ROW_SOURCE, para++,
		    k == 0 ? st->para_space / 2 : 0, tx, "source");
	}
	/* the date beside the first rows, on their baselines */
	if (dw > 0)
		for (k = 0; k < date->nlines; k++) {
			if (k == n) {
				if (n == cap) {
					cap = cap ? cap * 2 : 4;
					rows = arena_grow(L->a, rows, n, cap,
					    sizeof(*rows));
				}
				memset(&rows[n], 0, sizeof(rows[n]));
				rows[n].para = -1;
				rows[n].height = date->lines[k].leading;
				n++;
			}
			rows[k].side = &date->lines[k];
		}
	bl->rows = rows;
	bl->nrows = n;
	bl->event = e;
	bl->whole = n <= 6;
}

/* "(continued)" beside or above the top of a continued event. */
static struct pline *
cont_line(void *ctx, const struct block *bl)
{
	struct lay *L = ctx;
	char buf[320];
	const struct pset *ps;

	date_of(L, bl->event, buf, 256);
	strcat(buf, " ");
	strcat(buf, L->s->cont);
	ps = para_set(&L->c, para_plain(L->a, buf, "th"), ROLE_DATE,
	    L->st->date_width > 0 ? L->st->date_width - 12 * U_PER_PT :
	    L->dl->w, 0, ALIGN_LEFT);
	return ps->nlines > 0 ? &ps->lines[0] : NULL;
}

static void
block_title(struct lay *L, struct block *bl)
{
	const struct tl_model *m = L->m;
	const struct pset *ps;
	struct row *rows = NULL;
	size_t n = 0, cap = 0;
	int32_t w = L->dl->w, used;
	char buf[512];

	ps = para_balanced(&L->c, doc_text(L, m->title), ROLE_HEADING, w,
	    ALIGN_CENTER, &used);
	rows = rows_add(L, rows, &n, &cap, ps, ROW_TITLE, 0, 0, (w - used) / 2,
	    "title");
	if (m->subtitle != NULL) {
		ps = para_balanced(&L->c, doc_text(L, m->subtitle), ROLE_ITALIC,
		    w, ALIGN_CENTER, &used);
		rows = rows_add(L, rows, &n, &cap, ps, ROW_TITLE, 1,
		    L->st->para_space, (w - used) / 2, "subtitle");
	}
	buf[0] = '\0';
	if (m->author != NULL)
		snprintf(buf, sizeof(buf), "%s", m->author);
	if (m->organization != NULL)
		snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), "%s%s",
		    buf[0] ? " · " : "", m->organization);
	if (m->date != NULL && m != L->top) {	/* a part's own date */
		struct when_point p;
		char date[64];

		memset(&p, 0, sizeof(p));
		p.year = m->date_y;
		p.month = m->date_m;
		p.day = m->date_d;
		p.prec = WHEN_DAY;
		when_format_point(&p, &L->fmt, date, sizeof(date));
		snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), "%s%s",
		    buf[0] ? " · " : "", date);
	} else if (m->date != NULL)
		snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), "%s%s",
		    buf[0] ? " · " : "", L->date);
	if (buf[0] != '\0')
		rows = rows_add(L, rows, &n, &cap, para_set(&L->c,
		    para_plain(L->a, buf, m->lang), ROLE_SMALL, w, 0,
		    ALIGN_CENTER), ROW_TITLE, 2, L->st->para_space, 0, "byline");
	bl->rows = rows;
	bl->nrows = n;
	bl->whole = 1;
	/* space after the block: carried by the next block's first row */
}

static void
block_intro(struct lay *L, struct block *bl)
{
	struct row *rows = NULL;
	size_t n = 0, cap = 0, k;

	for (k = 0; k < L->m->nintro; k++)
		rows = rows_add(L, rows, &n, &cap, para_set(&L->c, doc_text(L,
		    &L->m->intro[k]), ROLE_BODY, L->dl->w, L->st->indent,
		    L->st->align), ROW_PARA, (int)k, k == 0 ?
		    2 * L->st->event_space : L->st->para_space, 0, "intro");
	bl->rows = rows;
	bl->nrows = n;
}

/*
 * s set on one line of width w: whole when it fits, else cut after its
 * last word that leaves room for "…" (never inside a word or a cluster,
 * never in its first keep bytes), and "…" added.  A first word wider than
 * w is cut between characters, as in any line.
 */
static const struct pset *
one_line(struct lay *L, const char *s, const char *lang,
    enum style_role role, int32_t w, enum style_align al, size_t keep)
{
	static const char ell[] = "\xE2\x80\xA6";
	const struct pset *ps, *cut;
	int32_t ew, avail;
	size_t end, len = strlen(s);
	char *buf;
	int tries;

	ps = para_set(&L->c, para_plain(L->a, s, lang), role, w, 0, al);
	if (ps->nlines <= 1)
		return ps;
	cut = para_set(&L->c, para_plain(L->a, ell, lang), role, w, 0,
	    ALIGN_LEFT);
	ew = cut->nlines > 0 ? cut->lines[0].width : 0;
	buf = arena_alloc(L->a, len + sizeof(ell));
	for (avail = w - ew, tries = 0; tries < 4 && avail > 0;
	    avail -= ew, tries++) {
		cut = para_set(&L->c, para_plain(L->a, s, lang), role, avail,
		    0, ALIGN_LEFT);
		if (cut->nlines == 0)
			break;
		end = cut->lines[0].end;
		while (end > keep && s[end - 1] == ' ')
			end--;
		if (end <= keep)
			end = cut->lines[0].end;
		memcpy(buf, s, end);
		memcpy(buf + end, ell, sizeof(ell));
		ps = para_set(&L->c, para_plain(L->a, buf, lang), role, w, 0,
		    al);
		if (ps->nlines <= 1)
			break;
	}
	return ps;
}

/* The contents entries, one line each; page numbers come after the flow. */
/*
 * The contents: each entry its date in a column, its title in another,
 * wrapping there when long (an event without a title: the start of its
 * text, on one line), and its page number (toc_finish) in a third,
 * beside its last line.
 */
static void
block_toc(struct lay *L, struct block *bl)
{
	struct row *rows = NULL;
	size_t n = 0, cap = 0, k, first;
	int32_t w = L->dl->w, dw = 0, tw;
	const struct pset **dates;

	rows = rows_add(L, rows, &n, &cap, para_set(&L->c, para_plain(L->a,
	    L->s->contents, L->st->lang), ROLE_EVENT, w, 0, ALIGN_LEFT),
	    ROW_HEAD, -1, 2 * L->st->event_space, 0, "contents");
	/* the date column: as wide as the widest date up to a quarter of
	   the line; a wider date has a line of its own */
	dates = arena_alloc(L->a, (L->m->nevent + 1) * sizeof(*dates));
	for (k = 0; k < L->m->nevent; k++) {
		char buf[256];

		date_of(L, &L->m->events[k], buf, sizeof(buf));
		dates[k] = para_set(&L->c, para_plain(L->a, buf, "th"),
		    ROLE_SMALL, w, 0, ALIGN_LEFT);
		if (dates[k]->nlines > 0 && dates[k]->lines[0].width > dw &&
		    dates[k]->lines[0].width <= w / 4)
			dw = dates[k]->lines[0].width;
	}
	dw += 8 * U_PER_PT;
	tw = w - dw - 40 * U_PER_PT;
	for (k = 0; k < L->m->nevent; k++) {
		const struct tl_event *e = &L->m->events[k];
		const struct pset *ps;
		size_t j;
		int wide;

		if (e->title != NULL)
			ps = para_set(&L->c, doc_text(L, e->title), ROLE_SMALL,
			    tw, 0, ALIGN_LEFT);
		else
			ps = one_line(L, doc_str(L, e->paras[0].s, "th"), "th",
			    ROLE_SMALL, tw, ALIGN_LEFT, 0);
		if (ps->nlines == 0)
			ps = dates[k];
		wide = dates[k]->nlines > 0 && dates[k]->lines[0].width >
		    dw - 8 * U_PER_PT;
		if (wide) {			/* the date above the title */
			rows = rows_add(L, rows, &n, &cap, dates[k], ROW_PARA,
			    -1, k == 0 ? L->st->para_space : 0, 0, "toc-date");
			rows[n - 1].para = -1;
		}
		first = n;
		rows = rows_add(L, rows, &n, &cap, ps, ROW_PARA, -1,
		    k == 0 && !wide ? L->st->para_space : 0, dw, "toc");
		for (j = first; j < n; j++) {
			rows[j].para = -1;
			if (j + 1 < n)		/* the number goes by the last */
				rows[j].label = "toc-more";
		}
		rows[first].more = dates[k]->nlines > 0;
		if (dates[k]->nlines > 0 && !wide) {
			rows[first].side = &dates[k]->lines[0];
			rows[first].side_label = "toc-date";
		}
	}
	bl->rows = rows;
	bl->nrows = n;
}

/* After the flow: leaders, page numbers and links for contents lines. */
static void
toc_finish(struct lay *L)
{
	size_t p, b, k = 0;
	char num[32], dig[64];

	for (p = 0; p < L->dl->npages && k < L->dl->nmarks; p++) {
		struct page *pg = &L->dl->pages[p];

		/* an entry's number, leader and link come right after it,
		   as the PDF's structure reads them */
		for (b = 0; b < pg->nbox && k < L->dl->nmarks; b++) {
			struct pbox *bx = &pg->boxes[b], *nb;
			const struct pset *ps;
			int32_t x0, y0, w, h, nx;

			if (bx->kind != PBOX_LINE || bx->label == NULL ||
			    strcmp(bx->label, "toc") != 0)
				continue;
			page_area(L->st, p, &x0, &y0, &w, &h);
			snprintf(num, sizeof(num), "%d",
			    L->dl->marks[k].page + 1);
			when_digits(num, L->st->datefmt.digits, dig,
			    sizeof(dig));
			ps = para_set(&L->c, para_plain(L->a, dig, "th"),
			    ROLE_SMALL, w, 0, ALIGN_RIGHT);
			if (ps->nlines == 0)
				continue;
			nx = x0 + w - ps->lines[0].width;
			nb = page_insert(pg, b + 1, PBOX_LINE);
			bx = &pg->boxes[b];	/* page_insert may move boxes */
			nb->x = x0;
			nb->y = bx->y;
			nb->line = &ps->lines[0];
			nb->label = "toc-page";
			nb = page_insert(pg, b + 2, PBOX_LEADER);
			bx = &pg->boxes[b];
			nb->x = bx->x + bx->line->width + 4 * U_PER_PT;
			nb->y = bx->y;
			nb->w = nx - 4 * U_PER_PT - nb->x;
			nb->rgb = L->st->rule_rgb;
			nb->label = "leader";
			nb = page_insert(pg, b + 3, PBOX_LINK);
			bx = &pg->boxes[b];
			nb->x = x0;
			nb->y = bx->y + bx->line->leading / 4;
			nb->w = w;
			nb->h = bx->line->leading;
			nb->target = L->dl->marks[k].page;
			nb->target_y = L->dl->marks[k].y;
			nb->label = "toc-link";
			k++;
			b += 3;
		}
	}
}

/* Expand {title} {event} {period} {page} {pages} {date} into buf. */
static void
expand(struct lay *L, const char *tpl, size_t pageno, const struct page *pg,
    char *buf, size_t n)
{
	size_t o = 0;
	char tmp[512], num[32];

	buf[0] = '\0';
	while (*tpl != '\0' && o + 1 < n) {
		const char *v = NULL;

		if (*tpl == '{') {
			const char *e = strchr(tpl, '}');
			size_t fl = e ? (size_t)(e - tpl - 1) : 0;

			tmp[0] = '\0';
			if (e != NULL && fl == 5 && !strncmp(tpl + 1, "title", 5))
				v = doc_str(L, L->m->title->s,
				    L->m->lang);
			else if (e != NULL && fl == 5 &&
			    !strncmp(tpl + 1, "event", 5)) {
				if (pg->event != NULL)
					date_of(L, pg->event, tmp,
					    sizeof(tmp));
				v = tmp;
			} else if (e != NULL && fl == 6 &&
			    !strncmp(tpl + 1, "period", 6)) {
				if (pg->event != NULL) {
					struct when w;

					memset(&w, 0, sizeof(w));
					w.a.year = pg->event->when.a.year / 10
					    * 10;
					w.a.prec = WHEN_DECADE;
					if (pg->event->when.a.open)
						w.a.year = pg->event->when.b.year
						    / 10 * 10;
					when_format(&w, &L->fmt, tmp,
					    sizeof(tmp));
				}
				v = tmp;
			} else if (e != NULL && fl == 4 &&
			    !strncmp(tpl + 1, "page", 4)) {
				snprintf(num, sizeof(num), "%zu", pageno);
				when_digits(num, L->st->datefmt.digits, tmp,
				    sizeof(tmp));
				v = tmp;
			} else if (e != NULL && fl == 5 &&
			    !strncmp(tpl + 1, "pages", 5)) {
				snprintf(num, sizeof(num), "%zu",
				    L->dl->npages);
				when_digits(num, L->st->datefmt.digits, tmp,
				    sizeof(tmp));
				v = tmp;
			} else if (e != NULL && fl == 4 &&
			    !strncmp(tpl + 1, "date", 4))
				v = L->date;
			if (e != NULL && v != NULL) {
				o += (size_t)snprintf(buf + o, n - o, "%s", v);
				if (o >= n)
					o = n - 1;
				tpl = e + 1;
				continue;
			}
		}
		buf[o++] = *tpl++;
		buf[o] = '\0';
	}
}

/*
 * The running header or footer of page p, its baseline at base.  The
 * centre slot is centred on the text area, the right one ends at its right
 * edge; the left and right ones give way to it, and the left one to the
 * right one when there is no centre, with an em between: a slot that
 * would run into another is cut after a word and ends in "…".
 */
static void
running(struct lay *L, const struct style_running *sr, size_t p,
    int32_t base, int rule_below)
{
	struct page *pg = &L->dl->pages[p];
	const char *slot[3] = { sr->left, sr->center, sr->right };
	char buf[3][1024];
	const struct pset *ps[3] = { NULL, NULL, NULL };
	int32_t x0, y0, w, h, nat[3] = { 0, 0, 0 }, room[3], gap, side;
	int k, any = 0;

	if (p == 0 && !sr->first_page)
		return;
	page_area(L->st, p, &x0, &y0, &w, &h);
	for (k = 0; k < 3; k++) {
		if (slot[k] == NULL || slot[k][0] == '\0')
			continue;
		expand(L, slot[k], p + 1, pg, buf[k], sizeof(buf[k]));
		if (buf[k][0] == '\0')
			continue;
		/* on one line, however long */
		ps[k] = para_set(&L->c, para_plain(L->a, buf[k], L->st->lang),
		    ROLE_HEADER, 1000000 * U_PER_PT, 0, ALIGN_LEFT);
		if (ps[k]->nlines == 0)
			ps[k] = NULL;
		else
			nat[k] = ps[k]->lines[0].width;
	}
	gap = L->st->font[ROLE_HEADER].size;
	room[1] = room[2] = w;
	if (ps[1] != NULL) {
		side = (w - (nat[1] < w ? nat[1] : w)) / 2 - gap;
		room[0] = room[2] = side;
	} else if (ps[2] != NULL)
		room[0] = w - (nat[2] < w ? nat[2] : w) - gap;
	else
		room[0] = w;
	for (k = 0; k < 3; k++) {
		const struct pline *l;
		struct pbox *b;

		if (ps[k] == NULL || room[k] <= 0)
			continue;
		if (nat[k] > room[k]) {
			/* the same text as on the page before, mostly */
			struct slotcut *c = &L->cut[sr != &L->st->header][k];

			if (c->text == NULL || c->room != room[k] ||
			    strcmp(c->text, buf[k]) != 0) {
				/* kept for the pages after: in the layout's
				   arena, not the page's, freed once handed
				   out */
				struct arena *pa = L->a;

				L->a = L->c.a = L->dl->arena;
				c->text = arena_strdup(L->a, buf[k]);
				c->room = room[k];
				c->ps = one_line(L, buf[k], L->st->lang,
				    ROLE_HEADER, room[k], ALIGN_LEFT, 0);
				L->a = L->c.a = pa;
			}
			ps[k] = c->ps;
		}
		l = &ps[k]->lines[0];
		b = page_add(pg, PBOX_LINE);
		b->x = k == 0 ? x0 : k == 1 ? x0 + (w - l->width) / 2 :
		    x0 + w - l->width;
		b->y = base;
		b->line = l;
		b->label = "running";
		any = 1;
	}
	if (any && sr->rule) {
		struct pbox *b = page_add(pg, PBOX_RULE);
		int32_t lead = L->st->font[ROLE_HEADER].leading;

		b->x = x0;
		b->y = rule_below ? base + lead / 3 : base - lead;
		b->w = w;
		b->h = 400;		/* 0.4 pt */
		b->rgb = L->st->rule_rgb;
		b->label = "rule";
	}
}

/* The baselines of the running header and footer. */
static int32_t
head_base(const struct style *st)
{
	return st->margin_top - st->font[ROLE_HEADER].leading;
}

static int32_t
foot_base(const struct style *st)
{
	return st->page_h - st->margin_bottom +
	    st->font[ROLE_HEADER].leading * 3 / 2;
}

static int
has_slots(const struct style_running *r)
{
	return r->left != NULL || r->center != NULL || r->right != NULL;
}

/*
 * The banner's baselines, the same on every page: its line a third of
 * the way into the top margin and as far from the bottom edge, but clear
 * of a running head or foot, which may stand at the centre too ("- ๒ -"
 * in the official style) and is moved past by the banner, a quarter of
 * its size apart.  Heights are the nominal ones of set lines: 4/5 of the
 * size above the baseline, 1/5 below.
 */
static void
banner_bases(const struct style *st, int32_t *top, int32_t *bottom)
{
	int32_t size = st->font[ROLE_BANNER].size;
	int32_t hs = st->font[ROLE_HEADER].size;
	int32_t asc = size * 4 / 5, desc = size / 5, gap = size / 4;

	*top = st->margin_top / 3 + asc;
	if (has_slots(&st->header) && *top > head_base(st) - hs * 4 / 5 -
	    gap - desc)
		*top = head_base(st) - hs * 4 / 5 - gap - desc;
	*bottom = st->page_h - st->margin_bottom / 3 - desc;
	if (has_slots(&st->footer) && *bottom < foot_base(st) + hs / 5 +
	    gap + asc)
		*bottom = foot_base(st) + hs / 5 + gap + asc;
}

/* The classification at the top and bottom of page p, in its own font. */
static void
banner(struct lay *L, size_t p)
{
	const struct pset *ps;
	int32_t x0, y0, w, h, base[2];
	size_t k;

	page_area(L->st, p, &x0, &y0, &w, &h);
	ps = para_set(&L->c, para_plain_at(L->a, L->cls, L->m->lang,
	    L->cls_pos), ROLE_BANNER, w, 0, ALIGN_CENTER);
	if (ps->nlines == 0)
		return;
	banner_bases(L->st, &base[0], &base[1]);
	for (k = 0; k < 2; k++) {
		struct pbox *b = page_add(&L->dl->pages[p], PBOX_LINE);

		b->x = x0;
		b->y = base[k];
		b->line = &ps->lines[0];
		b->label = "banner";
	}
}

/*
 * The document's date: its meta's, else the run's (o->date): printed as
 * its day in the document's zone, in the information as UTC.
 */
static void
doc_date(struct lay *L, time_t now)
{
	struct docinfo *in = &L->dl->info;
	struct when_point p;
	struct tm tm;

	if (L->m->date != NULL) {
		in->y = L->m->date_y;
		in->mo = L->m->date_m;
		in->d = L->m->date_d;
	} else {
		gmtime_r(&now, &tm);
		in->y = tm.tm_year + 1900;
		in->mo = tm.tm_mon + 1;
		in->d = tm.tm_mday;
		in->h = tm.tm_hour;
		in->mi = tm.tm_min;
		in->s = tm.tm_sec;
	}
	/* the day printed is the document's zone's, the creation date UTC */
	memset(&p, 0, sizeof(p));
	model_day(L->m, (long long)now, &p.year, &p.month, &p.day);
	p.prec = WHEN_DAY;
	when_format_point(&p, &L->fmt, L->date, sizeof(L->date));
	in->title = L->m->title->s;
	in->author = L->m->author;
	in->subject = L->m->subtitle ? L->m->subtitle->s : NULL;
	in->keywords = L->m->keywords;
	in->lang = L->m->lang;
}

/*
 * The watermark, set once: as wide as half the page's diagonal, at most
 * 200 pt high (a short word is large, a long one shrinks to fit), centred
 * on the page along its diagonal, at 45 degrees.
 */
static void
watermark(struct lay *L)
{
	const struct pset *ps = para_set(&L->c, para_plain(L->a,
	    L->st->watermark, L->st->lang), ROLE_HEADING,
	    1000000 * U_PER_PT, 0, ALIGN_LEFT);
	struct watermark *wm = &L->dl->wm;
	const struct pline *l;
	double pw = PT(L->st->page_w), ph = PT(L->st->page_h), k, w, size;

	if (ps->nlines == 0 || ps->lines[0].width <= 0)
		return;
	l = &ps->lines[0];
	size = PT(L->st->font[ROLE_HEADING].size);
	k = 0.5 * sqrt(pw * pw + ph * ph) / PT(l->width);
	if (size * k > 200)
		k = 200 / size;
	w = PT(l->width) * k;
	wm->line = l;
	wm->scale = k;
	wm->alpha = 0.2;
	wm->x = pw / 2 - w / 2 * 0.7071 + PT(l->ascent) * k * 0.35;
	wm->y = ph / 2 - w / 2 * 0.7071 - PT(l->ascent) * k * 0.35;
}

/*
 * A bookmark's title: the date, then the title or the first words, at most
 * 48 characters of them, cut after a word (else between clusters) and
 * ended with "…".  cls: the break classes of that text as the layout
 * found them when it set it (c->cls after para_set), so that the text is
 * not broken again.
 */
static const char *
mark_title(struct lay *L, const struct tl_event *e, const unsigned char *cls)
{
	const char *s = doc_str(L, e->title ? e->title->s : e->npara ?
	    e->paras[0].s : "", "th");
	char buf[512];
	size_t len = date_of(L, e, buf, sizeof(buf)), i, k;
	size_t cut = 0;
	unsigned char *cl;

	if (len + 2 >= sizeof(buf))
		return arena_strdup(L->dl->arena, buf);
	buf[len++] = ' ';
	for (i = k = 0; s[i] != '\0' && k < 48; k++) {
		i++;
		while ((s[i] & 0xC0) == 0x80)
			i++;
	}
	if (s[i] != '\0') {
		for (k = i; k > 0 && cut == 0; k--)
			if (cls[k] == BRK_WORD || cls[k] == BRK_SPACE)
				cut = k;
		if (cut == 0) {
			cl = xmalloc(strlen(s) + 1);
			if (brk_clusters(L->c.brk, s, strlen(s), cl) == 0)
				for (k = i; k > 0 && cut == 0; k--)
					if (cl[k])
						cut = k;
			free(cl);
		}
		i = cut > 0 ? cut : i;
		while (i > 0 && s[i - 1] == ' ')
			i--;
	}
	snprintf(buf + len, sizeof(buf) - len, "%.*s%s", (int)i, s,
	    s[i] ? "…" : "");
	for (i = 0; buf[i] != '\0'; i++)
		if (buf[i] == '\n')
			buf[i] = ' ';
	/* kept to the end, where the bookmarks are made */
	return arena_strdup(L->dl->arena, buf);
}

/*
 * Bookmarks: one an event, nested under decades when the timeline spans
 * more than one.
 */
/*
 * Bookmarks of marks [k0, k1), events of m (titles in mtitle), under
 * parent, appended at dl->outlines[*n]: by decade when they span more
 * than one.
 */
static void
bookmarks_of(struct lay *L, const struct tl_model *m, const char **mtitle,
    size_t k0, size_t k1, int parent, size_t *n)
{
	struct doclayout *dl = L->dl;
	size_t k;
	int nest = 0, up = parent, decade = -100000;
	char buf[512];

	for (k = k0 + 1; k < k1; k++)
		if (dl->marks[k].event->when.key_start / 100000 !=
		    dl->marks[k0].event->when.key_start / 100000)
			nest = 1;
	for (k = k0; k < k1; k++) {
		const struct mark *mk = &dl->marks[k];
		const struct tl_event *e = mk->event;
		struct outline *o;

		if (nest) {
			long long ks = e->when.key_start;
			int dec = ks == LLONG_MIN ? -1 : (int)(ks / 100000);

			if (dec != decade) {
				struct when w;

				memset(&w, 0, sizeof(w));
				w.a.year = dec * 10;
				w.a.prec = WHEN_DECADE;
				if (dec < 0)
					snprintf(buf, sizeof(buf), "…");
				else
					when_format(&w, &L->fmt, buf,
					    sizeof(buf));
				o = &dl->outlines[*n];
				o->title = arena_strdup(L->a, buf);
				o->parent = parent;
				o->page = mk->page;
				o->y = mk->y;
				up = (int)(*n)++;
				decade = dec;
			}
		}
		o = &dl->outlines[(*n)++];
		o->title = mtitle[e - m->events];
		if (o->title == NULL)	/* neither a title nor a paragraph */
			o->title = mark_title(L, e, NULL);
		o->parent = up;
		o->page = mk->page;
		o->y = mk->y;
	}
}

/*
 * The bookmarks: by decade and event; in a packet, the packet's title
 * over its parts' titles over theirs.
 */
static void
bookmarks(struct lay *L)
{
	struct doclayout *dl = L->dl;
	size_t n = 0, k, end;
	struct outline *o;

	dl->outlines = arena_alloc(L->a, (2 * (dl->nmarks + 1) + L->nparts +
	    1) * sizeof(*dl->outlines));
	if (L->nparts == 0) {
		bookmarks_of(L, L->m, L->mtitle, 0, dl->nmarks, -1, &n);
		dl->noutlines = n;
		return;
	}
	o = &dl->outlines[n++];
	o->title = doc_str(L, L->top->title->s, L->top->lang);
	o->parent = -1;
	o->page = 0;
	o->y = 0;
	for (k = 0; k < L->nparts; k++) {
		const struct partinfo *pi = &L->parts[k];
		int parent = (int)n;

		o = &dl->outlines[n++];
		o->title = doc_str(L, pi->m->title->s, pi->m->lang);
		o->parent = 0;
		o->page = dl->marks[pi->mark].page;
		o->y = dl->marks[pi->mark].y;
		end = k + 1 < L->nparts ? L->parts[k + 1].mark : dl->nmarks;
		bookmarks_of(L, pi->m, pi->mtitle, pi->mark + 1, end, parent,
		    &n);
	}
	dl->noutlines = n;
}

/*
 * Hand page p to the sink (its body, or its furniture) and free its boxes;
 * without a sink the page keeps them.
 */
static void
hand_out(struct lay *L, size_t p, int furniture)
{
	struct page *pg = &L->dl->pages[p];

	page_area(L->st, p, &pg->x0, &pg->y0, &pg->w, &pg->h);
	if (L->sink == NULL)
		return;
	L->sink->page(L->sink->ctx, L->dl, p, furniture);
	free(pg->boxes);
	pg->boxes = NULL;
	pg->nbox = pg->cap = 0;
}

/*
 * With a sink: hand out the pages before the current one that are final
 * (body pages; title and contents pages wait for the contents' page
 * numbers), then free the arenas of blocks all of whose pages are out.
 */
static void
flush(struct lay *L)
{
	size_t k, n;

	if (L->sink == NULL)
		return;
	for (; L->out + 1 < L->dl->npages; L->out++)
		if (L->out >= L->first_body)
			hand_out(L, L->out, 0);
	for (k = n = 0; k < L->nlive; k++)
		if (L->live[k].last < L->out) {
			arena_free(L->live[k].a);
			if (L->live[k].text != NULL)
				arena_clear(L->live[k].text);
		} else
			L->live[n++] = L->live[k];
	L->nlive = n;
}

/* Set block bl in an arena of its own and place it; flush. */
static void
flow_block(struct lay *L, void (*make)(struct lay *, const struct tl_event *,
    struct block *), const struct tl_event *e)
{
	struct block bl;
	struct arena *a = L->sink != NULL ? arena_new() : L->dl->arena;

	L->a = L->c.a = a;
	memset(&bl, 0, sizeof(bl));
	make(L, e, &bl);
	page_flow(L->dl, L->st, &bl, 1, 0, cont_line, L);
	if (bl.broken && e != NULL) {
		int line, col;

		pos_linecol(&e->pos, &line, &col);
		diag_emit(L->c.d, DIAG_KEEP, e->pos.src != NULL ?
		    e->pos.src->name : NULL, line, col, NULL);
	}
	L->a = L->c.a = L->dl->arena;
	if (L->sink != NULL) {
		if (L->nlive == L->caplive) {
			L->caplive = L->caplive ? L->caplive * 2 : 8;
			L->live = xrealloc(L->live, L->caplive *
			    sizeof(*L->live));
		}
		L->live[L->nlive].a = a;
		L->live[L->nlive].text = L->once && e != NULL ? e->own : NULL;
		L->live[L->nlive++].last = L->dl->npages - 1;
	}
	flush(L);
}

static void
intro_block(struct lay *L, const struct tl_event *e, struct block *bl)
{
	(void)e;
	block_intro(L, bl);
}

/* A classification's rank: ลับที่สุด 3, ลับมาก 2, ลับ 1, any other 0. */
static int
cls_rank(const char *c)
{
	static const char *const names[][2] = {
		{ "ลับที่สุด", "TOP SECRET" }, { "ลับมาก", "SECRET" },
		{ "ลับ", "CONFIDENTIAL" } };
	int k, j;

	for (k = 0; k < 3; k++)
		for (j = 0; j < 2; j++)
			if (strcmp(c, names[k][j]) == 0)
				return 3 - k;
	return 0;
}

/*
 * Who page p's running heads and banner speak for: its part, or for the
 * cover and contents the packet (its title) with the highest
 * classification of all (the packet's own, its parts').
 */
static void
page_furnish(struct lay *L, size_t p)
{
	const struct tl_model *c = L->top;
	size_t k;

	L->m = L->top;
	if (L->nparts > 0 && p >= L->parts[0].first) {
		for (k = L->nparts; k-- > 0; )
			if (p >= L->parts[k].first) {
				L->m = c = L->parts[k].m;
				break;
			}
	} else
		for (k = 0; k < L->nparts; k++) {
			const struct tl_model *pm = L->parts[k].m;

			if (pm->classification != NULL &&
			    (c->classification == NULL ||
			    cls_rank(pm->classification) >
			    cls_rank(c->classification)))
				c = pm;
		}
	L->cls = c->classification;
	L->cls_pos = &c->classification_pos;
	if (p == 0)		/* the document's: its first page's */
		L->dl->info.classification = L->cls;
}

/* A new page for a part: a right-hand one when the style is two-sided. */
static void
part_page(struct lay *L)
{
	if (L->dl->y > 0 || L->dl->pages[L->dl->npages - 1].nbox > 0)
		doc_new_page(L->dl);
	if (L->st->mirror && (L->dl->npages - 1) % 2 == 1)
		doc_new_page(L->dl);	/* the back of the page before */
	page_area(L->st, L->dl->npages - 1, &L->dl->x0, &L->dl->y0,
	    &L->dl->w, &L->dl->h);
}

static void
title_block(struct lay *L, const struct tl_event *e, struct block *bl)
{
	(void)e;
	block_title(L, bl);
}

/* The packet's contents: each part's title, then its events. */
static void
block_toc_packet(struct lay *L, struct block *bl)
{
	struct row *rows = NULL;
	size_t n = 0, cap = 0, k, j;
	int32_t w = L->dl->w;
	const struct tl_model *top = L->m;

	rows = rows_add(L, rows, &n, &cap, para_set(&L->c, para_plain(L->a,
	    L->s->contents, L->st->lang), ROLE_EVENT, w, 0, ALIGN_LEFT),
	    ROW_HEAD, -1, 0, 0, "contents");
	for (k = 0; k < top->nparts; k++) {
		const struct tl_model *pm = &top->parts[k];
		const struct pset *ps;

		ps = one_line(L, doc_str(L, pm->title->s, pm->lang), pm->lang,
		    ROLE_EVENT, w - 40 * U_PER_PT, ALIGN_LEFT, 0);
		rows = rows_add(L, rows, &n, &cap, ps, ROW_PARA, -1,
		    L->st->para_space, 0, "toc");
		rows[n - 1].nlines = 1;
		rows[n - 1].line = 0;
		L->m = pm;
		for (j = 0; j < pm->nevent; j++) {
			const struct tl_event *e = &pm->events[j];
			char buf[512];
			const char *what = doc_str(L, e->title ?
			    e->title->s : e->paras[0].s, "th");
			size_t len;

			len = date_of(L, e, buf, 256);
			snprintf(buf + len, sizeof(buf) - len, "  %s", what);
			ps = one_line(L, buf, "th", ROLE_SMALL,
			    w - 40 * U_PER_PT, ALIGN_LEFT, len + 2);
			rows = rows_add(L, rows, &n, &cap, ps, ROW_PARA,
			    (int)j + 1, 0, 12 * U_PER_PT, "toc");
			rows[n - 1].nlines = 1;
			rows[n - 1].line = 0;
			rows[n - 1].para = -1;
		}
		L->m = top;
	}
	bl->rows = rows;
	bl->nrows = n;
}

/*
 * A packet: a cover (title, byline, distribution, note), one contents of
 * all its parts, then each part from a new page: its title block, its
 * introduction and its events.  Pages are numbered on through the
 * packet, and labelled so.
 */
static void
packet_flow(struct lay *L, struct diag *d)
{
	const struct tl_model *top = L->top;
	const struct style *st = L->st;
	struct block bl[3];
	size_t nb = 0, k, j, p;

	memset(bl, 0, sizeof(bl));
	block_title(L, &bl[nb++]);
	if (top->distribution != NULL) {
		struct row *rows = NULL;
		size_t n = 0, cap = 0;

		rows = rows_add(L, rows, &n, &cap, para_set(&L->c,
		    doc_text(L, para_plain(L->a, top->distribution,
		    top->lang)), ROLE_SMALL, L->dl->w, 0, ALIGN_CENTER),
		    ROW_TITLE, 3, st->para_space, 0, "distribution");
		bl[nb].rows = rows;
		bl[nb++].nrows = n;
	}
	if (top->nintro > 0)
		block_intro(L, &bl[nb++]);
	page_flow(L->dl, st, bl, nb, 0, NULL, NULL);
	doc_new_page(L->dl);
	page_area(st, L->dl->npages - 1, &L->dl->x0, &L->dl->y0, &L->dl->w,
	    &L->dl->h);
	memset(bl, 0, sizeof(bl));
	block_toc_packet(L, &bl[0]);
	page_flow(L->dl, st, bl, 1, 0, NULL, NULL);
	L->parts = arena_alloc(L->a, (top->nparts + 1) * sizeof(*L->parts));
	/* page labels as the pages print their numbers: on through the
	   packet, in Thai digits when the style prints them so */
	if (st->datefmt.digits == WHEN_THAI) {
		L->dl->labels = arena_alloc(L->a, sizeof(*L->dl->labels));
		L->dl->labels[0].thai = 1;
		L->dl->nlabels = 1;
	}
	for (k = 0; k < top->nparts; k++) {
		struct partinfo *pi = &L->parts[k];
		const struct tl_model *pm = &top->parts[k];

		part_page(L);
		if (k == 0) {
			for (p = 0; p + 1 < L->dl->npages; p++)
				L->dl->pages[p].body = 0;
			L->first_body = L->out = L->dl->npages - 1;
		}
		pi->m = L->m = pm;
		pi->mtitle = L->mtitle = arena_alloc(L->a, (pm->nevent + 1) *
		    sizeof(*pi->mtitle));
		pi->first = L->dl->npages - 1;
		pi->mark = L->dl->nmarks;
		doc_mark(L->dl, NULL);
		flow_block(L, title_block, NULL);
		if (pm->nintro > 0)
			flow_block(L, intro_block, NULL);
		for (j = 0; j < pm->nevent; j++) {
			if (L->dl->npages > LAYOUT_PAGES_MAX) {
				diag_emit(d, DIAG_LIMIT, NULL, 0, 0, "more than "
				    "%d pages (the most a PDF made here may "
				    "have)", LAYOUT_PAGES_MAX);
				break;
			}
			flow_block(L, block_event, &pm->events[j]);
		}
		pi->last = L->dl->npages - 1;
		L->nparts++;
	}
	L->m = top;
	L->mtitle = NULL;
}

struct doclayout *
layout_run(const struct tl_model *m, const struct style *st,
    struct textenv *env, struct diag *d, const struct layout_opts *o,
    const struct layout_sink *sink)
{
	struct lay L;
	struct block bl[2];
	size_t nb = 0, k, p;
	struct arena *fa;

	memset(&L, 0, sizeof(L));
	memset(bl, 0, sizeof(bl));
	L.dl = xcalloc(1, sizeof(*L.dl));
	L.a = L.dl->arena = arena_new();
	L.m = L.top = m;
	L.st = st;
	L.sink = sink;
	L.once = sink != NULL && o->once;
	L.dl->page_w = st->page_w;
	L.dl->page_h = st->page_h;
	L.s = strcmp(st->lang, "en") == 0 ? &str_en : &str_th;
	/*
	 * dates are the style's, as its fixed strings are: its language
	 * (a page with "Page 1 of 2" has English months), era, digits and
	 * month names, with times of day if it asks (datefmt.times)
	 */
	L.fmt = st->datefmt;
	doc_date(&L, o->date);
	lctx_init(&L.c, L.a, d, st, m, env);
	L.c.fmt = L.fmt;
	L.mtitle = arena_alloc(L.a, (m->nevent + 1) * sizeof(*L.mtitle));
	if (st->watermark != NULL)
		watermark(&L);
	doc_new_page(L.dl);
	page_area(st, 0, &L.dl->x0, &L.dl->y0, &L.dl->w, &L.dl->h);
	if (m->packet) {
		packet_flow(&L, d);
		toc_finish(&L);
		goto furniture;
	}
	if (st->datefmt.digits == WHEN_THAI) {	/* labels as printed */
		L.dl->labels = arena_alloc(L.a, sizeof(*L.dl->labels));
		L.dl->labels[0].thai = 1;
		L.dl->nlabels = 1;
	}
	block_title(&L, &bl[nb++]);
	if (o->toc || st->toc)
		block_toc(&L, &bl[nb++]);
	page_flow(L.dl, st, bl, nb, 0, NULL, NULL);
	if (o->toc || st->toc) {
		doc_new_page(L.dl);
		page_area(st, 1, &L.dl->x0, &L.dl->y0, &L.dl->w, &L.dl->h);
		for (p = 0; p + 1 < L.dl->npages; p++)
			L.dl->pages[p].body = 0;
		L.first_body = L.out = L.dl->npages - 1;
	}
	if (m->nintro > 0)
		flow_block(&L, intro_block, NULL);
	for (k = 0; k < m->nevent; k++) {
		if (L.dl->npages > LAYOUT_PAGES_MAX) {
			diag_emit(d, DIAG_LIMIT, NULL, 0, 0, "more than %d pages "
			    "(the most a PDF made here may have), from event "
			    "%zu of %zu on", LAYOUT_PAGES_MAX, k + 1,
			    m->nevent);
			break;
		}
		flow_block(&L, block_event, &m->events[k]);
	}
	if (o->toc || st->toc)
		toc_finish(&L);
furniture:
	/* the last body page, then the title and contents pages */
	for (p = L.out > L.first_body ? L.out : L.first_body;
	    p < L.dl->npages; p++)
		hand_out(&L, p, 0);
	for (p = 0; p < L.first_body; p++)
		hand_out(&L, p, 0);
	for (k = 0; k < L.nlive; k++)
		arena_free(L.live[k].a);
	free(L.live);
	L.live = NULL;
	L.nlive = 0;
	/*
	 * The running heads and banners, now that the page count is known;
	 * with a sink, each page's in an arena freed once it is handed out.
	 */
	for (p = 0; p < L.dl->npages; p++) {
		fa = L.sink != NULL ? arena_new() : L.dl->arena;
		L.a = L.c.a = fa;
		page_furnish(&L, p);
		running(&L, &st->header, p, head_base(st), 1);
		running(&L, &st->footer, p, foot_base(st), 0);
		if (st->banner && L.cls != NULL)
			banner(&L, p);
		if (L.sink != NULL) {
			hand_out(&L, p, 1);
			arena_free(fa);
		}
	}
	L.a = L.c.a = L.dl->arena;
	bookmarks(&L);
	lctx_free(&L.c);
	if (d->errors > 0) {
		layout_free(L.dl);
		return NULL;
	}
	return L.dl;
}

int
layout_find_id(const struct doclayout *dl, const char *id, int *page,
    int32_t *y)
{
	size_t k;

	for (k = 0; k < dl->nmarks; k++) {
		const struct tl_event *e = dl->marks[k].event;

		if (e != NULL && e->id != NULL && strcmp(e->id, id) == 0) {
			*page = dl->marks[k].page;
			*y = dl->marks[k].y;
			return 1;
		}
	}
	return 0;
}

void
layout_free(struct doclayout *dl)
{
	if (dl == NULL)
		return;
	doclayout_free(dl);
	arena_free(dl->arena);
	free(dl);
}

/*
 * A proof sheet: text in family (then the default body list) at size, on
 * A4 pages with 2 cm margins, flush left, set by the same paragraph code
 * as documents; a newline forces a break.  The line's height is the
 * first font's, at least 1.4 times the size.
 */
void
layout_copymark(struct doclayout *dl, const struct style *st,
    struct textenv *env, struct diag *d, int n, int total,
    const char *recipient, struct copymark *out)
{
	struct lctx c;
	const struct pset *ps;
	char buf[512], num[64];
	int en = strcmp(st->lang, "en") == 0;
	int32_t x0, y0, w, h;

	memset(out, 0, sizeof(*out));
	snprintf(num, sizeof(num), "%d / %d", n, total);
	out->copy = arena_strdup(dl->arena, num);
	out->recipient = recipient;
	snprintf(buf, sizeof(buf), "%s %s%s%s", en ? "Copy" : "ฉบับที่", num,
	    recipient != NULL ? "  " : "", recipient != NULL ? recipient : "");
	lctx_init(&c, dl->arena, d, st, NULL, env);
	page_area(st, 0, &x0, &y0, &w, &h);
	ps = para_set(&c, para_plain(dl->arena, buf, st->lang), ROLE_SMALL, w,
	    0, ALIGN_RIGHT);
	if (ps->nlines > 0) {
		out->line = &ps->lines[0];
		out->x = x0;
		/* halfway up the top margin, above the running head */
		out->y = st->margin_top / 2;
	}
	lctx_free(&c);
}

struct doclayout *
layout_proof(const char *text, const char *family, int32_t size,
    struct textenv *env, struct diag *d)
{
	static const int32_t a4_w = 595276, a4_h = 841890, margin = 56693;
	struct style *st;
	struct fontchain *ch;
	struct font *f0;
	struct block bl;
	struct row *rows = NULL;
	size_t n = 0, cap = 0;
	struct lay L;
	char *fam, title[256];
	int64_t lh;

	memset(&L, 0, sizeof(L));
	L.dl = xcalloc(1, sizeof(*L.dl));
	L.a = L.dl->arena = arena_new();
	if (family == NULL || *family == '\0')
		family = FONT_DEFAULT_FAMILIES;
	fam = arena_alloc(L.a, strlen(family) + sizeof(FONT_DEFAULT_FAMILIES) +
	    3);
	sprintf(fam, "%s, %s", family, FONT_DEFAULT_FAMILIES);
	if ((ch = fontset_chain(env->fs, fam, 0, 0)) == NULL) {
		layout_free(L.dl);
		return NULL;
	}
	f0 = fontchain_first(ch);
	lh = ((int64_t)f0->ascender - f0->descender + f0->line_gap) * size /
	    f0->upem;
	lh = (int64_t)(lh * f0->scale);
	if (lh < (int64_t)(1.4 * size * f0->scale))
		lh = (int64_t)(1.4 * size * f0->scale);
	st = arena_alloc(L.a, sizeof(*st));
	st->name = "proof";
	st->page_w = a4_w;
	st->page_h = a4_h;
	st->margin_top = st->margin_bottom = margin;
	st->margin_inner = st->margin_outer = margin;
	st->font[ROLE_BODY].families = fam;
	st->font[ROLE_BODY].size = size;
	st->font[ROLE_BODY].leading = (int32_t)lh;
	st->align = ALIGN_LEFT;
	st->lang = "th";
	L.st = st;
	L.dl->page_w = st->page_w;
	L.dl->page_h = st->page_h;
	snprintf(title, sizeof(title), "Proof: %s %g pt", family,
	    (double)size / U_PER_PT);
	L.dl->info.title = arena_strdup(L.a, title);
	lctx_init(&L.c, L.a, d, st, NULL, env);
	doc_new_page(L.dl);
	page_area(st, 0, &L.dl->x0, &L.dl->y0, &L.dl->w, &L.dl->h);
	rows = rows_add(&L, rows, &n, &cap, para_set(&L.c, para_plain(L.a,
	    text, "th"), ROLE_BODY, L.dl->w, 0, ALIGN_LEFT), ROW_PARA, 0, 0, 0,
	    "p");
	memset(&bl, 0, sizeof(bl));
	bl.rows = rows;
	bl.nrows = n;
	page_flow(L.dl, st, &bl, 1, 0, NULL, NULL);
	lctx_free(&L.c);
	return L.dl;
}
