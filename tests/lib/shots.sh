# shellcheck shell=bash
#
# tests/lib/shots.sh: screenshots of the headless output and their pixels:
# the label palette, exact frames (check_frame), vt-pattern's content
# (check_content_quad, wait_content), frames kept on screen.

palette() { # NAME|#RRGGBB|RRGGBB -> rrggbb
	local c
	palette_to c "$1"
	printf '%s\n' "$c"
}
palette_to() { # VAR NAME|#RRGGBB|RRGGBB
	local _pc
	case $2 in
	red) _pc=cc0000 ;;
	orange) _pc=f57900 ;;
	yellow) _pc=edd400 ;;
	green) _pc=73d216 ;;
	gray) _pc=555753 ;;
	blue) _pc=3465a4 ;;
	purple) _pc=75507b ;;
	black) _pc=000000 ;;
	*) _pc=${2#\#} _pc=${_pc,,} ;;
	esac
	printf -v "$1" '%s' "$_pc"
}

# shot NAME: a screenshot into $T/NAME.png; prints the path. shot_to VAR
# NAME: the path into VAR.
shot() {
	local s
	shot_to s "$1"
	printf '%s\n' "$s"
}
shot_to() {
	local _so
	ctl_to _so screenshot "$T/$2.png"
	[[ -s $T/$2.png ]] || fail "screenshot $T/$2.png was not written"
	printf -v "$1" '%s' "$T/$2.png"
}

pix() { "$VT_TOOLS/pngpix" "$@"; }

# wait_shot NAME LOOK: screenshots into $T/NAME.png (its path in VT_SHOT)
# until the function LOOK, given the shot, returns 0: what the daemon draws
# itself shows some time after it has the message, and nothing can be asked.
# LOOK says what it saw in VT_SEEN, for the failure.
wait_shot() {
	local deadline=$((SECONDS + VT_TIMEOUT))
	VT_SEEN=
	while :; do
		shot_to VT_SHOT "$1"
		"$2" "$VT_SHOT" && return 0
		((SECONDS < deadline)) || fail "shot $VT_SHOT: $VT_SEEN"
		sleep 0.1
	done
}

VT_GEOM_B="" VT_GEOM_T="" VT_OUT_W="" VT_OUT_H=""
geometry() {
	[[ -n $VT_GEOM_B ]] && return 0
	local g
	ctl_to g geometry
	g=${g%ok}
	g="x ${g%$'\n'}"
	field_to VT_GEOM_B "$g" border || true
	field_to VT_GEOM_T "$g" titlebar || true
	field_to VT_OUT_W "$g" width || true
	field_to VT_OUT_H "$g" height || true
	[[ $VT_GEOM_B =~ ^[0-9]+$ && $VT_GEOM_T =~ ^[0-9]+$ ]] ||
		fail "cannot parse vitrinectl geometry: '$g'"
}

# rect_colour SHOT X Y W H: RRGGBB or `mixed N` of the part of that rectangle
# inside the output; `empty` when none is.
rect_colour() {
	local c
	rects_to c "$@"
	printf '%s\n' "$c"
}

