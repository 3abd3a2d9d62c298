#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# 0-day style builds of HEAD of build/linux beyond the kernels that the test
# VMs boot (x86 debug, nodebug and noprivate, arm64):
#  - cross builds for riscv64, s390 and powerpc64le: small configs with KVM
#    as a module and -Werror, the architecture's KVM directory (which builds
#    virt/kvm) and lib/maple_tree.o;
#  - x86 with clang-19 (LLVM=-19): arch/x86/kvm/ and lib/maple_tree.o of the
#    nodebug config;
#  - W=1 and sparse (C=2) on the C files the series touches, failing on any
#    warning that the base does not have for the same file.
# Appends "PASS|FAIL name" lines to $RESULTS.
. "$(dirname "$0")/lib.sh"

RESULTS=${RESULTS:-$LOGS/results}
mkdir -p "$LOGS"

result() {	# result NAME COMMAND...
	local name=$1
	shift
	if "$@"; then
		echo "PASS $name" >>"$RESULTS"
	else
		echo "FAIL $name" >>"$RESULTS"
		echo "FAIL: $name" >&2
	fi
}

for arch in riscv64 s390 powerpc64le; do
	case $arch in
	riscv64) kvm=arch/riscv/kvm/ ;;
	s390) kvm=arch/s390/kvm/ ;;
	powerpc64le) kvm=arch/powerpc/kvm/ ;;
	esac
	info "cross build: $arch"
	result "build $arch (KVM=m, -Werror)" \
		env FLAVOUR="cross-$arch" "$TOP/scripts/build-kernel.sh" prepare "$kvm" lib/maple_tree.o
done

info "clang build"
result "build x86 with clang-19" \
	env FLAVOUR=clang "$TOP/scripts/build-kernel.sh" prepare arch/x86/kvm/ lib/maple_tree.o

# warnings REV OUT: the W=1 and sparse warnings of the series' C files at REV,
# without line numbers.
files=$(kgit diff --name-only "$BASE_TAG" HEAD -- '*.c' ':!tools' ':!samples' ':!Documentation')
warnings() {
	local rev=$1 out=$2 obj=$BUILD/obj-warn f

	kgit checkout -q --detach "$rev"
	FLAVOUR=warn "$TOP/scripts/build-kernel.sh" prepare || return 1
	# C=2: sparse on every file of the directories, changed or not.
	FLAVOUR=warn "$TOP/scripts/build-kernel.sh" W=1 C=2 CHECK="$sparse" \
		arch/x86/kvm/ lib/maple_tree.o lib/test_maple_tree.o || true
	cp "$obj/.build.log" "$out.log"
	for f in $files; do
		grep -E "(^|/)$f:[0-9]+:([0-9]+:)? (warning|error)" "$out.log" |
			sed -E "s|^.*($f):[0-9]+:([0-9]+:)?|\1:|" || true
	done | LC_ALL=C sort -u >"$out"
}

info "W=1 and sparse on: $(echo $files)"
if ! sparse=$("$TOP/scripts/fetch-sparse.sh"); then
	echo "FAIL W=1 and sparse: no usable sparse" >>"$RESULTS"
	exit 0
fi
branch=$(kgit symbolic-ref -q --short HEAD || kgit rev-parse HEAD)
trap 'kgit checkout -q "$branch"' EXIT
if warnings HEAD "$LOGS/warnings-series" && warnings "$BASE_TAG" "$LOGS/warnings-base"; then
	new=$(LC_ALL=C comm -13 "$LOGS/warnings-base" "$LOGS/warnings-series")
	if [ -n "$new" ]; then
		printf '%s\n' "$new" | sed 's/^/    /' >&2
		echo "FAIL W=1 and sparse: $(printf '%s\n' "$new" | wc -l) new warning(s) (see $LOGS/warnings-series)" >>"$RESULTS"
	else
		echo "PASS W=1 and sparse: no new warnings ($(wc -l <"$LOGS/warnings-base") in the base)" >>"$RESULTS"
	fi
else
	echo "FAIL W=1 and sparse: the build failed" >>"$RESULTS"
fi
