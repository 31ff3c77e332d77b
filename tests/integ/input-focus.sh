#!/bin/bash
# input-focus: focus belongs to the user (DESIGN promise 3).
#  - ATTACKS 12: a key held across a focus change is released in the old
#    domain right then and never pressed in the new one; auto-repeat is off
#    in the domains (repeats come only from the trusted side).
#  - Trusted hotkeys (Ctrl+Shift+C, Ctrl+Shift+V, Alt+Tab, Ctrl+Alt+Shift+
#    Escape) never reach a domain: its server sees the modifiers, never the key.
#  - ATTACKS 11: a domain that maps a window and asks for the focus
#    (SetInputFocus, _NET_ACTIVE_WINDOW, raising itself) gets neither the
#    focus nor the keys, and its window stays below the focused one.
#  - Alt+Tab cycles the focus through the windows (headless backend).
#  - Ctrl+Alt+Shift+Escape cuts the focused domain off until `vitrinectl
#    unblock`; the other domain keeps working; no key stays stuck down.
# Each domain's server is watched by vt-keylog (XInput2 raw events: every key
# its devices produce, whatever the focus) and a vt-input window (what the
# focused client gets).
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

start_daemon --size 1280x800 --domain a,label=blue --domain b,label=red
start_xvfb DA
start_xvfb DB
start_keylog a "$DA"
start_keylog b "$DB"
start_agent a "$DA"
start_agent b "$DB"
start_input ia "$DA" --geometry 300x200+50+60 --title ia
start_input ib "$DB" --geometry 300x200+600+400 --title ib
wait_pixels a 1
wait_pixels b 1
ida=${PAT_ID[ia]} idb=${PAT_ID[ib]}

# ---- auto-repeat is off in every domain (ATTACKS 12)
for d in "$DA" "$DB"; do
	ar=$(xset -display "$d" q | grep -o 'auto repeat: *[a-z]*' || true)
	[[ $ar =~ off$ ]] || fail "xset q on the domain display $d says '$ar', expected auto repeat off"
done
check "xset q: auto repeat is off in both domains' X servers"

# ---- before the user focuses anything, no window of a domain has its X
# server's focus (PointerRoot made the window under the domain's pointer
# look focused, an xterm's cursor solid, while no key would come)
for d in "$DA" "$DB"; do
	f=$(DISPLAY=$d "$VT_TOOLS/vt-desk" focus)
	[[ $f == focus=0 ]] || fail "the domain display $d's input focus is '$f' before any focus, not None"
done
check "no focus yet: both domains' X servers have their input focus on None"

# ---- a key held across a focus change (ATTACKS 12)
ctl focus a "$ida" >/dev/null
expect_focus a "$ida" "vitrinectl focus a $ida"
ma=$(keylog_mark a Shift_R)
n=$(wc -l <"$T/input-ia.txt")
ctl key a press >/dev/null
wait_lines "$T/keylog-a.txt" "key press 38" 1 "a held down in a"
sleep 1.2 # longer than any auto-repeat delay: a repeating key would show
ctl focus b "$idb" >/dev/null
expect_focus b "$idb" "vitrinectl focus b $idb while a is held"
wait_lines "$T/keylog-a.txt" "key release 38" 1 "release of a in a after the focus moved away"
got=$(keys_in a $((ma + 2)) 999999 | tr '\n' ',')
[[ $got == "key press 38,key release 38," ]] ||
	fail "a's server: expected exactly 'key press 38,key release 38,' after the focus change, got '$got'"
check "a's server: the held key a was released right when the focus moved to b"
sleep 0.5 # nothing may repeat in a after the release
got=$(input_since ia "$n" | grep -E '^key(up)? 38 ' | tr '\n' ',' || true)
[[ $got =~ ^key\ 38\ [0-9]+,keyup\ 38\ [0-9]+,$ ]] ||
	fail "ia got '$got' for the held a: expected one press and one release, no repeat"
check "ia (focused in a) saw one press of a, no repeat while held, and its release at the focus change"
ctl key a release >/dev/null
mb=$(keylog_mark b Shift_R)
got=$(keys_in b 1 $((mb - 1)) | tr '\n' ',')
[[ -z $got ]] || fail "b's server got keys for a key held before it was focused: '$got'"
check "b's server got no press (nor release) of the a held before it got the focus"

