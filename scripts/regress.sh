#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make regress: the whole x86 KVM selftest suite, base against series.
#
# Builds the base (7.3.4) and the series kernel with the same configuration
# (the test kernels' x86 set without the debugging options, with per-VM
# memory attributes, as a kernel built from a 7.3 configuration has them),
# and every x86 KVM selftest of the base and of the series.  Runs in the
# test VM, one boot per column, every test with a timeout:
#   base      the base's tests on the base kernel
#   series=1  the series' tests on the series kernel, in-place conversion on
#   series=0  the series' tests on the series kernel, in-place conversion off
# A test that crashes the VM is recorded as CRASH and the rest of the list
# runs in a new boot.  A regression is a test that passes on the base and
# fails, hangs (TIMEOUT), crashes or newly skips in either series column.
# Writes the table and the verdict to tests/regress-x86.txt (REGRESS_OUT=).
# Exits non-zero on a regression.  REGRESS_COLUMNS= runs only some of the
# columns ("base series1 series0"), REGRESS_TABLE_ONLY=1 writes the table
# again from the results of earlier runs.
. "$(dirname "$0")/lib.sh"

OUT=${REGRESS_OUT:-$TOP/tests/regress-x86.txt}
TIMEOUT=${REGRESS_TIMEOUT:-300}		# per test, seconds
work=$BUILD/regress
mkdir -p "$work" "$LOGS"
start=$(date +%s)

# Tests that need more than the default time under TCG, and tests whose
# reason to be left out is known: "NAME SECONDS" or "NAME skip REASON".
overrides=$TOP/tests/regress-overrides

# build TREE: the kernel and all x86 KVM selftests of TREE (base or series).
build() {
	local tree=$1 src flavour

	case $tree in
	base)	src=$(base_src) flavour=regress-base ;;
	series)	src=$KSRC flavour=regress ;;
	esac
	GMEM_KSRC=$src FLAVOUR=$flavour "$TOP/scripts/build-kernel.sh" ||
		die "the $tree kernel did not build"
	info "building every x86 KVM selftest of the $tree"
	rm -rf "$work/selftests-$tree"
	if ! LDFLAGS=-static make -C "$src/tools/testing/selftests/kvm" -j"$JOBS" \
		ARCH=x86 OUTPUT="$work/selftests-$tree" \
		KHDR_INCLUDES="-isystem $BUILD/obj-$flavour/usr/include" \
		LINUX_HDR_PATH="$BUILD/obj-$flavour/usr/include/" \
		>"$work/selftests-$tree.log" 2>&1; then
		grep -m5 -E 'error' "$work/selftests-$tree.log" >&2
		die "the $tree selftests did not build (log: $work/selftests-$tree.log)"
	fi
	# The list: every executable, with its timeout.
	(cd "$work/selftests-$tree" && find . -type f -perm -u+x ! -name '*.o' ! -path './lib*' |
	 sed 's|^\./||' | LC_ALL=C sort) |
	while read -r t; do
		o=$(awk -v t="$t" '$1 == t && $2 ~ /^[0-9]+$/ { print $2 }' "$overrides")
		echo "$t ${o:-$TIMEOUT}"
	done >"$work/list-$tree"
}

# column NAME TREE FLAVOUR CMDLINE: run the TREE's tests on FLAVOUR's kernel,
# booting again after a crash, into $work/NAME.results ("TEST STATUS REASON").
column() {
	local name=$1 tree=$2 flavour=$3 cmdline=$4 todo log t n boot=0
	local list=$work/list-$tree
	local res=$work/$name.results

	: >"$res"
	cp "$list" "$work/todo"
	while [ -s "$work/todo" ]; do
		boot=$((boot + 1))
		log=$LOGS/regress-$name-$boot.log
		info "[$(( ($(date +%s) - start) / 60 )) min] $name: $(wc -l <"$work/todo") test(s), boot $boot"
		FLAVOUR=$flavour SELFTESTS=$work/selftests-$tree TESTLIST=$work/todo BASE_TESTS=0 \
			"$TOP/scripts/mkinitramfs.sh" >/dev/null
		FLAVOUR=$flavour "$TOP/scripts/run-vm.sh" "$log" \
			"$(awk '{ s += $2 } END { print s + 300 }' "$work/todo")" $cmdline || true
		tr -d '\r' <"$log" >"$log.txt"
		: >"$work/todo.next"
		n=0
		while read -r t timeout; do
			status=$(grep -m1 -E "^(not )?ok [0-9]+ selftests: kvm: $t( |\$)" "$log.txt" || true)
			case $status in
			"")	if [ $n = 0 ]; then
					# The test that was running when the VM died.
					echo "$t CRASH $(grep -m1 -E 'BUG:|Oops|Kernel panic|timed out' "$log.txt" || echo 'VM died')" >>"$res"
				else
					echo "$t $timeout" >>"$work/todo.next"
				fi
				n=$((n + 1)) ;;
			ok*"# SKIP"*)
				why=$(sed -n "/^# selftests: kvm: ${t//\//\\/}\$/,/^ok /p" "$log.txt" |
				      grep -m1 -E 'SKIP|Requirement not met|not supported' | sed 's/^# *//')
				echo "$t SKIP ${why:-skipped}" >>"$res" ;;
			ok*)	echo "$t PASS" >>"$res" ;;
			*TIMEOUT*) echo "$t TIMEOUT ${timeout}s" >>"$res" ;;
			*)	echo "$t FAIL ${status##*# }" >>"$res" ;;
			esac
		done <"$work/todo"
		mv "$work/todo.next" "$work/todo"
		# Kernel reports in dmesg, per boot.
		if sed -n '/^<<<gmem-dmesg/,/^gmem-dmesg>>>/p' "$log.txt" |
		   grep -qE 'WARNING:|BUG:|Oops|KASAN:|UBSAN:|possible (circular|recursive) locking|Kernel panic'; then
			echo "dmesg of $name boot $boot has kernel reports (log: $log.txt)" >>"$work/dmesg-reports"
		fi
	done
}

