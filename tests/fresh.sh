#!/bin/sh
# fresh.sh - run a test suite with HOME and the XDG folders in a new folder
# of its own, removed after: the font cache (see briefing(1)) starts empty
# in every run, as in the first, and nothing of the user's is read or
# written (~/.cache, the user's fontconfig files); nor do the user's
# BRIEFING_* or fontconfig variables reach the suite.  TZ is UTC: pdfinfo
# prints the creation date in local time, and the checks expect UTC.
# Usage: fresh.sh COMMAND [ARGUMENT...]
t=$(mktemp -d) || exit 3
trap 'rm -rf "$t"' EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM
mkdir "$t/home" || exit 3
unset BRIEFING_FONTS BRIEFING_FONT_CACHE BRIEFING_TIMING SOURCE_DATE_EPOCH \
    FONTCONFIG_FILE FONTCONFIG_PATH FONTCONFIG_SYSROOT
export HOME="$t/home" XDG_CACHE_HOME="$t/cache" XDG_CONFIG_HOME="$t/config" \
    XDG_DATA_HOME="$t/data" TZ=UTC
"$@"
