/*
 * reader.c - fuzz target "reader": the document reader and the model.
 * The input is a timeline read from memory (tl_doc_read_mem) under the
 * name in/doc.xml of the target's folder, whose <xi:include>s may pull
 * in the two files there (fuzz.h); then the model is listed in printed
 * order (tl_doc_dump) into memory.
 *
 * Besides what the sanitizers catch, the reader's promises: a read that
 * fails says why, a read that succeeded counted no error, the model it
 * made can be listed, and nothing is printed but to the diagnostics.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "briefing.h"
#include "fuzz.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_watch_libxml2();
	return 0;
}

/*
 * A document read without error, merged with itself and selected: the
 * second read must succeed too, each event then kept once.
 */
static void
merge_twice(const uint8_t *data, size_t size, struct fuzz_mem *said)
{
	static const char *const tags[] = { "a", NULL };
	struct fuzz_mem out;
	struct tl_opts o;
	struct tl_doc *d;
	enum tl_status st1, st2, dst = TL_OK;

	fuzz_mem_open(&out);
	memset(&o, 0, sizeof(o));
	o.diag = out.f;
	o.date_set = 1;
	o.since = "7d";
	o.tags = tags;
	if ((d = tl_doc_new(&o)) == NULL)
		abort();
	st1 = tl_doc_read_mem(d, fuzz_doc_name(), (const char *)data, size);
	st2 = tl_doc_read_mem(d, fuzz_doc_name(), (const char *)data, size);
	if (st1 == TL_OK && st2 == TL_OK)
		dst = tl_doc_dump(d, out.f);
	tl_doc_free(d);
	fuzz_mem_close(&out);
	/* a packet is the only document that is not merged */
	if (st1 != TL_OK || (st2 != TL_OK && (out.s == NULL ||
	    strstr(out.s, "is a packet") == NULL)) || dst != TL_OK)
		fuzz_fail("a document read once could not be merged with "
		    "itself and listed", out.s != NULL ? &out : said);
	fuzz_mem_free(&out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_mem said, dump;
	struct tl_opts o;
	struct tl_doc *d;
	enum tl_status st, dst = TL_OK;

	fuzz_mem_open(&said);
	fuzz_mem_open(&dump);
	memset(&o, 0, sizeof(o));
	o.diag = said.f;
	o.date_set = 1;
	if ((d = tl_doc_new(&o)) == NULL)
		abort();
	st = tl_doc_read_mem(d, fuzz_doc_name(), (const char *)data, size);
	if (st == TL_OK)
		dst = tl_doc_dump(d, dump.f);
	fuzz_mem_close(&said);
	if (st != TL_OK && said.len == 0)
		fuzz_fail("the read failed and said nothing", &said);
	if (st == TL_OK && tl_doc_errors(d) != 0)
		fuzz_fail("the read succeeded with errors", &said);
	if (dst != TL_OK)
		fuzz_fail("a model read without error could not be listed",
		    &said);
	tl_doc_free(d);
	if (st == TL_OK)
		merge_twice(data, size, &said);
	fuzz_mem_free(&said);
	fuzz_mem_free(&dump);
	return 0;
}
