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

# The Debian archive apt already uses (not the security archive).
mirror=$(apt-get indextargets --format '$(ORIGIN) $(LABEL) $(REPO_URI)' 2>/dev/null |
	 awk '$1 == "Debian" && $2 == "Debian" { print $3; exit }')
[ -n "$mirror" ] ||
	die "no Debian archive in apt's configuration (run apt-get update?); set BASE_TARBALL=/path/to/linux-source-7.3.tar.xz"

state=$CACHE/apt
mkdir -p "$state"/{lists/partial,cache/archives/partial,sources.list.d,preferences.d}
echo "deb $mirror $BASE_SUITE main" >"$state/sources.list"
: >"$state/status"
apt_opts=(
	-o Dir::State="$state" -o Dir::State::Lists="$state/lists"
	-o Dir::State::status="$state/status" -o Dir::Cache="$state/cache"
	-o Dir::Etc::SourceList="$state/sources.list"
	-o Dir::Etc::SourceParts="$state/sources.list.d"
	-o Dir::Etc::Preferences="$state/preferences"
	-o Dir::Etc::PreferencesParts="$state/preferences.d"
	-o APT::Sandbox::User=root
)
info "fetching $BASE_PKG $BASE_VERSION ($BASE_SUITE) from $mirror"
apt-get "${apt_opts[@]}" -qq update >/dev/null ||
	die "apt-get update of $BASE_SUITE from $mirror failed"

tmp=$(mktemp -d "$CACHE/fetch.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && apt-get "${apt_opts[@]}" -qq download "$BASE_PKG=$BASE_VERSION") >/dev/null ||
	die "cannot download $BASE_PKG=$BASE_VERSION from $mirror $BASE_SUITE"
dpkg-deb --fsys-tarfile "$tmp"/*.deb |
	tar -xO "./usr/src/$BASE_PKG.tar.xz" >"$tmp/base.tar.xz" ||
	die "the package has no /usr/src/$BASE_PKG.tar.xz"
verify "$tmp/base.tar.xz"
mv "$tmp/base.tar.xz" "$tarball"
echo "$tarball"
