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
# libharu often has no .pc file: its include flags and libraries.
HPDF_CFLAGS	?=
HPDF_LIBS	?= -lhpdf

# B is the build folder; `make sanitize` uses another one.
B		?= build
CC		?= cc
CXX		?= c++
CFLAGS		?= -O2 -g
SANFLAGS	?=
VERSION		:= $(shell sed -n 's/^\#define TL_VERSION "\(.*\)"$$/\1/p' src/briefing.h)
# the name libqpdf is loaded by: its shared library's own (SONAME)
QPDF_SONAME	:= $(shell objdump -p "$$($(PKG_CONFIG) --variable=libdir libqpdf \
		   2>/dev/null)/libqpdf.so" 2>/dev/null | awk '$$1 == "SONAME" { print $$2 }')
# and GnuTLS, for reproducible encryption, the same way
GNUTLS_SONAME	:= $(shell objdump -p "$$($(PKG_CONFIG) --variable=libdir gnutls \
		   2>/dev/null)/libgnutls.so" 2>/dev/null | awk '$$1 == "SONAME" { print $$2 }')
ALL_CFLAGS	 = -DBRIEFING_VERSION='"$(VERSION)"' -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
		   -Wall -Wextra -Isrc -I$(B) $(SANFLAGS) $(CFLAGS) \
		   $(if $(QPDF_SONAME),-DQPDF_SONAME='"$(QPDF_SONAME)"') \
		   $(if $(GNUTLS_SONAME),-DGNUTLS_SONAME='"$(GNUTLS_SONAME)"') \
		   $(HPDF_CFLAGS) $(shell $(PKG_CONFIG) --cflags $(PKGS) libqpdf gnutls)
# The one C++ file (src/pdf/seal_random.cc) takes qpdf's header only.
ALL_CXXFLAGS	 = -std=c++17 -Wall -Wextra -Isrc $(SANFLAGS) $(CFLAGS) \
		   $(shell $(PKG_CONFIG) --cflags libqpdf)
LDLIBS		 = $(shell $(PKG_CONFIG) --libs $(PKGS)) $(HPDF_LIBS) -lstdc++ -lm \
		   -lpthread
# The program links statically what Debian ships as static libraries:
# libxml2, ICU (with libstdc++, which it needs), libthai, libdatrie,
# fontconfig, expat, lzma and libdeflate; and, in place of libicudata
# (31 MB), ICU's data cut down to the items in tools/icu-items (1.3 MB).
# HarfBuzz, libharu, FreeType and zlib (which libharu needs) stay shared:
# a dozen fewer shared libraries to load (bench/README.md).  The tests
# link the same way.  STATIC=0 links everything shared.  libqpdf, only
# for encryption and linearization, is loaded when a PDF is sealed
# (src/pdf/seal.c), by the name it has here (QPDF_SONAME); its header
# comes from libqpdf-dev.  GnuTLS, for reproducible encryption, is loaded
# the same way, when needed; libstdc++ is there for seal_random.cc too.
STATIC		?= 1
ICU_MAJOR	 = $(firstword $(subst ., ,$(shell $(PKG_CONFIG) --modversion icu-uc)))
ICU_DAT		 = $(B)/icu/icudt$(ICU_MAJOR)l.dat
STATIC_LDLIBS	 = $(B)/icudata.o \
		   -Wl,-Bstatic -lxml2 -licuuc -lthai -ldatrie \
		   -lfontconfig -lexpat -llzma -ldeflate -lstdc++ -Wl,-Bdynamic \
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
LIB_CXX_SRCS	 = src/pdf/seal_random.cc
LIB_OBJS	 = $(LIB_SRCS:src/%.c=$(B)/%.o) $(LIB_CXX_SRCS:src/%.cc=$(B)/%.o) \
		   $(B)/embedded.o $(B)/lexicon.o
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
	install-test sanitize tsan libharu-2.4 bench compounds install uninstall clean

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

# The lexicon of compounds in the form the breaker searches (text.h).
$(B)/tools/lexicon: tools/lexicon.c
	@mkdir -p $(@D)
	$(CC) -O1 -o $@ tools/lexicon.c

$(B)/lexicon.c: $(B)/tools/lexicon data/compounds.txt
	$(B)/tools/lexicon $@ data/compounds.txt

$(B)/lexicon.o: $(B)/lexicon.c
	$(CC) -c -o $@ $<