# rects_to VAR SHOT X Y W H [X Y W H]...: rect_colour of each rectangle, one
# pngpix call (the PNG decoded once), the answers on lines of VAR in order.
rects_to() {
	local _rv=$1 _rs=$2 _rx _ry _rw _rh _ra=() _rn=() _ro _rl _ri=0 _rr=()
	shift 2
	geometry
	while (($#)); do
		_rx=$1 _ry=$2 _rw=$3 _rh=$4
		shift 4
		((_rx < 0)) && _rw=$((_rw + _rx)) _rx=0
		((_ry < 0)) && _rh=$((_rh + _ry)) _ry=0
		((_rx + _rw > VT_OUT_W)) && _rw=$((VT_OUT_W - _rx))
		((_ry + _rh > VT_OUT_H)) && _rh=$((VT_OUT_H - _ry))
		if ((_rw <= 0 || _rh <= 0)); then
			_rn+=(empty)
		else
			_rn+=(pix)
			_ra+=(--rect "$_rx" "$_ry" "$_rw" "$_rh")
		fi
	done
	if ((${#_ra[@]})); then
		local _rf=$T/.pix.$BASHPID # (not in the redirection: expanded after the fork)
		"$VT_TOOLS/pngpix" "$_rs" "${_ra[@]}" >"$_rf" || fail "pngpix $_rs ${_ra[*]} failed"
		mapfile -t _rr <"$_rf"
	fi
	_ro=
	for _rl in "${_rn[@]}"; do
		if [[ $_rl == pix ]]; then
			_ro+=${_rr[_ri]}$'\n'
			_ri=$((_ri + 1))
		else
			_ro+=empty$'\n'
		fi
	done
	printf -v "$_rv" '%s' "${_ro%$'\n'}"
}

# expect_rect SHOT X Y W H COLOUR WHAT
expect_rect() {
	expect_rects "$1" "$6" "$7" "$2" "$3" "$4" "$5"
}

# expect_rects SHOT COLOUR WHAT X Y W H [WHAT X Y W H]...: each rectangle
# of SHOT is COLOUR (or outside the output), one pngpix call for all.
expect_rects() {
	local s=$1 want got=() whats=() geo=() args=() i out
	palette_to want "$2"
	shift 2
	while (($#)); do
		whats+=("$1")
		geo+=("$2,$3 $4x$5")
		args+=("$2" "$3" "$4" "$5")
		shift 5
	done
	rects_to out "$s" "${args[@]}"
	mapfile -t got <<<"$out"
	for i in "${!whats[@]}"; do
		[[ ${got[i]} == "$want" || ${got[i]} == empty ]] ||
			fail "${whats[i]}: rectangle ${geo[i]} of $s is '${got[i]}', expected $want"
	done
}

# check_frame DOMAIN TITLE COLOUR SHOT / check_frame_id DOMAIN ID COLOUR SHOT:
# the frame around the window is exactly COLOUR: the top border strip, the
# bottom strip, and the left and right strips over the whole height (title
# bar rows included: the title text stays off the side borders). The title
# bar is the window's (`titlebar=` in windows: none for a popup).
check_frame() {
	local l
	win_line_to l "$1" "$2"
	[[ -n $l ]] || fail "check_frame: no window '$2' of domain $1"
	frame_of_line "$l" "$3" "$4" "$1 '$2'"
}
check_frame_id() {
	local l
	win_line_id_to l "$1" "$2"
	[[ -n $l ]] || fail "check_frame: no window $2 of domain $1"
	frame_of_line "$l" "$3" "$4" "$1 window $2"
}
frame_of_line() {
	local l=$1 c=$2 s=$3 what=$4 x y w h B TB p
	geometry
	field_to x "$l" x
	field_to y "$l" y
	field_to w "$l" w
	field_to h "$l" h
	B=$VT_GEOM_B
	field_to TB "$l" titlebar # a popup's: 0
	((B > 0)) || fail "border width is $B"
	expect_rects "$s" "$c" \
		"$what: top border" $((x - B)) $((y - TB - B)) $((w + 2 * B)) "$B" \
		"$what: bottom border" $((x - B)) $((y + h)) $((w + 2 * B)) "$B" \
		"$what: left border" $((x - B)) $((y - TB - B)) "$B" $((h + TB + 2 * B)) \
		"$what: right border" $((x + w)) $((y - TB - B)) "$B" $((h + TB + 2 * B))
	palette_to p "$c"
	check "$what: frame ${B}px is exactly #$p on all four sides (${s##*/})"
}

# check_content_quad SHOT X Y W H: vt-pattern's quad pattern, exactly.
check_content_quad() {
	local s=$1 x=$2 y=$3 w=$4 h=$5 lw th out i quad_got=() quad_r=()
	local quad_want=(ff0000 00ff00 0000ff ffffff)
	local quad_what=("top-left quadrant" "top-right quadrant" "bottom-left quadrant" "bottom-right quadrant")
	lw=$((w / 2)) th=$((h / 2))
	quad_r=("$x" "$y" "$lw" "$th" $((x + lw)) "$y" $((w - lw)) "$th"
		"$x" $((y + th)) "$lw" $((h - th)) $((x + lw)) $((y + th)) $((w - lw)) $((h - th)))
	rects_to out "$s" "${quad_r[@]}"
	mapfile -t quad_got <<<"$out"
	for i in 0 1 2 3; do
		[[ ${quad_got[i]} == "${quad_want[i]}" || ${quad_got[i]} == empty ]] ||
			fail "${quad_what[i]}: rectangle ${quad_r[4 * i]},${quad_r[4 * i + 1]} ${quad_r[4 * i + 2]}x${quad_r[4 * i + 3]} of $s is '${quad_got[i]}', expected ${quad_want[i]}"
	done
}

# wait_content DOMAIN ID KIND SHOTNAME: wait until the window's content in
# the screenshot is KIND (quad, or a colour for solid), taking a new shot each
# time the window's damage count grows. Prints the final shot's path.
# wait_content_to VAR DOMAIN ID KIND SHOTNAME: the path into VAR.
wait_content() {
	local s
	wait_content_to s "$@"
	printf '%s\n' "$s"
}
wait_content_to() {
	local _wv=$1 dom=$2 id=$3 kind=$4 name=$5 deadline=$((SECONDS + VT_TIMEOUT)) _wcl _wcd _wcs x y w h got want
	geometry
	while :; do
		win_line_id_to _wcl "$dom" "$id"
		[[ -n $_wcl ]] || fail "window $dom/$id is gone"
		field_to _wcd "$_wcl" damage
		field_to x "$_wcl" x
		field_to y "$_wcl" y
		field_to w "$_wcl" w
		field_to h "$_wcl" h
		shot_to _wcs "$name"
		if [[ $kind == quad ]]; then
			got=$( (check_content_quad "$_wcs" "$x" "$y" "$w" "$h") 2>&1) && {
				printf -v "$_wv" '%s' "$_wcs"
				return 0
			}
		else
			rects_to got "$_wcs" "$x" "$y" "$w" "$h"
			palette_to want "$kind"
			[[ $got == "$want" ]] && {
				printf -v "$_wv" '%s' "$_wcs"
				return 0
			}
		fi
		((SECONDS < deadline)) || fail "window $dom/$id never showed $kind content; last: $got"
		# ask: the next damage, else look again (the damage may have come
		# between our listing and our shot)
		ctl_try --timeout 1 wait-damage "$dom" "$id" $((_wcd + 1)) >/dev/null 2>&1 || true
	done
}

# frame_on_screen DOMAIN ID WHAT: the window's whole frame is inside the
# output.
frame_on_screen() {
	local l x y w h tb
	geometry
	win_line_id_to l "$1" "$2"
	[[ -n $l ]] || fail "$3: no window $2 of domain $1"
	field_to x "$l" x
	field_to y "$l" y
	field_to w "$l" w
	field_to h "$l" h
	field_to tb "$l" titlebar
	((x - VT_GEOM_B >= 0 && y - tb - VT_GEOM_B >= 0 &&
		x + w + VT_GEOM_B <= VT_OUT_W && y + h + VT_GEOM_B <= VT_OUT_H)) ||
		fail "$3: frame of $1/$2 leaves the ${VT_OUT_W}x$VT_OUT_H output: $l"
}
