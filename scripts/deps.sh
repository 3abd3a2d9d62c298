#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Install the Debian packages the workspace needs (as root), or print the
# apt-get line that would.
. "$(dirname "$0")/lib.sh"

packages=(
	# kernel and selftest build
	gcc make git bc bison flex perl xz-utils cpio ccache libelf-dev
	libssl-dev libc6-dev python3
	# the series as a b4 prep branch (make tree, make series, check-apply)
	b4 git-filter-repo
	# the maple tree's userspace test suite
	liburcu-dev
	# the test VMs (x86, arm64) and the arm64 kernel and selftests
	qemu-system-x86 qemu-system-arm busybox-static
	gcc-aarch64-linux-gnu libc6-dev-arm64-cross
	# the build matrix: cross compilers, clang, sparse's build
	gcc-riscv64-linux-gnu gcc-s390x-linux-gnu gcc-powerpc64le-linux-gnu
	clang-19 lld-19 llvm-19
	# htmldocs
	python3-sphinx python3-sphinx-rtd-theme python3-yaml
	# checkpatch.pl's SPDX check
	python3-ply python3-git
)

missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

line="apt-get install -y --no-install-recommends ${missing[*]}"
[ "$(id -u)" -eq 0 ] || die "missing packages; as root run: apt-get update && $line"

info "installing: ${missing[*]}"
log=${TMPDIR:-/tmp}/gmem-apt.log
export DEBIAN_FRONTEND=noninteractive
apt-get update >"$log" 2>&1 || die "apt-get update failed (log: $log)"
# shellcheck disable=SC2086
$line >>"$log" 2>&1 || die "apt-get install failed (log: $log): $line"
