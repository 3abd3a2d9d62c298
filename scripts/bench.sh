#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make bench: x86/guest_memfd_conversion_perf_test on a production-like
# kernel (the "regress" flavour: the test kernels' x86 set without the
# debugging options, with per-VM memory attributes so that both modes
# exist), booted with kvm.gmem_in_place_conversion=1 and =0, and one table
# with the two modes side by side and their ratio (in-place / VM).
# TCG timings vary from boot to boot: the modes are booted in turn,
# BENCH_RUNS times each (default 3), and the table has the median of the
# runs.  BENCH_ARGS= passes options to the benchmark.  Writes
# build/logs/bench.txt.  The kernel runs with slab_nomerge, so that
# /proc/slabinfo shows the attribute trees' nodes on their own
# (CONFIG_SLUB_DEBUG, config/regress.config).
. "$(dirname "$0")/lib.sh"

export FLAVOUR=regress
test=x86/guest_memfd_conversion_perf_test
out=$BUILD/selftests-bench
runs=${BENCH_RUNS:-3}
mkdir -p "$LOGS"
rm -f "$LOGS"/bench-*

"$TOP/scripts/build-kernel.sh"
echo "$test 3600 ${BENCH_ARGS:-}" >"$LOGS/bench.list"
TESTLIST=$LOGS/bench.list "$TOP/scripts/build-selftests.sh" "$KOBJ" "$out"
[ -x "$out/$test" ] || die "$test was not built"
SELFTESTS=$out TESTLIST=$LOGS/bench.list BASE_TESTS=0 "$TOP/scripts/mkinitramfs.sh" >/dev/null

for run in $(seq "$runs"); do
	for mode in on off; do
		v=$([ $mode = on ] && echo 1 || echo 0)
		log=$LOGS/bench-$mode-$run.log
		info "benchmark, run $run of $runs, kvm.gmem_in_place_conversion=$v"
		"$TOP/scripts/run-vm.sh" "$log" 3900 slab_nomerge "kvm.gmem_in_place_conversion=$v"
		tr -d '\r' <"$log" |
			sed -n 's/^# \([^#][^\t]*\)\t\([0-9.-]*\)\t\(.*\)$/\1\t\2\t\3/p' >"$log.tsv"
		tr -d '\r' <"$log" | grep -q "^ok 1 selftests: kvm: $test\$" ||
			{ tail -20 "$log" >&2; die "the benchmark failed with $mode (log: $log)"; }
	done
done

# median MODE: "name<TAB>median<TAB>unit" of the runs of MODE.
median() {
	cat "$LOGS"/bench-"$1"-*.log.tsv |
	awk -F'\t' '{ n[$1]++; v[$1, n[$1]] = $2; u[$1] = $3; if (!($1 in o)) o[$1] = NR }
		    END { for (k in n) {
			      m = n[k]
			      for (i = 1; i <= m; i++) a[i] = v[k, i]
			      for (i = 2; i <= m; i++)
				      for (j = i; j > 1 && a[j - 1] + 0 > a[j] + 0; j--) {
					      t = a[j]; a[j] = a[j - 1]; a[j - 1] = t
				      }
			      printf "%d\t%s\t%s\t%s\n", o[k], k, a[int((m + 1) / 2)], u[k]
		      } }' | sort -n | cut -f2-
}
median on >"$LOGS/bench-on.tsv"
median off >"$LOGS/bench-off.tsv"

{
	echo "# make bench, $(date -u +%Y-%m-%d), series $(kgit log -1 --format='%h %s' HEAD)"
	echo "# $(nproc) CPUs, $(awk '/MemTotal/ { printf "%d GiB", $2 / 1048576 + 0.5 }' /proc/meminfo),"\
	     "x86 test VM under QEMU TCG (nested KVM), 'regress' kernel config;"
	echo "# median of $runs runs per mode; ratio = in-place / VM (7.3)"
	printf '%-72s %12s %12s %8s  %s\n' measurement in-place "VM (7.3)" ratio unit
	awk -F'\t' 'NR == FNR { off[$1] = $2; next }
		    { r = (off[$1] > 0) ? sprintf("%.2f", $2 / off[$1]) : "-"
		      printf "%-72s %12s %12s %8s  %s\n", $1, $2, ($1 in off) ? off[$1] : "-", r, $3 }' \
		"$LOGS/bench-off.tsv" "$LOGS/bench-on.tsv"
} | tee "$LOGS/bench.txt"
