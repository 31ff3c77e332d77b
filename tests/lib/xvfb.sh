# shellcheck shell=bash
#
# tests/lib/xvfb.sh: Xvfb servers on free display numbers (start_xvfb, or
# free_display and xvfb_on); what a domain's X server says of its monitors
# and dpi (guest_monitors, wait_guest_monitors, wait_dpi).

VT_NXVFB=0

# start_xvfb VAR [WxH]: start an Xvfb on a free display number and set VAR
# to ":N" once xdpyinfo answers. The number is one with neither a socket in
# /tmp/.X11-unix nor a lock file; Xvfb's own lock file settles any race with
# another test, and then the next number is tried.
start_xvfb() {
	local var=$1 size=${2:-1024x768} n tries
	n=$((20 + (RANDOM + $$) % 400))
	for ((tries = 0; tries < 20; tries++, n++)); do
		n=$(free_display "$n")
		if xvfb_on "$n" "$size"; then
			printf -v "$var" ':%s' "$n"
			return 0
		fi
		say "trying another display"
	done
	fail "cannot start Xvfb"
}

# free_display [N]: the first display number from N (or a random one) with
# neither a socket nor a lock file.
free_display() {
	local n=${1:-$((20 + (RANDOM + $$) % 400))}
	while [[ -e /tmp/.X11-unix/X$n || -e /tmp/.X$n-lock ]]; do
		n=$((n + 1))
	done
	echo "$n"
}

# xvfb_on N [WxH]: start an Xvfb on display :N; false (and it is stopped)
# if it did not start there.
xvfb_on() {
	local n=$1 size=${2:-1024x768} fd line log fifo
	VT_NXVFB=$((VT_NXVFB + 1))
	log=$T/xvfb-$VT_NXVFB.log
	fifo=$T/xvfb-$VT_NXVFB.fifo
	mkfifo "$fifo"
	# -displayfd: Xvfb writes the number there once it accepts clients
	setsid Xvfb ":$n" -displayfd 3 -nolisten tcp -noreset \
		-screen 0 "${size}x24" 3>"$fifo" </dev/null >"$log" 2>&1 &
	track $! "Xvfb :$n"
	exec {fd}<"$fifo"
	line=
	read -r -t "$VT_TIMEOUT" -u "$fd" line || true
	exec {fd}<&-
	rm -f "$fifo"
	if [[ $line == "$n" ]] && wait_xdpyinfo ":$n"; then
		say "Xvfb :$n (${size}) started, log $log"
		return 0
	fi
	stop_pid "$VT_LAST_PID" || true
	say "Xvfb :$n did not start (see $log)"
	return 1
}

wait_xdpyinfo() {
	local deadline=$((SECONDS + VT_TIMEOUT))
	until xdpyinfo -display "$1" >/dev/null 2>&1; do
		((SECONDS < deadline)) || return 1
		sleep 0.05
	done
}

# guest_monitors DISPLAY: the monitors of that (a domain's) X server as
# "WxH+X+Y ..." (xrandr's "W/MMxH/MM+X+Y" without the millimetres).
guest_monitors() {
	DISPLAY=$1 xrandr --listmonitors | sed -n 's|^ *[0-9]*: [^ ]* \([0-9]*\)/[0-9]*x\([0-9]*\)/[0-9]*\(+[0-9]*+[0-9]*\).*|\1x\2\3|p' | tr '\n' ' '
}

# wait_guest_monitors DISPLAY WANT WHAT: until guest_monitors is WANT.
wait_guest_monitors() {
	local deadline=$((SECONDS + VT_TIMEOUT)) got
	while :; do
		got=$(guest_monitors "$1")
		[[ $got == "$2" ]] && break
		((SECONDS < deadline)) || fail "$3: the domain's monitors are '$got', not '$2' ($(DISPLAY=$1 xrandr --listmonitors))"
		sleep 0.05
	done
	check "$3: the domain's xrandr --listmonitors: $got"
}

# wait_dpi DISPLAY DPI [xsettings]: until the Xft.dpi of that X server's
# resources (xrdb) is DPI; with xsettings, its XSETTINGS' Xft/DPI too (DPI x
# 1024, as vt-xsettings reads it, as GTK does).
wait_dpi() {
	local deadline=$((SECONDS + VT_TIMEOUT)) got xs='' want='' also=''
	while :; do
		got=$(DISPLAY=$1 xrdb -query | sed -n 's/^Xft.dpi:[[:space:]]*//p')
		if [[ ${3:-} == xsettings ]]; then
			xs=$(DISPLAY=$1 "$VT_BIN/tests/vt-xsettings" | sed -n 's|^Xft/DPI ||p' || true)
			want=$(($2 * 1024))
			also="; its XSETTINGS' Xft/DPI '$xs', not $want"
		fi
		[[ $got == "$2" && $xs == "$want" ]] && break
		((SECONDS < deadline)) || fail "the domain's Xft.dpi is '$got', not $2$also"
		sleep 0.05
	done
}

# win_geom DOMAIN ID: "x=X y=Y w=W h=H" of that window in `vitrinectl windows`.
win_geom() {
	local l g='' k v
	l=$(win_lines | grep "^$1 $2 ")
	for k in x y w h; do
		field_to v "$l" "$k"
		g+="$k=$v "
	done
	printf '%s\n' "${g% }"
}

# scale_to DW PERCENT DOMAIN ID: `set-scale PERCENT`, then until the domain's
# Xft.dpi follows and, at 200, its GTK window ID has grown past 1000 px wide.
scale_to() {
	ctl set-scale "$2%" >/dev/null
	wait_dpi "$1" $(($2 * 96 / 100)) xsettings
	((${2} == 200)) || return 0
	local deadline=$((SECONDS + VT_TIMEOUT)) w
	until w=$(win_field_id "$3" "$4" w) && ((w > 1000)); do
		((SECONDS < deadline)) || fail "GTK window $3/$4 did not grow at scale 2: $(win_geom "$3" "$4")"
		sleep 0.1
	done
	sleep 0.5 # its own resizes have come
}

# start_yad_home DW: a yad (GTK) window "vt-home", 700x420 at +300+200, in
# the domain "work" on DW, after the domain's DPI settled; its id in $id.
start_yad_home() {
	wait_dpi "$1" 96 xsettings
	bg yad "$T/yad.log" env DISPLAY="$1" GDK_BACKEND=x11 NO_AT_BRIDGE=1 yad --title vt-home \
		--text "Back home" --no-buttons --geometry=700x420+300+200
	ctl wait-window work vt-home >/dev/null
	# shellcheck disable=SC2034 # the caller's
	id=$(win_lines | sed -n 's/^work \([0-9]*\) .*title="vt-home".*/\1/p' | head -n 1)
}

# scale_round_trips DW DOMAIN ID: twice `set-scale 2` and `set-scale 1`:
# fails unless the GTK window ID is back where and as large as it was.
scale_round_trips() {
	local home at2 round
	home=$(win_geom "$2" "$3")
	for round in 1 2; do
		scale_to "$1" 200 "$2" "$3"
		at2=$(win_geom "$2" "$3")
		scale_to "$1" 100 "$2" "$3"
		# shellcheck disable=SC2086 # the fields, one word each
		wait_win "$2" "$3" $home
		sleep 1 # GTK's own resizes have come by now
		[[ $(win_geom "$2" "$3") == "$home" ]] || fail "round $round: back at scale 1, the window is at $(win_geom "$2" "$3"), not $home"
		check "round $round: set-scale 2 ($at2), then 1: the GTK window is back at $home"
	done
}
