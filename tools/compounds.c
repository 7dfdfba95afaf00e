/*
 * compounds.c - maintainer's helper: make data/compounds.txt, the lexicon
 * of compounds, from a Hunspell dictionary of Thai (Debian's hunspell-th,
 * /usr/share/hunspell/th_TH.dic) and the project's own few (tools/
 * compounds.more, one a line, '#' comments).  Keeps the words made of
 * Thai letters and vowels only that libthai's own dictionary splits into
 * two words or more (นายก|รัฐมนตรี): the words it keeps whole need no
 * entry, since libthai never breaks inside them; less the phrases: those
 * made only of grammatical words (ไม่ได้), and a nominaliser, การ or
 * ความ, before a word (ความ|สัมพันธ์: only what follows one is kept, when
 * libthai splits it).  Writes them sorted by
 * bytes, one a line, after a header naming the source and its licence.
 * Usage: compounds TH_TH.DIC [MORE...] > data/compounds.txt
 * (`make compounds`)
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <thai/thbrk.h>
#include <thai/thwbrk.h>

#define MAXW	64	/* characters in a word, at most */

static int
cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Thai letters and vowels, marks and SARA AM: not digits, ๆ, ฯ or ฿. */
static int
thai_word(const thwchar_t *w, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (w[i] < 0x0E01 || w[i] > 0x0E4E || w[i] == 0x0E2F ||
		    w[i] == 0x0E3F || w[i] == 0x0E46)
			return 0;
	return n >= 2;
}

/* UTF-8 of a line (its flags cut off) into w; the length, 0 if bad. */
static size_t
decode(const char *s, thwchar_t *w)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = 0;

	while (*u != '\0' && *u != '/' && *u != '\n' && *u != '\r') {
		if (n == MAXW)
			return 0;
		if (u[0] >= 0xE0 && u[0] < 0xF0 && (u[1] & 0xC0) == 0x80 &&
		    (u[2] & 0xC0) == 0x80) {
			w[n++] = (thwchar_t)((u[0] & 0x0F) << 12 |
			    (u[1] & 0x3F) << 6 | (u[2] & 0x3F));
			u += 3;
		} else
			return 0;
	}
	return n;
}

/*
 * Grammatical words: a word that libthai splits into these alone is a
 * phrase (ไม่ได้, อาจจะ, หลังจาก, เข้ามา), and a line may break in it.
 */
static const char *const grammar[] = {
	"ไม่", "ได้", "อาจ", "จะ", "ยัง", "คง", "มา", "ไป", "ขึ้น", "ลง",
	"เข้า", "ออก", "ถึง", "ต่อ", "แล้ว", "เป็น", "ให้", "ที่", "ซึ่ง",
	"ว่า", "ก็", "แต่", "จน", "หลัง", "จาก", "ก่อน", "กับ", "และ",
	"หรือ", "ของ", "ใน", "นี้", "นั้น", "โดย", "เพื่อ", "อยู่", "ถูก",
	"เคย", "ต้อง", "ควร", "กว่า", "เลย", "ด้วย", "อีก", "เมื่อ", "แม้",
	"ถ้า", "หาก", "การ", "ความ", "มี", "คือ", "เอง", "กัน", "นั่น",
};

/* Is the UTF-8 piece s[0..len) one of them? */
static int
is_grammar(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(grammar) / sizeof(grammar[0]); i++)
		if (strlen(grammar[i]) == len && memcmp(grammar[i], s, len) == 0)
			return 1;
	return 0;
}

/*
 * The nominalisers: การ makes a noun of any verb (การประชุม, การกู้ยืม),
 * ความ of any verb or adjective (ความสัมพันธ์, ความช่วยเหลือ).  Thai word
 * segmentation takes them for words of their own, and a typesetter
 * breaks after them as after any word: an entry that begins with one is
 * a phrase, and only what follows it, when libthai splits that too
 * (การบริหาร|จัดการ: บริหารจัดการ), is a compound.
 */
static int
is_nominaliser(const char *s, size_t len)
{
	return (len == strlen("การ") && memcmp(s, "การ", len) == 0) ||
	    (len == strlen("ความ") && memcmp(s, "ความ", len) == 0);
}

/*
 * SARA AM as typed (src/base/thai.c does the same to documents): NIKHAHIT
 * SARA AA, with a tone mark between or not, becomes (the tone mark and)
 * SARA AM.  Returns the new length.
 */
