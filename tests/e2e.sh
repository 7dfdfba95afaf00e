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
    noto/NotoSansLao-Regular noto/NotoSansKhmer-Regular nanum/NanumGothic \
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
(cd "$tmp" && "$bin" --example -q -o builtin.pdf) && cmp -s "$tmp/builtin.pdf" "$tmp/report.pdf" \
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
"$bin" -v data/russia-dprk-timeline.xml -o - 2> "$tmp/stdout.err" | cat > "$tmp/stdout.pdf"
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
"$bin" a.xml b.xml -o x.pdf > /dev/null 2>&1; st=$?
[ $st -eq 2 ] && ok || no "two inputs and -o exited $st, expected 2"
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
"$bin" --example -q --style "$tmp/bad-style.xml" -o "$tmp/style-keep.pdf" 2> "$tmp/style.err"; st=$?
[ $st -eq 1 ] && grep -q "bad-style.xml:[0-9]*:[0-9]*: error: bad style: align=" "$tmp/style.err" &&
    cmp -s "$tmp/style-keep.pdf" "$tmp/report.pdf" && ! ls "$tmp" | grep -q tmp \
	&& ok || no "a bad style file: status $st, $(cat "$tmp/style.err")"
"$bin" --example --style "$tmp/bad-style.xml" --dump-layout > /dev/null 2>&1; st=$?
[ $st -eq 1 ] && ok || no "a bad style file, --dump-layout: status $st, expected 1"
"$bin" --example -q --style nosuch -o "$tmp/nosuch.pdf" 2> "$tmp/style.err"; st=$?
[ $st -eq 1 ] && [ ! -e "$tmp/nosuch.pdf" ] && grep -q 'unknown style "nosuch"' "$tmp/style.err" \
	&& ok || no "an unknown style name: status $st, $(cat "$tmp/style.err")"
"$bin" --example -q --style "$tmp/none/x.xml" -o "$tmp/nostyle.pdf" 2> /dev/null; st=$?
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
    'mailto:news@example.org?subject=ข่าว'; do
	link_doc "$s" "$s" "ข่าว"
	"$bin" -q "$tmp/href.xml" -o "$tmp/href.pdf" > "$tmp/href.err" 2>&1; st=$?
	[ $st -eq 0 ] && [ ! -s "$tmp/href.err" ] &&
	    [ "$(qpdf --qdf --object-streams=disable "$tmp/href.pdf" - |
	    grep -ac '/S /URI')" -eq 2 ] \
		&& ok || no "a link to $s: status $st, $(cat "$tmp/href.err")"
	rm -f "$tmp/href.pdf"
done

# 8. a user's word list: the default layout breaks "หลาย|ทศวรรษ" at a line
# end; with the list, no line ends inside "เป็นเวลาหลายทศวรรษ"
"$bin" --example --dump-layout > "$tmp/plain" 2>&1
grep -q 'เป็นเวลาหลาย"$' "$tmp/plain" && ok || no "the default layout no longer splits the test phrase"
"$bin" --example --words tests/regress/text/words.txt --dump-layout > "$tmp/words" 2>&1
grep -q 'เป็นเวลาหลายทศวรรษ' "$tmp/words" && ! grep -q 'เวลาหลาย"$' "$tmp/words" \
	&& ok || no "--words did not keep the phrase together"
"$bin" --example --words /nonexistent/words.txt -o "$tmp/w.pdf" 2> "$tmp/err"; st=$?
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
	BRIEFING_FONTS="$tmp/badfonts" "$bin" --example -q \
	    -o "$tmp/badfont.pdf" 2> "$tmp/badfont.err"; st=$?
	[ $st -eq 0 ] && [ "$(grep -c "warning: cannot load font: .*badfonts/Laksaman.ttf:0: .*; not used" \
	    "$tmp/badfont.err")" = 1 ] && pdffonts "$tmp/badfont.pdf" | grep -q Laksaman \
		&& ok || no "an unusable project font (run $t): status $st, $(cat "$tmp/badfont.err")"
done

# 11. BRIEFING_TIMING: the phases and the peak memory; the PDF is the same
BRIEFING_FONT_CACHE=0 BRIEFING_TIMING=1 "$bin" --example -q -o "$tmp/timed.pdf" 2> "$tmp/timed.err"
"$bin" --example -q -o "$tmp/untimed.pdf"
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
	XDG_CACHE_HOME="$c" BRIEFING_TIMING=1 "$bin" --example -q --style $s --toc \
	    -o "$tmp/fc-$s-1.pdf" 2> "$tmp/fc1.err"; st1=$?
	XDG_CACHE_HOME="$c" BRIEFING_TIMING=1 "$bin" --example -q --style $s --toc \
	    -o "$tmp/fc-$s-2.pdf" 2> "$tmp/fc2.err"; st2=$?
	BRIEFING_FONT_CACHE=0 BRIEFING_TIMING=1 "$bin" --example -q --style $s --toc \
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
	    BRIEFING_TIMING=1 "$bin" --example -q -o "$tmp/fc-$1.pdf" 2> "$tmp/fc-$1.err"
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
BRIEFING_FONT_CACHE=0 "$bin" --example -q -o "$tmp/fc-plain.pdf"
for how in flip cut junk; do
	for g in "$c"/briefing/fonts.cache; do
		case $how in
		flip) python3 -c "import sys; d = bytearray(open(sys.argv[1], 'rb').read()); \
d[len(d) // 3] ^= 1; open(sys.argv[1], 'wb').write(d)" "$g" ;;
		cut) head -c 5000 "$g" > "$tmp/cut" && cat "$tmp/cut" > "$g" ;;
		junk) yes "not a font cache" | head -c 4096 > "$g" ;;
		esac
	done
	XDG_CACHE_HOME="$c" BRIEFING_TIMING=1 "$bin" --example -q -o "$tmp/fc-$how.pdf" \
	    2> "$tmp/fc-$how.err"; st=$?
	[ $st -eq 0 ] && grep -q "font cache: not usable" "$tmp/fc-$how.err" &&
	    grep -q "font cache: written" "$tmp/fc-$how.err" &&
	    cmp -s "$tmp/fc-$how.pdf" "$tmp/fc-plain.pdf" \
		&& ok || no "a damaged ($how) font cache: status $st, $(grep cache "$tmp/fc-$how.err")"
done
# no cache folder can be made: the run goes on
XDG_CACHE_HOME=/dev/null/cache BRIEFING_TIMING=1 "$bin" --example -q -o "$tmp/fc-nodir.pdf" \
    2> "$tmp/fc-nodir.err"; st=$?
[ $st -eq 0 ] && grep -q "font cache: not written: " "$tmp/fc-nodir.err" &&
    cmp -s "$tmp/fc-nodir.pdf" "$tmp/fc-plain.pdf" \
	&& ok || no "an impossible cache folder: status $st, $(cat "$tmp/fc-nodir.err")"

# 13. the output is never a file the document is made from (the input,
# through a link too, an included file, the style, the word list): refused
# with status 2 before any work, the file untouched; a folder as the output
# or a missing folder is a system error (3), also before any work
mkdir -p "$tmp/same/sub"
cp tests/regress/reader/inc/good.xml "$tmp/same/doc.xml"
cp tests/regress/reader/inc/sub/event.xml "$tmp/same/sub/event.xml"
cp styles/briefing.xml "$tmp/same/style.xml"
printf 'คิม จองอึน\n' > "$tmp/same/words.txt"
ln -s doc.xml "$tmp/same/link.pdf"
(cd "$tmp/same" && tar cf ../same.tar .)
for o in doc.xml link.pdf sub/event.xml style.xml words.txt; do
	(cd "$tmp/same" && "$bin" -q --style ./style.xml --words words.txt \
	    doc.xml -o "$o" 2> ../same.err); st=$?
	(cd "$tmp/same" && tar cf ../same2.tar .)
	[ $st -eq 2 ] && cmp -s "$tmp/same.tar" "$tmp/same2.tar" &&
	    grep -q "^$o: error: refusing to write the PDF over: it is " "$tmp/same.err" \
		&& ok || no "-o $o (an input): status $st, $(cat "$tmp/same.err")"
done
"$bin" -q data/russia-dprk-timeline.xml -o "$tmp/same" 2> "$tmp/dir.err"; st=$?
[ $st -eq 3 ] && grep -q "same: error: cannot access file: Is a directory" "$tmp/dir.err" \
	&& ok || no "a folder as the output: status $st, $(cat "$tmp/dir.err")"

# 14. only regular files are read: a named pipe as the input, an included
# file, the style or the word list is refused at once, never waited on
mkdir "$tmp/pipes" "$tmp/pipes/sub"
cp tests/regress/reader/inc/good.xml "$tmp/pipes/doc.xml"
mkfifo "$tmp/pipes/in.xml" "$tmp/pipes/sub/event.xml" "$tmp/pipes/style.xml" \
    "$tmp/pipes/words.txt"
for args in "in.xml" "doc.xml" "--style ./style.xml doc.xml" "--words words.txt doc.xml"; do
	(cd "$tmp/pipes" && timeout 60 "$bin" -q $args -o out.pdf 2> ../pipes.err); st=$?
	[ $st -ne 0 ] && [ $st -ne 124 ] && [ ! -e "$tmp/pipes/out.pdf" ] &&
	    grep -q "not a regular file" "$tmp/pipes.err" \
		&& ok || no "a named pipe read ($args): status $st, $(cat "$tmp/pipes.err")"
done

# 15. the old output's mode is kept; a new file gets the umask's
cp "$tmp/report.pdf" "$tmp/mode.pdf"
chmod 600 "$tmp/mode.pdf"
"$bin" -q data/russia-dprk-timeline.xml -o "$tmp/mode.pdf"
(umask 027 && "$bin" -q data/russia-dprk-timeline.xml -o "$tmp/mode-new.pdf")
[ "$(stat -c %a "$tmp/mode.pdf")" = 600 ] && [ "$(stat -c %a "$tmp/mode-new.pdf")" = 640 ] \
	&& ok || no "modes: $(stat -c %a "$tmp/mode.pdf") (kept 600?), $(stat -c %a "$tmp/mode-new.pdf") (umask 027: 640?)"

# 16. a run stopped by a signal at any moment (SIGTERM, SIGINT, SIGKILL)
# leaves no temporary file and the old output whole: the new file has no
# name until it is complete
mkdir "$tmp/sig"
cp "$tmp/long2.pdf" "$tmp/sig/out.pdf"
bad=
for d in 0 0.01 0.02 0.05 0.1 0.2 0.3 0.5; do
	for s in TERM INT KILL; do
		"$bin" -q "$tmp/long.xml" -o "$tmp/sig/out.pdf" 2> /dev/null &
		pid=$!
		sleep $d
		kill -$s $pid 2> /dev/null
		wait $pid 2> /dev/null
		[ "$(ls -A "$tmp/sig")" = out.pdf ] || bad="$bad $s@$d:$(ls -A "$tmp/sig" | tr '\n' ' ')"
		cmp -s "$tmp/sig/out.pdf" "$tmp/long2.pdf" || bad="$bad $s@$d:changed"
	done
done
[ -z "$bad" ] && ok || no "a run stopped by a signal left:$bad"

