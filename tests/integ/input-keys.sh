#!/bin/bash
# input-keys: keys reach only the focused domain (DESIGN promise 3; ATTACKS
# rows 11 and 12: no input stolen, nothing leaks to a domain the user did not
# focus). Two domains, each with a real xterm running a shell and a key
# logger (XInput2 raw events on its X server's root, so it sees every key the
# server gets, whatever the focus inside the domain). Typing into A's xterm
# runs the command in A while B's server records no event at all; a click
# into B moves the focus there and then only B gets the keys.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

start_daemon --size 1280x800 --domain a,label=blue --domain b,label=red
start_xvfb DA
start_xvfb DB
start_keylog a "$DA"
start_keylog b "$DB"
start_agent a "$DA"
start_agent b "$DB"
# the shell of each xterm starts in the test dir: `touch typed-X` lands there
bg xterm-a "$T/xterm-a.log" env -C "$T" DISPLAY="$DA" xterm -geometry 60x8+40+40 -title vt-keys-a -e sh
bg xterm-b "$T/xterm-b.log" env -C "$T" DISPLAY="$DB" xterm -geometry 60x8+500+300 -title vt-keys-b -e sh
wait_pixels a 1
wait_pixels b 1
ida=$(win_field a vt-keys-a id)
idb=$(win_field b vt-keys-b id)
say "xterm windows: a/$ida b/$idb"

# wait_file PATH WHAT: PATH exists within the deadline.
wait_file() {
	local deadline=$((SECONDS + VT_TIMEOUT))
	until [[ -e $1 ]]; do
		((SECONDS < deadline)) || fail "$2: $1 did not appear within ${VT_TIMEOUT}s"
		sleep 0.05
	done
}


# ---- A has the focus: its shell runs what is typed, B's server sees nothing
ctl focus a "$ida" >/dev/null
expect_focus a "$ida" "after vitrinectl focus a $ida"
text_a="touch typed-a\n"
ctl type "$text_a" >/dev/null
wait_file "$T/typed-a" "typed into a's xterm"
check "typed into a's xterm: its shell ran the command (typed-a exists)"
ma=$(keylog_mark a Shift_R)
npress=$(keylog_range a 1 $((ma - 1)) | grep -c '^key press ' || true)
# one press per character ("\n" is Return)
want=$((${#text_a} - 1))
[[ $npress == "$want" ]] ||
	fail "a's X server got $npress key presses before the marker, expected the $want typed: $(keylog_range a 1 $((ma - 1)) | tr '\n' ',')"
check "a's X server got exactly the $want typed key presses"

# shifted characters too: the domain's modifiers follow the desktop's
text='Hi There: #1 (ok) & "A_Z" <x>'
ctl type "echo '$text' > typed-text\n" >/dev/null
wait_file "$T/typed-text" "typed a shell command with shifted characters into a's xterm"
deadline=$((SECONDS + VT_TIMEOUT))
until [[ $(cat "$T/typed-text") == "$text" ]]; do
	((SECONDS < deadline)) || fail "a's shell wrote '$(cat "$T/typed-text")' for echo '$text'"
	sleep 0.05
done
check "typed text with capitals and shifted symbols arrives exactly: $text"
ma=$(keylog_mark a Shift_R)

# with the focus on no window, keys go nowhere (the markers below prove it:
# a's log stays empty until its next marker, b's until its first)
ctl focus none >/dev/null
[[ -z $(focused_line) ]] || fail "vitrinectl focus none left a focused window: $(focused_line)"
ctl type "touch typed-none\n" >/dev/null
ctl key Shift_R tap >/dev/null

# ---- a click into B's xterm moves the focus to B
l=$(win_line_id b "$idb")
cx=$(($(field_of "$l" x) + 30)) cy=$(($(field_of "$l" y) + 20))
ctl click "$cx" "$cy" >/dev/null
expect_focus b "$idb" "after vitrinectl click $cx $cy inside b's xterm"
check "a click inside b's xterm gave it the focus"
mb=$(keylog_mark b Control_R)
# B's first key event is its marker: nothing typed while A had the focus
# reached B's server, and nothing else but the click did either.
before=$(keylog_range b 1 $((mb - 1)))
bad=$(printf '%s\n' "$before" | grep -vE '^(motion|button (press|release) 1|)$' || true)
[[ -z $bad ]] || fail "b's X server got events while a had the focus (ATTACKS 11): $(echo "$bad" | tr '\n' ',')"
[[ $(printf '%s\n' "$before" | grep -c '^button press 1$' || true) == 1 ]] ||
	fail "b's X server did not get exactly one button 1 press for the click: $(echo "$before" | tr '\n' ',')"
check "b's X server recorded zero key events while a had the focus or nothing had it (only the click, then its marker)"

text_b="touch typed-b\n"
ctl type "$text_b" >/dev/null
wait_file "$T/typed-b" "typed into b's xterm"
check "typed into b's xterm after the click: its shell ran the command (typed-b exists)"
mb2=$(keylog_mark b Control_R)
npress=$(keylog_range b $((mb + 2)) $((mb2 - 1)) | grep -c '^key press ' || true)
want=$((${#text_b} - 1))
[[ $npress == "$want" ]] ||
	fail "b's X server got $npress key presses while typing, expected $want"
check "b's X server got exactly the $want typed key presses"

# ---- back to A by vitrinectl focus: A's log between its two markers is empty
ctl focus a "$ida" >/dev/null
expect_focus a "$ida" "after vitrinectl focus a $ida again"
ma2=$(keylog_mark a Shift_R)
between=$(keylog_range a $((ma + 2)) $((ma2 - 1)))
[[ -z $between ]] ||
	fail "a's X server got events while b had the focus: $(echo "$between" | tr '\n' ',')"
check "a's X server recorded nothing (no key, button or motion) while nothing, then b had the focus"
[[ ! -e $T/typed-none ]] || fail "what was typed with the focus on no window ran somewhere"

finish
