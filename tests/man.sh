#!/bin/sh
# man.sh - the man pages as man(1) shows them on a UTF-8 terminal: every
# Thai word of the source comes out whole, each mark on its consonant in
# the order written, no Thai character is overstruck (terminals and pagers
# lose the consonant under an overstruck mark, so Thai is never set in
# bold), and neither man, groff nor mandoc (when installed) has a warning.
#
# Usage: sh tests/man.sh [DIR]   (DIR holds briefing.1 and briefing-style.5;
#                                 default man)
#
# man is run on a pseudo-terminal (script(1)): when its output is not a
# terminal, man-db pipes it through `col -b`, which keeps one character per
# column and so drops every Thai mark that another letter follows, whatever
# the page says.  That is col's limit, not the pages'; on a terminal, or with
# MAN_KEEP_FORMATTING set, nothing is lost.
#
# Prints one line per check and, last, "man: N passed, M failed"; exits
# non-zero when a check failed.
set -eu

dir=${1:-man}
pages="briefing.1 briefing-style.5"
# Words the checks must find in the pages' source, so that they cannot
# pass by finding no Thai at all.
required="ร่าง ผู้นำ หน้า"

export LC_ALL=C.UTF-8 MANWIDTH=80
unset MAN_KEEP_FORMATTING MANOPT MANPAGER PAGER MANROFFSEQ GROFF_NO_SGR \
	MANSECT MANPATH 2>/dev/null || true

pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok   $*"; }
no() { fail=$((fail + 1)); echo "FAIL $*"; }
show() { [ ! -s "$1" ] || sed 's/^/     /' "$1"; }
finish() {
	echo "man: $pass passed, $fail failed"
	[ "$fail" -eq 0 ] && exit 0
	exit 1
}

for t in man groff script perl; do
	command -v "$t" >/dev/null 2>&1 ||
		no "$t not found (man-db, groff-base, bsdutils, perl-base)"
done
[ "$fail" -eq 0 ] || finish

