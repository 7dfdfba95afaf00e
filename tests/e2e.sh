#!/bin/sh
# e2e.sh - end to end, with the real PDF tools: the default document becomes
# a valid PDF whose text gives back the source; a failed run leaves no file
# behind and leaves an existing output untouched; work spread over threads
# gives the same result as on one.
# Usage: e2e.sh BRIEFING
set -u
bin=${1:?usage: e2e.sh BRIEFING}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
export LC_ALL=C.UTF-8 SOURCE_DATE_EPOCH=1700000000
tmp=$(mktemp -d) || exit 3
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

# The program sees a fontconfig set-up of this script's own
# (tests/fonts.conf) with copies of the fonts it needs, never the system's
# configuration: a font package installed or removed meanwhile changes
# neither its answers nor the font cache.  HOME and the XDG folders are
# here too: nothing of the user's is read or written, and each run starts
# without a font cache.
fc=$tmp/fontconfig
mkdir "$fc" "$fc/etc" "$fc/fonts" "$tmp/home" || exit 3
for f in tlwg/Laksaman tlwg/Laksaman-Bold tlwg/Laksaman-Italic \
    tlwg/Laksaman-BoldItalic tlwg/Garuda tlwg/Garuda-Bold \
    noto/NotoSansThai-Regular noto/NotoSansThai-Bold \
    noto/NotoSerifThai-Regular noto/NotoSerifThai-Bold \
    dejavu/DejaVuSans dejavu/DejaVuSans-Bold; do
	cp "/usr/share/fonts/truetype/$f.ttf" "$fc/fonts/" || exit 3
done
sed "s|@DIR@|$fc|g" tests/fonts.conf > "$fc/etc/fonts.conf" || exit 3
export FONTCONFIG_FILE="$fc/etc/fonts.conf" HOME="$tmp/home" \
    XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" \
    XDG_CACHE_HOME="$tmp/cache"
unset FONTCONFIG_PATH FONTCONFIG_SYSROOT BRIEFING_FONTS BRIEFING_FONT_CACHE \
    BRIEFING_TIMING
ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL: $*"; }

# 1. the default document (the `make report` command) gives a clean PDF
if "$bin" -q data/russia-dprk-timeline.xml -o "$tmp/report.pdf"; then ok
else no "briefing exited $? on the default document"; fi
if qpdf --check "$tmp/report.pdf" > "$tmp/qpdf" 2>&1; then ok
else no "qpdf --check:"; cat "$tmp/qpdf"; fi
pdffonts "$tmp/report.pdf" > "$tmp/fonts" 2>&1
if awk 'NR > 2 && ($(NF-4) != "yes" || $(NF-3) != "yes" || $(NF-2) != "yes") { bad = 1 }
	END { exit bad || NR < 3 }' "$tmp/fonts"; then ok
else no "pdffonts: a font not embedded, not subset or without ToUnicode:"; cat "$tmp/fonts"; fi
if pdftotext "$tmp/report.pdf" "$tmp/report.txt" 2> "$tmp/poppler" &&
    [ ! -s "$tmp/poppler" ]; then ok
else no "pdftotext warned:"; head -5 "$tmp/poppler"; fi

# 2. the same without an input: the built-in document
(cd "$tmp" && "$bin" -q -o builtin.pdf) && cmp -s "$tmp/builtin.pdf" "$tmp/report.pdf" \
	&& ok || no "the built-in document differs from data/russia-dprk-timeline.xml"

# 3. a failed run leaves no file behind ...
"$bin" -q tests/regress/reader/bad-when.xml -o "$tmp/new.pdf" 2> /dev/null
st=$?
[ $st -eq 1 ] && ok || no "bad input exited $st, expected 1"
[ ! -e "$tmp/new.pdf" ] && ok || no "a failed run left $tmp/new.pdf"
ls "$tmp" | grep -q tmp && no "a failed run left a temporary file" || ok

