#!/usr/bin/env python3
"""Latency of cnnrt vs ONNX Runtime on the same models, measured alternately in one run.

For each model and thread count, the two engines take turns (R rounds; in each round cnnrt runs
`cnnrt bench --runs N --json` and ORT times N runs in this process), so both see the same machine
load. ORT runs with intra_op_num_threads = threads, inter_op_num_threads = 1 and sequential execution.
Prints each engine's median of per-round medians and the ratio cnnrt / ORT (lower is better).

Usage: benchmarks/compare_ort.py [--cnnrt PATH] [--threads 1,2] [--rounds 5] [--runs 20] [--memory] MODEL_DIR...
A MODEL_DIR holds model.onnx (and optionally input_0.npy, used for ORT's input shape).

--memory prints a second table per model and thread count: session creation time and peak resident memory,
each engine in a fresh process (alternating, `--rounds` times, medians). cnnrt: `cnnrt bench --json` fields
session_ms (load + session + plan compiled for the input shapes) and peak_rss_mb (VmHWM at the end).
ORT: a child `python -c` that imports numpy and onnxruntime (its VmHWM then is the "base" column: the
interpreter and libraries, no model), times `InferenceSession(...)` (load, graph optimization, kernel and
weight preparation), runs the same warmup + runs, and reports VmHWM at the end. (Peak RSS is VmHWM from
/proc/self/status, not ru_maxrss: Linux carries ru_maxrss across fork and exec, so a child of this script
would report at least this script's own peak.) "first" is the first
inference's time (ORT plans its memory then). Ratios are cnnrt / ORT (lower is better); "vs ORT-base"
compares cnnrt's peak with ORT's peak minus the Python baseline.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

import numpy as np
import onnxruntime as ort


def ort_session(path, threads):
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    return ort.InferenceSession(path, options, providers=["CPUExecutionProvider"])


def ort_feeds(session, folder):
    feeds = {}
    for i, info in enumerate(session.get_inputs()):
        sample = os.path.join(folder, f"input_{i}.npy")
        if os.path.exists(sample):
            feeds[info.name] = np.load(sample)
        else:
            shape = [d if isinstance(d, int) else 1 for d in info.shape]
            feeds[info.name] = np.random.default_rng(0).random(shape, dtype=np.float32)
    return feeds


def ort_median_ms(session, feeds, runs, warmup):
    for _ in range(warmup):
        session.run(None, feeds)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        session.run(None, feeds)
        times.append((time.perf_counter() - start) * 1e3)
    return statistics.median(times)


def cnnrt_median_ms(binary, model, threads, runs, warmup, shapes):
    return cnnrt_bench_json(binary, model, threads, runs, warmup, shapes)["median_ms"]


# Runs in a fresh interpreter: argv = model, folder, threads, runs, warmup, this script's folder (for the
# shared session and feed setup). Prints one JSON object.
ORT_CHILD = r"""
import json, os, resource, sys, time
sys.path.insert(0, sys.argv[6])
from compare_ort import ort_feeds, ort_session


def peak_mb():
    # VmHWM: ru_maxrss would include the parent's peak (Linux carries it across fork and exec).
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


model, folder, threads, runs, warmup = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
base = peak_mb()
start = time.perf_counter()
session = ort_session(model, threads)
session_ms = (time.perf_counter() - start) * 1e3
feeds = ort_feeds(session, folder)
start = time.perf_counter()
session.run(None, feeds)
first_ms = (time.perf_counter() - start) * 1e3
for _ in range(max(0, warmup - 1) + runs):
    session.run(None, feeds)