tmp=$(mktemp -d "${TMPDIR:-/tmp}/man.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# thai.pl NAME SOURCE OUTPUT WORDS: compares the Thai of a page's source
# (without its comments, groff's \[uXXXX] escapes read as the characters)
# with the Thai of its rendering; prints one "ok"/"FAIL" line per check and
# writes the source's Thai words, one a line, to WORDS.
cat > "$tmp/thai.pl" <<'EOF'
use strict;
use warnings;
binmode STDOUT, ':encoding(UTF-8)';
my ($name, $src, $out, $words) = @ARGV;

sub slurp {
	open my $f, '<:encoding(UTF-8)', $_[0] or die "$_[0]: $!\n";
	local $/;
	return scalar <$f>;
}
sub codes { join ' ', map { sprintf 'U+%04X', ord } split //, $_[0] }
sub runs {
	my %seen;
	return grep { !$seen{$_}++ } $_[0] =~ /([\x{0E01}-\x{0E5B}]+)/g;
}
my $mark = qr/[\x{0E31}\x{0E34}-\x{0E3A}\x{0E47}-\x{0E4E}]/;
sub marks {
	my %n;
	$n{$_}++ for $_[0] =~ /($mark)/g;
	return %n;
}

my $s = slurp($src);
$s =~ s/^[.'][ \t]*\\".*\n//mg;
$s =~ s/\\".*//mg;
$s =~ s/\\#.*\n//mg;
$s =~ s{\\\[u([0-9A-Fa-f]{4,6}(?:_[0-9A-Fa-f]{4,6})*)\]}
	{join '', map { chr hex } split /_/, $1}ge;
my $o = slurp($out);
$o =~ s/\r//g;

my @sw = runs($s);
my %ow = map { $_ => 1 } runs($o);
my %sw = map { $_ => 1 } @sw;
open my $w, '>:encoding(UTF-8)', $words or die "$words: $!\n";
print $w "$_\n" for @sw;
close $w;

for my $word (@sw) {
	if ($ow{$word}) {
		print "ok   $name: $word\n";
	} else {
		print "FAIL $name: $word (", codes($word), ") is not in the output\n";
	}
}

my @lost = grep { !$ow{$_} } @sw;
my @more = grep { !$sw{$_} } runs($o);
if (@sw && !@lost && !@more) {
	print "ok   $name: the output's Thai words are exactly the source's (", scalar @sw, ")\n";
} else {
	print "FAIL $name: the output's Thai words differ from the source's:",
	    @sw ? '' : ' the source has none;',
	    @lost ? ' not in the output: ' . join(', ', @lost) . ';' : '',
	    @more ? ' only in the output: ' . join(', ', map { '"' . $_ . '" (' . codes($_) . ')' } @more) : '',
	    "\n";
}

my %sm = marks($s);
my %om = marks($o);
my %all = (%sm, %om);
my @diff = grep { ($sm{$_} // 0) != ($om{$_} // 0) } sort keys %all;
my $total = 0;
$total += $_ for values %sm;
if (!@diff) {
	print "ok   $name: all $total Thai marks of the source are in the output\n";
} else {
	print "FAIL $name: Thai marks in the source and in the output:",
	    join(',', map { sprintf ' U+%04X %d and %d', ord, $sm{$_} // 0, $om{$_} // 0 } @diff),
	    "\n";
}

my $over = () = $o =~ /[\x{0E01}-\x{0E5B}]\x08|\x08[\x{0E01}-\x{0E5B}]/g;
if (!$over) {
	print "ok   $name: no Thai character is overstruck (bold or underlined)\n";
} else {
	print "FAIL $name: $over Thai characters overstruck (bold or underlined)",
	    " on a terminal: set Thai in roman\n";
}
EOF

: > "$tmp/words"
for page in $pages; do
	src=$dir/$page
	if [ ! -f "$src" ]; then
		no "$page: $src not found"
		continue
	fi

	# man on a terminal, without a pager
	rm -f "$tmp/err"
	# shellcheck disable=SC2016 # $PAGE and $ERR are for script's shell
	if SHELL=/bin/sh PAGE=$src ERR=$tmp/err script -qec \
		'man -P cat -l "$PAGE" 2>"$ERR"' /dev/null \
		< /dev/null > "$tmp/out" 2>&1; then
		if [ -s "$tmp/err" ]; then
			no "$page: man -l printed on standard error:"; show "$tmp/err"
		else
			ok "$page: man -l prints no warning"
		fi
	else
		no "$page: man -l on a pseudo-terminal (script) failed:"
		show "$tmp/err"; show "$tmp/out"
		continue
	fi

	if ! perl "$tmp/thai.pl" "$page" "$src" "$tmp/out" "$tmp/w" \
		> "$tmp/res" 2> "$tmp/err"; then
		no "$page: the Thai check failed to run:"; show "$tmp/err"
		continue
	fi
	while IFS= read -r line; do
		case $line in
		"ok   "*) pass=$((pass + 1)) ;;
		*) fail=$((fail + 1)) ;;
		esac
		echo "$line"
	done < "$tmp/res"
	cat "$tmp/w" >> "$tmp/words"

	# groff's own warnings, all of them, on the device man uses
	if groff -k -man -Tutf8 -ww -z "$src" > "$tmp/err" 2>&1 &&
		[ ! -s "$tmp/err" ]; then
		ok "$page: groff -man -Tutf8 -ww prints no warning"
	else
		no "$page: groff -man -Tutf8 -ww:"; show "$tmp/err"
	fi
	if MANROFFSEQ='' man --warnings -P cat -l "$src" \
		> /dev/null 2> "$tmp/err" && [ ! -s "$tmp/err" ]; then
		ok "$page: man --warnings prints no warning"
	else
		no "$page: man --warnings:"; show "$tmp/err"
	fi
	if command -v mandoc >/dev/null 2>&1; then
		if mandoc -T lint -W error "$src" > "$tmp/err" 2>&1; then
			ok "$page: mandoc -T lint finds no error"
		else
			no "$page: mandoc -T lint:"; show "$tmp/err"
		fi
	else
		echo "skip $page: mandoc -T lint (mandoc is not installed)"
	fi
done

for word in $required; do
	if grep -qxF "$word" "$tmp/words"; then
		ok "the pages use $word and it is checked"
	else
		no "$word not found in the pages' source"
	fi
done

finish
