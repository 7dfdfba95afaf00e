/*
 * layout.c - placeholder until the text engine lands.
 */
#include "diag.h"
#include "layout.h"
#include "model.h"

int
layout_render(const struct tl_model *m, struct diag *d,
    const struct layout_opts *o, const char *path)
{
	(void)m; (void)o; (void)path;
	diag_emit(d, DIAG_PDF, NULL, 0, 0, "not available yet");
	return -1;
}
