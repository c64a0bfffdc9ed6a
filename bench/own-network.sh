#!/usr/bin/env bash
# Benchmark (not a test): a user's own small network (MultitaskModel.wrap; notebook 02's 17 -> 32 -> 1 tanh network,
# SGD, batches of 16, 8,984 molecules) trained by the toolkit's step against DL4J's fit in the same run, one thread.
# Usage: bench/own-network.sh [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
export OMP_NUM_THREADS=1
source bench/classpath.sh
bench_classpath models
java -Dchemdl.workers=1 -cp "$CP" io.chemdl4j.models.bench.OwnNetworkSpeedBenchmark "${1:-5}" 2>&1 \
  | grep -vE "^\s*(WARN|INFO|DEBUG)|^[0-9:. ]+\[" || true
