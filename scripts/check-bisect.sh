#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Bisectability: check out every patch of build/linux in turn (not b4's
# cover letter commit)
# and build it incrementally into the FLAVOUR's build directory (KVM as
# modules, -Werror), unless it only changes selftests or documentation.  A
# commit that touches the KVM selftests or the UAPI also builds the
# selftests of the flavour's list that it has.  The last build is HEAD, the
# whole series, which is also a kernel the test VM boots.
# Appends "PASS|FAIL build NNNN subject" lines to $RESULTS.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/series-lib.sh"

RESULTS=${RESULTS:-$LOGS/results}
mkdir -p "$LOGS"

[ -z "$(kgit status --porcelain --untracked-files=no)" ] ||
	die "$KSRC has uncommitted changes: commit them before the per-patch builds"
branch=$(kgit symbolic-ref -q --short HEAD || kgit rev-parse HEAD)
trap 'kgit checkout -q "$branch"' EXIT

mapfile -t commits < <(series_commits)
[ ${#commits[@]} -gt 0 ] || commits=("$(kgit rev-parse HEAD)")

i=0
for c in "${commits[@]}"; do
	i=$((i + 1))
	subject=$(kgit log -1 --format=%s "$c")
	name=$(printf 'build %04d %s' "$i" "$subject")
	kgit checkout -q --detach "$c"
	info "per-patch build $i/${#commits[@]}: $subject"
	ok=1
	# A commit that changes nothing the kernel is built from (selftests,
	# documentation) needs no kernel build, but the last one builds HEAD.
	if [ "$i" = ${#commits[@]} ] ||
	   ! kgit diff --quiet "$c~1" "$c" -- . ':!tools' ':!Documentation' 2>/dev/null; then
		"$TOP/scripts/build-kernel.sh" || ok=0
	fi
	if [ $ok = 1 ] && ! kgit diff --quiet "$c~1" "$c" -- \
			tools/testing/selftests/kvm include/uapi 2>/dev/null; then
		"$TOP/scripts/build-selftests.sh" "$KOBJ" "$BUILD/selftests-bisect" || ok=0
	fi
	if [ $ok = 1 ]; then
		echo "PASS $name" >>"$RESULTS"
	else
		echo "FAIL $name" >>"$RESULTS"
		echo "FAIL: $name" >&2
	fi
done
