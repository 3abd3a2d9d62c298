#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# build/initramfs.cpio: busybox-static, the KVM modules, the selftest
# binaries and tests/init.
# Usage: mkinitramfs.sh [TEST...]  (default: every test of tests/selftests.list)
. "$(dirname "$0")/lib.sh"

bb=/bin/busybox		# from busybox-static
[ -x "$bb" ] || die "$bb not found (apt-get install busybox-static)"

root=$BUILD/initramfs
rm -rf "$root"
mkdir -p "$root"/{bin,sbin,proc,sys,dev,tmp,tests,modules}
cp "$bb" "$root/bin/busybox"
# In load order; the VM's CPU is AMD, so kvm-intel.ko is not needed.
for m in virt/lib/irqbypass arch/x86/kvm/kvm arch/x86/kvm/kvm-amd; do
	cp "$KOBJ/$m.ko" "$root/modules/" || die "no $m.ko in $KOBJ: run 'make kernel'"
	echo "${m##*/}" >>"$root/modules/order"
done
install -m 0755 "$TOP/tests/init" "$root/init"

grep -v '^#' "$TOP/tests/selftests.list" | grep . >"$root/tests.list.all"
if [ $# -gt 0 ]; then
	for t in "$@"; do
		grep -E "^$t[[:space:]]" "$root/tests.list.all" ||
			die "$t is not in tests/selftests.list"
	done >"$root/tests.list"
else
	cp "$root/tests.list.all" "$root/tests.list"
fi
rm "$root/tests.list.all"

while read -r t _; do
	[ -x "$SELFTESTS/$t" ] || die "selftest $t is not built ($SELFTESTS/$t)"
	mkdir -p "$root/tests/$(dirname "$t")"
	cp "$SELFTESTS/$t" "$root/tests/$t"
done <"$root/tests.list"

# The base's own versions of the same tests, where built (see run-tests.sh).
: >"$root/tests-base.list"
while read -r t timeout; do
	[ -x "$BUILD/selftests-base/$t" ] || continue
	mkdir -p "$root/tests/base/$(dirname "$t")"
	cp "$BUILD/selftests-base/$t" "$root/tests/base/$t"
	printf 'base/%s %s\n' "$t" "$timeout" >>"$root/tests-base.list"
done <"$root/tests.list"

(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc --quiet) >"$BUILD/initramfs.cpio"
