#!/bin/bash
# attack-deadzone: hostile-domain trial 11 #1. Two monitors of two sizes
# side by side (1024x768 and 1280x1024): their bounding box, the X screen,
# has a part on no monitor (x < 1024, y >= 768). untrusted put an xterm
# whose title bar began there, titled "x", 70 spaces, then "[work] Online
# banking - enter PIN": openbox centres the title, "[untrusted] x" fell
# where no monitor shows it, and the other monitor showed a window titled
# "[work] Online banking - enter PIN". Now a managed window's title bar is
# kept on a monitor (the one nearest its start), not only in the bounding
# box; and (1b) with the monitors aligned at the bottom, a window asked
# for under the top of the smaller one keeps its title bar on it.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

start_xvfb DESK 2304x1024
start_openbox "$DESK" click
desk xrandr --setmonitor A 1024/270x768/200+0+0 screen >/dev/null
desk xrandr --setmonitor B 1280/340x1024/270+1024+0 none >/dev/null
start_daemon_x11 "$DESK" --domain work,label=blue --domain untrusted,label=red
start_xvfb DU 2304x1024
start_agent untrusted "$DU"
pad=$(printf '%*s' 70 '')
title="x${pad}[work] Online banking - enter PIN"
bg xterm-u "$T/xterm-u.log" env DISPLAY="$DU" xterm -geometry 120x12+596+820 -title "$title" \
	-e sh -c 'exec cat'
wait_desk_id DH untrusted "$title"

# on_one TOP WHAT: the top of the window manager's frame TOP (its title bar,
# 30 rows), all its width, lies on monitor A or on monitor B
on_one() {
	local deadline=$((SECONDS + VT_TIMEOUT)) info x y w h
	while :; do
		info=$(desk xwininfo -id "$1")
		x=$(awk '/Absolute upper-left X/ {print $NF}' <<<"$info")
		y=$(awk '/Absolute upper-left Y/ {print $NF}' <<<"$info")
		w=$(awk '/Width:/ {print $NF}' <<<"$info")
		h=$(awk '/Height:/ {print $NF}' <<<"$info")
		# (its title bar: openbox's bottom handle may pass the edge, its 1-px side
		# borders too)
		if ((x >= -4 && y >= 0 && x + w <= 1028 && y + 30 <= 768)) ||
			((x >= 1020 && y >= 0 && x + w <= 2308 && y + 30 <= 1024)); then
			say "$2: openbox's frame ${w}x$h+$x+$y"
			return
		fi
		((SECONDS < deadline)) || fail "$2: openbox's frame ${w}x$h+$x+$y has its title bar on no monitor or on two (A 1024x768+0+0, B 1280x1024+1024+0)"
		sleep 0.1
	done
}
on_one "$(desk_field "$DH" top)" "untrusted's xterm asked for at 596,820"
check "a title bar asked to start on no monitor: the window is on one monitor, its title bar with it"

# 1b: aligned at the bottom, the part above the smaller monitor is on none
desk xrandr --delmonitor A >/dev/null
desk xrandr --delmonitor B >/dev/null
desk xrandr --setmonitor A2 1024/270x768/200+0+256 screen >/dev/null
desk xrandr --setmonitor B2 1280/340x1024/270+1024+0 none >/dev/null
ctl read-monitors >/dev/null
bg xterm-v "$T/xterm-v.log" env DISPLAY="$DU" xterm -geometry 40x5+200+258 -title second \
	-e sh -c 'exec cat'
wait_desk_id DV untrusted second
top=$(desk_field "$DV" top)
deadline=$((SECONDS + VT_TIMEOUT))
while :; do
	ty=$(desk xwininfo -id "$top" | awk '/Absolute upper-left Y/ {print $NF}')
	((ty >= 256)) && break
	((SECONDS < deadline)) || fail "untrusted's second xterm's frame starts at y=$ty, above monitor A2 (y 256)"
	sleep 0.1
done
check "monitors aligned at the bottom: a window asked for at A2's top has its title bar on A2 (frame at y=$ty)"
finish
