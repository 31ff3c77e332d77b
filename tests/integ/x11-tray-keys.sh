#!/bin/bash
# x11-tray-keys: new-user trial 14 #3. The user types in chat's terminal,
# then opens bank's tray menu (a right click on its icon) and chooses from
# it with the keyboard, as in any desktop's menus: Down, Return. The keys
# went to chat's terminal (it ran the line) and bank's menu stayed open.
# Now the menu a domain opens at the user's press on its tray icon has the
# keys while it is shown; then they go back to chat's terminal.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

start_xvfb DESK 1024x768
start_openbox "$DESK" click
start_daemon_x11 "$DESK" --domain chat,label=yellow --domain bank,label=green
start_xvfb DC
start_xvfb DB
start_agent chat "$DC"
start_agent bank "$DB"
bg xterm "$T/xterm.log" env -C "$T" LC_ALL=C.UTF-8 DISPLAY="$DC" \
	xterm -geometry 60x8+40+200 -title vt-chat -e sh -c "cat > typed"
bg yad "$T/yad.log" env DISPLAY="$DB" GDK_BACKEND=x11 NO_AT_BRIDGE=1 yad --notification \
	--image=/usr/share/icons/Adwaita/24x24/places/folder-pictures.png --text=bank \
	--command="echo yad-clicked" --menu="Pay!echo yad-pay|Quit!echo yad-quit"
dc=''
wait_desk_id dc chat vt-chat
desk_choose "$dc" chat "$(win_field chat vt-chat id)"
desk xdotool type --delay 20 "first"
desk xdotool key Return
wait_lines "$T/typed" "first" 1 "typed into chat's terminal"
# bank's icon: no tray on the desktop, a window of the daemon's own
deadline=$((SECONDS + VT_TIMEOUT))
until tid=$(desk xwininfo -root -tree 2>/dev/null | grep -F '"[bank] ' | grep vitrine-tray | awk '{print $1}') &&
	[[ -n $tid ]] && desk xwininfo -id "$tid" 2>/dev/null | grep -q IsViewable; do
	((SECONDS < deadline)) || fail "no tray icon of bank's on the desktop"
	sleep 0.1
done
info=$(desk xwininfo -id "$tid")
ix=$(awk '/Absolute upper-left X/ {print $NF}' <<<"$info")
iy=$(awk '/Absolute upper-left Y/ {print $NF}' <<<"$info")
# the click guard (hostile-domain trial 15 #4: a tray packs its icons, and
# one docked or undocked moves the others under the user's click): the
# icon moved (as a tray moves it), then clicked at once: no click, a notice
n=$(count_log "$VT_DAEMON_LOG" "notice: bank's tray icon appeared where you clicked")
t0=${EPOCHREALTIME/./}
desk xdotool windowmove --sync "$tid" $((ix + 40)) "$iy"
info=$(desk xwininfo -id "$tid")
ix=$(awk '/Absolute upper-left X/ {print $NF}' <<<"$info")
iy=$(awk '/Absolute upper-left Y/ {print $NF}' <<<"$info")
desk xdotool mousemove --sync $((ix + 12)) $((iy + 12)) click 3
t1=${EPOCHREALTIME/./}
if (((t1 - t0) / 1000 < 450)); then
	assert_log "$VT_DAEMON_LOG" "notice: bank's tray icon appeared where you clicked: no click; keys still go to chat" $((n + 1))
	sleep 0.3
	! ctl windows | awk '$1 == "bank" && / popup=1/ && / mapped=1/' | grep -q . ||
		fail "a click on bank's tray icon $(((t1 - t0) / 1000)) ms after it moved opened its menu: $(ctl windows)"
	check "bank's tray icon moved, clicked $(((t1 - t0) / 1000)) ms after: the click guard's (no menu, the notice)"
else
	say "the move and the click took $(((t1 - t0) / 1000)) ms: the click guard not checked"
fi
sleep 0.6 # (past the guard)
desk xdotool mousemove --sync $((ix + 12)) $((iy + 12)) click 3
deadline=$((SECONDS + VT_TIMEOUT))
until ctl windows | awk '$1 == "bank" && / popup=1/ && / mapped=1/ && / pixels=1/' | grep -q .; do
	((SECONDS < deadline)) || fail "no menu of bank's tray icon is shown: $(ctl windows)"
	sleep 0.05
