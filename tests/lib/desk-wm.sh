# shellcheck shell=bash
#
# tests/lib/desk-wm.sh: the window managers on a desktop Xvfb (start_openbox,
# start_sway) and the user's hand there: clicks on openbox's title bars
# (desk_click_title, desk_choose) and into desktop windows (desk_click),
# typing into real xterms (cat_term, type_to), the desktop's focus
# (wait_desk_focus). The desktop, its windows and shots: desk.sh.

# start_openbox DESKTOP [click]: openbox on DESKTOP (sets VT_DESK) with a
# minimal configuration (one desktop, no margins, no animation, title layout
# "LIMC"); with "click", openbox's usual bindings too: a left press on a
# window or its title bar focuses and raises it, Alt+Tab focuses the next
# window, Alt+F4 closes the focused one. Returns once it manages the screen (_NET_SUPPORTING_WM_CHECK on the
# root names a window whose _NET_WM_NAME is Openbox) and its event loop runs
# (vt-wm-ready: it answers a client's request). Openbox announces itself
# before it loads its configuration and theme; a window mapped meanwhile
# waits in its queue, and once in its loop openbox sleeps with it there
# until something else reaches it, and nothing does in a test (x11-wm under
# load: the daemon's window never mapped).
start_openbox() {
	local cfg=$T/openbox-rc.xml deadline keys='<keyboard/>' mouse='<mouse/>'
	VT_DESK=$1
	if [[ ${2:-} == click ]]; then
		keys='<keyboard><keybind key="A-Tab"><action name="NextWindow"><dialog>no</dialog></action></keybind>'
		keys+='<keybind key="A-F4"><action name="Close"/></keybind>'
		keys+='<keybind key="W-d"><action name="ToggleShowDesktop"/></keybind></keyboard>'
		mouse='<mouse><dragThreshold>8</dragThreshold><doubleClickTime>200</doubleClickTime>'
		local ctx
		for ctx in Client Titlebar; do
			mouse+="<context name=\"$ctx\"><mousebind button=\"Left\" action=\"Press\">"
			mouse+='<action name="Focus"/><action name="Raise"/></mousebind></context>'
		done
		mouse+='</mouse>'
	fi
	sed -e "s|<keyboard/>|$keys|" -e "s|<mouse/>|$mouse|" \
		-e "s|ANIMATE|${VT_OPENBOX_ANIMATE:-no}|" >"$cfg" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<openbox_config xmlns="http://openbox.org/3.4/rc">
  <focus><focusNew>yes</focusNew><followMouse>no</followMouse></focus>
  <placement><policy>Smart</policy><center>no</center></placement>
  <theme>
    <name>Clearlooks</name><titleLayout>LIMC</titleLayout>
    <keepBorder>yes</keepBorder><animateIconify>ANIMATE</animateIconify>
    <font place="ActiveWindow"><name>DejaVu Sans</name><size>8</size><weight>normal</weight></font>
    <font place="InactiveWindow"><name>DejaVu Sans</name><size>8</size><weight>normal</weight></font>
  </theme>
  <desktops><number>1</number><popupTime>0</popupTime></desktops>
  <margins><top>0</top><bottom>0</bottom><left>0</left><right>0</right></margins>
  <keyboard/>
  <mouse/>
</openbox_config>
XML
	mkdir -p "$T/openbox-home"
	bg openbox "$T/openbox.log" env DISPLAY="$VT_DESK" HOME="$T/openbox-home" \
		XDG_CONFIG_HOME="$T/openbox-home" XDG_CACHE_HOME="$T/openbox-home" \
		openbox --sm-disable --config-file "$cfg"
	VT_OPENBOX_PID=$VT_LAST_PID
	deadline=$((SECONDS + VT_TIMEOUT))
	local w
	while :; do
		w=$(desk xprop -root -notype _NET_SUPPORTING_WM_CHECK 2>/dev/null || true)
		if [[ $w =~ \#\ (0x[0-9a-f]+) ]] &&
			desk xprop -id "${BASH_REMATCH[1]}" -notype _NET_WM_NAME 2>/dev/null | grep -q Openbox; then
			break
		fi
		alive "$VT_OPENBOX_PID" || fail "openbox exited (log $T/openbox.log)"
		((SECONDS < deadline)) || fail "openbox does not manage $VT_DESK after ${VT_TIMEOUT}s"
		sleep 0.05
	done
	desk "$VT_TOOLS/vt-wm-ready" "$VT_TIMEOUT" ||
		fail "openbox on $VT_DESK did not answer a request in ${VT_TIMEOUT}s (log $T/openbox.log)"
	say "openbox manages $VT_DESK (log $T/openbox.log)"
}

# desk_click_title ID: the user clicks (button 1) the middle of the title bar
# of openbox's frame around desktop window ID (start_openbox ... click
# focuses and raises it): the window manager's, not the daemon's.
desk_click_title() {
	local top fy wy
	top=$(desk_field "$1" top)
	fy=$(desk xwininfo -id "$top" | awk '/Absolute upper-left Y:/ {print $4}')
	wy=$(desk_field "$1" y)
	if [[ -z $fy ]] || ((fy >= wy)); then
		fail "no title bar above desktop window $1: frame at y=$fy, window at y=$wy"
	fi
	desk xdotool mousemove --sync $(($(desk_field "$1" x) + $(desk_field "$1" w) / 2)) $(((fy + wy) / 2)) click 1
}

# desk_choose DESKID DOMAIN ID: the user clicks the title bar of desktop
# window DESKID (desk_click_title); wait until the daemon gives guest window
# DOMAIN/ID the focus.
desk_choose() {
	local deadline=$((SECONDS + VT_TIMEOUT)) l
	desk_click_title "$1"
	while :; do
		l=$(focused_line)
		[[ $l == "$2 $3 "* ]] && break
		((SECONDS < deadline)) || fail "the user clicked the title bar of desktop window $1, but the daemon's focus is '${l:-none}', not $2/$3"
		sleep 0.05
	done
}

# start_sway VAR: sway on a headless output (1024x768, no input devices,
# software rendering) with Xwayland, whose DISPLAY goes into VAR once it
# answers. sway refuses to run as root: it runs as the system user
# vitrine-test (created if missing: needs root), with its own
# XDG_RUNTIME_DIR and a configuration that starts nothing but lets root's X
# clients in (xhost +si:localuser:root) and writes Xwayland's DISPLAY.
start_sway() {
	local dir=$T/sway user=vitrine-test deadline
	id -u "$user" >/dev/null 2>&1 ||
		useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$user" ||
		fail "cannot create the user $user to run sway"
	mkdir -p "$dir/run"
	chown "$user" "$dir" "$dir/run"
	chmod 700 "$dir/run"
	cat >"$dir/config" <<CFG
xwayland force
output HEADLESS-1 resolution 1024x768
exec sh -c 'xhost +si:localuser:root >$dir/xhost.log 2>&1; echo "\$DISPLAY" >$dir/display.new; mv $dir/display.new $dir/display'
CFG
	bg sway "$T/sway.log" runuser -u "$user" -- env -i PATH=/usr/bin:/bin HOME="$dir" \
		XDG_RUNTIME_DIR="$dir/run" WLR_BACKENDS=headless WLR_LIBINPUT_NO_DEVICES=1 \
		WLR_RENDERER=pixman sway -c "$dir/config"
	deadline=$((SECONDS + VT_TIMEOUT))
	until [[ -s $dir/display ]] && grep -q root "$dir/xhost.log" 2>/dev/null; do
		alive "$VT_LAST_PID" || fail "sway exited (log $T/sway.log: $(tail -n 3 "$T/sway.log"))"
		((SECONDS < deadline)) || fail "sway gave no Xwayland display after ${VT_TIMEOUT}s (log $T/sway.log)"
		sleep 0.05
	done
	printf -v "$1" '%s' "$(cat "$dir/display")"
	wait_xdpyinfo "${!1}" || fail "Xwayland ${!1} of sway does not answer"
	say "sway (headless) as $user, Xwayland ${!1} (log $T/sway.log)"
}

# desk_work_untrusted work|both: a 1024x768 desktop (DESK) under openbox
# with its click-to-focus binding, the x11 daemon with domains work (blue)
# and untrusted (red), and work's agent on DW; with both, untrusted's agent
# on DU too.
desk_work_untrusted() {
	start_xvfb DESK 1024x768
	start_openbox "$DESK" click
	start_daemon_x11 "$DESK" --domain work,label=blue --domain untrusted,label=red
	start_xvfb DW 1024x768
	[[ $1 != both ]] || start_xvfb DU 1024x768
	start_agent work "$DW"
	[[ $1 != both ]] || start_agent untrusted "$DU"
}

# desk_two_terms: desk_work_untrusted with both domains' X servers, a real
# xterm in each (cat_term work, cat_term untrusted), their desktop windows
# in DWK and DUT, both older than the click guard's 0.5 s.
desk_two_terms() {
	desk_work_untrusted both
	cat_term work "$DW" 50x8+40+60
	cat_term untrusted "$DU" 50x8+500+400
	wait_desk_id DWK work work
	wait_desk_id DUT untrusted untrusted
	sleep 0.6
}

# cat_term NAME DISPLAY GEOMETRY: a real xterm titled NAME running cat into
# $T/NAME.typed: what reaches it lands there at each Return.
cat_term() {
	: >"$T/$1.typed"
	bg "xterm-$1" "$T/xterm-$1.log" env DISPLAY="$2" xterm -geometry "$3" -title "$1" \
		-e sh -c "exec cat >$T/$1.typed"
}

# type_to TEXT NAME OTHER WHAT: the user types TEXT and Return on the
# desktop; it must reach cat_term NAME, and not OTHER.
type_to() {
	desk xdotool type --delay 20 "$1"
	desk xdotool key Return
	wait_lines "$T/$2.typed" "$1" 1 "$4"
	! grep -qs "$1" "$T/$3.typed" || fail "$4: '$1' reached $3 too"
	check "$4: '$1' reached $2's xterm, not $3's"
}

# desk_click ID DX DY: the user clicks (button 1) at desktop window ID's
# corner + DX,DY.
desk_click() {
	local l x y
	desk_line_to l "$1"
	[[ -n $l ]] || fail "desktop window $1 is gone"
	field_to x "$l" x
	field_to y "$l" y
	desk xdotool mousemove --sync $((x + $2)) $((y + $3)) click 1
}

# wait_desk_focus ID WHAT: until the desktop's focus is on desktop window ID
# (the window manager gave it).
wait_desk_focus() {
	local deadline=$((SECONDS + VT_TIMEOUT))
	until [[ $(desk xdotool getwindowfocus 2>/dev/null) == "$1" ]]; do
		((SECONDS < deadline)) || fail "$2: the desktop's focus is $(desk xdotool getwindowfocus 2>&1), not $1"
		sleep 0.05
	done
}

# stacking: the desktop's client windows, bottom to top, in decimal.
stacking() {
	local l
	l=$(desk xprop -root _NET_CLIENT_LIST_STACKING)
	l=${l#*# }
	for w in ${l//,/ }; do printf '%d ' "$w"; done
}

# below LOWER UPPER: desktop window LOWER is below UPPER in openbox's
# stacking order (both in it).
below() {
	local s rest
	s=" $(stacking)"
	[[ $s == *" $1 "* && $s == *" $2 "* ]] || return 1
	rest=" ${s#*" $1 "}"
	[[ $rest == *" $2 "* ]]
}

# wait_below LOWER UPPER WHAT: until LOWER is below UPPER.
wait_below() {
	local deadline=$((SECONDS + VT_TIMEOUT))
	until below "$1" "$2"; do
		((SECONDS < deadline)) || fail "$3: _NET_CLIENT_LIST_STACKING (bottom to top) is $(stacking), $1 is not below $2"
		sleep 0.05
	done
}
