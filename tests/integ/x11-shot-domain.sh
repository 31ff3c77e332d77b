#!/bin/bash
# x11-shot-domain: new-user trial 11 D4. vitrinectl screenshot --domain on a
# desktop with a window manager: another domain's window over the domain's
# was black, but its title bar (openbox's, "[untrusted] ...") was left in
# the shot. Now the window manager's frame of another domain's window
# (_NET_FRAME_EXTENTS) is black too. A domain's shot is drawn by the daemon
# from the domain's own buffers (hostile-domain trial 14 #1: a desktop
# application's window over the domain's was in its shot): its windows with
# the daemon's frame, not the window manager's title bar.
# Hostile-domain trial 12 #1: a window of the domain the desktop does not
# show (minimized, or on another virtual desktop) is not in its shot: what
# the desktop shows there is another's (work's window and title bar).
# Trial 13 #2: another domain's popup is black in it, wherever it is in
# the scene's stacking.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

desk_work_untrusted both
cat_term work "$DW" 60x20+100+100
wait_desk_id DWK work work
cat_term over "$DU" 30x5+250+250
wait_desk_id DO untrusted over

# hostile-domain trial 13 #2: work's popup, open before untrusted's window
# came over it: the desktop shows the popup above (popups are above every
# managed window), not in untrusted's shot, wherever the scene has it
start_pattern wpop "$DW" --popup --pattern quad --geometry 120x80+640+470 --title wpop
wait_desk_id DP work wpop
start_pattern ubig "$DU" --pattern quad --geometry 400x300+520+380 --title ubig
wait_desk_id DB untrusted ubig
ctl --timeout "$VT_TIMEOUT" wait-idle untrusted 200 >/dev/null
px=$(desk_field "$DP" x) py=$(desk_field "$DP" y)
ctl screenshot "$T/desk-pop.png" >/dev/null
[[ $(pix "$T/desk-pop.png" $((px + 10)) $((py + 10))) == ff0000 ]] ||
	fail "work's popup is not shown over untrusted's window on the desktop ($T/desk-pop.png)"
reply=$(ctl screenshot "$T/untrusted-pop.png" --domain untrusted)
[[ $reply =~ at=(-?[0-9]+),(-?[0-9]+) ]] || fail "screenshot --domain untrusted: '$reply'"
sx=${BASH_REMATCH[1]} sy=${BASH_REMATCH[2]}
got=$(pix "$T/untrusted-pop.png" --rect $((px + 10 - sx)) $((py + 10 - sy)) 100 60)
[[ $got == 000000 ]] || fail "work's popup over untrusted's window is in untrusted's shot ($got; $T/untrusted-pop.png)"
check "screenshot --domain untrusted: work's popup over untrusted's later window is black"
pat ubig destroy
gone_desk "$DB"
pat wpop destroy
gone_desk "$DP"
sleep 0.6 # what is under the pointer now is older than the click guard's 0.5 s

desk_click "$DO" 20 20 # on top of work's
wait_win untrusted "$(win_field untrusted over id)" focus=1
ctl --timeout "$VT_TIMEOUT" wait-idle untrusted 200 >/dev/null
info=$(desk xwininfo -id "$(desk_field "$DO" top)")
ox=$(awk '/Absolute upper-left X/ {print $NF}' <<<"$info")
oy=$(awk '/Absolute upper-left Y/ {print $NF}' <<<"$info")
ow=$(awk '/Width:/ {print $NF}' <<<"$info")
reply=$(ctl screenshot "$T/work.png" --domain work)
[[ $reply =~ at=(-?[0-9]+),(-?[0-9]+) ]] || fail "screenshot --domain work: '$reply'"
sx=${BASH_REMATCH[1]} sy=${BASH_REMATCH[2]}
# untrusted's title bar: its frame's top rows, over work's xterm
got=$(pix "$T/work.png" --rect $((ox + 4 - sx)) $((oy + 2 - sy)) $((ow - 8)) 10)
[[ $got == 000000 ]] || fail "untrusted's title bar over work's window is in work's shot ($got; $T/work.png)"
# work's shot begins where its window's does (the daemon's frame): openbox's
# title bar over it is the desktop's, not drawn from work's pixels
idw=$(win_field work work id)
wreply=$(ctl screenshot "$T/work-win.png" --window work "$idw")
[[ $wreply == "${reply%% changes=*}"* ]] ||
	fail "work's shot ($reply) is not where its only window's is ($wreply)"
