# shellcheck shell=bash
#
# bench/stacks.sh: sourced by bench/run after lib.sh: the stacks of the
# scale and 4k phases, and the scroll workload's round.

# scale_up STACK BACKEND NDOMAINS: NDOMAINS domains of 8 windows each (320x200,
# cascaded); in d00 one of them is the probe (512x384 at 60,60, over the
# cascades of every domain), the one that updates.
scale_up() {
	local st=$1 backend=$2 n=$3 i d g desk_pid procs=() doms=()
	for ((i = 0; i < n; i++)); do doms+=("$(printf 'd%02d' "$i")"); done
	if [[ $backend == x11 ]]; then
		start_xvfb d 2048x1280
		stack_add "$st" "$VB_LAST"
		procs+=(--proc desktop-xvfb="$VB_LAST")
		start_daemon "$st" x11 "$d" - "${doms[@]}"
		SC_CTL=
	else
		start_daemon "$st" headless - 2048x1280 "${doms[@]}"
		SC_CTL=$VB_RUN/$st/control.sock
	fi
	stack_add "$st" "$VB_LAST"
	procs+=(--proc daemon="$VB_LAST")
	SC_IDLE=(daemon="$VB_LAST")
	local probe_guest
	for ((i = 0; i < n; i++)); do
		start_xvfb g 1024x768
		stack_add "$st" "$VB_LAST"
		procs+=(--proc "xvfb-${doms[i]}=$VB_LAST")
		((i == 0)) && probe_guest=$g
		start_agent "$st" "${doms[i]}" "$g"
		stack_add "$st" "$VB_LAST"
		procs+=(--proc "agent-${doms[i]}=$VB_LAST")
		SC_IDLE+=("agent-${doms[i]}=$VB_LAST")
		if ((n > 1)); then
			start_windows "win-$st-$i" "$g" --count $((i == 0 ? 7 : 8)) --title "vb-$st-$i"
			stack_add "$st" "$VB_LAST"
			procs+=(--proc "windows-${doms[i]}=$VB_LAST")
		fi
	done
	if [[ $backend == x11 ]]; then
		start_probe "probe-$st" --guest "$probe_guest" --desktop "$d" --size 512x384 \
			--position 60,60 --title "vb-probe-$st" --proc client=self "${procs[@]}"
	else
		start_probe "probe-$st" --guest "$probe_guest" --control "$SC_CTL" --domain d00 \
			--size 512x384 --position 60,60 --title "vb-probe-$st" --proc client=self \
			"${procs[@]}"
	fi
	stack_add "$st" "$VB_LAST"
	# the agents may still be passing the last windows on: ask until all are there
	local mapped deadline=$((SECONDS + VB_TIMEOUT))
	while :; do
		mapped=$(ctl "$VB_RUN/$st/control.sock" windows | grep -c 'mapped=1' || true)
		((mapped == 8 * n || n == 1)) && break
		((SECONDS < deadline)) || die "$st: $mapped windows mapped, not $((8 * n))"
		sleep 0.1
	done
	say "  $st: $n domains, $mapped windows mapped"
	stack_pause "$st"
}

# app_up STACK SCREEN WxH: the application alone, no display system: the
# probe draws on an Xvfb of its own and watches its own window there (its
# "output" is that window: a DAMAGE event, a pixel read back), so what its
# frames cost is the application's own drawing (the PutImage in its X
# server) and the measurement's, the part of every system's CPU per frame
# that is no display system's doing. Paused.
app_up() {
	local st=$1 g
	start_xvfb g "$2"
	stack_add "$st" "$VB_LAST"
	start_probe "probe-$st" --guest "$g" --desktop "$g" --size "$3" --title "vb-probe-$st" \
		--proc client=self --proc guest-xvfb="$VB_LAST"
	stack_add "$st" "$VB_LAST"
	stack_pause "$st"
}

