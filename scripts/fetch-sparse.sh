#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Print the path of a sparse that the kernel accepts (scripts/checker-valid.sh:
# Debian 12's 0.6.4 lacks __typeof_unqual__), building it first into the
# cache from Debian unstable's source package, through a private apt state.
. "$(dirname "$0")/lib.sh"

sparse=$CACHE/sparse/sparse
valid() { [ "$("$KSRC/scripts/checker-valid.sh" "$1" --arch=x86 -m64 2>/dev/null)" = 1 ]; }

if [ -x "$sparse" ] && valid "$sparse"; then
	echo "$sparse"
	exit 0
fi
if command -v sparse >/dev/null && valid sparse; then
	command -v sparse
	exit 0
fi

info "building sparse from Debian unstable's source package"
apt_private "$CACHE/apt-src" sid amd64 ||
	die "no Debian archive in apt's configuration, or apt-get update failed"
sed -i 's/^deb /deb-src /' "$CACHE/apt-src/sources.list"
apt-get "${apt_opts[@]}" -qq update >/dev/null || die "apt-get update of Debian sources failed"
tmp=$(mktemp -d "$CACHE/fetch.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && apt-get "${apt_opts[@]}" -qq source --download-only sparse) >/dev/null ||
	die "cannot download the source of sparse"
tar -xzf "$tmp"/sparse_*.orig.tar.gz -C "$tmp"
src=$(find "$tmp" -maxdepth 1 -type d -name 'sparse-*' | head -1)
make -C "$src" -j"$JOBS" sparse HAVE_LLVM=no HAVE_GTK=no HAVE_LIBXML=no \
	HAVE_SQLITE=no >"$tmp/build.log" 2>&1 || { tail -5 "$tmp/build.log" >&2; die "cannot build sparse"; }
valid "$src/sparse" || die "Debian unstable's sparse is too old for the kernel too"
mkdir -p "$CACHE/sparse"
install -m 0755 "$src/sparse" "$sparse"
echo "$sparse"