check "screenshot --domain work: untrusted's window and its openbox title bar over work's are black; work's shot is its window, daemon's frame and all ($T/work.png)"

# hostile-domain trial 14 #1: a desktop application's window over work's is
# not in work's shot (it was: the shot was read back from the desktop)
start_pattern host "$DESK" --pattern solid --color ff00ff --geometry 100x60+120+140 --title host
deadline=$((SECONDS + VT_TIMEOUT))
until [[ $(pix "$(desk_shot host)" 150 170) == ff00ff ]]; do
	((SECONDS < deadline)) || fail "the desktop's window is not shown over work's at 150,170"
	sleep 0.1
done
ctl screenshot "$T/work-host.png" --domain work >/dev/null
got=$(pix "$T/work-host.png" --rect $((125 - sx)) $((145 - sy)) 90 50)
[[ $got != *ff00ff* ]] || fail "the desktop's window over work's is in work's shot ($got; $T/work-host.png)"
[[ $(pix "$T/work-host.png" --rect $((125 - sx)) $((145 - sy)) 90 50) == \
	"$(pix "$T/work-win.png" --rect $((125 - sx)) $((145 - sy)) 90 50)" ]] ||
	fail "work's shot under the desktop's window is not work's own pixels ($T/work-host.png, $T/work-win.png)"
check "a desktop application's window over work's: work's own pixels in its shot there, not the desktop's window"
pat host destroy

# untrusted_hidden HOW: untrusted's only window is not shown (HOW): its shot
# is refused, as of a domain showing none; work's window there is not in it
untrusted_hidden() {
	local got rc=0 deadline=$((SECONDS + VT_TIMEOUT))
	while desk xwininfo -id "$DO" | grep -q 'IsViewable'; do
		((SECONDS < deadline)) || fail "untrusted's window still viewable ($1)"
		sleep 0.05
	done
	got=$(ctl_try screenshot "$T/untrusted-$2.png" --domain untrusted 2>&1) || rc=$?
	[[ $rc != 0 && $got == *"the domain shows no window"* ]] ||
		fail "screenshot --domain untrusted, its window $1: exit $rc, '$got' ($T/untrusted-$2.png)"
	check "screenshot --domain untrusted, its only window $1: 'the domain shows no window', not work's window where it was"
}
desk xdotool windowminimize "$DO"
untrusted_hidden "minimized by the user" min
desk xdotool windowactivate "$DO"
while ! desk xwininfo -id "$DO" | grep -q 'IsViewable'; do sleep 0.05; done
desk xdotool set_num_desktops 2
desk xdotool set_desktop_for_window "$DO" 1
untrusted_hidden "on openbox's second desktop" desk2
desk xdotool set_desktop 1
while ! desk xwininfo -id "$DO" | grep -q 'IsViewable'; do sleep 0.05; done
ctl screenshot "$T/untrusted-shown.png" --domain untrusted >/dev/null
check "its desktop shown again: screenshot --domain untrusted is taken"

# while the screen is locked (the desktop's screen saver on, what lockers
# use) the output is the locker's: a domain's shot and a window's are
# refused, each with its reason; the whole output's is still taken
desk xset s activate
for what in "--domain untrusted" "--window work $idw"; do
	rc=0
	# shellcheck disable=SC2086 # (two words each)
	got=$(ctl_try screenshot "$T/locked.png" $what 2>&1) || rc=$?
	[[ $rc != 0 && $got == *"the screen is locked"* ]] ||
		fail "screenshot $what with the screen saver on: exit $rc, '$got'"
done
ctl screenshot "$T/locked-all.png" >/dev/null
check "screen saver on: screenshot --domain and --window refused ('the screen is locked'), the whole output's taken"
desk xset s reset
ctl screenshot "$T/untrusted-unlocked.png" --domain untrusted >/dev/null
check "screen saver off: screenshot --domain untrusted is taken again"
finish
