#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make check: the gate that CI runs on every change, well within 60 minutes
# from a cold machine.  Builds the series' HEAD (the x86 nodebug and debug
# kernels, arm64) and its selftests (no warning in the series' own test
# files), checks its Kconfig symbols, runs the selftests, among them the
# stress test with vCPUs and the fuzzer, in the test VM with
# kvm.gmem_in_place_conversion=1 and =0 on each kernel, applies series/
# with git am and b4 am, runs checkpatch and htmldocs.
# make check-full (check.sh --full), run before every new revision of the
# series is exported, does all of that and builds every patch of the series
# in turn, boots one more kernel (x86 noprivate), builds the cross, clang,
# W=1 and sparse matrix and runs the maple tree test suite.
# Both end with the line "N passed, N failed, N skipped".
. "$(dirname "$0")/lib.sh"

full=0
[ "${1:-}" = --full ] && full=1

export RESULTS=$LOGS/results
mkdir -p "$LOGS"
: >"$RESULTS"
start=$(date +%s)

fail() {	# fail NAME: record a failure of a step that is not a check itself
	echo "FAIL $1" >>"$RESULTS"
	echo "FAIL: $1" >&2
}
elapsed() { echo "$(( $(date +%s) - start ))s"; }
summary() {
	info "[$(elapsed)] done"
	echo
	grep '^SKIP ' "$RESULTS" | sed 's/^SKIP /skipped: /' || true
	grep '^FAIL ' "$RESULTS" | sed 's/^FAIL /failed: /' || true
	passed=$(grep -c '^PASS ' "$RESULTS" || true)
	failed=$(grep -c '^FAIL ' "$RESULTS" || true)
	skipped=$(grep -c '^SKIP ' "$RESULTS" || true)
	[ $full = 0 ] || printf '%s make check-full of %s (%s): %s passed, %s failed, %s skipped, %s\n' \
		"$(date -u +%F)" "$(kgit rev-parse --short=12 HEAD)" "$(kgit log -1 --format=%s)" \
		"$passed" "$failed" "$skipped" "$(elapsed)" >>"$LOGS/check-full.txt"
	echo "$passed passed, $failed failed, $skipped skipped"
	[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
}

"$TOP/scripts/deps.sh" || { fail "install packages"; summary; exit 1; }
"$TOP/scripts/mktree.sh" || { fail "apply series/ (make tree)"; summary; exit 1; }

if [ $full = 1 ]; then
	# Every commit in turn, on the kernel without the debugging set (the
	# quicker build); the last build, HEAD, is the nodebug kernel the VM
	# boots.
	info "[$(elapsed)] per-patch builds"
	FLAVOUR=nodebug "$TOP/scripts/check-bisect.sh" || fail "per-patch builds"
	# The debug kernel finds what lockdep, KASAN and DEBUG_VM can, the
	# nodebug one has production-like timing, where RCU and timing bugs
	# that the debugging hides show; noprivate has no VM type with
	# private memory, and arm64 is another architecture.
	flavours="debug nodebug noprivate arm64"
else
	info "[$(elapsed)] nodebug kernel (HEAD)"
	if FLAVOUR=nodebug "$TOP/scripts/build-kernel.sh"; then
		echo "PASS build HEAD ($(kgit log -1 --format=%s))" >>"$RESULTS"
	else
		fail "build HEAD ($(kgit log -1 --format=%s))"
	fi
	flavours="nodebug debug arm64"
fi
"$TOP/scripts/check-kconfig.sh"
if ! grep -E '^(PASS|FAIL) build ' "$RESULTS" | tail -1 | grep -q '^PASS'; then
	fail "selftests in the test VMs: HEAD did not build"
else
	for flavour in $flavours; do
		export FLAVOUR=$flavour
		info "[$(elapsed)] $flavour kernel and selftests"
		if [ $flavour != nodebug ] && ! "$TOP/scripts/build-kernel.sh"; then
			fail "build the $flavour kernel"
		elif ! "$TOP/scripts/build-selftests.sh" ||
		     ! "$TOP/scripts/build-selftests.sh" --base; then
			fail "build the $flavour selftests"
		else
			info "[$(elapsed)] selftests in the $flavour test VM"
			"$TOP/scripts/run-tests.sh" || fail "run selftests ($flavour kernel)"
		fi
	done
	unset FLAVOUR
fi
if [ $full = 1 ]; then
	info "[$(elapsed)] build matrix: cross, clang, W=1 and sparse"
	"$TOP/scripts/check-matrix.sh" || fail "build matrix"
	info "[$(elapsed)] maple tree test suite"
	"$TOP/scripts/check-maple.sh"
fi
info "[$(elapsed)] git am and b4 am of series/"
"$TOP/scripts/check-apply.sh" || fail "apply series/"
info "[$(elapsed)] checkpatch"
"$TOP/scripts/check-patches.sh" || fail "checkpatch"
info "[$(elapsed)] htmldocs"
"$TOP/scripts/check-docs.sh" || fail "htmldocs"

summary
