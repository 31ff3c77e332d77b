#!/bin/bash
# attack-monitors: issue 14 items 5 to 7 on the headless backend, and ATTACKS
# row 25 (a hostile agent's resize answers). Monitors: --monitors gives the
# output two; the domain's X server gets them (xrandr --listmonitors there),
# and `vitrinectl set-monitors` (as a hot-plug would) follows. A popup across
# the seam is clamped onto one monitor. Scale: set-scale 2 makes the
# daemon's frames thicker (geometry, and the shot: the label colour 5 px
# left of the content) and the domain's Xft.dpi 192, in RESOURCE_MANAGER and
# in the agent's XSETTINGS (vt-xsettings reads them as GTK does: Xft/DPI
# 196608), and a running GTK application (yad) redraws larger without a
# restart. `set-scale 2 MONITOR-2`: the window on the right monitor has the
# thicker frame, the one on the left not; the domain's right monitor has
# the physical size of 192 dpi, its Xft.dpi stays the first's. Row 25: a SYNC_DONE
# never asked, with a short or long body, without a window, and a daemon's
# type from the agent: each cut off; a resize by the user (Super+right drag)
# asks the hostile agent (SYNC_REQUEST); its answer is taken, the same
# answer again cuts it off. The other domain, a real agent, keeps drawing.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

start_daemon --size 1280x480 --monitors 640x480+0+0,640x480+640+0 \
	--domain work,label=blue --domain untrusted,label=red
start_xvfb DW 1280x480
start_keylog work "$DW"
start_agent work "$DW"

wait_guest_monitors "$DW" "640x480+0+0 640x480+640+0 " "--monitors: two"
wait_dpi "$DW" 96 xsettings

# ---- a popup across the seam at 640: onto the monitor of its centre
start_pattern pop "$DW" --popup --geometry 200x100+530+300 --title seam
wait_win work "${PAT_ID[pop]}" x=$((640 - 3 - 200)) y=300
check "a popup asked at 530..730, its centre left of the seam at 640, is put with its frame inside the left monitor"

# ---- set-scale 2: thicker frames, Xft.dpi 192, a running GTK application redrawn
start_pattern w "$DW" --pattern solid --color 00ff00 --geometry 200x150+150+150 --title steady
wait_pixels work 2
bg yad "$T/yad.log" env DISPLAY="$DW" GDK_BACKEND=x11 NO_AT_BRIDGE=1 yad --title vt-dpi \
	--text "Text at the domain's dpi" --no-buttons --geometry=+700+150
ctl wait-window work vt-dpi >/dev/null
yid=$(win_lines | sed -n 's/^work \([0-9]*\) .*title="vt-dpi".*/\1/p' | head -n 1)
ctl wait-idle work 300 >/dev/null
ctl screenshot "$T/gtk1.png" --window work "$yid" --no-decorations >/dev/null
[[ $(DISPLAY=$DW "$VT_BIN/tests/vt-xsettings") == "owner "*"Gdk/WindowScalingFactor 1"* ]] ||
	fail "the domain's XSETTINGS at scale 1: $(DISPLAY=$DW "$VT_BIN/tests/vt-xsettings")"
[[ $(ctl geometry) == "border=3 titlebar=20 "* ]] || fail "geometry at scale 1: $(ctl geometry)"
wait_win work "${PAT_ID[w]}" x=150 y=150
ctl screenshot "$T/scale1.png" >/dev/null
px1=$("$VT_BIN/tests/pngpix" "$T/scale1.png" 145 200)
ctl set-scale 2 >/dev/null
[[ $(ctl geometry) == "border=6 titlebar=40 "*"scale=200 "* ]] || fail "geometry at scale 2: $(ctl geometry)"
wait_dpi "$DW" 192 xsettings
wait_win work "${PAT_ID[w]}" x=150 y=150
ctl screenshot "$T/scale2.png" >/dev/null
px2=$("$VT_BIN/tests/pngpix" "$T/scale2.png" 145 200)
[[ $px1 != "$px2" && $px2 == 3465a4 ]] || fail "5 px left of the content: $px1 at scale 1, $px2 at scale 2 (wanted the blue label 3465a4 only at 2)"
check "set-scale 2: border 6, title bar 40 (5 px left of the content: $px1, then the label $px2), the domain's Xft.dpi 192 (XSETTINGS Xft/DPI 196608)"
deadline=$((SECONDS + VT_TIMEOUT))
until ctl screenshot "$T/gtk2.png" --window work "$yid" --no-decorations >/dev/null &&
	! "$VT_BIN/tests/pngcmp" "$T/gtk1.png" "$T/gtk2.png" >/dev/null 2>&1; do
	((SECONDS < deadline)) || fail "the running yad did not redraw at 192 dpi ($T/gtk1.png, $T/gtk2.png)"
	sleep 0.1