# 17. messages: after 100 errors and warnings one line says how many more;
# a quoted piece of input is cut after 80 characters, control characters
# are escaped
python3 -c "import sys; open(sys.argv[1], 'w').write('<?xml version=\"1.0\"?>\n<timeline version=\"1\">\n<title>t</title>\n<event when=\"2000\"><p>x</p></event>\n' + '<zz/>' * 250 + '\n<event when=\"x&#x85;&#x9;' + '9' * 5000 + '\"><p>x</p></event>\n</timeline>\n')" "$tmp/many.xml"
"$bin" --check "$tmp/many.xml" > "$tmp/many.err" 2>&1; st=$?
[ $st -eq 1 ] && [ "$(grep -c ': error: ' "$tmp/many.err")" -eq 100 ] &&
    [ "$(tail -n 1 "$tmp/many.err")" = "briefing: note: 151 more errors and warnings not shown" ] \
	&& ok || no "250 unknown elements and a bad date: status $st, $(grep -c ': error: ' "$tmp/many.err") errors, last line $(tail -n 1 "$tmp/many.err")"
python3 -c "import sys; open(sys.argv[1], 'w').write('<?xml version=\"1.0\"?>\n<timeline version=\"1\">\n<title>t</title>\n<event when=\"x&#x85;&#x9;' + '9' * 5000 + '\"><p>x</p></event>\n</timeline>\n')" "$tmp/long-when.xml"
"$bin" --check "$tmp/long-when.xml" > "$tmp/long-when.err" 2>&1; st=$?
q=$(sed -n 's/.*bad date in when: "\([^"]*\)".*/\1/p' "$tmp/long-when.err")
[ $st -eq 1 ] && [ "$q" = "x\\u0085\\t$(printf '%077d' 0 | tr 0 9)..." ] \
	&& ok || no "a long date quoted as: $(head -c 300 "$tmp/long-when.err")"

# 18. a cluster of more than 30 combining characters is shaped in pieces,
# with one warning at its place; the PDF is made
python3 -c "import sys; open(sys.argv[1], 'w').write('<?xml version=\"1.0\"?>\n<timeline version=\"1\">\n<title>t</title>\n<event when=\"2000\"><p>ab ก' + '\u0e48' * 2000 + ' ก' + '\u200d' * 40 + '</p></event>\n</timeline>\n')" "$tmp/cluster.xml"
"$bin" -q "$tmp/cluster.xml" -o "$tmp/cluster.pdf" 2> "$tmp/cluster.err"; st=$?
[ $st -eq 0 ] && [ "$(cat "$tmp/cluster.err")" = "$tmp/cluster.xml:4:26: warning: more than 30 combining characters in a row: shaped in pieces" ] &&
    qpdf --check "$tmp/cluster.pdf" > /dev/null 2>&1 \
	&& ok || no "a long cluster: status $st, $(cat "$tmp/cluster.err")"

# 19. lines so tall that a page holds one (a continued event's date line
# and one more overflow it): every page still takes a line, the run ends
sed 's/size="12pt" leading="1.5"/size="12pt" leading="430pt"/' styles/briefing.xml > "$tmp/tall.xml"
timeout 120 "$bin" --example -q --style "$tmp/tall.xml" -o "$tmp/tall.pdf" 2> "$tmp/tall.err"; st=$?
n=$(pdfinfo "$tmp/tall.pdf" 2> /dev/null | sed -n 's/^Pages: *//p')
[ $st -eq 0 ] && [ "${n:-0}" -gt 20 ] && [ "${n:-0}" -lt 400 ] \
	&& ok || no "430pt lines: status $st, ${n:-no} pages, $(head -c 300 "$tmp/tall.err")"

# 20. limits (briefing(1), LIMITS): files included, events, a file's size,
# all the files together; an include cycle is named as one
mkdir "$tmp/lim"
for i in 0 1 2 3 4 5 6; do
	if [ $i = 6 ]; then echo '<event when="2000"><p>x</p></event>' > "$tmp/lim/f6.xml"
	else
		{ printf '<timeline xmlns:xi="http://www.w3.org/2001/XInclude">'
		  for k in 0 1 2 3 4 5 6 7 8 9; do printf '<xi:include href="f%d.xml"/>' $((i + 1)); done
		  echo '</timeline>'; } > "$tmp/lim/f$i.xml"
	fi
done
inc() { printf '<?xml version="1.0"?>\n<timeline version="1" xmlns:xi="http://www.w3.org/2001/XInclude">\n<title>t</title>\n%s\n</timeline>\n' "$1"; }
inc '<xi:include href="f0.xml"/>' > "$tmp/lim/doc.xml"
timeout 60 "$bin" --check "$tmp/lim/doc.xml" > "$tmp/lim.err" 2>&1; st=$?
[ $st -eq 1 ] && grep -q ": error: over a limit: more than 1,000 files included in a document$" "$tmp/lim.err" \
	&& ok || no "1,000,000 events by includes: status $st, $(head -c 300 "$tmp/lim.err")"
python3 -c "import sys; open(sys.argv[1], 'w').write('<timeline>' + '<event when=\"2000\"><p>x</p></event>' * 1000 + '</timeline>')" "$tmp/lim/k.xml"
inc "$(printf '<xi:include href="k.xml"/>%.0s' $(seq 101))" > "$tmp/lim/events.xml"
timeout 60 "$bin" --check "$tmp/lim/events.xml" > "$tmp/lim.err" 2>&1; st=$?
[ $st -eq 1 ] && [ "$(grep -c ': error: ' "$tmp/lim.err")" = 1 ] &&
    grep -q "k.xml:1:[0-9]*: error: over a limit: more than 100,000 events in a document$" "$tmp/lim.err" \
	&& ok || no "101,000 events: status $st, $(head -c 300 "$tmp/lim.err")"
truncate -s 65M "$tmp/lim/big.xml"
timeout 60 "$bin" --check "$tmp/lim/big.xml" > "$tmp/lim.err" 2>&1; st=$?
[ $st -eq 1 ] && grep -q "big.xml: error: over a limit: larger than 64 MiB, the most a file may be$" "$tmp/lim.err" \
	&& ok || no "a 65 MiB input: status $st, $(head -c 300 "$tmp/lim.err")"
for k in 1 2 3 4 5; do truncate -s 60M "$tmp/lim/z$k.xml"; done
inc '<xi:include href="z1.xml"/><xi:include href="z2.xml"/><xi:include href="z3.xml"/><xi:include href="z4.xml"/><xi:include href="z5.xml"/>' > "$tmp/lim/zs.xml"
timeout 60 "$bin" --check "$tmp/lim/zs.xml" > "$tmp/lim.err" 2>&1; st=$?
grep -q 'zs.xml:4:[0-9]*: error: over a limit: "[^"]*z5.xml": more than 256 MiB to read for a document$' "$tmp/lim.err" \
	&& [ $st -eq 1 ] && ok || no "5 x 60 MiB of includes: status $st, $(head -c 300 "$tmp/lim.err")"
rm -f "$tmp"/lim/z*.xml "$tmp/lim/big.xml"
printf '<timeline xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="a.xml"/></timeline>\n' > "$tmp/lim/b.xml"
printf '<timeline xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="b.xml"/></timeline>\n' > "$tmp/lim/a.xml"
inc '<xi:include href="a.xml"/>' > "$tmp/lim/cycle.xml"
"$bin" --check "$tmp/lim/cycle.xml" > "$tmp/lim.err" 2>&1; st=$?
[ $st -eq 1 ] && grep -q 'b.xml:1:[0-9]*: error: XInclude refused: "[^"]*a.xml" is being read already: the includes form a cycle$' "$tmp/lim.err" \
	&& ok || no "an include cycle: status $st, $(cat "$tmp/lim.err")"

# 21. the XML reader's own limits, in the words of briefing(1)
python3 -c "import sys; h = '<?xml version=\"1.0\"?>\n<timeline version=\"1\">\n<title>t</title>\n<event when=\"2000\"'; \
open(sys.argv[1], 'w').write(h + '><p>' + 'x' * 10000100 + '</p></event>\n</timeline>\n'); \
open(sys.argv[2], 'w').write(h + ' label=\"' + 'x' * 10000100 + '\"><p>x</p></event>\n</timeline>\n'); \
open(sys.argv[3], 'w').write(h + '><p>' + '<em>' * 300 + 'x' + '</em>' * 300 + '</p></event>\n</timeline>\n')" \
    "$tmp/lim/text.xml" "$tmp/lim/attr.xml" "$tmp/lim/deep.xml"
for f in "text:a text of more than 10,000,000 bytes" \
    "attr:(an attribute value|a tag or a value) of more than 10,000,000 bytes" \
    "deep:elements nested more than 256 deep"; do
	"$bin" --check "$tmp/lim/${f%%:*}.xml" > "$tmp/lim.err" 2>&1; st=$?
	[ $st -eq 1 ] && grep -Eq "${f%%:*}.xml:4:[0-9]*: error: over a limit: ${f#*:}$" "$tmp/lim.err" &&
	    ! grep -q XML_PARSE "$tmp/lim.err" \
		&& ok || no "${f%%:*}: status $st, $(head -c 300 "$tmp/lim.err")"
done
rm -f "$tmp/lim/text.xml" "$tmp/lim/attr.xml"

# 22. a home folder that does not exist is not made for the font cache
HOME="$tmp/nohome" XDG_CACHE_HOME= "$bin" --example -q -o "$tmp/nohome.pdf"; st=$?
[ $st -eq 0 ] && [ ! -e "$tmp/nohome" ] && ok || no "HOME that does not exist: status $st, made: $(ls -d "$tmp/nohome" 2>&1)"

# 23. the font cache heals: a project font overwritten in place with a
# damaged copy (its folder unchanged) makes the cache unusable, the font is
# named in a warning and not used, and no cache naming it is written
mkdir "$tmp/heal" "$tmp/heal-fonts"
cp "$fc/fonts/Laksaman.ttf" "$tmp/heal-fonts/"
touch -r "$tmp/heal-fonts" "$tmp/heal.time"
heal() {
	XDG_CACHE_HOME="$tmp/heal" BRIEFING_FONTS="$tmp/heal-fonts" BRIEFING_TIMING=1 \
	    "$bin" --example -q -o "$tmp/heal-$1.pdf" 2> "$tmp/heal-$1.err"
}
heal 1 && heal 2 && grep -q "font cache: used" "$tmp/heal-2.err" \
	&& ok || no "a project font cached: $(grep cache "$tmp/heal-2.err")"
cat "$tmp/badfonts/Laksaman.ttf" > "$tmp/heal-fonts/Laksaman.ttf"
touch -m -r "$tmp/heal.time" "$tmp/heal-fonts"
heal 3; st3=$?
heal 4; st4=$?
[ $st3$st4 = 00 ] && grep -q "font cache: not usable" "$tmp/heal-3.err" &&
    grep -q "warning: cannot load font: .*heal-fonts/Laksaman.ttf:0: .*; not used" "$tmp/heal-3.err" &&
    ! grep -q "font cache: written" "$tmp/heal-3.err" &&
    ! grep -q "font cache: used" "$tmp/heal-4.err" &&
    grep -q "warning: cannot load font: .*heal-fonts/Laksaman.ttf" "$tmp/heal-4.err" \
	&& ok || no "a damaged cached font: status $st3$st4, $(cat "$tmp/heal-3.err" "$tmp/heal-4.err" | grep -v timing: | head -5; grep cache "$tmp/heal-3.err" "$tmp/heal-4.err")"

