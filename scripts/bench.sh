#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make bench: x86/guest_memfd_conversion_perf_test on a production-like
# kernel (the "regress" flavour: the test kernels' x86 set without the
# debugging options, with per-VM memory attributes so that both modes
# exist), booted with kvm.gmem_in_place_conversion=1 and =0, and one table
# with the two modes side by side and their ratio (in-place / VM).
# BENCH_ARGS= passes options to the benchmark.  Writes build/logs/bench.txt.
. "$(dirname "$0")/lib.sh"

export FLAVOUR=regress
test=x86/guest_memfd_conversion_perf_test
out=$BUILD/selftests-bench
mkdir -p "$LOGS"

"$TOP/scripts/build-kernel.sh"
"$TOP/scripts/build-selftests.sh" "$KOBJ" "$out"
[ -x "$out/$test" ] || die "$test was not built"
echo "$test 3600 ${BENCH_ARGS:-}" >"$LOGS/bench.list"

for mode in on off; do
	SELFTESTS=$out TESTLIST=$LOGS/bench.list BASE_TESTS=0 "$TOP/scripts/mkinitramfs.sh" >/dev/null
	info "benchmark, kvm.gmem_in_place_conversion=$([ $mode = on ] && echo 1 || echo 0)"
	"$TOP/scripts/run-vm.sh" "$LOGS/bench-$mode.log" 3900 \
		"kvm.gmem_in_place_conversion=$([ $mode = on ] && echo 1 || echo 0)"
	tr -d '\r' <"$LOGS/bench-$mode.log" |
		sed -n 's/^# \([^#][^\t]*\)\t\([0-9.-]*\)\t\(.*\)$/\1\t\2\t\3/p' >"$LOGS/bench-$mode.tsv"
	[ -s "$LOGS/bench-$mode.tsv" ] || { tail -20 "$LOGS/bench-$mode.log" >&2; die "no results with $mode"; }
done

{
	echo "# make bench, $(date -u +%Y-%m-%d), series $(kgit log -1 --format='%h %s' HEAD)"
	echo "# $(nproc) CPUs, $(awk '/MemTotal/ { printf "%d GiB", $2 / 1048576 + 0.5 }' /proc/meminfo),"\
	     "x86 test VM under QEMU TCG (nested KVM), 'regress' kernel config"
	printf '%-72s %12s %12s %8s  %s\n' measurement in-place "VM (7.3)" ratio unit
	awk -F'\t' 'NR == FNR { off[$1] = $2; next }
		    { r = (off[$1] > 0) ? sprintf("%.2f", $2 / off[$1]) : "-"
		      printf "%-72s %12s %12s %8s  %s\n", $1, $2, ($1 in off) ? off[$1] : "-", r, $3 }' \
		"$LOGS/bench-off.tsv" "$LOGS/bench-on.tsv"
} | tee "$LOGS/bench.txt"
