#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build the kernel of build/linux out of tree.
#   build-kernel.sh test    debug config for the test VM, into build/obj
#   build-kernel.sh bisect  lean config with KVM as modules, build/obj-bisect
# The .config is merged from config/*.config over allnoconfig with the
# kernel's own merge_config.sh, and the build fails if an option the
# workspace relies on did not make it.
. "$(dirname "$0")/lib.sh"

kind=${1:-test}
case $kind in
test)
	obj=$KOBJ
	fragments=(base kvm debug)
	required=$TOP/config/required
	targets=(bzImage headers)
	;;
bisect)
	obj=$KOBJ_BISECT
	fragments=(base kvm modules)
	required=$TOP/config/required-modules
	targets=(vmlinux modules headers)
	;;
*) die "usage: build-kernel.sh test|bisect" ;;
esac

[ -d "$KSRC/.git" ] || die "no kernel tree at $KSRC: run 'make tree' first"
mkdir -p "$obj"

files=()
for f in "${fragments[@]}"; do files+=("$TOP/config/$f.config"); done
stamp=$(cat "${files[@]}" | sha256sum | cut -d' ' -f1)
if [ ! -f "$obj/.config" ] || [ "$(cat "$obj/.fragments" 2>/dev/null)" != "$stamp" ]; then
	info "configuring $kind kernel (${fragments[*]})"
	(cd "$KSRC" && ARCH=x86_64 scripts/kconfig/merge_config.sh -n -O "$obj" "${files[@]}") \
		>"$obj/.merge.log" 2>&1 || { tail -20 "$obj/.merge.log"; die "merge_config.sh failed"; }
	echo "$stamp" >"$obj/.fragments"
fi

build_log=$obj/.build.log
info "building $kind kernel: ${targets[*]}"
if ! kmake O="$obj" "${targets[@]}" >"$build_log" 2>&1; then
	grep -E 'error|Error' "$build_log" | head -20 >&2
	die "$kind kernel build failed (log: $build_log)"
fi

# merge_config.sh only warns about options Kconfig dropped; fail instead.
bad=
for o in $(grep -v '^#' "$required"); do
	case $o in *=*) want=$o ;; *) want=$o=y ;; esac
	grep -qx "CONFIG_$want" "$obj/.config" || bad="$bad $want"
done
[ -z "$bad" ] || die "$kind kernel .config lacks:$bad (see config/ and $obj/.merge.log)"
