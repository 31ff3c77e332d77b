#!/bin/bash
# malformed: a hostile client on domain untrusted's socket sends what
# ATTACKS.md rows 1-4, 6 and 17 describe. Each violation cuts untrusted off
# with one log line naming it, while domain work (real agent + vt-pattern)
# keeps drawing inside an intact frame. Clamped requests (damage outside the
# window, a hostile title) leave the connection up and are shown sanitized.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

start_daemon --size 1280x800 --domain work,label=blue --domain untrusted,label=red,tint=strong
start_xvfb DW
start_agent work "$DW"
start_pattern w "$DW" --pattern solid --color 00ff00 --geometry 200x150+100+120 --title steady
idw=${PAT_ID[w]}
wait_pixels work 1
s=$(wait_content work "$idw" 00ff00 start)
check_frame_id work "$idw" blue "$s"
base=$s

colours=(ff0000 0000ff ffff00 ff00ff 00ffff 808080 ffffff 123456 00ff00)
ncol=0

work_still_updates() { # WHAT
	local c=${colours[ncol % ${#colours[@]}]} s
	ncol=$((ncol + 1))
	pat w color "$c"
	s=$(wait_content work "$idw" "$c" "after-$1")
	check_frame_id work "$idw" blue "$s"
	check "after $1: domain work still updates (content now #$c)"
}

# cut_off CASE REGEX: the vt-hostile case CASE gets domain untrusted cut
# off with one violation line matching REGEX (expect_cut_off); domain work
# still updates.
cut_off() {
	say "case $1"
	expect_cut_off untrusted "$2" "$1"
	work_still_updates "$1"
}

cut_off badlen 'wrong body length|length'
cut_off badtype 'unknown message type|unknown type'
cut_off unknownwin 'does not exist|unknown window|no such window'
cut_off dupcreate 'already exists|duplicate|twice'
cut_off unsealed 'seal'
cut_off small 'smaller|too small|size'
cut_off garbage '.'

# ---- damage outside the window: clipped, the connection stays up
say "case damage outside the window"
before=$(violation_count untrusted)
hostile_start hostile-window untrusted window
wait_pixels untrusted 1
d=$(win_field_id untrusted 7 damage)
for r in "100 60 5000 5000" "0 0 8192 8192" "159 99 8192 1"; do
	hostile hostile-window "damage $r"
	d=$((d + 1))
	wait_damage untrusted 7 "$d"
	check "damage $r on the 160x100 window: applied (damage=$d)"
done
[[ $(domain_field untrusted connected) == 1 ]] || fail "untrusted was cut off for an oversized damage"
(($(violation_count untrusted) == before)) || fail "oversized damage logged as a violation"
check "untrusted is still connected, no violation logged"
s=$(shot clipped)
check_frame_id untrusted 7 red "$s"
geometry
l=$(win_line_id untrusted 7)
x=$(field_of "$l" x) y=$(field_of "$l" y)
# right of and below the frame: as before the window existed
"$VT_BIN/tests/pngcmp" "$base" "$s" --tolerance 0 --diff "$T/clip-diff.png" \
	--clip "$((x + 160 + VT_GEOM_B)),$((y - VT_GEOM_T - VT_GEOM_B)),200,$((100 + VT_GEOM_T + 2 * VT_GEOM_B + 200))" ||
	fail "pixels right of the hostile window changed (diff $T/clip-diff.png)"
"$VT_BIN/tests/pngcmp" "$base" "$s" --tolerance 0 --diff "$T/clip-diff2.png" \
	--clip "$((x - VT_GEOM_B)),$((y + 100 + VT_GEOM_B)),$((160 + 2 * VT_GEOM_B)),200" ||
	fail "pixels below the hostile window changed (diff $T/clip-diff2.png)"
check "nothing drawn outside the hostile window's frame"
work_still_updates clipped-damage
hostile_stop hostile-window
wait_gone untrusted
wait_connected untrusted 0

# ---- titles with control characters, naming another domain
say "case hostile title"
hostile_start hostile-titles untrusted titles
wait_pixels untrusted 2
l8=$(win_line_id untrusted 8)
l9=$(win_line_id untrusted 9)
say "listed: $l8"
[[ $l8 != *[[:cntrl:]]* ]] || fail "the windows list carries control characters: $l8"
t8=$(field_of "$l8" title)
[[ $t8 == '_[1m[work] bank_' ]] || fail "title listed as '$t8', expected '_[1m[work] bank_'"
check "title \\x1b[1m[work] bank\\x07 is listed sanitized as '$t8'"
s=$(shot titles)
check_frame_id untrusted 8 red "$s"
check_frame_id untrusted 9 red "$s"
# The title bar starts with the daemon's domain label: its first 48 px after
# the border hold text and are the same whatever the guest's title.
x8=$(field_of "$l8" x) y8=$(field_of "$l8" y) x9=$(field_of "$l9" x) y9=$(field_of "$l9" y)
B=$VT_GEOM_B TB=$VT_GEOM_T
label="$((x8 - B)),$((y8 - TB)),$((48 + B)),$TB"
c=$(rect_colour "$s" $((x8 - B)) $((y8 - TB)) $((48 + B)) "$TB")
[[ $c == mixed* ]] || fail "title bar of window 8 starts with no text ($c)"
"$VT_BIN/tests/pngcmp" "$s" "$s" --tolerance 0 --clip "$label" --at "$((x9 - B)),$((y9 - TB))" ||
	fail "the title bars of '[work] bank' and 'plain title' differ in their first 48 px: the guest's title is not after the domain label"
check "title bars of both windows start with the same label pixels (the domain's, not the guest's)"
work_still_updates titles
hostile_stop hostile-titles
wait_gone untrusted

# ---- a message stopped halfway forever
say "case stalled message"
hostile_start hostile-stall untrusted stall
work_still_updates stalled-message
ctl --timeout 2 domains >/dev/null
check "the control socket answers while untrusted is stalled mid-message"
hostile_stop hostile-stall
wait_connected untrusted 0

finish
