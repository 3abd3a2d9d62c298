#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Print the path of a QEMU other than the installed one for the flavour's
# architecture, to compare the test VM's results with (QEMU=VERSION of
# run-vm.sh).  Only "7.2", Debian 12's own QEMU, which the backports' 10.0
# replaces when deps.sh installs it: its packages are fetched with apt from
# the Debian archive the machine's apt is configured with (private apt
# state, as fetch-base.sh) and unpacked into the cache, with a wrapper that
# makes it load its own modules and data files, not the installed 10.0's
# (QEMU aborts on modules of another build).
. "$(dirname "$0")/lib.sh"

version=${1:-}
[ "$version" = 7.2 ] ||
	die "QEMU=$version: only Debian 12's 7.2 can be fetched; give a path to another QEMU binary"
case $KARCH in
x86_64) pkg=qemu-system-x86 bin=qemu-system-x86_64 ;;
arm64) pkg=qemu-system-arm bin=qemu-system-aarch64 ;;
*) die "no test VM for $KARCH" ;;
esac

dir=$CACHE/qemu-$version/$KARCH
wrapper=$dir/$bin
if [ -x "$wrapper" ]; then
	echo "$wrapper"
	exit 0
fi

info "fetching Debian 12's QEMU $version ($pkg)"
apt_private "$CACHE/apt" - amd64 || die "no Debian archive in apt's configuration"
tmp=$(mktemp -d "$CACHE/fetch.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && apt-get "${apt_opts[@]}" -qq download "$pkg" qemu-system-common qemu-system-data) >/dev/null ||
	die "cannot download $pkg $version"
for deb in "$tmp"/*.deb; do
	v=$(dpkg-deb -f "$deb" Version)
	case $v in
	1:"$version"+*) ;;
	*) die "$(basename "$deb"): version $v, not $version" ;;
	esac
	dpkg-deb -x "$deb" "$tmp/root"
done
mods=$(cd "$tmp/root" && echo usr/lib/*/qemu)
rm -rf "$dir"
mkdir -p "$dir"
mv "$tmp/root" "$dir/root"
# Its modules first; its data files, then the installed SeaBIOS.
cat >"$wrapper" <<EOF
#!/bin/sh
QEMU_MODULE_DIR=$dir/root/$mods exec $dir/root/usr/bin/$bin \\
	-L $dir/root/usr/share/qemu -L /usr/share/seabios "\$@"
EOF
chmod +x "$wrapper"
echo "$wrapper"
