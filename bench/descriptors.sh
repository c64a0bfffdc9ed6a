#!/usr/bin/env bash
# Throughput of RDKit's 208 descriptors (not a test): ChemDL4J's `descriptors` featurizer on one thread and on
# two, beside native RDKit 2022.09 (Debian's python3-rdkit, one thread) on the same MUV molecules in the same run.
# Usage: bench/descriptors.sh [muv.csv.gz] [molecules=5000]
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-../shared/data/muv.csv.gz}"
count="${2:-5000}"
source bench/classpath.sh
bench_classpath featurize
echo "native RDKit, one thread, first $count MUV molecules ..."
rdkit=$(OMP_NUM_THREADS=1 /usr/bin/python3 bench/rdkit_descriptors.py "$data" "$count")
# ParallelGC: the throughput collector (see bench/featurize.sh)
exec java -Xmx2g -XX:+UseParallelGC -cp "$CP" \
  io.chemdl4j.featurize.bench.DescriptorBenchmark "$data" "$count" "$rdkit"
