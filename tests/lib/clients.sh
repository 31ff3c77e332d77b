# shellcheck shell=bash
#
# tests/lib/clients.sh: the test clients in a domain: vt-pattern (start_pattern,
# pat), vt-rogue (start_rogue, rogue), vt-keylog and vt-input (what a
# domain's X server received: keylog, keylog_mark, start_input).

declare -A PAT_ID # vt-pattern or vt-input name -> X window id (decimal)

# it printed its window id (mapped and drawn), stored in PAT_ID[NAME].
start_pattern() {
	local name=$1 disp=$2 line
	shift 2
	start_co "$name" "$T/$name.log" env DISPLAY="$disp" "$VT_BIN/tests/vt-pattern" "$@"
	co_read "$name" line
	[[ $line =~ ^window\ ([0-9]+)$ ]] || fail "vt-pattern $name said '$line', not 'window ID'"
	PAT_ID[$name]=${BASH_REMATCH[1]}
	say "vt-pattern $name ($*) on $disp: window ${PAT_ID[$name]}"
}

# pat NAME COMMAND...: send a command to vt-pattern NAME and expect ok.
pat() {
	local name=$1 line
	shift
	co_send "$name" "$*"
	co_read "$name" line
	[[ $line == ok ]] || fail "vt-pattern $name: '$*' answered '$line'"
}

# domain must have no agent); returns after the handshake. rogue NAME CMD:
# send it one command and expect `sent`.
start_rogue() {
	local line
	start_co "$1" "$T/$1.log" "$PYTHON" -S "$VT_CLIENTS/vt-rogue.py" "$RUN/domain-$2.sock"
	co_read "$1" line
	[[ $line == welcome ]] || fail "vt-rogue $1 on $2 said '$line', not 'welcome'"
	wait_connected "$2" 1
	say "vt-rogue $1 connected as domain $2 (log $T/$1.log)"
}
rogue() {
	local name=$1 line
	shift
	co_send "$name" "$*"
	co_read "$name" line
	[[ $line == sent ]] || fail "vt-rogue $name: '$*' answered '$line'"
}

# hex TEXT: TEXT's bytes in hex (for `rogue NAME title ID HEX`).
hex() { printf '%s' "$1" | od -An -v -tx1 | tr -d ' \n'; }

# ---------------------------------------------------------------- input
#
# What a domain's X server received, seen from inside it: tests/vt-keylog
# logs every key, button and motion that its input devices produced (XInput2
# raw events on the root, whatever the focus), tests/vt-input logs what one
# window got, window-relative. A domain's agent handles the daemon's messages
# in order and its X server handles the agent's requests in order, so a
# marker event seen in a log proves that everything sent to that domain
# before the marker is in the log above it.

# start_keylog NAME DISPLAY: vt-keylog on DISPLAY into $T/keylog-NAME.txt;
# returns once its selection is in place.
start_keylog() {
	local name=$1 f=$T/keylog-$1.txt deadline=$((SECONDS + VT_TIMEOUT))
	bg "keylog $name" "$f" env DISPLAY="$2" "$VT_BIN/tests/vt-keylog"
	until grep -qx ready "$f" 2>/dev/null; do
		alive "$VT_LAST_PID" || fail "vt-keylog on $2 exited: $(cat "$f")"
		((SECONDS < deadline)) || fail "vt-keylog on $2 is not ready after ${VT_TIMEOUT}s"
		sleep 0.05
	done
	say "vt-keylog $name on $2 (log $f)"
}

# keylog NAME: its lines so far (without `ready`).
keylog() { grep -vx ready "$T/keylog-$1.txt" || true; }
# keylog_keys NAME: only the `key press|release N` lines.
keylog_keys() { keylog "$1" | grep '^key ' || true; }

# release is the next line.
keylog_mark() {
	local n
	keylog_mark_to n "$@"
	echo "$n"
}
# keylog_mark_to VAR NAME KEYSYM: the same, the line number into VAR.
keylog_mark_to() {
	local _km_name=$2 _km_sym=$3 _km_f=$T/keylog-$2.txt _km_kc _km_before _km_n=0 _km_r=0 _km_l _km_prev='' _km_
	keycode_to _km_kc "$_km_sym"
	count_to _km_before "$_km_f" "^key release $_km_kc\$"
	ctl_to _km_ key "$_km_sym" tap
	wait_lines "$_km_f" "key release $_km_kc" $((_km_before + 1)) "marker $_km_sym in domain $_km_name"
	# the line numbers of `keylog` (without `ready`)
	while IFS= read -r _km_l; do
		[[ $_km_l == ready ]] && continue
		_km_n=$((_km_n + 1))
		if [[ $_km_l == "key release $_km_kc" ]]; then
			_km_r=$((_km_r + 1))
			((_km_r == _km_before + 1)) && break
		fi
		_km_prev=$_km_l
	done <"$_km_f"
	[[ $_km_prev == "key press $_km_kc" ]] ||
		fail "marker $_km_sym in domain $_km_name: its release is not right after its press: $(keylog "$_km_name" | tail -n 5 | tr '\n' ',')"
	printf -v "$1" '%s' $((_km_n - 1))
}

