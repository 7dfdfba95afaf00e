#!/bin/sh
# install.sh - `make install` into a temporary prefix puts the program, the
# library, its header, its pkg-config file and the man pages in place; a
# ten-line program links with `pkg-config --cflags --libs briefing` and
# renders a document; `make uninstall` takes everything away again.
# Prints "install: N passed, M failed".
set -u

pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok   $*"; }
no() { fail=$((fail + 1)); echo "FAIL $*"; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
p="$tmp/prefix"

make -s install PREFIX="$p" > "$tmp/install.log" 2>&1 \
	&& ok "make install" || no "make install: $(cat "$tmp/install.log")"
for f in bin/briefing lib/libbriefing.a include/briefing.h \
    lib/pkgconfig/briefing.pc share/man/man1/briefing.1 \
    share/man/man5/briefing-style.5; do
	[ -f "$p/$f" ] && ok "installed $f" || no "not installed: $f"
done
"$p/bin/briefing" --version | grep -q '^briefing [0-9]' \
	&& ok "the installed program runs" || no "the installed program does not run"

cat > "$tmp/ten.c" <<'PROG'
#include <briefing.h>
int main(int argc, char *argv[]) {
	struct tl_opts o = { 0 };
	struct tl_doc *d = tl_doc_new(&o);
	enum tl_status st = argc == 3 && d != NULL ?
	    tl_doc_read(d, argv[1]) : TL_EUSAGE;
	if (st == TL_OK) st = tl_doc_render(d, argv[2]);
	tl_doc_free(d);
	return st;
}
PROG
export PKG_CONFIG_PATH="$p/lib/pkgconfig"
flags=$(pkg-config --cflags --libs briefing 2> "$tmp/pc.err")
[ -n "$flags" ] && pkg-config --modversion briefing | grep -q "$("$p/bin/briefing" --version | cut -d' ' -f2)" \
	&& ok "pkg-config knows briefing" || no "pkg-config: $(cat "$tmp/pc.err")"
# (a sanitizer build's library needs its runtime: SANFLAGS)
# shellcheck disable=SC2086
cc ${SANFLAGS:-} -o "$tmp/ten" "$tmp/ten.c" $flags 2> "$tmp/cc.err" \
	&& ok "a ten-line program links with pkg-config's flags" \
	|| no "the ten-line program does not link: $(cat "$tmp/cc.err")"
"$tmp/ten" data/russia-dprk-timeline.xml "$tmp/ten.pdf" 2> "$tmp/ten.err" &&
    pdftotext "$tmp/ten.pdf" - | grep -q 'เกาหลีเหนือ' \
	&& ok "the ten-line program renders a document" \
	|| no "the ten-line program failed: $(cat "$tmp/ten.err")"

make -s uninstall PREFIX="$p" > "$tmp/uninstall.log" 2>&1 &&
    [ -z "$(find "$p" -type f)" ] \
	&& ok "make uninstall leaves no file" \
	|| no "left after uninstall: $(find "$p" -type f)"

echo "install: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
