#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Every symbol that a Kconfig line added by the series selects, implies or
# depends on must exist in the tree: Kconfig silently ignores a select of a
# symbol that doesn't exist.  Appends "PASS|FAIL Kconfig symbols" to $RESULTS.
. "$(dirname "$0")/lib.sh"

RESULTS=${RESULTS:-$LOGS/results}
mkdir -p "$LOGS"

missing=
for sym in $(kgit diff -U0 "$BASE_TAG" HEAD -- '*Kconfig*' |
	     sed -n -E 's/^\+[[:space:]]*(select|imply|depends on|default [^ ]+ if|if)[[:space:]]+//p' |
	     grep -oE '\b[A-Z][A-Z0-9_]+\b' | sort -u); do
	kgit grep -qE "^[[:space:]]*(menu)?config $sym\$" HEAD -- '*Kconfig*' ||
		missing="$missing $sym"
done
if [ -n "$missing" ]; then
	echo "FAIL Kconfig symbols (used but not defined:$missing)" >>"$RESULTS"
	echo "FAIL: Kconfig symbols used but not defined:$missing" >&2
else
	echo "PASS Kconfig symbols" >>"$RESULTS"
fi
