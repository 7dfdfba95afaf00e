/*
 * check_pdf.c - the PDF writer, through proof sheets (tl_proof) and the
 * pdf.h calls, checked with the real poppler and qpdf tools: the text
 * comes back exactly (pdftotext, no warnings), the file is clean (qpdf
 * --check), every font is embedded, subset and has a ToUnicode map
 * (pdffonts), and each font program holds the glyphs drawn as the font
 * has them (HarfBuzz); bookmarks and information in Thai; a face of a
 * .ttc; the libharu the tests run with.
 */
#define _GNU_SOURCE		/* memmem */
#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <check.h>
#include <hb.h>
#include <hb-ot.h>

#include "base/base.h"
#include "text/text.h"
#include "pdf/pdf_int.h"
#include "briefing.h"
#include "util.h"

/* Lines of test words; each fits an A4 line at 16 pt. */
static const char words[] =
    "ผู้ ที่ ซ้อน ห่าง น้ำ ปั้น ปี่\n"
    "ฟ้า กิ่ง ญู ฐุ ป่ำ ฝั่ง ฟื้น\n"
    "ป้ำ นั้น ปู่ ฎุ ฏู ฤๅ\n"
    "ผู้นำเกาหลีเหนือ ญี่ปุ่น ฐาน\n"
    "คิม จองอึน 1950-53 “ระยะยาว” – ไทม์ไลน์";

static const char *const families[] = {
	"Laksaman", "Garuda", "Waree", "Noto Sans Thai", "Noto Serif Thai",
	"TH Sarabun New"
};

static char tmpdir[] = "/tmp/check_pdf.XXXXXX";