# 4. ... and leaves an existing output untouched
cp "$tmp/report.pdf" "$tmp/keep.pdf"
cp "$tmp/report.pdf" "$tmp/keep.orig"
"$bin" -q tests/regress/reader/malformed.xml -o "$tmp/keep.pdf" 2> /dev/null
cmp -s "$tmp/keep.pdf" "$tmp/keep.orig" && ok || no "a failed run changed an existing output"

# 4b. an output that is not a regular file is written in place, not
# renamed over (a named pipe stays a pipe); "-" is standard output; a
# symbolic link keeps pointing at the file, which gets the PDF
mkfifo "$tmp/fifo"
timeout 600 cat "$tmp/fifo" > "$tmp/fromfifo" &
reader=$!
"$bin" -q data/russia-dprk-timeline.xml -o "$tmp/fifo"; st=$?
[ $st -eq 0 ] || kill $reader 2> /dev/null	# it never opened the pipe
wait $reader
[ $st -eq 0 ] && [ -p "$tmp/fifo" ] && cmp -s "$tmp/fromfifo" "$tmp/report.pdf" \
	&& ok || no "a named pipe as the output: status $st, still a pipe: $([ -p "$tmp/fifo" ] && echo yes || echo no)"
"$bin" data/russia-dprk-timeline.xml -o - 2> "$tmp/stdout.err" | cat > "$tmp/stdout.pdf"
cmp -s "$tmp/stdout.pdf" "$tmp/report.pdf" && grep -q "wrote standard output" "$tmp/stdout.err" \
	&& ok || no "-o - did not write the PDF to standard output"
echo old > "$tmp/target.pdf"
ln -s target.pdf "$tmp/link.pdf"
"$bin" -q data/russia-dprk-timeline.xml -o "$tmp/link.pdf" && [ -L "$tmp/link.pdf" ] &&
    cmp -s "$tmp/target.pdf" "$tmp/report.pdf" \
	&& ok || no "a symbolic link as the output was replaced, or its file not written"

# 5. an unwritable folder is a system error (3), nothing is written
"$bin" -q data/russia-dprk-timeline.xml -o /nonexistent-dir/x.pdf 2> /dev/null
st=$?
[ $st -eq 3 ] && ok || no "an unwritable output exited $st, expected 3"

# 6. usage errors exit 2; --help and --version exit 0
"$bin" --no-such-option > /dev/null 2>&1; st=$?
[ $st -eq 2 ] && ok || no "an unknown option exited $st, expected 2"
"$bin" a.xml b.xml > /dev/null 2>&1; st=$?
[ $st -eq 2 ] && ok || no "two inputs exited $st, expected 2"
"$bin" --help | grep -q '^usage: briefing' && ok || no "--help"
"$bin" --version | grep -q '^briefing [0-9]' && ok || no "--version"

# 7. --check reports every error in one pass and exits 1, writing nothing
"$bin" --check tests/regress/reader/many-errors.xml > "$tmp/out" 2>&1; st=$?
[ $st -eq 1 ] && [ "$(grep -c ': error: ' "$tmp/out")" -eq 7 ] && ok \
	|| no "--check many-errors.xml: status $st, $(grep -c ': error: ' "$tmp/out") errors"

# 7b. a bad style is an error in the input (1), with its place, in a run
# and in a layout dump alike, and writes nothing; a missing style file is a
# system error (3)
sed 's/align="justify"/align="distribute"/' styles/briefing.xml > "$tmp/bad-style.xml"
cp "$tmp/report.pdf" "$tmp/style-keep.pdf"
"$bin" -q --style "$tmp/bad-style.xml" -o "$tmp/style-keep.pdf" 2> "$tmp/style.err"; st=$?
[ $st -eq 1 ] && grep -q "bad-style.xml:[0-9]*:[0-9]*: error: bad style: align=" "$tmp/style.err" &&
    cmp -s "$tmp/style-keep.pdf" "$tmp/report.pdf" && ! ls "$tmp" | grep -q tmp \
	&& ok || no "a bad style file: status $st, $(cat "$tmp/style.err")"
