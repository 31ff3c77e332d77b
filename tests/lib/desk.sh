# shellcheck shell=bash
#
# tests/lib/desk.sh: the x11 backend on a desktop Xvfb: the daemon on it
# (start_daemon_x11), its windows seen with tests/vt-desk and xprop
# (desk_list, desk_field, wait_desk, desk_prop), and their frames and
# contents in shots of the desktop. Window managers and the user's clicks
# and typing there: desk-wm.sh.
#
# The x11 backend shows each guest window as one top-level window on a
# desktop X server: content plus a frame of `geometry`'s border in the label
# colour, drawn inside that window. These helpers start the daemon on such a
# desktop (an Xvfb of the test), look at its windows with tests/vt-desk
# (list, grab, close) and xprop, and check frames and contents in shots of
# the desktop's root. VT_DESK is the desktop's display. The frame is
# VT_X11_BORDER pixels (X11_BORDER in gui-daemon/backend/x11/x11.h) on all
# four sides; there is no title bar (the window manager draws the title).

VT_DESK=
VT_X11_BORDER=2

# desk CMD...: run an X client on the desktop.
desk() { DISPLAY=$VT_DESK "$@"; }

# start_daemon_x11 DESKTOP ARGS...: the daemon with --backend x11 on DESKTOP;
# returns once the control socket answers `domains`.
start_daemon_x11() {
	VT_DESK=$1
	shift
	bg daemon "$VT_DAEMON_LOG" env DISPLAY="$VT_DESK" "$VT_BIN/vitrine-daemon" --backend x11 \
		--runtime-dir "$RUN" --verbose "$@"
	VT_DAEMON_PID=$VT_LAST_PID
	local deadline=$((SECONDS + VT_TIMEOUT))
	until ctl_try --timeout 2 domains >/dev/null 2>&1; do
		alive "$VT_DAEMON_PID" || fail "vitrine-daemon --backend x11 exited at start (log $VT_DAEMON_LOG: $(tail -n 3 "$VT_DAEMON_LOG"))"
		((SECONDS < deadline)) || fail "vitrine-daemon's control socket does not answer"
		sleep 0.05
	done
	say "daemon started on desktop $VT_DESK: --backend x11 $* (log $VT_DAEMON_LOG)"
}

# desk_list: `vt-desk list` on the desktop: the daemon's windows, one a line:
# ID vm=NAME x= y= w= h= or=0|1 mapped=0|1 top=ID title="..."
# desk_list_to VAR: the same into VAR (one fork: vt-desk's).
desk_list() { desk "$VT_TOOLS/vt-desk" list; }
desk_list_to() {
	local _dlf=$T/.desk.$BASHPID _dlo
	DISPLAY=$VT_DESK "$VT_TOOLS/vt-desk" list >"$_dlf" || fail "vt-desk list failed"
	IFS= read -r -d '' _dlo <"$_dlf" || true
	printf -v "$1" '%s' "${_dlo%$'\n'}"
}

# desk_line_title DOMAIN TITLE: the line of the desktop window titled exactly
# "[DOMAIN] TITLE" (the first), or nothing.
desk_line_title() {
	local l
	desk_line_title_to l "$@"
	[[ -z $l ]] || printf '%s\n' "$l"
}
desk_line_title_to() { # VAR DOMAIN TITLE
	local _dtw="[$2] $3" _dtl _dtt _dts
	printf -v "$1" '%s' ''
	desk_list_to _dts
	while IFS= read -r _dtl; do
		field_to _dtt "$_dtl" title || true
		[[ $_dtt == "$_dtw" ]] && { printf -v "$1" '%s' "$_dtl"; return 0; }
	done <<<"$_dts"
	return 0
}

# desk_line ID: the line of desktop window ID, or nothing. desk_line_to VAR
# ID: into VAR.
desk_line() {
	local l
	desk_line_to l "$1"
	[[ -z $l ]] || printf '%s\n' "$l"
}
desk_line_to() {
	local _dll _dls
	printf -v "$1" '%s' ''
	desk_list_to _dls
	while IFS= read -r _dll; do
		[[ ${_dll%% *} == "$2" ]] && { printf -v "$1" '%s' "$_dll"; return 0; }
	done <<<"$_dls"
	return 0
}

