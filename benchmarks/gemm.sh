#!/bin/sh
# SGEMM and microkernel GFLOP/s (single thread, then two threads). Build first: swift build -c release
set -e
cd "$(dirname "$0")/.."
bench=.build/release/cnnrt-kernels-bench
$bench --threads 1 --sizes 256,512,1024 "$@"
$bench --threads 2 --sizes 1024 "$@" | grep sgemm
