#!/bin/bash
# attack-dbuf: double buffering's guest input (docs/attacks.md, "Double
# buffering: PRESENT"), acted out by tests/clients/vt-hostile.py on domain
# untrusted's socket: a two-frame (X2) buffer shown frame by frame, the frame
# shown held (FRAME_DONE only for the one before), and each hostile PRESENT
# or X2 BUFFER cutting the domain off with one log line.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

start_daemon --size 800x600 --domain untrusted,label=red,tint=none

# ---- PRESENT (double buffering, docs/attacks.md): two frames, the one shown held
say "PRESENT: two-frame buffers"
hostile_start db untrusted window
wait_pixels untrusted 1
hostile db "create 9 300 300 100 80"
hostile db "buffer2 9 100 80 ff0000 0000ff"
hostile db "map 9"
hostile db "damage 9 0 0 100 80"
hostile db "present 9 1 0"
wait_content untrusted 9 ff0000 present-0 >/dev/null
hostile db "damage 9 0 0 100 80"
hostile db "present 9 2 1"
wait_content untrusted 9 0000ff present-1 >/dev/null
deadline=$((SECONDS + VT_TIMEOUT))
until [[ -n $(hostile_got db '^got FRAME_DONE 9 seq=1$') ]]; do
	((SECONDS < deadline)) || fail "frame 0 (seq 1) was not freed once frame 1 was shown (log $T/db.log)"
	sleep 0.05
done
[[ -z $(hostile_got db '^got FRAME_DONE 9 seq=2$') ]] || fail "the frame shown (seq 2) was freed"
check "an X2 buffer: frame 0 shown (red), then frame 1 (blue); FRAME_DONE for frame 0 only"
# dbuf_cut WHY COMMAND...: after the commands on the holding connection db,
# untrusted is cut off with one violation line matching WHY
dbuf_cut() {
	local re=$1 before why n c
	shift
	violation_count_to before untrusted
	for c in "$@"; do
		hostile db "$c"
	done
	wait_connected untrusted 0
	next_violation_to why untrusted "$before"
	[[ $why =~ $re ]] || fail "$*: violation '$why' does not match /$re/"
	violation_count_to n untrusted
	((n == before + 1)) || fail "$*: $((n - before)) violation lines for one cut-off"
	hostile_stop db
	wait_gone untrusted
	check "${*: -1}: untrusted cut off, one log line: violation: $why"
}
dbuf_cut 'PRESENT into a frame the daemon still holds' "present 9 3 1"
# (index 2^32-1 and FRAME for a two-frame window: unit test-dbuf)
for bad in "present 9 1 2|frame index out of range" "present 7 1 0|without a two-frame buffer"; do
	hostile_start db untrusted window
	wait_pixels untrusted 1
	hostile db "create 9 300 300 100 80"
	hostile db "buffer2 9 100 80 ff0000 0000ff"
	dbuf_cut "${bad#*|}" "${bad%%|*}"
done
hostile_start db untrusted window
wait_pixels untrusted 1
hostile db "create 9 300 300 100 80"
dbuf_cut 'smaller than stride \* height \* frames' "buffer2 9 100 80 ff0000 0000ff 32000"
daemon_ok "PRESENT violations"

finish