done
pgrep -f 'yad --title vt-dpi' >/dev/null || fail "yad is gone"
check "the running yad redrew at the new dpi, not restarted ($(file -b "$T/gtk1.png" | cut -d, -f2) -> $(file -b "$T/gtk2.png" | cut -d, -f2))"
ctl set-scale 1 >/dev/null
wait_dpi "$DW" 96 xsettings

# ---- a scale for one monitor: frames per monitor, its physical size
start_pattern r "$DW" --pattern solid --color 00ff00 --geometry 200x150+900+300 --title right
wait_win work "${PAT_ID[r]}" x=900 y=300
ctl set-scale 2 MONITOR-2 >/dev/null
[[ $(ctl geometry) == "border=3 titlebar=20 "*"names=MONITOR-1,MONITOR-2 scales=100,200"* ]] ||
	fail "geometry after set-scale 2 MONITOR-2: $(ctl geometry)"
wait_win work "${PAT_ID[r]}" border=6 titlebar=40
wait_win work "${PAT_ID[w]}" border=3 titlebar=20
ctl screenshot "$T/per-output.png" >/dev/null
pl=$("$VT_BIN/tests/pngpix" "$T/per-output.png" 145 200)
pr=$("$VT_BIN/tests/pngpix" "$T/per-output.png" 895 350)
[[ $pl != 3465a4 && $pr == 3465a4 ]] || fail "5 px left of the content: $pl on the left monitor, $pr on the right (wanted the label 3465a4 on the right only)"
mm=$(DISPLAY=$DW xrandr --listmonitors | sed -n 's|^ *1: [^ ]* [0-9]*/\([0-9]*\)x.*|\1|p')
[[ $mm == 85 ]] || fail "the domain's right monitor is $mm mm wide, not 85 (640 px at 192 dpi): $(DISPLAY=$DW xrandr --listmonitors)"
wait_dpi "$DW" 96 xsettings
check "set-scale 2 MONITOR-2: the window on it framed at 6/40 (5 px left: $pr), the left one's at 3/20 ($pl); the domain's right monitor 85 mm (192 dpi), Xft.dpi the first's, 96"
ctl_try set-scale 2 DP-9 >/dev/null 2>&1 && fail "set-scale for a monitor that is not there was taken"
ctl set-scale 1 >/dev/null

# ---- set-monitors: a hot-plug's layout reaches the domain
ctl set-monitors 1280x480+0+0 >/dev/null
wait_guest_monitors "$DW" "1280x480+0+0 " "set-monitors 1280x480+0+0"

# ---- row 25: SYNC_DONE and MONITORS from a hostile agent
expect_cut_off untrusted '^SYNC_DONE for a resize never asked' row25 never
expect_cut_off untrusted '^wrong body length \(SYNC_DONE\)' row25 short
expect_cut_off untrusted '^wrong body length \(SYNC_DONE\)' row25 long
expect_cut_off untrusted '^window message without a window id' row25 conn
expect_cut_off untrusted '^unknown message type \(MONITORS\)' row25 monitors

hostile_start h untrusted row25 resize
wait_pixels untrusted 1
ctl drag 650 290 700 320 3 super >/dev/null
wait_win untrusted 7 w=210 h=130
wait_lines "$T/h.log" "got SYNC_REQUEST 7 serial=[0-9]+ w=[0-9]+ h=[0-9]+" 1
last=$(sed -n 's/^got SYNC_REQUEST 7 serial=\([0-9]*\) .*/\1/p' "$T/h.log" | tail -n 1)
before=$(violation_count untrusted)
hostile h "syncdone 7 $last"
hostile h "damage 0 0 10 10"
wait_damage untrusted 7 2
[[ $(violation_count untrusted) == "$before" ]] || fail "the answer to SYNC_REQUEST $last was refused"
check "the user's resize asked the hostile agent (SYNC_REQUEST serial $last), its SYNC_DONE $last taken"
hostile h "syncdone 7 $last"
why=$(next_violation untrusted "$before")
[[ $why == "SYNC_DONE for a resize never asked or already answered (SYNC_DONE window 7)" ]] || fail "the second answer: '$why'"
check "the same SYNC_DONE again: cut off ($why)"
other_ok work w "after row 25"

finish
