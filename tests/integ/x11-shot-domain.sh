#!/bin/bash
# x11-shot-domain: new-user trial 11 D4. vitrinectl screenshot --domain on a
# desktop with a window manager: another domain's window over the domain's
# was black, but its title bar (openbox's, "[untrusted] ...") was left in
# the shot. Now the window manager's frame of another domain's window
# (_NET_FRAME_EXTENTS) is black too; the domain's own title bar is kept.
# Hostile-domain trial 12 #1: a window of the domain the desktop does not
# show (minimized, or on another virtual desktop) is not in its shot: what
# the desktop shows there is another's (work's window and title bar).
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

desk_work_untrusted both
cat_term work "$DW" 60x20+100+100
wait_desk_id DWK work work
cat_term over "$DU" 30x5+250+250
wait_desk_id DO untrusted over
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
# work's own title bar is there: not black
info=$(desk xwininfo -id "$(desk_field "$DWK" top)")
wx=$(awk '/Absolute upper-left X/ {print $NF}' <<<"$info")
wy=$(awk '/Absolute upper-left Y/ {print $NF}' <<<"$info")
got=$(pix "$T/work.png" --rect $((wx + 4 - sx)) $((wy + 2 - sy)) 100 10)
[[ $got != 000000 ]] || fail "work's own title bar is black in its shot ($T/work.png)"
check "screenshot --domain work: untrusted's window and its openbox title bar over work's are black, work's title bar kept ($T/work.png)"

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
finish