static void
setup(void)
{
	unsetenv("BRIEFING_FONTS");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void
teardown(void)
{
	DIR *d = opendir(tmpdir);
	struct dirent *e;
	char path[4096];

	while (d != NULL && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", tmpdir, e->d_name);
		unlink(path);
	}
	if (d != NULL)
		closedir(d);
	rmdir(tmpdir);
	strcpy(tmpdir, "/tmp/check_pdf.XXXXXX");
}

static const char *
tmp(const char *name)
{
	static char buf[4][4096];
	static int k;

	k = (k + 1) % 4;
	snprintf(buf[k], sizeof(buf[k]), "%s/%s", tmpdir, name);
	return buf[k];
}

/* pdftotext's output; its stderr must be empty. */
static char *
text_of(const char *pdf)
{
	char cmd[8192], *out, *err;
	int st;

	snprintf(cmd, sizeof(cmd), "pdftotext -enc UTF-8 '%s' - 2>'%s'", pdf,
	    tmp("pdftotext.err"));
	out = run_cmd(cmd, &st);
	ck_assert_int_eq(st, 0);
	err = slurp(tmp("pdftotext.err"), NULL);
	ck_assert_msg(err != NULL && *err == '\0', "pdftotext: %s", err);
	free(err);
	return out;
}

/* qpdf --check is clean; pdffonts: every font embedded, subset, uni. */
static void
check_file(const char *pdf, int nfonts)
{
	char cmd[8192], *out, *line;
	int st, n = 0;

	snprintf(cmd, sizeof(cmd), "qpdf --check '%s' 2>&1", pdf);
	out = run_cmd(cmd, &st);
	ck_assert_msg(st == 0 && strstr(out, "No syntax or stream encoding "
	    "errors found") != NULL && strstr(out, "WARNING") == NULL,
	    "qpdf: %s", out);
	free(out);
	snprintf(cmd, sizeof(cmd), "pdffonts '%s' 2>&1", pdf);
	out = run_cmd(cmd, &st);
	ck_assert_int_eq(st, 0);
	for (line = strtok(out, "\n"); line != NULL;
	    line = strtok(NULL, "\n")) {
		if (strncmp(line, "name", 4) == 0 || line[0] == '-')
			continue;
		ck_assert_msg(strstr(line, "CID TrueType") != NULL &&
		    strstr(line, "Identity-H") != NULL &&
		    strstr(line, " yes yes yes ") != NULL, "pdffonts: %s",
		    line);
		ck_assert_msg(line[6] == '+', "not subset: %s", line);
		n++;
	}
	if (nfonts > 0)
		ck_assert_int_eq(n, nfonts);
	free(out);
}

/* Proof text in family; returns what was reported, checks diagnostics. */
static char *
proof(const char *text, const char *family, double size, const char *pdf,
    enum tl_status want, char **diagp)
{
	char *rep = NULL, *dg = NULL;
	size_t rl = 0, dl = 0;
	FILE *r = open_memstream(&rep, &rl), *d = open_memstream(&dg, &dl);
	struct tl_opts o;
	enum tl_status st;

	memset(&o, 0, sizeof(o));
	o.diag = d;
	o.fonts_dir = getenv("BRIEFING_FONTS");
	st = tl_proof(&o, text, family, size, pdf, r);
	fclose(r);
	fclose(d);
	ck_assert_msg(st == want, "tl_proof %s: %d: %s", family, st, dg);
	if (diagp != NULL)
		*diagp = dg;
	else {
		ck_assert_msg(*dg == '\0', "diagnostics: %s", dg);
		free(dg);
	}
	return rep;
}

/*
 * pdftotext's lines without the empty ones poppler puts between the
 * blocks it finds, and without the form feed: the text, line by line.
 */
static char *
lines_of(const char *out)
{
	char *e = malloc(strlen(out) + 1), *q = e;
	const char *p = out;

	while (*p != '\0') {
		const char *nl = strchr(p, '\n');
		size_t n = nl != NULL ? (size_t)(nl - p) : strlen(p);

		if (n > 0 && !(n == 1 && *p == '\f')) {
			if (q > e)
				*q++ = '\n';
			memcpy(q, p, n);
			q += n;
		}
		p += n + (nl != NULL);
	}
	*q = '\0';
	return e;
}

/* The text of pdf must be want, line by line. */
static void
check_text(const char *pdf, const char *want)
{
	char *out = text_of(pdf), *got = lines_of(out);

	ck_assert_msg(strcmp(got, want) == 0, "%s: got\n%s\nwant\n%s", pdf,
	    got, want);
	ck_assert_ptr_nonnull(strchr(out, '\f'));
	free(got);
	free(out);
}

START_TEST(proof_fonts)
{
	const char *fam = families[_i];
	const char *pdf = tmp("words.pdf");
	char *rep;

	rep = proof(words, fam, 16, pdf, TL_OK, NULL);
	check_text(pdf, words);
	check_file(pdf, 0);
	free(rep);
}
END_TEST

START_TEST(proof_report)
{
	const char *pdf = tmp("l.pdf");
	char *rep = proof("ก ขa", "Laksaman", 12, pdf, TL_OK, NULL);

	ck_assert_str_eq(rep, "Laksaman "
	    "/usr/share/fonts/truetype/tlwg/Laksaman.ttf:0: a ก ข "
	    "(U+0061, U+0E01..U+0E02)\n");
	check_file(pdf, 1);
	free(rep);
	/* The alias: scaled Laksaman, said so. */
	rep = proof("ก", "TH Sarabun New", 12, pdf, TL_OK, NULL);
	if (strncmp(rep, "Laksaman ", 9) == 0)
		ck_assert_ptr_nonnull(strstr(rep, ") scale 0.66\n"));
	free(rep);
}
END_TEST

/* Thai, Latin, digits, quotes, Hangul, symbols, an astral character. */
START_TEST(proof_mixed)
{
	const char *text = "ไทย 12 “x” – 한글 ✓ → 𝄞 ok";
	const char *pdf = tmp("mixed.pdf");
	char *rep = proof(text, NULL, 14, pdf, TL_OK, NULL);

	check_text(pdf, text);
	ck_assert_ptr_nonnull(strstr(rep, "\nNanumGothic "));
	ck_assert_ptr_nonnull(strstr(rep, "\nDejaVu Sans "));
	ck_assert_ptr_nonnull(strstr(rep, "(U+1D11E)"));
	check_file(pdf, 4);
	free(rep);
}
END_TEST

/* Decomposed SARA AM is drawn and extracted as typed: U+0E33. */
START_TEST(proof_sara_am)
{
	const char *pdf = tmp("am.pdf");
	char *rep = proof("ผู้น\xe0\xb9\x8d\xe0\xb8\xb2 น\xe0\xb9\x8d"
	    "\xe0\xb9\x89\xe0\xb8\xb2", "Noto Sans Thai", 20, pdf, TL_OK, NULL);

	check_text(pdf, "ผู้นำ น้ำ");
	free(rep);
}
END_TEST

START_TEST(proof_uncovered)
{
	const char *pdf = tmp("u.pdf");
	char *dg, *rep = proof("ก\xee\x80\x80ข", "Garuda", 12, pdf, TL_OK, &dg);

	ck_assert_ptr_nonnull(strstr(dg, "briefing: warning: no font covers "
	    "character: U+E000"));
	ck_assert_ptr_nonnull(strstr(rep, "uncovered: U+E000 "));
	check_file(pdf, 1);
	free(dg);
	free(rep);
}
END_TEST

/* Temporary file beside the output, removed when the rename fails. */
START_TEST(proof_atomic)
{
	const char *dir = tmp("out.pdf");
	char *dg, *rep;
	DIR *d;
	struct dirent *e;
	int n = 0;

	ck_assert_int_eq(mkdir(dir, 0700), 0);
	rep = proof("ก", "Garuda", 12, dir, TL_ESYSTEM, &dg);
	ck_assert_ptr_nonnull(strstr(dg, "error"));
	free(dg);
	free(rep);
	rmdir(dir);
	d = opendir(tmpdir);
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.')
			n++;
	closedir(d);
	ck_assert_int_eq(n, 0);
	rep = proof("ก", "Garuda", 12, "/nonexistent/x.pdf", TL_ESYSTEM,
	    &dg);
	free(dg);
	free(rep);
	rep = proof("ก", "Garuda", -1, tmp("x.pdf"), TL_EUSAGE, &dg);
	free(dg);
	free(rep);
	ck_assert_int_ne(access(tmp("x.pdf"), F_OK), 0);
}
END_TEST

/* A file that cannot be written: -1, and the path and the reason said. */
START_TEST(pdf_save_errors)
{
	static const char *const paths[] = { "/dev/full",
	    "/nonexistent/x.pdf" };
	static const char *const why[] = { "No space left on device",
	    "No such file or directory" };
	struct diag dg;
	struct pdf *p;
	char *dbuf = NULL, want[256];
	size_t dlen = 0, k;

	for (k = 0; k < 2; k++) {
		memset(&dg, 0, sizeof(dg));
		dg.out = open_memstream(&dbuf, &dlen);
		p = pdf_new(&dg);
		ck_assert_int_eq(pdf_page(p, 595, 842), 0);
		pdf_rect(p, 72, 700, 200, 20, 0.9, 0.9, 1);
		ck_assert_int_eq(pdf_save(p, paths[k]), -1);
		pdf_free(p);
		fclose(dg.out);
		snprintf(want, sizeof(want), "%s: error: ", paths[k]);
		ck_assert_msg(strncmp(dbuf, want, strlen(want)) == 0 &&
		    strstr(dbuf, why[k]) != NULL, "%s", dbuf);
		ck_assert_int_gt(dg.errors + dg.fatal, 0);
		free(dbuf);
		dbuf = NULL;
	}
}
END_TEST

/*
 * What qpdf says while sealing is reported, never printed: bytes that are
 * no PDF are an error with its words; a PDF whose cross-reference table
 * is not where it says is repaired, with warnings, and written.
 */
START_TEST(seal_errors)
{
	static const char damaged[] = "%PDF-1.4\n"
	    "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
	    "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
	    "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 99 99] >> "
	    "endobj\ntrailer << /Root 1 0 R /Size 4 >>\nstartxref\n9999\n"
	    "%%EOF\n";
	struct pdf_seal seal = { "owner", NULL, 1, 0, 1, 0 };
	struct diag dg;
	char *dbuf = NULL, *obuf = NULL, *err;
	size_t dlen = 0, olen = 0;
	FILE *out;
	int fd, saved;

	/* standard error into a file, to see that nothing goes there */
	fflush(stderr);
	saved = dup(2);
	fd = open(tmp("stderr"), O_WRONLY | O_CREAT | O_TRUNC, 0600);
	ck_assert(saved >= 0 && fd >= 0 && dup2(fd, 2) == 2);
	close(fd);

	memset(&dg, 0, sizeof(dg));
	dg.out = open_memstream(&dbuf, &dlen);
	out = open_memstream(&obuf, &olen);
	ck_assert_int_eq(seal_write(&seal, "no PDF", 6, out, "x.pdf", &dg),
	    -1);
	fclose(dg.out);
	ck_assert_msg(strstr(dbuf, "x.pdf: error: qpdf: ") != NULL &&
	    dg.fatal > 0, "%s", dbuf);
	free(dbuf);
	dbuf = NULL;

	memset(&dg, 0, sizeof(dg));
	dg.out = open_memstream(&dbuf, &dlen);
	ck_assert_int_eq(seal_write(&seal, damaged, sizeof(damaged) - 1, out,
	    "y.pdf", &dg), 0);
	fclose(dg.out);
	fclose(out);
	ck_assert_msg(strstr(dbuf, "y.pdf: warning: qpdf: ") != NULL &&
	    dg.warnings > 0 && dg.errors + dg.fatal == 0, "%s", dbuf);
	ck_assert(olen > 8 && memcmp(obuf, "%PDF-1.7", 8) == 0);
	free(dbuf);
	free(obuf);

	fflush(stderr);
	ck_assert_int_eq(dup2(saved, 2), 2);
	close(saved);
	err = slurp(tmp("stderr"), &dlen);
	ck_assert_msg(err != NULL && dlen == 0, "qpdf printed: %s", err);
	free(err);
}
END_TEST

/*
 * Reproducible sealing: the same bytes and passwords, sealed twice, give
 * the same bytes; another owner or user password, or other bytes, other
 * ones; each opens with its password only (qpdf).  Not reproducible
 * after, twice: other bytes each time (qpdf's own random source is back).
 */
static char *
seal_to(const struct pdf_seal *s, const char *pdf, size_t len,
    size_t *olen)
{
	struct diag dg;
	char *obuf = NULL, *dbuf = NULL;
	size_t dlen = 0;
	FILE *out = open_memstream(&obuf, olen);

	memset(&dg, 0, sizeof(dg));
	dg.out = open_memstream(&dbuf, &dlen);
	ck_assert_int_eq(seal_write(s, pdf, len, out, "r.pdf", &dg), 0);
	fclose(dg.out);
	fclose(out);
	/* (qpdf warns of the missing cross-reference table) */
	ck_assert_msg(dg.errors + dg.fatal == 0 && strstr(dbuf,
	    "reproducibly") == NULL, "%s", dbuf);
	free(dbuf);
	return obuf;
}

START_TEST(seal_reproducible)
{
	static const char pdf[] = "%PDF-1.4\n"
	    "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
	    "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
	    "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 99 99] "
	    "/Contents 4 0 R >> endobj\n"
	    "4 0 obj << /Length 8 >> stream\n0 0 m S\n\nendstream endobj\n"
	    "5 0 obj << /Title (t) >> endobj\n"
	    "trailer << /Root 1 0 R /Info 5 0 R /Size 6 /ID [<00><00>] >>\n"
	    "%%EOF\n";
	struct pdf_seal det = { "owner", "user", 1, 0, 0, 1 };
	struct pdf_seal other[] = {
		{ "owneR", "user", 1, 0, 0, 1 },
		{ "owner", "User", 1, 0, 0, 1 },
		{ "owner", NULL, 1, 0, 0, 1 },
	};
	char *a, *b, *c, cmd[512];
	size_t la, lb, lc, k;
	FILE *f;

	a = seal_to(&det, pdf, sizeof(pdf) - 1, &la);
	b = seal_to(&det, pdf, sizeof(pdf) - 1, &lb);
	ck_assert_msg(la == lb && memcmp(a, b, la) == 0,
	    "reproducible: not the same bytes");
	for (k = 0; k < sizeof(other) / sizeof(other[0]); k++) {
		c = seal_to(&other[k], pdf, sizeof(pdf) - 1, &lc);
		ck_assert_msg(lc != la || memcmp(a, c, la) != 0,
		    "other passwords (%zu), the same bytes", k);
		free(c);
	}
	free(b);
	b = seal_to(&det, pdf, sizeof(pdf) - 2, &lb);	/* one byte less */
	ck_assert(lb != la || memcmp(a, b, la) != 0);
	free(b);

	ck_assert((f = fopen(tmp("det.pdf"), "wb")) != NULL);
	ck_assert(fwrite(a, 1, la, f) == la && fclose(f) == 0);
	snprintf(cmd, sizeof(cmd), "qpdf --check --password=user '%s' "
	    ">/dev/null 2>&1 && qpdf --check --password=owner '%s' "
	    ">/dev/null 2>&1 && ! qpdf --check '%s' >/dev/null 2>&1",
	    tmp("det.pdf"), tmp("det.pdf"), tmp("det.pdf"));
	ck_assert_msg(system(cmd) == 0, "%s", cmd);
	free(a);

	det.reproducible = 0;
	a = seal_to(&det, pdf, sizeof(pdf) - 1, &la);
	b = seal_to(&det, pdf, sizeof(pdf) - 1, &lb);
	ck_assert_msg(la != lb || memcmp(a, b, la) != 0,
	    "not reproducible: the same bytes");
	free(a);
	free(b);
}
END_TEST

/*
 * Encryption with PDF/A, or permissions and a user password without an
 * owner password, are refused by the library itself (not only by the
 * command line): a usage error, said, and nothing written.
 */
START_TEST(seal_refused)
{
	static const struct {
		const char	*owner, *user;
		int		 no_print, no_copy;
		enum tl_pdf_standard std;
		const char	*why;	/* NULL: accepted */
	} t[] = {
		{ "o", NULL, 1, 1, TL_PDF_A1B, "PDF/A forbids encryption" },
		{ "o", "u", 0, 0, TL_PDF_A2U, "PDF/A forbids encryption" },
		{ NULL, "u", 0, 0, TL_PDF_NONE, "need an owner password" },
		{ NULL, NULL, 1, 0, TL_PDF_NONE, "need an owner password" },
		{ NULL, NULL, 0, 1, TL_PDF_NONE, "need an owner password" },
		{ "", NULL, 0, 0, TL_PDF_NONE, "owner password is empty" },
		{ "o", "", 0, 0, TL_PDF_NONE, "user password is empty" },
		{ "o", "u", 1, 1, TL_PDF_NONE, NULL },
		{ NULL, NULL, 0, 0, TL_PDF_A1B, NULL },
	};
	char why[200], *dbuf, longpw[129];
	struct tl_opts o;
	struct tl_doc *d;
	size_t k, dlen;

	for (k = 0; k < sizeof(t) / sizeof(t[0]); k++) {
		memset(&o, 0, sizeof(o));
		o.owner_password = t[k].owner;
		o.user_password = t[k].user;
		o.no_print = t[k].no_print;
		o.no_copy = t[k].no_copy;
		o.pdf_standard = t[k].std;
		ck_assert_int_eq(tl_seal_check(&o, why, sizeof(why)),
		    t[k].why != NULL ? -1 : 0);
		if (t[k].why == NULL)
			continue;
		ck_assert_msg(strstr(why, t[k].why) != NULL, "%zu: %s", k,
		    why);
		dbuf = NULL;
		o.diag = open_memstream(&dbuf, &dlen);
		d = tl_doc_new(&o);
		ck_assert_int_eq(tl_doc_read(d, "data/russia-dprk-timeline.xml"),
		    TL_OK);
		ck_assert_int_eq(tl_doc_render(d, tmp("r.pdf")), TL_EUSAGE);
		ck_assert_int_eq(tl_doc_render_copies(d, tmp("c-{n}.pdf"), 2,
		    NULL), TL_EUSAGE);
		tl_doc_free(d);
		fclose(o.diag);
		ck_assert_msg(strncmp(dbuf, "briefing: error: bad option: ",
		    29) == 0 && strstr(dbuf, t[k].why) != NULL, "%s", dbuf);
		free(dbuf);
		ck_assert_int_ne(access(tmp("r.pdf"), F_OK), 0);
		ck_assert_int_ne(access(tmp("c-1.pdf"), F_OK), 0);
	}
	memset(longpw, 'x', sizeof(longpw) - 1);
	longpw[128] = '\0';
	memset(&o, 0, sizeof(o));
	o.owner_password = longpw;
	ck_assert_int_eq(tl_seal_check(&o, why, sizeof(why)), -1);
	longpw[127] = '\0';
	ck_assert_int_eq(tl_seal_check(&o, why, sizeof(why)), 0);
}
END_TEST

/* pdf.h directly: pages, rules, links, bookmarks, info, watermark. */
START_TEST(pdf_api)
{
	struct diag dg;
	struct fontset *fs;
	struct fontchain *c;
	struct shaper *sh;
	struct pdf *p;
	struct run *r;
	size_t nr, i;
	const char *text = "สารบัญ ข่าว", *pdf = tmp("api.pdf");
	char *dbuf = NULL, *out, cmd[8192];
	size_t dlen = 0;
	double x = 72;
	int st, top;

	memset(&dg, 0, sizeof(dg));
	dg.out = open_memstream(&dbuf, &dlen);
	fs = fontset_new(&dg, test_fonts(NULL));
	c = fontset_chain(fs, "Garuda", 1, 0);
	sh = shaper_new();
	shape_text(sh, c, text, strlen(text), &r, &nr, NULL, NULL);
	p = pdf_new(&dg);
	pdf_set_info(p, "ไทม์ไลน์ รัสเซีย", "ทีมข่าว", "test", "a, b",
	    "check_pdf", 2024, 3, 1, 12, 0, 0);
	ck_assert_int_eq(pdf_page(p, 595, 842), 0);
	pdf_rect(p, 72, 700, 200, 20, 0.9, 0.9, 1);
	pdf_line(p, 72, 690, 300, 690, 0.5, 0, 0, 0, 0);
	pdf_line(p, 72, 680, 300, 680, 1, 0.5, 0.5, 0.5, 1);
	for (i = 0; i < nr; i++) {
		pdf_glyphs(p, x, 705, 14, r[i].font, r[i].g, r[i].ng, text,
		    r[i].end, 0.1, 0.1, 0.5);
		x += (double)r[i].adv * 14 * r[i].font->scale / r[i].font->upem;
	}
	pdf_glyphs_rotated(p, 200, 300, 45, 0.2, 60, r[0].font, r[0].g,
	    r[0].ng, text, r[0].end, 1, 0, 0);
	pdf_link_uri(p, 72, 600, 100, 12, "https://example.org/");
	pdf_link_page(p, 72, 580, 100, 12, 1, 800);	/* not made yet */
	top = pdf_outline(p, -1, "สารบัญ", 0, 842);
	ck_assert_int_eq(top, 0);
	ck_assert_int_eq(pdf_outline(p, top, "ข่าว 2", 1, 700), 1);
	ck_assert_int_eq(pdf_outline(p, 7, "bad", 0, 0), -1);
	ck_assert_int_eq(pdf_page(p, 595, 842), 1);
	ck_assert_int_eq(pdf_npages(p), 2);
	ck_assert_int_eq(pdf_save(p, pdf), 0);
	pdf_free(p);
	shaper_free(sh);
	fontset_free(fs);
	fclose(dg.out);
	ck_assert_msg(*dbuf == '\0', "%s", dbuf);
	free(dbuf);

	check_file(pdf, 1);
	snprintf(cmd, sizeof(cmd), "pdfinfo -enc UTF-8 '%s'", pdf);
	out = run_cmd(cmd, &st);
	ck_assert_msg(strstr(out, " ไทม์ไลน์ รัสเซีย\n") != NULL &&
	    strstr(out, " ทีมข่าว\n") != NULL && strstr(out, "UTC\n") !=
	    NULL, "pdfinfo: %s", out);
	ck_assert_int_eq(atoi(strstr(out, "Pages:") + 6), 2);
	free(out);
	snprintf(cmd, sizeof(cmd), "qpdf --json --json-key=outlines '%s'", pdf);
	out = run_cmd(cmd, &st);
	ck_assert_int_eq(st, 0);
	ck_assert_ptr_nonnull(strstr(out, "\"title\": \"สารบัญ\""));
	ck_assert_ptr_nonnull(strstr(out, "\"title\": \"ข่าว 2\""));
	free(out);
	snprintf(cmd, sizeof(cmd), "qpdf --qdf --object-streams=disable '%s' -"
	    " | grep -a -c '/Subtype /Link'", pdf);
	out = run_cmd(cmd, &st);
	ck_assert_str_eq(out, "2\n");
	free(out);
	/* The heading; the rotated watermark comes out in pieces. */
	out = text_of(pdf);
	ck_assert_msg(strstr(out, "\nสารบัญ ข่าว\n") != NULL, "%s", out);
	free(out);
}
END_TEST

/* Write a TrueType collection of the fonts in files[0..n). */
static int
make_ttc(const char *out, const char *const *files, int n)
{
	unsigned char *font[4], *buf;
	size_t len[4], size = 12 + 4 * (size_t)n, pos;
	int i, t;
	FILE *f;

	for (i = 0; i < n; i++) {
		if ((font[i] = (unsigned char *)slurp(files[i], &len[i])) ==
		    NULL)
			return 0;
		size += 12 + 16 * (size_t)(font[i][4] << 8 | font[i][5]) +
		    len[i] + 4 * 64;
	}
	buf = calloc(1, size);
	memcpy(buf, "ttcf\0\1\0\0", 8);
	put_be32(buf + 8, (uint32_t)n);
	pos = 12 + 4 * (size_t)n;
	for (i = 0; i < n; i++) {
		int nt = font[i][4] << 8 | font[i][5];

		put_be32(buf + 12 + 4 * i, (uint32_t)pos);
		memcpy(buf + pos, font[i], 12 + 16 * (size_t)nt);
		pos += 12 + 16 * (size_t)nt;
	}
	for (i = 0, pos = (pos + 3) & ~(size_t)3; i < n; i++) {
		int nt = font[i][4] << 8 | font[i][5];
		unsigned char *dir = buf + be32(buf + 12 + 4 * i) + 12;

		for (t = 0; t < nt; t++) {
			uint32_t off = be32(dir + 16 * t + 8);
			uint32_t l = be32(dir + 16 * t + 12);

			memcpy(buf + pos, font[i] + off, l);
			put_be32(dir + 16 * t + 8, (uint32_t)pos);
			pos = (pos + l + 3) & ~(size_t)3;
		}
		free(font[i]);
	}
	f = fopen(out, "wb");
	if (f == NULL || fwrite(buf, 1, pos, f) != pos) {
		free(buf);
		return 0;
	}
	free(buf);
	return fclose(f) == 0;
}

/* A glyph's outline as HarfBuzz draws it, as text. */
static void
move_to(hb_draw_funcs_t *df, void *d, hb_draw_state_t *st, float x, float y,
    void *u)
{
	(void)df, (void)st, (void)u;
	fprintf(d, "M%g,%g", x, y);
}

static void
line_to(hb_draw_funcs_t *df, void *d, hb_draw_state_t *st, float x, float y,
    void *u)
{
	(void)df, (void)st, (void)u;
	fprintf(d, "L%g,%g", x, y);
}

static void
quad_to(hb_draw_funcs_t *df, void *d, hb_draw_state_t *st, float cx,
    float cy, float x, float y, void *u)
{
	(void)df, (void)st, (void)u;
	fprintf(d, "Q%g,%g,%g,%g", cx, cy, x, y);
}

static char *
outline(hb_font_t *font, uint32_t gid)
{
	hb_draw_funcs_t *df = hb_draw_funcs_create();
	char *s = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&s, &len);

	hb_draw_funcs_set_move_to_func(df, move_to, NULL, NULL);
	hb_draw_funcs_set_line_to_func(df, line_to, NULL, NULL);
	hb_draw_funcs_set_quadratic_to_func(df, quad_to, NULL, NULL);
	hb_font_get_glyph_shape(font, gid, df, f);
	fclose(f);
	hb_draw_funcs_destroy(df);
	return s;
}

