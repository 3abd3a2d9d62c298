#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Install the Debian packages the workspace needs (as root), or print the
# apt-get lines that would.  QEMU comes from Debian 12's backports (10.0):
# with 7.2's multi-threaded TCG, nested SVM guests that run vCPUs triple
# fault or corrupt the test VM (README, Status).  The backports suite is
# added to apt's sources, on the Debian archive apt is already configured
# with.
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
	busybox-static
	gcc-aarch64-linux-gnu libc6-dev-arm64-cross
	# the build matrix: cross compilers, clang, sparse's build
	gcc-riscv64-linux-gnu gcc-s390x-linux-gnu gcc-powerpc64le-linux-gnu
	clang-19 lld-19 llvm-19
	# htmldocs
	python3-sphinx python3-sphinx-rtd-theme python3-yaml
	# checkpatch.pl's SPDX check
	python3-ply python3-git
)

# From the backports suite, at least this version.
bpo_packages=(qemu-system-x86 qemu-system-arm)
bpo_version=1:10.0

installed() {	# installed PACKAGE [MINIMUM-VERSION]
	local v
	v=$(dpkg-query -W -f='${Status} ${Version}\n' "$1" 2>/dev/null) || return 1
	case $v in "install ok installed "*) ;; *) return 1 ;; esac
	[ -z "${2:-}" ] || dpkg --compare-versions "${v##* }" ge "$2"
}

missing=() bpo_missing=()
for p in "${packages[@]}"; do
	installed "$p" || missing+=("$p")
done
for p in "${bpo_packages[@]}"; do
	installed "$p" "$bpo_version" || bpo_missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && [ ${#bpo_missing[@]} -eq 0 ] && exit 0

# The machine's Debian archive and release as apt is configured (the same
# lookup as apt_private in lib.sh): no host name of our own.
read -r mirror codename < <(apt-get indextargets --format '$(ORIGIN) $(LABEL) $(REPO_URI) $(CODENAME)' 2>/dev/null |
	awk '$1 == "Debian" && $2 == "Debian" && $4 !~ /-/ { print $3, $4; exit }') ||
	die "no Debian archive in apt's configuration"
bpo=$codename-backports
bpo_list=/etc/apt/sources.list.d/gmem-inplace-backports.list
bpo_entry="deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror $bpo main"

line="apt-get install -y --no-install-recommends ${missing[*]}"
bpo_line="apt-get install -y --no-install-recommends -t $bpo ${bpo_missing[*]}"
[ "$(id -u)" -eq 0 ] ||
	die "missing packages; as root add '$bpo_entry' to $bpo_list, then run: apt-get update && $line && $bpo_line"

info "installing: ${missing[*]}${bpo_missing[*]:+ ${bpo_missing[*]} ($bpo)}"
log=${TMPDIR:-/tmp}/gmem-apt.log
export DEBIAN_FRONTEND=noninteractive
# Backports are never installed unless asked for (-t): adding the suite
# changes no other package.
[ ${#bpo_missing[@]} -eq 0 ] || echo "$bpo_entry" >"$bpo_list"
apt-get update >"$log" 2>&1 || die "apt-get update failed (log: $log)"
if [ ${#missing[@]} -gt 0 ]; then
	# shellcheck disable=SC2086
	$line >>"$log" 2>&1 || die "apt-get install failed (log: $log): $line"
fi
if [ ${#bpo_missing[@]} -gt 0 ]; then
	# shellcheck disable=SC2086
	$bpo_line >>"$log" 2>&1 || die "apt-get install failed (log: $log): $bpo_line"
	for p in "${bpo_missing[@]}"; do
		installed "$p" "$bpo_version" ||
			die "$p: $bpo has no version $bpo_version or later (log: $log)"
	done
fi
