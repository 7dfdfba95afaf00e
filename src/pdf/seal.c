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
 *
 * libqpdf is loaded (dlopen) the first time a PDF is sealed, not linked:
 * with it and its cryptography (GnuTLS) every run paid for loading them,
 * 2.6 ms of the default document's 24 (bench/README.md), sealing or not.
 */
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <qpdf/qpdf-c.h>

#include "base/base.h"
#include "pdf_int.h"

#ifndef QPDF_SONAME
#define QPDF_SONAME	"libqpdf.so"
#endif

/* The calls of qpdf's C API used here. */
#define QPDF_CALLS(X) \
	X(qpdf_init) \
	X(qpdf_cleanup) \
	X(qpdf_get_error_message_detail) \
	X(qpdf_get_error_full_text) \
	X(qpdf_more_warnings) \
	X(qpdf_next_warning) \
	X(qpdf_has_error) \
	X(qpdf_get_error) \
	X(qpdflogger_create) \
	X(qpdflogger_set_info) \
	X(qpdflogger_set_warn) \
	X(qpdflogger_set_error) \
	X(qpdf_set_logger) \
	X(qpdflogger_cleanup) \
	X(qpdf_silence_errors) \
	X(qpdf_set_suppress_warnings) \
	X(qpdf_set_r6_encryption_parameters2) \
	X(qpdf_set_deterministic_ID) \
	X(qpdf_set_linearization) \
	X(qpdf_set_newline_before_endstream) \
	X(qpdf_read_memory) \
	X(qpdf_init_write_memory) \
	X(qpdf_write) \
	X(qpdf_get_buffer) \
	X(qpdf_get_buffer_length)

#define QPDF_PTR(f)	static __typeof__(f) *dl_##f;
QPDF_CALLS(QPDF_PTR)

static pthread_once_t	 qpdf_once = PTHREAD_ONCE_INIT;
/*
 * One document sealed at a time: qpdf's shared state is not safe to use
 * from two threads at once (ThreadSanitizer sees a string of its own
 * written by one while another reads it, the batch encrypting on two).
 */
static pthread_mutex_t	 qpdf_lock = PTHREAD_MUTEX_INITIALIZER;
static char		 qpdf_why[256];	/* why it could not be loaded */

/* libqpdf and its calls, once for all threads; qpdf_why when not. */
static void
qpdf_load(void)
{
	void *h = dlopen(QPDF_SONAME, RTLD_NOW | RTLD_LOCAL);
	const char *e;

	if (h == NULL && (h = dlopen("libqpdf.so", RTLD_NOW |
	    RTLD_LOCAL)) == NULL) {
		e = dlerror();
		snprintf(qpdf_why, sizeof(qpdf_why), "%s", e != NULL ? e :
		    QPDF_SONAME);
		return;
	}
#define QPDF_SYM(f) \
	if (qpdf_why[0] == '\0' && (*(void **)&dl_##f = dlsym(h, #f)) == NULL) \
		snprintf(qpdf_why, sizeof(qpdf_why), "%s: no %s", \
		    QPDF_SONAME, #f);
	QPDF_CALLS(QPDF_SYM)
}

#define qpdf_init (*dl_qpdf_init)
#define qpdf_cleanup (*dl_qpdf_cleanup)
#define qpdf_get_error_message_detail (*dl_qpdf_get_error_message_detail)
#define qpdf_get_error_full_text (*dl_qpdf_get_error_full_text)
#define qpdf_more_warnings (*dl_qpdf_more_warnings)
#define qpdf_next_warning (*dl_qpdf_next_warning)
#define qpdf_has_error (*dl_qpdf_has_error)
#define qpdf_get_error (*dl_qpdf_get_error)
#define qpdflogger_create (*dl_qpdflogger_create)
#define qpdflogger_set_info (*dl_qpdflogger_set_info)
#define qpdflogger_set_warn (*dl_qpdflogger_set_warn)
#define qpdflogger_set_error (*dl_qpdflogger_set_error)
#define qpdf_set_logger (*dl_qpdf_set_logger)
#define qpdflogger_cleanup (*dl_qpdflogger_cleanup)
#define qpdf_silence_errors (*dl_qpdf_silence_errors)
#define qpdf_set_suppress_warnings (*dl_qpdf_set_suppress_warnings)
#define qpdf_set_r6_encryption_parameters2 (*dl_qpdf_set_r6_encryption_parameters2)
#define qpdf_set_deterministic_ID (*dl_qpdf_set_deterministic_ID)
#define qpdf_set_linearization (*dl_qpdf_set_linearization)
#define qpdf_set_newline_before_endstream (*dl_qpdf_set_newline_before_endstream)
#define qpdf_read_memory (*dl_qpdf_read_memory)
#define qpdf_init_write_memory (*dl_qpdf_init_write_memory)
#define qpdf_write (*dl_qpdf_write)
#define qpdf_get_buffer (*dl_qpdf_get_buffer)
#define qpdf_get_buffer_length (*dl_qpdf_get_buffer_length)

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
		pthread_mutex_unlock(&qpdf_lock);
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
	qpdf_data q;
	const unsigned char *out;
	size_t n;
	int rc = -1;

	pthread_once(&qpdf_once, qpdf_load);
	if (qpdf_why[0] != '\0') {
		diag_emit(d, DIAG_QPDF, name, 0, 0, "encryption and "
		    "linearization need qpdf's library: %s", qpdf_why);
		return -1;
	}
	pthread_mutex_lock(&qpdf_lock);
	q = qpdf_init();
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
	pthread_mutex_unlock(&qpdf_lock);
	return rc;
}
