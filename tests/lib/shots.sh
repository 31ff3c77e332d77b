# shellcheck shell=bash
#
# tests/lib/shots.sh: screenshots of the headless output and their pixels:
# the label palette, exact frames (check_frame), vt-pattern's content
# (check_content_quad, wait_content), frames kept on screen.

palette() { # NAME|#RRGGBB|RRGGBB -> rrggbb
	case $1 in
	red) echo cc0000 ;;
	orange) echo f57900 ;;
	yellow) echo edd400 ;;
	green) echo 73d216 ;;
	gray) echo 555753 ;;
	blue) echo 3465a4 ;;
	purple) echo 75507b ;;
	black) echo 000000 ;;
	*) local c=${1#\#} && echo "${c,,}" ;;
	esac
}

# shot NAME: a screenshot into $T/NAME.png; prints the path.
shot() {
	ctl screenshot "$T/$1.png" >/dev/null
	[[ -s $T/$1.png ]] || fail "screenshot $T/$1.png was not written"
	printf '%s\n' "$T/$1.png"
}

pix() { "$VT_BIN/tests/pngpix" "$@"; }

VT_GEOM_B="" VT_GEOM_T="" VT_OUT_W="" VT_OUT_H=""
geometry() {
	[[ -n $VT_GEOM_B ]] && return 0
	local g
	g=$(ctl geometry | grep -v '^ok$')
	VT_GEOM_B=$(field_of "x $g" border)
	VT_GEOM_T=$(field_of "x $g" titlebar)
	VT_OUT_W=$(field_of "x $g" width)
	VT_OUT_H=$(field_of "x $g" height)
	[[ $VT_GEOM_B =~ ^[0-9]+$ && $VT_GEOM_T =~ ^[0-9]+$ ]] ||
		fail "cannot parse vitrinectl geometry: '$g'"
}

# rect_colour SHOT X Y W H: RRGGBB or `mixed N` of the part of that rectangle
# inside the output; `empty` when none is.
rect_colour() {
	local s=$1 x=$2 y=$3 w=$4 h=$5
	geometry
	((x < 0)) && w=$((w + x)) x=0
	((y < 0)) && h=$((h + y)) y=0
	((x + w > VT_OUT_W)) && w=$((VT_OUT_W - x))
	((y + h > VT_OUT_H)) && h=$((VT_OUT_H - y))
	if ((w <= 0 || h <= 0)); then
		echo empty
		return 0
	fi
	pix "$s" --rect "$x" "$y" "$w" "$h"
}

# expect_rect SHOT X Y W H COLOUR WHAT
expect_rect() {
	local want got
	want=$(palette "$6")
	got=$(rect_colour "$1" "$2" "$3" "$4" "$5")
	[[ $got == "$want" || $got == empty ]] ||
		fail "$7: rectangle $2,$3 $4x$5 of $1 is '$got', expected $want"
}

# check_frame DOMAIN TITLE COLOUR SHOT / check_frame_id DOMAIN ID COLOUR SHOT:
# the frame around the window is exactly COLOUR: the top border strip, the
# bottom strip, and the left and right strips over the whole height (title
# bar rows included: the title text stays off the side borders). The title
# bar is the window's (`titlebar=` in windows: none for a popup).
check_frame() {
	local l
	l=$(win_line "$1" "$2")
	[[ -n $l ]] || fail "check_frame: no window '$2' of domain $1"
	frame_of_line "$l" "$3" "$4" "$1 '$2'"
}
check_frame_id() {
	local l
	l=$(win_line_id "$1" "$2")
	[[ -n $l ]] || fail "check_frame: no window $2 of domain $1"
	frame_of_line "$l" "$3" "$4" "$1 window $2"
}
frame_of_line() {
	local l=$1 c=$2 s=$3 what=$4 x y w h B TB
	geometry
	x=$(field_of "$l" x) y=$(field_of "$l" y) w=$(field_of "$l" w) h=$(field_of "$l" h)
	B=$VT_GEOM_B TB=$(field_of "$l" titlebar) # a popup's: 0
	((B > 0)) || fail "border width is $B"
	expect_rect "$s" $((x - B)) $((y - TB - B)) $((w + 2 * B)) "$B" "$c" "$what: top border"
	expect_rect "$s" $((x - B)) $((y + h)) $((w + 2 * B)) "$B" "$c" "$what: bottom border"
	expect_rect "$s" $((x - B)) $((y - TB - B)) "$B" $((h + TB + 2 * B)) "$c" "$what: left border"
	expect_rect "$s" $((x + w)) $((y - TB - B)) "$B" $((h + TB + 2 * B)) "$c" "$what: right border"
	check "$what: frame ${B}px is exactly #$(palette "$c") on all four sides ($(basename "$s"))"
}

