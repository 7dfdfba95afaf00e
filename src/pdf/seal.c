/*
 * seal.c - the finished PDF through qpdf on its way to the file:
 * encrypted with AES-256 (revision 6, which libharu cannot: it knows
 * only RC4) with the permissions asked, linearized, or both.  The one
 * file that includes qpdf's header; pdf_write (pdf_obj.c) calls it with
 * the bytes libharu wrote into memory.
 *
 * qpdf reads them where they are and writes its own into memory, which
 * are then written to the file.  It prints nothing: its logger discards
 * all, and its errors and warnings are taken from it and reported.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <qpdf/qpdf-c.h>

#include "base/base.h"
#include "pdf_int.h"

/* What qpdf says of e: its message without the place in our bytes. */
static const char *
seal_text(qpdf_data q, qpdf_error e)
{
	const char *s = qpdf_get_error_message_detail(q, e);

	return s != NULL && *s != '\0' ? s : qpdf_get_error_full_text(q, e);
}

/*
 * qpdf's warnings so far, reported; then its error, if any: 1, else 0.
 * Out of memory in qpdf is out of memory like anywhere else (q is
 * cleaned up first).
 */
static int
seal_said(qpdf_data *q, struct diag *d, const char *name)
{
	qpdf_error e;

	while (qpdf_more_warnings(*q))
		if ((e = qpdf_next_warning(*q)) != NULL)
			diag_emit_sev(d, DIAG_WARNING, DIAG_QPDF, name, 0, 0,
			    "%s", seal_text(*q, e));
	if (!qpdf_has_error(*q) || (e = qpdf_get_error(*q)) == NULL)
		return 0;
	if (strcmp(seal_text(*q, e), "std::bad_alloc") == 0) {
		qpdf_cleanup(q);
		tl_oom();
	}
	diag_emit(d, DIAG_QPDF, name, 0, 0, "%s", seal_text(*q, e));
	return 1;
}

/* A logger that prints nothing, for q. */
static void
seal_quiet(qpdf_data q)
{
	qpdflogger_handle l = qpdflogger_create();

	qpdflogger_set_info(l, qpdf_log_dest_discard, NULL, NULL);
	qpdflogger_set_warn(l, qpdf_log_dest_discard, NULL, NULL);
	qpdflogger_set_error(l, qpdf_log_dest_discard, NULL, NULL);
	qpdf_set_logger(q, l);
	qpdflogger_cleanup(&l);		/* q keeps the logger */
	qpdf_silence_errors(q);
	qpdf_set_suppress_warnings(q, QPDF_TRUE);
}

/*
 * The writer's settings.  Encrypted: every permission but those taken
 * away (with revision 6, reading aloud cannot be); the metadata
 * encrypted too.  qpdf draws the key, the salts and the initialisation
 * vectors at random, as it should: its fixed ones are for its own test
 * suite.  With encryption it makes the second half of the ID before it
 * writes anything (and refuses to make it from the content); without,
 * from the content, so that the same document gives the same bytes.  The
 * first half stays ours, made from the content (pdf_obj.c).
 */
static void
seal_set(qpdf_data q, const struct pdf_seal *s)
{
	if (s->owner != NULL)
		qpdf_set_r6_encryption_parameters2(q,
		    s->user != NULL ? s->user : "", s->owner,
		    QPDF_TRUE,		/* accessibility */
		    !s->no_copy,	/* extract */
		    QPDF_TRUE,		/* assemble */
		    QPDF_TRUE,		/* annotate and fill forms */
		    QPDF_TRUE,		/* fill forms */
		    QPDF_TRUE,		/* modify other */
		    s->no_print ? qpdf_r3p_none : qpdf_r3p_full,
		    QPDF_TRUE);		/* encrypt metadata */
	else
		qpdf_set_deterministic_ID(q, QPDF_TRUE);
	qpdf_set_linearization(q, s->linearize ? QPDF_TRUE : QPDF_FALSE);
	/* PDF/A (linearized, not encrypted) wants a line end there */
	qpdf_set_newline_before_endstream(q, QPDF_TRUE);
}

int
seal_write(const struct pdf_seal *s, const void *pdf, size_t len, FILE *f,
    const char *name, struct diag *d)
{
	qpdf_data q = qpdf_init();
	const unsigned char *out;
	size_t n;
	int rc = -1;

	seal_quiet(q);
	qpdf_read_memory(q, name, pdf, len, NULL);
	if (seal_said(&q, d, name))
		goto out;
	qpdf_init_write_memory(q);
	seal_set(q, s);
	qpdf_write(q);
	if (seal_said(&q, d, name))
		goto out;
	out = qpdf_get_buffer(q);
	n = qpdf_get_buffer_length(q);
	if (fwrite(out, 1, n, f) != n) {
		diag_emit(d, DIAG_IO, name, 0, 0, "%s",
		    strerror(errno != 0 ? errno : EIO));
		goto out;
	}
	rc = 0;
out:
	qpdf_cleanup(&q);
	return rc;
}
