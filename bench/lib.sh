# shellcheck shell=bash
#
# bench/lib.sh: sourced by bench/run. Starts Xvfb servers (with -displayfd,
# as tests/lib.sh does), vitrine daemons and agents, Xpra servers and
# clients, and the benchmark clients; remembers every PID; groups them into
# "stacks" that can be paused (SIGSTOP) while another stack is measured; and
# on exit stops everything it started: by process group, then any process
# that still carries this run's VB_BENCH_TAG in its environment (which every
# child inherits, even one that left its group).

set -euo pipefail
shopt -s inherit_errexit 2>/dev/null || true

VB_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VB_BIN=${VB_BIN:-$VB_ROOT/build}
VB_OUT=${VB_OUT:-$VB_ROOT/bench/out}
VB_TIMEOUT=${VB_TIMEOUT:-20}
export VB_BENCH_TAG="vb-$$-$RANDOM$RANDOM"
# sockets: short paths (108 bytes at most)
VB_RUN=$(mktemp -d /tmp/vb-run.XXXXXX)
chmod 700 "$VB_RUN"

VB_PIDS=()          # process group leaders we started, in order
declare -A VB_PNAME # pid -> name
declare -A CO_IN CO_OUT CO_PID
declare -A STACK    # stack name -> "pid pid ..."
VB_NXVFB=0

say() { printf '[bench %(%H:%M:%S)T] %s\n' -1 "$*"; }
die() {
	printf '[bench] FAIL: %s\n' "$*" >&2
	printf '[bench] logs in %s\n' "$VB_OUT/logs" >&2
	exit 1
}

mkdir -p "$VB_OUT/logs"

# ---------------------------------------------------------------- processes

# bg NAME LOG CMD...: CMD in a session of its own, output to LOG. Sets VB_LAST.
bg() {
	local name=$1 log=$2
	shift 2
	setsid "$@" </dev/null >"$log" 2>&1 &
	track $! "$name"
}

track() {
	VB_LAST=$1
	VB_PIDS+=("$1")
	VB_PNAME[$1]=$2
}

alive() { kill -0 "$1" 2>/dev/null; }