# keylog_range NAME FROM TO: lines FROM..TO (1-based, inclusive; empty when
# TO < FROM) of NAME's key log.
keylog_range() {
	(($3 >= $2)) || return 0
	keylog "$1" | sed -n "$2,$3p"
}

# keys_in NAME FROM TO: the `key ...` lines of keylog_range NAME FROM TO.
keys_in() { keylog_range "$1" "$2" "$3" | grep '^key ' || true; }

# keycode_of KEYSYM: its keycode in the domains' (and the daemon's default)
# us keymap, from xkbcommon's evdev keycodes as Xvfb uses them.
keycode_of() {
	local k
	keycode_to k "$1"
	echo "$k"
}
keycode_to() { # VAR KEYSYM
	local _kc
	case $2 in
	Shift_L) _kc=50 ;; Shift_R) _kc=62 ;; Control_L) _kc=37 ;; Control_R) _kc=105 ;;
	Alt_L) _kc=64 ;; Super_L) _kc=133 ;; Escape) _kc=9 ;; Tab) _kc=23 ;; Return) _kc=36 ;;
	a) _kc=38 ;; c) _kc=54 ;; v) _kc=55 ;; x) _kc=53 ;;
	*) fail "keycode_of: $2 is not in the table" ;;
	esac
	printf -v "$1" '%s' "$_kc"
}

# start_input NAME DISPLAY ARGS...: tests/vt-input logging into
# $T/input-NAME.txt; returns once it printed its window id, in PAT_ID[NAME].
# Its commands (move X Y, take-focus, sync) go through `pat NAME ...`.
start_input() {
	local name=$1 disp=$2 line
	shift 2
	: >"$T/input-$name.txt"
	start_co "$name" "$T/$name.log" env DISPLAY="$disp" "$VT_BIN/tests/vt-input" \
		--log "$T/input-$name.txt" "$@"
	co_read "$name" line
	[[ $line =~ ^window\ ([0-9]+)$ ]] || fail "vt-input $name said '$line', not 'window ID'"
	PAT_ID[$name]=${BASH_REMATCH[1]}
	say "vt-input $name ($*) on $disp: window ${PAT_ID[$name]}"
}

# input_log NAME: what vt-input NAME logged so far.
input_log() { cat "$T/input-$1.txt"; }
# input_since NAME LINE: what it logged after line LINE.
input_since() { tail -n +$(($2 + 1)) "$T/input-$1.txt"; }

# start_gtk NAME DISPLAY TITLE [TYPE [WxH]]: tests/clients/vt-gtk.py (GTK 3, the
# system's python3 with its gi) on DISPLAY; returns once its window is mapped,
# with its X id in GTK_ID[NAME]. gtk NAME CMD: one command, its answer in
# GTK_REPLY.
# shellcheck disable=SC2034 # read by the tests
declare -A GTK_ID=()
# shellcheck disable=SC2034 # read by the tests
GTK_REPLY=
start_gtk() {
	local line
	start_co "$1" "$T/$1.log" env DISPLAY="$2" GDK_BACKEND=x11 NO_AT_BRIDGE=1 /usr/bin/python3 \
		"$VT_CLIENTS/vt-gtk.py" "${@:3}"
	co_read "$1" line
	[[ $line == "ready "* ]] || fail "vt-gtk $1 said '$line', not 'ready XID'"
	# shellcheck disable=SC2034 # read by the tests
	GTK_ID[$1]=${line#ready }
}
gtk() {
	co_send "$1" "$2"
	co_read "$1" GTK_REPLY
}

# start_bus VAR [bare]: a private session bus (dbus-daemon --session) of the
# test; its address in VAR, for DBUS_SESSION_BUS_ADDRESS. bare: one that
# starts no service (no service files: a name nobody owns stays unowned).
start_bus() {
	VT_NBUS=$((${VT_NBUS:-0} + 1))
	local log=$T/bus-$VT_NBUS.log deadline=$((SECONDS + VT_TIMEOUT)) addr='' cfg=--session
	if [[ ${2:-} == bare ]]; then
		cfg=$T/bus-$VT_NBUS.conf
		printf '%s\n' '<busconfig><type>session</type><listen>unix:tmpdir=/tmp</listen>' \
			'<auth>EXTERNAL</auth><policy context="default"><allow send_destination="*"/>' \
			'<allow eavesdrop="true"/><allow own="*"/></policy></busconfig>' >"$cfg"
		cfg=--config-file=$cfg
	fi
	bg "dbus-daemon $VT_NBUS" "$log" dbus-daemon "$cfg" --nofork --print-address=1
	until [[ -n $addr ]]; do
		((SECONDS < deadline)) || fail "dbus-daemon printed no address (log $log)"
		sleep 0.05
		addr=$(head -n 1 "$log")
	done
	printf -v "$1" '%s' "$addr"
}
