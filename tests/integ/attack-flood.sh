#!/bin/bash
# attack-flood: ATTACKS.md row 5 (flood: thousands of windows, huge windows,
# endless damage, answers never read) against the quotas of DESIGN promise 6,
# acted out by tests/clients/vt-hostile.py on domain untrusted's socket
# (max_windows=64, max_buffer_mb=16) while domain work (a real agent,
# vt-pattern, vt-keylog) goes on.
#
# A request over a quota is refused with a log line (rate-limited: ATTACKS
# row 19) and the domain stays connected; a domain that does not read what
# the daemon sends is cut off at the send-queue quota. Meanwhile work keeps
# drawing and getting the user's keys (each wait bounded by VT_TIMEOUT; the
# times are reported, `make bench` measures them), and the daemon answers
# its control socket.
# Clipboard data nobody asked for (the row's last case): attack-clipboard.sh.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

start_daemon --size 1280x800 --domain work,label=blue \
	--domain untrusted,label=red,tint=none,max_windows=64,max_buffer_mb=16
start_xvfb DW
start_keylog work "$DW"
start_agent work "$DW"
start_pattern w "$DW" --pattern solid --color 00ff00 --geometry 200x150+40+60 --title steady
wait_pixels work 1
other_ok work w start
geometry

# ms_since T0: milliseconds since T0 (an $EPOCHREALTIME value)
ms_since() {
	local now=${EPOCHREALTIME/./} then=${1/./}
	echo $(((now - then) / 1000))
}
# timed_other_ok WHAT: other_ok (each of its waits bounded by VT_TIMEOUT),
# and how long it took, reported. How fast is `make bench`'s business (its
# flood workload), not a test's: a machine under load must not fail it.
timed_other_ok() {
	local t0=$EPOCHREALTIME ms
	other_ok work w "$1"
	ms=$(ms_since "$t0")
	say "$1: work's colour change and key marker took $ms ms"
}

# ---- thousands of windows: the window quota
say "row 5: 3000 CREATEs in one write, the first 64 mapped"
before=$(violation_count untrusted)
hostile_start fw untrusted row5 windows 3000 64
deadline=$((SECONDS + VT_TIMEOUT))
until [[ $(domain_field untrusted windows) == 64 ]]; do
	((SECONDS < deadline)) || fail "untrusted has $(domain_field untrusted windows) windows, expected the quota, 64"
	sleep 0.05
done
ctl --timeout "$VT_TIMEOUT" wait-idle untrusted 200 >/dev/null
[[ $(domain_field untrusted windows) == 64 ]] || fail "untrusted went past its quota: $(domain_field untrusted windows) windows"
[[ $(domain_field untrusted connected) == 1 ]] || fail "untrusted was disconnected at its window quota"
(($(violation_count untrusted) == before)) || fail "the window quota was logged as a violation"
assert_log "$VT_DAEMON_LOG" 'domain untrusted: window quota \(64\) reached; window 164 refused'
[[ -z $(win_line_id untrusted 3099) ]] || fail "refused window 3099 is listed"
# row 19: the refusals are logged at most RATELOG_BURST (5) at a time
n=$(count_log "$VT_DAEMON_LOG" 'window quota')
((n >= 1 && n <= 5)) || fail "the daemon logged $n 'window quota' lines for 2936 refusals (at most 5)"
check "row 19: 2936 refusals at the window quota, $n log lines"
check "64 windows, the 2936 others refused (logged, rate-limited); TITLE, MAP, BUFFER, DAMAGE for refused 3099 ignored; still connected"
nmapped=$(win_lines | grep -c '^untrusted .* mapped=1 ' || true)
((nmapped == 64)) || fail "$nmapped of untrusted's windows mapped, expected 64"
s=$(shot windows-flood)
check_frame_id untrusted 100 red "$s"
check_frame_id untrusted 163 red "$s"
timed_other_ok "64 windows mapped"
# the quota is of windows that exist: one destroyed, one more allowed
hostile fw "destroy 100"
hostile fw "create 5000 900 100 120 80"
hostile fw "buffer 5000 120 80 ff00ff"
hostile fw "map 5000"
hostile fw "damage 5000 0 0 120 80"
wait_win untrusted 5000 mapped=1 pixels=1
[[ $(domain_field untrusted windows) == 64 ]] || fail "after destroy + create: $(domain_field untrusted windows) windows"
s=$(wait_content untrusted 5000 ff00ff window-5000)
check_frame_id untrusted 5000 red "$s"
check "after a DESTROY the quota lets one more window in"
hostile_stop fw
wait_gone untrusted
wait_connected untrusted 0

# ---- huge windows: the buffer quota
say "row 5: buffers over the 16 MiB quota"
before=$(violation_count untrusted)
hostile_start bb untrusted row5 bigbuf 10
wait_pixels untrusted 1
ctl --timeout "$VT_TIMEOUT" wait-idle untrusted 200 >/dev/null
assert_log "$VT_DAEMON_LOG" 'domain untrusted: buffer quota reached; window 8 keeps its old buffer'
assert_log "$VT_DAEMON_LOG" 'domain untrusted: buffer quota reached; window 9 keeps its old buffer'
for serial in 8 9; do
	[[ -n $(hostile_got bb "^got RELEASE $serial serial=$serial\$") ]] ||
		fail "no RELEASE serial=$serial for the refused buffer (log $T/bb.log)"
