#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# build/initramfs.cpio: busybox-static, the KVM modules, the selftest
# binaries and tests/init.
# Usage: mkinitramfs.sh [TEST...]  (default: every test of tests/selftests.list)
. "$(dirname "$0")/lib.sh"

# busybox-static of the kernel's architecture; the KVM modules in load order
# (the x86 VM's CPU is AMD, so kvm-intel.ko is not needed; arm64 KVM is
# built in).
case $KARCH in
x86_64)	bb=/bin/busybox
	[ -x "$bb" ] || die "$bb not found (apt-get install busybox-static)"
	modules="virt/lib/irqbypass arch/x86/kvm/kvm arch/x86/kvm/kvm-amd" ;;
*)	bb=$("$TOP/scripts/fetch-busybox.sh" "$KARCH")
	modules= ;;
esac

root=$BUILD/initramfs
rm -rf "$root"
mkdir -p "$root"/{bin,sbin,proc,sys,dev,tmp,tests,modules}
cp "$bb" "$root/bin/busybox"
: >"$root/modules/order"
for m in $modules; do
	cp "$KOBJ/$m.ko" "$root/modules/" || die "no $m.ko in $KOBJ: run 'make kernel'"
	echo "${m##*/}" >>"$root/modules/order"
done
install -m 0755 "$TOP/tests/init" "$root/init"

grep -v '^#' "$TESTLIST" | grep . >"$root/tests.list.all"
if [ $# -gt 0 ]; then
	for t in "$@"; do
		grep -E "^$t[[:space:]]" "$root/tests.list.all" ||
			die "$t is not in ${TESTLIST#$TOP/}"
	done >"$root/tests.list"
else
	cp "$root/tests.list.all" "$root/tests.list"
fi
rm "$root/tests.list.all"

while read -r t _ args; do
	# "repeat TIMEOUT N TEST ARGS" runs TEST N times (tests/repeat).
	if [ "$t" = repeat ]; then
		install -m 0755 "$TOP/tests/repeat" "$root/tests/repeat"
		t=$(awk '{ print $2 }' <<<"$args")
	fi
	[ -x "$SELFTESTS/$t" ] || die "selftest $t is not built ($SELFTESTS/$t)"
	mkdir -p "$root/tests/$(dirname "$t")"
	cp "$SELFTESTS/$t" "$root/tests/$t"
done <"$root/tests.list"

# The base's own versions of the same tests, where built (see run-tests.sh),
# unless BASE_TESTS=0.
: >"$root/tests-base.list"
[ "${BASE_TESTS:-1}" = 0 ] ||
while read -r t timeout _; do
	[ -x "$SELFTESTS-base/$t" ] || continue
	mkdir -p "$root/tests/base/$(dirname "$t")"
	cp "$SELFTESTS-base/$t" "$root/tests/base/$t"
	printf 'base/%s %s\n' "$t" "$timeout" >>"$root/tests-base.list"
done <"$root/tests.list"

(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc --quiet) >"$BUILD/initramfs.cpio"
