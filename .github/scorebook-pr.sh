#!/usr/bin/env bash
# scorebook's pull-request checks, run by .github/workflows/scorebook.yml and
# by its test (generator/e2e/workflow_test.go) against a real repository.
#
#   .github/scorebook-pr.sh BASE_REF
#
# Runs `scorebook check -format github` (problems become annotations on the
# pull request) and `scorebook diff -base BASE_REF -format markdown`, which it
# writes to $SCOREBOOK_COMMENT for the workflow to post. The comment is
# written in every case, so the pull request always shows where it stands.
#
# Environment: SCOREBOOK (the binary; bin/scorebook), SCOREBOOK_SRC (the site
# folder; .), SCOREBOOK_FAIL_ON (none, regression, level-drop or new-critical;
# level-drop), SCOREBOOK_COMMENT (the comment file; scorebook-comment.md).
#
# Exit status: 0 when check found no problem and the -fail-on condition does
# not hold; 1 otherwise, or when the revisions could not be compared.
set -uo pipefail

base="${1:?usage: scorebook-pr.sh BASE_REF}"
sb="${SCOREBOOK:-bin/scorebook}"
src="${SCOREBOOK_SRC:-.}"
fail_on="${SCOREBOOK_FAIL_ON:-level-drop}"
comment="${SCOREBOOK_COMMENT:-scorebook-comment.md}"
# The first line of every comment; the workflow finds its comment by it.
marker='<!-- scorebook-diff -->'

status=0
"$sb" check -src "$src" -format github || status=1

diff_status=0
"$sb" diff -src "$src" -base "$base" -format markdown -fail-on "$fail_on" >"$comment" || diff_status=$?
case "$diff_status" in
0) ;;
1)
	echo "scorebook-pr: the -fail-on $fail_on condition holds" >&2
	status=1
	;;
*)
	# diff printed why on standard error (the log); the comment quotes no input.
	printf '%s\n%s\n' "$marker" \
		"⚠️ **scorebook:** the base and this pull request could not be compared: a file does not load on one side, or the base is missing from a shallow clone. The workflow log names the problem." >"$comment"
	status=1
	;;
esac
exit "$status"
