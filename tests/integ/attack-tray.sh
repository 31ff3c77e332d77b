#!/bin/bash
# attack-tray: ATTACKS rows 23-26 (issue 14 items 3, 4): a hostile agent's
# tray icons and notifications, on the headless backend, whose tray area and
# notifications the daemon draws itself.
#  - malformed or oversized TRAY_ICON and NOTIFY: each a violation, cut off
#    with one line;
#  - tray icons past the tray quota (8 a domain): refused, rate-limited log
#    lines, the 101st refusal within 10 s cuts the domain off;
#  - mimicry: an icon in work's blue named "[work] bank" is drawn in the tray
#    area tinted and bordered in untrusted's red; a notification "[work] pay
#    now" whose body is the daemon's notice text is shown as untrusted's
#    ("[untrusted] (work] pay now"), in the domain style (red border, grey
#    plate), not the daemon's (white border, black plate);
#  - a flood of 50 notifications: 5 shown, the rest dropped with at most a
#    few log lines; the domain stays connected;
#  - a notification's icon (NOTIFY_ICON) in work's blue: drawn at the left
#    of untrusted's notification box tinted red (9f2525), the box taller; an
#    oversized or short one cuts the domain off with one line, as 101 for
#    ids it never had;
#  - a real tray application, yad --notification docked in work, drawn in
#    the tray area; a click 1 px outside its slot does nothing, a click on it
#    (the control socket's pointer, through the core's rules) runs its
#    --command in work.
# The other domain, a real agent, keeps drawing throughout.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

W=800
start_daemon --size ${W}x600 --domain work,label=blue --domain untrusted,label=red \
	--domain flood,label=orange --domain churn,label=purple
start_xvfb DW
start_keylog work "$DW"
start_agent work "$DW"
start_pattern w "$DW" --pattern solid --color 00ff00 --geometry 200x150+100+300 --title steady
wait_pixels work 1
other_ok work w start

expect_cut_off untrusted '^tray icon size out of range' tray oversize
expect_cut_off untrusted '^TRAY_ICON length does not match its size' tray badlen
expect_cut_off untrusted '^tray icon body too long' tray toolong
expect_cut_off untrusted '^notification string too long' notify toolong
expect_cut_off untrusted '^NOTIFY length does not match its strings' notify badlen
expect_cut_off untrusted '^connection message with a window id' notify window

expect_refusals_cut_off '^vitrine-daemon: domain untrusted: tray icon [0-9]+ refused: 8 icons already' \
	"101 tray icons refused at the quota" \
	untrusted '^repeated refused requests \(tray icons refused\): 101 in 10 s' tray quota 120
check "101 tray icons over the quota: $VT_REFUSAL_LINES log lines naming the domain (rate-limited), then cut off"
other_ok work w "after the tray flood"
expect_refusals_cut_off '^vitrine-daemon: domain churn: tray icon 1 refused: over 16 icons docked or undocked in 10 s' \
	"tray icons docked and undocked in a loop" \
	churn '^repeated refused requests \(tray icons refused\): 101 in 10 s' tray churn 150
check "a tray icon docked and undocked 150 times: 8 shown (16 docks and undocks), the rest refused ($VT_REFUSAL_LINES log lines), then cut off"

