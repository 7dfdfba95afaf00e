/*
 * check_brk.c - line-break opportunities (src/brk.c).  Expected breaks are
 * written as the input with '|' at each break; a break after white space
 * is written after the space.  Inputs are normalised (SARA AM is U+0E33).
 * The table uses the shipped word list, data/words.txt, read from
 * $BRIEFING_TOP/data/words.txt or ./data/words.txt.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "text/text.h"
#include "base/base.h"

static struct brk *wb;		/* with data/words.txt, the lexicon */
static struct brk *nb;		/* without a word list */
static struct diag wdiag;
static char setup_err[4200];	/* why setup failed, "" if it did not */

/* The program's lexicon, made from data/compounds.txt (tools/lexicon.c). */
extern const unsigned char tl_lexicon_text[];
extern const uint32_t tl_lexicon_off[];
extern const size_t tl_lexicon_n;

static char *
slurp(const char *path, size_t *len)
{
	FILE *f;
	char *buf = NULL;
	long n;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
	    (buf = malloc((size_t)n + 1)) != NULL) {
		rewind(f);
		*len = fread(buf, 1, (size_t)n, f);
	}
	fclose(f);
	return buf;
}

/*
 * Set up both breakers once per test case (unchecked fixture, run in the
 * parent process): a failure is recorded for the tests to report, so that
 * the other suites still run.
 */
static void
setup(void)
{
	const char *top = getenv("BRIEFING_TOP");
	struct brk_lexicon lx;
	char path[4096];
	size_t len = 0;
	char *text;
	int n;

	snprintf(path, sizeof(path), "%s/data/words.txt",
	    top != NULL ? top : ".");
	memset(&wdiag, 0, sizeof(wdiag));
	wdiag.out = stderr;
	setup_err[0] = '\0';
	wb = brk_new(&wdiag);
	nb = brk_new(&wdiag);
	if (wb == NULL || nb == NULL) {
		snprintf(setup_err, sizeof(setup_err), "brk_new failed");
		return;
	}
	if ((text = slurp(path, &len)) == NULL) {
		snprintf(setup_err, sizeof(setup_err), "cannot read %s "
		    "(run from the top folder or set BRIEFING_TOP)", path);
		return;
	}
	n = brk_add_words(wb, text, len, "data/words.txt");
	free(text);
	if (n < 20 || wdiag.warnings != 0) {
		snprintf(setup_err, sizeof(setup_err),
		    "%s: %d entries, %d warnings", path, n, wdiag.warnings);
		return;
	}
	lx.text = (const char *)tl_lexicon_text;
	lx.off = tl_lexicon_off;
	lx.n = tl_lexicon_n;
	if ((n = brk_set_lexicon(wb, &lx)) < 20000)
		snprintf(setup_err, sizeof(setup_err), "the lexicon: %d words",
		    n);
}

/* Every test starts here. */
static void
ready(void)
{
	ck_assert_msg(setup_err[0] == '\0', "setup: %s", setup_err);
}

static void
teardown(void)
{
	brk_free(wb);
	brk_free(nb);
	wb = nb = NULL;
}

/* Render s with '|' before every byte that has a break. */
static char *
render(const char *s, size_t len, const unsigned char *cls)
{
	char *out = malloc(2 * len + 1), *o = out;
	size_t i;

	for (i = 0; i < len; i++) {
		if (cls[i] != BRK_NONE)
			*o++ = '|';
		*o++ = s[i];
	}
	*o = '\0';
	return out;
}

/*
 * Check one marked case with brk_find (icu: brk_find_icu): the breaks are
 * exactly at the '|', and each class follows from the byte before it.
 */
static void
expect(struct brk *b, const char *marked, int icu)
{
	size_t n = strlen(marked), len = 0, i;
	char *s = malloc(n + 1), *got;
	unsigned char *want = calloc(n + 1, 1), *cls = malloc(n + 1);
	int rc;

	for (i = 0; i < n; i++) {
		if (marked[i] == '|')
			want[len] = 1;
		else
			s[len++] = marked[i];
	}
	s[len] = '\0';
	memset(cls, 0xAA, n + 1);
	rc = icu ? brk_find_icu(b, s, len, cls) : brk_find(b, s, len, cls);
	ck_assert_int_eq(rc, 0);
	got = render(s, len, cls);
	for (i = 0; i <= len; i++)
		ck_assert_msg((cls[i] != BRK_NONE) == (want[i] != 0),
		    "%s: got %s", marked, got);
	for (i = 1; i < len; i++) {
		if (cls[i] == BRK_NONE)
			continue;
		if (s[i - 1] == '\n' || s[i - 1] == '\r')
			ck_assert_msg(cls[i] == BRK_HARD, "%s: class at %zu",
			    marked, i);
		else if (s[i - 1] == ' ' || s[i - 1] == '\t')
			ck_assert_msg(cls[i] == BRK_SPACE, "%s: class at %zu",
			    marked, i);
		else
			ck_assert_msg(cls[i] == BRK_WORD, "%s: class at %zu",
			    marked, i);
	}
	free(got);
	free(s);
	free(want);
	free(cls);
}

