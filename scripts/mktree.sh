#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make tree: build/linux = the base, committed once and tagged "base", and a
# b4 prep branch on it (series-lib.sh): series/'s cover letter, then its
# patches applied with git am.  Idempotent; refuses to throw away
# commits or changes in build/linux that were not exported to series/.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/series-lib.sh"

SERIES=$TOP/series
# Fixed identity and date: the base commit id is the same on every machine.
BASE_DATE="2026-11-15T22:30:00+0000"
BASE_MSG="Linux 7.3.4

Debian's $BASE_PKG $BASE_VERSION, /usr/src/$BASE_PKG.tar.xz,
sha256 $BASE_SHA256.

The top-level .gitignore rule of the Debian packaging that ignores
everything is dropped, so that new files are tracked."

# The base commit, cached as a bare repository outside the clone.
make_base_repo() {
	local repo=$CACHE/base-$BASE_SHA256.git tarball src
	if git -C "$repo" rev-parse -q --verify "refs/tags/$BASE_TAG" >/dev/null 2>&1; then
		echo "$repo"
		return
	fi
	tarball=$("$TOP/scripts/fetch-base.sh")
	info "committing the base tree (once)"
	src=$(mktemp -d "$CACHE/base.XXXXXX")
	tar -xJf "$tarball" -C "$src" --strip-components=1 ||
		die "cannot extract $tarball"
	# Drop Debian's "ignore everything at the top level" block:
	#   #
	#   # Debian packaging: ignore everything at the top level, ...
	#   ...
	#   /*
	#   !/debian/
	awk '{ l[NR] = $0 }
	     /^# Debian packaging:/ && !s { s = NR }
	     END {
		a = b = s
		if (s) {
			if (l[a - 1] == "#") a--
			while (b <= NR && l[b] != "/*") b++
			if (l[b + 1] == "!/debian/") b++
		}
		for (i = 1; i <= NR; i++)
			if (!s || i < a || i > b) print l[i]
	     }' "$src/.gitignore" | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' \
		>"$src/.gitignore.new"
	mv "$src/.gitignore.new" "$src/.gitignore"
	! grep -qx '/\*' "$src/.gitignore" || die "base .gitignore still ignores everything"
	rm -rf "$repo.tmp"
	git init -q --bare "$repo.tmp"
	(
		export GIT_DIR=$repo.tmp GIT_WORK_TREE=$src
		export GIT_AUTHOR_NAME=$GIT_NAME GIT_AUTHOR_EMAIL=$GIT_EMAIL
		export GIT_COMMITTER_NAME=$GIT_NAME GIT_COMMITTER_EMAIL=$GIT_EMAIL
		export GIT_AUTHOR_DATE=$BASE_DATE GIT_COMMITTER_DATE=$BASE_DATE
		git add -f -A .
		git commit -q -m "$BASE_MSG"
		git tag "$BASE_TAG"
	)
	rm -rf "$src"
	mv "$repo.tmp" "$repo"
	echo "$repo"
}

# set_cover COVER: the prep branch's cover letter commit (the tip, just
# made by b4 prep -n) gets the subject, text, date and change-id of COVER,
# an exported cover letter, and its revision.
set_cover() {
	local msg
	msg=$(mktemp)
	kgit log -1 --format=%B HEAD | python3 -c '
import json, re, sys
cover = open(sys.argv[1], encoding="utf-8").read()
magic = sys.argv[2]
tracking = json.loads(sys.stdin.read().split(magic)[1].split("\n", 2)[2])
head, body = cover.split("\n\n", 1)
subject = re.search(r"^Subject: \[PATCH[^]]*\] (.*)$", head, re.M).group(1)
rev = re.search(r"^Subject: \[PATCH v(\d+) ", head, re.M)
tracking["series"]["revision"] = int(rev.group(1)) if rev else 1
cid = re.search(r"^change-id: (\S+)$", body, re.M)
if cid:
    tracking["series"]["change-id"] = cid.group(1)
# The text ends at the "---" above the generated shortlog.
text = re.split(r"^---\n\S.* \(\d+\):$", body, maxsplit=1, flags=re.M)[0]
text = re.split(r"^base-commit: ", text, maxsplit=1, flags=re.M)[0]
print(subject + "\n\n" + text.strip() + "\n\n" + magic)
print("# This section is used internally by b4 prep for tracking purposes.")
print(json.dumps(tracking, indent=2))
' "$SERIES/0000-cover-letter.patch" "$B4_MAGIC" >"$msg" || { rm -f "$msg"; return 1; }
	kgit commit -q --amend --allow-empty -F "$msg" \
		--date="$(sed -n 's/^Date: //p' "$SERIES/0000-cover-letter.patch" | head -1)"
	rm -f "$msg"
}

