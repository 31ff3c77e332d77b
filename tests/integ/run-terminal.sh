#!/bin/bash
# run-terminal: `vitrine run` from a terminal (tests/tools/run-tty.py plays
# the user's terminal and shell). COMMAND gets a pseudo-terminal of vitrine
# run's, never the user's: a line typed reaches it, with our window's size
# and echo; Ctrl+C interrupts it; Ctrl+Z suspends vitrine run and fg resumes
# it; run as a background job it leaves the terminal and what is typed to the
# shell; a second SIGTERM gives the terminal back from a COMMAND that turned
# Ctrl+C off and ignores signals; and a process COMMAND left behind (its own
# session, SIGHUP ignored)
# reads nothing typed after vitrine run returned (sandbox trial, 2026-12-01:
# it read the user's next commands). What COMMAND writes reaches the user's
# terminal without the sequences that set its clipboard or title or make it
# answer (hostile-domain trial 17 F3), and the terminal's modes it left
# changed are put back when it ends. A new sandbox's log is a new file, which
# the sandbox writes through a pipe, at most 4 MiB.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

command -v bwrap >/dev/null || fail "bwrap is not installed (tools/install-deps)"
start_daemon --size 640x480 --domain work,label=blue
mkdir -p "$T/home" "$T/share"
for c in type intr leftover bg suspend stubborn; do
	out=$(HOME=$T/home timeout 120 "$PYTHON" "$VT_ROOT/tests/tools/run-tty.py" "$c" \
		"$VT_BIN/vitrine" run --runtime-dir "$RUN" --domain tty --rw "$T/share" 2>&1) ||
		fail "vitrine run in a terminal, $c: $out"
	while read -r line; do check "$c: ${line#ok }"; done <<<"$out"
done

# ---- what COMMAND writes reaches the user's terminal through a filter
# (hostile-domain trial 17 F3: it was copied byte for byte, so a sandboxed
# printf set the host's clipboard with OSC 52 and the terminal's title with
# OSC 0, and asked it for reports). `script` plays the user's terminal; its
# typescript holds the bytes vitrine run wrote there.
command -v script >/dev/null || fail "script (util-linux) is not installed"
LC_ALL=C.UTF-8 HOME=$T/home timeout 60 script -qfec "'$VT_BIN/vitrine' run --runtime-dir '$RUN' --domain tty -- printf \
'a\\033]52;c;ZWNobyBwd25lZAo=\\007\\033]0;[bank] Online banking\\007\\033[1;31mred\\033[0m\\033[6n\\033[8;1;1t\\033P\$q\"p\\033\\\\\\303\\251\\342\\202\\254 done\\n'" \
	"$T/typescript" </dev/null >/dev/null 2>&1 || fail "vitrine run of printf under script failed: $(cat "$T/typescript")"
# (its first line, in util-linux 2.38 even with -q, is script's: the command)
sed '1{/^Script started/d}' "$T/typescript" >"$T/terminal"
ts=$(od -An -c "$T/terminal" | tr -s ' \n' ' ')
grep -qaF $'a\e[1;31mred\e[0m\xc3\xa9\xe2\x82\xac done' "$T/terminal" ||
	fail "the coloured text did not reach the terminal as it was: $ts"
if grep -qaE $'\e[]P]|\e\\[6n|\e\\[8;1;1t|bank|ZWNo' "$T/terminal"; then
	fail "an OSC, DCS or report request reached the user's terminal: $ts"
fi
check "COMMAND's OSC 52 (clipboard), OSC 0 (title), DCS, CSI 6n and CSI 8;1;1t do not reach the user's terminal; its colours and UTF-8 text do"