"$bin" --style "$tmp/bad-style.xml" --dump-layout > /dev/null 2>&1; st=$?
[ $st -eq 1 ] && ok || no "a bad style file, --dump-layout: status $st, expected 1"
"$bin" -q --style nosuch -o "$tmp/nosuch.pdf" 2> "$tmp/style.err"; st=$?
[ $st -eq 1 ] && [ ! -e "$tmp/nosuch.pdf" ] && grep -q 'unknown style "nosuch"' "$tmp/style.err" \
	&& ok || no "an unknown style name: status $st, $(cat "$tmp/style.err")"
"$bin" -q --style "$tmp/none/x.xml" -o "$tmp/nostyle.pdf" 2> /dev/null; st=$?
[ $st -eq 3 ] && [ ! -e "$tmp/nostyle.pdf" ] && ok || no "a missing style file: status $st, expected 3"

# 7c. links: http, https and mailto (and #id) become links; any other
# scheme, an empty href, and a link, keywords or a title too long for the
# PDF are errors of the input (1) at the attribute or the element, in one
# line each, with no PDF written and no word of the PDF writer's
link_doc() {	# <a href>, <source href>, keywords, title
	printf '<timeline version="1"><title>%s</title><meta><keywords>%s</keywords></meta>\n<event when="2020"><p><a href="%s">x</a></p><source href="%s">s</source></event></timeline>\n' \
	    "${4:-t}" "$3" "$1" "$2" > "$tmp/href.xml"
}
link_refused() {	# what, expected message (after the file name)
	"$bin" -q "$tmp/href.xml" -o "$tmp/href.pdf" > "$tmp/href.err" 2>&1; st=$?
	[ $st -eq 1 ] && [ ! -e "$tmp/href.pdf" ] &&
	    [ "$(cat "$tmp/href.err")" = "$tmp/href.xml:$2" ] &&
	    ! grep -qi libharu "$tmp/href.err" \
		&& ok || no "$1: status $st, $(head -c 300 "$tmp/href.err")"
}
for s in 'javascript:alert(1)' 'JavaScript:alert(1)' 'file:///etc/passwd' \
    'smb://attacker.example/share' 'launch:calc.exe' \
    'data:text/html;base64,PGI+eDwvYj4=' 'ftp://ftp.example.org/pub/'; do
	scheme=${s%%:*}
	why="links to $scheme: are not allowed: expected http://, https:// or mailto:"
	link_doc "$s" https://example.org/ k
	link_refused "<a href=\"$s\">" "2:32: error: invalid document: href \"$s\": $why"
	link_doc https://example.org/ "$s" k
	link_refused "<source href=\"$s\">" "2:77: error: invalid document: href \"$s\": $why"
done
link_doc '' https://example.org/ k
link_refused 'an empty <a href>' "2:32: error: invalid document: empty href: expected a link starting http://, https:// or mailto:"
link_doc https://example.org/ '' k
link_refused 'an empty <source href>' "2:77: error: invalid document: empty href: expected a link starting http://, https:// or mailto:"
long=$(python3 -c 'print("ก" * 3000)')
link_doc "https://example.org/$long" https://example.org/ k
link_refused 'a link of 27,020 bytes once encoded' \
    "2:32: error: invalid document: href \"https://example.org/$(python3 -c 'print("ก" * 14)')…\": 27020 bytes once percent-encoded: at most 8192"
link_doc https://example.org/ https://example.org/ "$(python3 -c 'print("k" * 70000)')"
link_refused 'keywords of 70,000 bytes' \
    "1:45: error: invalid document: <keywords>: 70000 bytes for the PDF's Keywords: at most 8192"
