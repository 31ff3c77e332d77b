#!/usr/bin/env python3
"""bench/report.py: turn bench/run's raw results into latest.csv and latest.md.

    report.py --out bench/out --results bench/results [--name latest] [--readme README.md]

Reads OUT/raw.txt (one key=value line per round), OUT/samples/*.txt (one
latency in ms a line), OUT/memcpy.txt, OUT/memcpy-2160.txt and OUT/machine.txt.
Writes RESULTS/NAME.csv (workload,system,metric,value,unit: one row per figure,
ratios included) and RESULTS/NAME.md (the table, the machine, the notes; NAME is
`load` for `make bench LOAD=1`). The Markdown is report_md.py's.
"""
import argparse
import math
import os
import sys

from report_md import fmt, markdown, update_readme


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
    ap.add_argument("--name", default="latest", help="RESULTS/NAME.csv and NAME.md")
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
    def best_memcpy(name):  # the best of the memcpy runs
        limit = {}
        mp = os.path.join(a.out, name)
        if os.path.exists(mp):
            with open(mp) as f:
                runs = [{k: float(v) for k, v in kv(l).items()} for l in f if l.strip()]
            if runs:
                limit = dict(max(runs, key=lambda r: r["full_frames_per_s"]))
                limit["small_us_per_block"] = min(r["small_us_per_block"] for r in runs)
        return limit
    limit = best_memcpy("memcpy.txt")
    limit2160 = best_memcpy("memcpy-2160.txt")

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
             "headless-gles2": "vitrine-headless-gles2", "app": "application-alone"}

    # full1080, paced and open loop
    for wl, label in (("full", "full1080"), ("full-serial", "full1080-serial"),
                      ("full-open", "full1080-open"), ("full2160", "full2160")):
        for s in ("x11", "headless", "xpra", "headless-pixman", "headless-gles2", "app"):
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
                sampled = sum(int(r.get("sampled", r["frames"])) for r in rs)
                add(label, names[s], "sampled_per_shown", sampled / frames, "ratio")
            add(label, names[s], "stalls", sum(int(r.get("stalls", 0)) for r in rs), "count")

    # The display system's own CPU per frame shown: all processes less the
    # application's drawing (the application alone: its client and X server
    # per frame it drew, times the frames drawn per frame shown).
    for label in ("full1080", "full2160"):
        ad = fig.get((label, "application-alone", "drawn_per_s"))
        ac = fig.get((label, "application-alone", "cpu_per_frame"))
        af = fig.get((label, "application-alone", "fps"))
        if not ad or ac is None or not af:
            continue
        app_per_drawn = ac * af / ad
        add(label, "application-alone", "cpu_per_drawn", app_per_drawn, "ms")
        for w in (label, "full1080-open") if label == "full1080" else (label,):
            for s in ("vitrine-x11", "vitrine-headless", "xpra"):
                c = fig.get((w, s, "cpu_per_frame"))
                d = fig.get((w, s, "drawn_per_shown"))
                if c is not None and d is not None:
                    add(w, s, "cpu_per_frame_own", c - app_per_drawn * d, "ms")

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

    # scroll: an xterm scrolling a long file
    for s in ("x11", "headless", "xpra"):
        rs = rounds("scroll", s)
        if not rs:
            continue
        lines = sum(int(r["lines"]) for r in rs)
        secs = sum(float(r["seconds"]) for r in rs)
        add("scroll", names[s], "lines_per_s", lines / secs, "lines/s")
        if lines:
            parts = cpu_parts(rs)
            comp = sum(c for p, c in parts.items() if p not in ("xterm", "guest-xvfb"))
            add("scroll", names[s], "cpu_per_kline", sum(parts.values()) / lines * 1e6, "ms")
            add("scroll", names[s], "cpu_per_kline.display", comp / lines * 1e6, "ms")
            for p, c in sorted(parts.items()):
                add("scroll", names[s], "cpu_per_kline." + p, c / lines * 1e6, "ms")

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
    if limit2160:
        add("full2160", "limit", "fps", limit2160["full_frames_per_s"], "frames/s")
        add("full2160", "limit", "cpu_per_frame", limit2160["full_ms_per_frame"], "ms")
        add("full2160", "limit", "memcpy_bandwidth", limit2160["full_gb_per_s"], "GB/s")

    # ratios
    for wl, m in (("full1080", "fps"), ("full1080", "cpu_per_frame"), ("full1080-open", "fps"),
                  ("full1080", "cpu_per_frame_own"), ("full2160", "cpu_per_frame_own"),
                  ("full2160", "fps"), ("full2160", "cpu_per_frame"),
                  ("scroll", "lines_per_s"), ("scroll", "cpu_per_kline"),
                  ("full1080-open", "cpu_per_frame"), ("full1080-serial", "fps"),
                  ("full1080-serial", "cpu_per_frame"), ("small64", "median"), ("small64", "p99"),
                  ("keys", "median"), ("keys", "p99")):
        for s in ("vitrine-x11", "vitrine-headless"):
            v = fig.get((wl, s, m))
            x = fig.get((wl, "xpra", m))
            lim = fig.get((wl.split("-")[0], "limit", m.replace("_own", "")))
            if v is not None and x:
                add(wl, s + "/xpra", m, v / x, "ratio")
            if v is not None and lim and m in ("fps", "cpu_per_frame", "median",
                                               "cpu_per_frame_own"):
                add(wl, s + "/limit", m, v / lim, "ratio")

    # the renderers on the headless backend: gles2 against pixman
    for m in ("fps", "cpu_per_frame", "cpu_per_frame.daemon"):
        v = fig.get(("full1080", "vitrine-headless-gles2", m))
        p = fig.get(("full1080", "vitrine-headless-pixman", m))
        if v is not None and p:
            add("full1080", "vitrine-headless-gles2/pixman", m, v / p, "ratio")

    os.makedirs(a.results, exist_ok=True)
    with open(os.path.join(a.results, a.name + ".csv"), "w") as f:
        f.write("workload,system,metric,value,unit\n")
        for w, s, m, v, u in rows:
            f.write("%s,%s,%s,%s,%s\n" % (w, s, m, fmt(v, raw_csv=True), u))
    md = markdown(fig, machine, limit)
    with open(os.path.join(a.results, a.name + ".md"), "w") as f:
        f.write(md)
    if a.readme:
        update_readme(a.readme, md)
    return 0


if __name__ == "__main__":
    sys.exit(main())