# apply_series: series/ on a new prep branch: the cover letter, then the
# patches with git am, each with the notes it has under the cut (git am
# drops them), then the tag of the revision.
apply_series() {
	local p out notes rev
	# Stable patches (series-lib.sh), and b4's cover letter without a
	# signature.
	kgit config core.abbrev 12
	kgit config diff.algorithm myers
	kgit config b4.prep-cover-template "$TOP/config/b4-cover.template"
	kgit checkout -q -B master "$BASE_TAG"	# b4 prep -n forks the branch it is on
	# Until the series is applied, the tree is the base, marked as such,
	# so that the next run applies the series again.
	kgit update-ref refs/gmem/applied HEAD
	echo none >"$KSRC/.git/gmem-series"
	kgit branch -q -D "$PREP_BRANCH" 2>/dev/null || true
	kgit config --remove-section "branch.$PREP_BRANCH" 2>/dev/null || true
	b4k prep -n "$SERIES_NAME" -f "$BASE_TAG" || die "b4 prep -n failed"
	[ -f "$SERIES/0000-cover-letter.patch" ] && { set_cover || die "cannot read series/0000-cover-letter.patch"; }
	for p in "$SERIES"/[0-9][0-9][0-9][0-9]-*.patch; do
		[ -e "$p" ] || continue
		[ "${p##*/}" = 0000-cover-letter.patch ] && continue
		if ! out=$(kgit am --committer-date-is-author-date "$p" 2>&1); then
			# Leave the base (marked above).
			kgit am --abort >/dev/null 2>&1 || true
			kgit checkout -q master
			out=$(printf '%s\n' "$out" | grep -m1 -E '^error: (patch failed|.*does not exist|.*already exists)|^error:' || true)
			die "series/${p##*/} does not apply: ${out:-git am failed}"
		fi
		notes=$(patch_notes "$p")
		[ -z "$notes" ] && continue
		{ kgit log -1 --format=%B HEAD | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}'
		  printf -- '---\n%s\n' "$notes"; } |
			GIT_COMMITTER_DATE=$(kgit log -1 --format=%aD HEAD) \
			kgit commit -q --amend --cleanup=verbatim -F -
	done
	kgit update-ref refs/gmem/applied HEAD
	series_digest "$SERIES" >"$KSRC/.git/gmem-series"
	# What series/ holds is a revision as it was sent (b4 send tags it).
	rev=$(cover_revision "$SERIES/0000-cover-letter.patch")
	{ sed -n 's/^Subject: \[PATCH[^]]*\] //p' "$SERIES/0000-cover-letter.patch" | head -1
	  echo
	  sed '1,/^$/d' "$SERIES/0000-cover-letter.patch"; } |
		kgit tag -f -a --cleanup=verbatim -F - "sent/$SERIES_NAME-v$rev" >/dev/null
}

# --check-exported: only check that build/linux holds no unexported work.
check_only=
[ "${1:-}" = --check-exported ] && check_only=1

if [ ! -d "$KSRC/.git" ]; then
	[ -n "$check_only" ] && exit 0
	repo=$(make_base_repo)
	mkdir -p "$BUILD"
	info "checking out the base into $KSRC"
	git clone -q --no-checkout "$repo" "$KSRC"
	kgit config user.name "$GIT_NAME"
	kgit config user.email "$GIT_EMAIL"
	apply_series
	info "$KSRC: base + $(series_commits | wc -l) patch(es)"
	exit 0
fi

want=$(series_digest "$SERIES")
have=$(cat "$KSRC/.git/gmem-series" 2>/dev/null || true)
local_work=
[ "$(kgit rev-parse HEAD)" = "$(kgit rev-parse -q --verify refs/gmem/applied || true)" ] ||
	local_work="commits"
[ -z "$(kgit status --porcelain --untracked-files=no)" ] ||
	local_work="${local_work:+$local_work and }uncommitted changes"
# A tree from before the b4 prep branch: make it again.
[ "$(kgit branch --show-current)" = "$PREP_BRANCH" ] || [ -n "$local_work" ] || have=

if [ "$want" = "$have" ]; then
	# series/ has not changed since it was applied or exported: keep the
	# tree as it is, local work included.
	[ -n "$local_work" ] && [ -z "$check_only" ] &&
		info "$KSRC has $local_work not in series/ (export with 'make series')"
	[ -n "$local_work" ] && [ -n "$check_only" ] &&
		die "$KSRC has $local_work not in series/: 'make series' first"
	exit 0
fi

# series/ changed (a pull, a checkout): its patches replace the tree's
# commits, which is only safe if nothing in the tree would be lost.
if [ -n "$local_work" ]; then
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	export_patches "$tmp/out"
	if [ "$local_work" = commits ] && [ "$(series_digest "$tmp/out")" = "$want" ]; then
		kgit update-ref refs/gmem/applied HEAD
		echo "$want" >"$KSRC/.git/gmem-series"
		exit 0
	fi
	die "series/ changed, but $KSRC has $local_work that are not in series/; export them ('make series') or drop them, then retry"
fi
[ -n "$check_only" ] && exit 0

info "series/ changed: re-applying it on $BASE_TAG"
apply_series
info "$KSRC: base + $(series_commits | wc -l) patch(es)"
