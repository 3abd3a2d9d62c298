#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build the kernel of build/linux out of tree, into build/obj: bzImage, the
# KVM modules and the UAPI headers.
#
# One config serves the test VM and the per-patch builds: KVM, KVM_AMD and
# KVM_INTEL as modules, the debugging set, and -Werror (KVM_WERROR).  It is
# merged from config/*.config over allnoconfig with the kernel's own
# merge_config.sh, and the build fails if an option of config/required did
# not make it.
. "$(dirname "$0")/lib.sh"

fragments=(base kvm debug)

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
for o in $(grep -v '^#' "$TOP/config/required"); do
	case $o in *=*) want=$o ;; *) want=$o=y ;; esac
	grep -qx "CONFIG_$want" "$KOBJ/.config" || bad="$bad $want"
done
[ -z "$bad" ] || die "the kernel .config lacks:$bad (see config/ and $KOBJ/.merge.log)"
