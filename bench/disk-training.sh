#!/usr/bin/env bash
# Benchmark (not a test): a multitask network trained on data larger than the heap. MUV as ECFP4 2048-bit rows
# (763 MB of features) is featurized to a disk dataset, split on disk and trained shard by shard with -Xmx256m;
# prints the epochs, the heap in use, the test ROC-AUC and the peak RSS.
# Usage: bench/disk-training.sh [epochs]   (CHEMDL_DATA_DIR defaults to ../shared/data)
set -euo pipefail
cd "$(dirname "$0")/.."
export CHEMDL_DATA_DIR="${CHEMDL_DATA_DIR:-$(cd .. && pwd)/shared/data}" OMP_NUM_THREADS=1
source bench/classpath.sh
bench_classpath models
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
TIME=()
[ -x /usr/bin/time ] && TIME=(/usr/bin/time -f "peak RSS %M KB, %e s")
"${TIME[@]}" java -Xmx256m -cp "$CP" io.chemdl4j.models.bench.DiskTrainingBenchmark "$OUT" "${1:-2}" 2>&1 \
  | grep -vE "^\s*(WARN|INFO|DEBUG)|^[0-9:. ]+\[" || true