# ---- mimicry, seen in a shot of the output; work's window under the
# notification
start_pattern top "$DW" --pattern solid --color 00ff00 --geometry 600x100+100+20 --title top
wait_pixels work 2
hostile_start mimic untrusted tray mimic
assert_log "$VT_DAEMON_LOG" '^vitrine-daemon: domain untrusted: notification "\(work\] pay now"$'
looks_mimic() {
	# the tray area's first slot (28 px, top right): border, then the icon
	edge=$(pix "$1" $((W - 28)) 0) icon=$(pix "$1" $((W - 14)) 14)
	# the notification: under the daemon's notice's place, centred
	top=$(pix "$1" $((W / 2)) 37) plate=$(pix "$1" $((W / 2)) 42) above=$(pix "$1" $((W / 2)) 10)
	VT_SEEN="tray edge $edge (want cc0000), icon $icon (want 9f2525, work's 3465a4 tinted red), notification border $top (want cc0000), plate $plate (want 303030)"
	[[ $edge == cc0000 && $icon == 9f2525 && $top == cc0000 && $plate == 303030 ]]
}
wait_shot mimic looks_mimic
[[ $above != ffffff && $above != 000000 ]] || fail "something like the daemon's notice at the top: $above (shot $VT_SHOT)"
check "work's blue icon drawn tinted red (9f2525) in a red border; \"[work] pay now\" shown as untrusted's: red border, grey plate"
# hostile-domain trial 14 #1: work's shot is its windows, drawn from their
# own pixels: untrusted's notification over work's window is not in it
reply=$(ctl screenshot "$T/work-shot.png" --domain work)
[[ $reply =~ at=(-?[0-9]+),(-?[0-9]+) ]] || fail "screenshot --domain work: '$reply'"
sx=${BASH_REMATCH[1]} sy=${BASH_REMATCH[2]}
got=$(pix "$T/work-shot.png" --rect $((W / 2 - 100 - sx)) $((37 - sy)) 200 40)
[[ $got == 00ff00 ]] || fail "work's shot under untrusted's notification is $got, not work's green ($T/work-shot.png; the output: $VT_SHOT)"
check "screenshot --domain work: untrusted's notification over work's window is not in it (work's green there)"
co_close mimic
co_close top

# ---- a flood of notifications: 5 in 10 s
hostile_start fl flood notify flood 50
assert_log "$VT_DAEMON_LOG" '^vitrine-daemon: domain flood: notification dropped: over 5 in 10 s$'
shown=$(count_log "$VT_DAEMON_LOG" '^vitrine-daemon: domain flood: notification "n[0-9]+"$')
((shown == 5)) || fail "$shown notifications of 50 shown (want 5)"
dropped=$(count_log "$VT_DAEMON_LOG" '^vitrine-daemon: domain flood: notification dropped')
((dropped >= 1 && dropped <= 5)) || fail "$dropped log lines for 45 dropped notifications (want 1 to 5)"
[[ $(domain_field flood connected) == 1 ]] || fail "the flooding domain was cut off"
check "50 notifications at once: 5 shown, 45 dropped with $dropped log lines, the domain still connected"
co_close fl
other_ok work w "after the notifications"

# ---- notification actions and closing (NOTIFY_CLOSE, NOTIFY_EVENT)
expect_cut_off untrusted '^notification actions out of range' notify actions9
expect_cut_off untrusted '^notification string too long' notify label65
expect_cut_off untrusted '^unknown message type' notify event
expect_refusals_cut_off '^vitrine-daemon: domain untrusted: notification [0-9]+ closed: it has none such' \
	"101 NOTIFY_CLOSE of ids never had" \
	untrusted '^repeated refused requests \(notification closes refused\): 101 in 10 s' notify closeflood 120
check "101 NOTIFY_CLOSE of ids it never had: $VT_REFUSAL_LINES log lines, then cut off"
# a click on the drawn notification is the user's: its default action, then
# closed (dismissed); one left alone expires
hostile_start act untrusted notify actions
assert_log "$VT_DAEMON_LOG" '^vitrine-daemon: domain untrusted: notification "act now"$'
[[ -z $(hostile_got act '^got NOTIFY_EVENT') ]] || fail "NOTIFY_EVENT before any click: $(hostile_got act '^got NOTIFY_EVENT')"
sleep 0.6 # a click within 0.5 s of its showing is the click guard's (test-tray)
ctl click $((W / 2)) 45 >/dev/null
deadline=$((SECONDS + VT_TIMEOUT))
until [[ $(hostile_got act '^got NOTIFY_EVENT' | tr '\n' ';') == 'got NOTIFY_EVENT 0 id=7 event=2 value=0;got NOTIFY_EVENT 0 id=7 event=1 value=2;' ]]; do
	((SECONDS < deadline)) || fail "after a click on the notification: $(hostile_got act '^got NOTIFY_EVENT' | tr '\n' ';') (want action 0, then closed 2)"
	sleep 0.05
done
check "a click on untrusted's drawn notification: NOTIFY_EVENT action 0 (its default), then closed (dismissed)"
hostile act "raw 13000000000000000e0000000800000001000100000000006578"
deadline=$((SECONDS + VT_TIMEOUT + 10)) # drawn for 10 s (DNOTIFY_MS)
until [[ -n $(hostile_got act '^got NOTIFY_EVENT 0 id=8 event=1 value=1$') ]]; do
	((SECONDS < deadline)) || fail "notification 8 did not expire: $(hostile_got act '^got NOTIFY_EVENT' | tr '\n' ';')"
	sleep 0.1
