#!/usr/bin/env python3
"""bench/report.py: turn bench/run's raw results into latest.csv and latest.md.

    report.py --out bench/out --results bench/results

Reads OUT/raw.txt (one key=value line per round), OUT/samples/*.txt (one
latency in ms a line), OUT/memcpy.txt and OUT/machine.txt. Writes
RESULTS/latest.csv (workload,system,metric,value,unit: one row per figure,
ratios included) and RESULTS/latest.md (the table, the machine, the notes).
"""
import argparse
import math
import os
import sys


def kv(line):
    d = {}
    for tok in line.split():
        if "=" in tok:
            k, v = tok.split("=", 1)
            d[k] = v
    return d


def pct(sorted_vals, p):
    """Nearest rank: the smallest value with at least p of the samples at or below it."""
    if not sorted_vals:
        return float("nan")
    k = max(1, min(len(sorted_vals), math.ceil(p * len(sorted_vals))))
    return sorted_vals[k - 1]


def samples(out, name):
    path = os.path.join(out, "samples", name + ".txt")
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return sorted(float(x) for x in f if x.strip())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--results", required=True)
    ap.add_argument("--readme", help="also rewrite this README's '## Performance' section")
    a = ap.parse_args()

    raw = []
    with open(os.path.join(a.out, "raw.txt")) as f:
        raw = [kv(l) for l in f if l.strip()]
    machine = {}
    with open(os.path.join(a.out, "machine.txt")) as f:
        for line in f:
            if "=" in line:
                k, v = line.rstrip("\n").split("=", 1)
                machine[k] = v
    limit = {}  # the best of the memcpy runs
    mp = os.path.join(a.out, "memcpy.txt")
    if os.path.exists(mp):
        with open(mp) as f:
            runs = [{k: float(v) for k, v in kv(l).items()} for l in f if l.strip()]
        if runs:
            best = max(runs, key=lambda r: r["full_frames_per_s"])
            limit = dict(best)
            limit["small_us_per_block"] = min(r["small_us_per_block"] for r in runs)

    rows = []  # (workload, system, metric, value, unit)
    fig = {}   # (workload, system, metric) -> value

    def add(w, s, m, v, u):
        if v is None or (isinstance(v, float) and math.isnan(v)):
            return
        rows.append((w, s, m, v, u))
        fig[(w, s, m)] = v

    def rounds(workload, system, phase=None):
        return [r for r in raw if r.get("workload") == workload and r.get("system") == system
                and (phase is None or r.get("phase") == phase)]

    def cpu_parts(rs):
        parts = {}
        for r in rs:
            for k, v in r.items():
                if k.startswith("cpu."):
                    parts[k[4:]] = parts.get(k[4:], 0.0) + float(v)
        return parts

    names = {"x11": "vitrine-x11", "headless": "vitrine-headless", "xpra": "xpra",
             "headless-pixman": "vitrine-headless-pixman",
             "headless-gles2": "vitrine-headless-gles2"}

    # full1080, paced and open loop
    for wl, label in (("full", "full1080"), ("full-serial", "full1080-serial"),
                      ("full-open", "full1080-open")):
        for s in ("x11", "headless", "xpra", "headless-pixman", "headless-gles2"):
            rs = rounds(wl, s)
            if not rs:
                continue
            frames = sum(int(r["frames"]) for r in rs)
            secs = sum(float(r["seconds"]) for r in rs)
            cpu = sum(float(r["cpu"]) for r in rs)
            drawn = sum(int(r["drawn"]) for r in rs)
            add(label, names[s], "fps", frames / secs, "frames/s")
            if frames:
                add(label, names[s], "cpu_per_frame", cpu / frames * 1e3, "ms")
                for p, c in sorted(cpu_parts(rs).items()):
                    add(label, names[s], "cpu_per_frame." + p, c / frames * 1e3, "ms")
            add(label, names[s], "drawn_per_s", drawn / secs, "frames/s")
            per = [int(r["frames"]) / float(r["seconds"]) for r in rs]
            add(label, names[s], "fps_min_round", min(per), "frames/s")
            add(label, names[s], "fps_max_round", max(per), "frames/s")
            if frames:
                add(label, names[s], "drawn_per_shown", drawn / frames, "ratio")
            add(label, names[s], "stalls", sum(int(r.get("stalls", 0)) for r in rs), "count")

    # small64 and keys
    for wl, label in (("small", "small64"), ("keys", "keys")):
        for s in ("x11", "headless", "xpra"):
            v = samples(a.out, "%s-%s" % (wl, s))
            if not v:
                continue
            rs = rounds(wl, s)
            n = sum(int(r["n"]) for r in rs)
            add(label, names[s], "median", pct(v, 0.5), "ms")
            add(label, names[s], "p99", pct(v, 0.99), "ms")
            add(label, names[s], "samples", len(v), "count")
            if n:
                cpu = sum(float(r["cpu"]) for r in rs)
                add(label, names[s], "cpu_per_event", cpu / n * 1e3, "ms")

    # flood: small64 with the neighbour quiet / flooding
    for s in ("x11", "headless"):
        q = samples(a.out, "flood-quiet-" + s)
        fl = samples(a.out, "flood-flood-" + s)
        if not q or not fl:
            continue
        for m, p in (("median", 0.5), ("p99", 0.99)):
            add("flood", names[s], "quiet_" + m, pct(q, p), "ms")
            add("flood", names[s], "flooded_" + m, pct(fl, p), "ms")
            add("flood", names[s], m + "_ratio", pct(fl, p) / pct(q, p), "ratio")

    # scale: 16 domains x 8 windows against 1 x 1
    for s in ("x11", "headless"):
        one = samples(a.out, "scale-one-" + s)
        many = samples(a.out, "scale-many-" + s)
        if not one or not many:
            continue
        cpu = {}
        for st in ("one", "many"):
            rs = rounds("scale-" + st, s)
            n = sum(int(r["n"]) for r in rs)
            cpu[st] = sum(float(r["cpu"]) for r in rs) / n * 1e3 if n else float("nan")
        add("scale", names[s], "cpu_per_update_1x1", cpu["one"], "ms")
        add("scale", names[s], "cpu_per_update_16x8", cpu["many"], "ms")
        add("scale", names[s], "cpu_per_update_ratio", cpu["many"] / cpu["one"], "ratio")
        for m, p in (("median", 0.5), ("p99", 0.99)):
            add("scale", names[s], m + "_1x1", pct(one, p), "ms")
            add("scale", names[s], m + "_16x8", pct(many, p), "ms")
            add("scale", names[s], m + "_ratio", pct(many, p) / pct(one, p), "ratio")

    # idle
    idle_s = float(machine.get("idle_seconds", "10"))
    for wl in ("idle", "idle-16x8"):
        for s in ("x11", "headless", "xpra"):
            rs = [r for r in raw if r.get("workload") == wl and r.get("system") == s]
            if not rs:
                continue
            for r in rs:
                p = r["proc"]
                tag = "" if p == "total" else "." + p
                add(wl, names[s], "wakeups_per_s" + tag, float(r["runs"]) / idle_s, "1/s")
                add(wl, names[s], "switches_per_s" + tag, float(r["switches"]) / idle_s, "1/s")
                add(wl, names[s], "cpu" + tag, float(r["cpu_s"]) * 1e3, "ms per %g s" % idle_s)

    # the limit
    if limit:
        add("full1080", "limit", "fps", limit["full_frames_per_s"], "frames/s")
        add("full1080", "limit", "cpu_per_frame", limit["full_ms_per_frame"], "ms")
        add("full1080", "limit", "memcpy_bandwidth", limit["full_gb_per_s"], "GB/s")
        add("small64", "limit", "median", limit["small_us_per_block"] / 1e3, "ms")

    # ratios
    for wl, m in (("full1080", "fps"), ("full1080", "cpu_per_frame"), ("full1080-open", "fps"),
                  ("full1080-open", "cpu_per_frame"), ("full1080-serial", "fps"),
                  ("full1080-serial", "cpu_per_frame"), ("small64", "median"), ("small64", "p99"),
                  ("keys", "median"), ("keys", "p99")):
        for s in ("vitrine-x11", "vitrine-headless"):
            v = fig.get((wl, s, m))
            x = fig.get((wl, "xpra", m))
            lim = fig.get((wl.split("-")[0], "limit", m))
            if v is not None and x:
                add(wl, s + "/xpra", m, v / x, "ratio")
            if v is not None and lim and m in ("fps", "cpu_per_frame", "median"):
                add(wl, s + "/limit", m, v / lim, "ratio")

    # the renderers on the headless backend: gles2 against pixman
    for m in ("fps", "cpu_per_frame", "cpu_per_frame.daemon"):
        v = fig.get(("full1080", "vitrine-headless-gles2", m))
        p = fig.get(("full1080", "vitrine-headless-pixman", m))
        if v is not None and p:
            add("full1080", "vitrine-headless-gles2/pixman", m, v / p, "ratio")

    os.makedirs(a.results, exist_ok=True)
    with open(os.path.join(a.results, "latest.csv"), "w") as f:
        f.write("workload,system,metric,value,unit\n")
        for w, s, m, v, u in rows:
            f.write("%s,%s,%s,%s,%s\n" % (w, s, m, fmt(v, raw_csv=True), u))
    md = markdown(fig, machine, limit)
    with open(os.path.join(a.results, "latest.md"), "w") as f:
        f.write(md)
    if a.readme:
        update_readme(a.readme, md)
    return 0


