/*
 * thai.c - the one Thai normalisation rule, used on everything read (the
 * document's text and labels, word lists, proof text).
 *
 * SARA AM (U+0E33) is also met as its two parts, NIKHAHIT (U+0E4D) then
 * SARA AA (U+0E32), sometimes with the tone mark typed between them.  Both
 * shape as SARA AM does, but a breaker, a word list or a search sees
 * other letters.  So U+0E4D U+0E32 becomes U+0E33, and U+0E4D, a tone
 * mark (U+0E48..U+0E4B), U+0E32 becomes the tone mark, then U+0E33: the
 * order a Thai keyboard types.  Nothing else changes (no Unicode
 * normalisation form: NFC leaves both spellings alone, NFKC would split
 * every SARA AM).
 */
#include <string.h>

#include "base.h"

#define NIKHAHIT	"\xE0\xB9\x8D"	/* U+0E4D */
#define SARA_AA		"\xE0\xB8\xB2"	/* U+0E32 */
#define SARA_AM		"\xE0\xB8\xB3"	/* U+0E33 */

size_t
thai_norm_at(const char *s, size_t n, char out[6], size_t *outlen)
{
	const unsigned char *u = (const unsigned char *)s;

	if (n < 6 || memcmp(s, NIKHAHIT, 3) != 0)
		return 0;
	if (memcmp(s + 3, SARA_AA, 3) == 0) {
		memcpy(out, SARA_AM, 3);
		*outlen = 3;
		return 6;
	}
	if (n >= 9 && u[3] == 0xE0 && u[4] == 0xB9 && u[5] >= 0x88 &&
	    u[5] <= 0x8B && memcmp(s + 6, SARA_AA, 3) == 0) {
		memcpy(out, s + 3, 3);
		memcpy(out + 3, SARA_AM, 3);
		*outlen = 6;
		return 9;
	}
	return 0;
}

size_t
thai_normalise(char *s, size_t len)
{
	size_t i, j, used, ol;
	char out[6];

	for (i = j = 0; i < len; ) {
		if ((used = thai_norm_at(s + i, len - i, out, &ol)) > 0) {
			memcpy(s + j, out, ol);
			i += used;
			j += ol;
		} else
			s[j++] = s[i++];
	}
	if (j < len)
		s[j] = '\0';
	return j;
}