link_doc https://example.org/ https://example.org/ k "$(python3 -c 'print("t" * 70000)')"
link_refused 'a title of 70,000 bytes' \
    "1:23: error: invalid document: <title>: 70000 bytes for the PDF's Title: at most 8192"
for s in http://example.org/ 'https://th.wikipedia.org/wiki/ไทย' \
    'mailto:news@example.org?subject=ข่าว' '#war'; do
	link_doc "$s" "$s" "ข่าว"
	"$bin" -q "$tmp/href.xml" -o "$tmp/href.pdf" > "$tmp/href.err" 2>&1; st=$?
	[ $st -eq 0 ] && [ ! -s "$tmp/href.err" ] &&
	    [ "$(qpdf --qdf --object-streams=disable "$tmp/href.pdf" - |
	    grep -ac '/S /URI')" -eq 2 ] \
		&& ok || no "a link to $s: status $st, $(cat "$tmp/href.err")"
	rm -f "$tmp/href.pdf"
done

# 8. a user's word list: the default layout breaks "ลด|การพึ่งพา" at a line
# end; with the list, no line ends inside "พยายามลดการพึ่งพา"
"$bin" --dump-layout > "$tmp/plain" 2>&1
grep -q 'พยายามลด"$' "$tmp/plain" && ok || no "the default layout no longer splits the test phrase"
"$bin" --words tests/regress/text/words.txt --dump-layout > "$tmp/words" 2>&1
grep -q 'พยายามลดการพึ่งพา' "$tmp/words" && ! grep -q 'พยายามลด"$' "$tmp/words" \
	&& ok || no "--words did not keep the phrase together"
"$bin" --words /nonexistent/words.txt -o "$tmp/w.pdf" 2> "$tmp/err"; st=$?
[ $st -eq 3 ] && [ ! -e "$tmp/w.pdf" ] && ok || no "--words with a missing file exited $st"

# 9. a long document lays out and writes the same bytes each run; the word
# list is reported once
python3 -c "import sys; sys.path.insert(0, 'bench'); import bench; \
bench.make_timeline(400, sys.argv[1])" "$tmp/long.xml"
"$bin" --dump-layout "$tmp/long.xml" > "$tmp/long.2" 2>&1
"$bin" --dump-layout "$tmp/long.xml" > "$tmp/long.1" 2>&1
[ "$(grep -c '^page ' "$tmp/long.2")" -gt 50 ] && cmp -s "$tmp/long.1" "$tmp/long.2" \
	&& ok || no "the long layout differs between two runs"
"$bin" -q "$tmp/long.xml" -o "$tmp/long2.pdf" &&
    "$bin" -q "$tmp/long.xml" -o "$tmp/long1.pdf" &&
    cmp -s "$tmp/long1.pdf" "$tmp/long2.pdf" && qpdf --check "$tmp/long2.pdf" > /dev/null 2>&1 \
	&& ok || no "the long PDF differs between two runs, or is not clean"
printf 'คิม จองอึน\n\001bad\n' > "$tmp/bad-words.txt"
"$bin" -q --words "$tmp/bad-words.txt" "$tmp/long.xml" -o "$tmp/long-w.pdf" \
    2> "$tmp/long-w.err"
[ "$(grep -c "bad-words.txt:2:1: warning: bad word list entry" "$tmp/long-w.err")" = 1 ] \
	&& ok || no "a word list warning is not given exactly once: $(cat "$tmp/long-w.err")"

# 10. a project font that cannot be used (here a Laksaman without its post
# table) is named in a warning, once, and fontconfig's copy is used; the
# fonts are set up on a thread of their own, so this checks that its
# messages reach the output (also on one thread)
mkdir "$tmp/badfonts"
python3 -c "import sys; d = bytearray(open(sys.argv[1], 'rb').read()); \
n = int.from_bytes(d[4:6], 'big'); \
[d.__setitem__(slice(12 + 16 * i, 16 + 16 * i), b'xost') \
 for i in range(n) if d[12 + 16 * i:16 + 16 * i] == b'post']; \
open(sys.argv[2], 'wb').write(d)" \
    "$fc/fonts/Laksaman.ttf" "$tmp/badfonts/Laksaman.ttf"
