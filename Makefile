# briefing - Thai timeline briefings as PDF.
# Quick start: `make report`, then `make check`.

PREFIX		?= /usr/local
BINDIR		?= $(PREFIX)/bin
LIBDIR		?= $(PREFIX)/lib
INCLUDEDIR	?= $(PREFIX)/include
MANDIR		?= $(PREFIX)/share/man
DESTDIR		?=

PKG_CONFIG	?= pkg-config
PKGS		 = libxml-2.0 fontconfig harfbuzz libthai datrie-0.2 icu-uc zlib \
		   libdeflate
HPDF_LIBS	?= -lhpdf

# B is the build folder; `make sanitize` uses another one.
B		?= build
CC		?= cc
CFLAGS		?= -O2 -g
SANFLAGS	?=
VERSION		:= $(shell sed -n 's/^\#define TL_VERSION "\(.*\)"$$/\1/p' src/briefing.h)
ALL_CFLAGS	 = -DBRIEFING_VERSION='"$(VERSION)"' -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
		   -Wall -Wextra -Isrc -I$(B) $(SANFLAGS) $(CFLAGS) \
		   $(shell $(PKG_CONFIG) --cflags $(PKGS))
LDLIBS		 = $(shell $(PKG_CONFIG) --libs $(PKGS)) $(HPDF_LIBS) -lm -lpthread
# The program links statically what Debian ships as static libraries:
# libxml2, ICU (with libstdc++, which it needs), libthai, libdatrie,
# fontconfig, expat, lzma and libdeflate; and, in place of libicudata
# (31 MB), ICU's data cut down to the items in tools/icu-items (1.3 MB).
# HarfBuzz, libharu, FreeType and zlib (which libharu needs) stay shared.  Loading a dozen fewer shared
# libraries: default document 30.2 -> 26.2 ms, 201 pages 117.9 -> 109.7
# ms (medians of 45).  STATIC=0 links everything shared (the sanitizer
# builds and the unit tests do).
STATIC		?= 1
ICU_MAJOR	 = $(firstword $(subst ., ,$(shell $(PKG_CONFIG) --modversion icu-uc)))
ICU_DAT		 = $(B)/icu/icudt$(ICU_MAJOR)l.dat
STATIC_LDLIBS	 = $(B)/icudata.o \
		   -Wl,-Bstatic -lxml2 -licuuc -lthai -ldatrie -lfontconfig -lexpat \
		   -llzma -ldeflate -lstdc++ -Wl,-Bdynamic \
		   $(shell $(PKG_CONFIG) --libs harfbuzz freetype2 zlib) \
		   $(HPDF_LIBS) -lm -lpthread -static-libgcc
ifeq ($(STATIC),1)
BIN_LDLIBS	 = $(STATIC_LDLIBS)
BIN_DEPS	 = $(B)/icudata.o
else
BIN_LDLIBS	 = $(LDLIBS)
BIN_DEPS	 =
endif
CHECK_CFLAGS	 = $(shell $(PKG_CONFIG) --cflags check 2>/dev/null)
CHECK_LIBS	 = $(shell $(PKG_CONFIG) --libs check 2>/dev/null)

