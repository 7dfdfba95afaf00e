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
 *
 * Encrypted, a PDF is new bytes at each run: qpdf draws the file key, the
 * salts of the password entries and the initialisation vectors at random.
 * Made reproducible (pdf_seal.reproducible), it is the same bytes for the
 * same document and passwords: those bytes are then derived from the
 * passwords and the content (seal_derive) and given to qpdf in place of
 * its random ones (seal_random.cc), with GnuTLS's key derivations, loaded
 * as qpdf's library is.
 */
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <gnutls/crypto.h>
#include <qpdf/qpdf-c.h>

#include "base/base.h"
#include "pdf_int.h"
#include "seal_random.h"

#ifndef QPDF_SONAME
#define QPDF_SONAME	"libqpdf.so"
#endif
#ifndef GNUTLS_SONAME
#define GNUTLS_SONAME	"libgnutls.so"
#endif
/* QUtil::setRandomDataProvider(RandomDataProvider *), by its C++ name */
#define QPDF_SET_RANDOM	"_ZN5QUtil21setRandomDataProviderEP18RandomDataProvider"

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
	X(qpdf_set_static_ID) \
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
static void		*qpdf_set_random;	/* QUtil::setRandomDataProvider,
					   or NULL */

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
	qpdf_set_random = dlsym(h, QPDF_SET_RANDOM);
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
#define qpdf_set_static_ID (*dl_qpdf_set_static_ID)
#define qpdf_set_linearization (*dl_qpdf_set_linearization)
#define qpdf_set_newline_before_endstream (*dl_qpdf_set_newline_before_endstream)
#define qpdf_read_memory (*dl_qpdf_read_memory)
#define qpdf_init_write_memory (*dl_qpdf_init_write_memory)
#define qpdf_write (*dl_qpdf_write)
#define qpdf_get_buffer (*dl_qpdf_get_buffer)
#define qpdf_get_buffer_length (*dl_qpdf_get_buffer_length)

/* The calls of GnuTLS used for reproducible encryption. */
#define GNUTLS_CALLS(X) \
	X(gnutls_hash_fast) \
	X(gnutls_pbkdf2) \
	X(gnutls_hkdf_expand) \
	X(gnutls_strerror)

GNUTLS_CALLS(QPDF_PTR)

static pthread_once_t	 gnutls_once = PTHREAD_ONCE_INIT;
static char		 gnutls_why[256];	/* why it could not be loaded */

/*
 * GnuTLS and its calls, once for all threads, the first time a PDF is
 * sealed reproducibly (already in memory when qpdf uses it); gnutls_why
 * when not.
 */