/*
 * The table.  Thai segmentation is libthai's between Thai letters
 * (docs/thai.md says where it differs from ICU); the word list keeps names
 * and terms whole; ICU's UAX #14 rules decide at spaces, quotes, dashes,
 * digits and Latin.
 */
static const char *const cases[] = {
	/* SARA AM words; a name with a space; compounds libthai keeps. */
	"ผู้นำ|เกาหลีเหนือ |คิม จองอึน |ได้|เดินทาง|มา|ถึง|รัสเซีย",
	"สำหรับ|สงคราม|ใน|ยูเครน",
	"ลำดับ|เหตุการณ์|สำคัญ",
	"คำ|ขอ|เช่น|นั้น",
	"กอง|กำลัง|จาก|เกาหลีใต้ |สหรัฐฯ |และ",
	"รวม|อำนาจ |มอสโก|ลด|การ|ช่วยเหลือ",
	/* The title: no break before the colon; a loanword kept whole. */
	"ความ|สัมพันธ์|ที่|ซับซ้อน|ระหว่าง|รัสเซีย|และ|เกาหลีเหนือ: |ไทม์ไลน์",
	/* Curly quotes: break before “ (after the space), not after it. */
	"นโยบาย |“ระยะ|ห่าง|เท่าๆ |กัน” |ที่|ทำให้",
	/* Spaced en dash: a break on both sides; comma keeps its word. */
	"เซี่ยงไฮ้, |เกาหลีใต้ |– |ผู้นำ|เกาหลีเหนือ",
	/* Unspaced dashes: after an en dash, around an em dash. */
	"มอสโก–|ปักกิ่ง",
	"ไทย|—|ลาว",
	/* Numbers stay whole. */
	"สงครามเกาหลี |1950-53 |เมื่อ|สหภาพโซเวียต",
	"1945-1948",
	"ปี |1950–1953 |และ",
	"ครั้ง|ที่ |2 |ใน|ปี |1945 |แต่",
	"กลาง|คริสต์|ทศวรรษ |1950 |ถึง |1960",
	"ปี |๒๕๖๖ |เป็น",
	/* Latin breaks at spaces only (and after a hyphen). */
	"North |Korea |Russia |Timeline",
	"North-|Korean |talks",
	/* Mixed Thai and Latin. */
	"North |Korea |คือ |เกาหลีเหนือ",
	"เกาหลีเหนือ |(North |Korea) |และ",
	"ใช้PDFกับ",
	"ราคา |100\u00A0บาท",
	/* Names from the word list. */
	"ประธานาธิบดี |วลาดิเมียร์ ปูติน |นี่|จะ|เป็น|การ|พบ|กัน",
	"ระบุ|ว่า |ปูติน|อาจ|จะ|ขอ|กระสุนปืน|ใหญ่",
	"หลัง|จาก |มิคาอิล กอร์บาชอฟ |ได้|ขึ้น|มา|มี|อำนาจ",
	"กองทัพ|ของ|คิม อิลซุง |บุก|โจมตี",
	"เมื่อ|คิม อิลซุง |กำจัด|ฝ่าย",
	"ติดตั้ง |คิม อิลซุง |ผู้นำ",
	"จาก|สาธารณรัฐประชาชนจีน|ที่|ก่อตั้ง|ใหม่",
	"ภาย|ใต้|การ|นำ|ของ|สหประชาชาติ|ต่อสู้|เพื่อ|ตีโต้|การ|รุกราน",
	"สงครามโลก|ครั้ง|ที่ |2",
	"ใน|แมนจูเรีย |เป็น|ผู้นำ|เหนือ",
	"คิม\u00A0จองอึน |ได้",
	/* The typo: libthai leaves the chunk whole. */
	"เพื่อ|พบ|ปะะกับประธานาธิบดี |วลาดิเมียร์ ปูติน",
	/* ๆ and ฯ never begin a line, even after a space. */
	"กระสุน|อื่นๆ |สำหรับ",
	"ประเทศ|ต่าง ๆ |และ",
	"กรุงเทพฯ |ร้อน",
	"เจ้าหน้าที่|สหรัฐฯ |ระบุ",
	/* Compounds that libthai keeps (ICU splits them). */
	"ทำให้|เกาหลีเหนือ|ถูก|โดดเดี่ยว",
	"ความ|ล้มเหลว|หลัง|การ|กู้ยืม|จาก|ตลาด|การเงิน",
	"ถึง|แม้|ว่า",
	/* An opening quote with a space after it, a closing one after one. */
	"เขา|พูด |“ ดี ” |แล้ว",
	/* White space: tab, runs of spaces, hard line breaks. */
	"ไทย\t|ดี",
	"ดี   |มาก",
	"บรรทัด|แรก\n|บรรทัด|ที่|สอง",
	"a\r\n|b\r|c",
	/* Outside the BMP: an emoji between spaces. */
	"ไทย |\U0001F600 |ดี",
};

