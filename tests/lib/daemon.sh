# shellcheck shell=bash
#
# tests/lib/daemon.sh: the headless daemon and real agents (start_daemon,
# stop_daemon, start_agent, kill_agent, finish), vitrinectl on the test's
# control socket (ctl), and what it says about domains and windows
# (domain_field, win_line, win_field, wait_win, focus and stacking).

CONTROL=$RUN/control.sock
declare -A VT_AGENT # domain -> agent pid

# ctl ARGS...: vitrinectl on this test's control socket; fails the test when
# it does not answer ok. ctl_try: the same, returning its status. ctl_to VAR
# ARGS...: ctl's output into VAR (no fork but vitrinectl's). Under ASan,
# vitrinectl runs without LeakSanitizer's exit scan (most of the CPU of a
# call; ASan and UBSan still watch it): finish runs it once with the scan.
VT_CTL_ASAN=$ASAN_OPTIONS
[[ $VITRINE_BUILD == *asan* ]] && VT_CTL_ASAN+=:detect_leaks=0
ctl_try() { ASAN_OPTIONS=$VT_CTL_ASAN "$VT_BIN/vitrinectl" --socket "$CONTROL" "$@"; }
ctl_to() {
	local _cv=$1 _cf=$T/.ctl.$BASHPID _co _cr=0
	shift
	ASAN_OPTIONS=$VT_CTL_ASAN "$VT_BIN/vitrinectl" --socket "$CONTROL" "$@" >"$_cf" 2>&1 || _cr=$?
	IFS= read -r -d '' _co <"$_cf" || true
	while [[ $_co == *$'\n' ]]; do _co=${_co%$'\n'}; done
	((_cr == 0)) || fail "vitrinectl $* failed ($_cr): $_co"
	printf -v "$_cv" '%s' "$_co"
}
ctl() {
	local _o
	ctl_to _o "$@"
	printf '%s\n' "$_o"
}

# start_daemon ARGS...: the headless daemon with its runtime dir in the test
# dir, compositing with the renderer VT_RENDERER names (default: the
# daemon's, pixman); returns once the control socket answers `domains`.
start_daemon() {
	bg daemon "$VT_DAEMON_LOG" "$VT_BIN/vitrine-daemon" --backend headless \
		${VT_RENDERER:+--renderer "$VT_RENDERER"} --runtime-dir "$RUN" --verbose "$@"
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
# domain_field_to VAR DOMAIN FIELD: the same into VAR.
domain_field() {
	local v
	domain_field_to v "$1" "$2"
	printf '%s\n' "$v"
}
domain_field_to() {
	local _dl _dout
	ctl_to _dout domains
	while IFS= read -r _dl; do
		[[ ${_dl%% *} == "$2" ]] || continue
		field_to "$1" "$_dl" "$3"
		return
	done <<<"$_dout"
	fail "domain $2 not in vitrinectl domains"
}

# wait_connected DOMAIN [0|1]: poll `domains` (no wait command exists).
wait_connected() {
	local want=${2:-1} deadline=$((SECONDS + VT_TIMEOUT)) c
	while :; do
		domain_field_to c "$1" connected
		[[ $c == "$want" ]] && return 0
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

# cleanly, then report success. Call at the end of every test.
finish() {
	local d
	for d in "${!VT_AGENT[@]}"; do
		kill_agent "$d"
	done
	# vitrinectl once with LeakSanitizer's exit scan, which ctl leaves out
	if [[ $VITRINE_BUILD == *asan* && -n $VT_DAEMON_PID ]]; then
		"$VT_BIN/vitrinectl" --socket "$CONTROL" domains >"$T/vitrinectl-leaks.log" 2>&1 ||
			fail "vitrinectl domains (with the leak scan) failed: $(tail -n 5 "$T/vitrinectl-leaks.log")"
	fi
	stop_daemon
	sanitizer_check
	say "PASS"
}

# ---------------------------------------------------------------- windows

# field_of LINE FIELD: FIELD of a `windows` or `domains` line: domain, id,
# title, or any key=value key (looked up before the title only).
field_of() {
	local v
	field_to v "$1" "$2" || return 1
	printf '%s\n' "$v"
}
# field_to VAR LINE FIELD: the same into VAR (empty, status 1, when LINE has
# no such field), without a subshell: the loops over every window of
# `windows` call it for each line, and a fork per line was most of a test's
# time once a domain had 64 windows.
field_to() {
	local _ft_line=$2 _ft_head
	case $3 in
	domain) printf -v "$1" '%s' "${_ft_line%% *}" ;;
	id)
		_ft_head=${_ft_line#* }
		printf -v "$1" '%s' "${_ft_head%% *}"
		;;
	title)
		if [[ $_ft_line != *' title="'* ]]; then
			printf -v "$1" '%s' ''
			return 1
		fi
		_ft_head=${_ft_line#*' title="'}
		printf -v "$1" '%s' "${_ft_head%\"}"
		;;
	*)
		_ft_head=" ${_ft_line%%' title="'*} "
		if ! [[ $_ft_head =~ \ $3=([^ ]*)\  ]]; then
			printf -v "$1" '%s' ''
			return 1
		fi
		printf -v "$1" '%s' "${BASH_REMATCH[1]}"
		;;
	esac
}