static size_t
normalise(thwchar_t *w, size_t n)
{
	size_t i, o = 0;

	for (i = 0; i < n; i++) {
		if (w[i] == 0x0E4D && i + 1 < n && w[i + 1] == 0x0E32) {
			w[o++] = 0x0E33;
			i++;
		} else if (w[i] == 0x0E4D && i + 2 < n && w[i + 1] >= 0x0E48 &&
		    w[i + 1] <= 0x0E4B && w[i + 2] == 0x0E32) {
			w[o++] = w[i + 1];
			w[o++] = 0x0E33;
			i += 2;
		} else
			w[o++] = w[i];
	}
	return o;
}

/* w[0..n) as UTF-8 into s (3 bytes a character, all in the BMP). */
static void
encode(const thwchar_t *w, size_t n, char *s)
{
	size_t i;

	for (i = 0; i < n; i++) {
		*s++ = (char)(0xE0 | w[i] >> 12);
		*s++ = (char)(0x80 | (w[i] >> 6 & 0x3F));
		*s++ = (char)(0x80 | (w[i] & 0x3F));
	}
	*s = '\0';
}

struct list {
	char	**w;
	size_t	 n, cap;
};

/* The words of file path that libthai splits, appended to l; -1 on error. */
static int
read_words(ThBrk *th, const char *path, struct list *l)
{
	FILE *f;
	char line[1024];
	thwchar_t w[MAXW + 1];
	int pos[MAXW + 1];
	size_t n;
	int np, k, a;

	if ((f = fopen(path, "r")) == NULL) {
		perror(path);
		return -1;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		if ((n = decode(line, w)) == 0 || !thai_word(w, n))
			continue;
		n = normalise(w, n);
		w[n] = 0;
		if ((np = th_brk_wc_find_breaks(th, w, pos, MAXW)) < 1)
			continue;
		encode(w, n, line);
		if (is_nominaliser(line, 3 * (size_t)pos[0])) {
			if (np == 1)
				continue;	/* a nominaliser and a word */
			/* the rest, which libthai splits again */
			a = pos[0];
			memmove(line, line + 3 * a, strlen(line + 3 * a) + 1);
			for (k = 0; k + 1 < np; k++)
				pos[k] = pos[k + 1] - a;
			np--;
			n -= (size_t)a;
		}
		for (k = 0, a = 0; k <= np; a = pos[k++]) {
			int z = k < np ? pos[k] : (int)n;

			if (!is_grammar(line + 3 * a, 3 * (size_t)(z - a)))
				break;
		}
		if (k > np)
			continue;	/* grammatical words only */
		if (l->n == l->cap) {
			l->cap = l->cap ? l->cap * 2 : 4096;
			if ((l->w = realloc(l->w, l->cap * sizeof(*l->w))) ==
			    NULL)
				return -1;
		}
		if ((l->w[l->n++] = strdup(line)) == NULL)
			return -1;
	}
	fclose(f);
	return 0;
}

int
main(int argc, char *argv[])
{
	ThBrk *th;
	struct list l = { NULL, 0, 0 };
	size_t i;
	int k;

	if (argc < 2) {
		fputs("usage: compounds TH_TH.DIC [MORE...]\n", stderr);
		return 2;
	}
	if ((th = th_brk_new(NULL)) == NULL) {
		fputs("compounds: no libthai dictionary\n", stderr);
		return 1;
	}
	for (k = 1; k < argc; k++)
		if (read_words(th, argv[k], &l) == -1)
			return 1;
	th_brk_delete(th);
	qsort(l.w, l.n, sizeof(*l.w), cmp);
	printf("# compounds.txt - words that libthai splits into two or more and\n"
	    "# that a line should break inside only when nothing else fits\n"
	    "# (docs/thai.md, \"Line breaking\").  Made by tools/compounds.c\n"
	    "# (`make compounds`) from Debian's hunspell-th, the Thai word list of\n"
	    "# LibreOffice's dictionaries, (c) 2005 NECTEC, Thailand, licensed\n"
	    "# under the GNU LGPL: a list derived from it may be copied and\n"
	    "# changed under the same licence.  Also the project's own few\n"
	    "# (tools/compounds.more).  One word a line, sorted by bytes.\n");
	for (i = 0; i < l.n; i++)
		if (i == 0 || strcmp(l.w[i], l.w[i - 1]) != 0)
			puts(l.w[i]);
	return 0;
}
