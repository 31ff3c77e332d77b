#!/bin/bash
# run-terminal: `vitrine run` from a terminal (tests/tools/run-tty.py plays
# the user's terminal and shell). COMMAND gets a pseudo-terminal of vitrine
# run's, never the user's: a line typed reaches it, with our window's size
# and echo; Ctrl+C interrupts it; Ctrl+Z suspends vitrine run and fg resumes
# it; run as a background job it leaves the terminal and what is typed to the
# shell; and a process COMMAND left behind (its own session, SIGHUP ignored)
# reads nothing typed after vitrine run returned (sandbox trial, 2026-12-01:
# it read the user's next commands).
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

command -v bwrap >/dev/null || fail "bwrap is not installed (tools/install-deps)"
start_daemon --size 640x480 --domain work,label=blue
mkdir -p "$T/home" "$T/share"
for c in type intr leftover bg suspend; do
	out=$(HOME=$T/home timeout 120 "$PYTHON" "$VT_ROOT/tests/tools/run-tty.py" "$c" \
		"$VT_BIN/vitrine" run --runtime-dir "$RUN" --domain tty --rw "$T/share" 2>&1) ||
		fail "vitrine run in a terminal, $c: $out"
	while read -r line; do check "$c: ${line#ok }"; done <<<"$out"
done
finish
