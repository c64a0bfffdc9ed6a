#!/usr/bin/env bash
# Data-layer benchmark (not a test): featurization-cache speed-up on Tox21, and MUV as a disk
# dataset iterated with a 256 MB heap (peak RSS from /usr/bin/time when available).
# Usage: bench/data.sh   (CHEMDL_DATA_DIR defaults to ../shared/data)
set -euo pipefail
cd "$(dirname "$0")/.."
export CHEMDL_DATA_DIR="${CHEMDL_DATA_DIR:-$(cd .. && pwd)/shared/data}"
source bench/classpath.sh
bench_classpath moleculenet
java -cp "$CP" io.chemdl4j.moleculenet.bench.DataLayerBenchmark cache
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
TIME=()
[ -x /usr/bin/time ] && TIME=(/usr/bin/time -v)
"${TIME[@]}" java -Xmx256m -cp "$CP" io.chemdl4j.moleculenet.bench.DataLayerBenchmark muv "$OUT/muv" 2>&1 \
  | grep -E "^(max heap|built|epoch|reopened|shard files)|Maximum resident|Elapsed \(wall"
