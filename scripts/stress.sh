#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make stress: the guest_memfd stress test (x86/guest_memfd_stress_test) in
# the test VM, for DURATION seconds (default 600) per mode, with SEED
# (default: a random one, printed), on the FLAVOUR kernel, in each of MODES
# (default: on and off).  The default kernel is the regress flavour: no
# debugging options (production-like timing) and per-VM memory attributes,
# so that =0 gives the 7.3 mode; the nodebug kernel has no per-VM memory
# attributes, so in-place conversion is always on there and its "off" boot
# runs the same as "on".
# STRESS_ARGS adds options of the test (e.g. "-c 4 -v 4 -p 4096").  Ends
# with the counts of each operation and "N passed, N failed".
# QEMU's single-threaded TCG unless TCG_THREAD=multi: with multi-threaded
# TCG, nested SW-protected VMs with running vCPUs fail on the base too
# (tests/selftests-tcg-single.list, README Known issues).
export FLAVOUR=${FLAVOUR:-regress} TCG_THREAD=${TCG_THREAD:-single}
. "$(dirname "$0")/lib.sh"

DURATION=${DURATION:-600}
SEED=${SEED:-$(( (RANDOM << 16 | RANDOM) & 0x7fffffff ))}
test=x86/guest_memfd_stress_test

"$TOP/scripts/build-kernel.sh"
mkdir -p "$LOGS"
export TESTLIST=$LOGS/stress.list RESULTS=$LOGS/stress-results
printf '%s\t%d\t-r %d -d %d %s\n' "$test" $((DURATION + 300)) "$SEED" "$DURATION" \
	"${STRESS_ARGS:-}" >"$TESTLIST"
"$TOP/scripts/build-selftests.sh"
: >"$RESULTS"
info "stress: seed $SEED, $DURATION s per mode, $FLAVOUR kernel, TCG thread=$TCG_THREAD"
"$TOP/scripts/run-tests.sh" "$test" || true

for log in "$LOGS"/vm-*.log.txt; do
	[ "$log" -nt "$TESTLIST" ] || continue
	echo "== ${log#$LOGS/}"
	sed -n 's/^# \(seed .*\|[a-zA-Z].*  *[0-9][0-9]*$\|[0-9]* operations.*\|.*violation.*\)$/\1/p' "$log"
done
cat "$RESULTS"
passed=$(grep -c '^PASS ' "$RESULTS" || true)
failed=$(grep -c '^FAIL ' "$RESULTS" || true)
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
