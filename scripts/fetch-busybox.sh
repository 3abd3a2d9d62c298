#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Print the path of a static busybox for ARCH (e.g. arm64), for the test VM
# of another architecture, fetching Debian's busybox-static for it into the
# cache first.  Through a private apt state: the machine's apt and dpkg
# (architectures, sources, lists) are not touched.
#   fetch-busybox.sh ARCH
. "$(dirname "$0")/lib.sh"

arch=${1:?usage: fetch-busybox.sh ARCH}
bb=$CACHE/busybox-$arch
if [ -x "$bb" ]; then
	echo "$bb"
	exit 0
fi

info "fetching busybox-static for $arch"
apt_private "$CACHE/apt-$arch" - "$arch" ||
	die "no Debian archive in apt's configuration, or apt-get update for $arch failed"
tmp=$(mktemp -d "$CACHE/fetch.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && apt-get "${apt_opts[@]}" -qq download "busybox-static:$arch") >/dev/null ||
	die "cannot download busybox-static:$arch"
dpkg-deb -x "$tmp"/busybox-static_*.deb "$tmp/root"
[ -f "$tmp/root/bin/busybox" ] || die "busybox-static:$arch has no /bin/busybox"
install -m 0755 "$tmp/root/bin/busybox" "$bb"
echo "$bb"