$(B)/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(B)/%.o: src/%.cc
	@mkdir -p $(@D)
	$(CXX) $(ALL_CXXFLAGS) -MMD -MP -c -o $@ $<

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

$(B)/check_all: $(TEST_OBJS) $(B)/libbriefing.a $(BIN_DEPS)
	$(CC) $(SANFLAGS) -o $@ $(TEST_OBJS) $(B)/libbriefing.a \
		$(CHECK_LIBS) $(BIN_LDLIBS)

report: deps
	$(MAKE) $(B)/briefing
	@mkdir -p out
	$(B)/briefing $(DOC) -o $(REPORT)
	@echo "wrote $(REPORT)"

# Every suite runs, whatever the others gave; the last line counts them.
SUITES		 = unit regress e2e ink pdfcheck man install-test
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

$(B)/oom: $(B)/tests/oom.o $(B)/libbriefing.a $(BIN_DEPS)
	$(CC) $(SANFLAGS) -o $@ $(B)/tests/oom.o $(B)/libbriefing.a $(BIN_LDLIBS)

$(B)/twodocs: $(B)/tests/twodocs.o $(B)/libbriefing.a $(BIN_DEPS)
	$(CC) $(SANFLAGS) -o $@ $(B)/tests/twodocs.o $(B)/libbriefing.a \
		$(BIN_LDLIBS)

# oom: a call cut short by out of memory leaves what it made unfreed
unit: $(B)/check_all $(B)/briefing $(B)/oom $(B)/twodocs
	$(FRESH) env BRIEFING_TOP=$(CURDIR) BRIEFING=$(CURDIR)/$(B)/briefing \
		$(B)/check_all
	rm -rf $(B)/oom-out && mkdir -p $(B)/oom-out && \
	$(FRESH) env ASAN_OPTIONS="$$ASAN_OPTIONS:detect_leaks=0" \
	    $(B)/oom data/russia-dprk-timeline.xml $(B)/oom-out
	rm -rf $(B)/twodocs-out && mkdir -p $(B)/twodocs-out && \
	$(FRESH) $(B)/twodocs data/russia-dprk-timeline.xml \
	    tests/regress/layout/classified.xml $(B)/twodocs-out

# The golden files, then every style's lines against the margin and the
# forbidden starts and ends, and the gaps inside words in the PDF.
regress: $(B)/briefing
	$(FRESH) sh tests/regress.sh $(B)/briefing
	$(FRESH) sh tests/lines.sh $(B)/briefing
	$(FRESH) /usr/bin/python3 tests/gaps.py $(B)/briefing

regress-update: $(B)/briefing
	$(FRESH) sh tests/regress.sh -u $(B)/briefing

e2e: $(B)/briefing
	$(FRESH) sh tests/e2e.sh $(B)/briefing

# Pages, bookmarks, contents, links, metadata, bytes, word boxes.
pdfcheck: $(B)/briefing
	$(FRESH) /usr/bin/python3 tests/pdfcheck.py $(B)/briefing

# Install into a temporary prefix, link a small program with pkg-config,
# run it, uninstall.
install-test:
	$(FRESH) env SANFLAGS="$(SANFLAGS)" sh tests/install.sh

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
	$(MAKE) B=build-san CFLAGS="-O1 -g" \
		SANFLAGS="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
		check
	$(MAKE) tsan

tsan:
	$(MAKE) B=build-tsan CFLAGS="-O1 -g" \
		SANFLAGS="-fsanitize=thread -fno-omit-frame-pointer" \
		build-tsan/briefing build-tsan/twodocs
	rm -rf build-tsan/twodocs-out && mkdir -p build-tsan/twodocs-out
	TSAN_OPTIONS="halt_on_error=1 exitcode=66 suppressions=$(CURDIR)/tests/tsan.supp" build-tsan/twodocs \
		data/russia-dprk-timeline.xml tests/regress/layout/classified.xml \
		build-tsan/twodocs-out
	TSAN_OPTIONS="halt_on_error=1 exitcode=66 suppressions=$(CURDIR)/tests/tsan.supp" \
		sh tests/e2e.sh build-tsan/briefing

