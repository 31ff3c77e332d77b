#!/bin/bash
# user-test: screenshot testing as users get it (docs/testing.md).
# - `vitrinectl screenshot` of a window (with or without its frame), of one
#   domain's windows (another domain's window over them is black), of a
#   rectangle; assert-screen with a reference, a tolerance and a mask, its
#   diff image; find-image; bad references and masks.
# - the examples docs/examples/xcalc.vt and clock.vt pass under `prove`
#   (TAP), each domain in a `vitrine run` sandbox, the clock frozen, and give
#   JUnit XML that tests/junit.xsd accepts; changed on purpose (12+31) it
#   fails, writing a diff image with the changed digit marked; the clock
#   frozen at another time, in a bare X server (sandbox=no), fails; a script
#   with an unknown step is refused before anything starts; --update of a
#   window all one colour warns.
# vt: no-asan (the vitrine-test runner's steps; the daemon's paths it drives run
# under ASan in pipeline, input-keys, input-pointer and notice-clipboard)
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

start_daemon --size 640x480 --domain work,label=blue --domain web,label=red
start_xvfb DW
start_xvfb DV
start_agent work "$DW"
start_agent web "$DV"
start_pattern a "$DW" --pattern solid --color 00ff00 --geometry 100x80+40+60 --title a
start_pattern b "$DV" --pattern solid --color 0000ff --geometry 100x80+100+100 --title b
wait_pixels work 1
wait_pixels web 1
ida=${PAT_ID[a]} idb=${PAT_ID[b]}
ctl focus work "$ida" >/dev/null # a over b
geometry
B=$VT_GEOM_B TB=$VT_GEOM_T

l=$(win_line_id work "$ida")
ax=$(field_of "$l" x) ay=$(field_of "$l" y)
r=$(ctl screenshot "$T/a-content.png" --window work "$ida" --no-decorations)
r=${r%%$'\n'*}
[[ $r == "size=100x80 at=$ax,$ay changes="* ]] || fail "content shot: $r"
[[ $("$VT_BIN/tests/pngpix" "$T/a-content.png" --rect 0 0 100 80) == 00ff00 ]] ||
	fail "the content shot is not all green"
r=$(ctl screenshot "$T/a-frame.png" --window work "$ida")
r=${r%%$'\n'*}
[[ $r == "size=$((100 + 2 * B))x$((80 + 2 * B + TB)) at=$((ax - B)),$((ay - B - TB)) "* ]] ||
	fail "frame shot: $r"
check "a window's shot: its content alone, or with frame and title bar (${r%% *})"
ctl focus web "$idb" >/dev/null # b over a

ctl screenshot "$T/work.png" --domain work >/dev/null
l=$(win_line_id web "$idb")
bx=$(field_of "$l" x) by=$(field_of "$l" y)
# b's content, seen through the work shot's origin, is black (not web's blue)
px=$("$VT_BIN/tests/pngpix" "$T/work.png" $((bx - ax + B + 5)) $((by - ay + B + TB + 5)))
[[ $px == 000000 ]] || fail "web's window shows in the work domain's shot: $px"
[[ $("$VT_BIN/tests/pngpix" "$T/work.png" $((B + 5)) $((B + TB + 5))) == 00ff00 ]] ||
	fail "the work domain's shot lacks its own window"
check "a domain's shot: its windows, another domain's window over them black"

ctl screenshot "$T/rect.png" --rect "$bx,$by,10,10" >/dev/null
[[ $("$VT_BIN/tests/pngpix" "$T/rect.png" --rect 0 0 10 10) == 0000ff ]] || fail "rect shot"
for bad in "--rect 1,2,3" "--window work" "--window work 999999" "--domain nosuch" \
	"--no-decorations" "--frob" "--rect 9000,9000,5,5"; do
	# shellcheck disable=SC2086 # the options, split
	ctl_try screenshot "$T/bad.png" $bad >"$T/bad.txt" 2>&1 && fail "screenshot $bad was accepted"
	grep -q '^error: ' "$T/bad.txt" || fail "screenshot $bad: $(cat "$T/bad.txt")"