static void
ps_name(hb_face_t *face, char *s, unsigned size)
{
	hb_ot_name_get_utf8(face, HB_OT_NAME_ID_POSTSCRIPT_NAME,
	    HB_LANGUAGE_INVALID, &size, s);
}

/* The glyphs drawn in one font, for subset_fonts. */
struct drawn {
	struct font	*font;
	unsigned char	 used[65536];
};

/*
 * Each font program embedded in pdf (qpdf uncompresses them) against the
 * font drawn of the same PostScript name: HarfBuzz reads it, and every
 * glyph drawn has the font's own advance and outline.  Returns the
 * number of programs.
 */
static int
check_programs(const char *pdf, struct drawn *dr, int ndr)
{
	char cmd[8192], *qdf, *at;
	size_t qlen;
	int st, n = 0, k;

	snprintf(cmd, sizeof(cmd), "qpdf --qdf --object-streams=disable '%s' "
	    "'%s'", pdf, tmp("q.pdf"));
	free(run_cmd(cmd, &st));
	ck_assert_int_eq(st, 0);
	qdf = slurp(tmp("q.pdf"), &qlen);
	ck_assert_ptr_nonnull(qdf);
	/* memmem: page content strings hold NUL bytes */
	for (at = qdf; (at = memmem(at, qlen - (size_t)(at - qdf),
	    "/Length1 ", 9)) != NULL; n++) {
		long len = atol(at + 9);
		char *data = memmem(at, qlen - (size_t)(at - qdf), "stream\n",
		    7), pi[64], po[64];
		hb_blob_t *blob;
		hb_face_t *fo;
		hb_font_t *ho, *hi;
		uint32_t g;

		ck_assert(data != NULL && len > 0 &&
		    data + 7 + len <= qdf + qlen);
		data += 7;
		blob = hb_blob_create(data, (unsigned)len,
		    HB_MEMORY_MODE_READONLY, NULL, NULL);
		fo = hb_face_create(blob, 0);
		hb_blob_destroy(blob);
		ps_name(fo, po, sizeof(po));
		for (k = 0; k < ndr; k++) {
			ps_name(dr[k].font->face, pi, sizeof(pi));
			if (strcmp(pi, po) == 0)
				break;
		}
		ck_assert_msg(k < ndr, "a program for %s", po);
		/* the face's glyphs, then the twins of marks moved back
		   over their base (code_twin) */
		ck_assert_uint_ge(hb_face_get_glyph_count(fo),
		    hb_face_get_glyph_count(dr[k].font->face));
		ho = hb_font_create(fo);
		hi = hb_font_create(dr[k].font->face);
		for (g = 0; g < 65536; g++) {
			char *oi, *oo;

			if (!dr[k].used[g])
				continue;
			ck_assert_int_eq(hb_font_get_glyph_h_advance(ho, g),
			    hb_font_get_glyph_h_advance(hi, g));
			oi = outline(hi, g);
			oo = outline(ho, g);
			ck_assert_msg(strcmp(oi, oo) == 0, "%s glyph %u", po,
			    (unsigned)g);
			free(oi);
			free(oo);
		}
		hb_font_destroy(ho);
		hb_font_destroy(hi);
		hb_face_destroy(fo);
		at = data + len;
	}
	free(qdf);
	return n;
}

