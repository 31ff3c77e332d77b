"""bench/report_md.py: the Markdown of bench/report.py's figures (the table with each issue
15 target and whether it is met, the details, how each figure is measured) and the
README's Performance section."""
import math

README_INTRO = """`make bench` (not part of `make check`; about 8 minutes after installing Xpra) measures
vitrine against Xpra in its local mmap mode and against the machine's memory bandwidth,
the systems taking turns round by round, and writes `bench/results/latest.csv` and
[`bench/results/latest.md`](bench/results/latest.md) (how each figure is measured, and
where the CPU goes). `bench/profile SYSTEM WORKLOAD` runs one workload under perf.
`VB_README=1 make bench` also rewrites this section. `make bench LOAD=1` runs it all beside
a busy loop on one core ([`bench/results/load.md`](bench/results/load.md)). The `met`
column holds issue 15's targets. Where a target is missed, and what was tried:
[`cpu-per-frame.md`](bench/results/cpu-per-frame.md) (where each millisecond goes: three
copies a frame, the application's own among them), [`dbuf.md`](bench/results/dbuf.md) and
[`release.md`](bench/results/release.md) (double buffering; the frame shown before freed early, on x11 too since a lost table entry was found to be the cause of its tears),
[`throttle.md`](bench/results/throttle.md) (holding back an application that outruns the
output: tried, reverted), [`keys.md`](bench/results/keys.md) (a key's system calls,
`VB_STRACE=1 bench/profile x11 keys`), [`scheduling.md`](bench/results/scheduling.md)
(flood under load and keys: the host's scheduler, and what vitrine's side cannot change
there). The figures below are one run; the same host
gave 3.4 times less memory bandwidth in an earlier sitting (cpu-per-frame.md), and the
8× Xpra targets with it. The current figures:
"""


def update_readme(path, md):
    """Replace the body of the '## Performance' section (up to the next '## ' heading)."""
    with open(path) as f:
        text = f.read()
    table = md.split("\nHow each figure is measured")[0].split("\nDetails:")[0].rstrip()
    body = "## Performance\n\n" + README_INTRO + "\n" + table + "\n"
    start = text.find("\n## Performance\n")
    if start < 0:
        text = text.rstrip("\n") + "\n\n" + body
    else:
        nxt = text.find("\n## ", start + 1)
        text = text[:start + 1] + body + (text[nxt:] if nxt >= 0 else "")
    with open(path, "w") as f:
        f.write(text)


def fmt(v, raw_csv=False):
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "—"
    if isinstance(v, int):
        return str(v)
    if raw_csv:
        return "%.6g" % v
    a = abs(v)
    if a >= 100:
        return "%.0f" % v
    if a >= 10:
        return "%.1f" % v
    if a >= 1:
        return "%.2f" % v
    return "%.3f" % v


