#!/bin/bash
# x11-monitors: issue 14 items 5 to 7 on the x11 backend, with real parts.
# Monitors: the desktop (an Xvfb under openbox) has two RandR monitors, set
# with xrandr --setmonitor; the domain's X server gets the same two
# (`xrandr --listmonitors` there), and a run-time change on the desktop
# (--delmonitor/--setmonitor, then the RandR event of a mode change) follows. A popup the guest puts across the
# seam between the monitors is clamped onto one monitor (the core's
# scene_clamp). DPI: `xrdb -query` in the domain shows Xft.dpi 96, then 192
# after `vitrinectl set-scale 2`, and the monitors' physical size follows;
# `set-scale 2 R2` (the desktop's RandR name) sizes that monitor alone.
# Resize: the desktop (xdotool, as the window manager would) resizes a GTK 3
# window, which speaks _NET_WM_SYNC_REQUEST: the agent asks it, its counter
# answers (the agent's log), the daemon's window takes the new size. A
# fullscreen GTK window on the right monitor fills that monitor alone. A GTK
# window wider than either monitor is fitted into one by openbox.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

start_xvfb DESK 1600x600
start_openbox "$DESK"
desk xrandr --setmonitor L 800/200x600/150+0+0 screen >/dev/null
desk xrandr --setmonitor R 800/200x600/150+800+0 none >/dev/null
start_daemon_x11 "$DESK" --domain work,label=blue,allow_fullscreen=1
start_xvfb DW 1920x800 # (larger than the desktop, as under vitrine run)
start_agent work "$DW"

# ---- the desktop's two monitors in the domain
wait_guest_monitors "$DW" "800x600+0+0 800x600+800+0 " "two desktop monitors"
# guest_crtc WANT WHAT: the domain's first output's CRTC is WANT: one
# monitor's, or the box around two (what Qt 5 takes for the first monitor:
# new-user trial 15 #1, Qt placed its menus as if that monitor were the
# whole screen; but the X server keeps the pointer on the CRTCs: trial 16
# #1, the pointer stopped at the first of two monitors' edge)
guest_crtc() {
	local deadline=$((SECONDS + VT_TIMEOUT)) got
	until got=$(DISPLAY=$DW xrandr --query | sed -n 's/^screen connected \(primary \)*\([0-9x+]*\) .*/\2/p') &&
		[[ $got == "$1" ]]; do
		((SECONDS < deadline)) || fail "$2: the domain's CRTC is '$got', not $1 ($(DISPLAY=$DW xrandr --query | head -n 3 | tr '\n' ';'))"
		sleep 0.05
	done
	check "$2: the domain's first CRTC is $1, in its 1920x800 screen"
}
guest_crtc 1600x600+0+0 "two desktop monitors"
# the domain's pointer reaches the second monitor (XTEST, as the agent's)
read -r px < <(DISPLAY=$DW xdotool mousemove 1300 300 getmouselocation | sed -n 's/^x:\([0-9]*\) .*/\1/p')
[[ $px == 1300 ]] || fail "the domain's pointer moved to 1300,300 is at x=$px: held on the first monitor"
check "the domain's pointer reaches the second monitor (x=1300)"
[[ $(ctl geometry) == *"monitors=800x600+0+0,800x600+800+0"* ]] || fail "the daemon's layout: $(ctl geometry)"
wait_dpi "$DW" 96
check "the domain's Xft.dpi is 96 at scale 1"

# ---- a popup across the seam between the monitors is clamped onto one
B=$VT_X11_BORDER
start_pattern pop "$DW" --popup --geometry 200x100+690+150 --title seam
wait_win work "${PAT_ID[pop]}" x=$((800 - B - 200)) y=150 w=200 h=100
check "a popup asked at 690..890 (across the seam at 800, its centre left of it) is put with its frame inside the left monitor"
start_pattern pop2 "$DW" --popup --geometry 200x100+750+300 --title seam2
wait_win work "${PAT_ID[pop2]}" x=$((800 + B)) y=300 w=200 h=100
check "one asked at 750..950 (its centre right of the seam) is put with its frame inside the right monitor"

