#!/bin/bash
# x11-shot-domain: new-user trial 11 D4. vitrinectl screenshot --domain on a
# desktop with a window manager: another domain's window over the domain's
# was black, but its title bar (openbox's, "[untrusted] ...") was left in
# the shot. Now the window manager's frame of another domain's window
# (_NET_FRAME_EXTENTS) is black too; the domain's own title bar is kept.
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
finish
