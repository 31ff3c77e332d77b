#!/bin/bash
# scale-home: new-user trials 6 and 7 (#3): a `set-scale 2` and back leaves
# a GTK window where and as large as it was. At 2 GTK doubles the window
# (700x420 -> 1400x840), the core clamps it into the 1280x800 output; back
# at 1 GTK halved the clamped size, so every round trip shrank the window
# (and moved it). Now the core keeps each window's place before the scale
# changed and puts it back when the scale returns (gui-daemon/scale-home.c).
# Two round trips (x11-scale-home: the same under openbox); then a window
# the user moved at scale 2 stays where the user put it.
# vt: no-asan (geometry bookkeeping; unit test-scale-home runs it under ASan)
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

start_daemon --size 1280x800 --domain work,label=blue
start_xvfb DW 2560x1600
start_agent work "$DW"
start_yad_home "$DW"
wait_win work "$id" x=300 y=200 w=700 h=420
scale_round_trips "$DW" work "$id"

# the user moves it at scale 2: that is its place then
scale_to "$DW" 200 work "$id"
read -r x y < <(win_geom work "$id" | sed 's/x=\([0-9-]*\) y=\([0-9-]*\) .*/\1 \2/')
ctl drag $((x + 100)) $((y - 10)) $((x + 160)) $((y - 10)) >/dev/null
wait_win work "$id" x=$((x + 60))
scale_to "$DW" 100 work "$id"
sleep 1
got=$(win_geom work "$id")
[[ $got == "x=$((x + 60)) "* && $got != "x=300 y=200 w=700 h=420" ]] ||
	fail "after the user's move at scale 2 and set-scale 1, yad is at $got (moved to x=$((x + 60)))"
check "moved by the user at scale 2 to x=$((x + 60)): after set-scale 1 it stays there ($got)"
finish
