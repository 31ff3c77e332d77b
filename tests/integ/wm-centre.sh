#!/bin/bash
# wm-centre: a window an application centres on the domain's X screen
# (xmessage -center, a Tk message box: Xt and Tk centre on the screen) opens
# centred on the desktop's first monitor. The domain's screen is larger than
# the desktop (vitrine run's is at least 2560x1600), whose centre was then
# off to the right and below (new-user trial 7 #5: (1280,800), off a
# 1366x768 laptop's screen). Here: a 2560x1600 domain on a 1280x800 output
# of two monitors, 640x800 each: the windows open centred on the left one.
# A window placed elsewhere stays where its client put it.
# vt: no-asan (the agent's placement at a map; nothing new in the daemon)
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

start_daemon --size 1280x800 --monitors 640x800+0+0,640x800+640+0 --domain work,label=blue
start_xvfb DW 2560x1600
start_agent work "$DW"
wait_guest_monitors "$DW" "640x800+0+0 640x800+640+0 " "two monitors"

# centred W H X Y: X,Y centres a W x H window on the first monitor (to a pixel)
centred() {
	local dx=$((2 * $3 + $1 - 640)) dy=$((2 * $4 + $2 - 800))
	((dx >= -2 && dx <= 2 && dy >= -2 && dy <= 2))
}
bg xm "$T/xm.log" env DISPLAY="$DW" xmessage -center -title centred-xm -buttons OK "centred?"
ctl wait-window work centred-xm >/dev/null
read -r x y w h < <(win_geom work "$(win_field work centred-xm id)" | tr -dc '0-9 \n' | tr -s ' ')
centred "$w" "$h" "$x" "$y" || fail "xmessage -center at $x,$y ($w x $h): not centred on the first monitor (640x800)"
check "xmessage -center: ${w}x$h at $x,$y, centred on the first monitor, not on the 2560x1600 screen"

printf 'wm withdraw .\ntk_messageBox -title centred-tk -message {centred?}\nexit\n' >"$T/box.tcl"
bg tk "$T/tk.log" env DISPLAY="$DW" wish "$T/box.tcl"
ctl wait-window work centred-tk >/dev/null
read -r x y w h < <(win_geom work "$(win_field work centred-tk id)" | tr -dc '0-9 \n' | tr -s ' ')
centred "$w" "$h" "$x" "$y" || fail "Tk's message box at $x,$y ($w x $h): not centred on the first monitor"
check "a Tk message box: ${w}x$h at $x,$y, centred on the first monitor"

# not centred on the screen: left where its client put it
bg xm2 "$T/xm2.log" env DISPLAY="$DW" xmessage -geometry +700+300 -title placed -buttons OK "placed"
ctl wait-window work placed >/dev/null
[[ $(win_geom work "$(win_field work placed id)") =~ ^x=70[01]\ y=30[01]\  ]] || # (its border: 1)
	fail "xmessage -geometry +700+300 is at $(win_geom work "$(win_field work placed id)")"
check "xmessage -geometry +700+300 stays at 700,300"
finish
