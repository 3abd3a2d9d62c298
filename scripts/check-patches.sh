#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# checkpatch.pl --strict on every patch of series/; any error, warning or
# check fails unless tests/checkpatch-allow excuses that type for that patch.
# Appends "PASS|FAIL name" lines to $RESULTS.
. "$(dirname "$0")/lib.sh"

RESULTS=${RESULTS:-$LOGS/results}
mkdir -p "$LOGS"
n=0
for p in "$TOP"/series/[0-9][0-9][0-9][0-9]-*.patch; do
	[ -e "$p" ] || continue
	name=${p##*/}
	[ "$name" = 0000-cover-letter.patch ] && continue
	n=$((n + 1))
	ignore=()
	while read -r glob type _; do
		# shellcheck disable=SC2053
		[[ $name == $glob ]] && ignore+=(--ignore "$type")
	done < <(grep -v '^#' "$TOP/tests/checkpatch-allow" | grep .)
	# Debian's python3 first: checkpatch runs spdxcheck.py, which needs
	# python3-ply and python3-git, not whatever python3 is first in PATH.
	out=$(cd "$KSRC" && PATH=/usr/bin:$PATH scripts/checkpatch.pl --strict --no-summary --quiet \
		--showfile "${ignore[@]}" "$p" 2>&1) || true
	if [ -n "$out" ]; then
		printf '%s\n' "$out" | sed 's/^/    /' >&2
		echo "FAIL checkpatch $name" >>"$RESULTS"
		echo "FAIL: checkpatch $name" >&2
	else
		echo "PASS checkpatch $name" >>"$RESULTS"
	fi
done
info "checkpatch: $n patch(es)"
