#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build the kernel of build/linux out of tree: bzImage, the KVM modules and
# the UAPI headers.
#   FLAVOUR=debug (default): into build/obj, KVM, KVM_AMD and KVM_INTEL as
#     modules, the debugging set and -Werror; the test VM's main kernel and
#     the per-patch builds.
#   FLAVOUR=nodebug: into build/obj-nodebug, the same without the debugging
#     set (production-like timing), KVM_WERROR.
# The config is merged from config/*.config over allnoconfig with the
# kernel's own merge_config.sh, and the build fails if an option of
# config/required (and config/required.FLAVOUR) did not make it.
. "$(dirname "$0")/lib.sh"

fragments=(base kvm "$FLAVOUR")

[ -e "$KSRC/.git" ] || die "no kernel tree at $KSRC: run 'make tree' first"
mkdir -p "$KOBJ"

files=()
for f in "${fragments[@]}"; do files+=("$TOP/config/$f.config"); done
stamp=$(cat "${files[@]}" | sha256sum | cut -d' ' -f1)
if [ ! -f "$KOBJ/.config" ] || [ "$(cat "$KOBJ/.fragments" 2>/dev/null)" != "$stamp" ]; then
	info "configuring the kernel (${fragments[*]})"
	(cd "$KSRC" && ARCH=x86_64 scripts/kconfig/merge_config.sh -n -O "$KOBJ" "${files[@]}") \
		>"$KOBJ/.merge.log" 2>&1 || { tail -20 "$KOBJ/.merge.log"; die "merge_config.sh failed"; }
	echo "$stamp" >"$KOBJ/.fragments"
fi

log=$KOBJ/.build.log
info "building the kernel: bzImage modules headers"
if ! kmake O="$KOBJ" bzImage modules headers >"$log" 2>&1; then
	grep -E -m20 'error|Error|warning' "$log" >&2 || tail -20 "$log" >&2
	die "kernel build failed (log: $log)"
fi

# merge_config.sh only warns about options Kconfig dropped; fail instead.
bad=
for o in $(cat "$TOP/config/required" "$TOP/config/required.$FLAVOUR" | grep -v '^#'); do
	case $o in
	*=n) grep -qx "CONFIG_${o%=n}=[ym]" "$KOBJ/.config" && bad="$bad $o" ;;
	*=*) grep -qx "CONFIG_$o" "$KOBJ/.config" || bad="$bad $o" ;;
	*) grep -qx "CONFIG_$o=y" "$KOBJ/.config" || bad="$bad $o=y" ;;
	esac
done
[ -z "$bad" ] || die "the kernel .config is not as config/required* wants:$bad (see config/ and $KOBJ/.merge.log)"
