#!/bin/bash
# attack-clipboard: ATTACKS.md rows 13 (clipboard data sent late, after
# another domain's copy; a paste racing a focus change), 14 (a short
# clipboard after a long one) and the clipboard part of row 5 (clipboard data
# nobody asked for, in bulk), with DESIGN promise 7: the clipboard moves
# between domains only on the user's hotkeys, Ctrl+Shift+C (copy from the
# focused domain) and Ctrl+Shift+V (paste into the focused domain, once).
#
# Domains a (red, max_clipboard_kb=16), b (orange) and c (green) are
# tests/clients/vt-hostile.py, each with a window; work (blue) is a real
# agent with vt-pattern and vt-keylog, whose X CLIPBOARD is read and set with
# xclip; d (gray) takes the one-shot cut-offs; f (purple) sends unasked-for
# clipboard data in bulk (ATTACKS 19: at most 5 log lines, the rest counted).
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

start_daemon --size 1280x800 --domain work,label=blue --domain a,label=red,tint=none,max_clipboard_kb=16 \
	--domain b,label=orange,tint=none --domain c,label=green,tint=none --domain d,label=gray \
	--domain f,label=purple,tint=none
start_xvfb DW
start_keylog work "$DW"
start_agent work "$DW"
start_pattern w "$DW" --pattern solid --color 00ff00 --geometry 200x150+40+60 --title steady
idw=${PAT_ID[w]}
wait_pixels work 1
other_ok work w start
x=300
for dom in a b c; do
	hostile_start "$dom" "$dom" window
	hostile "$dom" "configure 7 $x 400 160 100"
	x=$((x + 300))
done
for dom in a b c; do
	wait_pixels "$dom" 1
done

hotkey() { # c|v: Ctrl+Shift+KEY, as the user types it
	ctl key Control_L press >/dev/null
	ctl key Shift_L press >/dev/null
	ctl key "$1" >/dev/null
	ctl key Shift_L release >/dev/null
	ctl key Control_L release >/dev/null
}
# got_n NAME REGEX: how many of the daemon's messages to NAME match
got_n() { hostile_got "$1" "$2" | wc -l; }
# wait_got NAME REGEX N: until N of them match
wait_got() {
	local deadline=$((SECONDS + VT_TIMEOUT))
	until (($(got_n "$1" "$2") >= $3)); do
		((SECONDS < deadline)) || fail "$1 did not get /$2/ ($3 times) (log $T/$1.log)"
		sleep 0.05
	done
}
# serial_of NAME: the serial of the last CLIPBOARD_REQUEST to NAME
serial_of() { hostile_got "$1" '^got CLIPBOARD_REQUEST 0 ' | tail -n 1 | sed 's/.*serial=//'; }
# copy_from NAME: focus its window 7, Ctrl+Shift+C; prints the serial asked
copy_from() {
	local n
	n=$(got_n "$1" '^got CLIPBOARD_REQUEST ')
	ctl focus "$1" 7 >/dev/null
	hotkey c
	wait_got "$1" '^got CLIPBOARD_REQUEST ' $((n + 1))
	serial_of "$1"
}
# paste_into NAME: focus its window 7, Ctrl+Shift+V
paste_into() {
	ctl focus "$1" 7 >/dev/null
	hotkey v
}
connected_all() {
	local dom
	for dom in a b c; do
		[[ $(domain_field "$dom" connected) == 1 ]] || fail "$1: domain $dom was disconnected"
	done
	for dom in a b c work; do
		(($(violation_count "$dom") == 0)) || fail "$1: violation of $dom: $(next_violation "$dom" 0)"
	done
}