# ---- the modes COMMAND left changed are put back when it ends (review of
# 2026-12-03: after a program killed in the alternate screen with mouse
# reports on, the user's shell got the mouse's reports as typing)
LC_ALL=C.UTF-8 HOME=$T/home timeout 60 script -qfec "'$VT_BIN/vitrine' run --runtime-dir '$RUN' --domain tty -- printf '\\033[?1049h\\033[?1000;1006h\\033[?2004h\\033[?25lfull screen'" \
	"$T/typescript2" </dev/null >/dev/null 2>&1 || fail "vitrine run of printf under script failed: $(cat "$T/typescript2")"
ts=$(od -An -c "$T/typescript2" | tr -s ' \n' ' ')
grep -qaF $'\e[?25h\e[?1049l\e[?1000l\e[?1006l\e[?2004l' "$T/typescript2" ||
	fail "the alternate screen, mouse reports, bracketed paste and hidden cursor COMMAND left were not put back: $ts"
check "the alternate screen, mouse reports, bracketed paste and the hidden cursor COMMAND left are put back when it ends"

# ---- a new sandbox's log is a new file: a process of the last sandbox of
# the domain that still writes into its log (at its own offset) writes
# nowhere near the new one (it was truncated: its lines came after a hole
# of NULs, as if the running sandbox had said them; new-user trial)
HOME=$T/home "$VT_BIN/vitrine" run --runtime-dir "$RUN" --domain logd -- true </dev/null ||
	fail "vitrine run --domain logd -- true failed"
# (the next run starts a sandbox of its own once this one has ended)
deadline=$((SECONDS + VT_TIMEOUT))
while [[ -e $RUN/sandbox-logd.sock ]]; do
	((SECONDS < deadline)) || fail "the sandbox of logd did not end: $(cat "$RUN/sandbox-logd.log")"
	sleep 0.05
done
got=$(HOME=$T/home "$PYTHON" - "$RUN/sandbox-logd.log" "$VT_BIN/vitrine" "$RUN" <<'PY'
import os, subprocess, sys
log, vitrine, run = sys.argv[1:]
old = os.open(log, os.O_WRONLY)  # the last sandbox's, past its end
os.lseek(old, os.fstat(old).st_size + 400, 0)
subprocess.run([vitrine, "run", "--runtime-dir", run, "--domain", "logd", "--", "true"],
               stdin=subprocess.DEVNULL, check=True)
os.write(old, b"vitrine sandbox: a late line of the last sandbox\n")
data = open(log, "rb").read()
print("nul" if b"\0" in data else "no-nul", "old" if b"of the last sandbox" in data else "new")
PY
)
[[ $got == "no-nul new" ]] || fail "the second sandbox's log: $got"
check "a second sandbox of a domain writes a new log: the last one's late line is not in it, nor a hole of NULs"

# ---- the sandbox writes its log through the keeper, at most 4 MiB: not
# the file itself, which bubblewrap's pid 1 held (/proc/1/fd/2, naming the
# host's path; a hostile-app trial wrote 16 MB there)
got=$(HOME=$T/home "$VT_BIN/vitrine" run --runtime-dir "$RUN" --domain logflood -- sh -c \
	'readlink /proc/1/fd/2; head -c 6000000 /dev/zero | tr "\0" x >/proc/1/fd/2' </dev/null) ||
	fail "vitrine run --domain logflood failed: $got"
[[ $got == pipe:* ]] || fail "the sandbox's pid 1 writes its output to: $got"
deadline=$((SECONDS + VT_TIMEOUT))
while [[ -e $RUN/sandbox-logflood.sock ]]; do
	((SECONDS < deadline)) || fail "the sandbox of logflood did not end"
	sleep 0.05
done
size=$(stat -c %s "$RUN/sandbox-logflood.log")
if ((size >= 4300000)) ||
	! grep -q "^vitrine: the sandbox wrote over 4 MiB: the rest is not kept" "$RUN/sandbox-logflood.log"; then
	fail "6 MB written by the sandbox: its log has $size bytes"
fi
check "the sandbox's output reaches its log through a pipe ($got), 6 MB of it cut at 4 MiB ($size bytes, said so)"
finish
