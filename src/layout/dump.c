/*
 * dump.c - the laid-out pages as plain text (--dump-layout): one line per
 * box, positions in points from the page's top left.  For golden tests and
 * for users who debug a style.
 */
#include <stdio.h>

#include "layout_int.h"
#include "input/input.h"

static void
put_text(FILE *fp, const struct pline *l)
{
	const char *s;
	size_t i;

	if (l->npieces == 0)
		return;
	s = l->pieces[0].text;
	putc('"', fp);
	for (i = l->start; i < l->end; i++)
		putc(s[i] == '\n' ? ' ' : s[i], fp);
	putc('"', fp);
}

void
layout_dump(const struct doclayout *dl, FILE *fp)
{
	size_t p, b;

	for (p = 0; p < dl->npages; p++) {
		const struct page *pg = &dl->pages[p];

		fprintf(fp, "page %zu of %zu area x=%.2f y=%.2f w=%.2f h=%.2f\n",
		    p + 1, dl->npages, pg->x0 / 1000.0, pg->y0 / 1000.0,
		    pg->w / 1000.0, pg->h / 1000.0);
		for (b = 0; b < pg->nbox; b++) {
			const struct pbox *bx = &pg->boxes[b];

			switch (bx->kind) {
			case PBOX_LINE:
				fprintf(fp, "  %-12s x=%.2f y=%.2f w=%.2f%s ",
				    bx->label ? bx->label : "line",
				    bx->x / 1000.0, bx->y / 1000.0,
				    (bx->line->width) / 1000.0,
				    bx->line->overfull ? " overfull" : "");
				put_text(fp, bx->line);
				putc('\n', fp);
				break;
			case PBOX_RULE:
				fprintf(fp, "  %-12s x=%.2f y=%.2f w=%.2f\n",
				    "rule", bx->x / 1000.0, bx->y / 1000.0,
				    bx->w / 1000.0);
				break;
			case PBOX_LEADER:
				fprintf(fp, "  %-12s x=%.2f y=%.2f w=%.2f\n",
				    "leader", bx->x / 1000.0, bx->y / 1000.0,
				    bx->w / 1000.0);
				break;
			case PBOX_LINK:
				fprintf(fp, "  %-12s x=%.2f y=%.2f -> page "
				    "%d\n", "link", bx->x / 1000.0,
				    bx->y / 1000.0, bx->target + 1);
				break;
			}
		}
	}
	for (b = 0; b < dl->nmarks; b++)
		fprintf(fp, "mark %s page %d y=%.2f\n",
		    dl->marks[b].event != NULL ? dl->marks[b].event->when_raw :
		    "(part)", dl->marks[b].page + 1,
		    dl->marks[b].y / 1000.0);
}
