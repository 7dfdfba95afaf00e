# lines.awk - reads briefing --dump-layout and prints every line that runs
# past the right edge of its page's text area (a line marked overfull
# excepted: it says so itself), starts with what may not start a line or
# ends with what may not end one, and every line of a paragraph (p,
# intro: justified in every shipped style) but its last that stops more
# than 0.5 pt short of the margin; a line is not a paragraph's last when
# the next line of the page is of the same kind one leading below (the
# smallest step between two such lines: paragraphs are further apart).
# A paragraph's first line is not checked: the dump does not say how far
# the style indents it.
# Exit status 1 when it printed any.
# The dump gives points to two decimals: 0.01 is rounding.
function val(key,	i, kv) {
	for (i = 1; i <= NF; i++)
		if (split($i, kv, "=") == 2 && kv[1] == key)
			return kv[2] + 0
	return 0
}
BEGIN {
	# ๆ ฯ, following vowels, upper and lower vowels, tone marks,
	# closing punctuation; leading vowels and opening punctuation
	nostart = "^(ๆ|ฯ|ะ|ั|า|ำ|ิ|ี|ึ|ื|ุ|ู|ฺ|ๅ|็|่|้|๊|๋|์|ํ|๎|”|’|\\)|]|}|,|:|;|!|\\?)"
	noend = "(เ|แ|โ|ใ|ไ|“|‘|\\(|\\[|\\{)$"
	bad = 0
}
/^page / { ax = val("x"); aw = val("w"); pl = ""; next }
/^  [a-z-]+ +x=.* "/ {
	x = val("x"); w = val("w")
	t = $0
	sub(/^[^"]*"/, "", t)
	sub(/"$/, "", t)
	if (x + w > ax + aw + 0.01 && $0 !~ / overfull /) {
		printf "past the margin by %.2f pt: %s\n", x + w - ax - aw, $0
		bad = 1
	}
	if (t ~ nostart) { print "forbidden start: " $0; bad = 1 }
	if (t ~ noend) { print "forbidden end: " $0; bad = 1 }
	y = val("y")
	if ($1 == "p" || $1 == "intro") {
		n++
		kind[n] = $1
		short[n] = ax + aw - (x + w)
		row[n] = $0
		# the step from the line before it, if one of its kind
		step[n] = pl == $1 && y > py ? y - py : 0
		if (step[n] > 0 && (min[$1] == 0 || step[n] < min[$1]))
			min[$1] = step[n]
		pl = $1; py = y
		if ($0 ~ / overfull / || t ~ /\\n/)
			pl = ""
	} else if ($1 != "running")
		pl = ""
}
function cont(i) {	# line i goes on from line i - 1's paragraph
	return step[i] > 0 && step[i] < min[kind[i]] + 0.05
}
END {
	for (i = 2; i < n; i++)
		if (cont(i) && cont(i + 1) && short[i] > 0.5) {
			printf "short by %.2f pt: %s\n", short[i], row[i]
			bad = 1
		}
	exit bad
}