# The stages, each in a folder of src/, in pipeline order; doc.c runs them.
STAGES		 = base input text layout pdf
LIB_SRCS	 = $(foreach s,$(STAGES),$(wildcard src/$(s)/*.c)) src/doc.c \
		   src/proof.c
LIB_OBJS	 = $(LIB_SRCS:src/%.c=$(B)/%.o) $(B)/embedded.o
TEST_SRCS	 = $(filter-out tests/check_main.c,$(wildcard tests/check_*.c))
TEST_OBJS	 = $(TEST_SRCS:tests/%.c=$(B)/tests/%.o) $(B)/tests/check_main.o \
		   $(B)/tests/util.o

# Files compiled into the program (NAME=FILE).
EMBED		 = tl_schema_rng=data/timeline.rng \
		   tl_default_doc=data/russia-dprk-timeline.xml \
		   tl_wordlist=data/words.txt \
		   tl_style_rng=data/style.rng \
		   tl_style_briefing=styles/briefing.xml \
		   tl_style_official=styles/official.xml \
		   tl_style_letter=styles/letter.xml
EMBED_FILES	 = $(foreach e,$(EMBED),$(word 2,$(subst =, ,$(e))))

DOC		 = data/russia-dprk-timeline.xml
REPORT		 = out/russia-dprk-timeline.pdf

.PHONY: all deps report check unit regress regress-update e2e ink pdfcheck man \
	sanitize tsan bench install uninstall clean

all: $(B)/briefing

deps:
	sh tools/install-deps

$(B)/tools/embed: tools/embed.c
	@mkdir -p $(@D)
	$(CC) -O1 -o $@ tools/embed.c

$(B)/embedded.c: $(B)/tools/embed $(EMBED_FILES)
	$(B)/tools/embed $@ $(EMBED)

$(B)/embedded.o: $(B)/embedded.c
	$(CC) -c -o $@ $<

$(B)/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(B)/libbriefing.a: $(LIB_OBJS)
	rm -f $@
	ar rcs $@ $(LIB_OBJS)

$(ICU_DAT): tools/icu-data tools/icu-items
	@mkdir -p $(@D)
	/usr/bin/python3 tools/icu-data $(ICU_MAJOR) tools/icu-items $@

$(B)/icudata.o: $(ICU_DAT)
	printf '%s\n' '.section .rodata' '.globl icudt$(ICU_MAJOR)_dat' \
	    '.type icudt$(ICU_MAJOR)_dat, @object' '.balign 16' \
	    'icudt$(ICU_MAJOR)_dat:' '.incbin "$(ICU_DAT)"' \
	    '.size icudt$(ICU_MAJOR)_dat, . - icudt$(ICU_MAJOR)_dat' \
	    '.section .note.GNU-stack,"",@progbits' > $(B)/icudata.s
	$(CC) -c -o $@ $(B)/icudata.s

$(B)/briefing: $(B)/main.o $(B)/libbriefing.a $(BIN_DEPS)
	$(CC) $(SANFLAGS) -o $@ $(B)/main.o $(B)/libbriefing.a $(BIN_LDLIBS)

# Test suites: tests/check_NAME.c defines `Suite *NAME_suite(void)`.
$(B)/suites.h: $(TEST_SRCS)
	@mkdir -p $(@D)
	for f in $(TEST_SRCS); do \
		n=$${f#tests/check_}; echo "SUITE($${n%.c})"; \
	done > $@

$(B)/tests/%.o: tests/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(CHECK_CFLAGS) -MMD -MP -c -o $@ $<

$(B)/tests/check_main.o: $(B)/suites.h

$(B)/check_all: $(TEST_OBJS) $(B)/libbriefing.a
	$(CC) $(SANFLAGS) -o $@ $(TEST_OBJS) $(B)/libbriefing.a \
		$(CHECK_LIBS) $(LDLIBS)

report: deps
	$(MAKE) $(B)/briefing
	@mkdir -p out
	$(B)/briefing $(DOC) -o $(REPORT)
	@echo "wrote $(REPORT)"

# Every suite runs, whatever the others gave; the last line counts them.
SUITES		 = unit regress e2e ink pdfcheck man
check: $(B)/briefing $(B)/check_all
	@pass=0; fail=0; failed=; \
	for s in $(SUITES); do \
		if $(MAKE) --no-print-directory $$s; then pass=$$((pass + 1)); \
		else fail=$$((fail + 1)); failed="$$failed $$s"; fi; \
	done; \
	[ $$fail -eq 0 ] || echo "check: failed:$$failed"; \
	echo "check: $$pass passed, $$fail failed"; [ $$fail -eq 0 ]

# Each suite runs with HOME and the XDG folders of its own, made anew
# (tests/fresh.sh).
FRESH		 = sh tests/fresh.sh

unit: $(B)/check_all $(B)/briefing
	$(FRESH) env BRIEFING_TOP=$(CURDIR) BRIEFING=$(CURDIR)/$(B)/briefing \
		$(B)/check_all

regress: $(B)/briefing
	$(FRESH) sh tests/regress.sh $(B)/briefing

regress-update: $(B)/briefing
	$(FRESH) sh tests/regress.sh -u $(B)/briefing

e2e: $(B)/briefing
	$(FRESH) sh tests/e2e.sh $(B)/briefing

# Pages, bookmarks, contents, links, metadata, bytes, word boxes.
pdfcheck: $(B)/briefing
	$(FRESH) /usr/bin/python3 tests/pdfcheck.py $(B)/briefing

# The man pages as man(1) shows them on a UTF-8 terminal: every Thai word
# whole.
man:
	$(FRESH) sh tests/man.sh

# The PDF's Thai ink against HarfBuzz's own rendering (pango-view).
ink: $(B)/briefing
	$(FRESH) sh tests/ink.sh $(B)/briefing

# The whole suite under AddressSanitizer and UndefinedBehaviorSanitizer,
# then the end-to-end tests (threads at work on a long document) under
# ThreadSanitizer.
sanitize:
	$(MAKE) B=build-san STATIC=0 CFLAGS="-O1 -g" \
		SANFLAGS="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
		check
	$(MAKE) tsan

tsan:
	$(MAKE) B=build-tsan STATIC=0 CFLAGS="-O1 -g" \
		SANFLAGS="-fsanitize=thread -fno-omit-frame-pointer" \
		build-tsan/briefing
	TSAN_OPTIONS="halt_on_error=1 exitcode=66" \
		sh tests/e2e.sh build-tsan/briefing

bench: $(B)/briefing
	sh bench/run.sh $(B)/briefing

install: $(B)/briefing $(B)/libbriefing.a
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) \
		$(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(MANDIR)/man5
	install -m 755 $(B)/briefing $(DESTDIR)$(BINDIR)/briefing
	install -m 644 $(B)/libbriefing.a $(DESTDIR)$(LIBDIR)/libbriefing.a
	install -m 644 src/briefing.h $(DESTDIR)$(INCLUDEDIR)/briefing.h
	install -m 644 man/briefing.1 $(DESTDIR)$(MANDIR)/man1/briefing.1
	install -m 644 man/briefing-style.5 \
		$(DESTDIR)$(MANDIR)/man5/briefing-style.5

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/briefing $(DESTDIR)$(LIBDIR)/libbriefing.a \
		$(DESTDIR)$(INCLUDEDIR)/briefing.h \
		$(DESTDIR)$(MANDIR)/man1/briefing.1 \
		$(DESTDIR)$(MANDIR)/man5/briefing-style.5

clean:
	rm -rf build build-san build-tsan out

-include $(wildcard $(B)/*.d $(B)/*/*.d)
