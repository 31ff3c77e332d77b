#!/bin/bash
# lifecycle: resize, unmap, map and destroy of a guest window are followed:
# the list shows the new state, the screen shows the new frame exactly, and
# an unmapped or destroyed window leaves only background behind.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

start_daemon --size 1280x800 --domain work,label=blue
start_xvfb DW
start_agent work "$DW"
base=$(shot baseline)
start_pattern p "$DW" --pattern quad --geometry 200x150+100+120 --title life
id=${PAT_ID[p]}
wait_pixels work 1
s=$(wait_content work "$id" quad initial)
check "initial 200x150 window shows the quad pattern"
check_frame_id work "$id" blue "$s"

# outer rectangle of the frame of the window as listed now: "X,Y,W,H"
outer() {
	local l
	l=$(win_line_id work "$id")
	geometry
	echo "$(($(field_of "$l" x) - VT_GEOM_B)),$(($(field_of "$l" y) - VT_GEOM_T - VT_GEOM_B)),$(($(field_of "$l" w) + 2 * VT_GEOM_B)),$(($(field_of "$l" h) + VT_GEOM_T + 2 * VT_GEOM_B))"
}
# background_in SHOT X,Y,W,H WHAT: that rectangle is as in the baseline shot
background_in() {
	"$VT_BIN/tests/pngcmp" "$base" "$1" --tolerance 0 --clip "$2" --diff "$T/$3-diff.png" ||
		fail "$3: $2 is not background (diff $T/$3-diff.png)"
	check "$3: $2 shows only background"
}

say "resize to 320x240"
pat p resize 320 240
wait_win work "$id" w=320 h=240
s=$(wait_content work "$id" quad grown)
check "after resize: listed 320x240, quad pattern at the new size"
check_frame_id work "$id" blue "$s"

say "resize to 160x100"
big=$(outer)
pat p resize 160 100
wait_win work "$id" w=160 h=100
s=$(wait_content work "$id" quad shrunk)
check "after resize: listed 160x100, quad pattern at the new size"
check_frame_id work "$id" blue "$s"
# what the big frame covered right of and below the small one is background
IFS=, read -r bx by bw bh <<<"$big"
IFS=, read -r sx sy sw sh <<<"$(outer)"
background_in "$s" "$((sx + sw)),$by,$((bx + bw - sx - sw)),$bh" "right-of-shrunk"
background_in "$s" "$bx,$((sy + sh)),$bw,$((by + bh - sy - sh))" "below-shrunk"

say "unmap"
area=$(outer)
pat p unmap
wait_win work "$id" mapped=0
s=$(shot unmapped)
check "after unmap: listed mapped=0"
background_in "$s" "$area" unmapped

say "map"
pat p map
wait_win work "$id" mapped=1 pixels=1
s=$(wait_content work "$id" quad remapped)
check "after map: listed mapped=1 pixels=1, quad pattern back"
check_frame_id work "$id" blue "$s"

say "destroy"
area=$(outer)
pat p destroy
wait_gone work
[[ -z $(win_line_id work "$id") ]] || fail "window still listed after destroy"
check "after destroy: the window is not listed any more"
s=$(shot destroyed)
background_in "$s" "$area" destroyed
[[ $(domain_field work windows) == 0 ]] || fail "domain work still counts windows"

finish
