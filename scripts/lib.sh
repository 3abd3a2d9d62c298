# SPDX-License-Identifier: GPL-2.0
# Common settings for the workspace scripts.  Source it, do not run it.

set -euo pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-$TOP/build}
KSRC=${GMEM_KSRC:-$BUILD/linux}	# kernel git tree: base + series/
# The test kernel's flavour, i.e. its architecture and config fragments
# (config/NAME.config, merged in this order), and where it is built:
#   debug      x86, lockdep, KASAN, DEBUG_VM; per-VM memory attributes
#   nodebug    x86, production-like timing; no per-VM memory attributes
#   noprivate  x86 without any VM type with private memory (no SW-protected,
#              SEV or TDX VMs)
#   arm64      arm64, KVM built in
FLAVOUR=${FLAVOUR:-debug}
# KSEED: a build of another flavour whose config differs in a few options
# only; a first build of the flavour starts from a copy of it, so that kbuild
# rebuilds only what those options change (see build-kernel.sh).
KSEED=
case $FLAVOUR in
debug) KARCH=x86_64 FRAGMENTS="base kvm debug" KOBJ=$BUILD/obj ;;
nodebug) KARCH=x86_64 FRAGMENTS="base kvm nodebug" KOBJ=$BUILD/obj-nodebug ;;
noprivate) KARCH=x86_64 FRAGMENTS="base kvm nodebug noprivate" KOBJ=$BUILD/obj-noprivate
	KSEED=$BUILD/obj-nodebug ;;
arm64) KARCH=arm64 FRAGMENTS="arm64" KOBJ=$BUILD/obj-arm64 ;;
# make regress (scripts/regress.sh): the base and the series, same config.
regress) KARCH=x86_64 FRAGMENTS="base kvm regress" KOBJ=$BUILD/obj-$FLAVOUR ;;
regress-base) KARCH=x86_64 FRAGMENTS="base kvm regress" KOBJ=$BUILD/obj-$FLAVOUR ;;
# Only built (scripts/check-matrix.sh), not booted:
clang) KARCH=x86_64 FRAGMENTS="base kvm nodebug" KOBJ=$BUILD/obj-$FLAVOUR ;;
warn) KARCH=x86_64 FRAGMENTS="base kvm warn" KOBJ=$BUILD/obj-$FLAVOUR ;;
cross-riscv64) KARCH=riscv FRAGMENTS="cross-riscv64 cross" KOBJ=$BUILD/obj-$FLAVOUR ;;
cross-s390) KARCH=s390 FRAGMENTS="cross-s390 cross" KOBJ=$BUILD/obj-$FLAVOUR ;;
cross-powerpc64le) KARCH=powerpc FRAGMENTS="cross-powerpc64le cross" KOBJ=$BUILD/obj-$FLAVOUR ;;
*) echo "FLAVOUR must be debug, nodebug, noprivate, arm64, regress[-base], clang, warn or cross-{riscv64,s390,powerpc64le}, not '$FLAVOUR'" >&2; exit 1 ;;
esac
# Selftest binaries (OUTPUT=), per architecture, unless given.
case $KARCH in
x86_64) SELFTESTS=${SELFTESTS:-$BUILD/selftests} ;;
*) SELFTESTS=${SELFTESTS:-$BUILD/selftests-$KARCH} ;;
esac
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
# ccache: paths relative to the workspace, so that a clone elsewhere on the
# machine (CI's) finds what this one compiled, and room for every flavour's
# kernel and the per-patch builds.
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$TOP} CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-1}
export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-25G}

die() { printf '%s: error: %s\n' "${0##*/}" "$*" >&2; exit 1; }
info() { printf '==> %s\n' "$*" >&2; }

kgit() { git -C "$KSRC" "$@"; }

# base_src: print the path of a copy of the base's whole tree (the selftests
# reach into it: vfio drivers link drivers/ headers), extracted once per
# base commit.
base_src() {
	local src=$BUILD/base-src

	if [ "$(cat "$src/.base" 2>/dev/null)" != "$(kgit rev-parse "$BASE_TAG")" ]; then
		rm -rf "$src"
		mkdir -p "$src"
		kgit archive "$BASE_TAG" | tar -x -C "$src"
		kgit rev-parse "$BASE_TAG" >"$src/.base"
	fi
	echo "$src"
}

# apt_private DIR SUITE ARCH: set apt_opts to use a private apt state in DIR,
# with SUITE (main) of the Debian archive that the machine's apt is already
# configured with, for ARCH, and update it.  The system's sources, lists and
# cache are not touched.  SUITE "-" is the machine's own Debian suite.
apt_private() {
	local dir=$1 suite=$2 arch=$3 mirror codename

	read -r mirror codename < <(apt-get indextargets --format '$(ORIGIN) $(LABEL) $(REPO_URI) $(CODENAME)' 2>/dev/null |
		awk '$1 == "Debian" && $2 == "Debian" && $4 !~ /-/ { print $3, $4; exit }') || return 1
	[ "$suite" = - ] && suite=$codename
	mkdir -p "$dir"/{lists/partial,cache/archives/partial,sources.list.d,preferences.d}
	echo "deb [arch=$arch] $mirror $suite main" >"$dir/sources.list"
	[ -f "$dir/status" ] || : >"$dir/status"
	apt_opts=(
		-o Dir::State="$dir" -o Dir::State::Lists="$dir/lists"
		-o Dir::State::status="$dir/status" -o Dir::Cache="$dir/cache"
		-o Dir::Etc::SourceList="$dir/sources.list"
		-o Dir::Etc::SourceParts="$dir/sources.list.d"
		-o Dir::Etc::Preferences="$dir/preferences"
		-o Dir::Etc::PreferencesParts="$dir/preferences.d"
		-o APT::Architecture="$arch" -o APT::Architectures="$arch"
		-o APT::Sandbox::User=root
	)
	apt-get "${apt_opts[@]}" -qq update >/dev/null
}

# make for the kernel tree, for the flavour's architecture; ccache when it
# is there.
# Per architecture: cross compiler prefix, kernel image, selftest ARCH= and
# the list of selftests the test VM runs.
case $KARCH in
x86_64) KCROSS= KIMAGE=arch/x86/boot/bzImage STARCH=x86
	# The default list comes with the tests that need a boot of their
	# own with single-threaded TCG (run-tests.sh).
	[ -n "${TESTLIST:-}" ] ||
		TESTLIST_SINGLE=${TESTLIST_SINGLE-$TOP/tests/selftests-tcg-single.list}
	TESTLIST=${TESTLIST:-$TOP/tests/selftests.list} ;;
arm64) KCROSS=aarch64-linux-gnu- KIMAGE=arch/arm64/boot/Image STARCH=arm64
	TESTLIST=${TESTLIST:-$TOP/tests/selftests-arm64.list} ;;
riscv) KCROSS=riscv64-linux-gnu- KIMAGE= ;;
s390) KCROSS=s390x-linux-gnu- KIMAGE= ;;
powerpc) KCROSS=powerpc64le-linux-gnu- KIMAGE= ;;
esac
export CROSS_COMPILE=$KCROSS	# for merge_config.sh too
# The clang flavour builds with Debian's clang-19 and its LLVM tools.
KCC=${KCROSS}gcc
if [ "$FLAVOUR" = clang ]; then
	export LLVM=-19
	KCC=clang-19
fi

kmake() {
	local ccache=

	command -v ccache >/dev/null && ccache="ccache "
	make -C "$KSRC" -s -j"$JOBS" ARCH="$KARCH" \
		CC="${ccache}${KCC}" HOSTCC="${ccache}gcc" "$@"
}