done
[[ $(field_of "$(focused_line)" popup 2>/dev/null) == 1 && $(focused_line) == bank* ]] ||
	fail "bank's tray menu is shown, but the keys go to: $(focused_line)"
check "a right click on bank's tray icon: its menu has the keys"
sleep 0.3
desk xdotool key Down Return
deadline=$((SECONDS + VT_TIMEOUT))
until grep -q '^yad-pay$' "$T/yad.log"; do
	((SECONDS < deadline)) || fail "Down, Return in bank's tray menu did not choose Pay (log $T/yad.log)"
	sleep 0.05
done
[[ $(wc -l <"$T/typed") == 1 ]] || fail "chat's terminal got keys meant for bank's menu: $(cat "$T/typed")"
check "Down, Return chose Pay in bank's menu; chat's terminal got none of it"
deadline=$((SECONDS + VT_TIMEOUT))
until [[ $(focused_line) == chat* ]]; do
	((SECONDS < deadline)) || fail "the keys did not go back to chat after bank's menu: $(focused_line)"
	sleep 0.05
done
desk xdotool type --delay 20 "second"
desk xdotool key Return
wait_lines "$T/typed" "second" 1 "typed into chat's terminal again"
check "the menu gone, the keys are chat's again"

# ---- new-user trial 17 #1: the desktop's own terminal has the focus (not
# a guest window): the keys came to no window of the daemon's, Down, Return
# went to that terminal and the menu stayed open. The menu takes the
# desktop's focus while it has the keys, and gives it back.
bg hostterm "$T/hostterm.log" env -C "$T" DISPLAY="$DESK" xterm -geometry 40x5+420+520 \
	-title vt-host -e sh -c "cat > hosttyped"
deadline=$((SECONDS + VT_TIMEOUT))
until hid=$(desk xdotool search --name '^vt-host$' | head -n 1) && [[ -n $hid ]] &&
	desk xwininfo -id "$hid" 2>/dev/null | grep -q IsViewable; do
	((SECONDS < deadline)) || fail "no host xterm on the desktop"
	sleep 0.1
done
desk xdotool mousemove --sync 560 560 click 1
wait_desk_focus "$hid" "the user's click on the host xterm"
deadline=$((SECONDS + VT_TIMEOUT))
until [[ -z $(focused_line) ]]; do
	((SECONDS < deadline)) || fail "the host xterm has the desktop's focus, the keys go to: $(focused_line)"
	sleep 0.05
done
desk xdotool type --delay 20 "host1"
desk xdotool key Return
wait_lines "$T/hosttyped" "host1" 1 "typed into the host's terminal"
desk xdotool mousemove --sync $((ix + 12)) $((iy + 12)) click 3
deadline=$((SECONDS + VT_TIMEOUT))
until [[ $(field_of "$(focused_line)" popup 2>/dev/null) == 1 && $(focused_line) == bank* ]]; do
	((SECONDS < deadline)) || fail "bank's tray menu opened from the host's focus has no keys: $(focused_line)"
	sleep 0.05
done
sleep 0.3
desk xdotool key Down Return
deadline=$((SECONDS + VT_TIMEOUT))
until (($(grep -c '^yad-pay$' "$T/yad.log") == 2)); do
	((SECONDS < deadline)) || fail "Down, Return in bank's tray menu (the host's terminal focused before) chose nothing; the host's terminal has: $(cat "$T/hosttyped")"
	sleep 0.05
done
check "from the host's own terminal: bank's menu had the keys, Down, Return chose Pay"
wait_desk_focus "$hid" "the desktop's focus back to the host's terminal after the menu"
desk xdotool type --delay 20 "host2"
desk xdotool key Return
wait_lines "$T/hosttyped" "host2" 1 "typed into the host's terminal after the menu"
[[ $(wc -l <"$T/hosttyped") == 2 ]] || fail "the host's terminal got keys meant for bank's menu: $(cat "$T/hosttyped")"
[[ -z $(focused_line) ]] || fail "after the menu the keys go to a guest window: $(focused_line)"
check "the menu gone, the desktop's focus is the host's terminal's again, and its keys reach it (none of the menu's)"
finish