peak = peak_mb()
print(json.dumps({"base_rss_mb": base, "session_ms": session_ms, "first_run_ms": first_ms, "peak_rss_mb": peak}))
"""


def ort_memory(model, folder, threads, runs, warmup):
    command = [sys.executable, "-c", ORT_CHILD, model, folder, str(threads), str(runs), str(warmup),
               os.path.dirname(os.path.abspath(__file__))]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def cnnrt_bench_json(binary, model, threads, runs, warmup, shapes):
    command = [binary, "bench", model, "--threads", str(threads), "--runs", str(runs), "--warmup", str(warmup),
               "--json"] + [arg for name, dims in shapes.items() for arg in ("--shape", f"{name}={dims}")]
    return json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)


def memory_table(args, threads_list):
    print()
    print(f"{'model':<16} {'thr':>3} | {'session ms':>21} {'ratio':>6} | {'first run ms':>19} | "
          f"{'peak RSS MB':>21} {'ratio':>6} | {'ORT base':>8} {'vs ORT-base':>11}")
    print(f"{'':<16} {'':>3} | {'cnnrt':>10} {'ORT':>10} {'':>6} | {'cnnrt':>9} {'ORT':>9} | "
          f"{'cnnrt':>10} {'ORT':>10} {'':>6} | {'MB':>8} {'':>11}")
    for folder in args.models:
        folder = folder.rstrip("/")
        model = os.path.join(folder, "model.onnx")
        name = os.path.basename(folder)
        for threads in threads_list:
            probe = ort_session(model, threads)
            shapes = {k: ",".join(str(d) for d in v.shape) for k, v in ort_feeds(probe, folder).items()}
            del probe
            ours, theirs = [], []
            for _ in range(args.rounds):
                ours.append(cnnrt_bench_json(args.cnnrt, model, threads, args.runs, args.warmup, shapes))
                theirs.append(ort_memory(model, folder, threads, args.runs, args.warmup))

            def med(rows, key):
                return statistics.median(row[key] for row in rows)

            s_ours, s_theirs = med(ours, "session_ms"), med(theirs, "session_ms")
            f_ours, f_theirs = med(ours, "first_run_ms"), med(theirs, "first_run_ms")
            m_ours, m_theirs = med(ours, "peak_rss_mb"), med(theirs, "peak_rss_mb")
            base = med(theirs, "base_rss_mb")
            net = m_theirs - base
            print(f"{name:<16} {threads:>3} | {s_ours:>10.1f} {s_theirs:>10.1f} {s_ours / s_theirs:>6.2f} | "
                  f"{f_ours:>9.2f} {f_theirs:>9.2f} | {m_ours:>10.1f} {m_theirs:>10.1f} {m_ours / m_theirs:>6.2f} | "
                  f"{base:>8.1f} {(m_ours / net if net > 0 else float('nan')):>11.2f}", flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("models", nargs="+")
    parser.add_argument("--cnnrt", default=os.path.join(os.path.dirname(__file__), "../.build/release/cnnrt"))
    parser.add_argument("--threads", default="1,2")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--memory", action="store_true",
                        help="also compare session creation time and peak RSS, each engine in a fresh process")
    parser.add_argument("--memory-only", action="store_true", help="only the --memory table")
    args = parser.parse_args()
    threads_list = [int(t) for t in args.threads.split(",")]
    if args.memory_only:
        memory_table(args, threads_list)
        return 0

    print(f"{'model':<16} {'thr':>3} {'cnnrt ms':>10} {'ORT ms':>10} {'ratio':>7}")
    for folder in args.models:
        folder = folder.rstrip("/")
        model = os.path.join(folder, "model.onnx")
        name = os.path.basename(folder)
        for threads in threads_list:
            session = ort_session(model, threads)
            feeds = ort_feeds(session, folder)
            shapes = {k: ",".join(str(d) for d in v.shape) for k, v in feeds.items()}
            ours, theirs = [], []
            for _ in range(args.rounds):
                ours.append(cnnrt_median_ms(args.cnnrt, model, threads, args.runs, args.warmup, shapes))
                theirs.append(ort_median_ms(session, feeds, args.runs, args.warmup))
            a, b = statistics.median(ours), statistics.median(theirs)
            print(f"{name:<16} {threads:>3} {a:>10.3f} {b:>10.3f} {a / b:>7.2f}", flush=True)
    if args.memory:
        memory_table(args, threads_list)
    return 0


if __name__ == "__main__":
    sys.exit(main())
