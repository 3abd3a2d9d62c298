#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make series: export base..HEAD of build/linux to series/.
#
# series/0000-cover-letter.patch keeps its subject, date and text across
# exports; the shortlog, diffstat and base-commit line under the text are
# regenerated.  Exporting twice in a row changes nothing.
#
# The revision of the series is the N of the cover letter's "[PATCH vN"
# (none: 1), and every patch carries it; REVISION=N sets it, e.g. to start
# the next version, whose "Changes in vN" go into the cover letter's text.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/series-lib.sh"

SERIES=$TOP/series
COVER=$SERIES/0000-cover-letter.patch

[ -d "$KSRC/.git" ] || die "no kernel tree at $KSRC: run 'make tree' first"
[ -z "$(kgit status --porcelain --untracked-files=no)" ] ||
	die "$KSRC has uncommitted changes: commit them first"

tag=$(series_tag "$COVER") || die "REVISION=${REVISION:-}: not a version number"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export_patches "$tmp" "$tag"
n=$(find "$tmp" -name '*.patch' | wc -l)

# Keep what a person wrote in the cover letter: subject, date and text.
subject="*** SUBJECT HERE ***"
date=$(kgit log -1 --format=%aD HEAD)
text="*** BLURB HERE ***"
if [ -f "$COVER" ]; then
	subject=$(sed -n 's/^Subject: \[PATCH[^]]*\] //p' "$COVER" | head -1)
	date=$(sed -n 's/^Date: //p' "$COVER" | head -1)
	# The text runs from the first blank line to the generated shortlog.
	text=$(awk -v sl="^$GIT_NAME \\([0-9]+\\):\$" 'body && ($0 ~ sl || /^base-commit: /) { exit }
		    body { print } !body && /^$/ { body = 1 }' "$COVER")
fi

prefix="[$tag 0/$n]"
{
	echo "From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001"
	echo "From: $GIT_NAME <$GIT_EMAIL>"
	echo "Date: $date"
	echo "Subject: $prefix $subject"
	echo
	printf '%s\n' "$text" | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}'
	echo
	if [ "$n" -gt 0 ]; then
		kgit shortlog "$BASE_TAG..HEAD"
		kgit -c diff.algorithm=myers diff --stat=72 "$BASE_TAG" HEAD
		echo
	fi
	echo "base-commit: $(kgit rev-parse "$BASE_TAG^{commit}")"
} >"$tmp/0000-cover-letter.patch"

mkdir -p "$SERIES"
find "$SERIES" -maxdepth 1 -name '*.patch' ! -name 0000-cover-letter.patch -delete
cp "$tmp"/*.patch "$SERIES/"
series_digest "$SERIES" >"$KSRC/.git/gmem-series"
kgit update-ref refs/gmem/applied HEAD
info "exported $n patch(es) to series/"
