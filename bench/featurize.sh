#!/usr/bin/env bash
# Featurization throughput benchmark (not a test): molecules/second on MUV against a bare CDK loop.
# Usage: bench/featurize.sh [muv.csv.gz] [descriptor subset size]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp -pl featurize -am install -DskipTests
mvn -B -q -ntp -pl featurize dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
# ParallelGC: the throughput collector; on 2 cores G1's concurrent threads take ~10% from the workers.
exec java -Xmx2g -XX:+UseParallelGC -cp "featurize/target/test-classes:featurize/target/classes:$(cat featurize/target/bench.classpath)" \
  io.chemdl4j.featurize.bench.FeaturizeBenchmark "${1:-../shared/data/muv.csv.gz}" "${2:-20000}"