# The whole suite against libharu 2.4 (upstream, zlib licence; Debian
# ships 2.3): its release tarball unpacked, built and installed into
# build/ with cmake, the program and the tests built there against it
# (build/hpdf24, the library found through its rpath), checked to load
# it, and make check run with them (check_pdf asserts the version).
HPDF24_TAR	?= ../shared/vendor/libharu-2.4.6.tar.xz
HPDF24_VERSION	 = 2.4.6
HPDF24_SRC	 = build/libharu-$(HPDF24_VERSION)
HPDF24_PREFIX	 = $(CURDIR)/$(HPDF24_SRC)-install
HPDF24_MAKE	 = $(MAKE) B=build/hpdf24 \
		   HPDF_CFLAGS="-I$(HPDF24_PREFIX)/include" \
		   HPDF_LIBS="-L$(HPDF24_PREFIX)/lib -lhpdf -Wl,-rpath,$(HPDF24_PREFIX)/lib"

# A stamp, not hpdf.h (cmake installs it with the tarball's old date, and
# the objects' .d files name it).
$(HPDF24_PREFIX)/stamp: $(HPDF24_TAR)
	rm -rf $(HPDF24_SRC) $(HPDF24_SRC)-build $(HPDF24_PREFIX)
	mkdir -p build
	tar -C build -xJf $(HPDF24_TAR)
	cmake -S $(HPDF24_SRC) -B $(HPDF24_SRC)-build -DLIBHPDF_EXAMPLES=OFF \
		-DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_LIBDIR=lib \
		-DCMAKE_INSTALL_PREFIX=$(HPDF24_PREFIX)
	cmake --build $(HPDF24_SRC)-build
	cmake --install $(HPDF24_SRC)-build
	touch $@

libharu-2.4: $(HPDF24_PREFIX)/stamp
	$(HPDF24_MAKE) build/hpdf24/briefing build/hpdf24/check_all
	@for f in build/hpdf24/briefing build/hpdf24/check_all; do \
		l=$$(ldd $$f | grep libhpdf); echo "$$f: $$l"; \
		case $$l in *"=> $(HPDF24_PREFIX)/lib/"*) ;; \
		*) echo "$$f does not load $(HPDF24_PREFIX)/lib's libhpdf"; \
		   exit 1 ;; esac; \
	done
	@XDG_CACHE_HOME=$(CURDIR)/build/hpdf24/cache build/hpdf24/briefing -q --example \
		-o build/hpdf24/version.pdf && \
		echo "libharu-2.4: build/hpdf24/briefing writes with" \
		"$$(grep -a -o 'Haru Free PDF Library [0-9.]*' build/hpdf24/version.pdf)"
	BRIEFING_LIBHARU=$(HPDF24_VERSION) $(HPDF24_MAKE) check

# ---------------------------------------------------------------------
# Fuzzing (tests/fuzz): libFuzzer targets for the document reader and
# model, the style reader and the whole pipeline, built with clang in
# build-fuzz against the library compiled the same way (coverage for
# libFuzzer, AddressSanitizer with leak checks, UndefinedBehaviorSanitizer;
# linked shared, STATIC=0).  `make fuzz` runs each target once over its
# seeds and kept findings (tests/fuzz/TARGET/seed, regress), then fuzzes
# it for FUZZ_TIME seconds; `make fuzz-regress` does the first part only,
# and says it is skipped where clang cannot build a fuzzer.  Findings fail
# the run and stay in build-fuzz/TARGET (tests/fuzz/run.sh).
FUZZ_CC		?= clang
FUZZ_CXX	?= clang++
FUZZ_TIME	?= 60
FUZZ_B		 = build-fuzz
FUZZ_TARGETS	 = reader style pipeline
FUZZ_SAN	 = -fsanitize=address,undefined -fno-sanitize-recover=all \
		   -fno-omit-frame-pointer
FUZZ_MAKE	 = $(MAKE) --no-print-directory B=$(FUZZ_B) CC=$(FUZZ_CC) CXX=$(FUZZ_CXX) \
		   STATIC=0 CFLAGS="-O1 -g" \
		   SANFLAGS="-fsanitize=fuzzer-no-link $(FUZZ_SAN)"
# Whether FUZZ_CC can link a libFuzzer target.
FUZZ_PROBE	 = mkdir -p $(FUZZ_B) && \
		   printf '%s\n' '\#include <stddef.h>' \
		   'int LLVMFuzzerTestOneInput(const char *p, size_t n)' \
		   '{ return p == NULL && n > 0; }' | \
		   $(FUZZ_CC) -fsanitize=fuzzer -x c -o $(FUZZ_B)/probe - \
		   >/dev/null 2>&1