# Every process carrying our tag (we and our subshells excluded).
tagged_pids() {
	local f pid
	for f in /proc/[0-9]*/environ; do
		pid=${f#/proc/}
		pid=${pid%/environ}
		[[ $pid == "$$" || $pid == "$BASHPID" ]] && continue
		grep -qzx "VB_BENCH_TAG=$VB_BENCH_TAG" "$f" 2>/dev/null && echo "$pid"
	done
	return 0
}

vb_cleanup() {
	local rc=$? i pid
	set +e
	trap - EXIT INT TERM
	# paused stacks first get going again, so that they can exit
	for pid in "${VB_PIDS[@]}"; do
		kill -CONT -- -"$pid" 2>/dev/null || kill -CONT "$pid" 2>/dev/null
	done
	for ((i = ${#VB_PIDS[@]} - 1; i >= 0; i--)); do
		pid=${VB_PIDS[i]}
		kill -TERM -- -"$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
	done
	for pid in "${VB_PIDS[@]}"; do
		for ((i = 0; i < 60; i++)); do
			alive "$pid" || break
			sleep 0.05
		done
		kill -KILL -- -"$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null
	done
	wait 2>/dev/null
	local left
	left=$(tagged_pids)
	if [[ -n $left ]]; then
		say "killing what is left of this run: $(echo "$left" | tr '\n' ' ')"
		for pid in $left; do kill -KILL "$pid" 2>/dev/null; done
	fi
	rm -rf "$VB_RUN" "${VB_SHM:-}"
	exit $rc
}
trap vb_cleanup EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

# stop_group PID: SIGTERM to its group, then SIGKILL.
stop_group() {
	local pid=$1 i
	kill -CONT -- -"$pid" 2>/dev/null || true
	kill -TERM -- -"$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
	for ((i = 0; i < 60; i++)); do
		alive "$pid" || break
		sleep 0.05
	done
	alive "$pid" && say "${VB_PNAME[$pid]:-$pid} did not stop on SIGTERM; killing it"
	kill -KILL -- -"$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
}

# ---------------------------------------------------------------- stacks

# stack_add STACK PID...: those process groups belong to STACK.
stack_add() {
	local s=$1
	shift
	STACK[$s]="${STACK[$s]:-} $*"
}

# stack_pause STACK / stack_resume STACK
stack_pause() {
	local pid
	for pid in ${STACK[$1]}; do kill -STOP -- -"$pid" 2>/dev/null || true; done
}
stack_resume() {
	local pid
	for pid in ${STACK[$1]}; do kill -CONT -- -"$pid" 2>/dev/null || true; done
}

# stack_only STACK: that one runs, every other stack is paused; then a
# moment for it to settle.
stack_only() {
	local s
	for s in "${!STACK[@]}"; do
		[[ $s == "$1" ]] || stack_pause "$s"
	done
	stack_resume "$1"
	sleep 0.5
}

# stack_drop STACK: stop its processes and forget it.
stack_drop() {
	local pid
	for pid in ${STACK[$1]}; do stop_group "$pid"; done
	unset "STACK[$1]"
}

# ---------------------------------------------------------------- Xvfb

# start_xvfb VAR WxH: an Xvfb on a free display; VAR=":N", VB_LAST=its pid.
start_xvfb() {
	local var=$1 size=$2 n tries fd line log fifo pid
	n=$((400 + (RANDOM + $$) % 400))
	for ((tries = 0; tries < 20; tries++, n++)); do
		while [[ -e /tmp/.X11-unix/X$n || -e /tmp/.X$n-lock ]]; do
			n=$((n + 1))
		done
		VB_NXVFB=$((VB_NXVFB + 1))
		log=$VB_OUT/logs/xvfb-$VB_NXVFB.log
		fifo=$VB_RUN/xvfb-$VB_NXVFB.fifo
		mkfifo "$fifo"
		setsid Xvfb ":$n" -displayfd 3 -nolisten tcp -noreset \
			-screen 0 "${size}x24" 3>"$fifo" </dev/null >"$log" 2>&1 &
		pid=$!
		track "$pid" "Xvfb :$n"
		exec {fd}<"$fifo"
		line=
		read -r -t "$VB_TIMEOUT" -u "$fd" line || true
		exec {fd}<&-
		rm -f "$fifo"
		if [[ $line == "$n" ]]; then
			printf -v "$var" ':%s' "$n"
			VB_LAST=$pid
			return 0
		fi
		stop_group "$pid"
	done
	die "cannot start Xvfb"
}

# ---------------------------------------------------------------- vitrine

ctl() { "$VB_BIN/vitrinectl" --socket "$1" "${@:2}"; }

# domain_proc SOCKET DOMAIN: the pid of the domain's domain process (the
# process that reads its connection; counted with the daemon's CPU).
domain_proc() {
	local p i
	for ((i = 0; i < 100; i++)); do
		p=$(ctl "$1" domains | awk -v d="$2" '$1 == d { sub(/.*pid=/, ""); print $1 }')
		[[ -n $p && $p != 0 ]] && { echo "$p"; return; }
		sleep 0.1
	done
	die "domain $2 has no domain process"
}

# start_daemon NAME BACKEND DESKTOP|- SIZE DOMAIN...: a daemon with its
# runtime dir VB_RUN/NAME; VB_LAST=its pid once the control socket answers.
start_daemon() {
	local name=$1 backend=$2 desk=$3 size=$4 d args=() extra=() pid
	shift 4
	for d in "$@"; do args+=(--domain "$d,label=blue"); done
	# VB_DAEMON_ARGS: more options for every daemon (e.g. --refresh 60)
	read -r -a extra <<<"${VB_DAEMON_ARGS:-}"
	args+=("${extra[@]}")
	if [[ $backend == x11 ]]; then
		bg "daemon $name" "$VB_OUT/logs/daemon-$name.log" env DISPLAY="$desk" \
			"$VB_BIN/vitrine-daemon" --backend x11 --runtime-dir "$VB_RUN/$name" "${args[@]}"
	else
		bg "daemon $name" "$VB_OUT/logs/daemon-$name.log" "$VB_BIN/vitrine-daemon" \
			--backend headless --size "$size" --runtime-dir "$VB_RUN/$name" \
			--renderer "${VB_RENDERER:-pixman}" "${args[@]}"
	fi
	pid=$VB_LAST
	local deadline=$((SECONDS + VB_TIMEOUT))
	until ctl "$VB_RUN/$name/control.sock" --timeout 2 domains >/dev/null 2>&1; do
		alive "$pid" || die "vitrine-daemon $name exited at start (log $VB_OUT/logs/daemon-$name.log)"
		((SECONDS < deadline)) || die "vitrine-daemon $name does not answer"
		sleep 0.05
	done
	VB_LAST=$pid
}

# start_agent DAEMON DOMAIN DISPLAY: VB_LAST=its pid once connected.
start_agent() {
	local name=$1 dom=$2 disp=$3 pid
	bg "agent $name/$dom" "$VB_OUT/logs/agent-$name-$dom.log" env DISPLAY="$disp" \
		VITRINE_SOCKET="$VB_RUN/$name/domain-$dom.sock" "$VB_BIN/vitrine-agent"
	pid=$VB_LAST
	local deadline=$((SECONDS + VB_TIMEOUT))
	until ctl "$VB_RUN/$name/control.sock" domains 2>/dev/null |
		grep -q "^$dom .*connected=1"; do
		alive "$pid" || die "agent $name/$dom exited (log $VB_OUT/logs/agent-$name-$dom.log)"
		((SECONDS < deadline)) || die "agent $name/$dom did not connect"
		sleep 0.05
	done
	VB_LAST=$pid
}

# ---------------------------------------------------------------- Xpra

# The Xpra processes get a home, a runtime dir (in /dev/shm, like a real
# XDG_RUNTIME_DIR, since the mmap area is a file there) and a configuration
# of their own: no session script, no sound, no dbus, no pings.
VB_SHM=
xpra_env() {
	if [[ -z $VB_SHM ]]; then
		VB_SHM=$(mktemp -d /dev/shm/vb-xpra.XXXXXX)
		mkdir -p "$VB_SHM/home" "$VB_SHM/rt" "$VB_SHM/conf/xpra"
		chmod 700 "$VB_SHM/rt"
		printf 'start = /bin/true\n' >"$VB_SHM/conf/xpra/xpra.conf"
	fi
	XPRA_ENV=(env HOME="$VB_SHM/home" XDG_RUNTIME_DIR="$VB_SHM/rt"
		XDG_CONFIG_DIRS="$VB_SHM/conf" PATH=/usr/sbin:/usr/bin:/sbin:/bin DISPLAY=)
}

XPRA_COMMON=(--mmap=yes --speaker=no --microphone=no --pulseaudio=no --webcam=no
	--notifications=no --clipboard=no --printing=no --file-transfer=no --pings=0
	--ssh-upgrade=no --opengl=no --bell=no --tray=no --system-tray=no)

# start_xpra NAME GUEST DESKTOP: server on GUEST (an Xvfb already running),
# client on DESKTOP. Sets XPRA_SERVER, XPRA_CLIENT (pids).
start_xpra() {
	local name=$1 guest=$2 desk=$3 sock=$VB_RUN/xpra-$1.sock deadline
	local slog=$VB_OUT/logs/xpra-server-$name.log clog=$VB_OUT/logs/xpra-client-$name.log
	xpra_env
	bg "xpra server $name" "$slog" "${XPRA_ENV[@]}" xpra start "$guest" --use-display=yes \
		--daemon=no --bind="$sock" --socket-dirs="$VB_RUN" --mdns=no --html=off \
		--dbus-proxy=no --dbus-control=no --dbus-launch= --systemd-run=no \
		--resize-display=no --start-new-commands=no --xsettings=no "${XPRA_COMMON[@]}"
	XPRA_SERVER=$VB_LAST
	deadline=$((SECONDS + 60))
	until grep -qs 'xpra is ready' "$slog"; do
		alive "$XPRA_SERVER" || die "xpra server exited (log $slog)"
		((SECONDS < deadline)) || die "xpra server not ready (log $slog)"
		sleep 0.1
	done
	bg "xpra client $name" "$clog" "${XPRA_ENV[@]}" DISPLAY="$desk" xpra attach "socket:$sock" \
		"${XPRA_COMMON[@]}"
	XPRA_CLIENT=$VB_LAST
	deadline=$((SECONDS + 60))
	until grep -qs 'enabled fast mmap transfers' "$clog"; do
		alive "$XPRA_CLIENT" || die "xpra client exited (log $clog)"
		((SECONDS < deadline)) || die "xpra attach did not report mmap transfers (log $clog)"
		sleep 0.1
	done
}

# ---------------------------------------------------------------- clients

# start_co NAME CMD...: CMD with stdin and stdout on fifos (co_send, co_read).
start_co() {
	local name=$1 in out wfd rfd
	shift
	in=$VB_RUN/co-$name-in.fifo
	out=$VB_RUN/co-$name-out.fifo
	mkfifo "$in" "$out"
	setsid "$@" <"$in" >"$out" 2>"$VB_OUT/logs/$name.log" &
	track $! "$name"
	CO_PID[$name]=$!
	exec {wfd}>"$in"
	exec {rfd}<"$out"
	CO_IN[$name]=$wfd
	CO_OUT[$name]=$rfd
	VB_LAST=${CO_PID[$name]}
}

co_read() { # NAME VAR [TIMEOUT]
	local _l
	if ! read -r -t "${3:-$VB_TIMEOUT}" -u "${CO_OUT[$1]}" _l; then
		alive "${CO_PID[$1]}" || die "$1 exited: $(tail -n 3 "$VB_OUT/logs/$1.log" 2>/dev/null)"
		die "no answer from $1 within ${3:-$VB_TIMEOUT}s"
	fi
	printf -v "$2" '%s' "$_l"
}

co_send() { # NAME LINE
	(printf '%s\n' "$2" >&"${CO_IN[$1]}") 2>/dev/null || die "cannot write to $1"
}

# start_probe NAME ARGS...: vb-probe; returns once it said ready.
start_probe() {
	local name=$1 line
	shift
	start_co "$name" "$VB_BIN/bench/vb-probe" "$@"
	co_read "$name" line 60
	[[ $line == ready* ]] || die "$name said '$line'"
}

# start_windows NAME DISPLAY ARGS...: vb-windows; returns once ready.
start_windows() {
	local name=$1 disp=$2 line
	shift 2
	start_co "$name" "$VB_BIN/bench/vb-windows" --display "$disp" "$@"
	co_read "$name" line 30
	[[ $line == ready* ]] || die "$name said '$line'"
}