for t in 1 2; do
	BRIEFING_FONTS="$tmp/badfonts" "$bin" -q \
	    -o "$tmp/badfont.pdf" 2> "$tmp/badfont.err"; st=$?
	[ $st -eq 0 ] && [ "$(grep -c "warning: cannot load font: .*badfonts/Laksaman.ttf:0: .*; not used" \
	    "$tmp/badfont.err")" = 1 ] && pdffonts "$tmp/badfont.pdf" | grep -q Laksaman \
		&& ok || no "an unusable project font (run $t): status $st, $(cat "$tmp/badfont.err")"
done

# 11. BRIEFING_TIMING: the phases and the peak memory; the PDF is the same
BRIEFING_FONT_CACHE=0 BRIEFING_TIMING=1 "$bin" -q -o "$tmp/timed.pdf" 2> "$tmp/timed.err"
"$bin" -q -o "$tmp/untimed.pdf"
grep -q "^briefing: timing: layout and draw: [0-9.]* ms\$" "$tmp/timed.err" &&
    grep -q "^briefing: timing: save: [0-9.]* ms\$" "$tmp/timed.err" &&
    grep -q "^briefing: timing: peak memory: [0-9]* KiB\$" "$tmp/timed.err" &&
    cmp -s "$tmp/timed.pdf" "$tmp/untimed.pdf" \
	&& ok || no "timing lines: $(cat "$tmp/timed.err")"

# 12. the font cache: the first run writes it, the next uses it, and the PDF
# is the same as without it, in every style; a change to the user's
# fontconfig set-up or to the project's fonts makes a run set fontconfig up
# again (and the PDF follows the change); a damaged file is not used; a
# cache folder that cannot be made costs nothing but the cache
c="$tmp/fc"
first=yes
for s in briefing official letter; do
	XDG_CACHE_HOME="$c" BRIEFING_TIMING=1 "$bin" -q --style $s --toc \
	    -o "$tmp/fc-$s-1.pdf" 2> "$tmp/fc1.err"; st1=$?
	XDG_CACHE_HOME="$c" BRIEFING_TIMING=1 "$bin" -q --style $s --toc \
	    -o "$tmp/fc-$s-2.pdf" 2> "$tmp/fc2.err"; st2=$?
	BRIEFING_FONT_CACHE=0 BRIEFING_TIMING=1 "$bin" -q --style $s --toc \
	    -o "$tmp/fc-$s-0.pdf" 2> "$tmp/fc0.err"; st0=$?
	[ $st1$st2$st0 = 000 ] &&
	    { [ $first = no ] || { grep -q "timing: font cache: not usable" "$tmp/fc1.err" &&
	      grep -q "timing: font cache: written" "$tmp/fc1.err"; }; } &&
	    grep -q "timing: font cache: used" "$tmp/fc2.err" &&
	    ! grep -q "timing: font cache: written" "$tmp/fc2.err" &&
	    grep -q "timing: font cache: off" "$tmp/fc0.err" &&
	    cmp -s "$tmp/fc-$s-1.pdf" "$tmp/fc-$s-2.pdf" &&
	    cmp -s "$tmp/fc-$s-1.pdf" "$tmp/fc-$s-0.pdf" \
		&& ok || no "font cache, style $s: status $st1$st2$st0, $(cat "$tmp/fc1.err" "$tmp/fc2.err" | grep cache)"
	first=no
done
[ "$(ls "$c/briefing")" = fonts.cache ] \
	&& ok || no "the cache folder holds: $(ls "$c/briefing")"