# ---- row 5 / 13: clipboard data nobody asked for, once and in bulk
say "clipboard data nobody asked for"
NOBODY='clipboard data nobody asked for dropped'
hostile a "clip 0 $(hex unasked)"
hostile a "clip 99 $(hex 'wrong serial')"
assert_log "$VT_DAEMON_LOG" "domain a: $NOBODY" 2
# in bulk, from f (so that a's lines stay within the burst of 5 of row 19):
# dropped, logged at most 5 times (row 19), the rest counted when f goes; 100,
# the most a domain may send within 10 s (one more cuts it off:
# attack-refusals)
hostile_start f f window
wait_pixels f 1
t0=$EPOCHREALTIME
hostile f "clipflood 100 262144"
hostile f "configure 7 -5000 400 160 100" # answered once the 100 are handled
wait_got f '^got SET_GEOMETRY 7 ' 1
say "100 unasked 256 KiB clipboards dropped in $(((${EPOCHREALTIME/./} - ${t0/./}) / 1000)) ms"
n=$(count_log "$VT_DAEMON_LOG" "domain f: $NOBODY")
((n >= 1 && n <= 6)) || fail "$n log lines for 100 CLIPBOARD_DATA nobody asked for (row 19: at most 5, one more per 10 s)"
paste_into c
ctl domains >/dev/null
connected_all "unasked clipboard data"
[[ $(domain_field f connected) == 1 ]] || fail "f was disconnected for unasked clipboard data"
other_ok work w "100 unasked clipboards"
(($(got_n c '^got CLIPBOARD_PASTE') == 0)) || fail "a paste delivered data nobody asked for: $(hostile_got c PASTE)"
hostile_stop f
assert_log "$VT_DAEMON_LOG" "domain f: $((100 - n)) lines suppressed \(clipboard data nobody asked for\)\$"
check "102 CLIPBOARD_DATA nobody asked for (25 MiB): each dropped, $((n + 2)) log lines (the rest counted), nothing to paste, a and f still connected"

# ---- malformed clipboard messages cut the sender off
expect_cut_off d 'clipboard body too long' row13 toolong
expect_cut_off d 'connection message with a window id' row13 window
expect_cut_off d 'CLIPBOARD_DATA body too short' row13 short

# ---- row 13: data sent late, after another domain's copy
say "row 13: a late answer after another domain's copy"
s1=$(copy_from a)
s2=$(copy_from b)
((s2 > s1)) || fail "serials did not grow: $s1, then $s2"
n=$(count_log "$VT_DAEMON_LOG" "domain a: $NOBODY")
hostile a "clip $s1 $(hex 'late from a')"
assert_log "$VT_DAEMON_LOG" "domain a: $NOBODY" $((n + 1))
hostile b "clip $s2 $(hex 'from b')"
assert_log "$VT_DAEMON_LOG" 'clipboard: 6 bytes copied from b$'
paste_into c
wait_got c '^got CLIPBOARD_PASTE ' 1
[[ $(hostile_got c '^got CLIPBOARD_PASTE ' | tail -n 1) == "got CLIPBOARD_PASTE 0 len=6 text=$(hex 'from b')" ]] ||
	fail "c got $(hostile_got c PASTE | tail -n 1), expected 'from b'"
check "a's answer to request $s1 came after b's copy ($s2): dropped; c got exactly b's 'from b'"
paste_into c
ctl domains >/dev/null
sleep 0.2
(($(got_n c '^got CLIPBOARD_PASTE ') == 1)) || fail "a second Ctrl+Shift+V pasted again"
check "one paste per copy: a second Ctrl+Shift+V pastes nothing"
# an answer with an older serial of the same domain
s3=$(copy_from a)
n=$(count_log "$VT_DAEMON_LOG" "domain a: $NOBODY")
hostile a "clip $s1 $(hex 'stale serial')"
assert_log "$VT_DAEMON_LOG" "domain a: $NOBODY" $((n + 1))
hostile a "clip $s3 $(hex 'fresh from a')"
assert_log "$VT_DAEMON_LOG" 'clipboard: 12 bytes copied from a$'
check "an answer with an older serial ($s1 to request $s3) is dropped, the right one taken"

