#!/bin/bash
# pipeline: one window's pixels travel vt-pattern -> Xvfb -> agent -> daemon
# and come out of the daemon's screenshot exactly, inside the domain's frame.
# The shot is compared with screenshots/pipeline-quad.png around the window.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

start_daemon --size 1280x800 --domain work,label=blue --domain untrusted,label=red,tint=strong
start_xvfb DW
start_agent work "$DW"
start_pattern quad "$DW" --pattern quad --geometry 200x150+100+120 --title quad
id=${PAT_ID[quad]}

wait_pixels work 1
l=$(win_line_id work "$id")
say "listed: $l"
[[ $(field_of "$l" title) == quad ]] || fail "title is '$(field_of "$l" title)', expected quad"
[[ $(field_of "$l" w)x$(field_of "$l" h) == 200x150 ]] || fail "size is not 200x150: $l"
[[ $(field_of "$l" mapped) == 1 && $(field_of "$l" popup) == 0 && $(field_of "$l" pixels) == 1 ]] ||
	fail "expected mapped=1 popup=0 pixels=1: $l"
check "window listed as work/$id title=quad 200x150 mapped=1 popup=0 pixels=1"

s=$(wait_content work "$id" quad pipeline)
check "content is the quad pattern exactly (red, green, blue, white quadrants)"
check_frame_id work "$id" blue "$s"

# Reference image: the frame, the title bar and a 4 px margin of background.
geometry
l=$(win_line_id work "$id")
x=$(field_of "$l" x) y=$(field_of "$l" y)
B=$VT_GEOM_B TB=$VT_GEOM_T
clip="$((x - B - 4)),$((y - TB - B - 4)),$((200 + 2 * B + 8)),$((150 + TB + 2 * B + 8))"
ref=$VT_ROOT/screenshots/pipeline-quad.png
if [[ ! -e $ref ]]; then
	mkdir -p "$(dirname "$ref")"
	cp "$s" "$ref"
	fail "new reference $ref written from this run's shot: look at it (clip $clip) and commit it if it is right"
fi
"$VT_BIN/tests/pngcmp" "$ref" "$s" --clip "$clip" --diff "$T/pipeline-quad-diff.png" ||
	fail "shot $s differs from $ref in $clip (diff: $T/pipeline-quad-diff.png)"
check "shot matches $(basename "$ref") in $clip (tolerance 8)"

# A window of depth 32 (GTK's with client-side decorations, its popovers):
# transparent but for a blue square in its middle. Its transparent pixels
# are 0, black read as XRGB (a black box around every GTK popover); the
# agent lays them over an opaque light grey, and no transparency reaches
# the daemon (nothing under a window shows through it).
start_co argb "$T/argb.log" env DISPLAY="$DW" "$VT_BIN/tests/vt-argb" 160x100+500+300 argb
aid=
co_read argb aid
wait_pixels work 2
ctl --timeout "$VT_TIMEOUT" wait-idle work 300 >/dev/null
l=$(win_line_id work "$((aid))")
x=$(field_of "$l" x) y=$(field_of "$l" y)
s=$(shot argb)
r=$(pix "$s" --rect "$x" "$y" 160 20 --rect "$((x + 40))" "$((y + 25))" 80 50)
[[ $r == $'f6f5f4\n0000ff' ]] ||
	fail "depth-32 window at $x,$y: its transparent margin and opaque middle are '${r//$'\n'/' and '}', not f6f5f4 and 0000ff (shot $s)"
check "a depth-32 window's transparent pixels are shown light grey, not black; its opaque ones as drawn"

finish
