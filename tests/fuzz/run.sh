#!/bin/sh
# run.sh - run the fuzz targets built in BUILD (make fuzz, make fuzz-regress).
# Usage: run.sh SECONDS BUILD TARGET...
#
# Each target BUILD/fuzz-TARGET runs first once over every input of
# tests/fuzz/TARGET/seed and tests/fuzz/TARGET/regress (the findings kept),
# then, when SECONDS is more than 0, is fuzzed for that long from a copy
# of them in BUILD/TARGET/corpus, with tests/fuzz/xml.dict.  Everything a
# run makes is in BUILD/TARGET, made anew: the inputs it finds there, its
# log, the target's own files ($TMPDIR).  A crash, a sanitizer's report,
# a leak, a unit slower than 10 s or over 2 GiB fails the target, and the
# input stays in BUILD/TARGET with a line telling how to run it again.
# One line per target; the last counts them.
secs=$1 build=$2
shift 2
targets=$*
name=fuzz
[ "$secs" -gt 0 ] || name=fuzz-regress
opts="-timeout=10 -rss_limit_mb=2048"
pass=0 fail=0 failed=

# The longest input fuzzed: documents and styles are small, and the
# whole pipeline's time grows with the pages.
max_len() {
	case $1 in
	pipeline) echo 16384 ;;
	*) echo 65536 ;;
	esac
}

# The findings of a failed run (target, its folder, log), each with how
# to run it again: the input kept by libFuzzer, or the one running when
# a run over the inputs stopped.
findings() {
	for f in "$2"/crash-* "$2"/leak-* "$2"/timeout-* "$2"/oom-*; do
		[ -f "$f" ] || continue
		echo "$name: $1: finding kept in $f"
		echo "$name: $1: run it again: TMPDIR=$2/tmp $build/fuzz-$1 $f"
		echo "$name: $1: once fixed, keep it as tests/fuzz/$1/regress/NAME"
	done
	f=$(sed -n 's/^Running: //p' "$3" | tail -n 1)
	if [ -n "$f" ]; then
		echo "$name: $1: fails on $f"
		echo "$name: $1: run it again: TMPDIR=$2/tmp $build/fuzz-$1 $f"
	fi
}

for t in $targets; do
	bin=$build/fuzz-$t s=$build/$t
	rm -rf "$s" && mkdir -p "$s/corpus" "$s/tmp" || exit 3
	set --
	n=0
	for f in tests/fuzz/"$t"/seed/* tests/fuzz/"$t"/regress/*; do
		[ -f "$f" ] || continue
		set -- "$@" "$f"
		d=${f%/*}
		cp "$f" "$s/corpus/${d##*/}-${f##*/}" || exit 3
		n=$((n + 1))
	done
	ok=1
	if [ $n -gt 0 ] && ! TMPDIR=$s/tmp "$bin" $opts -artifact_prefix="$s/" \
	    "$@" >"$s/regress.log" 2>&1; then
		ok=0 log=$s/regress.log
	fi
	if [ $ok -eq 1 ] && [ "$secs" -gt 0 ] && ! TMPDIR=$s/tmp "$bin" $opts \
	    -max_total_time="$secs" -max_len="$(max_len "$t")" \
	    -dict=tests/fuzz/xml.dict -artifact_prefix="$s/" \
	    -print_final_stats=1 "$s/corpus" >"$s/fuzz.log" 2>&1; then
		ok=0 log=$s/fuzz.log
	fi
	if [ $ok -eq 0 ]; then
		echo "$name: $t: FAILED; the end of $log:"
		tail -n 40 "$log" | sed 's/^/    /'
		findings "$t" "$s" "$log"
		fail=$((fail + 1)) failed="$failed $t"
	elif [ "$secs" -gt 0 ]; then
		runs=$(sed -n 's/^stat::number_of_executed_units: *//p' \
		    "$s/fuzz.log")
		now=$(ls "$s/corpus" | wc -l)
		echo "$name: $t: $n inputs, then ${runs:-?} runs in $secs s" \
		    "(corpus $n -> $now), no finding"
		pass=$((pass + 1))
	else
		echo "$name: $t: $n inputs, no finding"
		pass=$((pass + 1))
	fi
done
[ $fail -eq 0 ] || echo "$name: failed:$failed"
echo "$name: $pass passed, $fail failed"
[ $fail -eq 0 ]