done
check "a notification left alone: NOTIFY_EVENT closed (expired) after it is taken down"
co_close act
# ---- a notification's icon (NOTIFY_ICON), marked with the sender's colour
expect_cut_off untrusted '^notification icon size out of range' notify icon oversize
expect_cut_off untrusted '^NOTIFY_ICON length does not match its size' notify icon short
expect_cut_off untrusted '^repeated refused requests \(notification icons refused\): 101 in 10 s' notify iconflood 120
hostile_start ic untrusted notify iconshow
assert_log "$VT_DAEMON_LOG" '^vitrine-daemon: domain untrusted: notification "with icon"$'
looks_icon() {
	# row 60 crosses the icon (the box: y 36 to 84, the icon 32 px in its middle)
	local args=() row x
	for ((x = 0; x < W / 2; x++)); do args+=(--rect "$x" 60 1 1); done
	mapfile -t row < <(pix "$1" "${args[@]}")
	left=-1 icon='' pad='' bottom='' below=''
	for ((x = 0; x < W / 2; x++)); do [[ ${row[x]} == cc0000 ]] && left=$x && break; done
	# its border (4 px), the plate's pad (12 px), the icon (32 px)
	if ((left >= 0)); then
		icon=${row[left + 16 + 16]} pad=${row[left + 4 + 6]} bottom=$(pix "$1" $((left + 8)) 83) below=$(pix "$1" $((left + 8)) 84)
	fi
	VT_SEEN="the notification's left border at x=$left on row 60, its icon $icon (want 9f2525: work's 3465a4 tinted red), pad $pad (want 303030), bottom border $bottom at y 83 (want cc0000), $below under it"
	[[ $icon == 9f2525 && $pad == 303030 && $bottom == cc0000 && $below != cc0000 ]]
}
wait_shot icon looks_icon
check "a notification's icon in work's blue: drawn at the box's left tinted red (9f2525), the box 48 px high (shot $VT_SHOT)"
co_close ic
# ---- yad --notification in work: drawn in the tray area, a click runs its command
bg yad "$T/yad.log" env DISPLAY="$DW" GDK_BACKEND=x11 NO_AT_BRIDGE=1 yad --notification \
	--image=/usr/share/icons/Adwaita/24x24/places/folder-pictures.png --text=pictures \
	--command="echo yad-clicked"
looks_yad() { # work's icon is the only one: the first slot, in work's blue
	edge=$(pix "$1" $((W - 28)) 0) icon=$(pix "$1" $((W - 14)) 14)
	VT_SEEN="yad's icon is not in the tray area: edge $edge, middle $icon"
	[[ $edge == 3465a4 && $icon != 202020 && $icon != 3465a4 ]]
}
wait_shot yad looks_yad
# its window fills the agent's 24x24 embedder, so GTK draws the icon at the
# tray's size (new-user trial 16 #5: GTK sized it to its 16x16 image, drawn
# in the slot's top left corner)
deadline=$((SECONDS + VT_TIMEOUT))
until DISPLAY=$DW xwininfo -root -tree | grep -q '("yad" "Yad")  24x24+0+0'; do
	((SECONDS < deadline)) || fail "yad's icon window is not 24x24 in its embedder: $(DISPLAY=$DW xwininfo -root -tree | grep '"yad"')"
	sleep 0.05
done
sleep 0.6 # an icon that came under the pointer within 0.5 s takes no click (test-tray)
ctl click $((W - 29)) 14 >/dev/null # 1 px left of the slot: not the icon
ctl click $((W - 14)) 14 >/dev/null
deadline=$((SECONDS + VT_TIMEOUT))
until grep -q '^yad-clicked$' "$T/yad.log"; do
	((SECONDS < deadline)) || fail "a click on the tray icon did not reach yad (log $T/yad.log)"
	sleep 0.05
done
n=$(grep -c '^yad-clicked$' "$T/yad.log")
((n == 1)) || fail "yad ran its command $n times for one click on its icon and one beside it"
check "yad docked in work: its window 24x24 in the embedder, drawn in work's blue in the tray area; a click on it ran its --command once, one 1 px beside it nothing"
finish
