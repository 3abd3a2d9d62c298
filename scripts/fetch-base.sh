#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Print the path of the verified Linux 7.3.4 base tarball, fetching it first
# if it is not cached.  BASE_TARBALL=/path/linux-7.3.4.tar.xz overrides the
# source; it is verified all the same, against BASE_SHA256 if that is set.
#
# The package comes from the Debian mirror apt is already configured with,
# through a private apt state directory: the system's sources, lists and
# cache are not touched.
. "$(dirname "$0")/lib.sh"

verify() {
	local sum
	sum=$(sha256sum "$1" | cut -d' ' -f1)
	[ "$sum" = "$BASE_SHA256" ] ||
		die "$1: sha256 $sum, expected $BASE_SHA256 (SPEC.md; BASE_SHA256= for another tarball); not using it"
}

if [ -n "${BASE_TARBALL:-}" ]; then
	[ -f "$BASE_TARBALL" ] || die "BASE_TARBALL=$BASE_TARBALL: no such file"
	verify "$BASE_TARBALL"
	echo "$BASE_TARBALL"
	exit 0
fi

tarball=$CACHE/$BASE_PKG-$BASE_VERSION.tar.xz
if [ -f "$tarball" ]; then
	verify "$tarball"
	echo "$tarball"
	exit 0
fi

info "fetching $BASE_PKG $BASE_VERSION ($BASE_SUITE)"
apt_private "$CACHE/apt" "$BASE_SUITE" amd64 ||
	die "no Debian archive in apt's configuration, or apt-get update of $BASE_SUITE failed; set BASE_TARBALL=/path/to/linux-source-7.3.tar.xz"

tmp=$(mktemp -d "$CACHE/fetch.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && apt-get "${apt_opts[@]}" -qq download "$BASE_PKG=$BASE_VERSION") >/dev/null ||
	die "cannot download $BASE_PKG=$BASE_VERSION from $BASE_SUITE"
dpkg-deb --fsys-tarfile "$tmp"/*.deb |
	tar -xO "./usr/src/$BASE_PKG.tar.xz" >"$tmp/base.tar.xz" ||
	die "the package has no /usr/src/$BASE_PKG.tar.xz"
verify "$tmp/base.tar.xz"
mv "$tmp/base.tar.xz" "$tarball"
echo "$tarball"
