# SPDX-License-Identifier: GPL-2.0
# Common settings for the workspace scripts.  Source it, do not run it.

set -euo pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-$TOP/build}
KSRC=${GMEM_KSRC:-$BUILD/linux}	# kernel git tree: base + series/
# The test kernel's flavour: "debug" (lockdep, KASAN, DEBUG_VM) in build/obj,
# "nodebug" (the same kernel without the debugging set: production-like
# timing) in build/obj-nodebug.
FLAVOUR=${FLAVOUR:-debug}
case $FLAVOUR in
debug) KOBJ=$BUILD/obj ;;		# kernel build, O= output
nodebug) KOBJ=$BUILD/obj-nodebug ;;
*) echo "FLAVOUR must be debug or nodebug, not '$FLAVOUR'" >&2; exit 1 ;;
esac
SELFTESTS=$BUILD/selftests		# selftest binaries, OUTPUT=
LOGS=$BUILD/logs
CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/gmem-inplace

BASE_PKG=linux-source-7.3
BASE_VERSION=7.3.4-1~bpo13+1
BASE_SUITE=trixie-backports
# The pinned base (SPEC.md); BASE_TARBALL and BASE_SHA256 select another.
BASE_SHA256=${BASE_SHA256:-76df1affb19f24926949369be1d74b60071c963c598ce8780bddd4bbf0fc3bc4}
BASE_TAG=base

# The project identity used for every commit of the series.
GIT_NAME="gmem-inplace"
GIT_EMAIL="gmem-inplace@example.org"

JOBS=${JOBS:-$(nproc)}

die() { printf '%s: error: %s\n' "${0##*/}" "$*" >&2; exit 1; }
info() { printf '==> %s\n' "$*" >&2; }

kgit() { git -C "$KSRC" "$@"; }

# make for the kernel tree; ccache when it is there.
kmake() {
	local cc=gcc
	command -v ccache >/dev/null && cc="ccache gcc"
	make -C "$KSRC" -s -j"$JOBS" ARCH=x86_64 CC="$cc" HOSTCC="$cc" "$@"
}