# ---- a run-time change on the desktop follows
desk xrandr --delmonitor R
desk xrandr --delmonitor L
desk xrandr --setmonitor L2 1000/250x600/150+0+0 screen >/dev/null
desk xrandr --setmonitor R2 600/150x600/150+1000+0 none >/dev/null
# The X server (21.1) sends no RandR event for Set/DeleteMonitor; a mode
# change, a hot-plug or a new primary output does (RRScreenChangeNotify,
# RRNotify): the last here.
desk xrandr --output screen --primary
wait_guest_monitors "$DW" "1000x600+0+0 600x600+1000+0 " "after --delmonitor/--setmonitor on the desktop"
guest_crtc 1600x600+0+0 "after --delmonitor/--setmonitor on the desktop"

# ---- a monitor unplugged at run time: its windows are brought onto one
# that is left (new-user trial 14 #6: the title bar and [domain] stayed on
# no monitor)
start_pattern far "$DW" --geometry 200x100+1250+100 --title far
wait_win work "${PAT_ID[far]}" mapped=1
desk xrandr --delmonitor R2
ctl read-monitors >/dev/null # (the primary output again sends no event)
wait_guest_monitors "$DW" "1000x600+0+0 " "after the right monitor went"
guest_crtc 1000x600+0+0 "one monitor left"
fx=''
wait_win_on_monitor_to fx work "${PAT_ID[far]}" 0 1000 "the right monitor went"
check "the right monitor unplugged: work's window on it brought onto the left one (x=$fx)"
pat far destroy
desk xrandr --setmonitor R2 600/150x600/150+1000+0 none >/dev/null
ctl read-monitors >/dev/null
wait_guest_monitors "$DW" "1000x600+0+0 600x600+1000+0 " "the right monitor back"

# ---- the scale: Xft.dpi and the monitors' physical size
ctl set-scale 2 >/dev/null
wait_dpi "$DW" 192
mm=$(DISPLAY=$DW xrandr --listmonitors | sed -n 's|^ *0: [^ ]* [0-9]*/\([0-9]*\)x.*|\1|p')
[[ $mm == 132 ]] || fail "at 192 dpi the 1000 px monitor is $mm mm, not 132: $(DISPLAY=$DW xrandr --listmonitors)"
check "set-scale 2: the domain's Xft.dpi is 192, its 1000 px monitor 132 mm wide (192 dpi)"
ctl set-scale 1 >/dev/null
wait_dpi "$DW" 96
# a scale for one monitor, named as the desktop's RandR names it
[[ $(ctl geometry) == *" names=L2,R2 "* ]] || fail "the desktop's monitor names: $(ctl geometry)"
ctl set-scale 2 R2 >/dev/null
deadline=$((SECONDS + VT_TIMEOUT))
until [[ $(DISPLAY=$DW xrandr --listmonitors) == *" 600/79x600/79+1000+0 "* ]]; do
	((SECONDS < deadline)) || fail "set-scale 2 R2: the domain's right monitor: $(DISPLAY=$DW xrandr --listmonitors)"
	sleep 0.05
done
wait_dpi "$DW" 96
check "set-scale 2 R2 (the desktop's RandR name): the domain's right monitor 79 mm wide (192 dpi), Xft.dpi the left's, 96"
ctl set-scale 1 >/dev/null