# wait_desk_id VAR DOMAIN TITLE: wait until a mapped desktop window is titled
# "[DOMAIN] TITLE"; its id into VAR.
wait_desk_id() {
	local deadline=$((SECONDS + VT_TIMEOUT)) l m
	while :; do
		desk_line_title_to l "$2" "$3"
		m=
		[[ -n $l ]] && field_to m "$l" mapped
		[[ $m == 1 ]] && break
		((SECONDS < deadline)) || fail "no mapped desktop window titled '[$2] $3' after ${VT_TIMEOUT}s: $(desk_list)"
		sleep 0.05
	done
	printf -v "$1" '%s' "${l%% *}"
}

# desk_field ID FIELD: a field of desktop window ID's line (title or a
# key=value key; the id is the line's first word); fails when it is gone.
desk_field() {
	local v
	desk_field_to v "$@"
	printf '%s\n' "$v"
}
desk_field_to() { # VAR ID FIELD
	local _dfl
	desk_line_to _dfl "$2"
	[[ -n $_dfl ]] || fail "desktop window $2 is gone: $(desk_list)"
	field_to "$1" "$_dfl" "$3"
}

# wait_desk ID KEY=VALUE...: poll vt-desk list until desktop window ID has
# all those fields.
wait_desk() {
	local id=$1 deadline=$((SECONDS + VT_TIMEOUT)) l kv ok v
	shift
	while :; do
		desk_line_to l "$id"
		ok=0
		if [[ -n $l ]]; then
			ok=1
			for kv in "$@"; do
				field_to v "$l" "${kv%%=*}" || true
				[[ $v == "${kv#*=}" ]] || ok=0
			done
		fi
		((ok)) && return 0
		((SECONDS < deadline)) || fail "desktop window $id: wanted '$*' for ${VT_TIMEOUT}s; last: '${l:-gone}'"
		sleep 0.05
	done
}

# settled DESK: until desktop window DESK's line (where it is, its size) has
# stayed the same for half a second: the window manager may still be working
# through changes (a flood's under load; a restore in two steps).
settled() {
	local deadline=$((SECONDS + VT_TIMEOUT)) a b
	desk_line_to a "$1"
	while :; do
		sleep 0.5
		desk_line_to b "$1"
		[[ $a == "$b" ]] && break
		((SECONDS < deadline)) || fail "desktop window $1 never stood still: $b"
		a=$b
	done
}

# desk_shot NAME: the desktop's root into $T/NAME.png; prints the path.
desk_shot() {
	desk "$VT_TOOLS/vt-desk" grab "$T/$1.png" || fail "vt-desk grab $T/$1.png failed"
	printf '%s\n' "$T/$1.png"
}
desk_shot_to() { # VAR NAME
	DISPLAY=$VT_DESK "$VT_TOOLS/vt-desk" grab "$T/$2.png" || fail "vt-desk grab $T/$2.png failed"
	printf -v "$1" '%s' "$T/$2.png"
}

# desk_prop ID PROP: xprop's value of PROP on desktop window ID (the text
# after " = " or ": "), empty when unset.
desk_prop() {
	local l
	l=$(desk xprop -id "$1" -notype "$2" 2>/dev/null || true)
	case $l in
	*"not found."* | *"no such atom"*) ;;
	"$2 = "*) printf '%s\n' "${l#"$2 = "}" ;;
	"$2: "*) printf '%s\n' "${l#"$2: "}" ;;
	"$2"*) printf '%s\n' "${l#"$2"}" ;;
	esac
}

# desk_rect_is SHOT X Y W H COLOUR WHAT: that rectangle of a desktop shot is
# exactly COLOUR; it must lie inside the screen.
desk_rect_is() {
	desk_rects_are "$1" "$6" "$7" "$2" "$3" "$4" "$5"
}

