#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Measure CI from a cold machine (README, Timings): purge the packages that
# scripts/deps.sh installs and a fresh Debian 12 machine of this kind does
# not have (PURGE, below), drop the backports source it adds, clone HEAD's
# repository afresh into DIR (default /tmp/cold-ci) and run .ci/run there
# with an empty cache (no ccache, no fetched base).  Prints the time taken
# and the last lines of the run; the whole log is DIR.log.
# It changes the machine's packages: run it as root on a machine given to
# this work, and not while anything else builds or boots.
set -euo pipefail
TOP=$(cd "$(dirname "$0")/.." && pwd)
DIR=${DIR:-/tmp/cold-ci}
PURGE=${PURGE:-"bison flex cpio ccache libelf-dev b4 git-filter-repo liburcu-dev
	busybox-static gcc-aarch64-linux-gnu libc6-dev-arm64-cross
	gcc-riscv64-linux-gnu gcc-s390x-linux-gnu gcc-powerpc64le-linux-gnu
	clang-19 lld-19 llvm-19 python3-sphinx python3-sphinx-rtd-theme
	python3-ply python3-git qemu-system-x86 qemu-system-arm"}

[ "$(id -u)" -eq 0 ] || { echo "cold-ci.sh: run as root" >&2; exit 1; }
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086
apt-get purge -y -qq $PURGE >"$DIR.purge.log" 2>&1
apt-get autoremove -y -qq --purge >>"$DIR.purge.log" 2>&1
rm -f /etc/apt/sources.list.d/gmem-inplace-backports.list
apt-get update -qq >>"$DIR.purge.log" 2>&1

rm -rf "$DIR" "$DIR.cache"
git clone -q "$TOP" "$DIR"
cd "$DIR"
echo "cold CI of $(git log -1 --format='%h %s'), started $(date -u '+%F %T')"
start=$(date +%s)
rc=0
XDG_CACHE_HOME=$DIR.cache .ci/run >"$DIR.log" 2>&1 || rc=$?
echo "cold CI: exit $rc after $(( $(date +%s) - start )) s"
grep '^==> \[' "$DIR.log" || true
tail -1 "$DIR.log"
exit $rc