# win_line DOMAIN TITLE / win_line_id DOMAIN ID: the `windows` line of that
# window (the first match), or nothing. The *_to forms: into a variable.
win_lines() {
	local o
	win_lines_to o
	[[ -z $o ]] || printf '%s\n' "$o"
}
win_lines_to() {
	local _wo
	ctl_to _wo windows
	_wo=${_wo%ok}
	printf -v "$1" '%s' "${_wo%$'\n'}"
}
win_line() {
	local o
	win_line_to o "$1" "$2"
	[[ -z $o ]] || printf '%s\n' "$o"
}
win_line_to() {
	local _wl _wd _wt _ws
	printf -v "$1" '%s' ''
	win_lines_to _ws
	while IFS= read -r _wl; do
		field_to _wd "$_wl" domain
		field_to _wt "$_wl" title || true
		[[ $_wd == "$2" && $_wt == "$3" ]] && { printf -v "$1" '%s' "$_wl"; return 0; }
	done <<<"$_ws"
	return 0
}
win_line_id() {
	local o
	win_line_id_to o "$1" "$2"
	[[ -z $o ]] || printf '%s\n' "$o"
}
win_line_id_to() {
	local _wl _ws
	printf -v "$1" '%s' ''
	win_lines_to _ws
	while IFS= read -r _wl; do
		[[ $_wl == "$2 $3 "* ]] && { printf -v "$1" '%s' "$_wl"; return 0; }
	done <<<"$_ws"
	return 0
}

# wait_win_on_monitor_to VAR DOMAIN ID X1 X2 WHAT: until DOMAIN's window ID
# is on the monitor X1..X2 as the daemon keeps windows (its frame's left
# edge on it, over half its width too); its x into VAR.
wait_win_on_monitor_to() {
	local deadline=$((SECONDS + VT_TIMEOUT)) _wx _ww
	while :; do
		win_field_id_to _wx "$2" "$3" x
		win_field_id_to _ww "$2" "$3" w
		((_wx - VT_X11_BORDER >= $4 && _wx + _ww / 2 <= $5)) && break
		((SECONDS < deadline)) || fail "$6: $2's window $3 is still at x=$_wx, not on the monitor $4..$5"
		sleep 0.05
	done
	printf -v "$1" '%s' "$_wx"
}

# win_field DOMAIN TITLE FIELD / win_field_id DOMAIN ID FIELD; the *_to
# forms into a variable.
win_field() {
	local v
	win_field_to v "$@"
	printf '%s\n' "$v"
}
win_field_to() {
	local _wfl
	win_line_to _wfl "$2" "$3"
	[[ -n $_wfl ]] || fail "no window titled '$3' of domain $2 in vitrinectl windows"
	field_to "$1" "$_wfl" "$4"
}
win_field_id() {
	local v
	win_field_id_to v "$@"
	printf '%s\n' "$v"
}
win_field_id_to() {
	local _wfl
	win_line_id_to _wfl "$2" "$3"
	[[ -n $_wfl ]] || fail "no window $3 of domain $2 in vitrinectl windows"
	field_to "$1" "$_wfl" "$4"
}

# wait_win DOMAIN ID KEY=VALUE...|gone: poll `windows` until the window has
# all those fields (or is gone). There is no wait command for geometry.
wait_win() {
	local dom=$1 id=$2 deadline=$((SECONDS + VT_TIMEOUT)) l kv ok v
	shift 2
	while :; do
		win_line_id_to l "$dom" "$id"
		ok=1
		if [[ $1 == gone ]]; then
			[[ -z $l ]] || ok=0
		elif [[ -z $l ]]; then
			ok=0
		else
			for kv in "$@"; do
				field_to v "$l" "${kv%%=*}" || true
				[[ $v == "${kv#*=}" ]] || ok=0
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

# ---------------------------------------------------------------- focus and stacking

# focused_line: the `windows` line with focus=1 (nothing when none).
focused_line() {
	local l ws
	win_lines_to ws
	while IFS= read -r l; do
		[[ $l == *' focus=1 '* ]] && printf '%s\n' "$l"
	done <<<"$ws"
	return 0
}

# expect_focus DOMAIN ID WHAT: exactly that window has focus=1.
expect_focus() {
	local l n=0 f='' ws
	win_lines_to ws
	while IFS= read -r l; do
		[[ $l == *' focus=1 '* ]] && n=$((n + 1)) f=$l
	done <<<"$ws"
	[[ $n == 1 && $f == "$1 $2 "* ]] ||
		fail "$3: expected focus=1 on $1 window $2 only; windows:
$ws"
}

# stack_index DOMAIN ID: the window's position in `windows` (0: bottom).
stack_index() {
	local i=0 l ws
	win_lines_to ws
	while IFS= read -r l; do
		[[ $l == "$1 $2 "* ]] && {
			echo "$i"
			return 0
		}
		i=$((i + 1))
	done <<<"$ws"
	fail "stack_index: no window $2 of domain $1"
}

# stack_order: `DOMAIN/ID ...` of the mapped windows, bottom to top.
stack_order() {
	local l out=() m d w ws
	win_lines_to ws
	while IFS= read -r l; do
		[[ -n $l ]] || continue
		field_to m "$l" mapped || true
		field_to d "$l" domain
		field_to w "$l" id
		[[ $m == 1 ]] && out+=("$d/$w")
	done <<<"$ws"
	printf '%s\n' "${out[*]}"
}