done
check "bad screenshot options are refused with one error line each"

# assert-screen: the reference, a tolerance, a mask
ctl focus work "$ida" >/dev/null # a over b again
cp "$T/a-content.png" "$T/ref.png"
res=$(ctl_try assert-screen "$T/ref.png" --window work "$ida" --no-decorations)
[[ $res == *"matches: 100.00% of 8000 pixels"* ]] || fail "assert-screen: $res"
pat a color 00f000
res=$(ctl_try assert-screen "$T/ref.png" --window work "$ida" --no-decorations --tolerance 20)
[[ $res == *matches* ]] || fail "a difference of 15 within tolerance 20 failed: $res"
rc=0
res=$(ctl_try assert-screen "$T/ref.png" --window work "$ida" --no-decorations --timeout 1) || rc=$?
[[ $rc == 1 && $res == *"does not match: 0.00% of 8000"* && -s $T/ref-diff.png && -s $T/ref-last.png ]] ||
	fail "a changed window matched (rc $rc): $res"
[[ $("$VT_BIN/tests/pngpix" "$T/ref-diff.png" 50 40) == ff00ff ]] || fail "the diff does not mark it"
check "assert-screen: exact match, tolerance, and on a timeout the diff image (magenta) and last shot"
python3 - "$T/mask.png" <<'EOF'
import struct, sys, zlib
def chunk(t, b): return struct.pack('>I', len(b)) + t + b + struct.pack('>I', zlib.crc32(t + b))
rows = b''.join(b'\0' + b'\0\0\0' * 100 for _ in range(80))
open(sys.argv[1], 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 100, 80, 8, 2, 0, 0, 0))
                              + chunk(b'IDAT', zlib.compress(rows)) + chunk(b'IEND', b''))
EOF
res=$(ctl_try assert-screen "$T/ref.png" --window work "$ida" --no-decorations --mask "$T/mask.png")
[[ $res == *"of 0 pixels"* ]] || fail "a black mask hides nothing: $res"
rc=0
res=$(ctl_try assert-screen "$T/ref.png" --mask "$T/rect.png" 2>&1) || rc=$?
[[ $rc == 2 && $res == *"$T/rect.png is 10x10, the reference $T/ref.png 100x80"* ]] ||
	fail "a mask of the wrong size: rc $rc: $res"
echo "not a png" >"$T/text.png"
rc=0
res=$(ctl_try assert-screen "$T/text.png" 2>&1) || rc=$?
[[ $rc == 2 && $res == *"$T/text.png"* ]] || fail "a reference that is no PNG: rc $rc: $res"
check "a mask hides pixels; a mask of another size or a reference that is no PNG: exit 2 naming it"

# find-image: a piece of the frame's corner and content, found where it is
ctl screenshot "$T/piece.png" --rect "$((ax - B)),$((ay - B - TB)),30,30" >/dev/null
read -r fx fy fd < <(ctl_try find-image "$T/piece.png")
[[ $fx == $((ax - B + 15)) && $fy == $((ay - B - TB + 15)) && $fd == 0.00 ]] ||
	fail "find-image found it at $fx,$fy ($fd)"
check "find-image finds a piece of the screen at its centre"
stop_daemon

# the runner, with the example
cp "$VT_ROOT"/docs/examples/xcalc* "$VT_ROOT"/docs/examples/clock* "$T/"
# each run's state in $T/tmp/vitrine-test.*: what it started is found by it
# (the daemon's command line, every application's environment: FONTCONFIG_FILE)
mkdir -p "$T/tmp"
export TMPDIR=$T/tmp
left_behind() { # one grep over every process (a fork per process is slow); the
	# pattern from a file, so that grep's own command line does not match
	grep -lsF -f <(printf '%s\n' "$T/tmp/vitrine-test.") /proc/[0-9]*/cmdline \
		/proc/[0-9]*/environ || true
	ls -A "$T/tmp"
}
VITRINE_BUILD=$VT_BIN prove -v -e "$VT_ROOT/tools/vitrine-test --junit $T/junit.xml" \
	"$T/xcalc.vt" "$T/clock.vt" >"$T/prove.txt" 2>&1 || fail "prove: $(cat "$T/prove.txt")"
