#!/bin/bash
# run-bind-race: what `vitrine run` judges of a --ro, --rw or --home path is
# what the sandbox gets. A link on the path is turned, all the while, between
# a folder that may be given and another domain's home (a domain that can
# write where the user's path leads can do that): each run is refused, or
# its sandbox sees the allowed folder; never the other domain's files
# (hostile-domain trial 11 #6: the path was judged, then handed to bwrap by
# name, which followed the link as it was by then).
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

command -v bwrap >/dev/null || fail "bwrap is not installed (tools/install-deps)"
start_xvfb DESK 800x600
start_daemon_x11 "$DESK" --domain work,label=blue
vrun() { HOME=$T/home "$VT_BIN/vitrine" run --runtime-dir "$RUN" "$@"; }
theirs=$T/home/.local/share/vitrine/domains/work/home
mkdir -p "$theirs" "$T/ok" "$T/mine"
echo "work's secret" >"$theirs/secret.txt"
echo "allowed" >"$T/ok/secret.txt"
echo "allowed" >"$T/mine/secret.txt"

# turn LINK between A and B without end (a rename: the link is always there)
cat >"$T/flip.py" <<'EOF'
import os, sys
link, a, b = sys.argv[1:4]
tmp = link + ".new"
while True:
    for t in (a, b):
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        os.symlink(t, tmp)
        os.replace(tmp, link)
EOF
bg flip "$T/flip.log" /usr/bin/python3 "$T/flip.py" "$T/link" "$T/ok" "$theirs"
bg hflip "$T/hflip.log" /usr/bin/python3 "$T/flip.py" "$T/hlink" "$T/mine" "$theirs"
for ((i = 0; i < 100; i++)); do
	[[ -L $T/link && -L $T/hlink ]] && break
	sleep 0.05
done

refused=0 shown=0
for i in 1 2 3 4 5 6 7 8; do
	if ((i % 2)); then
		args=(--ro "$T/link") path=$T/link/secret.txt
	else
		args=(--home "$T/hlink") path=\$HOME/secret.txt
	fi
	rc=0
	got=$(vrun --domain "r$i" "${args[@]}" -- sh -c "cat $path" </dev/null 2>&1) || rc=$?
	[[ $got != *"work's secret"* ]] ||
		fail "run $i (${args[*]}): the sandbox read work's home: '$got'"
	if ((rc == 0)); then
		[[ $got == allowed ]] || fail "run $i (${args[*]}): exit 0 with '$got'"
		shown=$((shown + 1))
	else
		[[ $got == *"it would bring "*"into the sandbox"* ]] ||
			fail "run $i (${args[*]}): exit $rc, '$got'"
		refused=$((refused + 1))
	fi
done
for ((i = 0; i < 200; i++)); do # each sandbox ends with its command
	compgen -G "$RUN/sandbox-r*.sock" >/dev/null || break
	sleep 0.05
done
check "8 runs with --ro or --home through a link turned between an allowed folder and work's home: $shown saw the allowed folder, $refused were refused, none saw work's files"
echo "figure: bind-race allowed=$shown refused=$refused"

# vitrine run with its standard descriptors closed: a path's descriptor is
# never 0, 1 or 2, which the sandbox's keeper makes its own (review: with
# stdout closed, --rw DIR was the keeper's log inside, with stdin closed
# --ro DIR was /dev/null)
mkdir -p "$T/rwd"
vrun --domain fdc --rw "$T/rwd" -- sh -c "echo inside >$T/rwd/out" <&- >&- 2>"$T/fdc.err" ||
	fail "vitrine run with stdin and stdout closed: $(cat "$T/fdc.err")"
[[ $(cat "$T/rwd/out" 2>/dev/null) == inside ]] ||
	fail "--rw $T/rwd with stdin and stdout closed: not the folder inside ($(ls -la "$T/rwd"); log: $(tail -n 3 "$RUN/sandbox-fdc.log"))"
check "vitrine run with stdin and stdout closed: --rw DIR is DIR inside (a file written there is in it)"
finish
