#!/bin/sh
# ink.sh - the Thai ink of `briefing --proof` must match HarfBuzz's own
# rendering (pango-view), word by word, in Laksaman, Garuda, Noto Sans Thai
# and Waree at 24 pt (the scorer is tools/inkcmp.py).
#
# Usage: sh tests/ink.sh BRIEFING_BINARY
#
# Prints one line per font and word, a summary and, last, a line
# "ink: N passed, N failed".  Exits non-zero when a word fails, including
# when --proof is not available: that is a failure, not a skip.
#
# Environment: INK_PYTHON  the Python with numpy and PIL (/usr/bin/python3)
#              INK_MONTAGE a folder to keep candidate|reference|difference
#                          PNGs of the failing words in
#              INK_ARGS    more options for tools/inkcmp.py (e.g. -q)

if [ $# -ne 1 ]; then
	echo "usage: sh tests/ink.sh BRIEFING_BINARY" >&2
	exit 2
fi

top=$(cd "$(dirname "$0")/.." && pwd) || exit 2
bin=$1
case $bin in
/*) ;;
*) bin=$(pwd)/$bin ;;
esac
python=${INK_PYTHON:-/usr/bin/python3}
export LC_ALL=C.UTF-8 PYTHONDONTWRITEBYTECODE=1
# The reference (pango-view) sees fontconfig's fonts only: so must briefing.
unset BRIEFING_FONTS

fail() {
	echo "ink: FAIL: $*"
	echo "ink: 0 passed, 1 failed"
	exit 1
}

[ -x "$bin" ] || fail "$bin is not an executable (make $1)"
for t in pango-view pdftoppm pdftotext pdffonts fc-match; do
	command -v "$t" >/dev/null 2>&1 ||
		fail "$t not found (poppler-utils, pango1.0-tools, fontconfig)"
done
"$python" -c 'import numpy, PIL' 2>/dev/null ||
	fail "$python lacks numpy or PIL (python3-numpy, python3-pil)"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ink.XXXXXX") || fail "mktemp -d failed"
trap 'rm -rf "$tmp"' EXIT
# the font caches here: each run starts without one, the user's are untouched
export XDG_CACHE_HOME="$tmp/cache"
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

set --
if [ -n "${INK_MONTAGE:-}" ]; then
	set -- --montage "$INK_MONTAGE"
fi

# shellcheck disable=SC2086 # INK_ARGS is split on purpose
"$python" "$top/tools/inkcmp.py" --keep "$tmp/work" "$@" ${INK_ARGS:-} "$bin"
