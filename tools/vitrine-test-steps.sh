# shellcheck shell=bash disable=SC2154 # (the variables are vitrine-test's)
# vitrine-test-steps.sh: the steps of a vitrine-test script, sourced by
# vitrine-test (tools/ in the tree; installed in PREFIX/share/vitrine):
# check_line, which checks a step before anything runs, and run_step,
# which runs one. They use what vitrine-test sets: bin, state, dir, file,
# lineno, update, wait, win, wdom, gone_win, gone_dom, clock, clock_at and
# the domains' arrays, and its ctl, apps_alive, app_env, start_domain,
# start_bus, sandbox_usable and faketime_lib.

# --- checking a script before anything runs --------------------------------
bad() { echo "vitrine-test: $file:$lineno: $*" >&2; exit 2; }
name_ok() { [[ $1 =~ ^[a-z0-9_-]{1,31}$ ]]; }
N='^(0|[1-9][0-9]{0,5})$' # a number (no leading 0: bash reads 08 as bad octal)
check_line() { # verb args...: the step is well formed
	local verb=$1
	shift
	case $verb in
	size) [[ $# == 1 && $1 =~ ^[0-9]{2,5}x[0-9]{2,5}$ ]] || bad "size WxH" ;;
	domain) { (($# >= 1)) && name_ok "$1"; } ||
		bad "domain NAME [label=COLOUR] [tint=none|light|strong] [sandbox=auto|yes|no] [ro=PATH]..."
		shift
		for kv; do
			[[ $kv =~ ^(label=[a-z]+|tint=(none|light|strong)|sandbox=(auto|yes|no)|ro=.+)$ ]] ||
				bad "domain: bad '$kv'"
			[[ $kv != ro=* ]] || { p=${kv#ro=} && [[ $p == /* ]] || p=$dir/$p; [[ -e $p ]]; } ||
				bad "domain: ro: no such file or directory: ${kv#ro=}"
		done ;;
	clock) [[ $* == real || $* == frozen ||
		$* =~ ^frozen\ [0-9]{4}-[0-9]{2}-[0-9]{2}\ [0-9]{2}:[0-9]{2}:[0-9]{2}$ ]] ||
		bad "clock frozen [YYYY-MM-DD HH:MM:SS] | clock real"
		[[ $# != 3 ]] || date -u -d "$2 $3" >/dev/null 2>&1 || bad "clock: no such time: $2 $3" ;;
	timeout) [[ $# == 1 && $1 =~ $N && $1 -ge 1 ]] || bad "timeout SECONDS" ;;
	start) { (($# >= 2)) && name_ok "$1"; } || bad "start DOMAIN COMMAND..." ;;
	wait-window) { (($# >= 2)) && name_ok "$1"; } || bad "wait-window DOMAIN TITLE..." ;;
	wait-idle) [[ $# == 0 || ($# == 1 && $1 =~ $N && $1 -le 60000) ]] || bad "wait-idle [MS]" ;;
	type) (($# >= 1)) || bad "type TEXT" ;;
	key) (($# >= 1)) || bad "key KEY... (a keysym: a, Return, F1; a chord: ctrl+s, shift+Tab)"
		for k; do
			[[ $k =~ ^[A-Za-z0-9_]+(\+[A-Za-z0-9_]+)*$ ]] ||
				bad "key: bad '$k' (a keysym: a, Return, F1; a chord: ctrl+s, shift+Tab)"
		done ;;
	click) [[ ($# == 2 || $# == 3) && $1 =~ $N && $2 =~ $N && ${3:-1} =~ ^[1-9]$ ]] ||
		bad "click X Y [BUTTON]" ;;
	double-click) [[ $# == 2 && $1 =~ $N && $2 =~ $N ]] || bad "double-click X Y" ;;
	drag) [[ ($# == 4 || $# == 5) && $1 =~ $N && $2 =~ $N && $3 =~ $N && $4 =~ $N &&
		${5:-1} =~ ^[1-9]$ ]] || bad "drag X1 Y1 X2 Y2 [BUTTON]" ;;
	scroll) [[ ($# == 3 || $# == 4) && $1 =~ $N && $2 =~ $N &&
		$3 =~ ^(up|down|left|right)$ && ${4:-1} =~ ^[1-9][0-9]{0,2}$ ]] ||
		bad "scroll X Y up|down|left|right [N]" ;;
	wait-gone) (($# == 0)) || bad "wait-gone takes nothing" ;;
	click-image) [[ $# == 1 && $1 == *.png ]] || bad "click-image TEMPLATE.png"
		[[ -n $update || -r $(path "$1") ]] || bad "cannot read $1" ;;
	assert-screen) [[ $# -ge 1 && $1 == *.png ]] || bad "assert-screen REF.png [options]"
		[[ -n $update || -r $(path "$1") ]] || bad "cannot read $1 (--update writes it)"
		[[ ! -e $(path "$1") ]] || is_png "$(path "$1")" || bad "$1 is not a PNG file"
		shift
		while (($#)); do
			case $1 in
			--frame | --screen) shift ;;
			--tolerance | --timeout) [[ ${2:-} =~ $N ]] || bad "$1 N"; shift 2 ;;
			--mask) [[ -r $(path "${2:-}") ]] || bad "cannot read mask ${2:-}"
				is_png "$(path "$2")" || bad "mask $2 is not a PNG file"
				shift 2 ;;
			*) bad "assert-screen: unknown option $1" ;;
			esac
		done ;;
	close) (($# == 0)) || bad "close takes nothing" ;;
	*) bad "unknown step '$verb'" ;;
	esac
}
path() { [[ $1 == /* ]] && echo "$1" || echo "$dir/$1"; }
is_png() { [[ $(head -c 4 "$1" 2>/dev/null | tail -c 3) == PNG ]]; }

need_window() { [[ -n $win ]] || { echo "no current window (wait-window first)"; return 1; }; }
# chord KEY: a keysym tapped, or a chord (ctrl+shift+t): the modifiers
# (ctrl, shift, alt, super, or any keysym) pressed in turn, the last key
# tapped, the modifiers released; says which name the keymap lacks.
chord() {
	local parts k i last bad_k='' down=()
	IFS=+ read -r -a parts <<<"$1"
	last=$((${#parts[@]} - 1))
	for ((i = 0; i <= last; i++)); do
		case ${parts[i],,} in
		ctrl | control) k=Control_L ;;
		shift) k=Shift_L ;;
		alt) k=Alt_L ;;
		super | win) k=Super_L ;;
		*) k=${parts[i]} ;;
		esac
		if ((i < last)); then
			ctl key "$k" press >/dev/null 2>&1 || { bad_k=$k; break; }
			down+=("$k")
		else
			ctl key "$k" tap >/dev/null 2>&1 || bad_k=$k
		fi
	done
	for ((i = ${#down[@]} - 1; i >= 0; i--)); do
		ctl key "${down[i]}" release >/dev/null 2>&1
	done
	[[ -z $bad_k ]] && return 0
	echo "key $1: no key '$bad_k' in the keymap (a keysym name: a, Return, F1, Control_L; in a chord also ctrl, shift, alt, super)"
	return 1
}
content_origin() { # x y of the current window's content: numbers, or nothing
	# the daemon's fields only: the title comes last, the domain's own words
	# (hostile-domain trial 19 F2: a title word x=BASH_VERSINFO[$(CMD)] was
	# taken as x, and bash's arithmetic ran CMD on the host)
	ctl windows | awk -v d="$wdom" -v id="$win" '$1 == d && $2 == id {
		for (i = 3; i <= NF && $i !~ /^title=/; i++) {
			split($i, kv, "="); if (!(kv[1] in v)) v[kv[1]] = kv[2] }
		if (v["x"] ~ /^-?[0-9]+$/ && v["y"] ~ /^-?[0-9]+$/) print v["x"], v["y"]; exit }'
}
run_step() { # verb args...: prints why on failure
	local verb=$1
	shift
	case $verb in
	size | domain | clock) ;;
	timeout) wait=$1 ;;
	start)
		local d=$1 e
		shift
		read -r -a e <<<"$(app_env)"
		# the faked time given apart: it has a space, env(1) splits no words
		[[ ${e[*]} == *LD_PRELOAD* ]] && e+=("FAKETIME=$clock_at")
		e+=("VT_SCRIPT_DIR=$dir")
		local ros=() p
		while IFS= read -r p; do # ro=PATH: read-only at the same path in the sandbox
			[[ -n $p ]] || continue
			[[ $p == /* ]] || p=$dir/$p
			ros+=(--ro "$p")
		done <<<"${ro[$d]:-}"
		[[ $clock == real ]] || faketime_lib >/dev/null || {
			[[ $clock == frozen ]] && { echo "clock frozen: libfaketime is not installed"; return 1; }
			echo "the clock is not frozen: libfaketime (Debian: faketime) is not installed"
		}
		# Xft.dpi exactly 96 (else Xft takes it from the screen's size in
		# millimetres, rounded: a hair different for every screen size)
		local dpi='echo "Xft.dpi: 96" | xrdb -nocpp -merge; '
		local how=${sandbox[$d]:-auto}
		if [[ $how == yes ]] && ! sandbox_usable; then
			echo "$d: sandbox=yes, but $sandbox_why"
			return 1
		elif [[ $how == auto ]] && ! sandbox_usable; then
			[[ -n ${display[$d]:-} ]] || echo "$d: no sandbox ($sandbox_why): a bare X server"
			how=no
		elif [[ $how == no && -z ${display[$d]:-} ]]; then
			echo "$d: no sandbox (sandbox=no): a bare X server"
		fi
		if [[ $how == no ]]; then
			start_domain "$d" || return 1
			mkdir -p "$state/home-$d"
			# a process group of its own (cleanup), and the script's own
			# session bus, not the caller's (it had accessibility services
			# started there that outlived the test)
			start_bus
			# shellcheck disable=SC2016 # $1: the inner shell's
			(cd "$state/home-$d" && exec setsid env DBUS_SESSION_BUS_ADDRESS="$bus" \
				DISPLAY="${display[$d]}" XDG_CACHE_HOME="$state/cache" "${e[@]}" \
				sh -c "$dpi"'exec sh -c "$1"' - "$*" >>"$state/app-$d.log" 2>&1) &
		else
			[[ -d $state/home-$d ]] || echo "$d: in a sandbox of its own (vitrine run)"
			mkdir -p "$state/home-$d"
			# nothing of the host but conf/ (not the script's directory: in
			# /tmp or a home, that would be the host's X sockets and files)
			# shellcheck disable=SC2016 # $0, $1: the inner shell's
			"$bin/vitrine" run --runtime-dir "$state/run" --domain "$d" \
				--home "$state/home-$d" --ro "$state/conf" "${ros[@]}" -- \
				env "${e[@]}" sh -c "$dpi"'exec sh -c "$1"' - "$*" \
				>>"$state/app-$d.log" 2>&1 &
		fi
		echo $! >>"$state/pids"
		echo $! >>"$state/apps-$d" ;;
	wait-window)
		local d=$1
		shift
		local title=$* cp gone=
		"$bin/vitrinectl" --socket "$state/run/control.sock" --timeout "$wait" \
			wait-window "$d" "$title" >/dev/null & # (killed below: not a subshell)
		cp=$!
		# no waiting out the timeout for an application that has gone
		while kill -0 "$cp" 2>/dev/null; do
			apps_alive "$d" || { gone=1; kill "$cp" 2>/dev/null; }
			sleep 0.2
		done
		wait "$cp" 2>/dev/null || {
			if [[ -n $gone ]]; then
				echo "no window of $d titled '$title': its applications exited"
			else
				echo "no window of $d titled '$title' within ${wait}s"
			fi
			# why: what its applications (and their sandbox) said, and
			# the windows the daemon has
			tail -n 5 "$state/app-$d.log" 2>/dev/null | sed 's/^/app: /'
			ctl windows 2>/dev/null | sed 's/^/windows: /'
			return 1
		}
		# the topmost one shown (the list goes bottom to top), as
		# wait-window waited for: a window shown with its pixels
		# (mapped=1 and pixels=1 among the daemon's fields, not in the title)
		win=$(ctl windows | awk -v d="$d" -v t="$title" '$1 == d && (k = index($0, " title=\"")) {
			pre = substr($0, 1, k); s = substr($0, k + 8)
			if (pre ~ / mapped=1 / && pre ~ / pixels=1 / && index(s, t)) id = $2 }
			END { print id }')
		wdom=$d
		ctl focus "$wdom" "$win" >/dev/null ;;
	wait-idle)
		need_window || return 1
		local cp gone=
		"$bin/vitrinectl" --socket "$state/run/control.sock" --timeout "$wait" \
			wait-idle "$wdom" "${1:-500}" >/dev/null &
		cp=$!
		# applications that exited (a click on a dialog's OK) are idle for
		# good: no waiting out the timeout (new-user trial 5)
		while kill -0 "$cp" 2>/dev/null; do
			apps_alive "$wdom" || { gone=1; kill "$cp" 2>/dev/null; }
			sleep 0.2
		done
		wait "$cp" 2>/dev/null && return 0
		[[ -z $gone ]] || { echo "$wdom: its applications exited: idle for good"; return 0; }
		echo "$wdom was not idle within ${wait}s"
		return 1 ;;
	type) ctl type "$*" >/dev/null ;;
	key) local k; for k; do chord "$k" || return 1; done ;;
	double-click | drag | scroll)
		need_window || return 1
		local o i
		read -r -a o <<<"$(content_origin)"
		((${#o[@]} == 2)) || { echo "the window ($wdom's $win) is gone"; return 1; }
		case $verb in
		double-click)
			ctl click $((o[0] + $1)) $((o[1] + $2)) >/dev/null &&
				ctl click $((o[0] + $1)) $((o[1] + $2)) >/dev/null ;;
		drag)
			ctl drag $((o[0] + $1)) $((o[1] + $2)) $((o[0] + $3)) $((o[1] + $4)) "${5:-1}" \
				>/dev/null ;;
		scroll)
			for ((i = 0; i < ${4:-1}; i++)); do
				ctl scroll $((o[0] + $1)) $((o[1] + $2)) "$3" >/dev/null || return 1
			done ;;
		esac ;;
	wait-gone)
		[[ -n $gone_win ]] || { echo "no window closed (close first)"; return 1; }
		local deadline=$((SECONDS + wait)) list
		while list=$(ctl windows) || { echo "the daemon did not answer"; return 1; }
			awk -v d="$gone_dom" -v id="$gone_win" '$1 == d && $2 == id { f = 1 } END { exit !f }' <<<"$list"; do
			((SECONDS < deadline)) || { echo "$gone_dom's window $gone_win is still there after ${wait}s"; return 1; }
			sleep 0.1
		done ;;
	click)
		need_window || return 1
		local o
		read -r -a o <<<"$(content_origin)"
		((${#o[@]} == 2)) || { echo "the window ($wdom's $win) is gone"; return 1; }
		ctl click $((o[0] + $1)) $((o[1] + $2)) "${3:-1}" >/dev/null ;;
	click-image)
		need_window || return 1
		local at
		local found
		found=$(ctl find-image "$(path "$1")" --window "$wdom" "$win" --no-decorations) ||
			{ echo "$1 not seen in the window (best: ${found:-none})"; return 1; }
		read -r -a at <<<"$found"
		ctl click "${at[0]}" "${at[1]}" >/dev/null ;;
	assert-screen)
		local ref name=$1 what=(--window "$wdom" "$win" --no-decorations) opts=()
		ref=$(path "$1")
		shift
		while (($#)); do
			case $1 in
			--screen) what=(); shift ;;
			--frame) what=(--window "$wdom" "$win"); shift ;;
			--mask) opts+=(--mask "$(path "$2")"); shift 2 ;;
			*) opts+=("$1" "$2"); shift 2 ;;
			esac
		done
		((${#what[@]} == 0)) || need_window || return 1
		if [[ -n $update ]]; then
			ctl --timeout "$wait" wait-idle "$wdom" 500 >/dev/null 2>&1
			# a reference that still matches stays as it is: only what
			# changed is written, and said (new-user trial 6: every
			# reference rewritten, an unnoticed change accepted with the rest)
			local was=''
			if [[ -e $ref ]]; then
				was=$(ctl assert-screen "$ref" "${what[@]}" "${opts[@]}" --timeout 0 2>&1) &&
					return 0
				was=${was#assert-screen: }
				was=" (it differed: ${was%%; wrote *})"
			fi
			ctl assert-screen "$ref" "${what[@]}" --update >/dev/null || return 1
			echo "updated $name$was"
			# a window's content of one colour: often not drawn yet
			# (GTK 4's first frame came after wait-idle: the reference
			# was a black window, and matched itself ever after)
			local probe
			[[ -z $win ]] || probe=$(ctl assert-screen "$state/probe.png" --window "$wdom" "$win" \
				--no-decorations --update 2>/dev/null)
			if [[ $probe == *"all one colour: "* ]]; then
				probe=${probe##*: }
				echo "warning: the window's content is all one colour (${probe%)}): has $wdom drawn yet? (a longer wait-idle MS before it)"
			fi
		else
			ctl assert-screen "$ref" "${what[@]}" --timeout "$wait" "${opts[@]}"
		fi ;;
	close)
		need_window || return 1
		ctl close "$wdom" "$win" >/dev/null
		gone_dom=$wdom gone_win=$win win= ;;
	esac
}
