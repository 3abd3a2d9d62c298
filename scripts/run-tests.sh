#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Run selftests in the test VM and report them as TAP.
#   run-tests.sh [TEST...]   default: all of tests/selftests.list (and of
#                            tests/selftests-tcg-single.list on x86)
# MODES picks the kvm.gmem_in_place_conversion modes, one boot each: "on"
# (=1) and "off" (=0) by default, whatever the kernel's default is;
# "default" boots without the parameter (e.g. a kernel without the series).
# Both modes offer PMD-sized guest_memfd folios (kvm.gmem_huge_pmd=1), which
# need in-place conversion: "off" checks that they are then refused.
# FLAVOUR picks the kernel (see lib.sh); results of flavours other than
# debug are tagged with it.
# With the parameter off, KVM must behave as 7.3: that mode also runs the
# base's own versions of the tests (base/NAME), if build-selftests.sh --base
# built them, unless the kernel can't turn in-place conversion off (no
# per-VM memory attributes).
# The tests of TESTLIST_SINGLE (lib.sh) run in a boot of their own, with
# QEMU's single-threaded TCG: see that list for why.
# Appends "PASS|FAIL|SKIP name" lines to $RESULTS (default build/logs/results).
. "$(dirname "$0")/lib.sh"

RESULTS=${RESULTS:-$LOGS/results}
mkdir -p "$LOGS"

# What makes a run fail whatever the tests printed.
bad_dmesg='WARNING:|BUG:|Oops|KASAN:|UBSAN:|possible (circular|recursive) locking|inconsistent lock state|DEBUG_LOCKS_WARN_ON|turning off the locking correctness validator|suspicious RCU usage|general protection fault|Kernel panic|INFO: task .* blocked|suspected memory leak'

result() {	# result PASS|FAIL|SKIP name [why]
	echo "$1 $2${3:+ ($3)}" >>"$RESULTS"
	[ "$1" = PASS ] || echo "$1: $2${3:+: $3}" >&2
}

# Whether kvm.gmem_in_place_conversion=0 gives 7.3: not if the kernel has
# private memory but no per-VM memory attributes.
off_is_7_3() {
	! grep -qx CONFIG_KVM_GENERIC_MEMORY_ATTRIBUTES=y "$KOBJ/.config" ||
		grep -qx CONFIG_KVM_VM_MEMORY_ATTRIBUTES=y "$KOBJ/.config" ||
		! grep -q CONFIG_KVM_VM_MEMORY_ATTRIBUTES "$KOBJ/.config"
}