# ---- row 13: the paste goes where the user pressed it
say "row 13: a paste racing a focus change"
ctl focus c 7 >/dev/null
ctl key Control_L press >/dev/null
ctl key Shift_L press >/dev/null
ctl focus work "$idw" >/dev/null # the user moves on, keys held
ctl key v >/dev/null
ctl key Shift_L release >/dev/null
ctl key Control_L release >/dev/null
deadline=$((SECONDS + VT_TIMEOUT))
until [[ $(DISPLAY=$DW timeout 5 xclip -o -selection clipboard 2>/dev/null) == "fresh from a" ]]; do
	((SECONDS < deadline)) || fail "work's X clipboard: '$(DISPLAY=$DW timeout 5 xclip -o -selection clipboard 2>&1)', expected 'fresh from a'"
	sleep 0.1
done
(($(got_n c '^got CLIPBOARD_PASTE ') == 1)) || fail "c, focused when Ctrl+Shift went down, got the paste too"
check "Ctrl+Shift held on c, focus moved to work, then V: the paste went to work (its X clipboard has it), not to c"
# the answer to the latest request, but late: the domain must not choose
# when the clipboard changes (hostile-domain trial 15 #5: 20 s later)
s4=$(copy_from a)
sleep 3.2 # CLIPBOARD_ANSWER_MS, 3 s
hostile a "clip $s4 $(hex 'late but asked')"
assert_log "$VT_DAEMON_LOG" "domain a: its clipboard came [0-9]+ ms after the copy; dropped"
paste_into c
ctl domains >/dev/null
sleep 0.2
(($(got_n c '^got CLIPBOARD_PASTE ') == 1)) || fail "the late answer was pasted: $(hostile_got c PASTE | tail -n 1)"
check "an answer to the latest request 3.2 s after the copy is dropped (logged); nothing to paste"

# ---- row 14: a short clipboard after a long one
say "row 14: a short clipboard after a long one"
s=$(copy_from b)
hostile b "clipfill $s 60000 L"
assert_log "$VT_DAEMON_LOG" 'clipboard: 60000 bytes copied from b$'
paste_into c
wait_got c '^got CLIPBOARD_PASTE 0 len=60000 ' 1
s=$(copy_from a)
hostile a "clip $s $(hex hi)"
assert_log "$VT_DAEMON_LOG" 'clipboard: 2 bytes copied from a$'
paste_into c
wait_got c '^got CLIPBOARD_PASTE ' 3
[[ $(hostile_got c '^got CLIPBOARD_PASTE ' | tail -n 1) == "got CLIPBOARD_PASTE 0 len=2 text=$(hex hi)" ]] ||
	fail "after 60000 bytes, c got $(hostile_got c PASTE | tail -n 1), expected exactly 'hi'"
check "c got 60000 bytes (b's quota is 64 KiB), then exactly 'hi': no tail of the long copy"
# an empty copy (nothing selected in a) wipes nothing: the next paste still
# gives b's copy
s=$(copy_from b)
hostile b "clip $s $(hex kept)"
assert_log "$VT_DAEMON_LOG" 'clipboard: 4 bytes copied from b$'
s=$(copy_from a)
hostile a "clip $s"
assert_log "$VT_DAEMON_LOG" 'clipboard: nothing to copy from a; it still holds the copy from b$'
n=$(got_n c '^got CLIPBOARD_PASTE ')
paste_into c
wait_got c '^got CLIPBOARD_PASTE ' $((n + 1))
[[ $(hostile_got c '^got CLIPBOARD_PASTE ' | tail -n 1) == "got CLIPBOARD_PASTE 0 len=4 text=$(hex kept)" ]] ||
	fail "after an empty copy from a, c got $(hostile_got c PASTE | tail -n 1), expected b's 'kept'"
