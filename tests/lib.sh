# shellcheck shell=bash
#
# tests/lib.sh: sourced by every tests/integ/*.sh.
#
# Gives a test: strict mode; a directory tests/out/NAME (NAME-asan under
# build-asan) for logs, shots and the daemon's runtime dir, removed when the
# test passes and kept when it fails; helpers that start Xvfb servers, the
# daemon, agents and test clients and remember every PID; helpers that ask
# the daemon (vitrinectl) and look at screenshots (pngpix, pngcmp); a trap
# that kills, by PID, everything the test started.
#
# VITRINE_BUILD selects the programs: build (default) or build-asan.
#
# Waiting is always done by asking: vitrinectl wait-* with --timeout,
# xdpyinfo, a line from a client. Short polling loops with a deadline are used
# only where nothing can be asked (a socket appearing, a log line, a geometry
# change that has no wait command).

set -euo pipefail
shopt -s inherit_errexit 2>/dev/null || true

VT_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TEST_NAME=${TEST_NAME:-$(basename "$0" .sh)}
VITRINE_BUILD=${VITRINE_BUILD:-build}
case $VITRINE_BUILD in
/*) VT_BIN=$VITRINE_BUILD ;;
*) VT_BIN=$VT_ROOT/$VITRINE_BUILD ;;
esac
VT_SUFFIX=
[[ $VITRINE_BUILD == *asan* ]] && VT_SUFFIX=-asan
T=$VT_ROOT/tests/out/$TEST_NAME$VT_SUFFIX
# shellcheck disable=SC2034 # used by the tests
VT_CLIENTS=$VT_ROOT/tests/clients

# Sanitizers: any report fails the program (run-all sets the same).
export ASAN_OPTIONS=${ASAN_OPTIONS:-halt_on_error=1:detect_leaks=1:abort_on_error=0:exitcode=66}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$VT_ROOT/tests/lsan.supp:print_suppressions=0}

# Deadlines, in seconds; longer under the sanitizers.
VT_TIMEOUT=${VT_TIMEOUT:-10}
[[ -n $VT_SUFFIX ]] && VT_TIMEOUT=$((VT_TIMEOUT * 2))

rm -rf "$T"
mkdir -p "$T"
# Unix socket paths are limited to 108 bytes: keep the runtime dir short.
if ((${#T} > 60)); then
	RUN=$(mktemp -d /tmp/vitrine-test.XXXXXX)
	VT_RUN_TMP=1
else
	RUN=$T/run
	VT_RUN_TMP=0
fi
CONTROL=$RUN/control.sock

VT_PIDS=()             # process group leaders we started, in order
declare -A VT_PNAME    # pid -> name for messages
declare -A VT_AGENT    # domain -> agent pid
declare -A CO_IN CO_OUT CO_PID # coprocess name -> fds, pid
declare -A PAT_ID      # vt-pattern name -> X window id (decimal)
VT_DAEMON_PID=
VT_DAEMON_LOG=$T/daemon.log
VT_NXVFB=0
VT_FAILED=0

# ---------------------------------------------------------------- messages

say() { printf '[%s] %s\n' "$TEST_NAME$VT_SUFFIX" "$*"; }
check() { printf '[%s] check: %s\n' "$TEST_NAME$VT_SUFFIX" "$*"; }

# fail MESSAGE: print it with what can explain it, then exit 1 (the trap
# cleans up and keeps the test dir).
fail() {
	VT_FAILED=1
	printf '[%s] FAIL: %s\n' "$TEST_NAME$VT_SUFFIX" "$*" >&2
	if [[ -n $VT_DAEMON_PID ]] && ! kill -0 "$VT_DAEMON_PID" 2>/dev/null; then
		printf '[%s] the daemon is not running any more; end of %s:\n' \
			"$TEST_NAME$VT_SUFFIX" "$VT_DAEMON_LOG" >&2
		tail -n 30 "$VT_DAEMON_LOG" >&2 || true
	fi
	printf '[%s] logs and shots kept in %s\n' "$TEST_NAME$VT_SUFFIX" "$T" >&2
	exit 1
}

# ---------------------------------------------------------------- processes

# bg NAME LOG CMD...: start CMD in its own session (so that it and its
# children can be killed as a group by its PID), stdout+stderr to LOG.
# Sets VT_LAST_PID.
bg() {
	local name=$1 log=$2
	shift 2
	# the child must not hold our coprocess fifos open (their EOF would
	# never come): close them in it before it runs
	(
		for fd in "${CO_IN[@]}" "${CO_OUT[@]}"; do
			eval "exec $fd>&-"
		done
		exec setsid "$@"
	) </dev/null >"$log" 2>&1 &
	track $! "$name"
}

track() {
	VT_LAST_PID=$1
	VT_PIDS+=("$1")
	VT_PNAME[$1]=$2
	[[ -n ${VT_PIDFILE:-} ]] && echo "$1" >>"$VT_PIDFILE"
	return 0
}

alive() { kill -0 "$1" 2>/dev/null; }

# stop_pid PID [SIGNAL]: signal the process group, wait for it (bounded),
# then SIGKILL. Returns the exit status when it was our child and ended.
stop_pid() {
	local pid=$1 sig=${2:-TERM} i
	kill -"$sig" -- -"$pid" 2>/dev/null || kill -"$sig" "$pid" 2>/dev/null || true
	for ((i = 0; i < 100; i++)); do
		alive "$pid" || break
		sleep 0.05
	done
	if alive "$pid"; then
		say "${VT_PNAME[$pid]:-$pid} did not stop on SIG$sig; killing it"
		kill -KILL -- -"$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
	fi
	local rc=0
	wait "$pid" 2>/dev/null || rc=$?
	# children left in its group (xterm's shell, ...)
	kill -KILL -- -"$pid" 2>/dev/null || true
	return $rc
}

cleanup() {
	local rc=$?
	set +e
	trap - EXIT INT TERM
	local i pid
	for ((i = ${#VT_PIDS[@]} - 1; i >= 0; i--)); do
		pid=${VT_PIDS[i]}
		kill -TERM -- -"$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
	done
	for pid in "${VT_PIDS[@]}"; do
		for ((i = 0; i < 60; i++)); do
			alive "$pid" || break
			sleep 0.05
		done
		kill -KILL -- -"$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null
	done
	wait 2>/dev/null
	rm -f "$T"/*.fifo
	if ((VT_RUN_TMP)); then
		rm -rf "$RUN"
	else
		rm -f "$RUN"/*.sock
	fi
	((VT_FAILED)) && ((rc == 0)) && rc=1
	if ((rc == 0)) && [[ -z ${VT_KEEP:-} ]]; then
		rm -rf "$T"
	fi
	exit $rc
}
trap cleanup EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

# ---------------------------------------------------------------- Xvfb

# start_xvfb VAR [WxH]: start an Xvfb on a free display number and set VAR
# to ":N" once xdpyinfo answers. The number is one with neither a socket in
# /tmp/.X11-unix nor a lock file; Xvfb's own lock file settles any race with
# another test, and then the next number is tried.
start_xvfb() {
	local var=$1 size=${2:-1024x768} n tries fd line log fifo
	n=$((20 + (RANDOM + $$) % 400))
	for ((tries = 0; tries < 20; tries++, n++)); do
		while [[ -e /tmp/.X11-unix/X$n || -e /tmp/.X$n-lock ]]; do
			n=$((n + 1))
		done
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
			printf -v "$var" ':%s' "$n"
			say "Xvfb :$n (${size}) started, log $log"
			return 0
		fi
		stop_pid "$VT_LAST_PID" || true
		say "Xvfb :$n did not start (see $log); trying another display"
	done
	fail "cannot start Xvfb"
}

wait_xdpyinfo() {
	local deadline=$((SECONDS + VT_TIMEOUT))
	until xdpyinfo -display "$1" >/dev/null 2>&1; do
		((SECONDS < deadline)) || return 1
		sleep 0.05
	done
}

# ---------------------------------------------------------------- daemon

# ctl ARGS...: vitrinectl on this test's control socket; fails the test when
# it does not answer ok. ctl_try: the same, returning its status.
ctl_try() { "$VT_BIN/vitrinectl" --socket "$CONTROL" "$@"; }
ctl() {
	local out rc=0
	out=$("$VT_BIN/vitrinectl" --socket "$CONTROL" "$@" 2>&1) || rc=$?
	if ((rc)); then
		fail "vitrinectl $* failed ($rc): $out"
	fi
	printf '%s\n' "$out"
}

# start_daemon ARGS...: the headless daemon with its runtime dir in the test
# dir; returns once the control socket answers `domains`.
start_daemon() {
	bg daemon "$VT_DAEMON_LOG" "$VT_BIN/vitrine-daemon" --backend headless \
		--runtime-dir "$RUN" --verbose "$@"
	VT_DAEMON_PID=$VT_LAST_PID
	local deadline=$((SECONDS + VT_TIMEOUT))
	until ctl_try --timeout 2 domains >/dev/null 2>&1; do
		alive "$VT_DAEMON_PID" || fail "vitrine-daemon exited at start"
		((SECONDS < deadline)) || fail "vitrine-daemon's control socket does not answer"
		sleep 0.05
	done
	say "daemon started: $* (log $VT_DAEMON_LOG)"
}

# stop_daemon: SIGTERM, which the daemon handles with a clean exit (status 0,
# sockets removed). Under ASan this is also where leaks are reported.
stop_daemon() {
	[[ -n $VT_DAEMON_PID ]] || return 0
	local rc=0
	stop_pid "$VT_DAEMON_PID" TERM || rc=$?
	VT_DAEMON_PID=
	((rc == 0)) || fail "vitrine-daemon exited with status $rc on SIGTERM (log $VT_DAEMON_LOG)"
	[[ ! -e $CONTROL ]] || fail "vitrine-daemon left $CONTROL behind"
	check "daemon exited cleanly on SIGTERM and removed its control socket"
}

# domain_field DOMAIN FIELD: a key=value field of `vitrinectl domains`.
domain_field() {
	local line
	line=$(ctl domains | awk -v d="$1" '$1 == d')
	[[ -n $line ]] || fail "domain $1 not in vitrinectl domains"
	field_of "$line" "$2"
}

# wait_connected DOMAIN [0|1]: poll `domains` (no wait command exists).
wait_connected() {
	local want=${2:-1} deadline=$((SECONDS + VT_TIMEOUT))
	until [[ $(domain_field "$1" connected) == "$want" ]]; do
		((SECONDS < deadline)) || fail "domain $1 is not connected=$want after ${VT_TIMEOUT}s"
		sleep 0.05
	done
}

# ---------------------------------------------------------------- agents

# start_agent DOMAIN DISPLAY: a real agent for DOMAIN's X server; returns
# once the daemon lists the domain as connected.
start_agent() {
	local dom=$1 disp=$2
	bg "agent $dom" "$T/agent-$dom.log" env DISPLAY="$disp" \
		VITRINE_SOCKET="$RUN/domain-$dom.sock" "$VT_BIN/vitrine-agent"
	VT_AGENT[$dom]=$VT_LAST_PID
	wait_connected "$dom" 1
	say "agent for $dom on $disp connected (log $T/agent-$dom.log)"
}

kill_agent() { # DOMAIN [SIGNAL]
	stop_pid "${VT_AGENT[$1]}" "${2:-TERM}" || true
	unset "VT_AGENT[$1]"
	return 0
}

# ---------------------------------------------------------------- clients

# start_co NAME LOG CMD...: start CMD with stdin and stdout on fifos, so the
# test can send it lines and read its answers (co_send, co_read).
start_co() {
	local name=$1 log=$2 in out
	shift 2
	in=$T/co-$name-in.fifo
	out=$T/co-$name-out.fifo
	rm -f "$in" "$out"
	mkfifo "$in" "$out"
	setsid "$@" <"$in" >"$out" 2>"$log" &
	track $! "$name"
	CO_PID[$name]=$VT_LAST_PID
	local wfd rfd
	exec {wfd}>"$in"
	exec {rfd}<"$out"
	CO_IN[$name]=$wfd
	CO_OUT[$name]=$rfd
}

# co_read NAME VAR [TIMEOUT]: one line of its output into VAR.
co_read() {
	local _co_line
	if ! read -r -t "${3:-$VT_TIMEOUT}" -u "${CO_OUT[$1]}" _co_line; then
		alive "${CO_PID[$1]}" || fail "$1 exited (log $T/$1.log: $(tail -n 3 "$T/$1.log" 2>/dev/null))"
		fail "no answer from $1 within ${3:-$VT_TIMEOUT}s"
	fi
	printf -v "$2" '%s' "$_co_line"
}

# co_send NAME LINE: a subshell takes the SIGPIPE if it died.
co_send() {
	(printf '%s\n' "$2" >&"${CO_IN[$1]}") 2>/dev/null ||
		fail "cannot write to $1 (exited?)"
}

# co_close NAME: close its stdin (EOF) and output.
co_close() {
	local wfd=${CO_IN[$1]} rfd=${CO_OUT[$1]}
	# a group: its 2>/dev/null ends with it (on a bare exec it would stay)
	{ exec {wfd}>&- {rfd}<&-; } 2>/dev/null || true
}

# start_pattern NAME DISPLAY ARGS...: vt-pattern on DISPLAY; returns once
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

# ---------------------------------------------------------------- windows

# field_of LINE FIELD: FIELD of a `windows` or `domains` line: domain, id,
# title, or any key=value key (looked up before the title only).
field_of() {
	local line=$1 f=$2 head
	case $f in
	domain) printf '%s\n' "${line%% *}" ;;
	id) head=${line#* } && printf '%s\n' "${head%% *}" ;;
	title)
		[[ $line == *' title="'* ]] || return 1
		head=${line#*' title="'}
		printf '%s\n' "${head%\"}"
		;;
	*)
		head=" ${line%%' title="'*} "
		[[ $head =~ \ $f=([^ ]*)\  ]] || return 1
		printf '%s\n' "${BASH_REMATCH[1]}"
		;;
	esac
}

# win_line DOMAIN TITLE / win_line_id DOMAIN ID: the `windows` line of that
# window (the first match), or nothing.
win_lines() { ctl windows | grep -v '^ok$' || true; }
win_line() {
	local l
	while IFS= read -r l; do
		[[ $(field_of "$l" domain) == "$1" && $(field_of "$l" title) == "$2" ]] &&
			{ printf '%s\n' "$l"; return 0; }
	done < <(win_lines)
	return 0
}
win_line_id() {
	local l
	while IFS= read -r l; do
		[[ $(field_of "$l" domain) == "$1" && $(field_of "$l" id) == "$2" ]] &&
			{ printf '%s\n' "$l"; return 0; }
	done < <(win_lines)
	return 0
}

# win_field DOMAIN TITLE FIELD / win_field_id DOMAIN ID FIELD
win_field() {
	local l
	l=$(win_line "$1" "$2")
	[[ -n $l ]] || fail "no window titled '$2' of domain $1 in vitrinectl windows"
	field_of "$l" "$3"
}
win_field_id() {
	local l
	l=$(win_line_id "$1" "$2")
	[[ -n $l ]] || fail "no window $2 of domain $1 in vitrinectl windows"
	field_of "$l" "$3"
}

# wait_win DOMAIN ID KEY=VALUE...|gone: poll `windows` until the window has
# all those fields (or is gone). There is no wait command for geometry.
wait_win() {
	local dom=$1 id=$2 deadline=$((SECONDS + VT_TIMEOUT)) l kv ok
	shift 2
	while :; do
		l=$(win_line_id "$dom" "$id")
		ok=1
		if [[ $1 == gone ]]; then
			[[ -z $l ]] || ok=0
		elif [[ -z $l ]]; then
			ok=0
		else
			for kv in "$@"; do
				[[ $(field_of "$l" "${kv%%=*}" || true) == "${kv#*=}" ]] || ok=0
			done
		fi
		((ok)) && return 0
		((SECONDS < deadline)) || fail "window $dom/$id: wanted '$*' for ${VT_TIMEOUT}s; last: '${l:-no such window}'"
		sleep 0.05
	done
}

wait_pixels() { ctl --timeout "$VT_TIMEOUT" wait-pixels "$1" "$2" >/dev/null; }
wait_gone() { ctl --timeout "$VT_TIMEOUT" wait-gone "$1" >/dev/null; }
wait_damage() { ctl --timeout "${4:-$VT_TIMEOUT}" wait-damage "$1" "$2" "$3" >/dev/null; }

# ---------------------------------------------------------------- pixels

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
# bar rows included: the title text stays off the side borders).
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
	B=$VT_GEOM_B TB=$VT_GEOM_T
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

# ---------------------------------------------------------------- logs

# assert_log LOG REGEX: LOG gets a line matching REGEX (extended) within the
# deadline (the daemon may write it just after closing the connection).
assert_log() {
	local deadline=$((SECONDS + VT_TIMEOUT))
	until grep -Eq -- "$2" "$1"; do
		((SECONDS < deadline)) || {
			tail -n 20 "$1" >&2 || true
			fail "no line matching /$2/ in $1"
		}
		sleep 0.05
	done
	check "log $(basename "$1") has: $(grep -E -m1 -- "$2" "$1")"
}

count_log() { grep -Ec -- "$2" "$1" || true; }

# sanitizer_check: no ASan/UBSan/LSan report in any log of this test.
sanitizer_check() {
	local f
	f=$(grep -lE 'ERROR: (Address|Leak)Sanitizer|runtime error:|SUMMARY: (Address|Undefined)' \
		"$T"/*.log 2>/dev/null || true)
	[[ -z $f ]] || fail "sanitizer report in: $f"
}

# finish: stop agents and the daemon gracefully and check that they ended
# cleanly, then report success. Call at the end of every test.
finish() {
	local d
	for d in "${!VT_AGENT[@]}"; do
		kill_agent "$d"
	done
	stop_daemon
	sanitizer_check
	say "PASS"
}

# ---------------------------------------------------------------- desktop (x11 backend)
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

# start_openbox DESKTOP: openbox on DESKTOP (sets VT_DESK) with a minimal
# configuration (one desktop, no margins, no animation, title layout "LIMC");
# returns once it manages the screen (_NET_SUPPORTING_WM_CHECK on the root
# names a window whose _NET_WM_NAME is Openbox).
start_openbox() {
	local cfg=$T/openbox-rc.xml deadline
	VT_DESK=$1
	cat >"$cfg" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<openbox_config xmlns="http://openbox.org/3.4/rc">
  <focus><focusNew>yes</focusNew><followMouse>no</followMouse></focus>
  <placement><policy>Smart</policy><center>no</center></placement>
  <theme>
    <name>Clearlooks</name><titleLayout>LIMC</titleLayout>
    <keepBorder>yes</keepBorder><animateIconify>no</animateIconify>
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
	say "openbox manages $VT_DESK (log $T/openbox.log)"
}

# desk_list: `vt-desk list` on the desktop: the daemon's windows, one a line:
# ID vm=NAME x= y= w= h= or=0|1 mapped=0|1 top=ID title="..."
desk_list() { desk "$VT_BIN/tests/vt-desk" list; }

# desk_line_title DOMAIN TITLE: the line of the desktop window titled exactly
# "[DOMAIN] TITLE" (the first), or nothing.
desk_line_title() {
	local want="[$1] $2" l
	while IFS= read -r l; do
		[[ $(field_of "$l" title) == "$want" ]] && { printf '%s\n' "$l"; return 0; }
	done < <(desk_list)
	return 0
}

# desk_line ID: the line of desktop window ID, or nothing.
desk_line() { desk_list | awk -v id="$1" '$1 == id' | head -n 1; }

# wait_desk_id VAR DOMAIN TITLE: wait until a mapped desktop window is titled
# "[DOMAIN] TITLE"; its id into VAR.
wait_desk_id() {
	local deadline=$((SECONDS + VT_TIMEOUT)) l
	while :; do
		l=$(desk_line_title "$2" "$3")
		[[ -n $l && $(field_of "$l" mapped) == 1 ]] && break
		((SECONDS < deadline)) || fail "no mapped desktop window titled '[$2] $3' after ${VT_TIMEOUT}s: $(desk_list)"
		sleep 0.05
	done
	printf -v "$1" '%s' "${l%% *}"
}

# desk_field ID FIELD: a field of desktop window ID's line (title or a
# key=value key; the id is the line's first word); fails when it is gone.
desk_field() {
	local l
	l=$(desk_line "$1")
	[[ -n $l ]] || fail "desktop window $1 is gone: $(desk_list)"
	field_of "$l" "$2"
}

# wait_desk ID KEY=VALUE...: poll vt-desk list until desktop window ID has
# all those fields.
wait_desk() {
	local id=$1 deadline=$((SECONDS + VT_TIMEOUT)) l kv ok
	shift
	while :; do
		l=$(desk_line "$id")
		ok=0
		if [[ -n $l ]]; then
			ok=1
			for kv in "$@"; do
				[[ $(field_of "$l" "${kv%%=*}" || true) == "${kv#*=}" ]] || ok=0
			done
		fi
		((ok)) && return 0
		((SECONDS < deadline)) || fail "desktop window $id: wanted '$*' for ${VT_TIMEOUT}s; last: '${l:-gone}'"
		sleep 0.05
	done
}

# desk_shot NAME: the desktop's root into $T/NAME.png; prints the path.
desk_shot() {
	desk "$VT_BIN/tests/vt-desk" grab "$T/$1.png" || fail "vt-desk grab $T/$1.png failed"
	printf '%s\n' "$T/$1.png"
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
	local want got
	want=$(palette "$6")
	got=$(pix "$1" --rect "$2" "$3" "$4" "$5" 2>&1) ||
		fail "$7: rectangle $2,$3 $4x$5 is not inside $1 ($got)"
	[[ $got == "$want" ]] || fail "$7: rectangle $2,$3 $4x$5 of $1 is '$got', expected $want"
}

# desk_check_frame SHOT ID COLOUR WHAT: desktop window ID (its geometry from
# vt-desk list) has a frame of VT_X11_BORDER pixels exactly COLOUR on all
# four sides, all of it on the screen.
desk_check_frame() {
	local s=$1 id=$2 c=$3 what=$4 l x y w h B=$VT_X11_BORDER
	geometry
	((B > 0)) || fail "border width is $B"
	l=$(desk_line "$id")
	[[ -n $l ]] || fail "$what: desktop window $id is gone"
	x=$(field_of "$l" x) y=$(field_of "$l" y) w=$(field_of "$l" w) h=$(field_of "$l" h)
	((x >= 0 && y >= 0 && x + w <= VT_OUT_W && y + h <= VT_OUT_H)) ||
		fail "$what: desktop window $id at $x,$y ${w}x$h is not inside the ${VT_OUT_W}x$VT_OUT_H screen"
	desk_rect_is "$s" "$x" "$y" "$w" "$B" "$c" "$what: top border"
	desk_rect_is "$s" "$x" $((y + h - B)) "$w" "$B" "$c" "$what: bottom border"
	desk_rect_is "$s" "$x" "$y" "$B" "$h" "$c" "$what: left border"
	desk_rect_is "$s" $((x + w - B)) "$y" "$B" "$h" "$c" "$what: right border"
	check "$what: frame ${B}px is exactly #$(palette "$c") on all four sides, on screen ($(basename "$s"))"
}

# desk_content SHOT ID quad|COLOUR WHAT: the content of desktop window ID
# (inside the frame) is vt-pattern's quad pattern, or one colour, exactly.
desk_content() {
	local s=$1 id=$2 kind=$3 what=$4 l x y w h B=$VT_X11_BORDER
	geometry
	l=$(desk_line "$id")
	[[ -n $l ]] || fail "$what: desktop window $id is gone"
	x=$(($(field_of "$l" x) + B)) y=$(($(field_of "$l" y) + B))
	w=$(($(field_of "$l" w) - 2 * B)) h=$(($(field_of "$l" h) - 2 * B))
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
		s=$(desk_shot "$name")
		got=$( (desk_content "$s" "$id" "$kind" x) 2>&1) && {
			printf '%s\n' "$s"
			return 0
		}
		((SECONDS < deadline)) || fail "desktop window $id never showed $kind content: $got"
		sleep 0.1
	done
}

# ---------------------------------------------------------------- desktop (x11 backend), more

# wait_desk_frame NAME ID COLOUR WHAT: shoot the desktop until desktop window
# ID's frame is exactly COLOUR on all four sides (as desk_check_frame), then
# check it once more for the log. Prints the shot's path.
wait_desk_frame() {
	local name=$1 id=$2 c=$3 what=$4 deadline=$((SECONDS + VT_TIMEOUT)) s got
	while :; do
		s=$(desk_shot "$name")
		got=$( (desk_check_frame "$s" "$id" "$c" "$what") 2>&1) && break
		((SECONDS < deadline)) || fail "$what: the frame never became right: $got"
		sleep 0.1
	done
	desk_check_frame "$s" "$id" "$c" "$what" >&2
	printf '%s\n' "$s"
}

# start_rogue NAME DOMAIN: tests/clients/vt-rogue.py on DOMAIN's socket (the
# domain must have no agent); returns after the handshake. rogue NAME CMD:
# send it one command and expect `sent`.
start_rogue() {
	local line
	start_co "$1" "$T/$1.log" "${PYTHON:-python3}" "$VT_CLIENTS/vt-rogue.py" "$RUN/domain-$2.sock"
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

# wait_lines FILE REGEX N [WHAT]: FILE has at least N lines matching REGEX
# (extended, whole line) within the deadline.
wait_lines() {
	local f=$1 re=$2 n=$3 what=${4:-$(basename "$1")} deadline=$((SECONDS + VT_TIMEOUT)) got
	while :; do
		got=$(grep -Exc -- "$re" "$f" 2>/dev/null || true)
		((got >= n)) && return 0
		((SECONDS < deadline)) || fail "$what: $got line(s) matching /$re/ after ${VT_TIMEOUT}s, wanted $n (in $f)"
		sleep 0.05
	done
}

# keylog_mark NAME KEYSYM: tap KEYSYM (through the router, to the focused
# domain, which must be NAME) and wait until NAME's key log shows its press
# and release: everything sent to NAME before it is then in the log above
# it. Prints the line number (in `keylog NAME`) of the marker's press; its
# release is the next line.
keylog_mark() {
	local name=$1 sym=$2 kc before n
	kc=$(keycode_of "$sym")
	before=$(grep -Exc "key release $kc" "$T/keylog-$name.txt" || true)
	ctl key "$sym" tap >/dev/null
	wait_lines "$T/keylog-$name.txt" "key release $kc" $((before + 1)) "marker $sym in domain $name"
	n=$(keylog "$name" | grep -nx "key release $kc" | sed -n "$((before + 1))p" | cut -d: -f1)
	[[ $(keylog "$name" | sed -n "$((n - 1))p") == "key press $kc" ]] ||
		fail "marker $sym in domain $name: its release is not right after its press: $(keylog "$name" | tail -n 5 | tr '\n' ',')"
	echo $((n - 1))
}

# keylog_range NAME FROM TO: lines FROM..TO (1-based, inclusive; empty when
# TO < FROM) of NAME's key log.
keylog_range() {
	(($3 >= $2)) || return 0
	keylog "$1" | sed -n "$2,$3p"
}

# keycode_of KEYSYM: its keycode in the domains' (and the daemon's default)
# us keymap, from xkbcommon's evdev keycodes as Xvfb uses them.
keycode_of() {
	case $1 in
	Shift_L) echo 50 ;; Shift_R) echo 62 ;; Control_L) echo 37 ;; Control_R) echo 105 ;;
	Alt_L) echo 64 ;; Super_L) echo 133 ;; Escape) echo 9 ;; Tab) echo 23 ;; Return) echo 36 ;;
	a) echo 38 ;; c) echo 54 ;; v) echo 55 ;; x) echo 53 ;;
	*) fail "keycode_of: $1 is not in the table" ;;
	esac
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

# focused_line: the `windows` line with focus=1 (nothing when none).
focused_line() { win_lines | grep ' focus=1 ' || true; }

# expect_focus DOMAIN ID WHAT: exactly that window has focus=1.
expect_focus() {
	local l n
	n=$(win_lines | grep -c ' focus=1 ' || true)
	l=$(focused_line)
	[[ $n == 1 && $(field_of "$l" domain) == "$1" && $(field_of "$l" id) == "$2" ]] ||
		fail "$3: expected focus=1 on $1 window $2 only; windows:
$(win_lines)"
}

# stack_index DOMAIN ID: the window's position in `windows` (0: bottom).
stack_index() {
	local i=0 l
	while IFS= read -r l; do
		[[ $(field_of "$l" domain) == "$1" && $(field_of "$l" id) == "$2" ]] && {
			echo "$i"
			return 0
		}
		i=$((i + 1))
	done < <(win_lines)
	fail "stack_index: no window $2 of domain $1"
}

# ---------------------------------------------------------------- hostile domains
# For tests/integ/attack-*.sh and faults.sh: tests/clients/vt-hostile.py on
# one domain's socket, a real agent on another's, and the checks that every
# ATTACKS.md row makes: the attacker is cut off with one log line or its
# request is clamped, the other domain still draws inside an exact frame and
# still gets the user's keys, and the daemon is alive.

VT_NHOSTILE=0
VT_NOTHER=0

# hostile_once DOMAIN ARGS...: run a one-shot vt-hostile case on DOMAIN's
# socket; sets HOSTILE_OUT to its output, on one line. VT_NHOSTILE counts the
# runs: run N writes the daemon's messages to $T/hostile-N.log and the bytes
# it sent to $T/hostile-N.bin (fuzzer input form).
hostile_once() {
	local dom=$1
	shift
	VT_NHOSTILE=$((VT_NHOSTILE + 1))
	HOSTILE_OUT=$(VT_HOSTILE_TIMEOUT=${VT_HOSTILE_TIMEOUT:-$VT_TIMEOUT} timeout 120 \
		"${PYTHON:-python3}" "$VT_CLIENTS/vt-hostile.py" --dump "$T/hostile-$VT_NHOSTILE.bin" \
		"$RUN/domain-$dom.sock" "$@" 2>"$T/hostile-$VT_NHOSTILE.log" | tr '\n' ' ' || true)
}

# violation_count DOMAIN: violation lines the daemon logged for DOMAIN.
violation_count() {
	count_log "$VT_DAEMON_LOG" "^vitrine-daemon: domain $1: violation: .*; disconnected\$"
}

# next_violation DOMAIN BEFORE: waits for DOMAIN's violation line number
# BEFORE+1 (the log can only be polled); prints its reason.
next_violation() {
	local re="^vitrine-daemon: domain $1: violation: (.*); disconnected\$" deadline=$((SECONDS + VT_TIMEOUT)) line
	until (($(violation_count "$1") > $2)); do
		((SECONDS < deadline)) || fail "no new violation line for domain $1 in $VT_DAEMON_LOG"
		sleep 0.05
	done
	line=$(grep -E -- "$re" "$VT_DAEMON_LOG" | sed -n "$(($2 + 1))p")
	[[ $line =~ $re ]] || fail "violation line not in the documented form: '$line'"
	printf '%s\n' "${BASH_REMATCH[1]}"
}

# daemon_ok WHAT: the daemon runs and its control socket answers.
daemon_ok() {
	alive "$VT_DAEMON_PID" || fail "$1: vitrine-daemon is not running any more"
	ctl --timeout 5 domains >/dev/null
}

# expect_cut_off DOMAIN REGEX ARGS...: the one-shot vt-hostile case ARGS on
# DOMAIN makes the daemon close the connection and log exactly one violation
# line, in the documented form, whose reason matches REGEX (extended);
# DOMAIN is then disconnected with no windows, and the daemon answers.
expect_cut_off() {
	local dom=$1 re=$2 before why n
	shift 2
	before=$(violation_count "$dom")
	hostile_once "$dom" "$@"
	[[ $HOSTILE_OUT == *closed* ]] ||
		fail "$*: the daemon did not close $dom's connection: '$HOSTILE_OUT' (log $T/hostile-$VT_NHOSTILE.log)"
	why=$(next_violation "$dom" "$before")
	[[ $why =~ $re ]] || fail "$*: violation '$why' does not match /$re/"
	wait_connected "$dom" 0
	n=$(violation_count "$dom")
	((n == before + 1)) || fail "$*: $((n - before)) violation lines for one cut-off"
	[[ $(domain_field "$dom" windows) == 0 ]] || fail "$*: $dom still has windows after its cut-off"
	daemon_ok "$*"
	check "$*: $dom cut off, one log line: violation: $why"
}

# hostile_start NAME DOMAIN ARGS...: a holding vt-hostile case as coprocess
# NAME on DOMAIN's socket (the daemon's messages in $T/NAME.log); returns
# once it printed `ready`, with what it printed before in HOSTILE_SAID.
hostile_start() {
	local name=$1 dom=$2 l
	shift 2
	start_co "$name" "$T/$name.log" "${PYTHON:-python3}" "$VT_CLIENTS/vt-hostile.py" \
		"$RUN/domain-$dom.sock" "$@"
	HOSTILE_SAID=
	while :; do
		co_read "$name" l $((VT_TIMEOUT * 2))
		HOSTILE_SAID+="$l;"
		case $l in
		ready) break ;;
		welcome | "first closed" | "second closed" | "second open") ;;
		*) fail "vt-hostile $name ($*) said '$l' (log $T/$name.log)" ;;
		esac
	done
	say "vt-hostile $name on $dom: $* (log $T/$name.log)"
}

# hostile NAME COMMAND: one command to vt-hostile NAME; expects `sent`.
hostile() {
	local l
	co_send "$1" "$2"
	co_read "$1" l
	[[ $l == sent* ]] || fail "vt-hostile $1: '$2' answered '$l'"
}

# hostile_ask NAME COMMAND: one command; prints the answer.
hostile_ask() {
	local l
	co_send "$1" "$2"
	co_read "$1" l
	printf '%s\n' "$l"
}

# hostile_stop NAME: end vt-hostile NAME (stdin EOF closes its connection).
# (Not co_close: its `exec ... 2>/dev/null` sends the test's stderr, and so
# every later FAIL message, to /dev/null.)
hostile_stop() {
	local pid=${CO_PID[$1]} wfd=${CO_IN[$1]} rfd=${CO_OUT[$1]} i
	exec {wfd}>&- {rfd}<&-
	for ((i = 0; i < 100; i++)); do
		alive "$pid" || break
		sleep 0.05
	done
	stop_pid "$pid" || true
}

# hostile_got NAME REGEX: the lines of the daemon's messages to vt-hostile
# NAME that match REGEX (extended).
hostile_got() { grep -E -- "$2" "$T/$1.log" || true; }

# other_ok DOMAIN PAT WHAT: DOMAIN (a real agent with vt-pattern PAT, and
# vt-keylog DOMAIN on its X server) is unaffected: a new colour reaches the
# screen (wait-damage, then the pixels) inside an exact frame of its label
# colour, and a key the user taps once PAT's window is focused reaches its
# X server. Leaves PAT's window focused.
other_ok() {
	local dom=$1 name=$2 what=$3 id=${PAT_ID[$2]} c d s t0=$SECONDS
	local colours=(ff0000 0000ff ffff00 ff00ff 00ffff 808080 ffffff 123456 00ff00)
	c=${colours[VT_NOTHER % ${#colours[@]}]}
	VT_NOTHER=$((VT_NOTHER + 1))
	d=$(win_field_id "$dom" "$id" damage)
	pat "$name" color "$c"
	wait_damage "$dom" "$id" $((d + 1))
	s=$(wait_content "$dom" "$id" "$c" "other-$VT_NOTHER")
	check_frame_id "$dom" "$id" "$(domain_field "$dom" label)" "$s" >/dev/null
	ctl focus "$dom" "$id" >/dev/null
	keylog_mark "$dom" Shift_R >/dev/null
	check "$what: $dom still draws (#$c, frame exact) and gets the user's keys ($((SECONDS - t0)) s)"
}

# stack_order: `DOMAIN/ID ...` of the mapped windows, bottom to top.
stack_order() {
	local l out=()
	while IFS= read -r l; do
		[[ $(field_of "$l" mapped) == 1 ]] && out+=("$(field_of "$l" domain)/$(field_of "$l" id)")
	done < <(win_lines)
	printf '%s\n' "${out[*]}"
}

# frame_on_screen DOMAIN ID WHAT: the window's whole frame is inside the
# output.
frame_on_screen() {
	local l x y w h
	geometry
	l=$(win_line_id "$1" "$2")
	[[ -n $l ]] || fail "$3: no window $2 of domain $1"
	x=$(field_of "$l" x) y=$(field_of "$l" y) w=$(field_of "$l" w) h=$(field_of "$l" h)
	((x - VT_GEOM_B >= 0 && y - VT_GEOM_T - VT_GEOM_B >= 0 &&
		x + w + VT_GEOM_B <= VT_OUT_W && y + h + VT_GEOM_B <= VT_OUT_H)) ||
		fail "$3: frame of $1/$2 leaves the ${VT_OUT_W}x$VT_OUT_H output: $l"
}
