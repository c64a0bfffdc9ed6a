#!/usr/bin/env bash
# Featurization throughput benchmark (not a test): molecules/second on MUV against a bare CDK loop.
# Usage: bench/featurize.sh [muv.csv.gz] [descriptor subset size]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/classpath.sh
bench_classpath featurize
# ParallelGC: the throughput collector; on 2 cores G1's concurrent threads take ~10% from the workers.
exec java -Xmx2g -XX:+UseParallelGC -cp "$CP" \
  io.chemdl4j.featurize.bench.FeaturizeBenchmark "${1:-../shared/data/muv.csv.gz}" "${2:-20000}"
