# SPDX-License-Identifier: GPL-2.0
# Export of base..HEAD of the kernel tree as a patch series.  Sourced by
# export-series.sh and mktree.sh.

# export_patches DIR [PREFIX]: write base..HEAD of $KSRC as NNNN-subject.patch
# to DIR, with the subject prefix PREFIX (default PATCH).
# The output is stable: zero commit ids, no git version signature, fixed
# diff options, so exporting the same commits twice gives the same bytes.
export_patches() {
	local out=$1 prefix=${2:-PATCH}

	git -C "$KSRC" -c core.abbrev=12 -c diff.algorithm=myers \
		-c diff.noprefix=false -c diff.mnemonicPrefix=false \
		-c diff.relative=false -c format.coverLetter=false \
		format-patch --quiet --zero-commit --no-signature \
		--subject-prefix="$prefix" -o "$out" "$BASE_TAG..HEAD" >/dev/null
}

# series_digest DIR: one hash for the patches (not the cover letter) in DIR.
series_digest() {
	local p
	for p in "$1"/[0-9][0-9][0-9][0-9]-*.patch; do
		[ -e "$p" ] || continue
		case ${p##*/} in 0000-cover-letter.patch) continue ;; esac
		echo "${p##*/}"
		cat "$p"
	done | sha256sum | cut -d' ' -f1
}

# series_tag COVER: the subject tag of the series, "PATCH" or "PATCH vN",
# from REVISION=N if set, else from the cover letter's "[PATCH vN".
series_tag() {
	local rev=${REVISION:-}

	[ -n "$rev" ] || rev=$(sed -n 's/^Subject: \[PATCH v\([0-9]*\) .*/\1/p' "$1" 2>/dev/null | head -1)
	case ${rev:-1} in
	1) echo PATCH ;;
	*[!0-9]* | 0*) return 1 ;;
	*) echo "PATCH v$rev" ;;
	esac
}