static void
gnutls_load(void)
{
	void *h = dlopen(GNUTLS_SONAME, RTLD_NOW | RTLD_LOCAL);
	const char *e;

	if (h == NULL) {
		e = dlerror();
		snprintf(gnutls_why, sizeof(gnutls_why), "%s", e != NULL ? e :
		    GNUTLS_SONAME);
		return;
	}
#define GNUTLS_SYM(f) \
	if (gnutls_why[0] == '\0' && (*(void **)&dl_##f = dlsym(h, #f)) == \
	    NULL) \
		snprintf(gnutls_why, sizeof(gnutls_why), "%s: no %s", \
		    GNUTLS_SONAME, #f);
	GNUTLS_CALLS(GNUTLS_SYM)
}

#define gnutls_hash_fast (*dl_gnutls_hash_fast)
#define gnutls_pbkdf2 (*dl_gnutls_pbkdf2)
#define gnutls_hkdf_expand (*dl_gnutls_hkdf_expand)
#define gnutls_strerror (*dl_gnutls_strerror)

/*
 * Reproducible encryption.  What qpdf would draw at random (the file key,
 * the salts of /U and /O, the last bytes of /Perms, an initialisation
 * vector for each string and stream) is derived instead from what an
 * attacker lacks, the passwords, and from the content, so that the same
 * document with the same passwords is the same bytes, and another
 * document or other passwords other bytes:
 *
 *	prk = PBKDF2-HMAC-SHA256(owner 0x00 user,
 *	    SEAL_LABEL SHA-256(the PDF before sealing), SEAL_ITER)
 *	the kth piece of m bytes = HKDF-Expand-SHA256(prk,
 *	    SEAL_LABEL k (8 bytes, big-endian), m)
 *
 * where each request of qpdf's is one piece, or several when longer than
 * HKDF gives at once.  The salts and vectors are written in the file, so
 * each guess at the passwords could be tried against them: PBKDF2's
 * iterations make that costlier than what the file already offers, qpdf's
 * check of a password (revision 6's hash; bench/README.md has the
 * figures).  GnuTLS makes each step; nothing of it is written here.
 */
#define SEAL_LABEL	"briefing reproducible seal 1"
#define SEAL_ITER	100000
#define SEAL_PIECE	(255 * 32)	/* the most HKDF-Expand-SHA256 gives */

struct seal_det {
	unsigned char	 prk[32];	/* from PBKDF2 */
	uint64_t	 k;		/* the pieces so far */
	int		 failed;	/* GnuTLS failed: not to be written */
};

/* seal_fill_fn: the next n bytes of d's derivation, into p. */
static void
seal_fill(void *ctx, unsigned char *p, size_t n)
{
	struct seal_det *d = ctx;
	unsigned char info[sizeof(SEAL_LABEL) - 1 + 8];
	gnutls_datum_t key = { d->prk, sizeof(d->prk) };
	gnutls_datum_t in = { info, sizeof(info) };
	size_t m, i;

	memcpy(info, SEAL_LABEL, sizeof(SEAL_LABEL) - 1);
	for (; n > 0; n -= m, p += m, d->k++) {
		m = n < SEAL_PIECE ? n : SEAL_PIECE;
		for (i = 0; i < 8; i++)
			info[sizeof(SEAL_LABEL) - 1 + i] =
			    (unsigned char)(d->k >> (56 - 8 * i));
		if (gnutls_hkdf_expand(GNUTLS_MAC_SHA256, &key, &in, p, m) <
		    0) {
			memset(p, 0, n);
			d->failed = 1;
			return;
		}
	}
}

/*
 * The prk of s's reproducible encryption of pdf[0..len), into det: 0, or
 * -1 with a warning said (the PDF is then encrypted at random).  Made
 * without qpdf's lock: two threads derive at once.
 */
static int
seal_derive(const struct pdf_seal *s, const void *pdf, size_t len,
    struct seal_det *det, const char *name, struct diag *d)
{
	unsigned char pw[2 * 128], salt[sizeof(SEAL_LABEL) - 1 + 32];
	size_t lo = strlen(s->owner), lu = s->user != NULL ?
	    strlen(s->user) : 0;
	gnutls_datum_t p = { pw, 0 }, sl = { salt, sizeof(salt) };
	const char *why = NULL;
	int e;

	memset(det, 0, sizeof(*det));
	pthread_once(&gnutls_once, gnutls_load);
	if (qpdf_set_random == NULL)
		why = "qpdf's library has no QUtil::setRandomDataProvider";
	else if (gnutls_why[0] != '\0')
		why = gnutls_why;
	else if (lo + 1 + lu > sizeof(pw))
		why = "a password is too long";
	if (why != NULL) {
		diag_emit_sev(d, DIAG_WARNING, DIAG_QPDF, name, 0, 0,
		    "encrypted with random keys, not reproducibly: %s", why);
		return -1;
	}
	memcpy(pw, s->owner, lo);
	pw[lo] = '\0';
	if (lu > 0)
		memcpy(pw + lo + 1, s->user, lu);
	p.size = (unsigned)(lo + 1 + lu);
	memcpy(salt, SEAL_LABEL, sizeof(SEAL_LABEL) - 1);
	if ((e = gnutls_hash_fast(GNUTLS_DIG_SHA256, pdf, len, salt +
	    sizeof(SEAL_LABEL) - 1)) >= 0)
		e = gnutls_pbkdf2(GNUTLS_MAC_SHA256, &p, &sl, SEAL_ITER,
		    det->prk, sizeof(det->prk));
	explicit_bzero(pw, sizeof(pw));
	if (e < 0) {
		explicit_bzero(det, sizeof(*det));
		diag_emit_sev(d, DIAG_WARNING, DIAG_QPDF, name, 0, 0,
		    "encrypted with random keys, not reproducibly: %s",
		    gnutls_strerror(e));
		return -1;
	}
	return 0;
}

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
 * vectors at random, as it should (its fixed ones, for its own test
 * suite, are never used here), unless seal_write has given it derived
 * ones.  With encryption it makes the second half of the ID before it
 * writes anything (and refuses to make it from the content), from the
 * time; reproducible (det), that half is qpdf's fixed one instead, its
 * "static ID": revision 6 makes nothing of the ID, and the first half,
 * ours, made from the content (pdf_obj.c), still tells documents apart.
 * Without encryption the second half is made from the content, so that
 * the same document gives the same bytes.  Encryption's parameters are
 * made (the key drawn) here, not in qpdf_write.
 */
static void
seal_set(qpdf_data q, const struct pdf_seal *s, int det)
{
	if (s->owner != NULL) {
		qpdf_set_static_ID(q, det ? QPDF_TRUE : QPDF_FALSE);
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
	} else
		qpdf_set_deterministic_ID(q, QPDF_TRUE);
	qpdf_set_linearization(q, s->linearize ? QPDF_TRUE : QPDF_FALSE);
	/* PDF/A (linearized, not encrypted) wants a line end there */
	qpdf_set_newline_before_endstream(q, QPDF_TRUE);
}

/*
 * Reproducible, qpdf's random bytes are the derivation's (seal_fill) from
 * the settings, which draw the key, to the end of qpdf_write, which draws
 * the vectors: nothing between the two can fail out of this function,
 * and qpdf's own source is back before the lock is let go.  The source is
 * qpdf's for the whole process: a program that used qpdf itself on
 * another thread meanwhile would draw from it too.
 */
int
seal_write(const struct pdf_seal *s, const void *pdf, size_t len, FILE *f,
    const char *name, struct diag *d)
{
	struct seal_det det;
	qpdf_data q;
	const unsigned char *out;
	size_t n;
	int rc = -1, dt, failed = 0;

	pthread_once(&qpdf_once, qpdf_load);
	if (qpdf_why[0] != '\0') {
		diag_emit(d, DIAG_QPDF, name, 0, 0, "encryption and "
		    "linearization need qpdf's library: %s", qpdf_why);
		return -1;
	}
	dt = s->owner != NULL && s->reproducible &&
	    seal_derive(s, pdf, len, &det, name, d) == 0;
	pthread_mutex_lock(&qpdf_lock);
	q = qpdf_init();
	seal_quiet(q);
	qpdf_read_memory(q, name, pdf, len, NULL);
	if (seal_said(&q, d, name))
		goto out;
	qpdf_init_write_memory(q);
	if (dt)
		seal_random_use(qpdf_set_random, seal_fill, &det);
	seal_set(q, s, dt);
	qpdf_write(q);
	if (dt) {
		seal_random_end(qpdf_set_random);
		failed = det.failed;
		explicit_bzero(&det, sizeof(det));
	}
	if (seal_said(&q, d, name))
		goto out;
	if (failed) {
		diag_emit(d, DIAG_QPDF, name, 0, 0, "reproducible encryption: "
		    "GnuTLS could not derive the bytes qpdf asked for");
		goto out;
	}
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
	if (dt)
		explicit_bzero(&det, sizeof(det));
	return rc;
}
