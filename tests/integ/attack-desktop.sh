#!/bin/bash
# attack-desktop: ATTACKS rows 15, 21 and 22 (issue 14 items 1, 2): a
# hostile agent's cursors and icons. A cursor shape outside the fixed set, an
# icon over 256 a side, one whose length is not its size, 0xN, a body over
# the largest icon's: each a violation, cut off with one line. Icons past the
# domain's icon quota are refused, with rate-limited log lines naming the
# domain, and counted: the 101st within 10 s cuts it off. The other domain,
# a real agent, keeps drawing and getting keys throughout.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

start_daemon --size 1280x800 --domain work,label=blue --domain untrusted,label=red
start_xvfb DW
start_keylog work "$DW"
start_agent work "$DW"
start_pattern w "$DW" --pattern solid --color 00ff00 --geometry 200x150+400+560 --title steady
wait_pixels work 1
other_ok work w start

expect_cut_off untrusted '^unknown cursor shape' row22 shape 78
expect_cut_off untrusted '^unknown cursor shape' row22 shape 4294967295
expect_cut_off untrusted '^icon size out of range' row21 oversize
expect_cut_off untrusted '^icon size out of range' row21 zero
expect_cut_off untrusted '^ICON length does not match its size' row21 badlen
expect_cut_off untrusted '^icon body too long' row21 toolong

# 16 icons of 256 KiB fill the 4 MiB quota; 120 more (1x1) for window 116
# are refused: the 101st cuts the domain off.
expect_refusals_cut_off '^vitrine-daemon: domain untrusted: window 116: icon of 1x1 refused at the icon quota' \
	"101 icons refused at the quota" \
	untrusted '^repeated refused requests \(icons refused\): 101 in 10 s' row21 quota 120
check "101 icons over the quota: $VT_REFUSAL_LINES log lines naming the domain (rate-limited), then cut off"
other_ok work w "after the icon flood"

finish