# ---- trusted hotkeys are never forwarded
ctl focus a "$ida" >/dev/null
m0=$(keylog_mark a Shift_R)
n=$(wc -l <"$T/input-ia.txt")
combo() { # KEYSYM... : press all in order, release in reverse order
	local k i
	for k in "$@"; do ctl key "$k" press >/dev/null; done
	for ((i = $# ; i >= 1; i--)); do ctl key "${!i}" release >/dev/null; done
}
combo Control_L Shift_L c
combo Control_L Shift_L v
expect_focus a "$ida" "after Ctrl+Shift+C and Ctrl+Shift+V"
combo Alt_L Tab
expect_focus b "$idb" "Alt+Tab from a's window (it cycles to b's, the next one down)"
check "Alt+Tab moved the focus from a's window to b's"
combo Alt_L Tab
expect_focus a "$ida" "Alt+Tab again (back to a's window)"
check "Alt+Tab again moved it back to a's window"
m1=$(keylog_mark a Shift_R)
between=$(keys_in a $((m0 + 2)) $((m1 - 1)))
say "a's server between the markers: $(echo "$between" | tr '\n' ',')"
for kc in 54 55 23; do
	! grep -q " $kc\$" <<<"$between" || fail "a's server got keycode $kc of a trusted hotkey: $(echo "$between" | tr '\n' ',')"
	! grep -q " $kc\$" <(keylog b) || fail "b's server got keycode $kc of a trusted hotkey"
	! grep -q "^key $kc " "$T/input-ia.txt" "$T/input-ib.txt" || fail "a client got keycode $kc of a trusted hotkey"
done
for kc in 37 50 64; do
	grep -q "^key press $kc\$" <<<"$between" || fail "a's server never saw modifier $kc of the hotkeys: the check sees nothing?"
done
check "C, V and Tab of Ctrl+Shift+C, Ctrl+Shift+V and Alt+Tab never reached a domain; their modifiers did (Control, Shift, Alt)"

# ---- a domain asking for the focus does not get it (ATTACKS 11)
expect_focus a "$ida" "before b asks for the focus"
nb=$(keylog b | wc -l)
start_input ib2 "$DB" --geometry 200x150+100+100 --title ib2
idb2=${PAT_ID[ib2]}
wait_pixels b 2
pat ib2 take-focus
# its request arrives (the attention flag) before the focus is looked at:
# wait-idle alone could end before the client acted (make check, 1 in 6)
wait_win b "$idb2" attention=1
ctl --timeout "$VT_TIMEOUT" wait-idle b 300 >/dev/null
say "windows after b's take-focus:"
win_lines | sed 's/^/    /'
expect_focus a "$ida" "after b mapped ib2 and asked for the focus (SetInputFocus, _NET_ACTIVE_WINDOW, raise)"
sa=$(stack_index a "$ida") sb2=$(stack_index b "$idb2")
((sb2 == sa - 1)) ||
	fail "b's new window ib2 is at stacking position $sb2, a's focused window at $sa: expected ib2 just below it"
check "b's new window (mapped while a was focused, then raised and focused by b itself) is just below a's focused window; focus stays on a"
[[ $(win_field_id b "$idb2" attention) == 1 ]] ||
	fail "b asked to be activated, but its window does not demand attention: $(win_line_id b "$idb2")"
check "b's request to be activated became demands-attention (attention=1), not focus"
n=$(wc -l <"$T/input-ia.txt")
ctl type x >/dev/null
ma=$(keylog_mark a Shift_R)
input_since ia "$n" | grep -q '^key 53 ' || fail "ia did not get the x typed after b asked for the focus"
check "keys still go to a: ia got the x"
# the window the user types into asking to be activated: no attention flag
# (it stayed till the next click, and hid the next request, made once the
# window was minimized: new-user trial 6)
pat ia take-focus
ctl --timeout "$VT_TIMEOUT" wait-idle a 300 >/dev/null
[[ $(win_field_id a "$ida" attention) == 0 ]] ||
	fail "a's focused window asked to be activated: it demands attention: $(win_line_id a "$ida")"
check "a's focused window asking to be activated demands no attention (it has the keys)"
ctl focus b "$idb" >/dev/null # the user's choice, now: b's marker
mb=$(keylog_mark b Shift_R)
got=$(keys_in b $((nb + 1)) $((mb - 1)) | tr '\n' ',')
[[ -z $got ]] || fail "b's server got keys while a was focused after b asked for the focus: '$got'"
! grep -q '^key ' "$T/input-ib2.txt" || fail "ib2 got keys: $(grep '^key ' "$T/input-ib2.txt" | tr '\n' ',')"
check "b's server got no key while it asked for the focus"

# ---- Ctrl+Alt+Shift+Escape cuts the focused domain off
ctl focus a "$ida" >/dev/null
mark_b_before=$(keylog b | wc -l)
ctl key Control_L press >/dev/null
ctl key Alt_L press >/dev/null
ctl key Shift_L press >/dev/null
ctl key Escape tap >/dev/null
ctl key Shift_L release >/dev/null
ctl key Alt_L release >/dev/null
ctl key Control_L release >/dev/null
wait_gone a
check "Ctrl+Alt+Shift+Escape with a focused: a's windows are gone"
[[ $(domain_field a blocked) == 1 && $(domain_field a connected) == 0 ]] ||
	fail "after the cut-off: domains says '$(ctl domains | grep '^a ')', expected blocked=1 connected=0"
check "domains: a blocked=1 connected=0"
assert_log "$VT_DAEMON_LOG" "domain a: cut off by the user"
assert_log "$VT_DAEMON_LOG" "domain a: refused a connection \(cut off by the user\)"
sleep 0.5
[[ $(domain_field a connected) == 0 ]] || fail "a got back in while blocked"
check "a's agent keeps retrying and is refused; a stays out"
[[ -z $(focused_line | grep '^a ' || true) ]] || fail "a window of the cut-off domain still has the focus"
! grep -q '^key press 9$' <(keylog a) || fail "a's server got the Escape of the cut-off hotkey"
check "a's server never saw the Escape"

# the other domain still works
ctl focus b "$idb" >/dev/null
expect_focus b "$idb" "focus b after a was cut off"
n=$(wc -l <"$T/input-ib.txt")
ctl type x >/dev/null
mb=$(keylog_mark b Shift_R)
input_since ib "$n" | grep -q '^key 53 0$' || fail "ib did not get an unmodified x after a's cut-off: $(input_since ib "$n" | tr '\n' ',')"
got=$(keys_in b $((mark_b_before + 1)) $((mb - 1)) | grep -v ' 53$' || true)
[[ -z $got ]] || fail "b's server got other keys than its x around a's cut-off: $(echo "$got" | tr '\n' ',')"
check "b still gets its keys (an unmodified x) after a was cut off"

# unblock: a comes back with its windows
ctl unblock a >/dev/null
wait_connected a 1
wait_pixels a 1
wait_win a "$ida" mapped=1
[[ $(domain_field a blocked) == 0 ]] || fail "a is still blocked=1 after vitrinectl unblock"
check "vitrinectl unblock a: a reconnected (blocked=0) and its window is back"
ctl focus a "$ida" >/dev/null
n=$(wc -l <"$T/input-ia.txt")
ctl type x >/dev/null
ma=$(keylog_mark a Shift_R)
input_since ia "$n" | grep -q '^key 53 0$' ||
	fail "ia did not get an unmodified x after the unblock (a modifier stuck down?): $(input_since ia "$n" | tr '\n' ',')"
for kc in $(keylog a | awk '$1 == "key" {print $3}' | sort -un); do
	p=$(keylog a | grep -cx "key press $kc" || true)
	r=$(keylog a | grep -cx "key release $kc" || true)
	((p == r)) || fail "a's server: keycode $kc pressed $p times, released $r times: stuck down"
done
check "a works again after the unblock: an unmodified x, no key stuck down in its server"

# ---- holding Alt, Tab after Tab visits every window (three: ia, ib, ib2),
# as the user expects of a cycle
ctl focus a "$ida" >/dev/null
seen=()
ctl key Alt_L press >/dev/null
for i in 1 2 3; do
	ctl key Tab tap >/dev/null
	l=$(focused_line)
	seen+=("$(field_of "$l" domain)/$(field_of "$l" id)")
done
ctl key Alt_L release >/dev/null
say "Alt+Tab, Tab, Tab from a/$ida focused: ${seen[*]}"
uniq=$(printf '%s\n' "${seen[@]}" | sort -u | wc -l)
((uniq == 3)) || fail "holding Alt and pressing Tab three times from a/$ida visited ${seen[*]}: expected all three windows (a/$ida b/$idb b/$idb2)"
check "Alt+Tab cycles through all three windows"

finish
