#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make check: the full gate.  Builds the tree, the test kernel and the
# selftests, runs the selftests in the test VM in each mode, then the series
# checks (checkpatch, htmldocs, bisect), and ends with "N passed, N failed".
. "$(dirname "$0")/lib.sh"

export RESULTS=$LOGS/results
mkdir -p "$LOGS"
: >"$RESULTS"
start=$(date +%s)

step() {	# step NAME CMD...: a counted item that fails if CMD fails
	local name=$1
	shift
	if "$@"; then
		echo "PASS $name" >>"$RESULTS"
	else
		echo "FAIL $name" >>"$RESULTS"
		echo "FAIL: $name" >&2
		return 1
	fi
}
elapsed() { echo "$(( $(date +%s) - start ))s"; }

"$TOP/scripts/deps.sh"
"$TOP/scripts/mktree.sh"

if step "build test kernel" "$TOP/scripts/build-kernel.sh" test &&
   step "build selftests" "$TOP/scripts/build-selftests.sh"; then
	info "[$(elapsed)] selftests in the test VM"
	"$TOP/scripts/run-tests.sh" || step "run selftests" false
fi
info "[$(elapsed)] checkpatch"
"$TOP/scripts/check-patches.sh" || step "checkpatch" false
info "[$(elapsed)] htmldocs"
"$TOP/scripts/check-docs.sh" || step "htmldocs" false
info "[$(elapsed)] per-patch builds"
"$TOP/scripts/check-bisect.sh" || step "bisect" false

info "[$(elapsed)] done"
echo
grep '^FAIL ' "$RESULTS" | sed 's/^FAIL /failed: /' || true
passed=$(grep -c '^PASS ' "$RESULTS" || true)
failed=$(grep -c '^FAIL ' "$RESULTS" || true)
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
