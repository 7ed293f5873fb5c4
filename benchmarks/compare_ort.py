#!/usr/bin/env python3
"""Latency of cnnrt vs ONNX Runtime on the same models, measured alternately in one run.

For each model and thread count, the two engines take turns (R rounds; in each round cnnrt runs
`cnnrt bench --runs N --json` and ORT times N runs in this process), so both see the same machine
load. ORT runs with intra_op_num_threads = threads, inter_op_num_threads = 1 and sequential execution.
Prints each engine's median of per-round medians and the ratio cnnrt / ORT (lower is better).

Usage: benchmarks/compare_ort.py [--cnnrt PATH] [--threads 1,2] [--rounds 5] [--runs 20] MODEL_DIR...
A MODEL_DIR holds model.onnx (and optionally input_0.npy, used for ORT's input shape).
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
    command = [binary, "bench", model, "--threads", str(threads), "--runs", str(runs), "--warmup", str(warmup),
               "--json"] + [arg for name, dims in shapes.items() for arg in ("--shape", f"{name}={dims}")]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(out)["median_ms"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("models", nargs="+")
    parser.add_argument("--cnnrt", default=os.path.join(os.path.dirname(__file__), "../.build/release/cnnrt"))
    parser.add_argument("--threads", default="1,2")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=5)
    args = parser.parse_args()

    print(f"{'model':<16} {'thr':>3} {'cnnrt ms':>10} {'ORT ms':>10} {'ratio':>7}")
    for folder in args.models:
        folder = folder.rstrip("/")
        model = os.path.join(folder, "model.onnx")
        name = os.path.basename(folder)
        for threads in [int(t) for t in args.threads.split(",")]:
            session = ort_session(model, threads)
            feeds = ort_feeds(session, folder)
            shapes = {k: ",".join(str(d) for d in v.shape) for k, v in feeds.items()}
            ours, theirs = [], []
            for _ in range(args.rounds):
                ours.append(cnnrt_median_ms(args.cnnrt, model, threads, args.runs, args.warmup, shapes))
                theirs.append(ort_median_ms(session, feeds, args.runs, args.warmup))
            a, b = statistics.median(ours), statistics.median(theirs)
            print(f"{name:<16} {threads:>3} {a:>10.3f} {b:>10.3f} {a / b:>7.2f}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
