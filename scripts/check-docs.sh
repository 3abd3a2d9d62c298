#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make htmldocs for Documentation/virt; fail on any Sphinx warning that the
# base does not have (line numbers are ignored, as edits move them).
# The base's warnings are cached per base commit.  Appends to $RESULTS.
. "$(dirname "$0")/lib.sh"

RESULTS=${RESULTS:-$LOGS/results}
mkdir -p "$LOGS" "$CACHE"

# docs_warnings SRC OUT LOG: the normalised warnings of SRC's Documentation/virt.
docs_warnings() {
	local src=$1 out=$2 log=$3
	rm -rf "$out.obj"
	make -C "$src" -j"$JOBS" O="$out.obj" SPHINXDIRS=virt htmldocs >"$log" 2>&1 ||
		{ tail -20 "$log" >&2; return 1; }
	grep -E 'WARNING|ERROR|CRITICAL|SEVERE' "$log" |
		sed -E -e "s|$src/||g" -e 's/:[0-9]+:/:N:/g' -e 's/line [0-9]+/line N/g' |
		LC_ALL=C sort >"$out"
	rm -rf "$out.obj"
}

base=$(kgit rev-parse "$BASE_TAG^{commit}")
head=$(kgit rev-parse HEAD)
base_warn=$CACHE/docs-warnings-$base
if [ ! -f "$base_warn" ]; then
	info "htmldocs of the base (once per base)"
	wt=$BUILD/docs-base
	kgit worktree remove --force "$wt" 2>/dev/null || rm -rf "$wt"
	kgit worktree prune
	kgit worktree add -q --detach "$wt" "$base"
	docs_warnings "$wt" "$base_warn.tmp" "$LOGS/docs-base.log" || die "htmldocs of the base failed"
	mv "$base_warn.tmp" "$base_warn"
	kgit worktree remove --force "$wt"
fi

if [ "$head" = "$base" ]; then
	cp "$base_warn" "$LOGS/docs-warnings"
else
	info "htmldocs of the series"
	if ! docs_warnings "$KSRC" "$LOGS/docs-warnings" "$LOGS/docs-warnings.log"; then
		echo "FAIL htmldocs (virt)" >>"$RESULTS"
		echo "FAIL: htmldocs (virt): build failed (log: $LOGS/docs-warnings.log)" >&2
		exit 0
	fi
fi
new=$(LC_ALL=C comm -13 "$base_warn" "$LOGS/docs-warnings")
if [ -n "$new" ]; then
	printf '%s\n' "$new" | sed 's/^/    /' >&2
	echo "FAIL htmldocs (virt)" >>"$RESULTS"
	echo "FAIL: htmldocs (virt): new warnings (log: $LOGS/docs-warnings.log)" >&2
else
	echo "PASS htmldocs (virt)" >>"$RESULTS"
fi