all="base series1 series0"
if [ -z "${REGRESS_TABLE_ONLY:-}" ]; then
	: >"$work/dmesg-reports"
	info "building the base and the series"
	build base
	build series
	for c in ${REGRESS_COLUMNS:-$all}; do
		t0=$(date +%s)
		case $c in
		base)	 column base base regress-base "" ;;
		series1) column series1 series regress "kvm.gmem_in_place_conversion=1" ;;
		series0) column series0 series regress "kvm.gmem_in_place_conversion=0" ;;
		*)	 die "unknown column '$c' ($all)" ;;
		esac
		echo "$(( ($(date +%s) - t0) / 60 ))" >"$work/$c.minutes"
	done
fi
touch "$work/dmesg-reports"
for c in $all; do
	[ -f "$work/$c.results" ] || : >"$work/$c.results"
done

# The table: every test of either tree.
status_of() { awk -v t="$2" '$1 == t { print $2; exit }' "$work/$1.results"; }
reason_of() { awk -v t="$2" '$1 == t { $1 = $2 = ""; sub(/^ +/, ""); print; exit }' "$work/$1.results"; }
regressions=0
{
	echo "# make regress: every x86 KVM selftest, base against series"
	echo "# date: $(date -u +%Y-%m-%d), series: $(kgit log -1 --format='%h %s' HEAD)"
	echo "# base: $(kgit rev-parse --short "$BASE_TAG") (Linux 7.3.4); kernels: config/{base,kvm,regress}.config"
	echo "# test VM: $(head -1 "$(ls -t "$LOGS"/regress-*.log.qemu | head -1)"), TCG thread=${TCG_THREAD:-multi}"
	echo "# columns: base tests on the base kernel; series tests on the series kernel"
	echo "# with kvm.gmem_in_place_conversion=1 and =0; per-test timeout ${TIMEOUT}s"
	echo "# (tests/regress-overrides); minutes per column:$(for c in $all; do
		printf ' %s %s' $c "$(cat "$work/$c.minutes" 2>/dev/null || echo -)"; done)"
	echo
	printf '%-48s %-8s %-9s %-9s %s\n' TEST BASE SERIES=1 SERIES=0 NOTE
	for t in $(cat "$work/list-base" "$work/list-series" | awk '{ print $1 }' | LC_ALL=C sort -u); do
		b=$(status_of base "$t") s1=$(status_of series1 "$t") s0=$(status_of series0 "$t")
		note=
		for c in series1 series0; do
			s=$(status_of $c "$t")
			if [ "$b" = PASS ] && [ -n "$s" ] && [ "$s" != PASS ]; then
				note="REGRESSION"
			fi
		done
		[ -n "$note" ] && regressions=$((regressions + 1))
		[ -z "$b" ] && note=${note:-new test}
		for c in base series1 series0; do
			r=$(reason_of $c "$t")
			[ -n "$r" ] && { note="${note:+$note; }$r"; break; }
		done
		printf '%-48s %-8s %-9s %-9s %s\n' "$t" "${b:--}" "${s1:--}" "${s0:--}" "$note"
	done
	echo
	notrun=
	for c in $all; do
		if [ -s "$work/$c.results" ]; then
			echo "# $c: $(awk '{ print $2 }' "$work/$c.results" | sort | uniq -c | awk '{ printf "%s %s, ", $1, $2 }' | sed 's/, $//')"
		else
			echo "# $c: not run"
			notrun="$notrun $c"
		fi
	done
	sed 's/^/# /' "$work/dmesg-reports"
	echo "# verdict: $regressions regression(s)${notrun:+ (incomplete, not run:$notrun)}"
} >"$OUT.tmp"
mv "$OUT.tmp" "$OUT"
grep -E '^# (base|series|verdict)' "$OUT"
[ "$regressions" -eq 0 ] && [ -z "$notrun" ] && ! grep -q "^dmesg of series" "$work/dmesg-reports"