# desk_rects_are SHOT COLOUR WHAT X Y W H [WHAT X Y W H]...: the same for
# each rectangle, one pngpix call for all.
desk_rects_are() {
	local s=$1 want f=$T/.dpix.$BASHPID got=() whats=() geo=() args=() i
	palette_to want "$2"
	shift 2
	while (($#)); do
		whats+=("$1")
		geo+=("$2,$3 $4x$5")
		args+=(--rect "$2" "$3" "$4" "$5")
		shift 5
	done
	"$VT_TOOLS/pngpix" "$s" "${args[@]}" >"$f" 2>"$f.err" ||
		fail "${whats[*]}: a rectangle of ${geo[*]} is not inside $s ($(<"$f.err"))"
	mapfile -t got <"$f"
	for i in "${!whats[@]}"; do
		[[ ${got[i]} == "$want" ]] || fail "${whats[i]}: rectangle ${geo[i]} of $s is '${got[i]}', expected $want"
	done
}

# desk_check_frame SHOT ID COLOUR WHAT: desktop window ID (its geometry from
# vt-desk list) has a frame of VT_X11_BORDER pixels exactly COLOUR on all
# four sides, all of it on the screen.
desk_check_frame() {
	local s=$1 id=$2 c=$3 what=$4 l x y w h p B=$VT_X11_BORDER
	geometry
	((B > 0)) || fail "border width is $B"
	desk_line_to l "$id"
	[[ -n $l ]] || fail "$what: desktop window $id is gone"
	field_to x "$l" x
	field_to y "$l" y
	field_to w "$l" w
	field_to h "$l" h
	((x >= 0 && y >= 0 && x + w <= VT_OUT_W && y + h <= VT_OUT_H)) ||
		fail "$what: desktop window $id at $x,$y ${w}x$h is not inside the ${VT_OUT_W}x$VT_OUT_H screen"
	desk_rects_are "$s" "$c" "$what: top border" "$x" "$y" "$w" "$B" \
		"$what: bottom border" "$x" $((y + h - B)) "$w" "$B" \
		"$what: left border" "$x" "$y" "$B" "$h" \
		"$what: right border" $((x + w - B)) "$y" "$B" "$h"
	palette_to p "$c"
	check "$what: frame ${B}px is exactly #$p on all four sides, on screen (${s##*/})"
}

# desk_content SHOT ID quad|COLOUR WHAT: the content of desktop window ID
# (inside the frame) is vt-pattern's quad pattern, or one colour, exactly.
desk_content() {
	local s=$1 id=$2 kind=$3 what=$4 l x y w h B=$VT_X11_BORDER
	geometry
	desk_line_to l "$id"
	[[ -n $l ]] || fail "$what: desktop window $id is gone"
	field_to x "$l" x
	field_to y "$l" y
	field_to w "$l" w
	field_to h "$l" h
	x=$((x + B)) y=$((y + B)) w=$((w - 2 * B)) h=$((h - 2 * B))
	if [[ $kind == quad ]]; then
		(check_content_quad "$s" "$x" "$y" "$w" "$h") || fail "$what: content is not the quad pattern"
	else
		desk_rect_is "$s" "$x" "$y" "$w" "$h" "$kind" "$what: content"
	fi
	check "$what: content ${w}x$h is exactly $kind"
}

# wait_desk_content ID quad|COLOUR NAME: shoot the desktop until the content
# of desktop window ID is that (the X server paints it after the daemon's
# requests; nothing can be asked). Prints the last shot's path.
wait_desk_content() {
	local id=$1 kind=$2 name=$3 deadline=$((SECONDS + VT_TIMEOUT)) s got
	while :; do
		desk_shot_to s "$name"
		got=$( (desk_content "$s" "$id" "$kind" x) 2>&1) && {
			printf '%s\n' "$s"
			return 0
		}
		((SECONDS < deadline)) || fail "desktop window $id never showed $kind content: $got"
		sleep 0.1
	done
}

# wait_desk_frame NAME ID COLOUR WHAT: shoot the desktop until desktop window
# ID's frame is exactly COLOUR on all four sides (as desk_check_frame), then
# check it once more for the log. Prints the shot's path.
wait_desk_frame() {
	local name=$1 id=$2 c=$3 what=$4 deadline=$((SECONDS + VT_TIMEOUT)) s got
	while :; do
		desk_shot_to s "$name"
		got=$( (desk_check_frame "$s" "$id" "$c" "$what") 2>&1) && break
		((SECONDS < deadline)) || fail "$what: the frame never became right: $got"
		sleep 0.1
	done
	desk_check_frame "$s" "$id" "$c" "$what" >&2
	printf '%s\n' "$s"
}

# gone_desk ID: waits until desktop window ID is gone.
gone_desk() {
	local deadline=$((SECONDS + VT_TIMEOUT))
	local l
	while :; do
		desk_line_to l "$1"
		[[ -n $l ]] || break
		((SECONDS < deadline)) || fail "desktop window $1 is still there: $l; the daemon's windows: $(ctl windows 2>&1 | tr '\n' ';')"
		sleep 0.05
	done
}