def markdown(fig, machine, limit):
    def g(w, s, m):
        return fig.get((w, s, m))

    def cell(w, s, m, suffix=""):
        v = g(w, s, m)
        return "—" if v is None else fmt(v) + suffix

    def ratio(w, s, m):
        v = g(w, s, m)
        return "—" if v is None else fmt(v) + "×"

    def met(ok):
        return "n/a" if ok is None else ("yes" if ok else "**no**")

    def check(w, m, test):
        out = []
        for s, short in (("vitrine-x11", "x11"), ("vitrine-headless", "headless")):
            v = g(w, s, m)
            if v is not None:
                out.append("%s %s" % (short, met(test(v, s))))
        return ", ".join(out) or "—"

    xp = lambda w, m: g(w, "xpra", m)  # noqa: E731
    L = []
    L.append("| workload | figure | vitrine x11 | vitrine headless | Xpra | limit "
             "| x11 / Xpra | x11 / limit | target | met |")
    L.append("|---|---|---:|---:|---:|---:|---:|---:|---|---|")

    def row(w, label, m, target, test, lim=True, unit=""):
        L.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            w, label, cell(w, "vitrine-x11", m), cell(w, "vitrine-headless", m),
            cell(w, "xpra", m),
            cell(w.split("-")[0], "limit", m.replace("_own", "")) if lim else "—",
            ratio(w, "vitrine-x11/xpra", m),
            ratio(w, "vitrine-x11/limit", m) if lim else "—", target,
            check(w, m, test) if test else "—"))

    lim = lambda w, m: g(w, "limit", m)  # noqa: E731

    def times(w, m, k, of):  # v within k times of's figure (xpra or limit); None: no figure
        def test(v, s):
            o = of(w, m)
            if not o:
                return None
            return v >= k * o if m == "fps" else v <= k * o
        return test

    row("full1080", "frames/s at the output", "fps", "≥ 8× Xpra", times("full1080", "fps", 8, xp))
    row("full1080", "CPU ms per frame (all processes)", "cpu_per_frame", "≤ 2× limit",
        times("full1080", "cpu_per_frame", 2, lim))
    row("full1080", "CPU ms per frame, the display system's own (less the application's "
        "drawing)", "cpu_per_frame_own", "≤ 2× limit", times("full1080", "cpu_per_frame", 2, lim))
    row("full1080", "frames drawn per frame shown", "drawn_per_shown", "≤ 1.05",
        lambda v, s: v <= 1.05, lim=False)
    row("full2160", "frames/s at the output", "fps", "≥ 8× Xpra", times("full2160", "fps", 8, xp))
    row("full2160", "CPU ms per frame (all processes)", "cpu_per_frame", "≤ 2× limit",
        times("full2160", "cpu_per_frame", 2, lim))
    row("full2160", "CPU ms per frame, the display system's own (less the application's "
        "drawing)", "cpu_per_frame_own", "≤ 2× limit", times("full2160", "cpu_per_frame", 2, lim))
    row("full1080-serial", "frames/s at the output", "fps", "(no target)", None)
    row("full1080-serial", "CPU ms per frame (all processes)", "cpu_per_frame", "(no target)",
        None)
    row("full1080-open", "frames/s at the output", "fps", "(no target)", None)
    row("full1080-open", "CPU ms per frame (all processes)", "cpu_per_frame",
        "≤ 1.5× paced", lambda v, s: g("full1080", s, "cpu_per_frame") is not None
        and v <= 1.5 * g("full1080", s, "cpu_per_frame"))
    row("full1080-open", "CPU ms per frame, the display system's own (less the application's "
        "drawing, the frames it drew for nothing too)", "cpu_per_frame_own", "≤ 1.5× paced",
        lambda v, s: g("full1080", s, "cpu_per_frame_own") is not None
        and v <= 1.5 * g("full1080", s, "cpu_per_frame_own"))
    row("small64", "latency median, ms", "median", "≤ 1", lambda v, s: v <= 1)
    row("small64", "latency p99, ms", "p99", "≤ 3", lambda v, s: v <= 3, lim=False)
    row("keys", "latency median, ms", "median", "≤ 0.2", lambda v, s: v <= 0.2, lim=False)
    row("keys", "latency p99, ms", "p99", "≤ 1", lambda v, s: v <= 1, lim=False)
    row("scroll", "lines/s scrolled (xterm, no jump scroll)", "lines_per_s", "(no target)", None,
        lim=False)
    row("scroll", "CPU ms per 1000 lines (all processes)", "cpu_per_kline", "(no target)", None,
        lim=False)
    row("scroll", "CPU ms per 1000 lines, display only", "cpu_per_kline.display", "(no target)",
        None, lim=False)

    def row2(w, label, m, target, test):
        L.append("| %s | %s | %s | %s | %s | — | — | — | %s | %s |" % (
            w, label, cell(w, "vitrine-x11", m), cell(w, "vitrine-headless", m),
            cell(w, "xpra", m), target, check(w, m, test) if test else "—"))

    row2("scale", "CPU per update, 16×8 windows / 1 window", "cpu_per_update_ratio", "≤ 1.2",
         lambda v, s: v <= 1.2)
    row2("scale", "latency median, 16×8 / 1", "median_ratio", "≤ 1.2", lambda v, s: v <= 1.2)
    row2("scale", "latency p99, 16×8 / 1", "p99_ratio", "≤ 1.2", lambda v, s: v <= 1.2)
    row2("idle", "wake-ups/s, 1 domain (+1 idle neighbour)", "wakeups_per_s", "0",
         lambda v, s: v == 0)
    row2("idle-16x8", "wake-ups/s, 16 domains × 8 windows", "wakeups_per_s", "0",
         lambda v, s: v == 0)
    row2("idle", "CPU ms in %s s, 1 domain" % machine.get("idle_seconds", "10"), "cpu", "0",
         None)
    row2("flood", "small64 median, flooded / quiet", "median_ratio", "≤ 1.2",
         lambda v, s: v <= 1.2)
    row2("flood", "small64 p99, flooded / quiet", "p99_ratio", "≤ 2", lambda v, s: v <= 2)

    app = [(w, g(w, "application-alone", "cpu_per_drawn")) for w in ("full1080", "full2160")]
    if any(v is not None for _, v in app):
        L.append("")
        L.append("The application alone (the probe drawing on an Xvfb of its own, no display "
                 "system): %s ms of CPU per frame it draws (its client and its X server's "
                 "PutImage: one copy of the frame). Every system's \"all processes\" counts "
                 "it once per frame drawn; the \"display system's own\" rows subtract it "
                 "(times frames drawn per frame shown). A display system that copies a frame "
                 "once in the domain and once to the output costs at least 2× the limit on "
                 "its own, 3× with the application's copy." % ", ".join(
                     "%s at %s" % (fmt(v), w) for w, v in app if v is not None))

    head = []
    head.append("Machine: %s, %s cores, %s GiB, %s, kernel %s; Xvfb %s, Xpra %s; vitrine %s; "
                "%s; %s rounds of %s s per system and workload." % (
                    machine.get("cpu", "?"), machine.get("cores", "?"),
                    machine.get("memory_gib", "?"), machine.get("os", "?"),
                    machine.get("kernel", "?"), machine.get("xvfb", "?"),
                    machine.get("xpra", "?"), machine.get("vitrine", "?"),
                    machine.get("date", "?"), machine.get("rounds", "?"),
                    machine.get("seconds", "?")))
    head.append("")
    head.append("Load average before / after the run: %s / %s (anything above 0 is other work "
                "sharing the 2 cores)." % (machine.get("load_before", "?"),
                                          machine.get("load_after", "?")))
    if machine.get("competing"):
        head.append("")
        head.append("**`make bench LOAD=1`**: everything measured beside %s." %
                    machine["competing"])
    notes = """
How each figure is measured (`make bench`; method in bench/run and bench/vb-probe.c):

- One measuring process (bench/vb-probe) holds the connection to the domain's Xvfb, where it
  draws and receives keys, and to where the output is seen, so every latency is one
  CLOCK_MONOTONIC difference. **x11 and Xpra are measured the same way**: a DAMAGE
  (raw rectangles) subscription on the output window on the desktop Xvfb, the event's arrival
  timestamped, then the pixel read back (GetImage) to check it is the new one. **headless**:
  the reply to `wait-damage`, which the daemon sends right after the repaint that included the
  damage (the reply's trip through the control socket is included).
- The three systems run side by side, each on its own Xvfb servers; per round they take turns
  in a rotating order, and the two not measured are stopped (SIGSTOP) meanwhile.
- full1080: a 1920×1080 window redrawn whole (MIT-SHM PutImage of noise, a frame number in
  its corner). *Paced* (full1080): at most 2 frames on their way to the output (x11/Xpra: the
  frame number read back; headless: about one frame per repaint reply). *Serial*: one frame
  at a time, the next drawn once the last is seen (1 / the latency of a whole frame). *Open
  loop*: the client
  draws as fast as its X server takes frames, whether shown or not. Frames/s counts the
  frames painted at the output: x11, Xpra and the application alone: the area the output
  window's DAMAGE events reported over the content, in whole frames (at most the frames
  drawn), or the distinct frame numbers read back after those events if they are more (the
  read-back misses a frame replaced before it read it: at 600 frames/s it saw 4 in 5 on
  x11 and 1 in 2 of the application alone's); headless: repaints that showed new damage (a
  repaint between a reply and the next `wait-damage` is not counted, so this errs low).
  CPU per frame: CPU time
  (schedstat, every thread) of the client, the domain's Xvfb, the agent or Xpra server, the
  daemon or Xpra client, and the desktop Xvfb (headless has none), divided by the frames
  shown. In open loop the client keeps its Xvfb so busy that the agent's (or Xpra server's)
  copies wait their turn in that X server, so fewer frames get through than paced. Its
  "display system's own" row takes off the application's drawing of every frame it drew
  (the application alone's CPU per frame drawn, times frames drawn per frame shown): what
  is left is what the display system spent per frame shown, frames it copied for nothing
  included. The frames the application drew for nothing are its own work: X11 gives a
  display system no way to hold back a client that does not use Present (one tried, and
  why it was dropped: bench/results/throttle.md).
- small64: a 64×64 fill with a new colour, then a 1–2 ms pause. keys: x11 and Xpra: XTEST
  key press on the desktop Xvfb with the output window focused, to the KeyPress at the client
  in the domain; headless: `key a press` on the control socket to the KeyPress.
- scale: the same small64 updates in one 512×384 window, in 1 domain × 1 window and in 16
  domains × 8 windows (the probe's window over the others); CPU per update counts every
  process of the setup (16 Xvfbs, 16 agents, 16 window clients, daemon, desktop).
- idle: wake-ups = times a thread of the daemon or an agent was put on a CPU
  (/proc/PID/task/*/schedstat), over the idle period, with nothing changing.
- flood: small64 in one domain while a neighbouring domain redraws a 1920×1080 window open
  loop, alternating with rounds where the neighbour is stopped.
- The application alone (full1080 and full2160, paced, in turn with the systems): the probe
  on an Xvfb of its own, watching its own window there as its output (the same DAMAGE
  event and pixel read back), so what it costs per frame drawn is the application's
  drawing and the measurement's, which every system's "all processes" also holds.
- full2160: full1080 (paced) with a 3840×2160 window, on three stacks of their own whose
  screens are 4096×2304, taking turns the same way; its limit is the memcpy of 3840×2160
  frames (one run per round).
- scroll: an xterm (100×40, jump scroll off: one scroll per line) in the domain runs `dd` of
  a long file in 1 KiB writes; lines/s is what dd got through in the round (xterm reads as
  fast as it scrolls), CPU counts xterm, the domain's Xvfb and the display's processes (agent, daemon,
  desktop Xvfb; Xpra server and client and desktop Xvfb); "display only" leaves out xterm
  and its Xvfb. On Xpra's smaller desktop the xterm overlaps the (paused) probe's window.
- Targets (the `met` column) are issue 15's; ratios against Xpra and the limit are taken
  in the same run. `make bench LOAD=1` runs it all again beside a busy loop on one core
  (results/load.md).
- limit: memcpy of 1920×1080×4 frames out of cache (bench/memcpy.c), one copy per frame, the
  best of the runs (one before and one per full1080 round); for small64 the copy of one 64×64
  block out of cache. In CPU time, as the systems' CPU per frame is (wall-clock time would
  count the time the copying thread waited for a CPU on a busy machine). Ratios are vitrine's figure divided by the other (for frames/s higher
  is better, for the rest lower).
"""
    return "\n".join(head) + "\n\n" + "\n".join(L) + "\n" + details(fig) + notes


