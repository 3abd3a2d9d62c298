#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build the KVM selftests of the flavour's list (tests/selftests*.list) out
# of tree, statically, for the flavour's architecture, against the UAPI
# headers exported by the flavour's kernel build.
#   build-selftests.sh [OBJ OUT]   headers of kernel build OBJ, binaries to OUT;
#                                  tests whose source is absent are skipped
#   build-selftests.sh --base      the base's own (7.3.4) versions of the tests
#                                  into build/selftests[-ARCH]-base, for the
#                                  "off" mode
# The series' tests build with the selftests' own flags and -Werror: they
# are warning-free, and a new warning fails the build (the base's are built
# as they are).
. "$(dirname "$0")/lib.sh"

src=$KSRC
werror=-Werror
if [ "${1:-}" = --base ]; then
	src=$(base_src)
	set -- "$KOBJ" "$SELFTESTS-base"
fi
[ "$src" = "$BUILD/linux" ] || werror=

obj=${1:-$KOBJ}
out=${2:-$SELFTESTS}
hdr=$obj/usr/include
[ -f "$hdr/linux/kvm.h" ] || die "no exported headers in $hdr: build the test kernel first"

targets=() examples=()
while read -r t _ args; do
	# "repeat TIMEOUT N TEST ARGS" (tests/repeat) runs TEST.
	[ "$t" = repeat ] && t=$(awk '{ print $2 }' <<<"$args")
	case $t in
	examples/*)	# the workspace's own programs (README.md), not selftests
		[ $# -gt 0 ] || examples+=("$t")
		continue ;;
	esac
	if [ $# -gt 0 ] && [ ! -f "$src/tools/testing/selftests/kvm/$t.c" ]; then
		continue
	fi
	targets+=("$out/$t")
done < <(cat "$TESTLIST" ${TESTLIST_SINGLE:+"$TESTLIST_SINGLE"} | grep -v '^#' | grep .)

mkdir -p "$out"
log=$out/.build.log
info "building selftests: ${#targets[@]} tests"
# LDFLAGS from the environment: the selftest Makefile appends to it.
if ! LDFLAGS=-static make -C "$src/tools/testing/selftests/kvm" -j"$JOBS" \
	ARCH="$STARCH" ${KCROSS:+CROSS_COMPILE=$KCROSS} OUTPUT="$out" KHDR_INCLUDES="-isystem $hdr" \
	EXTRA_CFLAGS="$werror" \
	LINUX_HDR_PATH="$hdr/" "${targets[@]}" >"$log" 2>&1; then
	grep -E 'error|Error|warning' "$log" | head -20 >&2
	die "selftest build failed (log: $log)"
fi
for t in "${examples[@]}"; do
	mkdir -p "$out/${t%/*}"
	"${KCROSS}gcc" -Wall -Wextra -Werror -O2 -static -isystem "$hdr" \
		-o "$out/$t" "$TOP/$t.c" >>"$log" 2>&1 ||
		die "cannot build $t (log: $log)"
done
