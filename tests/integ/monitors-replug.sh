#!/bin/bash
# monitors-replug: a monitor plugged in and out again, and a scale set and
# set back, leave a domain's pixels as they were: its window and its tray
# icon (an XEmbed client docked into the agent) show their pixels after
# each. Each is a new MONITORS message; the agent asks the domain's X
# server for a new screen size or physical size only (the X server takes
# even its own size as a change and exposes every window: every
# application draws again), and the physical size follows the scale's dpi
# (xdpyinfo's millimetres). check-drm's virtio-gpu hot-plug found these
# windows black: vt-input drew on that Expose and sent its drawing only at
# its next event (fixed there). Headless backend; `vitrinectl
# set-monitors` plays the hot-plug, as in monitors-outgrown.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

start_daemon --size 2304x800 --monitors 1280x800+0+0 --domain work,label=blue \
	--domain big,label=green
start_xvfb DW 1280x800
start_agent work "$DW"
# a domain whose screen is larger than the desktop (vitrine run's): it keeps
# its size, and takes the dpi's physical size for it
start_xvfb DB 1600x1000
start_agent big "$DB"
# a window in one colour (vt-input draws only when exposed) and an XEmbed
# tray icon (ff00ff; the daemon marks it in work's blue: 49668c)
start_input w "$DW" --geometry 500x350+0+0 --title "work client" --color 60c060
wait_pixels work 1
start_input tray "$DW" --dock --color ff00ff --geometry 24x24+0+0 --title "work tray"
TX=$((2304 - 14)) TY=11
n=0
# pixels_kept WHAT: after the agent applied a layout, a new window's pixels
# shown (what the agent did before reached the daemon before them), then
# work's window and tray icon are as they were
pixels_kept() {
	local s x y w h l
	n=$((n + 1))
	start_pattern "mark$n" "$DW" --geometry 100x100+600+$((n * 10)) --title "mark $n"
	wait_pixels work $((n + 1))
	win_line_id_to l work "${PAT_ID[w]}"
	field_to x "$l" x
	field_to y "$l" y
	field_to w "$l" w
	field_to h "$l" h
	shot_to s "after-$n"
	[[ $(pix "$s" $((x + w / 2)) $((y + h / 2))) == 60c060 ]] ||
		fail "$1: work's window is $(pix "$s" $((x + w / 2)) $((y + h / 2))) at its centre, not 60c060 ($s)"
	[[ $(pix "$s" $TX $TY) == 49668c ]] ||
		fail "$1: work's tray icon is $(pix "$s" $TX $TY), not 49668c ($s)"
	check "$1: work's window and tray icon keep their pixels"
}
# screen_mm DISPLAY WxH MM WHAT: the X server's screen is WxH pixels, MM
# millimetres (xdpyinfo's dimensions)
screen_mm() {
	local d
	d=$(DISPLAY=$1 xdpyinfo | grep dimensions)
	[[ $d =~ \ $2\ pixels\ \($3\ millimeters\) ]] || fail "$4 screen: '$d', not $2 pixels ($3 millimeters)"
}
wait_shot_icon() { [[ $(pix "$1" $TX $TY) == 49668c ]] || { VT_SEEN="$(pix "$1" $TX $TY) at $TX,$TY"; false; }; }
wait_shot icon wait_shot_icon
check "work's tray icon shown, marked in work's blue"

ctl set-monitors 1280x800+0+0,1024x768+1280+0 >/dev/null
wait_guest_monitors "$DW" "1280x800+0+0 1024x768+1280+0 " "a second monitor plugged in"
pixels_kept "a second monitor"
ctl set-monitors 1280x800+0+0 >/dev/null
wait_guest_monitors "$DW" "1280x800+0+0 " "the second monitor unplugged"
pixels_kept "the second monitor unplugged"
ctl set-scale 2 >/dev/null
wait_dpi "$DW" 192
# the scale is a new physical size: the screen is asked for it, and every
# window is exposed and drawn again
screen_mm "$DW" 1280x800 169x105 "at 192 dpi work's"
check "set-scale 2: the domain's screen is 169x105 mm (192 dpi)"
screen_mm "$DB" 1600x1000 211x132 "at 192 dpi big's"
check "set-scale 2: big's screen, larger than the desktop, keeps its 1600x1000 and is 211x132 mm (192 dpi)"
pixels_kept "set-scale 2"
ctl set-scale 1 >/dev/null
wait_dpi "$DW" 96
pixels_kept "set-scale 1 again"
finish
