#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The series applies the way a maintainer applies it, from series/ alone:
#  - "git am series/0*.patch" (the cover letter left out) on the base;
#  - "b4 am" of an mbox of series/ as a list archive has it (the cover
#    letter first, each message with a Message-Id, the patches replying to
#    the cover letter), then git am of the mbox that b4 makes.
# Each must give the tree of build/linux's HEAD.  The cover letter must
# carry its version, change-id and base-commit, and a "Changes in vN"
# section for N > 1.
# Appends "PASS|FAIL apply ..." lines to $RESULTS.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/series-lib.sh"

RESULTS=${RESULTS:-$LOGS/results}
SERIES=$TOP/series
COVER=$SERIES/0000-cover-letter.patch
mkdir -p "$LOGS"

tmp=$(mktemp -d)
cleanup() {
	kgit worktree remove --force "$tmp/wt" >/dev/null 2>&1 || true
	rm -rf "$tmp"
}
trap cleanup EXIT

result() {	# result NAME CMD...: PASS or FAIL NAME, by CMD's status
	local name=$1
	shift
	if "$@" >"$tmp/out" 2>&1; then
		echo "PASS $name" >>"$RESULTS"
		info "PASS $name"
	else
		echo "FAIL $name" >>"$RESULTS"
		echo "FAIL: $name" >&2
		tail -20 "$tmp/out" >&2
	fi
}

want=$(kgit rev-parse "HEAD^{tree}")
kgit worktree add -q --detach "$tmp/wt" "$BASE_TAG" || die "cannot add a worktree"
wt() { git -C "$tmp/wt" -c user.name="$GIT_NAME" -c user.email="$GIT_EMAIL" "$@"; }

same_tree() {
	[ "$(wt rev-parse "HEAD^{tree}")" = "$want" ] ||
		{ echo "the tree differs from build/linux's HEAD"; return 1; }
}

# am MBOX...: git am on the base.
am() {
	wt am --abort >/dev/null 2>&1 || true
	wt reset -q --hard "$BASE_TAG"
	wt am -q "$@" && same_tree
}

git_am() {
	am $(find "$SERIES" -name '[0-9][0-9][0-9][0-9]-*.patch' ! -name 0000-cover-letter.patch | sort)
}

b4_am() {
	local f n
	for f in "$SERIES"/[0-9][0-9][0-9][0-9]-*.patch; do
		n=${f##*/}
		n=${n%%-*}
		awk -v n="$n" 'NR > 1 && !done && /^$/ {
				print "Message-Id: <" n ".series@gmem-inplace.invalid>"
				if (n != "0000")
					print "In-Reply-To: <0000.series@gmem-inplace.invalid>"
				done = 1
			}
			{ print }' "$f"
	done >"$tmp/series.mbox"
	mkdir -p "$tmp/b4"
	(cd "$tmp/wt" && b4 am --no-cache -m "$tmp/series.mbox" -o "$tmp/b4") || return 1
	am "$tmp"/b4/*.mbx
}

cover_ok() {
	local rev
	rev=$(cover_revision "$COVER")
	grep -q "^Subject: \[PATCH v$rev 00*/$(series_commits | wc -l)\] " "$COVER" ||
		{ echo "no [PATCH v$rev 0/N] subject"; return 1; }
	grep -q "^change-id: $(cd "$KSRC" && b4 prep --show-info 2>/dev/null |
		sed -n 's/^change-id: //p')\$" "$COVER" || { echo "no change-id"; return 1; }
	grep -qx "base-commit: $(kgit rev-parse "$BASE_TAG^{commit}")" "$COVER" ||
		{ echo "no base-commit"; return 1; }
	[ "$rev" = 1 ] || grep -q "^Changes in v$rev" "$COVER" ||
		{ echo "no \"Changes in v$rev\""; return 1; }
}

result "apply series/ with git am" git_am
result "apply an mbox of series/ with b4 am" b4_am
result "cover letter: version, change-id, base-commit, changes" cover_ok
