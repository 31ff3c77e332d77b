#!/bin/bash
# input-type: on the headless backend, `vitrinectl type` types characters
# that no key of the daemon's keymap (--keyboard, US here) types: é, ß, €,
# ñ reach a real xterm in the domain (UTF-8), whose own keymap is US too (its
# agent maps a spare keycode to each; issue 11 item 9). Plain ASCII still
# goes in by its own keys.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

start_daemon --size 1024x768 --domain a,label=blue
start_xvfb DA
start_agent a "$DA"
bg xterm-a "$T/xterm-a.log" env -C "$T" LC_ALL=C.UTF-8 DISPLAY="$DA" \
	xterm -u8 -geometry 40x4+40+40 -title vt-type -e sh -c 'cat > typed'
wait_pixels a 1
id=$(win_field a vt-type id)
ctl focus a "$id" >/dev/null
expect_focus a "$id" "after vitrinectl focus a $id"

# typed WANT: until a's xterm has written WANT (all its lines so far)
typed() {
	local deadline=$((SECONDS + VT_TIMEOUT))
	until [[ $(cat "$T/typed" 2>/dev/null) == "$1" ]]; do
		((SECONDS < deadline)) || fail "a's xterm got '$(cat "$T/typed" 2>/dev/null)', not '$1'"
		sleep 0.05
	done
}

text='zy é ß € ñ Ñ'
ctl type "$text\n" >/dev/null
typed "$text"
check "typed '$text' with a US keymap on both sides: a's xterm got it all"
# more characters without a key than the agent once had spare keycodes (8),
# three times over: each line as typed (new-user trial 3: spares remapped
# while the application still read their old symbol gave 'ÜŒ€éñß ÄÖÜ Œ€')
line='äöüéñß ÄÖÜ Œ€ ¿¡ çÇ'
for ((i = 0; i < 3; i++)); do ctl type "$line\n" >/dev/null; done
typed "$(printf '%s\n%s\n%s\n%s' "$text" "$line" "$line" "$line")"
check "typed '$line' (16 characters without a key) three times: each line as typed"
finish
