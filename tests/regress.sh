#!/bin/sh
# regress.sh - golden tests. For tests/regress/AREA/NAME.xml, each golden
# file beside it is compared with what briefing prints:
#   NAME.dump    the output of --dump
#   NAME.layout  the output of --dump-layout (NAME.STYLE.layout: --style STYLE,
#                a built-in style or the file tests/regress/styles/STYLE.xml)
#   NAME.diag    the diagnostics of --check (empty when none)
# NAME.args, when there is one, holds more arguments (split at spaces; paths
# from the top of the tree), given before NAME.xml.
# Usage: regress.sh [-u] BRIEFING   (-u rewrites the golden files)
set -u
update=0
if [ "${1:-}" = "-u" ]; then update=1; shift; fi
bin=${1:?usage: regress.sh [-u] BRIEFING}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
export LC_ALL=C.UTF-8 SOURCE_DATE_EPOCH=1700000000
tmp=$(mktemp -d) || exit 3
trap 'rm -rf "$tmp"' EXIT
# the font cache here: each run starts without one, the user's is untouched
export XDG_CACHE_HOME="$tmp/cache"
pass=0 fail=0

compare() {	# golden actual what
	if [ $update -eq 1 ]; then
		cp "$2" "$1"
	elif cmp -s "$1" "$2"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: $3 differs from $1:"
		diff -u "$1" "$2" | head -20
	fi
}

for xml in tests/regress/*/*.xml; do
	base=${xml%.xml}
	args=
	[ -f "$base.args" ] && args=$(cat "$base.args")
	if [ -f "$base.dump" ]; then
		# shellcheck disable=SC2086
		"$bin" --dump $args "$xml" > "$tmp/out" 2>&1
		compare "$base.dump" "$tmp/out" "briefing --dump $args $xml"
	fi
	if [ -f "$base.diag" ]; then
		# shellcheck disable=SC2086
		"$bin" --check $args "$xml" > "$tmp/out" 2>&1
		compare "$base.diag" "$tmp/out" "briefing --check $xml"
	fi
	for golden in "$base".*layout; do
		[ -f "$golden" ] || continue
		style=${golden#"$base".}
		style=${style%layout}
		style=${style%.}
		[ -f "tests/regress/styles/$style.xml" ] &&
			style=tests/regress/styles/$style.xml
		if [ -n "$style" ]; then
			# shellcheck disable=SC2086
			"$bin" --dump-layout --style "$style" $args "$xml" > "$tmp/out" 2>&1
		else
			# shellcheck disable=SC2086
			"$bin" --dump-layout $args "$xml" > "$tmp/out" 2>&1
		fi
		compare "$golden" "$tmp/out" "briefing --dump-layout ${style:+--style $style }$xml"
	done
done
[ $update -eq 1 ] && { echo "regress: golden files rewritten; review with git diff"; exit 0; }
echo "regress: $pass passed, $fail failed"
[ $fail -eq 0 ]
