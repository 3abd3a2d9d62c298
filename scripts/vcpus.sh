#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make vcpus: nested guests with running vCPUs in the test VM, on the
# unmodified base and on the series, with QEMU's multi- and single-threaded
# TCG: what fails, and where (README, Known issues).
#
# One boot per kernel, mode and TCG threading (TCG_THREADS, default
# "multi single"), on the QEMU that run-vm.sh picks (QEMU=), each running:
#  - upstream's dirty_log_perf_test with two vCPUs (-v 2 -i 5 -b 256M): a
#    default VM, anonymous memory, no guest_memfd;
#  - upstream's x86/private_mem_conversions_test with two vCPUs (-n 2),
#    REPEAT times (default 100): a SW-protected VM whose vCPUs convert
#    memory between private and shared;
#  - the series' stress test with two vCPUs for DURATION seconds (default
#    120) and SEED (default random, printed); on 7.3 in its 7.3 mode (a
#    default VM, no conversions);
# on the base (the regress-base kernel, the base's own tests but for the
# stress test) and on the series (the regress kernel, same config; its own
# tests) with kvm.gmem_in_place_conversion=1 and =0.
# Writes build/logs/vcpus.txt and ends with "N passed, N failed".
. "$(dirname "$0")/lib.sh"

DURATION=${DURATION:-120}
REPEAT=${REPEAT:-100}
SEED=${SEED:-$(( (RANDOM << 16 | RANDOM) & 0x7fffffff ))}
work=$BUILD/vcpus
out=$LOGS/vcpus.txt
mkdir -p "$work" "$LOGS"

src=$(base_src)
GMEM_KSRC=$src FLAVOUR=regress-base "$TOP/scripts/build-kernel.sh"
FLAVOUR=regress "$TOP/scripts/build-kernel.sh"
printf '%s\t%s\t%s\n' \
	dirty_log_perf_test 1200 "-v 2 -i 5 -b 256M" \
	repeat $((REPEAT * 30)) "$REPEAT x86/private_mem_conversions_test -n 2" \
	x86/guest_memfd_stress_test $((DURATION + 300)) "-r $SEED -d $DURATION -v 2" \
	>"$work/tests.list"
TESTLIST=$work/tests.list "$TOP/scripts/build-selftests.sh" \
	"$BUILD/obj-regress" "$work/selftests-series"
TESTLIST=$work/tests.list GMEM_KSRC=$src "$TOP/scripts/build-selftests.sh" \
	"$BUILD/obj-regress-base" "$work/selftests-base"
cp "$work/selftests-series/x86/guest_memfd_stress_test" "$work/selftests-base/x86/"

: >"$work/results"
for tcg in ${TCG_THREADS:-multi single}; do
	for run in "regress-base default" "regress on" "regress off"; do
		read -r flavour mode <<<"$run"
		tree=series
		[ "$flavour" = regress-base ] && tree=base
		info "vcpus: $tree kernel, mode $mode, TCG thread=$tcg"
		: >"$work/run.results"
		FLAVOUR=$flavour MODES=$mode TCG_THREAD=$tcg TESTLIST=$work/tests.list \
			SELFTESTS=$work/selftests-$tree BASE_TESTS=0 \
			RESULTS=$work/run.results "$TOP/scripts/run-tests.sh" >/dev/null || true
		log=$LOGS/vm-$flavour-$mode.log
		cp "$log.txt" "$work/vm-$tree-$mode-$tcg.log.txt"
		ops=$(sed -n 's/^# \([0-9]*\) operations.*/\1/p' "$log.txt" | head -1)
		sed -E -e "s/ \[$flavour $mode\]/ [$tree, mode $mode, TCG $tcg]/" \
			-e "s#$log.txt#${work#$TOP/}/vm-$tree-$mode-$tcg.log.txt#" \
			-e "/stress_test/s/(\])( \(|$)/\1${ops:+ ($ops operations)}\2/" \
			-e "s/^(PASS|FAIL) repeat /\1 private_mem_conversions_test -n 2 x $REPEAT /" \
			"$work/run.results" >>"$work/results"
	done
done

{
	echo "# make vcpus, $(date -u +%F), $(head -1 "$LOGS/vm-regress-on.log.qemu")"
	echo "# series $(kgit log -1 --format='%h %s'), base $(kgit rev-parse --short "$BASE_TAG")"
	echo "# dirty_log_perf_test -v 2 -i 5 -b 256M; private_mem_conversions_test -n 2 x $REPEAT;"
	echo "# stress test -r $SEED -d $DURATION -v 2; logs in ${work#$TOP/}"
	cat "$work/results"
} >"$out"
cat "$out"
passed=$(grep -c '^PASS ' "$work/results" || true)
failed=$(grep -c '^FAIL ' "$work/results" || true)
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