grep -q 'Result: PASS' "$T/prove.txt" || fail "prove: $(cat "$T/prove.txt")"
for d in calc clock; do
	grep -q "^# $d: in a sandbox of its own (vitrine run)" "$T/prove.txt" ||
		fail "$d did not run in a sandbox: $(cat "$T/prove.txt")"
done
xmllint --noout --schema "$VT_ROOT/tests/junit.xsd" "$T/junit.xml" 2>"$T/xmllint.txt" ||
	fail "JUnit XML: $(cat "$T/xmllint.txt")"
[[ -z $(left_behind) ]] || fail "left behind: $(left_behind)"
check "docs/examples/xcalc.vt and clock.vt pass under prove, sandboxed; JUnit XML valid; nothing left"
# a short timeout for the assertion alone (a loaded machine starts xcalc slowly)
sed -e 's/^type 12+30=/type 12+31=/' -e '0,/^assert-screen/s//timeout 3\nassert-screen/' \
	"$T/xcalc.vt" >"$T/wrong.vt"
rc=0
got=$(VITRINE_BUILD=$VT_BIN "$VT_BIN/vitrine" test --help 2>/dev/null) || fail "vitrine test --help exited $?"
[[ $got == "usage: vitrine-test "* ]] || fail "vitrine test --help printed: $got"
check "vitrine test --help: its usage on stdout, exit 0 (it was exit 2: new-user trial 6)"
VITRINE_BUILD=$VT_BIN "$VT_BIN/vitrine" test --junit "$T/wrong.xml" "$T/wrong.vt" >"$T/wrong.txt" 2>&1 || rc=$?
[[ $rc == 1 ]] || fail "12+31 did not fail (rc $rc): $(cat "$T/wrong.txt")"
grep -q "^not ok 7 - $T/wrong.vt:10: assert-screen xcalc-42.png" "$T/wrong.txt" ||
	fail "the failing step: $(cat "$T/wrong.txt")"
grep -q "^ok 8 .* # SKIP" "$T/wrong.txt" || fail "later steps not skipped: $(cat "$T/wrong.txt")"
skips=$(grep -c "# SKIP" "$T/wrong.txt")
grep -q "<testsuite [^>]*failures=\"1\" skipped=\"$skips\"" "$T/wrong.xml" ||
	fail "JUnit XML of the failed run does not count 1 failure and $skips skipped: $(head -c 300 "$T/wrong.xml")"
xmllint --noout --schema "$VT_ROOT/tests/junit.xsd" "$T/wrong.xml" 2>"$T/xmllint.txt" ||
	fail "JUnit XML of the failed run: $(cat "$T/xmllint.txt")"
n=$({ "$VT_BIN/tests/pngcmp" "$T/xcalc-42.png" "$T/xcalc-42-last.png" --tolerance 0 || true; } |
	awk '{ print $2 }')
[[ $n -gt 10 && $n -lt 200 ]] || fail "the last shot differs in $n pixels"
[[ $("$VT_BIN/tests/pngpix" "$T/xcalc-42-diff.png" --rect 0 0 226 300) == "mixed"* ]] ||
	fail "no diff image"
check "12+31 fails at the assert-screen step ($n pixels differ), later steps skipped ($skips, counted in the JUnit XML: new-user trial 7), diff written"
# --update: only the reference that differs is written, and named; the one
# that matches (xcalc-cleared.png) stays untouched; the failure's -last and
# -diff files go with it (new-user trial 6: every reference rewritten,
# stale diffs left behind)
cp "$T/xcalc-42.png" "$T/xcalc-42.orig.png"
touch -d '2001-01-01 00:00:00' "$T/xcalc-cleared.png"
rc=0
VITRINE_BUILD=$VT_BIN "$VT_ROOT/tools/vitrine-test" --update "$T/wrong.vt" >"$T/update.txt" 2>&1 || rc=$?
{ ((rc == 0)) && grep -q "^# updated xcalc-42.png (it differed: .* does not match: " "$T/update.txt" &&
	! grep -q "updated xcalc-cleared" "$T/update.txt"; } || fail "--update: rc $rc: $(cat "$T/update.txt")"
