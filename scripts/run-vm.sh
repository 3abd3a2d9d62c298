#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Boot the test kernel with build/initramfs.cpio under QEMU (TCG: the host's
# /dev/kvm cannot run it), with an AMD CPU model that has SVM and NPT so KVM
# works nested inside the guest.
#   run-vm.sh LOG TIMEOUT [CMDLINE...]   serial console to LOG, killed at TIMEOUT s
#   run-vm.sh --shell [CMDLINE...]       interactive shell on this terminal
. "$(dirname "$0")/lib.sh"

kernel=$KOBJ/arch/x86/boot/bzImage
[ -f "$kernel" ] || die "no test kernel ($kernel): run 'make kernel'"
[ -f "$BUILD/initramfs.cpio" ] || die "no initramfs: run scripts/mkinitramfs.sh"

# Under TCG the guest's TSC calibration fails on about half the boots, and
# then every x86 selftest dies on KVM_GET_TSC_KHZ: give the frequency.
cmdline="console=ttyS0 loglevel=4 panic=5 tsc_early_khz=2000000 tsc=reliable"

qemu=(
	qemu-system-x86_64 -nodefaults -no-reboot -display none
	-machine q35 -accel tcg,thread=multi -cpu max -smp 2 -m 4G
	-kernel "$kernel" -initrd "$BUILD/initramfs.cpio"
)

if [ "${1:-}" = --shell ]; then
	shift
	exec "${qemu[@]}" -serial mon:stdio -append "$cmdline gmem.shell $*"
fi

log=$1 limit=$2
shift 2
: >"$log"
rc=0
timeout -k 10 "$limit" "${qemu[@]}" -monitor none -serial "file:$log" \
	-append "$cmdline $*" >>"$log.qemu" 2>&1 || rc=$?
if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
	tail -15 "$log" | sed 's/^/    /' >&2
	die "test VM timed out after ${limit}s (log: $log)"
fi
[ $rc -eq 0 ] || { cat "$log.qemu" >&2; die "qemu failed with exit code $rc (log: $log)"; }