check "an empty copy (nothing selected) wipes nothing: the paste gives the copy before it"
# the same through a real agent: work's X clipboard holds exactly the text
s=$(copy_from b)
hostile b "clipfill $s 50000 M"
assert_log "$VT_DAEMON_LOG" 'clipboard: 50000 bytes copied from b$'
ctl focus work "$idw" >/dev/null
hotkey v
deadline=$((SECONDS + VT_TIMEOUT))
until [[ $(DISPLAY=$DW timeout 5 xclip -o -selection clipboard 2>/dev/null | wc -c) == 50000 ]]; do
	((SECONDS < deadline)) || fail "work's X clipboard does not hold the 50000 bytes pasted"
	sleep 0.1
done
s=$(copy_from a)
hostile a "clip $s $(hex ok)"
assert_log "$VT_DAEMON_LOG" 'clipboard: 2 bytes copied from a$' 2
ctl focus work "$idw" >/dev/null
hotkey v
deadline=$((SECONDS + VT_TIMEOUT))
until [[ $(DISPLAY=$DW timeout 5 xclip -o -selection clipboard 2>/dev/null | od -An -tx1 | tr -d ' \n') == "$(hex ok)" ]]; do
	((SECONDS < deadline)) || fail "work's X clipboard after 50000 bytes then 'ok': '$(DISPLAY=$DW timeout 5 xclip -o -selection clipboard 2>&1 | head -c 80)'"
	sleep 0.1
done
check "work's real agent: 50000 bytes pasted, then 'ok': its X clipboard holds exactly 'ok'"

# ---- the copy quota and non-text
say "clipboard quota and non-UTF-8"
s=$(copy_from a)
hostile a "clipfill $s 20000 Q"
assert_log "$VT_DAEMON_LOG" 'domain a: clipboard quota \(16384 bytes\) exceeded; copy refused'
s=$(copy_from a)
hostile a "clip $s fffe41"
assert_log "$VT_DAEMON_LOG" 'domain a: clipboard is not UTF-8 text; copy refused'
n=$(got_n c '^got CLIPBOARD_PASTE ')
paste_into c
ctl domains >/dev/null
sleep 0.2
(($(got_n c '^got CLIPBOARD_PASTE ') == n)) || fail "a refused copy was pasted: $(hostile_got c PASTE | tail -n 1)"
check "20000 bytes over a's 16 KiB quota, and bytes that are not UTF-8: refused with a log line, nothing to paste"

# ---- from the real agent, the user's copy
say "a copy from work's real agent"
printf 'work secret' >"$T/work-clip.txt"
bg xclip "$T/xclip.log" env DISPLAY="$DW" xclip -quiet -selection clipboard -i "$T/work-clip.txt"
ctl focus work "$idw" >/dev/null
deadline=$((SECONDS + VT_TIMEOUT))
until [[ $(DISPLAY=$DW timeout 5 xclip -o -selection clipboard 2>/dev/null) == "work secret" ]]; do
	((SECONDS < deadline)) || fail "xclip did not take work's clipboard"
	sleep 0.1
done
hotkey c
assert_log "$VT_DAEMON_LOG" 'clipboard: 11 bytes copied from work$'
paste_into c
wait_got c "^got CLIPBOARD_PASTE 0 len=11 text=$(hex 'work secret')\$" 1
check "Ctrl+Shift+C on work's window took its X clipboard; Ctrl+Shift+V gave it to c"

# ---- the hotkeys themselves reach nobody
for dom in a b c; do
	[[ -z $(hostile_got "$dom" '^got KEY .*keycode=(54|55) ') ]] ||
		fail "$dom got the C or V of a clipboard hotkey: $(hostile_got "$dom" '^got KEY .*keycode=(54|55) ' | head -n 1)"
done
connected_all "the clipboard cases"
check "no domain got the C or V of a hotkey; a, b, c connected, no violation"
other_ok work w "the clipboard cases"
for dom in a b c; do
	hostile_stop "$dom"
done

finish