START_TEST(test_table)
{
	ready();
	expect(wb, cases[_i], 0);
}
END_TEST

/*
 * Graded breaks (brk_find_graded): '|' a good break, '~' a fair one, '#'
 * a poor one; the breaks are those of brk_find.
 */
static void
expect_graded(struct brk *b, const char *marked)
{
	size_t n = strlen(marked), len = 0, i;
	char *s = malloc(n + 1), *got = malloc(2 * n + 1), *o = got;
	unsigned char *want = calloc(n + 1, 1), *cls = malloc(n + 1);
	unsigned char *gr = malloc(n + 1), *plain = malloc(n + 1);

	for (i = 0; i < n; i++) {
		if (marked[i] == '|')
			want[len] = '|';
		else if (marked[i] == '~')
			want[len] = '~';
		else if (marked[i] == '#')
			want[len] = '#';
		else
			s[len++] = marked[i];
	}
	s[len] = '\0';
	ck_assert_int_eq(brk_find_graded(b, s, len, cls, gr), 0);
	ck_assert_int_eq(brk_find(b, s, len, plain), 0);
	ck_assert_msg(memcmp(cls, plain, len + 1) == 0, "%s: not brk_find's",
	    marked);
	for (i = 0; i < len; i++) {
		if (cls[i] != BRK_NONE)
			*o++ = gr[i] == BRK_GOOD ? '|' : gr[i] == BRK_FAIR ?
			    '~' : '#';
		else
			ck_assert_int_eq(gr[i], BRK_GOOD);
		*o++ = s[i];
	}
	*o = '\0';
	ck_assert_str_eq(got, marked);
	free(s);
	free(got);
	free(want);
	free(cls);
	free(gr);
	free(plain);
}

static const char *const graded[] = {
	/* compounds of the lexicon; both breakers see หลัก|เขตแดน */
	"หลัก#เขต#แดน|ที่ #46 |ใกล้|บ้าน~หาด#เล็ก",
	"เจ้าหน้าที่|ทางการ#ทูต|ของ|ราช#อาณาจักร#กัมพูชา",
	"ผู้#บัญชาการ|กอง#กำลัง|บูรพา|เดินทาง|ไป|ที่|ชาย#แดน|ด้าน|ตะวัน#ออก",
	/* not a word of the lexicon: ICU's ขอก|ระสุน matches nothing */
	"ปูติน~อาจ|จะ|ขอ~กระสุนปืน|ใหญ่|และ",
	/* a person after a title: given name, surname, the space between */
	"นาย#อนุทิน ชาญวีรกูล |นายก#รัฐมนตรี |กล่าว|ว่า",
	"นางสาว#ธิดา #ใจ#ดี#งาม |กล่าว",
	"พล.อ. #ประยุทธ์ #จันทร์#โอชา |และ |สมเด็จ#ฮุน เซน",
	"สมเด็จ#พระ#นโรดม #สีหนุ |เสด็จ|เยือน|เมื่อ |พ.ศ. #๒๕๐๑ |และ |ค.ศ. #1904",
	/* not a name: เขา the pronoun before a verb; no title */
	"เขา|กล่าว|ว่า",
	"ประยุทธ์ |จันทร์|โอชา",
	"ฮุน เซน |และ |อนุทิน ชาญวีรกูล",
	/* places after their word */
	"ปราสาท~ตา#ควาย|ใน|จังหวัด~สุรินทร์",
	"เขา~พระ#วิหาร",
	/* numbers: a day and its month, units, after ที่ and ปี */
	"เมื่อ|วัน#ที่ #๙ #พฤศจิกายน |๒๕๖๘ |เขื่อน|ผลิต|ไฟฟ้า |3,600 "
	    "#เมกะ#วัตต์ |หรือ |12.5 #% |ของ|ประชากร |6 #ล้าน |คน",
	"ครั้ง|ที่ #2 |ใน~ปี #1945",
	"ราคา |100 #บาท",
	"มี |2 |ทาง",
	/* never before ๆ, spaced or not */
	"ระยะ#ห่าง|เท่า ๆ |กัน",
};

START_TEST(test_graded)
{
	ready();
	expect_graded(wb, graded[_i]);
}
END_TEST

/* Without the lexicon, the compounds' breaks are plain word boundaries. */
START_TEST(test_graded_no_lexicon)
{
	ready();
	expect_graded(nb, "หลัก|เขต~แดน|ที่ #46");
	expect_graded(nb, "นายก|รัฐมนตรี|กล่าว");
	/* the rules need no lexicon */
	expect_graded(nb, "นาย#อนุทิน #ชาญ#วี#รกูล |กล่าว");
}
END_TEST