[[ $(stat -c %Y "$T/xcalc-cleared.png") == "$(date -d '2001-01-01 00:00:00' +%s)" ]] ||
	fail "--update rewrote xcalc-cleared.png, which matched"
[[ ! -e $T/xcalc-42-last.png && ! -e $T/xcalc-42-diff.png ]] ||
	fail "--update left the failure's xcalc-42-last.png or xcalc-42-diff.png"
check "--update wrote only xcalc-42.png, which differed, saying so; the matching reference untouched; the stale -last and -diff files gone"
mv "$T/xcalc-42.orig.png" "$T/xcalc-42.png"
# every script is read before the first runs: a missing second one is exit 2
# with no TAP at all (it cut the first one's short of its plan line)
rc=0
VITRINE_BUILD=$VT_BIN "$VT_ROOT/tools/vitrine-test" "$T/xcalc.vt" "$T/no-such.vt" >"$T/two.txt" 2>&1 || rc=$?
{ ((rc == 2)) && [[ $(cat "$T/two.txt") == "vitrine-test: $T/no-such.vt: cannot read it" ]]; } ||
	fail "a missing second script: rc $rc: $(cat "$T/two.txt")"
check "a missing second script: exit 2 before anything runs, one line naming it"
sed -e 's/label=green/label=green sandbox=no/' -e '/^assert-screen/i timeout 2' \
	-e '1i clock frozen 2030-05-06 07:08:09' "$T/clock.vt" >"$T/later.vt"
rc=0
VITRINE_BUILD=$VT_BIN "$VT_ROOT/tools/vitrine-test" "$T/later.vt" >"$T/later.txt" 2>&1 || rc=$?
{ [[ $rc == 1 ]] && grep -q "^not ok 7 - $T/later.vt:9: assert-screen" "$T/later.txt" &&
	! grep -q "in a sandbox" "$T/later.txt" &&
	grep -q "^# clock: no sandbox (sandbox=no): a bare X server" "$T/later.txt"; } ||
	fail "a clock at 2030, bare: rc $rc: $(cat "$T/later.txt")"
n=$({ "$VT_BIN/tests/pngcmp" "$T/clock-frozen.png" "$T/clock-frozen-last.png" --tolerance 0 || true; } |
	awk '{ print $2 }')
[[ $n -gt 100 && $n -lt 1500 ]] || fail "the 2030 clock differs in $n pixels"
check "clock frozen 2030-05-06 07:08:09 (sandbox=no): the 2026 reference fails ($n pixels differ)"
# what a sandboxed application sees of the host: not the script's directory,
# not the host's X sockets (only its own X server's, X0)
cat >"$T/seal.vt" <<EOF
start box xmessage -title "sockets:\$(ls /tmp/.X11-unix | tr '\n' ,)script:\$(ls $T/seal.vt 2>&1 | grep -c 'No such')" ok
wait-window box sockets:X0,script:1
EOF
VITRINE_BUILD=$VT_BIN "$VT_ROOT/tools/vitrine-test" "$T/seal.vt" >"$T/seal.txt" 2>&1 ||
	fail "the sandbox sees the host: $(cat "$T/seal.txt")"
check "a sandboxed application sees neither the script's directory nor the host's X sockets"
# --update of a window whose content is one colour (an application that
# has not drawn yet: GTK 4's first frame came after wait-idle, and the
# reference was a black window): written, with a warning
cat >"$T/blank.vt" <<EOF
domain blk sandbox=no
start blk xterm -bg black -fg black -cr black -title blank
wait-window blk blank
wait-idle
assert-screen blank.png
EOF
VITRINE_BUILD=$VT_BIN "$VT_ROOT/tools/vitrine-test" --update "$T/blank.vt" >"$T/blank.txt" 2>&1 ||
	fail "--update of a black window: $(cat "$T/blank.txt")"
grep -q "^# warning: the window's content is all one colour (000000): has blk drawn yet?" "$T/blank.txt" ||
	fail "no warning for a one-colour reference: $(cat "$T/blank.txt")"
