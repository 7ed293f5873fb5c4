"""Runs ONNX's backend node tests through `cnnrt check`.

Each test case of the installed `onnx` wheel (model.onnx plus input/output tensors) whose operators cnnrt
implements is written to a cache folder and checked with rtol 1e-3, atol 1e-5. Tests listed in
conformance/exclusions.txt are skipped with their reason. Ends with the line `N passed, M failed`.
"""
import argparse
import collections
import concurrent.futures
import fnmatch
import json
import os
import subprocess
import sys
import warnings

import onnx
from onnx import numpy_helper

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def write_cases(folder):
    """Writes every node test case as ONNX's test-data layout; returns (name, case folder, ops)."""
    from onnx.backend.test.case import node

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cases = node.collect_testcases(None)
    stamp = os.path.join(folder, "onnx-version")
    fresh = not (os.path.exists(stamp) and open(stamp).read() == onnx.__version__)
    result = []
    for case in cases:
        case_dir = os.path.join(folder, case.name)
        ops = sorted({(n.domain or "ai.onnx", n.op_type) for n in case.model.graph.node})
        tensor_io = all(v.type.HasField("tensor_type") for v in list(case.model.graph.input) + list(case.model.graph.output))
        result.append((case.name, case_dir, ops, len(case.data_sets), tensor_io))
        if not fresh or not tensor_io:
            continue
        os.makedirs(case_dir, exist_ok=True)
        with open(os.path.join(case_dir, "model.onnx"), "wb") as f:
            f.write(case.model.SerializeToString())
        for i, (inputs, outputs) in enumerate(case.data_sets):
            data_dir = os.path.join(case_dir, f"test_data_set_{i}")
            os.makedirs(data_dir, exist_ok=True)
            for kind, values, infos in (("input", inputs, case.model.graph.input),
                                        ("output", outputs, case.model.graph.output)):
                for j, value in enumerate(values):
                    proto = value if isinstance(value, onnx.TensorProto) else numpy_helper.from_array(value, infos[j].name)
                    with open(os.path.join(data_dir, f"{kind}_{j}.pb"), "wb") as f:
                        f.write(proto.SerializeToString())
    with open(stamp, "w") as f:
        f.write(onnx.__version__)
    return result


def load_exclusions():
    """Pattern (fnmatch) -> reason, from conformance/exclusions.txt."""
    path = os.path.join(ROOT, "conformance", "exclusions.txt")
    exclusions = {}
    if os.path.exists(path):
        for line in open(path):
            line = line.strip()
            if line and not line.startswith("#"):
                name, _, reason = line.partition(" ")
                exclusions[name] = reason.strip()
    return exclusions


def check(cnnrt, case_dir, data_sets):
    """Returns None when every data set passes, else a one-line reason."""
    for i in range(data_sets):
        data = os.path.join(case_dir, f"test_data_set_{i}")
        proc = subprocess.run([cnnrt, "check", os.path.join(case_dir, "model.onnx"), "--inputs", data,
                               "--rtol", "1e-3", "--atol", "1e-5", "--json"],
                              capture_output=True, text=True, timeout=120)
        if proc.returncode == 0:
            continue
        if proc.returncode == 3:
            report = json.loads(proc.stdout)
            bad = [o for o in report["outputs"] if not o["passed"]][0]
            return (f"output {bad['name']} differs: shape {bad['shape']} vs {bad['expected_shape']}, "
                    f"{bad['mismatches']} elements, worst at {bad['worst_index']}: "
                    f"got {bad.get('worst_got')} expected {bad.get('worst_expected')}")
        return proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else f"exit {proc.returncode}"
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cnnrt", default=os.path.join(ROOT, ".build", "release", "cnnrt"))
    parser.add_argument("--cache", default=os.path.join(ROOT, ".build", "onnx-node-tests"))
    parser.add_argument("--filter", default="", help="only tests whose name contains this text")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--verbose", action="store_true", help="list every skipped test")
    parser.add_argument("--summary-json", help="write counts and failures to this file")
    args = parser.parse_args()

    os.makedirs(args.cache, exist_ok=True)
    cases = [c for c in write_cases(args.cache) if args.filter in c[0]]
    supported = set()
    for line in subprocess.run([args.cnnrt, "ops"], capture_output=True, text=True, check=True).stdout.splitlines():
        domain, op = line.split()
        supported.add((domain, op))
    exclusions = load_exclusions()

    skipped = collections.Counter()
    runnable = []
    for name, case_dir, ops, data_sets, tensor_io in cases:
        missing = [f"{op}" if d == "ai.onnx" else f"{d}.{op}" for d, op in ops if (d, op) not in supported]
        excluded = next((reason for pattern, reason in exclusions.items() if fnmatch.fnmatchcase(name, pattern)), None)
        if excluded:
            skipped[f"excluded: {excluded}"] += 1
            if args.verbose:
                print(f"SKIP {name}: {excluded}")
        elif missing:
            skipped["unsupported op " + ", ".join(missing)] += 1
        elif not tensor_io:
            skipped["non-tensor inputs or outputs (sequence/optional/map)"] += 1
        else:
            runnable.append((name, case_dir, data_sets))

    failures = []
    tty = sys.stderr.isatty()
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        futures = {pool.submit(check, args.cnnrt, d, n): name for name, d, n in runnable}
        for done, future in enumerate(concurrent.futures.as_completed(futures), 1):
            reason = future.result()
            if reason:
                failures.append((futures[future], reason))
            if tty:
                print(f"\r{done}/{len(runnable)} checked, {len(failures)} failed", end="", file=sys.stderr)
    if tty:
        print(file=sys.stderr)

    for name, reason in sorted(failures):
        print(f"FAIL {name}: {reason}")
    if args.verbose:
        for reason, count in skipped.most_common():
            print(f"skipped {count}: {reason}")
    else:
        excluded = sum(c for r, c in skipped.items() if r.startswith("excluded"))
        unsupported = sum(c for r, c in skipped.items() if not r.startswith("excluded"))
        print(f"skipped {unsupported} tests of unsupported ops or types, {excluded} listed in conformance/exclusions.txt "
              "(--verbose lists them)")
    passed = len(runnable) - len(failures)
    if args.summary_json:
        with open(args.summary_json, "w") as f:
            json.dump({"passed": passed, "failed": len(failures), "skipped": dict(skipped),
                       "failures": dict(failures), "onnx": onnx.__version__}, f, indent=1, sort_keys=True)
    print(f"{passed} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