# 24. out of memory (ulimit -v) at many points of a run: it succeeds, or
# says "out of memory" alone and exits 3, leaving no file; a sanitizer
# build, which cannot start under a small limit, skips this
if (ulimit -v 300000 && "$bin" --version > /dev/null 2>&1); then
	bad=
	for v in 14 16 18 20 22 24 26 28 30 34 38 42 46 50 60; do
		for what in check render; do
			rm -f "$tmp/oom.pdf"
			if [ $what = check ]; then
				(ulimit -v $((v * 1024)) && "$bin" --check "$tmp/long.xml") > "$tmp/oom.err" 2>&1
			else
				(ulimit -v $((v * 1024)) && "$bin" -q "$tmp/long.xml" -o "$tmp/oom.pdf") > "$tmp/oom.err" 2>&1
			fi
			st=$?
			case $st:$(cat "$tmp/oom.err") in
			0:) ;;
			"3:briefing: error: out of memory") [ ! -e "$tmp/oom.pdf" ] || bad="$bad $what@${v}M:file" ;;
			127:*"error while loading shared libraries"*) ;;	# not even started
			*) bad="$bad $what@${v}M:$st:$(head -c 200 "$tmp/oom.err")" ;;
			esac
		done
	done
	ls "$tmp" | grep -q 'oom.pdf.tmp' && bad="$bad temporary-file"
	[ -z "$bad" ] && ok || no "out of memory:$bad"
else
	echo "e2e: out of memory under ulimit -v: skipped (this build cannot start under it)"
fi

# 25. faults of the system: a full file system (a small tmpfs, where one
# can be mounted), a folder and a file the user may not write or read (as
# an unprivileged user: root may do anything), two runs writing the same
# output at once; each failure is a system error (3) naming the file, the
# old output stays whole, nothing is left behind
if mkdir "$tmp/full" && mount -t tmpfs -o size=256k tmpfs "$tmp/full" 2> /dev/null; then
	head -c 100000 /dev/zero > "$tmp/full/old.pdf"
	cp "$tmp/full/old.pdf" "$tmp/full-old.pdf"
	"$bin" -q "$tmp/long.xml" -o "$tmp/full/old.pdf" 2> "$tmp/full.err"; st=$?
	left=$(ls -A "$tmp/full")
	umount "$tmp/full"
	[ $st -eq 3 ] && grep -q "full/old.pdf: error: cannot access file: .*No space left on device" "$tmp/full.err" &&
	    [ "$left" = old.pdf ] \
		&& ok || no "a full file system: status $st, left: $left, $(cat "$tmp/full.err")"
else
	echo "e2e: a full file system: skipped (no tmpfs can be mounted here)"
fi
"$bin" -q data/russia-dprk-timeline.xml -o /dev/full 2> "$tmp/devfull.err"; st=$?
[ $st -eq 3 ] && grep -q "^/dev/full: error: cannot access file: No space left on device" "$tmp/devfull.err" \
	&& ok || no "/dev/full: status $st, $(cat "$tmp/devfull.err")"
as_user=
if [ "$(id -u)" = 0 ]; then
	as_user="setpriv --reuid=nobody --regid=nogroup --clear-groups"
	$as_user true 2> /dev/null || as_user=none
fi
if [ "$as_user" != none ]; then
	mkdir "$tmp/perm" "$tmp/perm/ro"
	cp data/russia-dprk-timeline.xml "$tmp/perm/doc.xml"
	cp data/russia-dprk-timeline.xml "$tmp/perm/secret.xml"
	cp "$tmp/report.pdf" "$tmp/perm/ro/out.pdf"
	chmod 755 "$tmp" "$tmp/perm" && chmod 555 "$tmp/perm/ro" &&
	    chmod 644 "$tmp/perm/doc.xml" "$tmp/perm/ro/out.pdf" && chmod 600 "$tmp/perm/secret.xml"
	[ "$(id -u)" = 0 ] && chown -R nobody "$tmp/perm/ro" && chown root "$tmp/perm/ro"
	$as_user env HOME="$tmp/perm" "$bin" -q "$tmp/perm/doc.xml" -o "$tmp/perm/ro/out.pdf" 2> "$tmp/perm.err"; st=$?
	[ $st -eq 3 ] && grep -q "ro/out.pdf: error: cannot access file: .*Permission denied" "$tmp/perm.err" &&
	    cmp -s "$tmp/perm/ro/out.pdf" "$tmp/report.pdf" && [ "$(ls -A "$tmp/perm/ro")" = out.pdf ] \
		&& ok || no "a read-only folder: status $st, $(cat "$tmp/perm.err")"
	$as_user env HOME="$tmp/perm" "$bin" --check "$tmp/perm/secret.xml" 2> "$tmp/perm.err"; st=$?
	[ $st -eq 3 ] && grep -q "secret.xml: error: cannot access file: Permission denied" "$tmp/perm.err" \
		&& ok || no "an unreadable input: status $st, $(cat "$tmp/perm.err")"
	chmod 700 "$tmp"
else
	echo "e2e: permissions as an unprivileged user: skipped (no way to become one)"
fi
mkdir "$tmp/two"
"$bin" -q "$tmp/long.xml" -o "$tmp/two/out.pdf" 2> "$tmp/two1.err" & p1=$!
"$bin" -q data/russia-dprk-timeline.xml -o "$tmp/two/out.pdf" 2> "$tmp/two2.err" & p2=$!
wait $p1; s1=$?
wait $p2; s2=$?
[ $s1$s2 = 00 ] && [ "$(ls -A "$tmp/two")" = out.pdf ] &&
    { cmp -s "$tmp/two/out.pdf" "$tmp/long2.pdf" || cmp -s "$tmp/two/out.pdf" "$tmp/report.pdf"; } \
	&& ok || no "two writers at once: status $s1$s2, $(ls -A "$tmp/two"), $(cat "$tmp/two1.err" "$tmp/two2.err")"

# 26. quiet on success (-v says what was written); no input is a usage
# error that names --example; - reads standard input (XInclude from the
# current folder) and, without -o, writes standard output unless it is a
# terminal; several inputs with -O FOLDER, a broken one reported and the
# others written, the status the worst
"$bin" data/russia-dprk-timeline.xml -o "$tmp/quiet.pdf" > "$tmp/quiet.out" 2>&1; st=$?
[ $st -eq 0 ] && [ ! -s "$tmp/quiet.out" ] && ok || no "a success printed: $(cat "$tmp/quiet.out")"
"$bin" -v data/russia-dprk-timeline.xml -o "$tmp/quiet.pdf" 2> "$tmp/quiet.out"; st=$?
[ $st -eq 0 ] && [ "$(cat "$tmp/quiet.out")" = "briefing: wrote $tmp/quiet.pdf" ] \
	&& ok || no "-v: $(cat "$tmp/quiet.out")"
mkdir "$tmp/noin"
(cd "$tmp/noin" && "$bin" > ../noin.out 2>&1); st=$?
[ $st -eq 2 ] && [ -z "$(ls -A "$tmp/noin")" ] && grep -q -- "--example" "$tmp/noin.out" \
	&& ok || no "no input: status $st, $(cat "$tmp/noin.out")"
(cd tests/regress/reader/inc && "$bin" - < good.xml > "$tmp/stdin.pdf" 2> "$tmp/stdin.err"); st=$?
[ $st -eq 0 ] && pdftotext "$tmp/stdin.pdf" - | grep -q "รวมไฟล์" \
	&& ok || no "standard input to standard output: status $st, $(cat "$tmp/stdin.err")"
"$bin" - -o "$tmp/stdin2.pdf" < tests/regress/reader/bad-when.xml 2> "$tmp/stdin.err"; st=$?
[ $st -eq 1 ] && grep -q "^standard input:[0-9]*:[0-9]*: error: bad date in when" "$tmp/stdin.err" &&
    [ ! -e "$tmp/stdin2.pdf" ] && ok || no "a bad standard input: status $st, $(cat "$tmp/stdin.err")"
mkdir "$tmp/many"
"$bin" data/russia-dprk-timeline.xml tests/regress/reader/bad-when.xml \
    tests/regress/reader/inc/good.xml -O "$tmp/many" 2> "$tmp/many.err"; st=$?
[ $st -eq 1 ] && [ "$(ls "$tmp/many" | tr '\n' ' ')" = "good.pdf russia-dprk-timeline.pdf " ] &&
    cmp -s "$tmp/many/russia-dprk-timeline.pdf" "$tmp/report.pdf" &&
    grep -q "bad-when.xml:[0-9]*:[0-9]*: error: " "$tmp/many.err" \
	&& ok || no "three inputs, one broken: status $st, $(ls "$tmp/many"), $(cat "$tmp/many.err")"

# 27. --check does all a render does but writing: an unknown style, a bad
# style file, a character no font covers with --strict; several files
"$bin" --check --style nosuch data/russia-dprk-timeline.xml 2> "$tmp/chk.err"; st=$?
[ $st -eq 1 ] && grep -q 'unknown style "nosuch"' "$tmp/chk.err" \
	&& ok || no "--check with an unknown style: status $st, $(cat "$tmp/chk.err")"
"$bin" --check --style "$tmp/tall.xml" data/russia-dprk-timeline.xml 2> "$tmp/chk.err"; st=$?
[ $st -eq 0 ] && grep -q "russia-dprk-timeline.xml:[0-9]*:3: warning: an event's title and first lines are taller than a page" "$tmp/chk.err" \
	&& ok || no "--check with a keep that cannot fit: status $st, $(cat "$tmp/chk.err")"
"$bin" --check --style "$tmp/bad-style.xml" data/russia-dprk-timeline.xml 2> "$tmp/chk.err"; st=$?
[ $st -eq 1 ] && grep -q "bad-style.xml:[0-9]*:[0-9]*: error: bad style" "$tmp/chk.err" \
	&& ok || no "--check with a bad style: status $st, $(cat "$tmp/chk.err")"
printf '<?xml version="1.0"?>\n<timeline version="1">\n<title>t</title>\n<event when="2000"><p>x &#x10FFFD; y</p></event>\n</timeline>\n' > "$tmp/uncov.xml"
"$bin" --check "$tmp/uncov.xml" 2> "$tmp/chk.err"; st=$?
"$bin" --check --strict "$tmp/uncov.xml" data/russia-dprk-timeline.xml 2> "$tmp/chk2.err"; st2=$?
[ $st -eq 0 ] && grep -q "uncov.xml:4:23: warning: no font covers character: U+10FFFD" "$tmp/chk.err" &&
    [ $st2 -eq 1 ] && grep -q "uncov.xml:4:23: error: no font covers character: U+10FFFD" "$tmp/chk2.err" \
	&& ok || no "--check and --strict: status $st $st2, $(cat "$tmp/chk.err" "$tmp/chk2.err")"