README_INTRO = """`make bench` (not part of `make check`; about 6 minutes after installing Xpra) measures
vitrine against Xpra in its local mmap mode and against the machine's memory bandwidth,
the systems taking turns round by round, and writes `bench/results/latest.csv` and
[`bench/results/latest.md`](bench/results/latest.md) (how each figure is measured, and
where the CPU goes). `bench/profile SYSTEM WORKLOAD` runs one workload under perf.
`VB_README=1 make bench` also rewrites this section. The current figures:
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
        return "—" if ok is None else ("yes" if ok else "**no**")

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
            cell(w, "xpra", m), cell(w.split("-")[0], "limit", m) if lim else "—",
            ratio(w, "vitrine-x11/xpra", m),
            ratio(w, "vitrine-x11/limit", m) if lim else "—", target,
            check(w, m, test) if test else "—"))

    row("full1080", "frames/s at the output", "fps", "≥ 470", lambda v, s: v >= 470)
    row("full1080", "CPU ms per frame (all processes)", "cpu_per_frame", "well under Xpra",
        lambda v, s: xp("full1080", "cpu_per_frame") is not None
        and v <= 0.5 * xp("full1080", "cpu_per_frame"))
    row("full1080-serial", "frames/s at the output", "fps", "(no target)", None)
    row("full1080-serial", "CPU ms per frame (all processes)", "cpu_per_frame", "(no target)",
        None)
    row("full1080-open", "frames/s at the output", "fps", "(no target)", None)
    row("full1080-open", "CPU ms per frame (all processes)", "cpu_per_frame", "(no target)",
        None)
    row("small64", "latency median, ms", "median", "≤ 1", lambda v, s: v <= 1)
    row("small64", "latency p99, ms", "p99", "≤ 3", lambda v, s: v <= 3, lim=False)
    row("keys", "latency median, ms", "median", "≤ 0.2", lambda v, s: v <= 0.2, lim=False)
    row("keys", "latency p99, ms", "p99", "≤ 1", lambda v, s: v <= 1, lim=False)

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
    row2("flood", "small64 p99, flooded / quiet", "p99_ratio", "≤ 1.2", lambda v, s: v <= 1.2)

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
  draws as fast as its X server takes frames, whether shown or not. Frames/s counts distinct
  frames seen at the output (headless: repaints that showed new damage; a repaint between a
  reply and the next `wait-damage` is not counted, so this errs low). CPU per frame: CPU time
  (schedstat, every thread) of the client, the domain's Xvfb, the agent or Xpra server, the
  daemon or Xpra client, and the desktop Xvfb (headless has none), divided by the frames
  shown. In open loop the client keeps its Xvfb so busy that the agent's (or Xpra server's)
  copies wait their turn in that X server, so fewer frames get through than paced.
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
- limit: memcpy of 1920×1080×4 frames out of cache (bench/memcpy.c), one copy per frame, the
  best of the runs (one before and one per full1080 round); for small64 the copy of one 64×64
  block out of cache. Ratios are vitrine's figure divided by the other (for frames/s higher
  is better, for the rest lower). "Well under Xpra" is taken as at most half of Xpra's.
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
                      "overwritten before the output read them)"),
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


if __name__ == "__main__":
    sys.exit(main())