/* A lexicon of one's own: its words, and none. */
START_TEST(test_lexicon_load)
{
	static const char text[] = "ชายแดนตะวันออกนายกรัฐมนตรี";
	static const uint32_t off[] = { 0, 18, 42, 78 };
	struct brk_lexicon lx = { text, off, 3 }, bad = { NULL, off, 3 };
	struct brk *b;

	ready();
	b = brk_new(NULL);
	ck_assert_ptr_nonnull(b);
	ck_assert_int_eq(brk_set_lexicon(b, &lx), 3);
	expect_graded(b, "ชาย#แดน|ตะวัน#ออก|นายก#รัฐมนตรี|กอง|กำลัง");
	ck_assert_int_eq(brk_set_lexicon(b, NULL), 0);
	expect_graded(b, "ชาย~แดน|ตะวัน|ออก");
	ck_assert_int_eq(brk_set_lexicon(b, &bad), -1);
	brk_free(b);
}
END_TEST

/* Without the word list, libthai's own answers show through. */
START_TEST(test_no_words)
{
	ready();
	expect(nb, "ผู้นำ|เกาหลี|เหนือ |คิม |จอง|อึน", 0);
	expect(nb, "หลัง|จาก |มิ|คา|อิล", 0);
	expect(nb, "เพื่อ|ตี|โต้", 0);
	expect(nb, "ยุ|นซอกยอล |กล่าว", 0);
}
END_TEST

/* A user's list: no break inside its entries, a break after them. */
START_TEST(test_user_words)
{
	struct diag d;
	struct brk *b;
	const char *list = "# user names\nยุนซอกยอล\nซอกยอล\nJong Un\n";

	ready();
	memset(&d, 0, sizeof(d));
	d.out = stderr;
	b = brk_new(&d);
	ck_assert_ptr_nonnull(b);
	expect(b, "ยุ|นซอกยอล |กล่าว", 0);
	expect(b, "Kim |Jong |Un", 0);
	ck_assert_int_eq(brk_add_words(b, list, strlen(list), "user.txt"), 3);
	ck_assert_int_eq(d.warnings, 0);
	expect(b, "ยุนซอกยอล |กล่าว", 0);
	/* The entry ends inside a Thai run: break there, resegment the rest. */
	expect(b, "ซอกยอล|กล่าว|ว่า", 0);
	expect(b, "นาย|ยุนซอกยอล|กล่าว", 0);
	/* An entry must start a word: not after a letter with no break. */
	expect(b, "Kim |Jong Un |said", 0);
	expect(b, "KimJong |Un", 0);
	expect(b, "(Jong Un)", 0);
	brk_free(b);
}
END_TEST

/* The ICU variant for over-long chunks; the word list still applies. */
START_TEST(test_icu)
{
	ready();
	expect(wb, "ปะะ|กับ|ประธานาธิบดี |วลาดิเมียร์ ปูติน", 1);
	expect(wb, "ปูติน|อาจ|จะ", 1);
	expect(nb, "ปู|ติ|นอาจ|จะ", 1);
	expect(wb, "นโยบาย |“ระยะ|ห่าง|เท่าๆ |กัน”", 1);
}
END_TEST

/* Explicit classes. */
START_TEST(test_classes)
{
	const char *s = "ไทย ผู้นำเกาหลี\nNorth-Korea\tX\r\nY\rZ";
	size_t len = strlen(s), i;
	unsigned char *cls = malloc(len + 1);
	struct { const char *after; int cls; } want[] = {
		{ "ไทย ", BRK_SPACE },
		{ "ไทย ผู้นำ", BRK_WORD },
		{ "ไทย ผู้นำเกาหลี\n", BRK_HARD },
		{ "ไทย ผู้นำเกาหลี\nNorth-", BRK_WORD },
		{ "ไทย ผู้นำเกาหลี\nNorth-Korea\t", BRK_SPACE },
		{ "ไทย ผู้นำเกาหลี\nNorth-Korea\tX\r\n", BRK_HARD },
		{ "ไทย ผู้นำเกาหลี\nNorth-Korea\tX\r\nY\r", BRK_HARD },
	};
	size_t k, nb_ = 0;

	ready();
	ck_assert_int_eq(brk_find(nb, s, len, cls), 0);
	for (k = 0; k < sizeof(want) / sizeof(want[0]); k++)
		ck_assert_int_eq(cls[strlen(want[k].after)], want[k].cls);
	for (i = 0; i <= len; i++)
		nb_ += cls[i] != BRK_NONE;
	ck_assert_uint_eq(nb_, sizeof(want) / sizeof(want[0]));
	/* Ends are never breaks, even after a final newline. */
	ck_assert_int_eq(brk_find(nb, "ก\n", 4, cls), 0);
	ck_assert_int_eq(cls[0], BRK_NONE);
	ck_assert_int_eq(cls[4], BRK_NONE);
	ck_assert_int_eq(brk_find(nb, "", 0, cls), 0);
	ck_assert_int_eq(cls[0], BRK_NONE);
	free(cls);
}
END_TEST

