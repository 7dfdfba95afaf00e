/*
 * line.c - total-fit paragraph breaking, after Knuth and Plass, "Breaking
 * paragraphs into lines" (1981): every feasible break sequence is weighed
 * at once and the one with the least total demerits wins, so a tight line
 * early on can buy an even colour for the rest of the paragraph.
 *
 * Thai has no spaces between words: the caller puts a penalty item (often
 * with a little glue of zero width) at each word boundary that libthai
 * finds, so lines break only between words and justification may spread
 * there, never inside a word or a cluster.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "line.h"

#define DEMERITS_FITNESS	3000.0	/* adjacent lines of unlike tightness */
#define BADNESS_OVERFULL	1e13	/* worse than any line that fits */
#define BADNESS_MAX		1e12	/* a line with nothing to stretch */

/* A feasible break with the best way of reaching it. */
struct node {
	size_t		 pos;		/* the break item; 0 for the start */
	size_t		 line;		/* lines before this break */
	int		 fitness;	/* 0 tight .. 3 very loose */
	double		 demerits;	/* total up to here */
	double		 ratio;		/* of the line that ends here */
	int		 overfull;
	int64_t		 w, y, z;	/* sums at the start of the next line */
	struct node	*prev;		/* (pool) best previous break */
	struct node	*next;		/* (pool) next active node */
};

struct pool {
	struct node	*n;		/* (owned) */
	size_t		 len, cap;
	struct node	**blocks;	/* (owned) old arrays, freed at the end */
	size_t		 nblocks;
};

static struct node *
node_new(struct pool *p)
{
	if (p->len == p->cap) {
		/* keep pointers stable: start a new array */
		p->blocks = xrealloc(p->blocks, (p->nblocks + 1) *
		    sizeof(*p->blocks));
		p->cap = p->cap ? p->cap * 2 : 64;
		p->n = xcalloc(p->cap, sizeof(struct node));
		p->blocks[p->nblocks++] = p->n;
		p->len = 0;
	}
	return &p->n[p->len++];
}

static void
pool_free(struct pool *p)
{
	size_t i;

	for (i = 0; i < p->nblocks; i++)
		free(p->blocks[i]);
	free(p->blocks);
}

static int
feasible(const struct item *it, size_t i)
{
	if (it[i].kind == ITEM_PENALTY)
		return it[i].penalty < PENALTY_INF;
	return it[i].kind == ITEM_GLUE && i > 0 && it[i - 1].kind == ITEM_BOX;
}

/* One pass at a tolerance; returns the best final node or NULL. */
static struct node *
pass(const struct item *it, size_t n, const struct line_params *lp,
    double tol, int emergency, const int64_t *W, const int64_t *Y,
    const int64_t *Z, struct pool *pool)
{
	struct node *active, *a, *prev, *best = NULL;
	size_t b;

	active = node_new(pool);
	memset(active, 0, sizeof(*active));
	active->fitness = 1;
	for (b = 0; b < n && active != NULL; b++) {
		struct node *cand[4] = { NULL, NULL, NULL, NULL };
		int f;

		if (!feasible(it, b))
			continue;
		for (prev = NULL, a = active; a != NULL; ) {
			struct node *an = a->next;
			int64_t L = W[b] - a->w, st = Y[b] - a->y, sh = Z[b] - a->z;
			int64_t target = lp->width - (a->line == 0 ? lp->indent : 0);
			double r, bad, d;
			int fit, over = 0;
			int32_t pen = it[b].kind == ITEM_PENALTY ? it[b].penalty : 0;

			if (it[b].kind == ITEM_PENALTY)
				L += it[b].width;
			if (lp->ragged && L < target)
				st += lp->width / 3;	/* cost of raggedness */
			if (L < target)
				r = st > 0 ? (double)(target - L) / st : 1e9;
			else if (L > target)
				r = sh > 0 ? (double)(target - L) / sh : -1e9;
			else
				r = 0;
			if (r < -1 || pen == PENALTY_FORCE) {
				/* lines from a onward only get longer */
				if (prev == NULL)
					active = an;
				else
					prev->next = an;
			} else
				prev = a;
			if (r < -1 && !emergency) {
				a = an;
				continue;
			}
			if (r < -1) {
				/* the more it sticks out, the worse */
				bad = BADNESS_OVERFULL * (1.0 + (double)(L -
				    target) / (lp->width > 0 ? lp->width : 1));
				over = 1;
			} else if (r > tol) {
				a = an;
				continue;
			} else
				bad = fmin(100 * fabs(r) * fabs(r) * fabs(r),
				    BADNESS_MAX);
			d = lp->line_penalty + bad;
			d = d * d;
			if (pen > 0)
				d += (double)pen * pen;
			else if (pen > PENALTY_FORCE)
				d -= (double)pen * pen;
			fit = r < -0.5 ? 0 : r <= 0.5 ? 1 : r <= 1 ? 2 : 3;
			if (abs(fit - a->fitness) > 1)
				d += DEMERITS_FITNESS;
			d += a->demerits;
			if (cand[fit] == NULL || d < cand[fit]->demerits) {
				if (cand[fit] == NULL)
					cand[fit] = node_new(pool);
				cand[fit]->pos = b;
				cand[fit]->line = a->line + 1;
				cand[fit]->fitness = fit;
				cand[fit]->demerits = d;
				cand[fit]->ratio = r < -1 ? -1 : r;
				cand[fit]->overfull = over;
				cand[fit]->prev = a;
			}
			a = an;
		}
		for (f = 0; f < 4; f++) {
			struct node *c = cand[f];
			size_t s;

			if (c == NULL)
				continue;
			/* the next line starts after glue and penalties */
			for (s = b; s < n; s++) {
				if (it[s].kind == ITEM_BOX || (s > b &&
				    it[s].kind == ITEM_PENALTY &&
				    it[s].penalty == PENALTY_FORCE))
					break;
			}
			c->w = W[s];
			c->y = Y[s];
			c->z = Z[s];
			if (b == n - 1) {
				if (best == NULL || c->demerits < best->demerits)
					best = c;
				continue;
			}
			c->next = active;
			active = c;
		}
	}
	return best;
}