# k_up: the 4k phase's three stacks (k-x11, k-headless, k-xpra) with
# 4096x2304 screens and a 3840x2160 probe window each, paused.
k_up() {
	local K d g desk_pid guest_pid daemon_pid agent_pid
	K=4096x2304
	say "4k: starting the three systems with $K screens"
	start_xvfb d $K
	desk_pid=$VB_LAST
	start_xvfb g $K
	guest_pid=$VB_LAST
	start_daemon k-x11 x11 "$d" - probe
	daemon_pid=$VB_LAST
	start_agent k-x11 probe "$g"
	agent_pid=$VB_LAST
	stack_add k-x11 "$desk_pid" "$guest_pid" "$daemon_pid" "$agent_pid"
	start_probe probe-k-x11 --guest "$g" --desktop "$d" --size 3840x2160 --title vb-4k-x11 \
		--proc client=self --proc desktop-xvfb="$desk_pid" --proc guest-xvfb="$guest_pid" \
		--proc daemon="$daemon_pid" --proc agent="$agent_pid" \
		--proc domain-proc="$(domain_proc "$VB_RUN/k-x11/control.sock" probe)"
	stack_add k-x11 "$VB_LAST"
	stack_pause k-x11
	start_xvfb g $K
	guest_pid=$VB_LAST
	start_daemon k-hl headless - $K probe
	daemon_pid=$VB_LAST
	start_agent k-hl probe "$g"
	agent_pid=$VB_LAST
	stack_add k-headless "$guest_pid" "$daemon_pid" "$agent_pid"
	start_probe probe-k-headless --guest "$g" --control "$VB_RUN/k-hl/control.sock" \
		--domain probe --size 3840x2160 --title vb-4k-hl --proc client=self \
		--proc guest-xvfb="$guest_pid" --proc daemon="$daemon_pid" --proc agent="$agent_pid" \
		--proc domain-proc="$(domain_proc "$VB_RUN/k-hl/control.sock" probe)"
	stack_add k-headless "$VB_LAST"
	stack_pause k-headless
	start_xvfb d $K
	desk_pid=$VB_LAST
	start_xvfb g $K
	guest_pid=$VB_LAST
	start_xpra 4k "$g" "$d"
	stack_add k-xpra "$desk_pid" "$guest_pid" "$XPRA_SERVER" "$XPRA_CLIENT"
	start_probe probe-k-xpra --guest "$g" --desktop "$d" --size 3840x2160 --title vb-4k-xpra \
		--proc client=self --proc desktop-xvfb="$desk_pid" --proc guest-xvfb="$guest_pid" \
		--proc xpra-server="$XPRA_SERVER" --proc xpra-client="$XPRA_CLIENT"
	stack_add k-xpra "$VB_LAST"
	stack_pause k-xpra
	app_up k-app $K 3840x2160
}

# scroll_round DISPLAY +X+Y NAME=PID...: an xterm (jump scroll off, 100x40)
# at +X+Y on DISPLAY runs `dd` of $VB_RUN/scroll.txt in 1 KiB writes (cat's
# 128 KiB would count too coarsely); once it shows, for SECS seconds: the
# bytes dd got through (xterm reads as fast as it scrolls) and the CPU of
# xterm and the processes named. Sets SCROLL_LINE
# (bytes= lines= seconds= cpu= cpu.NAME=...). The xterm is stopped after.
scroll_round() {
	local disp=$1 geom=$2 xt cat_pid='' i r0 r1 cpu=0 parts=''
	shift 2
	bg xterm "$VB_OUT/logs/xterm.log" env DISPLAY="$disp" xterm -geometry "100x40$geom" \
		-xrm 'XTerm*jumpScroll: false' -xrm 'XTerm*saveLines: 1000' \
		-e dd if="$VB_RUN/scroll.txt" bs=1024 status=none
	xt=$VB_LAST
	for ((i = 0; i < 200; i++)); do
		cat_pid=$(pgrep -P "$xt" -x dd || true)
		[[ -n $cat_pid ]] && break
		sleep 0.05
	done
	[[ -n $cat_pid ]] || die "xterm on $disp did not start dd"
	sleep 0.5 # mapped, and scrolling steadily
	r0=$(awk '/^rchar/ {print $2}' "/proc/$cat_pid/io")
	local name rest c
	while read -r name rest; do
		[[ $name == total ]] && continue
		c=${rest#cpu_s=}
		c=${c%% *}
		cpu=$(awk -v a="$cpu" -v b="$c" 'BEGIN {printf "%.6f", a + b}')
		parts+=" cpu.$name=$c"
	done < <("$VB_BIN/bench/vb-procstat" "$SECS" xterm="$xt" "$@")
	r1=$(awk '/^rchar/ {print $2}' "/proc/$cat_pid/io")
	stop_group "$xt"
	local lines
	lines=$(awk -v b="$((r1 - r0))" -v size="$(wc -c <"$VB_RUN/scroll.txt")" \
		-v n="$(wc -l <"$VB_RUN/scroll.txt")" 'BEGIN {printf "%d", b * n / size}')
	# shellcheck disable=SC2034 # read by bench/run
	SCROLL_LINE="bytes=$((r1 - r0)) lines=$lines seconds=$SECS cpu=$cpu$parts"
}