# 28. --depfile: a make rule naming the input, what it includes, the style
# file, the word list and the fonts; with it, make rebuilds only what a
# change touches
mkdir "$tmp/mk" "$tmp/mk/sub"
cp tests/regress/reader/inc/good.xml "$tmp/mk/a.xml"
cp tests/regress/reader/inc/sub/event.xml "$tmp/mk/sub/event.xml"
cp data/russia-dprk-timeline.xml "$tmp/mk/b.xml"
cp styles/briefing.xml "$tmp/mk/style.xml"
printf 'คิม จองอึน\n' > "$tmp/mk/words.txt"
printf 'all: a.pdf b.pdf\n%%.pdf: %%.xml\n\t@echo made $@\n\t@"$(BIN)" -s ./style.xml --words words.txt $< -o $@ --depfile $*.d\n-include a.d b.d\n' \
    > "$tmp/mk/Makefile"
(cd "$tmp/mk" && env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make -s --no-print-directory BIN="$bin" > ../mk1.out 2>&1); st1=$?
head -n 1 "$tmp/mk/a.d" | grep -q "^a.pdf: a.xml sub/event.xml ./style.xml words.txt" &&
    grep -q "Laksaman.ttf" "$tmp/mk/a.d" && [ $st1 -eq 0 ] \
	&& ok || no "--depfile: status $st1, $(cat "$tmp/mk/a.d" "$tmp/mk1.out")"
# a changed file gets a time ahead of the outputs', whatever the clock's
# grain (make's warning about it goes to standard error, not compared)
touch -d "@$(($(date +%s) + 5))" "$tmp/mk/sub/event.xml"
(cd "$tmp/mk" && env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make -s --no-print-directory BIN="$bin" > ../mk2.out 2> /dev/null); st2=$?
touch -d "@$(($(date +%s) + 10))" "$tmp/mk/style.xml"
(cd "$tmp/mk" && env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make -s --no-print-directory BIN="$bin" > ../mk3.out 2> /dev/null); st3=$?
[ $st2$st3 = 00 ] && [ "$(cat "$tmp/mk2.out")" = "made a.pdf" ] &&
    [ "$(sort "$tmp/mk3.out" | tr '\n' ' ')" = "made a.pdf made b.pdf " ] \
	&& ok || no "make with depfiles: $st2$st3, after an include changed: $(cat "$tmp/mk2.out"); after the style: $(cat "$tmp/mk3.out")"

# 29. messages about a label's or a classification's text have positions
printf '<?xml version="1.0"?>\n<timeline version="1">\n<title>t</title>\n<meta>\n  <classification>ลับ &#x10FFFD;</classification>\n</meta>\n<event when="2000" label="ปี &#x10FFFE; 2000"><p>x</p></event>\n</timeline>\n' > "$tmp/lab.xml"
"$bin" --check "$tmp/lab.xml" 2> "$tmp/lab.err"; st=$?
[ $st -eq 0 ] && grep -q "lab.xml:7:30: warning: no font covers character: U+10FFFE" "$tmp/lab.err" &&
    grep -q "lab.xml:5:23: warning: no font covers character: U+10FFFD" "$tmp/lab.err" &&
    ! grep -q "^briefing: warning" "$tmp/lab.err" \
	&& ok || no "positions of label and classification text: status $st, $(cat "$tmp/lab.err")"

# 30. a batch on two threads makes the same bytes as one run a document;
# on a terminal a line of progress is shown, then taken away
mkdir "$tmp/jobs"
for k in 1 2 3 4 5; do cp data/russia-dprk-timeline.xml "$tmp/jobs/d$k.xml"; done
cp "$tmp/long.xml" "$tmp/jobs/long.xml"
"$bin" -j 2 "$tmp"/jobs/*.xml -O "$tmp/jobs" 2> "$tmp/jobs.err"; st=$?
same=yes
for k in 1 2 3 4 5; do cmp -s "$tmp/jobs/d$k.pdf" "$tmp/report.pdf" || same=no; done
cmp -s "$tmp/jobs/long.pdf" "$tmp/long2.pdf" || same=no
[ $st -eq 0 ] && [ $same = yes ] && [ ! -s "$tmp/jobs.err" ] \
	&& ok || no "-j 2: status $st, same bytes: $same, $(cat "$tmp/jobs.err")"
"$bin" -j 0 "$tmp"/jobs/d1.xml > /dev/null 2>&1; st=$?
[ $st -eq 2 ] && ok || no "-j 0: status $st, expected 2"
if command -v script > /dev/null; then
	script -qec "\"$bin\" -j 2 $tmp/jobs/d1.xml $tmp/jobs/d2.xml -O $tmp/jobs" /dev/null \
	    > "$tmp/pty.out" 2>&1
	grep -q "briefing: 2 of 2 documents, 4 pages" "$tmp/pty.out" &&
	    [ "$(tail -c 4 "$tmp/pty.out" | od -An -c | tr -d ' ')" = "\r033[K" ] \
		&& ok || no "progress on a terminal: $(od -c "$tmp/pty.out" | tail -3)"
fi

# 31. numbered copies: one layout, a PDF a copy with its number and
# recipient on every page and in the document information
printf 'นายสมชาย ใจดี\n\nนางสาวสมหญิง รักชาติ\nพล.อ. ประยุทธ์\n' > "$tmp/rec.txt"
mkdir "$tmp/copies"
"$bin" "$tmp/long.xml" --recipients "$tmp/rec.txt" -o "$tmp/copies/brief-{n}.pdf" 2> "$tmp/copies.err"; st=$?
bad=
pages=$(pdfinfo "$tmp/long2.pdf" | sed -n 's/^Pages: *//p')
k=0
for name in "นายสมชาย ใจดี" "นางสาวสมหญิง รักชาติ" "พล.อ. ประยุทธ์"; do
	k=$((k + 1))
	f="$tmp/copies/brief-$k.pdf"
	marks=$(pdftotext "$f" - 2> /dev/null | tr -d '\f' | grep -c "^ฉบับที่ $k / 3  *$name\$")
	[ "$marks" = "$pages" ] || bad="$bad copy $k: $marks marks of $pages pages;"
	qpdf --show-object=trailer "$f" > /dev/null 2>&1 || bad="$bad copy $k unreadable;"
	info=$(qpdf --show-object="$(qpdf --show-object=trailer "$f" | sed -n 's/.*\/Info \([0-9]*\) 0 R.*/\1/p')" "$f" |
	    python3 -c "import sys, re; s = sys.stdin.read(); \
print(*(bytes.fromhex(re.search(r'/%s <feff([0-9a-f]+)>' % k, s, re.I).group(1)).decode('utf-16-be') for k in ('Copy', 'Recipient')), sep='|')")
	[ "$info" = "$k / 3|$name" ] || bad="$bad copy $k information: $info;"
done
[ $st -eq 0 ] && [ -z "$bad" ] && [ "$(ls "$tmp/copies" | wc -l)" = 3 ] \
	&& ok || no "numbered copies: status $st,$bad $(cat "$tmp/copies.err")"
"$bin" --example --copies 2 -o "$tmp/copies/x.pdf" 2> /dev/null; st=$?
"$bin" --example --copies 2 --recipients "$tmp/rec.txt" -o "$tmp/copies/y-{n}.pdf" 2> /dev/null; st2=$?
[ $st$st2 = 22 ] && [ ! -e "$tmp/copies/x.pdf" ] && [ ! -e "$tmp/copies/y-1.pdf" ] \
	&& ok || no "copies without {n}, or names and --copies that differ: status $st $st2"

# 32. a packet of three parts: a cover, one contents whose page numbers
# are the parts' and events' pages, each part from a new page with its
# own running head and banner, the highest classification on the cover
# and contents, bookmarks packet > part > decade > event, page labels
mkdir -p "$tmp/pk/parts/sub" "$tmp/pk/out"
cp data/russia-dprk-timeline.xml "$tmp/pk/parts/a.xml"
sed 's|<title>รวมไฟล์</title>|<title>รวมไฟล์</title><meta><classification>ลับมาก</classification></meta>|' \
    tests/regress/reader/inc/good.xml > "$tmp/pk/parts/b.xml"
cp tests/regress/reader/inc/sub/event.xml "$tmp/pk/parts/sub/event.xml"
printf '<?xml version="1.0"?>\n<timeline version="1">\n<title>ส่วนที่สาม</title>\n<meta><classification>ลับที่สุด</classification></meta>\n<event when="2001"><title>เหตุการณ์หนึ่ง</title><p>ข้อความ</p></event>\n</timeline>\n' > "$tmp/pk/parts/c.xml"
printf '<?xml version="1.0"?>\n<packet version="1">\n<title>ชุดเอกสารทดสอบ</title>\n<meta><classification>ลับ</classification><distribution>เฉพาะผู้บริหาร</distribution></meta>\n<note><p>บันทึกหน้าปก</p></note>\n<part href="parts/a.xml"/>\n<part href="parts/b.xml"/>\n<part href="parts/c.xml"/>\n</packet>\n' > "$tmp/pk/packet.xml"
"$bin" "$tmp/pk/packet.xml" -o "$tmp/pk/out/packet.pdf" 2> "$tmp/pk.err"; st=$?
python3 - "$tmp/pk/out/packet.pdf" > "$tmp/pk.check" 2>&1 << 'PY'
import json, re, subprocess, sys
pdf = sys.argv[1]
def text(p, layout=False):
    return subprocess.run(["pdftotext", "-f", str(p), "-l", str(p)] +
                          (["-layout"] if layout else []) + [pdf, "-"],
                          capture_output=True, text=True).stdout
j = json.loads(subprocess.run(["qpdf", "--json", "--json-key=outlines",
                               "--json-key=pagelabels", "--json-key=pages",
                               pdf], capture_output=True, text=True).stdout)
n = len(j["pages"])
bad = []
top = j["outlines"]
if len(top) != 1 or top[0]["title"] != "ชุดเอกสารทดสอบ":
    bad.append("top bookmark: %r" % [o["title"] for o in top])
parts = top[0]["kids"] if top else []
titles = ["ความสัมพันธ์ที่ซับซ้อนระหว่างรัสเซียและเกาหลีเหนือ: ไทม์ไลน์",
          "รวมไฟล์", "ส่วนที่สาม"]
if [o["title"] for o in parts] != titles:
    bad.append("part bookmarks: %r" % [o["title"] for o in parts])
first = [o["destpageposfrom1"] for o in parts]
for o in parts:
    if not o["kids"]:
        bad.append("no bookmarks under " + o["title"])
contents = text(2, True)
for t, p in zip(titles, first):
    m = re.search(re.escape(t[:20]) + r".*?(\d+)\s*$", contents, re.M)
    if not m or int(m.group(1)) != p:
        bad.append("contents: %s -> %s, its page is %d" % (t[:20], m and m.group(1), p))
    if t[:20] not in text(p):
        bad.append("%s not on page %d" % (t[:20], p))
for p in range(1, n + 1):
    t = text(p)
    part = max([k for k, f in enumerate(first) if f <= p], default=-1)
    want = ["ลับที่สุด", None, "ลับมาก", "ลับที่สุด"][part + 1]
    have = t.strip().splitlines()[0] if t.strip() else ""
    if want is None and have in ("ลับ", "ลับมาก", "ลับที่สุด"):
        bad.append("page %d has a banner %s" % (p, have))
    if want is not None and have != want:
        bad.append("page %d: banner %r, want %r" % (p, have, want))