size_t
line_break(const struct item *it, size_t n, const struct line_params *lp,
    struct line *out)
{
	static const double tols[] = { 2.0, 5.0, 1e6 };
	int64_t *W, *Y, *Z;
	struct pool pool;
	struct node *best = NULL, *c;
	size_t i, nl, k;

	if (n == 0)
		return 0;
	W = xmalloc((n + 1) * sizeof(int64_t));
	Y = xmalloc((n + 1) * sizeof(int64_t));
	Z = xmalloc((n + 1) * sizeof(int64_t));
	W[0] = Y[0] = Z[0] = 0;
	for (i = 0; i < n; i++) {
		int counts = it[i].kind != ITEM_PENALTY;

		W[i + 1] = W[i] + (counts ? it[i].width : 0);
		Y[i + 1] = Y[i] + (it[i].kind == ITEM_GLUE ? it[i].stretch : 0);
		Z[i + 1] = Z[i] + (it[i].kind == ITEM_GLUE ? it[i].shrink : 0);
	}
	memset(&pool, 0, sizeof(pool));
	for (k = 0; k < sizeof(tols) / sizeof(tols[0]) && best == NULL; k++)
		best = pass(it, n, lp, lp->tolerance > tols[k] ?
		    lp->tolerance : tols[k], 0, W, Y, Z, &pool);
	if (best == NULL)
		best = pass(it, n, lp, 1e9, 1, W, Y, Z, &pool);
	nl = 0;
	for (c = best; c != NULL && c->prev != NULL; c = c->prev)
		nl++;
	i = nl;
	for (c = best; c != NULL && c->prev != NULL; c = c->prev) {
		struct line *l = &out[--i];
		size_t s;

		/* the line starts where the previous break's sums were taken */
		for (s = c->prev->pos; s < n; s++)
			if (it[s].kind == ITEM_BOX || (s > c->prev->pos &&
			    it[s].kind == ITEM_PENALTY &&
			    it[s].penalty == PENALTY_FORCE))
				break;
		if (c->prev->prev == NULL && c->prev->pos == 0)
			s = 0;
		l->first = s;
		l->last = c->pos;
		l->ratio = c->ratio;
		l->overfull = c->overfull;
		l->underfull = 0;
		if (lp->max_ratio > 0 && l->ratio > lp->max_ratio) {
			l->ratio = lp->max_ratio;
			l->underfull = 1;
		}
		l->natural = (int32_t)(W[c->pos] - c->prev->w +
		    (it[c->pos].kind == ITEM_PENALTY ? it[c->pos].width : 0));
	}
	pool_free(&pool);
	free(W);
	free(Y);
	free(Z);
	return nl;
}