def details(fig):
    """Where the CPU goes, and the absolute figures behind the ratios."""
    def g(w, s, m):
        return fig.get((w, s, m))

    L = ["", "Details:", ""]
    L.append("| full1080 (paced), CPU ms per frame shown, by process | vitrine x11 "
             "| vitrine headless | Xpra |")
    L.append("|---|---:|---:|---:|")
    procs = []
    for (w, s, m) in fig:
        if w == "full1080" and m.startswith("cpu_per_frame.") and m[14:] not in procs:
            procs.append(m[14:])
    for p in procs:
        L.append("| %s | %s | %s | %s |" % (p, *(fmt(g("full1080", s, "cpu_per_frame." + p))
                                                for s in ("vitrine-x11", "vitrine-headless",
                                                          "xpra"))))
    for m, label in (("drawn_per_shown", "frames drawn per frame shown (above 1: frames "
                      "overwritten before they were shown)"),
                     ("sampled_per_shown", "frames read back at the output per frame "
                      "shown (below 1: shown, then replaced before the sampler read it)"),
                     ("fps_min_round", "frames/s, slowest round"),
                     ("fps_max_round", "frames/s, fastest round")):
        L.append("| %s | %s | %s | %s |" % (label, *(fmt(g("full1080", s, m)) for s in (
            "vitrine-x11", "vitrine-headless", "xpra"))))
    L.append("")
    L.append("| figure | vitrine x11 | vitrine headless |")
    L.append("|---|---:|---:|")
    for w, m, label in (
            ("scale", "cpu_per_update_1x1", "scale: CPU ms per update, 1 window"),
            ("scale", "cpu_per_update_16x8", "scale: CPU ms per update, 16×8 windows"),
            ("scale", "median_1x1", "scale: latency median ms, 1 window"),
            ("scale", "median_16x8", "scale: latency median ms, 16×8 windows"),
            ("scale", "p99_1x1", "scale: latency p99 ms, 1 window"),
            ("scale", "p99_16x8", "scale: latency p99 ms, 16×8 windows"),
            ("flood", "quiet_median", "flood: small64 median ms, neighbour quiet"),
            ("flood", "flooded_median", "flood: small64 median ms, neighbour flooding"),
            ("flood", "quiet_p99", "flood: small64 p99 ms, neighbour quiet"),
            ("flood", "flooded_p99", "flood: small64 p99 ms, neighbour flooding"),
            ("idle-16x8", "cpu", "idle 16×8: CPU ms of daemon + 16 agents"),
            ("small64", "cpu_per_event", "small64: CPU ms per update, all processes"),
            ("keys", "cpu_per_event", "keys: CPU ms per key press + release, all processes")):
        L.append("| %s | %s | %s |" % (label, fmt(g(w, "vitrine-x11", m)),
                                       fmt(g(w, "vitrine-headless", m))))
    if g("full1080", "vitrine-headless-gles2", "fps") is not None:
        L.append("")
        L.append("| full1080 (paced), headless backend, by renderer | pixman | gles2 (llvmpipe) "
                 "| gles2 / pixman |")
        L.append("|---|---:|---:|---:|")
        for m, label in (("fps", "frames/s at the output"),
                         ("cpu_per_frame", "CPU ms per frame (all processes)"),
                         ("cpu_per_frame.daemon", "CPU ms per frame, daemon")):
            r = g("full1080", "vitrine-headless-gles2/pixman", m)
            L.append("| %s | %s | %s | %s |" % (
                label, fmt(g("full1080", "vitrine-headless-pixman", m)),
                fmt(g("full1080", "vitrine-headless-gles2", m)),
                "—" if r is None else fmt(r) + "×"))
    return "\n".join(L) + "\n"
