#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Install the Debian packages the workspace needs (as root), or print the
# apt-get line that would.
. "$(dirname "$0")/lib.sh"

packages=(
	# kernel and selftest build
	gcc make git bc bison flex perl xz-utils cpio ccache libelf-dev
	libssl-dev libc6-dev python3
	# the maple tree's userspace test suite
	liburcu-dev
	# the test VM
	qemu-system-x86 busybox-static
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
