/*
 * buf.c - the growing byte buffer, for every stage.
 */
#include <stdlib.h>
#include <string.h>

#include "base.h"

void
buf_str(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_free(struct buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}