run_mode() {	# run_mode MODE [TAG-SUFFIX]: boot with build/initramfs.cpio
	local mode=$1 cmdline= log t status dm list=$BUILD/initramfs/tests.list limit
	local tag=$mode
	[ "$FLAVOUR" = debug ] || tag="$FLAVOUR $mode"
	tag="$tag${2:-}"
	case $mode in
	on) cmdline="kvm.gmem_in_place_conversion=1 kvm.gmem_huge_pmd=1" ;;
	off) cmdline="kvm.gmem_in_place_conversion=0 kvm.gmem_huge_pmd=1"
	     if off_is_7_3; then
		cmdline="$cmdline gmem.base_tests"
		cat "$BUILD/initramfs/tests.list" "$BUILD/initramfs/tests-base.list" >"$LOGS/tests-off.list"
		list=$LOGS/tests-off.list
	     fi ;;
	default) ;;
	*) die "unknown mode '$mode' (on, off, default)" ;;
	esac
	# Boot (KASAN, under TCG) and dmesg take a while on top of the tests.
	limit=$(awk '{ s += $2 } END { print s + 300 }' "$list")
	log=$LOGS/vm-${tag// /-}.log
	info "test VM, $FLAVOUR kernel, mode $mode${cmdline:+ ($cmdline)}: $(wc -l <"$list") test(s), limit ${limit}s"
	if ! "$TOP/scripts/run-vm.sh" "$log" "$limit" $cmdline; then
		while read -r t _; do
			grep -qE "^(not )?ok [0-9]+ selftests: kvm: $t( |$)" "$log" ||
				result FAIL "$t [$tag]" "no result (VM died or timed out)"
		done <"$list"
	fi
	tr -d '\r' <"$log" >"$log.txt"
	if grep -q '^gmem: insmod .* failed' "$log.txt"; then
		result FAIL "load KVM modules [$tag]" "$(grep -m1 '^insmod:' "$log.txt")"
	fi
	# A kernel built from a 7.3 configuration (per-VM memory attributes)
	# keeps the 7.3 behaviour unless told otherwise.
	if [ "$mode" = on ] && [ -z "${2:-}" ] &&
	   grep -q '^gmem: default gmem_in_place_conversion=' "$log.txt"; then
		want=Y
		grep -qx CONFIG_KVM_VM_MEMORY_ATTRIBUTES=y "$KOBJ/.config" && want=N
		grep -qx CONFIG_KVM_GUEST_MEMFD=y "$KOBJ/.config" || want=absent
		got=$(sed -n 's/^gmem: default gmem_in_place_conversion=//p' "$log.txt" | head -1)
		if [ "$got" = "$want" ]; then
			result PASS "default kvm.gmem_in_place_conversion=$want [$FLAVOUR]"
		else
			result FAIL "default kvm.gmem_in_place_conversion [$FLAVOUR]" "$got, wanted $want"
		fi
	fi
	# The tests' output, as TAP.
	sed -n '/^TAP version/,/^<<<gmem-dmesg/p' "$log.txt" | grep -v '^<<<gmem-dmesg'
	while read -r t _; do
		status=$(grep -E "^(not )?ok [0-9]+ selftests: kvm: $t( |$)" "$log.txt" | head -1 || true)
		case $status in
		"") grep -qF "FAIL $t [$tag]" "$RESULTS" 2>/dev/null ||
			result FAIL "$t [$tag]" "no result" ;;
		ok*"# SKIP"*)
			why=$(sed -n "/^# selftests: kvm: ${t//\//\\/}\$/,/^ok /s/^# .*SKIP *-* *//p" "$log.txt" | head -1)
			result SKIP "$t [$tag]" "${why:-skipped}" ;;
		ok*)	# A kselftest harness test whose every case skipped.
			why=$(sed -n "/^# selftests: kvm: ${t//\//\\/}\$/,/^ok /p" "$log.txt" |
			      grep -q '^# # Totals: pass:0 fail:0 xfail:0 xpass:0 skip:[1-9]' &&
			      sed -n "/^# selftests: kvm: ${t//\//\\/}\$/,/^ok /s/^# #  *SKIP  *//p" "$log.txt" | head -1) || true
			if [ -n "$why" ]; then
				result SKIP "$t [$tag]" "every case: $why"
			else
				result PASS "$t [$tag]"
			fi ;;
		*) result FAIL "$t [$tag]" "${status#*#}" ;;
		esac
	done <"$list"
	if ! grep -q '^gmem-dmesg>>>' "$log.txt"; then
		dm=$(grep -E "$bad_dmesg" "$log.txt" | head -3 || true)
		# QEMU exits on a reset (-no-reboot), a triple fault included.
		grep -q 'Triple fault' "$log.cpu" 2>/dev/null &&
			dm="${dm:+$dm; }the test VM's CPU triple-faulted (log: $log.cpu)"
		result FAIL "guest dmesg [$tag]" "no dmesg from the guest${dm:+: $dm}"
		return
	fi
	dm=$(sed -n '/^<<<gmem-dmesg/,/^gmem-dmesg>>>/p' "$log.txt" | grep -E "$bad_dmesg" | head -5 || true)
	if [ -n "$dm" ]; then
		printf '%s\n' "$dm" | sed 's/^/    /' >&2
		result FAIL "guest dmesg [$tag]" "kernel reports (log: $log.txt)"
	else
		result PASS "guest dmesg [$tag]"
	fi
}

# The boots of each mode: each list with its TCG threading and tag suffix.
groups=("$TESTLIST|${TCG_THREAD:-multi}|")
[ -z "${TESTLIST_SINGLE:-}" ] || groups+=("$TESTLIST_SINGLE|single| tcg=single")
for t in "$@"; do
	for g in "${groups[@]}"; do
		grep -qE "^$t[[:space:]]" "${g%%|*}" && continue 2
	done
	die "$t is not in ${TESTLIST#$TOP/}${TESTLIST_SINGLE:+ or ${TESTLIST_SINGLE#$TOP/}}"
done
for m in ${MODES:-on off}; do
	for g in "${groups[@]}"; do
		IFS='|' read -r list tcg suffix <<<"$g"
		sel=()
		for t in "$@"; do
			grep -qE "^$t[[:space:]]" "$list" && sel+=("$t")
		done
		[ $# -eq 0 ] || [ ${#sel[@]} -gt 0 ] || continue
		grep -qv '^#' "$list" || continue
		TESTLIST=$list "$TOP/scripts/mkinitramfs.sh" "${sel[@]}"
		TCG_THREAD=$tcg run_mode "$m" "$suffix"
	done
done