labels = [(l["index"], l["label"].get("/S"), l["label"].get("/P")) for l in j["pagelabels"]]
# the pages print 1, 2 ... on through the packet: a viewer's own numbers
# say the same, no label is needed
want = []
if labels != want:
    bad.append("page labels %r, want %r" % (labels, want))
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
pst=$?
pdftotext -f 1 -l 1 "$tmp/pk/out/packet.pdf" - | grep -q "เฉพาะผู้บริหาร" && dist=yes || dist=no
[ $st -eq 0 ] && [ $pst -eq 0 ] && [ $dist = yes ] \
	&& ok || no "a packet: status $st, distribution note: $dist, $(cat "$tmp/pk.err" "$tmp/pk.check")"
# refused: a part outside the packet's folder, a part that is a packet,
# a packet without parts
printf '<?xml version="1.0"?>\n<packet version="1">\n<title>t</title>\n<part href="../report.xml"/>\n</packet>\n' > "$tmp/pk/out.xml"
cp data/russia-dprk-timeline.xml "$tmp/report.xml"
"$bin" --check "$tmp/pk/out.xml" 2> "$tmp/pk.err"; st=$?
[ $st -eq 1 ] && grep -q 'out.xml:4:1: error: part refused: "../report.xml" is outside the input.s folder' "$tmp/pk.err" \
	&& ok || no "a part outside the folder: status $st, $(cat "$tmp/pk.err")"
printf '<?xml version="1.0"?>\n<packet version="1">\n<title>t</title>\n<part href="packet.xml"/>\n</packet>\n' > "$tmp/pk/self.xml"
"$bin" --check "$tmp/pk/self.xml" 2> "$tmp/pk.err"; st=$?
[ $st -eq 1 ] && grep -q 'packet.xml:2:1: error: unknown element: <packet> in <document>: expected <timeline> or a feed (Atom 1.0 <feed>, RSS 2.0 <rss>, xCal <icalendar>) (a part is not a packet)' "$tmp/pk.err" \
	&& ok || no "a part that is a packet: status $st, $(cat "$tmp/pk.err")"
printf '<?xml version="1.0"?>\n<packet version="1">\n<title>t</title>\n</packet>\n' > "$tmp/pk/none.xml"
"$bin" --check "$tmp/pk/none.xml" 2> "$tmp/pk.err"; st=$?
[ $st -eq 1 ] && grep -q "none.xml:[0-9]*:[0-9]*: error: invalid document" "$tmp/pk.err" \
	&& ok || no "a packet without parts: status $st, $(cat "$tmp/pk.err")"

# 33. the document's language and its title in the viewer's window
cat_of() { qpdf --show-object="$(qpdf --show-object=trailer "$1" | sed -n 's/.*\/Root \([0-9]*\) 0 R.*/\1/p')" "$1"; }
cat_of "$tmp/report.pdf" > "$tmp/cat.txt"
sed 's/<timeline version="1" xml:lang="th">/<timeline version="1" xml:lang="en">/' data/russia-dprk-timeline.xml > "$tmp/en.xml"
"$bin" -q "$tmp/en.xml" -o "$tmp/en.pdf" && cat_of "$tmp/en.pdf" > "$tmp/cat-en.txt"
grep -q "/Lang (th)" "$tmp/cat.txt" && grep -q "/Lang (en)" "$tmp/cat-en.txt" &&
    grep -q "/ViewerPreferences << /DisplayDocTitle true >>" "$tmp/cat.txt" \
	&& ok || no "catalog: $(cat "$tmp/cat.txt" "$tmp/cat-en.txt")"

# 34. a link to "#id" jumps to that event; to an id no event has, an error
printf '<?xml version="1.0"?>\n<timeline version="1">\n<title>t</title>\n<event when="1950" id="war"><title>สงคราม</title><p>เริ่ม</p></event>\n<event when="2000"><p>ดู <a href="#war">สงคราม</a></p></event>\n</timeline>\n' > "$tmp/il.xml"
"$bin" -q "$tmp/il.xml" -o "$tmp/il.pdf" 2> "$tmp/il.err"; st=$?
qpdf --qdf --object-streams=disable "$tmp/il.pdf" "$tmp/il.qdf" 2> /dev/null
grep -aq "/Dest \[" "$tmp/il.qdf" && ! grep -aq "/URI" "$tmp/il.qdf" && [ $st -eq 0 ] \
	&& ok || no "a link to #war: status $st, $(cat "$tmp/il.err")"
sed 's/#war/#peace/' "$tmp/il.xml" > "$tmp/il2.xml"
"$bin" -q "$tmp/il2.xml" -o "$tmp/il2.pdf" 2> "$tmp/il.err"; st=$?
[ $st -eq 1 ] && [ ! -e "$tmp/il2.pdf" ] &&
    grep -q 'il2.xml:5:[0-9]*: error: invalid document: href "#peace": no event has this id' "$tmp/il.err" \
	&& ok || no "a link to a missing id: status $st, $(cat "$tmp/il.err")"