.PHONY: fuzz fuzz-regress fuzz-build
.PRECIOUS: $(B)/tests/fuzz/%.o

# (linked by the C++ driver: clang's C one leaves out the sanitizers' C++
# part, which seal_random.cc needs)
$(B)/fuzz-%: $(B)/tests/fuzz/%.o $(B)/tests/fuzz/fuzz.o $(B)/libbriefing.a
	$(CXX) -fsanitize=fuzzer $(SANFLAGS) -o $@ $< $(B)/tests/fuzz/fuzz.o \
		$(B)/libbriefing.a $(BIN_LDLIBS)

fuzz-build:
	@$(FUZZ_PROBE) || { echo "fuzz: $(FUZZ_CC) cannot build a libFuzzer" \
	    "target (sh tools/install-deps installs clang)"; exit 1; }
	+$(FUZZ_MAKE) $(FUZZ_TARGETS:%=$(FUZZ_B)/fuzz-%)

fuzz: fuzz-build
	@sh tests/fuzz/run.sh $(FUZZ_TIME) $(FUZZ_B) $(FUZZ_TARGETS)

fuzz-regress:
	@if $(FUZZ_PROBE); then \
		$(MAKE) --no-print-directory fuzz-build && \
		sh tests/fuzz/run.sh 0 $(FUZZ_B) $(FUZZ_TARGETS); \
	else \
		echo "fuzz-regress: skipped ($(FUZZ_CC) cannot build a" \
		    "libFuzzer target)"; \
	fi

-include $(wildcard $(B)/tests/fuzz/*.d)
# ---------------------------------------------------------------------

bench: $(B)/briefing
	sh bench/run.sh $(B)/briefing
	/usr/bin/python3 bench/peers.py $(B)/briefing

# data/compounds.txt, the lexicon of compounds, made again from Debian's
# hunspell-th (tools/compounds.c); the list is kept in the tree, so that
# neither the build nor the program needs the package.
HUNSPELL_TH	?= /usr/share/hunspell/th_TH.dic
compounds: tools/compounds.c tools/compounds.more
	@mkdir -p $(B)/tools
	$(CC) -O2 -o $(B)/tools/compounds tools/compounds.c \
		$(shell $(PKG_CONFIG) --cflags --libs libthai)
	$(B)/tools/compounds $(HUNSPELL_TH) tools/compounds.more \
		> data/compounds.txt

# pkg-config's file for the library, made for this PREFIX: a static
# archive, so its users link the libraries it uses too.
install: $(B)/briefing $(B)/libbriefing.a
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) \
		$(DESTDIR)$(LIBDIR)/pkgconfig \
		$(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(MANDIR)/man5
	install -m 755 $(B)/briefing $(DESTDIR)$(BINDIR)/briefing
	install -m 644 $(B)/libbriefing.a $(DESTDIR)$(LIBDIR)/libbriefing.a
	install -m 644 src/briefing.h $(DESTDIR)$(INCLUDEDIR)/briefing.h
	printf '%s\n' 'prefix=$(PREFIX)' 'libdir=$(LIBDIR)' \
	    'includedir=$(INCLUDEDIR)' '' 'Name: briefing' \
	    'Description: Thai timeline briefings as PDF' \
	    'Version: $(VERSION)' 'Requires: $(PKGS)' \
	    'Cflags: -I$${includedir}' \
	    'Libs: -L$${libdir} -lbriefing $(HPDF_LIBS) -lstdc++ -lm -lpthread' \
	    > $(DESTDIR)$(LIBDIR)/pkgconfig/briefing.pc
	chmod 644 $(DESTDIR)$(LIBDIR)/pkgconfig/briefing.pc
	install -m 644 man/briefing.1 $(DESTDIR)$(MANDIR)/man1/briefing.1
	install -m 644 man/briefing-style.5 \
		$(DESTDIR)$(MANDIR)/man5/briefing-style.5

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/briefing $(DESTDIR)$(LIBDIR)/libbriefing.a \
		$(DESTDIR)$(INCLUDEDIR)/briefing.h \
		$(DESTDIR)$(LIBDIR)/pkgconfig/briefing.pc \
		$(DESTDIR)$(MANDIR)/man1/briefing.1 \
		$(DESTDIR)$(MANDIR)/man5/briefing-style.5

clean:
	rm -rf build build-san build-tsan build-fuzz out

-include $(wildcard $(B)/*.d $(B)/*/*.d)
