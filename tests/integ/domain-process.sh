#!/bin/bash
# domain-process: each domain's connection is served by a sandboxed process
# of its own (issue 12; docs/security.md "One process per domain"). Its
# process holds nothing but its two sockets; killing it with SIGSEGV cuts off
# that domain alone (its agent comes back with a new one); stopping it with
# SIGSTOP stalls that domain alone. Meanwhile domain work draws and gets the
# user's keys (other_ok).
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

start_daemon --size 1280x800 --domain work,label=blue --domain untrusted,label=red,tint=none
start_xvfb DW
start_xvfb DU
start_keylog work "$DW"
start_agent work "$DW"
start_agent untrusted "$DU"
start_pattern w "$DW" --pattern solid --color 00ff00 --geometry 200x150+40+60 --title steady
start_pattern u "$DU" --pattern solid --color ffff00 --geometry 200x150+600+300 --title victim
idu=${PAT_ID[u]}
wait_pixels work 1
wait_pixels untrusted 1
other_ok work w start

# pid_of DOMAIN: its domain process, once the spawner said which
pid_of() {
	local p deadline=$((SECONDS + VT_TIMEOUT))
	while :; do
		p=$(domain_field "$1" pid)
		[[ $p != 0 ]] && break
		((SECONDS < deadline)) || fail "domain $1 has no domain process (pid=0)"
		sleep 0.1
	done
	echo "$p"
}
pw=$(pid_of work)
pu=$(pid_of untrusted)
((pw != pu && pw != VT_DAEMON_PID && pu != VT_DAEMON_PID)) ||
	fail "work ($pw), untrusted ($pu) and the daemon ($VT_DAEMON_PID) are not three processes"
# what ps shows of them: their own domain's name (new-user trial 7: every
# domain process showed the daemon's command line)
for dp in "work $pw" "untrusted $pu"; do
	read -r d p <<<"$dp"
	shown=$(ps -o args= -p "$p")
	[[ $shown == "vitrine-daemon: domain process of $d" ]] || fail "ps shows $d's domain process as: $shown"
done
check "ps shows each domain process by its domain: $(ps -o args= -p "$pw"); $(ps -o args= -p "$pu")"
for p in "$pw" "$pu"; do
	[[ $(awk '/^Seccomp:/ {print $2}' "/proc/$p/status") == 2 ]] ||
		fail "domain process $p is not under a seccomp filter: $(grep Seccomp "/proc/$p/status")"
	# nothing but stderr and its two sockets: no file, no other domain's
	# connection or buffer, no desktop connection
	fds=$(find "/proc/$p/fd" -mindepth 1 -printf '%f ' | wc -w)
	socks=$(find "/proc/$p/fd" -mindepth 1 -lname 'socket:*' | wc -l)
	((fds <= 3 && socks == 2)) || fail "domain process $p holds $fds descriptors ($socks sockets): $(ls -l "/proc/$p/fd")"
	! grep -q 'memfd:' "/proc/$p/maps" || fail "domain process $p keeps a window buffer mapped"
done
check "work ($pw) and untrusted ($pu) each have a domain process: seccomp on, two sockets and stderr, no buffers"

say "SIGSEGV to untrusted's domain process $pu"
gone=$(count_log "$VT_DAEMON_LOG" 'domain untrusted: disconnected')
kill -SEGV "$pu"
# its windows go (its agent, retrying, may bring them back at once)
assert_log "$VT_DAEMON_LOG" 'domain untrusted: disconnected' $((gone + 1))
if [[ $VITRINE_BUILD == *asan* ]]; then
	# ASan catches the SIGSEGV itself and reports (its report's calls
	# outside the sandbox end it with SIGSYS)
	assert_log "$VT_DAEMON_LOG" "domain untrusted: its domain process $pu (died of signal|exited with status)"
else
	assert_log "$VT_DAEMON_LOG" "domain untrusted: its domain process $pu died of signal 11"
fi
[[ -n $(win_line_id work "${PAT_ID[w]}") ]] || fail "work's window went with untrusted's domain process"
other_ok work w "untrusted's domain process killed"
# its agent reconnects: a new domain process, its window back
wait_pixels untrusted 1
pu2=$(pid_of untrusted)
((pu2 != pu)) || fail "untrusted is served by the killed process $pu again"
s=$(wait_content untrusted "$idu" ffff00 back)
check_frame_id untrusted "$idu" red "$s"
check "untrusted came back with a new domain process ($pu2), its window drawn in its frame"

say "SIGSTOP to untrusted's domain process $pu2"
kill -STOP "$pu2"
d=$(win_field_id untrusted "$idu" damage)
pat u color ff00ff # stalls in the stopped process
other_ok work w "untrusted's domain process stopped (1)"
other_ok work w "untrusted's domain process stopped (2)"
[[ $(win_field_id untrusted "$idu" damage) == "$d" ]] || fail "untrusted drew through a stopped domain process"
[[ $(domain_field untrusted connected) == 1 ]] || fail "untrusted was cut off while stalled"
check "while untrusted's domain process is stopped, its window does not change and work draws and gets keys"
kill -CONT "$pu2"
wait_damage untrusted "$idu" $((d + 1))
s=$(wait_content untrusted "$idu" ff00ff resumed)
check_frame_id untrusted "$idu" red "$s"
check "after SIGCONT untrusted draws again (#ff00ff)"

# the user's cut-off (the emergency hotkey) takes its domain process with it
ctl focus untrusted "$idu" >/dev/null
for k in Control_L Alt_L Shift_L; do ctl key $k press >/dev/null; done
ctl key Escape >/dev/null
for k in Shift_L Alt_L Control_L; do ctl key $k release >/dev/null; done
wait_gone untrusted
wait_connected untrusted 0
deadline=$((SECONDS + VT_TIMEOUT))
while [[ -e /proc/$pu2 && $(awk '/^State:/ {print $2}' "/proc/$pu2/status" 2>/dev/null) != Z ]]; do
	((SECONDS < deadline)) || fail "untrusted's domain process $pu2 outlived its cut-off"
	sleep 0.1
done
check "cut off by the user: its domain process $pu2 is gone"
ctl unblock untrusted >/dev/null

finish