check "--update of a window all one colour: written, with a warning ($(grep '^# warning' "$T/blank.txt"))"
# a wait-window for an application that exited fails then, saying so (it
# waited the whole timeout, and blamed the daemon: new-user trial); in a
# sandbox only (bare, one that left its process group would look gone)
printf 'domain gone sandbox=yes\nstart gone sh -c "echo starting; exec no-such-program"\nwait-window gone x\n' \
	>"$T/gone.vt"
rc=0
VITRINE_BUILD=$VT_BIN "$VT_ROOT/tools/vitrine-test" "$T/gone.vt" >"$T/gone.txt" 2>&1 || rc=$?
{ ((rc == 1)) && grep -q "^# no window of gone titled 'x': its applications exited" "$T/gone.txt" &&
	grep -q "^# app: .*no-such-program" "$T/gone.txt"; } ||
	fail "wait-window for an application that exited: rc $rc: $(cat "$T/gone.txt")"
check "wait-window for an application that exited (in a sandbox): fails at once, saying so, with its last words"
printf 'start calc xcalc\nfrobnicate\n' >"$T/bad.vt"
rc=0
VITRINE_BUILD=$VT_BIN "$VT_ROOT/tools/vitrine-test" "$T/bad.vt" >"$T/bad.txt" 2>&1 || rc=$?
{ [[ $rc == 2 ]] && grep -q "bad.vt:2: unknown step 'frobnicate'" "$T/bad.txt"; } ||
	fail "bad step: rc $rc: $(cat "$T/bad.txt")"
[[ -z $(left_behind) ]] || fail "left behind: $(left_behind)"
check "an unknown step: exit 2 naming the file and line, nothing started or left running"

# the application under test from the user's working copy (new-user trial
# 5: outside /usr, /etc and /opt nothing could be started in the sandbox):
# ro=PATH, relative to the script, read-only at the same path in it
mkdir -p "$T/mine"
printf '#!/bin/sh\nexec xmessage -title mine "from the working copy"\n' >"$T/mine/app.sh"
# shellcheck disable=SC2016 # $VT_SCRIPT_DIR: the application's environment
printf 'domain app label=green ro=mine\nstart app sh "$VT_SCRIPT_DIR/mine/app.sh"\nwait-window app mine\n' \
	>"$T/mine.vt"
rc=0
VITRINE_BUILD=$VT_BIN "$VT_ROOT/tools/vitrine-test" "$T/mine.vt" >"$T/mine.txt" 2>&1 || rc=$?
{ ((rc == 0)) && grep -q "^# app: in a sandbox of its own (vitrine run)" "$T/mine.txt"; } ||
	fail "ro=mine: rc $rc: $(cat "$T/mine.txt")"
check "domain app ro=mine: an application in the script's directory starts in the sandbox"
printf 'domain app ro=no-such-dir\nstart app true\n' >"$T/nodir.vt"
rc=0
VITRINE_BUILD=$VT_BIN "$VT_ROOT/tools/vitrine-test" "$T/nodir.vt" >"$T/nodir.txt" 2>&1 || rc=$?
{ [[ $rc == 2 ]] && grep -q "ro: no such file or directory: no-such-dir" "$T/nodir.txt"; } ||
	fail "ro= of nothing: rc $rc: $(cat "$T/nodir.txt")"
check "ro= of a path that does not exist: refused before anything starts"
# wait-idle after the application exited (the real clock: xmessage -timeout
# never fires under a frozen one): at once, saying so (new-user
# trial 5: it waited out the timeout and said "not idle")
printf 'timeout 25\nclock real\nstart bye xmessage -timeout 3 -title bye bye\nwait-window bye bye\nwait-idle 15000\n' \
	>"$T/bye.vt"
rc=0 t0=$SECONDS
VITRINE_BUILD=$VT_BIN "$VT_ROOT/tools/vitrine-test" "$T/bye.vt" >"$T/bye.txt" 2>&1 || rc=$?
{ ((rc == 0)) && grep -q "^# bye: its applications exited: idle for good" "$T/bye.txt"; } ||
	fail "wait-idle after the application exited: rc $rc: $(cat "$T/bye.txt")"