# check_content_quad SHOT X Y W H: vt-pattern's quad pattern, exactly.
check_content_quad() {
	local s=$1 x=$2 y=$3 w=$4 h=$5 lw th
	lw=$((w / 2)) th=$((h / 2))
	expect_rect "$s" "$x" "$y" "$lw" "$th" ff0000 "top-left quadrant"
	expect_rect "$s" $((x + lw)) "$y" $((w - lw)) "$th" 00ff00 "top-right quadrant"
	expect_rect "$s" "$x" $((y + th)) "$lw" $((h - th)) 0000ff "bottom-left quadrant"
	expect_rect "$s" $((x + lw)) $((y + th)) $((w - lw)) $((h - th)) ffffff "bottom-right quadrant"
}

# wait_content DOMAIN ID KIND SHOTNAME: wait until the window's content in
# the screenshot is KIND (quad, or a colour for solid), taking a new shot each
# time the window's damage count grows. Prints the final shot's path.
wait_content() {
	local dom=$1 id=$2 kind=$3 name=$4 deadline=$((SECONDS + VT_TIMEOUT)) l d s x y w h got
	while :; do
		l=$(win_line_id "$dom" "$id")
		[[ -n $l ]] || fail "window $dom/$id is gone"
		d=$(field_of "$l" damage)
		x=$(field_of "$l" x) y=$(field_of "$l" y) w=$(field_of "$l" w) h=$(field_of "$l" h)
		s=$(shot "$name")
		if [[ $kind == quad ]]; then
			got=$( (check_content_quad "$s" "$x" "$y" "$w" "$h") 2>&1) && {
				printf '%s\n' "$s"
				return 0
			}
		else
			got=$(rect_colour "$s" "$x" "$y" "$w" "$h")
			[[ $got == "$(palette "$kind")" ]] && {
				printf '%s\n' "$s"
				return 0
			}
		fi
		((SECONDS < deadline)) || fail "window $dom/$id never showed $kind content; last: $got"
		# ask: the next damage, else look again (the damage may have come
		# between our listing and our shot)
		ctl_try --timeout 1 wait-damage "$dom" "$id" $((d + 1)) >/dev/null 2>&1 || true
	done
}

# frame_on_screen DOMAIN ID WHAT: the window's whole frame is inside the
# output.
frame_on_screen() {
	local l x y w h
	geometry
	l=$(win_line_id "$1" "$2")
	[[ -n $l ]] || fail "$3: no window $2 of domain $1"
	x=$(field_of "$l" x) y=$(field_of "$l" y) w=$(field_of "$l" w) h=$(field_of "$l" h)
	((x - VT_GEOM_B >= 0 && y - $(field_of "$l" titlebar) - VT_GEOM_B >= 0 &&
		x + w + VT_GEOM_B <= VT_OUT_W && y + h + VT_GEOM_B <= VT_OUT_H)) ||
		fail "$3: frame of $1/$2 leaves the ${VT_OUT_W}x$VT_OUT_H output: $l"
}
