#!/usr/bin/env bash
# Training benchmark (not a test): seconds per epoch on Tox21 for the multitask network (the
# baseline, same run) and GraphConvModel, and GraphConvModel's scores per epoch for the given seeds.
# Usage: bench/train.sh [graphconv epochs] [seeds...]   (CHEMDL_DATA_DIR defaults to ../shared/data)
set -euo pipefail
cd "$(dirname "$0")/.."
export CHEMDL_DATA_DIR="${CHEMDL_DATA_DIR:-$(cd .. && pwd)/shared/data}"
EPOCHS="${1:-30}"; shift || true
SEEDS=("${@:-0}")
mvn -B -q -ntp install -DskipTests
mvn -B -q -ntp -pl models test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
echo "threads: OMP_NUM_THREADS=${OMP_NUM_THREADS:-unset} (ND4J uses 1 unless set), cores: $(nproc)"
java -jar cli/target/chemdl.jar train --dataset tox21 --epochs 5 --quiet | grep -E "s/epoch|^test"
java -cp "models/target/test-classes:models/target/classes:$(cat models/target/bench.classpath)" \
  io.chemdl4j.models.bench.GraphConvBenchmark tox21 "$EPOCHS" "${SEEDS[@]}"
