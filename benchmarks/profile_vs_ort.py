#!/usr/bin/env python3
"""Per-node times of cnnrt against ONNX Runtime's profiler, slowest gap first.

Runs ORT with `enable_profiling` and `cnnrt bench --profile --json` on the same model and thread count and
matches the nodes by name. ORT renames the nodes it moves to its NCHWc layout after their output tensor
(`<tensor>_nchwc`) and fuses activations and residual adds into convolutions; both are mapped back to the
ONNX node that cnnrt names (the convolution, for a fused one). The two engines run one after the other, not
interleaved: use compare_ort.py for model-level ratios, this for where the time goes.

    python benchmarks/profile_vs_ort.py fixtures/large/mobilenet_v2 --threads 1 --runs 30
"""
import argparse
import collections
import json
import os
import statistics
import subprocess
import sys
import tempfile

import numpy as np
import onnx
import onnxruntime as ort

# Ops ORT fuses into the convolution (or GEMM, or residual add) that feeds them.
FUSED_INTO_PRODUCER = {"Relu", "Clip", "Add", "Sigmoid", "HardSigmoid", "Mul", "LeakyRelu"}


def model_path(path):
    return os.path.join(path, "model.onnx") if os.path.isdir(path) else path


def ort_node_times(model, threads, runs):
    """Median milliseconds per ORT node over the last `runs` runs, keyed by ORT's node name."""
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.enable_profiling = True
    options.profile_file_prefix = os.path.join(tempfile.mkdtemp(), "ort")
    session = ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])
    feeds = {i.name: np.random.rand(*[d if isinstance(d, int) else 1 for d in i.shape]).astype(np.float32)
             for i in session.get_inputs()}
    for _ in range(10 + runs):
        session.run(None, feeds)
    with open(session.end_profiling()) as f:
        events = json.load(f)
    times = collections.defaultdict(list)
    for event in events:
        if event.get("cat") == "Node" and event["name"].endswith("_kernel_time"):
            times[event["name"][: -len("_kernel_time")]].append(event["dur"] / 1000)
    return {name: statistics.median(values[-runs:]) for name, values in times.items()}


def onnx_name_of(ort_name, producers):
    """The ONNX node an ORT node stands for (see the module's docstring)."""
    tensor = ort_name[: -len("_nchwc")] if ort_name.endswith("_nchwc") else ort_name
    node = producers.get(tensor)
    if node is None:
        return ort_name
    while (node.op_type in FUSED_INTO_PRODUCER and node.input and node.input[0] in producers
           and producers[node.input[0]].op_type in ("Conv", "Add", "Gemm")):
        node = producers[node.input[0]]
    return node.name


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", help="a model folder (model.onnx inside) or an .onnx file")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--cnnrt", default=".build/release/cnnrt")
    parser.add_argument("--top", type=int, default=25, help="rows to print")
    args = parser.parse_args()
    model = model_path(args.model)

    graph = onnx.load(model, load_external_data=False).graph
    producers = {output: node for node in graph.node for output in node.output}
    ort_times = collections.defaultdict(float)
    for name, ms in ort_node_times(model, args.threads, args.runs).items():
        ort_times[onnx_name_of(name, producers)] += ms

    bench = subprocess.run([args.cnnrt, "bench", model, "--threads", str(args.threads), "--runs", str(args.runs),
                            "--profile", "--json"], capture_output=True, text=True, check=True)
    report = json.loads(bench.stdout)
    rows = [(row["ms"] - ort_times.get(row["node"], 0), row["node"], row["kernel"], row["ms"],
             ort_times.get(row["node"])) for row in report["profile"]]
    print("cnnrt median %.3f ms; node sums: cnnrt %.3f ms, ORT %.3f ms (%d threads)"
          % (report["median_ms"], sum(r[3] for r in rows), sum(ort_times.values()), args.threads))
    print("%-48s %-30s %8s %8s %8s" % ("node", "cnnrt kernel", "cnnrt", "ORT", "gap"))
    for gap, node, kernel, ms, ort_ms in sorted(rows, key=lambda r: -r[0])[: args.top]:
        print("%-48s %-30s %8.3f %8s %8.3f" % (node[-48:], kernel[:30], ms,
                                              "-" if ort_ms is None else "%.3f" % ort_ms, gap))
    unmatched = sorted(name for name in ort_times if name not in {r[1] for r in rows})
    if unmatched:
        print("ORT nodes without a cnnrt node: %d, %.3f ms (%s)"
              % (len(unmatched), sum(ort_times[n] for n in unmatched), ", ".join(unmatched[:6])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