/*
 * The font programs embedded: for the glyphs of Thai, Latin, Korean, Lao
 * and Khmer text in six families (one of them bold; TrueType with short
 * and long loca), a clean file whose text comes back, every font
 * embedded as a subset with ToUnicode, and each program read by
 * HarfBuzz as its font, with the drawn glyphs' advances and outlines.
 */
START_TEST(subset_fonts)
{
	static const struct {
		const char *family, *text;
		int bold;
	} cases[] = {
		{ "Laksaman", "ผู้นำญี่ปุ่นพบปะกับปูติน 1950 (ต่อ)", 0 },
		{ "Garuda", "เศรษฐกิจฐานญาติ ฯลฯ ๆ", 1 },
		{ "Noto Sans Thai", "ความสัมพันธ์ที่ซับซ้อน", 0 },
		{ "DejaVu Sans", "North Korea – Russia, 12 Sep 2023", 0 },
		{ "NanumGothic", "김정은 평양", 0 },
		{ "Noto Sans Lao", "ພາສາລາວ", 0 },
		{ "Noto Sans Khmer", "ភាសាខ្មែរ", 0 },
	};
	const char *pdf = tmp("subset.pdf");
	struct drawn *dr = calloc(16, sizeof(*dr));
	struct diag dg;
	struct fontset *fs;
	struct shaper *sh;
	struct pdf *p;
	char *dbuf = NULL;
	size_t dlen = 0, k, i, j, nr;
	double y = 780;
	int ndr = 0, d;
	hb_codepoint_t nik;

	memset(&dg, 0, sizeof(dg));
	dg.out = open_memstream(&dbuf, &dlen);
	fs = fontset_new(&dg, test_fonts(NULL));
	sh = shaper_new();
	p = pdf_new(&dg);
	ck_assert_int_eq(pdf_page(p, 595, 842), 0);
	for (k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		struct fontchain *c = fontset_chain(fs, cases[k].family,
		    cases[k].bold, 0);
		struct run *r;
		double x = 72;

		shape_text(sh, c, cases[k].text, strlen(cases[k].text), &r,
		    &nr, NULL, NULL);
		for (i = 0; i < nr; i++) {
			pdf_glyphs(p, x, y, 14, r[i].font, r[i].g, r[i].ng,
			    cases[k].text, r[i].end, 0, 0, 0);
			x += (double)r[i].adv * 14 * r[i].font->scale /
			    r[i].font->upem;
			for (d = 0; d < ndr && dr[d].font->ff != r[i].font->ff;
			    d++)
				continue;
			ck_assert_int_lt(d, 16);
			dr[d].font = r[i].font;
			ndr += d == ndr;
			/* SARA AM's NIKHAHIT is drawn as its outline, not
			   from the subset (pdf_text.c) */
			if (!hb_font_get_nominal_glyph(r[i].font->hb, 0x0e4d,
			    &nik) || strstr(cases[k].text, "\u0e4d") != NULL)
				nik = (hb_codepoint_t)-1;
			for (j = 0; j < r[i].ng; j++)
				if (r[i].g[j].gid != nik)
					dr[d].used[r[i].g[j].gid] = 1;
		}
		y -= 30;
	}
	ck_assert_int_eq(pdf_save(p, pdf), 0);
	fclose(dg.out);
	ck_assert_msg(*dbuf == '\0', "%s", dbuf);
	/* at least one font a case (fallbacks may add more) */
	ck_assert_int_ge(ndr, 7);
	check_file(pdf, ndr);
	ck_assert_int_eq(check_programs(pdf, dr, ndr), ndr);
	pdf_free(p);
	shaper_free(sh);
	fontset_free(fs);
	free(dbuf);
	free(dr);
}
END_TEST

