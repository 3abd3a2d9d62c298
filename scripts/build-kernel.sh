#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build the kernel of build/linux out of tree for FLAVOUR (see lib.sh): the
# kernel image, the modules and the UAPI headers, or the make TARGETs given.
#   build-kernel.sh [TARGET...]
# The config is merged from the flavour's config/*.config fragments over
# allnoconfig with the kernel's own merge_config.sh, and the build fails if
# an option of config/required.ARCH or config/required.FLAVOUR did not make
# it.
. "$(dirname "$0")/lib.sh"

read -ra fragments <<<"$FRAGMENTS"

[ -f "$KSRC/Makefile" ] || die "no kernel tree at $KSRC: run 'make tree' first"
# A first build starts from a copy of the seed flavour's build, if there is
# one: the .cmd files only name the source tree and paths relative to the
# build directory, and the config options that differ make kbuild rebuild
# what depends on them, e.g. only the KVM modules for noprivate.
if [ ! -f "$KOBJ/.config" ] && [ -n "$KSEED" ] && [ -f "$KSEED/.config" ]; then
	info "starting the $FLAVOUR build from a copy of ${KSEED#$TOP/}"
	rm -rf "$KOBJ"
	cp -a "$KSEED" "$KOBJ"
	rm -f "$KOBJ/.fragments"
fi
mkdir -p "$KOBJ"

files=()
for f in "${fragments[@]}"; do files+=("$TOP/config/$f.config"); done
# Merge again when the fragments or the Kconfig files change (e.g. in the
# per-patch builds), so that a new symbol gets the fragments' value rather
# than its default.
stamp=$({ cat "${files[@]}"
	  git -C "$KSRC" ls-files -s -- '*Kconfig*' 2>/dev/null || true; } |
	sha256sum | cut -d' ' -f1)
if [ ! -f "$KOBJ/.config" ] || [ "$(cat "$KOBJ/.fragments" 2>/dev/null)" != "$stamp" ]; then
	info "configuring the kernel (${fragments[*]})"
	(cd "$KSRC" && ARCH=$KARCH scripts/kconfig/merge_config.sh -n -O "$KOBJ" "${files[@]}") \
		>"$KOBJ/.merge.log" 2>&1 || { tail -20 "$KOBJ/.merge.log"; die "merge_config.sh failed"; }
	echo "$stamp" >"$KOBJ/.fragments"
fi

# merge_config.sh only warns about options Kconfig dropped; fail instead.
bad=
for o in $(cat "$TOP/config/required.$KARCH" "$TOP/config/required.$FLAVOUR" 2>/dev/null | grep -v '^#'); do
	case $o in
	*=n) grep -qx "CONFIG_${o%=n}=[ym]" "$KOBJ/.config" && bad="$bad $o" ;;
	*=*) grep -qx "CONFIG_$o" "$KOBJ/.config" || bad="$bad $o" ;;
	*) grep -qx "CONFIG_$o=y" "$KOBJ/.config" || bad="$bad $o=y" ;;
	esac
done
[ -z "$bad" ] || die "the $FLAVOUR kernel .config is not as config/required* wants:$bad (see config/ and $KOBJ/.merge.log)"

[ $# -gt 0 ] || set -- "${KIMAGE##*/}" modules headers
log=$KOBJ/.build.log
info "building the $FLAVOUR kernel ($KARCH): $*"
if ! kmake O="$KOBJ" "$@" >"$log" 2>&1; then
	first=$(grep -m1 -E 'error|Error' "$log" || tail -1 "$log")
	grep -E -m20 'error|Error|warning' "$log" | sed 's/^/    /' >&2
	die "the $FLAVOUR ($KARCH) build failed: $first (log: $log)"
fi
