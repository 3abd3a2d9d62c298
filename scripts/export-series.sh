#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make series: write the b4 prep branch of build/linux to series/ with
# "b4 prep -p", normalized so that exporting twice changes nothing
# (series-lib.sh).
#
# The cover letter and b4's tracking data (change-id, revision) are in the
# branch: "b4 prep --edit-cover" edits the text.  REVISION=N starts
# revision N ("b4 prep --force-revision N"), whose "Changes in vN" go into
# the cover letter.  If the previous revision's tag exists (make tree makes
# it from series/), the export ends with the range-diff summary against it;
# RANGE_DIFF=1 shows the whole range-diff ("b4 prep --compare-to").
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/series-lib.sh"

SERIES=$TOP/series

[ -d "$KSRC/.git" ] || die "no kernel tree at $KSRC: run 'make tree' first"
[ "$(kgit branch --show-current)" = "$PREP_BRANCH" ] ||
	die "$KSRC is not on the b4 prep branch $PREP_BRANCH: run 'make tree' first"
[ -z "$(kgit status --porcelain --untracked-files=no)" ] ||
	die "$KSRC has uncommitted changes: commit them first"

rev=$(cd "$KSRC" && b4 prep --show-revision 2>&1 | tail -1)
rev=${rev#v}
if [ -n "${REVISION:-}" ]; then
	case $REVISION in
	"" | *[!0-9]* | 0*) die "REVISION=$REVISION: not a version number" ;;
	esac
	[ "$REVISION" = "$rev" ] || b4k prep --force-revision "$REVISION" ||
		die "b4 prep --force-revision $REVISION failed"
	rev=$REVISION
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export_patches "$tmp" || die "b4 prep -p failed"

mkdir -p "$SERIES"
find "$SERIES" -maxdepth 1 -name '[0-9][0-9][0-9][0-9]-*.patch' -delete
cp "$tmp"/*.patch "$SERIES/"
series_digest "$SERIES" >"$KSRC/.git/gmem-series"
kgit update-ref refs/gmem/applied HEAD
info "exported v$rev, $(series_commits | wc -l) patch(es), to series/"

prev=$((rev - 1))
if kgit rev-parse -q --verify "refs/tags/sent/$SERIES_NAME-v$prev" >/dev/null; then
	if [ -n "${RANGE_DIFF:-}" ]; then
		b4k prep --compare-to "v$prev"
	else
		info "against v$prev (RANGE_DIFF=1 for the diff):"
		tag=sent/$SERIES_NAME-v$prev
		kgit range-diff --no-color -s \
			"$(kgit rev-list -1 -F --grep="$B4_MAGIC" "$BASE_TAG..$tag")..$tag" \
			"$(cover_commit)..HEAD"
	fi
fi
