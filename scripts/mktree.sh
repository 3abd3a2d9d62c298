#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make tree: build/linux = the base, committed once and tagged "base", plus
# series/*.patch applied with git am.  Idempotent; refuses to throw away
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

apply_series() {
	local p out
	for p in "$SERIES"/[0-9][0-9][0-9][0-9]-*.patch; do
		[ -e "$p" ] || continue
		[ "${p##*/}" = 0000-cover-letter.patch ] && continue
		if ! out=$(kgit am --committer-date-is-author-date "$p" 2>&1); then
			# Leave the base, marked as such, so that the next run
			# applies the (fixed) series again.
			kgit am --abort >/dev/null 2>&1 || true
			kgit reset -q --hard "$BASE_TAG"
			kgit update-ref refs/gmem/applied HEAD
			echo none >"$KSRC/.git/gmem-series"
			out=$(printf '%s\n' "$out" | grep -m1 -E '^error: (patch failed|.*does not exist|.*already exists)|^error:' || true)
			die "series/${p##*/} does not apply: ${out:-git am failed}"
		fi
	done
	kgit update-ref refs/gmem/applied HEAD
	series_digest "$SERIES" >"$KSRC/.git/gmem-series"
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
	kgit checkout -q -b series "$BASE_TAG"
	apply_series
	info "$KSRC: base + $(kgit rev-list --count "$BASE_TAG..HEAD") patch(es)"
	exit 0
fi

want=$(series_digest "$SERIES")
have=$(cat "$KSRC/.git/gmem-series" 2>/dev/null || true)
local_work=
[ "$(kgit rev-parse HEAD)" = "$(kgit rev-parse -q --verify refs/gmem/applied || true)" ] ||
	local_work="commits"
[ -z "$(kgit status --porcelain --untracked-files=no)" ] ||
	local_work="${local_work:+$local_work and }uncommitted changes"

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
	export_patches "$tmp" "$(series_tag "$SERIES/0000-cover-letter.patch")"
	if [ "$local_work" = commits ] && [ "$(series_digest "$tmp")" = "$want" ]; then
		kgit update-ref refs/gmem/applied HEAD
		echo "$want" >"$KSRC/.git/gmem-series"
		exit 0
	fi
	die "series/ changed, but $KSRC has $local_work that are not in series/; export them ('make series') or drop them, then retry"
fi
[ -n "$check_only" ] && exit 0

info "series/ changed: re-applying it on $BASE_TAG"
kgit checkout -q -B series "$BASE_TAG"
apply_series
info "$KSRC: base + $(kgit rev-list --count "$BASE_TAG..HEAD") patch(es)"
