#!/bin/sh
# lines.sh - every shipped style (styles/*.xml) sets every golden document
# (tests/regress/layout/*.xml) and the default one, alone and with a word
# list that glues long words together (tests/regress/text/glue.txt): no
# line runs past the margin, none starts with what may not start a line
# (ๆ ฯ ะ ำ, a closing quote or bracket) or ends with an opening one, no
# justified line inside a paragraph stops short of the margin
# (tests/lines.awk).  The checker is tried first on a dump it must refuse.
# Usage: lines.sh BRIEFING
set -u
bin=${1:?usage: lines.sh BRIEFING}
export LC_ALL=C.UTF-8 SOURCE_DATE_EPOCH=1700000000
tmp=$(mktemp -d) || exit 3
trap 'rm -rf "$tmp"' EXIT
export XDG_CACHE_HOME="$tmp/cache"
pass=0 fail=0
ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL: $*"; }

# the checker catches each fault
for l in '  p  x=10.00 y=1 w=90.02 "ไทย"' '  p  x=10.00 y=1 w=20.00 "ๆ กัน"' \
    '  p  x=10.00 y=1 w=20.00 "” แล้ว"' '  p  x=10.00 y=1 w=20.00 "ว่า “"' \
    '  p  x=10.00 y=1 w=20.00 "ฯ"' '  p  x=10.00 y=1 w=20.00 "ำ"' \
    '  p  x=10.00 y=1 w=20.00 "ดู ("'; do
	printf 'page 1 of 1 area x=10.00 y=0 w=90.00 h=100\n%s\n' "$l" |
	    awk -f tests/lines.awk > /dev/null && no "lines.awk let pass: $l" || ok
done
printf 'page 1 of 1 area x=10.00 y=0 w=90.00 h=100\n%s\n%s\n%s\n' \
    '  p  x=10.00 y=1 w=90.00 "ก"' '  p  x=10.00 y=19 w=88.00 "ข"' \
    '  p  x=10.00 y=37 w=20.00 "ค"' |
    awk -f tests/lines.awk > /dev/null && no "lines.awk let pass a short line" || ok
printf 'page 1 of 1 area x=10.00 y=0 w=90.00 h=100\n%s\n' \
    '  p  x=10.00 y=1 w=90.01 "เท่า ๆ กัน (ดู) “ไทย”"' |
    awk -f tests/lines.awk > /dev/null && ok || no "lines.awk refused a good line"

for style in styles/*.xml; do
	for doc in data/russia-dprk-timeline.xml tests/regress/layout/*.xml; do
		for words in "" tests/regress/text/glue.txt; do
			"$bin" --dump-layout --style "$style" \
			    ${words:+--words "$words"} "$doc" > "$tmp/out" \
			    2> /dev/null
			if awk -f tests/lines.awk "$tmp/out" > "$tmp/bad"; then ok
			else no "$style, $doc${words:+, $words}:"
				head -5 "$tmp/bad"
			fi
		done
	done
done
echo "lines: $pass passed, $fail failed"
[ $fail -eq 0 ]
