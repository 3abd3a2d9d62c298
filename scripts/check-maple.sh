#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The maple tree's userspace test suite (tools/testing/radix-tree, with
# AddressSanitizer) on HEAD of build/linux: the series fixes the base's
# maple tree and adds the reproducer there.  Built from a copy of the
# sources it needs, as the suite only builds in place.
# Appends "PASS|FAIL maple tree test suite" to $RESULTS.
. "$(dirname "$0")/lib.sh"

RESULTS=${RESULTS:-$LOGS/results}
src=$BUILD/maple-src
log=$LOGS/maple.log
mkdir -p "$LOGS"

rev=$(kgit rev-parse HEAD)
if [ "$(cat "$src/.rev" 2>/dev/null)" != "$rev" ]; then
	rm -rf "$src"
	mkdir -p "$src"
	kgit archive HEAD tools lib include arch/x86/include | tar -x -C "$src"
	echo "$rev" >"$src/.rev"
fi

ok=0
if ! make -C "$src/tools/testing/radix-tree" -j"$JOBS" maple >"$log" 2>&1; then
	grep -m5 -E 'error' "$log" >&2
elif (cd "$src/tools/testing/radix-tree" && ./maple) >>"$log" 2>&1; then
	# "maple_tree: N of M tests passed", N = M
	grep -E '^maple_tree: ([0-9]+) of \1 tests passed' "$log" >&2 && ok=1
fi
if [ $ok = 1 ]; then
	echo "PASS maple tree test suite" >>"$RESULTS"
else
	tail -15 "$log" | sed 's/^/    /' >&2
	echo "FAIL maple tree test suite (log: $log)" >>"$RESULTS"
	echo "FAIL: maple tree test suite" >&2
fi
