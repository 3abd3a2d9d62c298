#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Bisectability: build every commit of base..HEAD in turn, incrementally, in
# a worktree (build/bisect) with the lean config (KVM, KVM_AMD and KVM_INTEL
# as modules, KVM_WERROR=y).  A commit that touches the KVM selftests or the
# UAPI also builds the selftests of tests/selftests.list that it has.  The
# last build is the whole series as modules.  Appends to $RESULTS.
. "$(dirname "$0")/lib.sh"

RESULTS=${RESULTS:-$LOGS/results}
mkdir -p "$LOGS"
wt=$BUILD/bisect

if [ ! -d "$wt" ]; then
	kgit worktree prune
	kgit worktree add -q --detach "$wt" "$BASE_TAG"
fi

mapfile -t commits < <(kgit rev-list --reverse "$BASE_TAG..HEAD")
[ ${#commits[@]} -gt 0 ] || commits=("$(kgit rev-parse HEAD)")

i=0
for c in "${commits[@]}"; do
	i=$((i + 1))
	subject=$(kgit log -1 --format=%s "$c")
	name=$(printf 'build %04d %s' "$i" "$subject")
	git -C "$wt" checkout -q --detach "$c"
	info "bisect: $i/${#commits[@]}: $subject"
	ok=1
	GMEM_KSRC=$wt "$TOP/scripts/build-kernel.sh" bisect || ok=0
	if [ $ok = 1 ] && kgit diff --quiet "$c~1" "$c" -- tools/testing/selftests/kvm \
			include/uapi 2>/dev/null; then
		:
	elif [ $ok = 1 ]; then
		GMEM_KSRC=$wt "$TOP/scripts/build-selftests.sh" "$KOBJ_BISECT" \
			"$BUILD/selftests-bisect" || ok=0
	fi
	if [ $ok = 1 ]; then
		echo "PASS $name" >>"$RESULTS"
	else
		echo "FAIL $name" >>"$RESULTS"
		echo "FAIL: $name" >&2
	fi
done
