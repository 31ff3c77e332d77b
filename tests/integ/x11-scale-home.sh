#!/bin/bash
# x11-scale-home: scale-home on a desktop (openbox): twice `set-scale 2` and
# back, and a GTK window (yad) is where and as large as it was each time
# (new-user trial 7 #3 was on openbox: Firefox 896x796 -> 500x264 in two
# round trips, onto the other monitor). The window manager, not the core,
# moves desktop windows here: the core's placing back goes through it.
# vt: no-asan (as scale-home)
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

start_xvfb DESK 1280x800
start_openbox "$DESK"
start_daemon_x11 "$DESK" --domain work,label=blue
start_xvfb DW 2560x1600
start_agent work "$DW"
start_yad_home "$DW"
wait_win work "$id" w=700 h=420
scale_round_trips "$DW" work "$id"
finish