static void
check_starts(const char *s, const char *starts_at)
{
	size_t len = strlen(s), i;
	unsigned char *st = malloc(len + 1);

	st[len] = 0x55;		/* must stay untouched */
	ck_assert_int_eq(brk_clusters(nb, s, len, st), 0);
	ck_assert_int_eq(st[len], 0x55);
	for (i = 0; i < len; i++)
		ck_assert_msg(st[i] == (starts_at[i] == 'x'), "%s: byte %zu",
		    s, i);
	free(st);
}

START_TEST(test_clusters)
{
	ready();
	/* ป + ั + ้ is one cluster, then น. */
	check_starts("ปั้น", "x........x..");
	/* ผู้ | น + ำ (SARA AM is a spacing mark). */
	check_starts("ผู้นำ", "x........x.....");
	/* ะ and า are clusters of their own; ธิ and ดี are not split. */
	check_starts("ปะะกับ", "x..x..x..x.....x..");
	check_starts("น้ำ", "x........");
	/* e + combining acute; CR LF; a flag (two regional indicators). */
	check_starts("e\xCC\x81x", "x..x");
	check_starts("a\r\nb", "xx.x");
	check_starts("\xF0\x9F\x87\xB9\xF0\x9F\x87\xAD!", "x.......x");
}
END_TEST

/*
 * Chunks far wider than any line.  The typo chunk that libthai leaves
 * whole: ICU's dictionary splits it, clusters split it further.
 */
START_TEST(test_long_chunk)
{
	static const char typo[] = "ปะะกับประธานาธิบดี";
	/* ป ะ ะ กั บ ป ร ะ ธ า น า ธิ บ ดี */
	static const char typo_starts[] =
	    "x..x..x..x.....x..x..x..x..x..x..x..x..x.....x..x.....";
	static char s[3 * 3000 + 1];
	unsigned char *cls = malloc(sizeof(s)), *st = malloc(sizeof(s));
	size_t len, i, starts = 0;

	ready();
	expect(wb, "ปะะกับประธานาธิบดี", 0);
	expect(wb, "ปะะ|กับ|ประธานาธิบดี", 1);
	check_starts(typo, typo_starts);

	for (i = 0; i < 1000; i++)
		memcpy(s + 9 * i, "ปั้", 9);	/* one cluster each */
	len = 9000;
	s[len] = '\0';
	ck_assert_int_eq(brk_find(wb, s, len, cls), 0);
	ck_assert_int_eq(brk_clusters(wb, s, len, st), 0);
	for (i = 0; i < len; i++) {
		starts += st[i];
		/* whatever libthai makes of it, never inside a cluster */
		if (st[i] || cls[i] != BRK_NONE)
			ck_assert_uint_eq(i % 9, 0);
	}
	ck_assert_uint_eq(starts, 1000);
	/* 3000 Latin letters: no break at all, 3000 clusters. */
	memset(s, 'a', 3000);
	ck_assert_int_eq(brk_find(wb, s, 3000, cls), 0);
	ck_assert_int_eq(brk_clusters(wb, s, 3000, st), 0);
	for (i = 0; i < 3000; i++) {
		ck_assert_int_eq(cls[i], BRK_NONE);
		ck_assert_int_eq(st[i], 1);
	}
	ck_assert_int_eq(cls[3000], BRK_NONE);
	free(cls);
	free(st);
}
END_TEST

/*
 * Emergency split points: cluster starts, but never before ๆ ฯ ะ า ำ or a
 * closing quote, nor after a leading vowel or an opening quote.
 */
START_TEST(test_split_points)
{
	static const char *const marked[] = {
		"ก่าๆ|เกะ|“ข”ฯ|ค",
		"ปะะ|กั|บ",		/* not before ะ; ั is in ก's cluster */
		"ทำ|ให้| |(ดู)| |ต่|อ",	/* not after ( nor before ) */
	};
	size_t k, i, len;

	ready();
	for (k = 0; k < sizeof(marked) / sizeof(marked[0]); k++) {
		const char *m = marked[k];
		char s[128], got[256], *o = got;
		unsigned char st[128];

		for (i = len = 0; m[i] != '\0'; i++)
			if (m[i] != '|')
				s[len++] = m[i];
		s[len] = '\0';
		ck_assert_int_eq(brk_split_points(nb, s, len, st), 0);
		for (i = 0; i < len; i++) {
			if (i > 0 && st[i])
				*o++ = '|';
			*o++ = s[i];
		}
		*o = '\0';
		ck_assert_str_eq(got, m);
	}
}
END_TEST

