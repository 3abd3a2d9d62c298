#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Boot the flavour's test kernel with build/initramfs.cpio under QEMU's
# software emulation (TCG: the host's /dev/kvm cannot run it), with a CPU
# model that lets KVM run nested inside the guest: on x86 an AMD model with
# SVM and NPT, on arm64 "max" at EL2 (virtualization=on).
#   run-vm.sh LOG TIMEOUT [CMDLINE...]   serial console to LOG, killed at TIMEOUT s
#   run-vm.sh --shell [CMDLINE...]       interactive shell on this terminal
# QEMU= picks the emulator: default the installed qemu-system-ARCH (10.0,
# from Debian 12's backports: see deps.sh), "7.2" Debian 12's own QEMU
# (fetched into the cache by fetch-qemu.sh, to compare with), or a path.
# TCG_THREAD=single runs QEMU's TCG in one host thread (default: multi, one
# per CPU).
. "$(dirname "$0")/lib.sh"

kernel=$KOBJ/$KIMAGE
[ -f "$kernel" ] || die "no $FLAVOUR kernel ($kernel): run 'make kernel FLAVOUR=$FLAVOUR'"
[ -f "$BUILD/initramfs.cpio" ] || die "no initramfs: run scripts/mkinitramfs.sh"

tcg_thread=${TCG_THREAD:-multi}
case ${QEMU:-} in
"") qemu_bin=qemu-system-${KARCH/arm64/aarch64} ;;
[0-9]*) qemu_bin=$("$TOP/scripts/fetch-qemu.sh" "$QEMU") ;;
*) qemu_bin=$QEMU ;;
esac
case $KARCH in
x86_64)
	# Under TCG the guest's TSC calibration fails on about half the
	# boots, and then every x86 selftest dies on KVM_GET_TSC_KHZ: give
	# the frequency.
	cmdline="console=ttyS0 loglevel=4 panic=5 tsc_early_khz=2000000 tsc=reliable"
	qemu=(
		"$qemu_bin" -nodefaults -no-reboot -display none
		-machine q35 -accel tcg,thread=$tcg_thread -cpu ${QEMU_CPU:-max} -smp 2 -m 4G
	) ;;
arm64)
	cmdline="console=ttyAMA0 loglevel=4 panic=5"
	qemu=(
		"$qemu_bin" -nodefaults -no-reboot -display none
		-machine virt,virtualization=on,gic-version=3
		-accel tcg,thread=$tcg_thread -cpu max -smp 2 -m 2G
	) ;;
esac
qemu+=(-kernel "$kernel" -initrd "$BUILD/initramfs.cpio")

if [ "${1:-}" = --shell ]; then
	shift
	exec "${qemu[@]}" -serial mon:stdio -append "$cmdline gmem.shell $*"
fi

log=$1 limit=$2
shift 2
: >"$log"
"$qemu_bin" --version | head -1 >"$log.qemu"
echo "qemu: $(cat "$log.qemu"), -accel tcg,thread=$tcg_thread" >&2
rc=0
# -d cpu_reset: QEMU exits on a reset of the test VM (-no-reboot), so that
# a triple fault would otherwise look like a reboot; log it with the CPU's
# state.
timeout -k 10 "$limit" "${qemu[@]}" -monitor none -serial "file:$log" \
	-d cpu_reset -D "$log.cpu" -append "$cmdline $*" >>"$log.qemu" 2>&1 || rc=$?
if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
	tail -15 "$log" | sed 's/^/    /' >&2
	die "test VM timed out after ${limit}s (log: $log)"
fi
[ $rc -eq 0 ] || { cat "$log.qemu" >&2; die "qemu failed with exit code $rc (log: $log)"; }