/* The libharu running is the one the program was built with. */
START_TEST(libharu_version)
{
	const char *h, *l, *want = getenv("BRIEFING_LIBHARU");

	pdf_libharu(&h, &l);
	ck_assert_str_eq(h, l);
	if (want != NULL && *want != '\0')
		ck_assert_str_eq(l, want);
}
END_TEST

/* Face 1 of a collection: the PDF draws with the face HarfBuzz shaped. */
START_TEST(ttc_face)
{
	static const char *const files[] = {
		"/usr/share/fonts/truetype/tlwg/Laksaman.ttf",
		"/usr/share/fonts/truetype/tlwg/Garuda.ttf"
	};
	char *rep, *a, *b, cmd[8192], fontdir[4096];
	size_t la, lb;
	int st;

	snprintf(fontdir, sizeof(fontdir), "%s/fonts", tmpdir);
	ck_assert_int_eq(mkdir(fontdir, 0700), 0);
	ck_assert(make_ttc(tmp("fonts/LakGar.ttc"), files, 2));
	setenv("BRIEFING_FONTS", fontdir, 1);
	rep = proof(words, "Garuda", 16, tmp("ttc.pdf"), TL_OK, NULL);
	unsetenv("BRIEFING_FONTS");
	ck_assert_msg(strstr(rep, "LakGar.ttc:1: ") != NULL, "%s", rep);
	free(rep);
	check_text(tmp("ttc.pdf"), words);
	check_file(tmp("ttc.pdf"), 1);
	/* The same page as with Garuda.ttf itself. */
	free(proof(words, "Garuda", 16, tmp("ttf.pdf"), TL_OK, NULL));
	snprintf(cmd, sizeof(cmd), "pdftoppm -r 50 -gray '%s' '%s' && "
	    "pdftoppm -r 50 -gray '%s' '%s'", tmp("ttc.pdf"), tmp("ttc"),
	    tmp("ttf.pdf"), tmp("ttf"));
	free(run_cmd(cmd, &st));
	ck_assert_int_eq(st, 0);
	a = slurp(tmp("ttc-1.pgm"), &la);
	b = slurp(tmp("ttf-1.pgm"), &lb);
	ck_assert(a != NULL && b != NULL && la == lb);
	ck_assert(memcmp(a, b, la) == 0);
	free(a);
	free(b);
	unlink(tmp("fonts/LakGar.ttc"));
	rmdir(fontdir);
}
END_TEST