/* Word list syntax: comments, blank lines, white space, bad lines. */
START_TEST(test_wordlist_parse)
{
	static const char list[] =
	    "# a comment line\n"
	    "\n"
	    "   \t  \n"
	    "ab\xFF" "cd\n"			/* 4: invalid UTF-8 at col 3 */
	    "  คิม   จองอึน  # trailing comment\r\n"
	    "มิคาอิล\n"
	    "มิคาอิล\n"			/* duplicate */
	    "\xE0\xB8\xB1" "abc\n"		/* 8: begins with a mark */
	    "x\x01y\n"			/* 9: control character */
	    /* กำนํา, with a decomposed SARA AM */
	    "\xE0\xB8\x81\xE0\xB8\xB3\xE0\xB8\x99\xE0\xB9\x8D\xE0\xB8\xB2\n"
	    "last";
	struct diag d;
	struct brk *b;
	FILE *out = tmpfile();
	char buf[2048];
	size_t n;

	ready();
	ck_assert_ptr_nonnull(out);
	memset(&d, 0, sizeof(d));
	d.out = out;
	b = brk_new(&d);
	ck_assert_ptr_nonnull(b);
	ck_assert_int_eq(brk_add_words(b, list, sizeof(list) - 1, "w.txt"), 4);
	ck_assert_uint_eq(brk_nwords(b), 4);
	ck_assert_int_eq(d.warnings, 3);
	rewind(out);
	n = fread(buf, 1, sizeof(buf) - 1, out);
	buf[n] = '\0';
	ck_assert_msg(strstr(buf, "w.txt:4:3: warning: bad word list entry: "
	    "invalid UTF-8\n") != NULL, "%s", buf);
	ck_assert_msg(strstr(buf, "w.txt:8: warning: bad word list entry: "
	    "entry begins with a combining character U+0E31\n") != NULL,
	    "%s", buf);
	ck_assert_msg(strstr(buf, "w.txt:9:2: warning: bad word list entry: "
	    "control character U+0001\n") != NULL, "%s", buf);
	/* The entries work: spaces collapsed, SARA AM composed. */
	expect(b, "คิม  จองอึน |มิคาอิล|กำนำ", 0);
	ck_assert_int_eq(brk_add_words(b, "", 0, "empty"), 0);
	ck_assert_int_eq(brk_add_words(b, NULL, 3, "null"), -1);
	brk_free(b);
	fclose(out);
}
END_TEST

/*
 * Thai characters never side by side ("พ.ศ. 2567"): libthai has nothing to
 * decide and ICU sees them masked; its answers are those it gives when it
 * reads the Thai itself (and wakes its Thai dictionary to do so).
 */
START_TEST(test_mask_no_pair)
{
	static const char *const thai[] = {
		"พ", "ศ", "ก", "ๆ", "ฯ", "ำ", "่", "ั", "เ", "๕", "๏",
	};
	static const char *const other[] = {
		".", " ", "a", "1", "(", "“", "́", "-", ",", "한", "​",
	};
	const size_t nt = sizeof(thai) / sizeof(thai[0]);
	const size_t no = sizeof(other) / sizeof(other[0]);
	char s[400];
	unsigned char c1[401], c2[401];
	uint32_t seed = 777;
	int iter, k;
	size_t len;

	ready();
	expect(nb, "พ.ศ. |2567", 0);
	for (iter = 0; iter < 2000; iter++) {
		len = 0;
		for (k = 0; k < 40; k++) {
			const char *p;

			seed = seed * 1103515245u + 12345u;
			p = k % 2 ? other[(seed >> 16) % no] :
			    thai[(seed >> 16) % nt];
			memcpy(s + len, p, strlen(p));
			len += strlen(p);
		}
		s[len] = '\0';
		ck_assert_int_eq(brk_find(nb, s, len, c1), 0);
		ck_assert_int_eq(brk_find_icu(nb, s, len, c2), 0);
		ck_assert_msg(memcmp(c1, c2, len + 1) == 0, "%s", s);
	}
}
END_TEST