done
check "the buffers over the quota (10 MiB more, then 256 MiB) are refused with a log line and RELEASE"
wait_win untrusted 7 pixels=1
wait_win untrusted 8 mapped=1 pixels=0
wait_win untrusted 9 mapped=1 pixels=0
s=$(wait_content untrusted 7 00ff00 bigbuf)
for id in 7 8 9; do
	check_frame_id untrusted "$id" red "$s" >/dev/null
done
check "window 7 shows its buffer, 8 and 9 none; all three frames exact"
# a smaller buffer for 7 gives the quota back: 8's buffer fits now
hostile bb "buffer 7 200 200 0000ff 3"
hostile bb "damage 7 0 0 200 200"
hostile bb "buffer 8 1000 2620 ffff00 4"
hostile bb "damage 8 0 0 200 200"
wait_win untrusted 8 pixels=1
s=$(wait_content untrusted 8 ffff00 bigbuf-8)
expect_rect "$s" "$(win_field_id untrusted 7 x)" "$(win_field_id untrusted 7 y)" 200 200 0000ff "window 7's new buffer"
check "a smaller buffer for window 7 gave back its quota: window 8's 10 MiB buffer fits"
[[ $(domain_field untrusted connected) == 1 ]] || fail "untrusted was disconnected at its buffer quota"
(($(violation_count untrusted) == before)) || fail "the buffer quota was logged as a violation"
timed_other_ok "buffer quota"
hostile_stop bb
wait_gone untrusted
wait_connected untrusted 0

# ---- endless damage: others keep their frame rate and input latency
say "row 5: endless damage"
hostile_start fl untrusted window
wait_pixels untrusted 1
d0=$(win_field_id untrusted 7 damage)
# the flood lasts until the checks are done (`stop`; at most secs)
secs=$((VT_TIMEOUT * 6))
co_send fl "flood 7 $secs"
t0=$SECONDS
for i in 1 2 3; do
	timed_other_ok "damage flood ($i)"
	t1=$EPOCHREALTIME
	ctl domains >/dev/null
	say "the control socket answered during the flood in $(ms_since "$t1") ms"
done
co_send fl stop
co_read fl l $((secs + VT_TIMEOUT))
[[ $l == sent* ]] || fail "flood: '$l'"
d1=$(win_field_id untrusted 7 damage)
say "untrusted sent ${l#sent } damage messages in $((SECONDS - t0)) s; the daemon applied $((d1 - d0)) so far"
ctl --timeout "$VT_TIMEOUT" wait-idle untrusted 100 >/dev/null
d1=$(win_field_id untrusted 7 damage)
((d1 - d0 == ${l#sent })) || fail "the daemon applied $((d1 - d0)) damage messages of ${l#sent }"
s=$(shot flood-after)
check_frame_id untrusted 7 red "$s"
check "endless damage: every message applied, work drew and got keys each time"
# 1x1 rectangles 2 px apart: the damaged region is as complex as it gets
hostile fl "create 8 270 50 1000 700"
hostile fl "buffer 8 1000 700 ff00ff"
hostile fl "map 8"
hostile fl "damage 8 0 0 1000 700"
wait_pixels untrusted 2
d0=$(win_field_id untrusted 8 damage)
co_send fl "flood 8 $secs scatter"
for i in 1 2; do
	timed_other_ok "scattered damage flood ($i)"
done
co_send fl stop
co_read fl l $((secs + VT_TIMEOUT))
[[ $l == sent* ]] || fail "flood: '$l'"
ctl --timeout "$VT_TIMEOUT" wait-idle untrusted 100 >/dev/null
d1=$(win_field_id untrusted 8 damage)
((d1 - d0 == ${l#sent })) || fail "the daemon applied $((d1 - d0)) scattered damage messages of ${l#sent }"
s=$(wait_content untrusted 8 ff00ff flood-scatter)
check_frame_id untrusted 8 red "$s"
check "${l#sent } scattered 1x1 damage messages: every one applied, work drew and got keys each time"
hostile_stop fl
wait_gone untrusted

# ---- FRAME (the buffer hand-off, docs/attacks.md) flooded: legal, answered, coalesced
say "FRAME floods"
before=$(violation_count untrusted)
hostile_start fr untrusted window
wait_pixels untrusted 1
hostile fr "frames 7 20000"
hostile fr "create 9 300 300 100 80"
hostile fr "frames 9 1 777"
timed_other_ok "FRAME flood"
deadline=$((SECONDS + VT_TIMEOUT))
until [[ -n $(hostile_got fr '^got FRAME_DONE 7 seq=20000$') &&
	-n $(hostile_got fr '^got FRAME_DONE 9 seq=777$') ]]; do
	((SECONDS < deadline)) || fail "the last FRAMEs (7: 20000, 9: 777) were not answered (log $T/fr.log)"
	sleep 0.05
done
n=$(hostile_got fr '^got FRAME_DONE 7 ' | wc -l)
((n >= 1 && n < 20000)) || fail "20000 FRAMEs for window 7 got $n answers, expected fewer (one per batch at most)"
(($(violation_count untrusted) == before)) || fail "a FRAME flood was a violation: $(tail -n 3 "$VT_DAEMON_LOG")"
check "20000 FRAMEs for window 7: the last answered, $n answers in all (coalesced); FRAME for a window not shown: answered at once; work drew and got keys"
hostile_stop fr
wait_gone untrusted

# ---- answers never read: the send queue quota cuts it off
expect_cut_off untrusted 'does not read its messages \(send queue full\)' row5 noread 400000
timed_other_ok "send queue quota"

finish
