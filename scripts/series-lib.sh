# SPDX-License-Identifier: GPL-2.0
# The series as a b4 prep branch of the kernel tree, and its export.
# Sourced by mktree.sh and export-series.sh.
#
# build/linux is a b4 prep branch (b4 prep -n): an empty commit on the base
# holds the cover letter and b4's tracking data (change-id, revision), the
# patches follow.  series/ is what "b4 prep -p" writes, made stable (see
# normalize_patch), and what a revision of the series was: make tree tags it
# sent/SERIES_NAME-vN, as "b4 send" does, so that "b4 prep --compare-to vN"
# shows a range-diff against it.

SERIES_NAME=gmem-inplace
PREP_BRANCH=b4/$SERIES_NAME
B4_MAGIC='--- b4-submit-tracking ---'

b4k() { (cd "$KSRC" && b4 -q "$@"); }

# export_patches DIR: write the prep branch to DIR as b4 prep -p does, as
# 0000-cover-letter.patch and NNNN-subject.patch, normalized.
export_patches() {
	local out=$1 raw f n=0 commits

	raw=$(mktemp -d)
	b4k prep -p "$raw" || { rm -rf "$raw"; return 1; }
	mapfile -t commits < <(series_commits)
	mkdir -p "$out"
	for f in "$raw"/[0-9][0-9][0-9][0-9]-*.patch; do
		if [ "${f##*/0000-}" != "$f" ]; then
			normalize_patch "$f" "$(cover_commit)" >"$out/0000-cover-letter.patch"
		else
			n=$((n + 1))
			normalize_patch "$f" "${commits[n - 1]}" >"$out/${f##*/}"
		fi
	done
	rm -rf "$raw"
	[ "$n" -eq "${#commits[@]}" ]
}

# normalize_patch FILE COMMIT: FILE as written by b4, with what changes from
# one export to the next taken out: the commit id of the mbox From line, the
# random Message-Id, the date of the export (the commit's author date
# instead, which git am keeps) and the version of git in the signature.
normalize_patch() {
	local date

	date=$(kgit log -1 --format=%aD "$2")
	awk -v date="$date" '
		NR == 1 { $0 = "From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001" }
		hdr && /^$/ { hdr = 0 }
		hdr && /^Message-Id:/ { next }
		hdr && /^Date:/ { $0 = "Date: " date }
		{ l[++n] = $0 }
		END {
			if (n >= 2 && l[n - 1] == "-- ") n -= 2
			while (n > 0 && l[n] == "") n--
			for (i = 1; i <= n; i++) print l[i]
		}' hdr=1 "$1"
}

# series_commits: the patches of the tree, oldest first, without b4's cover
# letter commit.
series_commits() {
	kgit rev-list --reverse --invert-grep -F --grep="$B4_MAGIC" "$BASE_TAG..HEAD"
}

cover_commit() {
	kgit rev-list -1 -F --grep="$B4_MAGIC" "$BASE_TAG..HEAD"
}

# patch_notes FILE: what a patch has below its first "---" and above the
# "---" of its diffstat, i.e. the notes under the cut of its commit message.
patch_notes() {
	awk '/^diff --git / { exit }
	     /^---$/ { if (cut) { print notes; exit } cut = 1; next }
	     cut { notes = notes (notes == "" ? "" : "\n") $0 }' "$1"
}

# series_digest DIR: one hash for the patches and the cover letter in DIR.
series_digest() {
	local p
	for p in "$1"/[0-9][0-9][0-9][0-9]-*.patch; do
		[ -e "$p" ] || continue
		echo "${p##*/}"
		cat "$p"
	done | sha256sum | cut -d' ' -f1
}

# cover_revision COVER: N of the cover letter's "[PATCH vN" (none: 1).
cover_revision() {
	local rev
	rev=$(sed -n 's/^Subject: \[PATCH v\([0-9]*\) .*/\1/p' "$1" 2>/dev/null | head -1)
	echo "${rev:-1}"
}