/* Random mixed text: the invariants hold everywhere. */
START_TEST(test_random)
{
	static const char *const pool[] = {
		"ก", "น", "ป", "ร", "อ", "ว", "ย", "ส", "ห", "ม", "ะ", "ั",
		"า", "ำ", "ิ", "ี", "ุ", "ู", "เ", "แ", "โ", "ใ", "ไ", "ๅ",
		"็", "่", "้", "๊", "๋", "์", "ๆ", "ฯ", "๑", "๕", " ", " ",
		"\t", "\n", "a", "Z", "1", "9", "-", ",", ":", ".", "(", ")",
		"“", "”", "–", "\u00A0", "\u0301", "\u200D", "\u200B",
		"\U0001F600", "\U0001F1F9", "\u1100", "\u1161", "\uAC00",
		"\r", "한", "中", "\u0600", "\uFE0F", "\U0001F3FB", "\"",
		"'", "/", "%", "\u11A8", "\u0E3F", "\u0E4F",
		/* words of the rules and the lexicon */
		"นาย", "บ้าน", "ชายแดน", "ล้าน", "พ.ศ.", "ที่", "สมเด็จพระ",
	};
	const size_t npool = sizeof(pool) / sizeof(pool[0]);
	char s[600];
	unsigned char cls[601], st[601], gr[601];
	uint32_t seed = 12345;
	int iter, k;
	size_t len, i, j;

	ready();
	for (iter = 0; iter < 3000; iter++) {
		len = 0;
		for (k = 0; k < 60; k++) {
			seed = seed * 1103515245u + 12345u;
			const char *p = pool[(seed >> 16) % npool];
			memcpy(s + len, p, strlen(p));
			len += strlen(p);
		}
		s[len] = '\0';
		ck_assert_int_eq(brk_find_graded(iter % 2 ? wb : nb, s, len,
		    cls, gr), 0);
		for (i = 0; i <= len; i++)
			ck_assert(gr[i] <= BRK_POOR &&
			    (cls[i] != BRK_NONE || gr[i] == BRK_GOOD));
		ck_assert_int_eq(brk_clusters(nb, s, len, st), 0);
		ck_assert_int_eq(cls[0], BRK_NONE);
		ck_assert_int_eq(cls[len], BRK_NONE);
		for (i = 1; i < len; i++) {
			unsigned char c = (unsigned char)s[i];

			if (cls[i] == BRK_NONE)
				continue;
			ck_assert_msg((c & 0xC0) != 0x80, "in UTF-8: %s", s);
			ck_assert_msg(st[i], "inside a cluster at %zu: %s",
			    i, s);
			if (cls[i] == BRK_HARD) {	/* mandatory */
				ck_assert(s[i - 1] == '\n' || s[i - 1] == '\r');
				continue;
			}
			/* Not before a Thai following vowel, mark, ๆ or ฯ. */
			if (c == 0xE0 && (unsigned char)s[i + 1] == 0xB8)
				ck_assert_msg(strchr("\xAF\xB0\xB1\xB2\xB3"
				    "\xB4\xB5\xB6\xB7\xB8\xB9\xBA",
				    s[i + 2]) == NULL, "%zu: %s", i, s);
			if (c == 0xE0 && (unsigned char)s[i + 1] == 0xB9)
				ck_assert_msg((unsigned char)s[i + 2] < 0x85 ||
				    (unsigned char)s[i + 2] > 0x8E,
				    "%zu: %s", i, s);
			/* Not after a leading vowel (3 bytes back). */
			if (i >= 3 && (unsigned char)s[i - 3] == 0xE0 &&
			    (unsigned char)s[i - 2] == 0xB9)
				ck_assert_msg((unsigned char)s[i - 1] < 0x80 ||
				    (unsigned char)s[i - 1] > 0x84,
				    "%zu: %s", i, s);
			/* Not after “, even across spaces. */
			for (j = i; j > 0 && (s[j - 1] == ' ' ||
			    s[j - 1] == '\t'); j--)
				continue;
			ck_assert_msg(j < 3 || memcmp(s + j - 3, "“", 3) != 0,
			    "%zu: %s", i, s);
		}
	}
	/* Invalid UTF-8: each bad byte is one character; no crash. */
	memcpy(s, "ก\xFF\xE0\xB8 ข\x80", 11);
	ck_assert_int_eq(brk_find(wb, s, 11, cls), 0);
	ck_assert_int_eq(cls[1], BRK_NONE);
	ck_assert_int_eq(cls[2], BRK_NONE);
	ck_assert_int_eq(cls[7], BRK_SPACE);
	ck_assert_int_eq(brk_clusters(wb, s, 11, st), 0);
	ck_assert_int_eq(st[0], 1);
	ck_assert_int_eq(st[1], 0);
	ck_assert_int_eq(st[3], 1);
}
END_TEST

/*
 * A breaker that shares another's libthai dictionary breaks as a breaker
 * of its own does, also while the other breaks on a second thread at the
 * same time, and freeing it leaves the other's dictionary in place.
 */
#define SHARE_TEXTS	200
#define SHARE_LEN	400

struct share_job {
	struct brk	*b;
	char		(*s)[SHARE_LEN];
	unsigned char	(*cls)[SHARE_LEN + 1];
	int		 rc;
};

static void *
share_run(void *arg)
{
	struct share_job *j = arg;
	int k;

	for (k = 0; k < SHARE_TEXTS; k++)
		j->rc |= brk_find(j->b, j->s[k], strlen(j->s[k]), j->cls[k]);
	return NULL;
}

