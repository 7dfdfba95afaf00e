# lines.awk - reads briefing --dump-layout and prints every line that runs
# past the right edge of its page's text area (a line marked overfull
# excepted: it says so itself), starts with what may not start a line or
# ends with what may not end one.  Exit status 1 when it printed any.
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
/^page / { ax = val("x"); aw = val("w"); next }
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
}
END { exit bad }