# the user's fontconfig file appears (Garuda before Laksaman)
mkdir -p "$tmp/xdg" "$tmp/pf"
run_fc() {
	XDG_CONFIG_HOME="$tmp/xdg" BRIEFING_FONTS="$tmp/pf" XDG_CACHE_HOME="$c" \
	    BRIEFING_TIMING=1 "$bin" -q -o "$tmp/fc-$1.pdf" 2> "$tmp/fc-$1.err"
}
run_fc a && run_fc b && grep -q "font cache: used" "$tmp/fc-b.err" \
	&& ok || no "font cache with a project folder: $(cat "$tmp/fc-b.err")"
mkdir "$tmp/xdg/fontconfig"
printf '%s\n' '<?xml version="1.0"?>' '<fontconfig>' '<match target="pattern">' \
    '<test name="family"><string>Laksaman</string></test>' \
    '<edit name="family" mode="prepend" binding="strong"><string>Garuda</string></edit>' \
    '</match>' '</fontconfig>' > "$tmp/xdg/fontconfig/fonts.conf"
run_fc c && grep -q "font cache: not usable" "$tmp/fc-c.err" &&
    pdffonts "$tmp/fc-c.pdf" | grep -q Garuda && ! pdffonts "$tmp/fc-a.pdf" | grep -q Garuda &&
    run_fc d && grep -q "font cache: used" "$tmp/fc-d.err" && cmp -s "$tmp/fc-c.pdf" "$tmp/fc-d.pdf" \
	&& ok || no "font cache after the user's fontconfig changed: $(cat "$tmp/fc-c.err" "$tmp/fc-d.err" | grep cache)"
# a font added to the project's folder; the folder's time is set a second
# on, so that the change shows whatever the clock's granularity
touch -r "$tmp/pf" "$tmp/pf.time"
cp "$fc/fonts/Garuda.ttf" "$tmp/pf/"
touch -m -r "$tmp/pf.time" -d '+1 second' "$tmp/pf"
run_fc e && grep -q "font cache: not usable" "$tmp/fc-e.err" \
	&& ok || no "font cache after a project font was added: $(grep cache "$tmp/fc-e.err")"
# damaged: a byte changed, cut short, not a cache file at all
BRIEFING_FONT_CACHE=0 "$bin" -q -o "$tmp/fc-plain.pdf"
for how in flip cut junk; do
	for g in "$c"/briefing/fonts.cache; do
		case $how in
		flip) python3 -c "import sys; d = bytearray(open(sys.argv[1], 'rb').read()); \
d[len(d) // 3] ^= 1; open(sys.argv[1], 'wb').write(d)" "$g" ;;
		cut) head -c 5000 "$g" > "$tmp/cut" && cat "$tmp/cut" > "$g" ;;
		junk) yes "not a font cache" | head -c 4096 > "$g" ;;
		esac
	done
	XDG_CACHE_HOME="$c" BRIEFING_TIMING=1 "$bin" -q -o "$tmp/fc-$how.pdf" \
	    2> "$tmp/fc-$how.err"; st=$?
	[ $st -eq 0 ] && grep -q "font cache: not usable" "$tmp/fc-$how.err" &&
	    grep -q "font cache: written" "$tmp/fc-$how.err" &&
	    cmp -s "$tmp/fc-$how.pdf" "$tmp/fc-plain.pdf" \
		&& ok || no "a damaged ($how) font cache: status $st, $(grep cache "$tmp/fc-$how.err")"
done
# no cache folder can be made: the run goes on
XDG_CACHE_HOME=/dev/null/cache BRIEFING_TIMING=1 "$bin" -q -o "$tmp/fc-nodir.pdf" \
    2> "$tmp/fc-nodir.err"; st=$?
[ $st -eq 0 ] && grep -q "font cache: not written: " "$tmp/fc-nodir.err" &&
    cmp -s "$tmp/fc-nodir.pdf" "$tmp/fc-plain.pdf" \
	&& ok || no "an impossible cache folder: status $st, $(cat "$tmp/fc-nodir.err")"

echo "e2e: $pass passed, $fail failed"
[ $fail -eq 0 ]