START_TEST(test_sharing)
{
	static const char *const words[] = { "ผู้นำ", "เกาหลีเหนือ", "และ",
	    "รัสเซีย", "ได้", "พบ", "กับ", "ประธานาธิบดี", "ที่", "กรุง",
	    "มอสโก", "ใน", "ปี", "๒๕๖๖", " ", "Kim ", "การ", "ประชุม",
	    "สุดยอด", "ความ", "ร่วมมือ", "ทาง", "ทหาร", "." };
	const size_t nw = sizeof(words) / sizeof(words[0]);
	static char s[SHARE_TEXTS][SHARE_LEN];
	static unsigned char want[SHARE_TEXTS][SHARE_LEN + 1];
	static unsigned char got1[SHARE_TEXTS][SHARE_LEN + 1];
	static unsigned char got2[SHARE_TEXTS][SHARE_LEN + 1];
	struct share_job j1, j2;
	struct brk *sb;
	pthread_t th;
	uint32_t seed = 777;
	size_t len;
	int k, diff = 0;

	ready();
	for (k = 0; k < SHARE_TEXTS; k++) {
		len = 0;
		for (;;) {
			const char *w;

			seed = seed * 1103515245u + 12345u;
			w = words[(seed >> 16) % nw];
			if (len + strlen(w) >= SHARE_LEN)
				break;
			memcpy(s[k] + len, w, strlen(w));
			len += strlen(w);
		}
		s[k][len] = '\0';
		ck_assert_int_eq(brk_find(nb, s[k], len, want[k]), 0);
	}
	ck_assert_ptr_null(brk_new_sharing(NULL, NULL));
	sb = brk_new_sharing(nb, NULL);
	ck_assert_ptr_nonnull(sb);
	j1 = (struct share_job){ sb, s, got1, 0 };
	j2 = (struct share_job){ nb, s, got2, 0 };
	ck_assert_int_eq(pthread_create(&th, NULL, share_run, &j1), 0);
	share_run(&j2);
	pthread_join(th, NULL);
	ck_assert_int_eq(j1.rc | j2.rc, 0);
	for (k = 0; k < SHARE_TEXTS; k++) {
		len = strlen(s[k]);
		if (memcmp(want[k], got1[k], len + 1) != 0 ||
		    memcmp(want[k], got2[k], len + 1) != 0)
			diff++;
	}
	ck_assert_int_eq(diff, 0);
	/* the texts have Thai breaks to find */
	ck_assert(memchr(want[0], BRK_WORD, strlen(s[0])) != NULL);
	brk_free(sb);
	expect(nb, "ผู้นำ|เกาหลี|เหนือ", 0);
}
END_TEST

/* The whole default text, twice as large each round: buffers grow. */
START_TEST(test_grow)
{
	static const char para[] =
	    "เซี่ยงไฮ้, เกาหลีใต้ – ผู้นำเกาหลีเหนือ คิม จองอึน "
	    "ได้เดินทางมาถึงรัสเซียเพื่อพบปะะกับประธานาธิบดี "
	    "วลาดิเมียร์ ปูติน North Korea 1950-53 “ระยะห่างเท่าๆ กัน” ";
	size_t plen = sizeof(para) - 1, len, i, nbrk, want = 0;
	char *s = malloc(plen * 64);
	unsigned char *cls = malloc(plen * 64 + 1);
	int r;

	ready();
	for (r = 0, len = plen; r < 7; r++, len *= 2) {
		for (i = 0; i < len; i += plen)
			memcpy(s + i, para, plen);
		ck_assert_int_eq(brk_find(wb, s, len, cls), 0);
		for (i = 0, nbrk = 0; i <= len; i++)
			nbrk += cls[i] != BRK_NONE;
		if (r == 0)
			want = nbrk + 1;	/* + the joint between copies */
		ck_assert_uint_eq(nbrk, want * (len / plen) - 1);
	}
	free(s);
	free(cls);
}
END_TEST

Suite *
brk_suite(void)
{
	Suite *s = suite_create("brk");
	TCase *tc = tcase_create("brk");

	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_table, 0,
	    (int)(sizeof(cases) / sizeof(cases[0])));
	tcase_add_loop_test(tc, test_graded, 0,
	    (int)(sizeof(graded) / sizeof(graded[0])));
	tcase_add_test(tc, test_graded_no_lexicon);
	tcase_add_test(tc, test_lexicon_load);
	tcase_add_test(tc, test_no_words);
	tcase_add_test(tc, test_user_words);
	tcase_add_test(tc, test_icu);
	tcase_add_test(tc, test_classes);
	tcase_add_test(tc, test_clusters);
	tcase_add_test(tc, test_split_points);
	tcase_add_test(tc, test_long_chunk);
	tcase_add_test(tc, test_wordlist_parse);
	tcase_add_test(tc, test_random);
	tcase_add_test(tc, test_mask_no_pair);
	tcase_add_test(tc, test_grow);
	tcase_add_test(tc, test_sharing);
	suite_add_tcase(s, tc);
	return s;
}