# 35. PDF/A-1b: PDFBox Preflight finds every shipped style (with contents),
# a classified document, a packet, numbered copies and a watermark (drawn
# opaque: PDF/A-1 has no transparency) valid; a-2u carries its part and
# conformance in an XMP that agrees with the document information
cp=/usr/share/java/preflight.jar:/usr/share/java/pdfbox2.jar:/usr/share/java/fontbox2.jar:/usr/share/java/xmpbox.jar:/usr/share/java/commons-logging.jar:/usr/share/java/javax.activation.jar:/usr/share/java/jaxb-api.jar
if command -v java > /dev/null && [ -f /usr/share/java/preflight.jar ]; then
	mkdir "$tmp/pdfa"
	for st in briefing official letter; do
		"$bin" --example --toc -s $st --pdf-standard a-1b -o "$tmp/pdfa/$st.pdf"
	done
	"$bin" tests/regress/layout/classified.xml --pdf-standard a-1b -o "$tmp/pdfa/classified.pdf"
	"$bin" "$tmp/pk/packet.xml" --pdf-standard a-1b -o "$tmp/pdfa/packet.pdf"
	"$bin" --example --pdf-standard a-1b --copies 2 -o "$tmp/pdfa/copy-{n}.pdf"
	sed 's|<contents show="no"/>|<contents show="no"/><watermark text="ร่าง"/>|' styles/briefing.xml > "$tmp/wm.xml"
	"$bin" --example -s "$tmp/wm.xml" --pdf-standard a-1b -o "$tmp/pdfa/watermark.pdf"
	bad=
	for f in "$tmp"/pdfa/*.pdf; do
		java -cp "$cp" org.apache.pdfbox.preflight.Validator_A1b "$f" > "$tmp/pf.out" 2>&1
		grep -q "is a valid PDF/A-1b file" "$tmp/pf.out" || bad="$bad $(basename "$f"): $(head -c 300 "$tmp/pf.out");"
	done
	[ "$(ls "$tmp/pdfa" | wc -l)" = 8 ] && [ -z "$bad" ] && ok || no "PDF/A-1b:$bad"
	java -cp "$cp" org.apache.pdfbox.preflight.Validator_A1b "$tmp/report.pdf" 2>&1 | grep -q "is not a valid" \
		&& ok || no "a plain PDF passes as PDF/A-1b: the validator checks nothing"
else
	no "PDF/A-1b: java or PDFBox Preflight is missing (tools/install-deps installs them)"
fi
"$bin" --example --pdf-standard a-2u -o "$tmp/a2u.pdf"
python3 - "$tmp/a2u.pdf" > "$tmp/xmp.check" 2>&1 << 'PY'
import re, subprocess, sys
import xml.etree.ElementTree as ET
pdf = sys.argv[1]
def obj(n):
    return subprocess.run(["qpdf", "--show-object=%s" % n, pdf], capture_output=True, text=True).stdout
trailer = obj("trailer")
root = re.search(r"/Root (\d+) 0 R", trailer).group(1)
info = obj(re.search(r"/Info (\d+) 0 R", trailer).group(1))
meta = re.search(r"/Metadata (\d+) 0 R", obj(root)).group(1)
xmp = subprocess.run(["qpdf", "--show-object=" + meta, "--raw-stream-data", pdf], capture_output=True).stdout
t = ET.fromstring(xmp[xmp.index(b"<x:xmpmeta"):xmp.index(b"</x:xmpmeta>") + 12])
ns = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "dc": "http://purl.org/dc/elements/1.1/",
      "pdfaid": "http://www.aiim.org/pdfa/ns/id/", "pdf": "http://ns.adobe.com/pdf/1.3/"}
bad = []
part = t.find(".//pdfaid:part", ns).text
conf = t.find(".//pdfaid:conformance", ns).text
if (part, conf) != ("2", "U"):
    bad.append("pdfaid %s %s" % (part, conf))
title = t.find(".//dc:title/rdf:Alt/rdf:li", ns).text
m = re.search(r"/Title <feff([0-9a-f]+)>", info, re.I)
if m is None or bytes.fromhex(m.group(1)).decode("utf-16-be") != title:
    bad.append("dc:title %r and /Title differ" % title)
if t.find(".//pdf:Producer", ns).text not in info:
    bad.append("pdf:Producer not the /Producer")
if b"/Filter" in subprocess.run(["qpdf", "--show-object=" + meta, pdf], capture_output=True).stdout:
    bad.append("the metadata stream is filtered")
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
[ $? -eq 0 ] && ok || no "PDF/A-2u metadata: $(cat "$tmp/xmp.check")"
"$bin" --example --pdf-standard a-3x -o "$tmp/a3.pdf" 2> /dev/null; st=$?
[ $st -eq 2 ] && [ ! -e "$tmp/a3.pdf" ] && ok || no "--pdf-standard a-3x: status $st, expected 2"

# 36. the page limit: 33,000 one-line events at one line a page
python3 -c "import sys; open(sys.argv[1], 'w').write('<?xml version=\"1.0\"?>\n<timeline version=\"1\">\n<title>t</title>\n' + '<event when=\"2000\"><p>x</p></event>\n' * 33000 + '</timeline>\n')" "$tmp/lim/pages.xml"
sed 's/size="12pt" leading="1.5"/size="12pt" leading="600pt"/; s|<font role="heading" size="18pt" bold="yes"/>|<font role="heading" size="18pt" leading="650pt" bold="yes"/>|' \
    styles/briefing.xml > "$tmp/lim/tall.xml"
"$bin" --check -s "$tmp/lim/tall.xml" "$tmp/lim/pages.xml" 2> "$tmp/lim.err"; st=$?
[ $st -eq 1 ] && grep -q "^briefing: error: over a limit: more than 32767 pages" "$tmp/lim.err" \
	&& ok || no "33,000 pages: status $st, $(head -c 300 "$tmp/lim.err")"

# 37. a named pipe where the font cache file is, and one among the
# project's fonts: neither is waited on, the run goes on without them
mkdir -p "$tmp/fifocache/briefing" "$tmp/fifofonts"
mkfifo "$tmp/fifocache/briefing/fonts.cache" "$tmp/fifofonts/Fifo.ttf"
XDG_CACHE_HOME="$tmp/fifocache" BRIEFING_FONTS="$tmp/fifofonts" BRIEFING_TIMING=1 \
    timeout 60 "$bin" --example -q -o "$tmp/fifo.pdf" 2> "$tmp/fifo.err"; st=$?
[ $st -eq 0 ] && grep -q "font cache: not usable" "$tmp/fifo.err" &&
    grep -q "font cache: not written: not a regular file" "$tmp/fifo.err" &&
    grep -q "warning: cannot load font: .*fifofonts/Fifo.ttf: not a regular file; the fonts of .*fifofonts are not used" "$tmp/fifo.err" &&
    [ -p "$tmp/fifocache/briefing/fonts.cache" ] \
	&& ok || no "named pipes for the cache and a font: status $st, $(cat "$tmp/fifo.err")"
# a feed read directly: an RSS file, newest item first and one with no
# date, becomes a PDF whose text has its items in the order of their
# times in Asia/Bangkok (23:30 in New York on the 5th is the 6th there),
# the undated one left out with a warning; the links of the items and of
# their HTML are links, the javascript: one is not
"$bin" tests/regress/feeds/rss.xml -o "$tmp/feed.pdf" 2> "$tmp/feed.err"; st=$?
pdftotext "$tmp/feed.pdf" "$tmp/feed.txt" 2> /dev/null
titles=$(grep -e '^สรุปข่าวคืนวันศุกร์$' -e '^Markets open & close higher$' \
    -e '^เช้าวันอาทิตย์: แถลงการณ์ร่วม$' -e '^ผู้นำสองประเทศพบกันที่วลาดีวอสตอค$' \
    -e 'Rumour' "$tmp/feed.txt" | tr '\n' '|')
days=$(grep -e '^[0-9] ธ.ค. 2026$' "$tmp/feed.txt" | tr '\n' '|')
qpdf --qdf --object-streams=disable "$tmp/feed.pdf" "$tmp/feed.qdf" 2> /dev/null
links=0
for u in 2026/12/04/night/ 2026/12/05/markets/ 2026/12/05/summit/ \
    tag/vladivostok/; do
	grep -a -q "/URI (https://news.example.org/$u)" "$tmp/feed.qdf" &&
	    links=$((links + 1))
done
[ $st -eq 0 ] && [ "$(head -1 "$tmp/feed.txt")" = "ข่าวต่างประเทศ – สำนักข่าวตัวอย่าง" ] &&
    [ "$titles" = "สรุปข่าวคืนวันศุกร์|Markets open & close higher|เช้าวันอาทิตย์: แถลงการณ์ร่วม|ผู้นำสองประเทศพบกันที่วลาดีวอสตอค|" ] &&
    [ "$days" = "5 ธ.ค. 2026|5 ธ.ค. 2026|6 ธ.ค. 2026|6 ธ.ค. 2026|" ] &&
    [ "$links" = 4 ] && ! grep -a -q javascript "$tmp/feed.qdf" &&
    [ "$(grep -c ': warning: ' "$tmp/feed.err")" = 2 ] &&
    grep -q 'rss.xml:51:2: warning: .*"Rumour without a date" has no date' "$tmp/feed.err" \
	&& ok || no "a feed to PDF: status $st, titles $titles, days $days, links $links, $(cat "$tmp/feed.err")"

# 38. --tz: the days of a feed counted in another zone
"$bin" --dump --tz America/New_York tests/regress/feeds/rss.xml 2> /dev/null | head -n 1 > "$tmp/tz.out"
"$bin" --dump --tz Nowhere/Atlantis tests/regress/feeds/rss.xml > /dev/null 2> "$tmp/tz.err"; st=$?
[ "$(cut -f 1,2 "$tmp/tz.out")" = "$(printf '2026-12-04T19:45:00-05:00\t4 ธันวาคม 2026')" ] && [ $st -ne 0 ] &&
    [ -s "$tmp/tz.err" ] && ok || no "--tz: $(cat "$tmp/tz.out" "$tmp/tz.err")"

# 39. includes nested more than 15 deep below the main file
mkdir "$tmp/deep"
for k in $(seq 1 20); do
	printf '<timeline xmlns:xi="http://www.w3.org/2001/XInclude"><event when="2000"><p>%d</p></event><xi:include href="i%d.xml"/></timeline>\n' $k $((k + 1)) > "$tmp/deep/i$k.xml"
done
printf '<?xml version="1.0"?>\n<timeline version="1" xmlns:xi="http://www.w3.org/2001/XInclude">\n<title>t</title>\n<xi:include href="i1.xml"/>\n</timeline>\n' > "$tmp/deep/doc.xml"
"$bin" --check "$tmp/deep/doc.xml" 2> "$tmp/deep.err"; st=$?
[ $st -eq 1 ] && grep -q 'i15.xml:1:[0-9]*: error: over a limit: "[^"]*i16.xml": includes nested more than 15 deep$' "$tmp/deep.err" \
	&& ok || no "includes 20 deep: status $st, $(head -c 400 "$tmp/deep.err")"

# 40. a packet in a two-sided style: each part starts on a right-hand
# (odd) page, a blank back left before it where needed
sed 's/mirror="no"/mirror="yes"/' styles/briefing.xml > "$tmp/mirror.xml"
"$bin" "$tmp/pk/packet.xml" -s "$tmp/mirror.xml" -o "$tmp/pk/mirror.pdf" 2> "$tmp/pk.err"; st=$?
starts=$(python3 -c "import json, subprocess, sys; \
j = json.loads(subprocess.run(['qpdf', '--json', '--json-key=outlines', sys.argv[1]], capture_output=True, text=True).stdout); \
print(' '.join(str(k['destpageposfrom1']) for k in j['outlines'][0]['kids']))" "$tmp/pk/mirror.pdf")
odd=yes
for p in $starts; do [ $((p % 2)) -eq 1 ] || odd=no; done
[ $st -eq 0 ] && [ "$(echo $starts | wc -w)" = 3 ] && [ $odd = yes ] \
	&& ok || no "a two-sided packet: status $st, parts from pages $starts"

# 41. a weekly briefing in one command: two news feeds (one from a pipe),
# the team's notes naming a calendar feed, the last seven days before the
# notes' date; the title is the notes' though a feed comes first, an item
# two feeds carry is printed once, the notes' own event replaces the feed
# item it cites, the markup of an item's HTML is not printed as text
m=tests/regress/merge
cat $m/wire.rss | "$bin" --merge --since 7d $m/world.atom - $m/notes.xml -o "$tmp/weekly.pdf" 2> "$tmp/weekly.err"; st=$?
pdftotext "$tmp/weekly.pdf" "$tmp/weekly.txt" 2> /dev/null
once=$(grep -c 'Shipping talks' "$tmp/weekly.txt")
gone=$(grep -c -e 'ประชุมเจรจาการเดินเรือ' -e 'Foreign ministers' -e "Last month's summit" -e track -e '<p>' -e '<strong>' "$tmp/weekly.txt")
[ $st -eq 0 ] && [ ! -s "$tmp/weekly.err" ] &&
    [ "$(head -1 "$tmp/weekly.txt")" = "สรุปเหตุการณ์ประจำสัปดาห์" ] &&
    [ "$once" = 1 ] && [ "$gone" = 0 ] &&
    grep -q 'ประชุมทีมประจำสัปดาห์' "$tmp/weekly.txt" &&
    grep -q 'บันทึกของทีม' "$tmp/weekly.txt" &&
    grep -q 'คณะผู้แทนถึงกรุงเปียงยางแล้ว' "$tmp/weekly.txt" \
	&& ok || no "a merged weekly briefing: status $st, shipping $once, gone $gone, $(cat "$tmp/weekly.err")"
# --title replaces the title of the inputs
"$bin" --merge --title 'ข่าวรอบสัปดาห์' --dump-layout $m/world.atom $m/notes.xml > "$tmp/weekly.lay" 2>&1
[ "$(grep -m1 ' title ' "$tmp/weekly.lay" | sed 's/.*"\(.*\)"/\1/')" = "ข่าวรอบสัปดาห์" ] \
	&& ok || no "--title: $(head -3 "$tmp/weekly.lay")"

# 42. selection: --tag (any of those given), --until a date, --since a
# number of weeks; without a date in the document, its day is
# SOURCE_DATE_EPOCH's in the document's zone (20:00 UTC is 03:00 the next
# day in Bangkok)
"$bin" --merge --dump --tag diplomacy --tag internal --until 2026-12-05 $m/notes.xml $m/world.atom $m/wire.rss 2>&1 | cut -f 2 > "$tmp/sel.out"
printf '1 ธันวาคม 2026\n3 ธันวาคม 2026\n5 ธันวาคม 2026\n' > "$tmp/sel.want"
"$bin" --dump --since 2w $m/notes.xml 2>&1 | cut -f 2 > "$tmp/sel2.out"
printf '1 ธันวาคม 2026\n3 ธันวาคม 2026\n6 ธันวาคม 2026\n' > "$tmp/sel2.want"
SOURCE_DATE_EPOCH=1796673600 "$bin" --dump --since 1d tests/regress/feeds/xcal.xml 2>/dev/null | cut -f 1 > "$tmp/sel3.out"
SOURCE_DATE_EPOCH=1796673600 "$bin" --dump --since 1d --tz UTC tests/regress/feeds/xcal.xml 2>/dev/null | cut -f 1 > "$tmp/sel4.out"
cmp -s "$tmp/sel.out" "$tmp/sel.want" && cmp -s "$tmp/sel2.out" "$tmp/sel2.want" &&
    [ "$(head -1 "$tmp/sel3.out")" = "2026-12-08/2026-12-09" ] &&
    [ "$(head -1 "$tmp/sel4.out")" != "2026-12-08/2026-12-09" ] && [ -s "$tmp/sel4.out" ] \
	&& ok || no "selection: $(cat "$tmp/sel.out" "$tmp/sel2.out" "$tmp/sel3.out" "$tmp/sel4.out")"

# 43. what cannot be merged or selected: a packet (exit 1), a bad bound,
# -O with --merge, an unknown zone (usage, exit 2); a feed a timeline
# names must be in its folder and must be a feed
"$bin" --merge --check "$tmp/pk/packet.xml" $m/notes.xml 2> "$tmp/mg1.err"; s1=$?
"$bin" --merge --check --since 7x $m/notes.xml 2> "$tmp/mg2.err"; s2=$?
"$bin" --merge -O "$tmp" $m/notes.xml $m/wire.rss 2> /dev/null; s3=$?
"$bin" --check --tz Nowhere/Atlantis $m/notes.xml 2> /dev/null; s4=$?
mkdir "$tmp/named" "$tmp/named/in"
cp $m/wire.rss "$tmp/named/wire.rss"
printf '<timeline version="1"><title>t</title><feed href="../wire.rss"/></timeline>\n' > "$tmp/named/in/a.xml"
printf '<timeline version="1"><title>t</title><feed href="c.xml"/></timeline>\n' > "$tmp/named/in/b.xml"
cp "$tmp/named/in/a.xml" "$tmp/named/in/c.xml"
"$bin" --check "$tmp/named/in/a.xml" 2> "$tmp/mg5.err"; s5=$?
"$bin" --check "$tmp/named/in/b.xml" 2> "$tmp/mg6.err"; s6=$?
[ $s1 -eq 1 ] && grep -q 'notes.xml: error: cannot merge: the first input is a packet' "$tmp/mg1.err" &&
    [ $s2 -eq 2 ] && grep -q '^briefing: error: --since: "7x": expected a date' "$tmp/mg2.err" &&
    [ $s3 -eq 2 ] && [ $s4 -eq 2 ] &&
    [ $s5 -eq 1 ] && grep -q 'a.xml:1:39: error: .*"../wire.rss" is outside the input'"'"'s folder' "$tmp/mg5.err" &&
    [ $s6 -eq 1 ] && grep -q 'c.xml:1:1: error: unknown element: <timeline> in <document>: expected a feed' "$tmp/mg6.err" \
	&& ok || no "refused merges: $s1 $s2 $s3 $s4 $s5 $s6 $(cat "$tmp"/mg?.err)"

# 44. a merge's depfile names every input and the feed the notes name
"$bin" --merge $m/notes.xml $m/world.atom -o "$tmp/mg.pdf" --depfile "$tmp/mg.d"; st=$?
[ $st -eq 0 ] && grep -q "^$tmp/mg.pdf: $m/notes.xml" "$tmp/mg.d" && grep -q "$m/cal.xml" "$tmp/mg.d" &&
    grep -q "$m/world.atom" "$tmp/mg.d" \
	&& ok || no "a merge's depfile: status $st, $(cat "$tmp/mg.d")"

# 45. two timelines merged: an event with an id the first has is left
# out; events without ids are all kept, in date order
mkdir "$tmp/ids"
printf '<timeline version="1"><title>first</title><event when="2001" id="a"><p>a1</p></event><event when="2003"><p>n1</p></event></timeline>\n' > "$tmp/ids/1.xml"
printf '<timeline version="1"><title>second</title><event when="2000" id="a"><p>a2</p></event><event when="2002"><p>n2</p></event></timeline>\n' > "$tmp/ids/2.xml"
"$bin" --merge --dump "$tmp/ids/1.xml" "$tmp/ids/2.xml" 2>&1 | cut -f 3 | tr '\n' ' ' > "$tmp/ids.out"
[ "$(cat "$tmp/ids.out")" = "a1 n2 n1 " ] && ok || no "ids in a merge: $(cat "$tmp/ids.out")"

# 46. a document without a date is dated the day of the run in its zone:
# 20:00 UTC on 7 December is the 8th in Bangkok, the 7th in UTC
{ printf '<timeline version="1"><title>t</title>'
  for i in $(seq 1 60); do printf '<event when="2026-12-01"><p>เหตุการณ์ที่ %d ในวันนั้น และคำอธิบายที่ยาวพอสมควร</p></event>' $i; done
  printf '</timeline>\n'; } > "$tmp/undated.xml"
bkk=$(SOURCE_DATE_EPOCH=1796673600 "$bin" --dump-layout "$tmp/undated.xml" | grep -m1 'running.*ธ.ค.')
utc=$(SOURCE_DATE_EPOCH=1796673600 "$bin" --tz UTC --dump-layout "$tmp/undated.xml" | grep -m1 'running.*ธ.ค.')
case "$bkk|$utc" in *'"8 ธ.ค. 2026"|'*'"7 ธ.ค. 2026"') ok ;; *) no "the day of the run: $bkk / $utc" ;; esac

# 47. a feed as a part of a packet: its entries are the part's events,
# its title the part's
mkdir "$tmp/fp"
cp $m/notes.xml $m/world.atom $m/cal.xml "$tmp/fp/"
printf '<packet version="1"><title>ชุดเอกสาร</title><part href="notes.xml"/><part href="world.atom"/></packet>\n' > "$tmp/fp/pk.xml"
"$bin" "$tmp/fp/pk.xml" -o "$tmp/fp/pk.pdf" 2> "$tmp/fp.err"; st=$?
pdftotext "$tmp/fp/pk.pdf" "$tmp/fp.txt" 2> /dev/null
[ $st -eq 0 ] && [ "$("$bin" --dump "$tmp/fp/pk.xml" | wc -l)" = 7 ] &&
    grep -q 'World Desk' "$tmp/fp.txt" && grep -q 'Foreign ministers meet in Moscow' "$tmp/fp.txt" \
	&& ok || no "a feed as a part: status $st, $(cat "$tmp/fp.err")"

# 48. scripts the main family lacks: in every shipped style, Lao, Khmer
# and Korean in a Thai paragraph are set at the size of the Thai on their
# line, as the PDF's text operators say (Tf; in the official style TH
# Sarabun is Laksaman at 0.66, and so are they), from faces made for them
# (Noto Sans Lao, not DejaVu Sans, which fontconfig sorts first and which
# has Lao too)
printf '<timeline version="1"><title>อักษร</title><event when="2024-01-01"><p>ภาษาไทย ພາສາລາວ ภาษาไทย ភាសាខ្មែរ ภาษาไทย (김정은) ภาษาไทย</p></event></timeline>\n' > "$tmp/fb.xml"
for s in briefing official letter; do
	"$bin" -q --style $s "$tmp/fb.xml" -o "$tmp/fb-$s.pdf" &&
	    qpdf --qdf --object-streams=disable "$tmp/fb-$s.pdf" "$tmp/fb-$s.qdf"
	r=$(python3 - "$tmp/fb-$s.qdf" <<'PY'
import re, sys
qdf = open(sys.argv[1], "rb").read().decode("latin-1")
base = {}                       # /Fn -> the face, its subset tag dropped
for name, num in re.findall(r"/(F\d+) (\d+) 0 R", qdf):
    m = re.search(r"\n%s 0 obj\n.*?/BaseFont /\w+\+([\w-]+)" % num, qdf, re.S)
    base[name] = m.group(1)
runs, line, font, size, at = [], None, None, None, False
for op in qdf.splitlines():     # a text object a piece: its line is its y
    if op == "BT":
        at = True
    elif op.endswith(" Td") and at:
        line, at = round(float(op.split()[1]), 2), False
    elif op.endswith(" Tf"):
        font, size = base[op.split()[0][1:]], float(op.split()[1])
    elif op.endswith("TJ"):
        runs.append((line, font, size))
fall = ("NotoSansLao", "NotoSansKhmer", "NanumGothic")
bad = [r for r in runs if r[1].startswith(fall) and
       {z for l, f, z in runs if l == r[0] and f == "Laksaman"} != {r[2]}]
used = {f for _, f, _ in runs}
print("ok" if not bad and {f + "-Regular" for f in fall[:2]} | {fall[2]}
      <= used and "DejaVuSans" not in used else
      "sizes %s, faces %s" % (bad or "right", sorted(used)))
PY
)
	[ "$r" = ok ] && ok || no "fallback scripts in the $s style: $r"
done
# 48. a restricted copy: AES-256 (R6), never RC4, with the permissions
# asked and no others taken; the owner password from a file, the user
# password from the environment; without the user password the text
# cannot be had, with it it is the plain PDF's; qpdf finds it clean
mkdir "$tmp/seal"
printf 'owner secret\n' > "$tmp/seal/owner"
BRIEF_PW='ผู้อ่าน 2026' "$bin" --example --owner-password-file "$tmp/seal/owner" \
    --user-password-env BRIEF_PW --no-print --no-copy -o "$tmp/seal/r.pdf" 2> "$tmp/seal/r.err"; st=$?
qpdf --show-encryption --password='ผู้อ่าน 2026' "$tmp/seal/r.pdf" > "$tmp/seal/r.enc" 2>&1
qpdf --show-encryption --password='owner secret' "$tmp/seal/r.pdf" > "$tmp/seal/r.own" 2>&1
pdftotext "$tmp/seal/r.pdf" "$tmp/seal/r0.txt" 2> /dev/null; nopw=$?
pdftotext -upw 'ผู้อ่าน 2026' "$tmp/seal/r.pdf" "$tmp/seal/r.txt" 2> "$tmp/seal/r.poppler"; pw=$?
[ $st -eq 0 ] && [ ! -s "$tmp/seal/r.err" ] &&
    grep -qx 'R = 6' "$tmp/seal/r.enc" &&
    [ "$(grep -c 'encryption method: AESv3$' "$tmp/seal/r.enc")" = 3 ] &&
    grep -qx 'print low resolution: not allowed' "$tmp/seal/r.enc" &&
    grep -qx 'print high resolution: not allowed' "$tmp/seal/r.enc" &&
    grep -qx 'extract for any purpose: not allowed' "$tmp/seal/r.enc" &&
    grep -qx 'extract for accessibility: allowed' "$tmp/seal/r.enc" &&
    grep -qx 'modify anything: allowed' "$tmp/seal/r.enc" &&
    grep -qx 'Supplied password is owner password' "$tmp/seal/r.own" \
	&& ok || no "a restricted copy: status $st, $(cat "$tmp/seal/r.err" "$tmp/seal/r.enc")"
[ $nopw -ne 0 ] && [ ! -s "$tmp/seal/r0.txt" ] && [ $pw -eq 0 ] && [ ! -s "$tmp/seal/r.poppler" ] &&
    cmp -s "$tmp/seal/r.txt" "$tmp/report.txt" \
	&& ok || no "pdftotext: without the password status $nopw, with it $pw, $(head -3 "$tmp/seal/r.poppler")"
qpdf --check --password='ผู้อ่าน 2026' "$tmp/seal/r.pdf" > "$tmp/seal/r.check" 2>&1 \
	&& ok || no "qpdf --check of a restricted copy: $(tail -5 "$tmp/seal/r.check")"
# with an owner password alone: anyone opens it; only copying is refused
"$bin" --example --owner-password 'owner secret' --no-copy -o "$tmp/seal/o.pdf"; st=$?
qpdf --show-encryption "$tmp/seal/o.pdf" > "$tmp/seal/o.enc" 2>&1
pdftotext "$tmp/seal/o.pdf" "$tmp/seal/o.txt" 2> /dev/null
[ $st -eq 0 ] && grep -qx 'R = 6' "$tmp/seal/o.enc" &&
    grep -qx 'print high resolution: allowed' "$tmp/seal/o.enc" &&
    grep -qx 'extract for any purpose: not allowed' "$tmp/seal/o.enc" &&
    cmp -s "$tmp/seal/o.txt" "$tmp/report.txt" && qpdf --check "$tmp/seal/o.pdf" > /dev/null 2>&1 \
	&& ok || no "an owner password alone: status $st, $(cat "$tmp/seal/o.enc")"

# 49. reproducible: with SOURCE_DATE_EPOCH (set above) an encrypted PDF is
# the same bytes each run, a second later and from another folder too (its
# key, salts and vectors derived from the passwords and the content), and
# still AES-256 R6 with the permissions asked, clean, its text closed
# without the user password and the plain PDF's with it; another owner or
# user password, or another document, other bytes.  Without it, an
# encrypted PDF is new bytes each run (a random key), but decrypted, two
# runs are the same bytes (the document has its date).  A linearized one
# is the same bytes each run, passes qpdf's linearization check and holds
# the plain PDF's text; linearized and encrypted together, reproducible
# too; a linearized PDF/A-1b stays valid (a line end before each
# endstream)
"$bin" --example --owner-password 'owner secret' --user-password u --no-print -o "$tmp/seal/s1.pdf"; st=$?
sleep 1	# (an ID or a key made from the time would differ now)
(cd "$tmp/seal" && "$bin" --example --owner-password 'owner secret' --user-password u --no-print -o s2.pdf)
qpdf --show-encryption --password=u "$tmp/seal/s1.pdf" > "$tmp/seal/s.enc" 2>&1
pdftotext "$tmp/seal/s1.pdf" "$tmp/seal/s0.txt" 2> /dev/null; nopw=$?
pdftotext -upw u "$tmp/seal/s1.pdf" "$tmp/seal/s.txt" 2> /dev/null; pw=$?
[ $st -eq 0 ] && cmp -s "$tmp/seal/s1.pdf" "$tmp/seal/s2.pdf" &&
    grep -qx 'R = 6' "$tmp/seal/s.enc" &&
    [ "$(grep -c 'encryption method: AESv3$' "$tmp/seal/s.enc")" = 3 ] &&
    grep -qx 'print high resolution: not allowed' "$tmp/seal/s.enc" &&
    grep -qx 'extract for any purpose: allowed' "$tmp/seal/s.enc" &&
    qpdf --check --password=u "$tmp/seal/s1.pdf" > /dev/null 2>&1 &&
    [ $nopw -ne 0 ] && [ ! -s "$tmp/seal/s0.txt" ] && [ $pw -eq 0 ] &&
    cmp -s "$tmp/seal/s.txt" "$tmp/report.txt" \
	&& ok || no "reproducible encryption: status $st, same bytes: $(cmp "$tmp/seal/s1.pdf" "$tmp/seal/s2.pdf" 2>&1), without the password $nopw, with it $pw, $(cat "$tmp/seal/s.enc")"
"$bin" --example --owner-password 'owner secreT' --user-password u --no-print -o "$tmp/seal/s3.pdf"
"$bin" --example --owner-password 'owner secret' --user-password U --no-print -o "$tmp/seal/s4.pdf"
"$bin" --example --style letter --owner-password 'owner secret' --user-password u --no-print -o "$tmp/seal/s5.pdf"
bad=
for k in 3 4 5; do cmp -s "$tmp/seal/s1.pdf" "$tmp/seal/s$k.pdf" && bad="$bad s$k;"; done
[ -z "$bad" ] && [ -s "$tmp/seal/s5.pdf" ] && ok || no "other passwords or another document, the same bytes:$bad"
env -u SOURCE_DATE_EPOCH "$bin" --example --owner-password 'owner secret' --user-password u -o "$tmp/seal/e1.pdf"
env -u SOURCE_DATE_EPOCH "$bin" --example --owner-password 'owner secret' --user-password u -o "$tmp/seal/e2.pdf"
qpdf --password=u --decrypt --deterministic-id "$tmp/seal/e1.pdf" "$tmp/seal/d1.pdf" &&
    qpdf --password=u --decrypt --deterministic-id "$tmp/seal/e2.pdf" "$tmp/seal/d2.pdf" &&
    cmp -s "$tmp/seal/d1.pdf" "$tmp/seal/d2.pdf" && ! cmp -s "$tmp/seal/e1.pdf" "$tmp/seal/e2.pdf" \
	&& ok || no "encrypted runs without SOURCE_DATE_EPOCH: decrypted, not the same bytes (or the same bytes encrypted)"
"$bin" --example --linearize -o "$tmp/seal/l1.pdf"; st=$?
sleep 1	# (an ID made from the time, not the content, would differ now)
(cd "$tmp/seal" && "$bin" --example --linearize -o l2.pdf)
pdftotext "$tmp/seal/l1.pdf" "$tmp/seal/l.txt" 2> /dev/null
[ $st -eq 0 ] && cmp -s "$tmp/seal/l1.pdf" "$tmp/seal/l2.pdf" &&
    ! cmp -s "$tmp/seal/l1.pdf" "$tmp/report.pdf" && cmp -s "$tmp/seal/l.txt" "$tmp/report.txt" &&
    qpdf --check "$tmp/seal/l1.pdf" > /dev/null 2>&1 &&
    qpdf --check-linearization "$tmp/seal/l1.pdf" > "$tmp/seal/l.lin" 2>&1 &&
    grep -q 'no linearization errors' "$tmp/seal/l.lin" \
	&& ok || no "linearized: status $st, $(cat "$tmp/seal/l.lin")"
# (qpdf --check-linearization exits 0 on a PDF that is not linearized)
qpdf --check-linearization "$tmp/report.pdf" 2>&1 | grep -q 'no linearization errors' \
	&& no "a plain PDF passes as linearized: the check checks nothing" || ok
"$bin" --example --linearize --owner-password 'owner secret' --no-print -o "$tmp/seal/le.pdf"; st=$?
"$bin" --example --linearize --owner-password 'owner secret' --no-print -o "$tmp/seal/le2.pdf"
[ $st -eq 0 ] && qpdf --check-linearization "$tmp/seal/le.pdf" 2>&1 | grep -q 'no linearization errors' &&
    qpdf --check "$tmp/seal/le.pdf" > /dev/null 2>&1 && cmp -s "$tmp/seal/le.pdf" "$tmp/seal/le2.pdf" &&
    qpdf --show-encryption "$tmp/seal/le.pdf" 2>&1 | grep -qx 'print high resolution: not allowed' \
	&& ok || no "linearized and encrypted: status $st"
if command -v java > /dev/null && [ -f /usr/share/java/preflight.jar ]; then
	"$bin" --example --pdf-standard a-1b --linearize -o "$tmp/seal/la.pdf"
	java -cp "$cp" org.apache.pdfbox.preflight.Validator_A1b "$tmp/seal/la.pdf" > "$tmp/seal/la.out" 2>&1
	grep -q "is a valid PDF/A-1b file" "$tmp/seal/la.out" &&
	    qpdf --check-linearization "$tmp/seal/la.pdf" 2>&1 | grep -q 'no linearization errors' \
		&& ok || no "a linearized PDF/A-1b: $(head -c 300 "$tmp/seal/la.out")"
fi

# 50. numbered copies are each encrypted, with their marks, and each the
# same bytes at the next run, the two not alike; documents made on two
# threads too, each the same bytes as made alone
"$bin" --example --copies 2 --owner-password 'owner secret' --no-print -o "$tmp/seal/c-{n}.pdf" 2> "$tmp/seal/c.err"; st=$?
"$bin" --example --copies 2 --owner-password 'owner secret' --no-print -o "$tmp/seal/c2-{n}.pdf"
bad=
for k in 1 2; do
	qpdf --show-encryption "$tmp/seal/c-$k.pdf" 2>&1 | grep -qx 'print high resolution: not allowed' ||
	    bad="$bad copy $k not restricted;"
	pdftotext "$tmp/seal/c-$k.pdf" - 2> /dev/null | grep -q "^ฉบับที่ $k / 2" || bad="$bad copy $k unmarked;"
	cmp -s "$tmp/seal/c-$k.pdf" "$tmp/seal/c2-$k.pdf" || bad="$bad copy $k not the same bytes again;"
done
cmp -s "$tmp/seal/c-1.pdf" "$tmp/seal/c-2.pdf" && bad="$bad copies 1 and 2 the same bytes;"
[ $st -eq 0 ] && [ -z "$bad" ] && ok || no "encrypted copies: status $st,$bad $(cat "$tmp/seal/c.err")"
mkdir "$tmp/seal/jobs" "$tmp/seal/alone"
"$bin" -j 2 "$tmp"/jobs/d1.xml "$tmp"/jobs/d2.xml "$tmp"/jobs/long.xml -O "$tmp/seal/jobs" \
    --owner-password 'owner secret' --user-password u 2> "$tmp/seal/j.err"; st=$?
bad=
for f in d1 long; do
	"$bin" "$tmp/jobs/$f.xml" -o "$tmp/seal/alone/$f.pdf" --owner-password 'owner secret' --user-password u
done
for f in d1 d2 long; do
	qpdf --check --password=u "$tmp/seal/jobs/$f.pdf" > /dev/null 2>&1 || bad="$bad $f;"
	pdftotext "$tmp/seal/jobs/$f.pdf" /dev/null 2> /dev/null && bad="$bad $f opens without a password;"
done
cmp -s "$tmp/seal/jobs/d1.pdf" "$tmp/seal/alone/d1.pdf" || bad="$bad d1 not as alone;"
cmp -s "$tmp/seal/jobs/long.pdf" "$tmp/seal/alone/long.pdf" || bad="$bad long not as alone;"
[ $st -eq 0 ] && [ -z "$bad" ] && ok || no "encrypted on two threads: status $st,$bad $(cat "$tmp/seal/j.err")"

# 51. what is refused, a usage error (exit 2) with nothing written:
# encryption with PDF/A; a user password or a permission without an owner
# password; an empty password; one longer than 127 bytes; a variable not
# set; a proof sheet encrypted; a password file that is not there is a
# system error (3)
long=$(printf '%0128d' 0)
: > "$tmp/seal/empty"
bad=
for args in "--pdf-standard a-1b --owner-password x" "--no-print" "--no-copy" "--user-password u" \
    "--owner-password-file $tmp/seal/empty" "--owner-password x --user-password $long" \
    "--owner-password-env BRIEFING_NO_SUCH_VARIABLE"; do
	# shellcheck disable=SC2086
	"$bin" --example $args -o "$tmp/seal/x.pdf" 2> "$tmp/seal/x.err"; st=$?
	[ $st -eq 2 ] && [ ! -e "$tmp/seal/x.pdf" ] && [ "$(wc -l < "$tmp/seal/x.err")" = 1 ] ||
	    bad="$bad [$args] $st $(cat "$tmp/seal/x.err");"
done
"$bin" --example --pdf-standard a-2u --owner-password-file "$tmp/seal/owner" -o "$tmp/seal/x.pdf" 2> "$tmp/seal/x.err"
grep -q '^briefing: error: PDF/A forbids encryption' "$tmp/seal/x.err" || bad="$bad PDF/A: $(cat "$tmp/seal/x.err");"
"$bin" --proof 'ผู้นำ' --owner-password x -o "$tmp/seal/x.pdf" 2> /dev/null; st=$?
[ $st -eq 2 ] && [ ! -e "$tmp/seal/x.pdf" ] || bad="$bad proof: $st;"
"$bin" --example --owner-password-file "$tmp/seal/none" -o "$tmp/seal/x.pdf" 2> /dev/null; st=$?
[ $st -eq 3 ] && [ ! -e "$tmp/seal/x.pdf" ] || bad="$bad no password file: $st;"
[ -z "$bad" ] && ok || no "refused:$bad"

# 52. a style that cannot be read, in a batch as for one document: each
# document says so and the run exits 3 (it crashed once)
mkdir "$tmp/nostyle"
"$bin" -s "$tmp/no-such-style.xml" data/russia-dprk-timeline.xml "$tmp/long.xml" -O "$tmp/nostyle" \
    2> "$tmp/nostyle.err"; st=$?
[ $st -eq 3 ] && [ "$(grep -c 'no-such-style.xml: error: cannot access file' "$tmp/nostyle.err")" = 2 ] &&
    [ -z "$(ls "$tmp/nostyle")" ] && ok || no "a batch with no style: status $st, $(head -c 300 "$tmp/nostyle.err")"

echo "e2e: $pass passed, $fail failed"
[ $fail -eq 0 ]