/*
 * A project font that cannot be used (Laksaman without its post table) is
 * reported once, to the document's own diagnostics, and the system's copy
 * is used.
 */
START_TEST(render_bad_font)
{
	const char *want = "badfonts/Laksaman.ttf:0: no TrueType outlines or "
	    "a table missing; not used\n";
	char fontdir[4096], *out, *p;
	unsigned char *font;
	size_t len, outlen, i, n, k;
	struct tl_opts o;
	struct tl_doc *d;
	FILE *f, *mem;

	font = (unsigned char *)slurp(
	    "/usr/share/fonts/truetype/tlwg/Laksaman.ttf", &len);
	ck_assert_ptr_nonnull(font);
	n = (size_t)(font[4] << 8 | font[5]);
	for (i = 0; i < n; i++)
		if (memcmp(font + 12 + 16 * i, "post", 4) == 0)
			memcpy(font + 12 + 16 * i, "xost", 4);
	snprintf(fontdir, sizeof(fontdir), "%s/badfonts", tmpdir);
	ck_assert_int_eq(mkdir(fontdir, 0700), 0);
	f = fopen(tmp("badfonts/Laksaman.ttf"), "wb");
	ck_assert(f != NULL && fwrite(font, 1, len, f) == len);
	ck_assert_int_eq(fclose(f), 0);
	free(font);
	setenv("BRIEFING_FONTS", fontdir, 1);
	for (k = 0; k < 2; k++) {
		out = NULL;
		outlen = 0;
		mem = open_memstream(&out, &outlen);
		ck_assert_ptr_nonnull(mem);
		memset(&o, 0, sizeof(o));
		o.diag = mem;
		o.fonts_dir = fontdir;
		d = tl_doc_new(&o);
		ck_assert_int_eq(tl_doc_read(d, "data/russia-dprk-timeline.xml"),
		    TL_OK);
		ck_assert_int_eq(tl_doc_render(d, tmp("badfont.pdf")), TL_OK);
		tl_doc_free(d);
		fclose(mem);
		p = strstr(out, want);
		ck_assert_msg(p != NULL && strstr(p + 1, want) == NULL &&
		    strstr(out, "warning: cannot load font: ") != NULL,
		    "run %zu: %s", k + 1, out);
		free(out);
		check_file(tmp("badfont.pdf"), 3);
		unlink(tmp("badfont.pdf"));
	}
	unsetenv("BRIEFING_FONTS");
	unlink(tmp("badfonts/Laksaman.ttf"));
	rmdir(fontdir);
}
END_TEST

Suite *
pdf_suite(void)
{
	Suite *s = suite_create("pdf");
	TCase *t = tcase_create("proof");

	tcase_add_checked_fixture(t, setup, teardown);
	tcase_set_timeout(t, 120);
	tcase_add_loop_test(t, proof_fonts, 0,
	    (int)(sizeof(families) / sizeof(families[0])));
	tcase_add_test(t, proof_report);
	tcase_add_test(t, render_bad_font);
	tcase_add_test(t, proof_mixed);
	tcase_add_test(t, proof_sara_am);
	tcase_add_test(t, proof_uncovered);
	tcase_add_test(t, proof_atomic);
	tcase_add_test(t, pdf_api);
	tcase_add_test(t, pdf_save_errors);
	tcase_add_test(t, seal_errors);
	tcase_add_test(t, seal_reproducible);
	tcase_add_test(t, seal_refused);
	tcase_add_test(t, ttc_face);
	tcase_add_test(t, subset_fonts);
	tcase_add_test(t, libharu_version);
	suite_add_tcase(s, t);
	return s;
}