((SECONDS - t0 < 20)) || fail "wait-idle after the application exited took $((SECONDS - t0)) s"
check "wait-idle after the application exited: passes without waiting out its timeout, saying so"
# key chords, double-click, drag, scroll sideways, close and wait-gone
# (new-user trial 6: 'key Control_L a' typed a; 'key ctrl+a' failed without
# a word): vt-input logs what reaches it, window-relative
# (the real clock: libfaketime's LD_PRELOAD and an ASan build of vt-input
# do not mix)
cat >"$T/chord.vt" <<EOF
clock real
domain inp sandbox=no
domain msg sandbox=no
start inp sleep 600 | $VT_BIN/tests/vt-input --log $T/chord-input.txt --geometry 200x150+10+10 --title inp
wait-window inp inp
key ctrl+a shift+Tab
double-click 30 30
drag 20 20 120 100
scroll 50 50 left 2
scroll 50 50 down
start msg xmessage -title bye bye
wait-window msg bye
close
wait-gone
key ctrl+nosuch
EOF
rc=0
VITRINE_BUILD=$VT_BIN "$VT_ROOT/tools/vitrine-test" "$T/chord.vt" >"$T/chord.txt" 2>&1 || rc=$?
{ ((rc == 1)) && grep -q "^ok 14 - $T/chord.vt:14: wait-gone" "$T/chord.txt" &&
	grep -q "^# key ctrl+nosuch: no key 'nosuch' in the keymap" "$T/chord.txt"; } ||
	fail "chord.vt: rc $rc: $(cat "$T/chord.txt")"
ctrl=$(keycode_of Control_L) a=$(keycode_of a) shift=$(keycode_of Shift_L) tab=$(keycode_of Tab)
want="key $ctrl 0|key $a 4|keyup $a 4|keyup $ctrl 4|key $shift 0|key $tab 1|keyup $tab 1|keyup $shift 1"
want+="|button 1 30 30|release 1 30 30|button 1 30 30|release 1 30 30|button 1 20 20|release 1 120 100"
want+="|button 6 50 50|release 6 50 50|button 6 50 50|release 6 50 50|button 5 50 50|release 5 50 50"
got=$(grep -E '^(key|keyup|button|release) ' "$T/chord-input.txt" | paste -sd '|')
[[ $got == "$want" ]] || fail "chord.vt: vt-input got '$got', wanted '$want'"
check "vitrine test: key ctrl+a and shift+Tab hold the modifier around the key; double-click, drag, scroll left and down reach the window where the script says; close then wait-gone passes; an unknown key in a chord fails naming it"

# a window's title is its domain's words, not the runner's fields: one that
# says x=... y=... (with a command in bash arithmetic) neither moves the
# click nor runs anything (hostile-domain trial 19 F2: it ran on the host)
cat >"$T/title.vt" <<EOF
clock real
domain inp sandbox=no
start inp sleep 600 | $VT_BIN/tests/vt-input --log $T/title-input.txt --geometry 200x150+10+10 --title 'inp mapped=1 pixels=1 x=BASH_VERSINFO[\$(touch\${IFS}$T/pwned)] y=300 z'
wait-window inp inp
click 30 40
EOF
rc=0
VITRINE_BUILD=$VT_BIN "$VT_ROOT/tools/vitrine-test" "$T/title.vt" >"$T/title.txt" 2>&1 || rc=$?
[[ ! -e $T/pwned ]] || fail "a window's title ran a command on the host: $(cat "$T/title.txt")"
((rc == 0)) || fail "title.vt: rc $rc: $(cat "$T/title.txt")"
got=$(grep -E '^(button|release) ' "$T/title-input.txt" | paste -sd '|')
[[ $got == "button 1 30 40|release 1 30 40" ]] || fail "title.vt: vt-input got '$got'"
check "vitrine test: a window titled 'x=BASH_VERSINFO[\$(touch ...)] y=300' is clicked where the script says, and nothing runs"
finish