# ---- resize with _NET_WM_SYNC_REQUEST: a GTK 3 window resized by the desktop
start_gtk sync "$DW" vt-sync - 300x200
wait_desk_id GS work vt-sync
GID=$((GTK_ID[sync]))
n_sync=0
wait_win work "$GID" w=300 h=200
# The agent waits 500 ms for the client's counter: under load a resize may
# time out (then the frame is sent anyway); up to three resizes, one answered.
for size in 420x260 460x280 500x300; do
	desk xdotool windowsize "$GS" $((${size%x*} + 2 * B)) $((${size#*x} + 2 * B))
	wait_win work "$GID" w="${size%x*}" h="${size#*x}"
	wait_lines "$T/agent-work.log" ".*resize sync ([0-9]* asked|drawn|timed out.*)" $((n_sync += 2))
	grep -q "resize sync drawn" "$T/agent-work.log" && break
done
grep -q "resize sync drawn" "$T/agent-work.log" || fail "no resize sync answered: $(grep sync "$T/agent-work.log")"
check "the desktop resized the GTK window to $size: the agent asked _NET_WM_SYNC_REQUEST, the client's counter answered"
# resizes back and forth faster than the client answers (a fullscreen
# toggled fast): the agent's answers reach the daemon in order, and this
# well-behaved domain is never cut off (new-user trial 3: an older answer
# sent after a newer one was taken for a violation)
sizes=()
for ((i = 0; i < 25; i++)); do
	sizes+=(windowsize "$GS" $((400 + 2 * B)) $((250 + 2 * B)))
	sizes+=(windowsize "$GS" $((460 + 2 * B)) $((280 + 2 * B)))
done
desk xdotool "${sizes[@]}" # one connection: the daemon gets them together
# it settles where the desktop and the guest agree, at one of the two
# sizes: the last, or an older one whose echo the daemon took for the
# guest's own resize (window_stale_echo matches echoes by value, 4 kept: two
# sizes in turn are ambiguous; known, note of 2026-12-01)
deadline=$((SECONDS + VT_TIMEOUT)) w=0 h=0 dw=0 dh=0
while :; do
	win_field_id_to w work "$GID" w
	win_field_id_to h work "$GID" h
	desk_field_to dw "$GS" w
	desk_field_to dh "$GS" h
	((dw == w + 2 * B && dh == h + 2 * B)) && [[ " 400x250 460x280 " == *" ${w}x$h "* ]] && break
	((SECONDS < deadline)) || fail "after 50 resizes: the guest's window ${w}x$h, the desktop's ${dw}x$dh"
	sleep 0.05
done
sleep 1
! grep -q "violation" "$VT_DAEMON_LOG" || fail "rapid resizes: $(grep violation "$VT_DAEMON_LOG")"
wait_win work "$GID" mapped=1 # still there: its domain was not disconnected
check "50 resizes back and forth in a row: no violation, work stays connected, the GTK window ${w}x$h as on the desktop"

# ---- a fullscreen guest window lands on one monitor (the desktop's window
# manager puts it there; the domain's X server has the same monitors)
desk xdotool windowmove "$GS" 1100 100
gtk sync fullscreen
wait_win work "$GID" x=$((1000 + B)) y=$B w=$((600 - 2 * B)) h=$((600 - 2 * B))
check "fullscreen from the right monitor: the guest window is that monitor, 600x600 at 1000,0, minus the frame"

# ---- a window wider than its monitor (a GTK file chooser's default size)
# is fitted into one by the window manager, as the same application's on
# the desktop is: the daemon gives its size as the program's (PSize), not
# the user's (new-user trial 13 #2: 1100 wide on a 960 monitor, its Open and
# Cancel buttons off the screen)
start_gtk wide "$DW" vt-wide - 1200x300
wait_desk_id GW work vt-wide
deadline=$((SECONDS + VT_TIMEOUT)) dw=0
until desk_field_to dw "$GW" w && ((dw > 0 && dw <= 1000)); do
	((SECONDS < deadline)) || fail "a 1200x300 GTK window on monitors 1000 and 600 wide: the desktop's window is $dw wide"
	sleep 0.05
done
wait_win work "$((GTK_ID[wide]))" w=$((dw - 2 * B))
check "a 1200x300 GTK window: openbox fitted it into a monitor ($dw wide on the desktop), and the guest's window took that size"

# ---- joined again: no RandR event, no other change; vitrinectl
# read-monitors (new-user trial 10 #5: the domains kept the two for good)
desk xrandr --delmonitor L2
desk xrandr --delmonitor R2
ctl read-monitors >/dev/null
wait_guest_monitors "$DW" "1600x600+0+0 " "after joining them again and vitrinectl read-monitors"
[[ $(ctl geometry) == *"monitors=1600x600+0+0 "* ]] || fail "vitrinectl geometry after read-monitors: $(ctl geometry)"

finish
