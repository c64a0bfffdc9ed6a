#!/usr/bin/env bash
# Speed benchmark (not a test). Every figure is printed beside a baseline measured in the same run:
#  1. Multitask network on Tox21 (ECFP 1024, random split, DeepChem's defaults), seeds 0 1 2: seconds per epoch,
#     every epoch (the first included), on one thread and on every core, beside the dense limit (ND4J's time for
#     the dense matrix products of one epoch of the same shapes, one thread) and, when DeepChem is set up here
#     (../shared/bench/deepchem/README), DeepChem's MultitaskClassifier on one thread.
#  2. Graph convolution on Tox21: seconds per epoch (the first included), beside DeepChem's GraphConvModel.
#  3. `chemdl predict` over N MUV SMILES with -Xmx512m (a multitask network and a graph convolution trained on
#     Tox21 here) beside `chemdl featurize --featurizer ecfp` over the same file: molecules/s and peak RSS; and
#     both streaming verbs beside in-memory batch featurization (ECFP, every core) of the first 100,000 of the
#     same SMILES (all N would not fit in memory as feature rows).
# Usage: bench/speed.sh [molecules for predict, default 1000000] [graph convolution epochs, default 10]
#        (CHEMDL_DATA_DIR defaults to ../shared/data; SKIP_DEEPCHEM=1 leaves DeepChem out)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
export CHEMDL_DATA_DIR="${CHEMDL_DATA_DIR:-$(cd .. && pwd)/shared/data}"
export OMP_NUM_THREADS=1
MOLECULES="${1:-1000000}"
GC_EPOCHS="${2:-10}"
BENCH="$(cd "$CHEMDL_DATA_DIR/.." && pwd)/bench"
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT

mvn -B -q -ntp install -DskipTests
mvn -B -q -ntp -pl featurize,models test-compile >/dev/null
mvn -B -q -ntp -pl models dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
CP="models/target/test-classes:models/target/classes:$(cat models/target/bench.classpath)"
FEATURIZE_CP="featurize/target/test-classes:$CP"
JAR="$ROOT/cli/target/chemdl.jar"
echo "machine: $(nproc --all) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"

deepchem() { # runs a DeepChem bench script with one thread, when DeepChem is set up
  [ "${SKIP_DEEPCHEM:-0}" = 1 ] && return 1
  [ -f "$BENCH/deepchem/env.sh" ] || return 1
  (cd "$BENCH" && source deepchem/env.sh && cd deepchem && "$PY" -c "import deepchem" 2>/dev/null \
    && TORCH_THREADS=1 "$PY" "$@" 2>/dev/null)
}

echo "== 1. multitask network, Tox21, 10 epochs, seeds 0 1 2"
echo "-- ChemDL4J, one thread (-Dchemdl.workers=1)"
java -Dchemdl.workers=1 -cp "$CP" io.chemdl4j.models.bench.MultitaskSpeedBenchmark tox21 10 0 1 2 2>/dev/null \
  | grep -E "^(seed|mean)"
echo "-- ChemDL4J, every core"
java -cp "$CP" io.chemdl4j.models.bench.MultitaskSpeedBenchmark tox21 10 0 1 2 2>/dev/null | grep -E "^(seed|mean)"
echo "-- DeepChem MultitaskClassifier (PyTorch), one thread"
if ! deepchem tox21_mtc.py 0 1 2 | python3 -c '
import ast, sys
runs = [ast.literal_eval(l) for l in sys.stdin if l.startswith("{")]
for r in runs:
    print("seed %d | valid roc_auc %.4f | test %.4f | %.3f s/epoch (10 epochs)" % (r["seed"], r["roc_auc_valid"], r["roc_auc_test"], r["s_per_epoch"]))
print("mean %.3f s/epoch" % (sum(r["s_per_epoch"] for r in runs) / len(runs)))'; then
  echo "(DeepChem is not set up here: see $BENCH/README.md)"
fi

echo "== 2. graph convolution, Tox21, $GC_EPOCHS epochs, seed 0"
echo "-- ChemDL4J, one thread"
java -Dchemdl.workers=1 -cp "$CP" io.chemdl4j.models.bench.GraphConvBenchmark tox21 "$GC_EPOCHS" 0 2>/dev/null \
  | grep -E "^seed"
echo "-- DeepChem GraphConvModel (PyTorch), one thread"
deepchem graphconv.py tox21 "$GC_EPOCHS" 0 random asis | grep "s/epoch" \
  || echo "(DeepChem is not set up here: see $BENCH/README.md)"

echo "== 3. predict over $MOLECULES MUV SMILES, -Xmx512m, every core"
zcat "$CHEMDL_DATA_DIR/muv.csv.gz" | python3 bench/muv_library.py "$MOLECULES" > "$OUT/muv.csv"
java -jar "$JAR" train --dataset tox21 --save-model "$OUT/tox21-mt" --quiet >/dev/null 2>&1
java -jar "$JAR" train --dataset tox21 --model graphconv --epochs 5 --save-model "$OUT/tox21-gc" --quiet >/dev/null 2>&1
run() { # label, then the chemdl arguments: molecules/s from the wall time (JVM start included), peak RSS
  local label="$1"; shift
  /usr/bin/time -f "%e %M" -o "$OUT/time" java -Xmx512m -jar "$JAR" "$@" --quiet >/dev/null 2>&1
  read -r wall rss < "$OUT/time"
  python3 -c 'import sys; n, w, r = int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]); print("%-34s %7.1f s  %8.0f molecules/s  peak RSS %4d MB" % (sys.argv[1], w, n / w, r // 1024))' \
    "$label" "$MOLECULES" "$wall" "$rss"
  echo "$wall" >> "$OUT/walls"
}
run "featurize --featurizer ecfp (base)" featurize --input "$OUT/muv.csv" --featurizer ecfp --format onbits --output "$OUT/f.csv"
run "predict, multitask network" predict --model "$OUT/tox21-mt" --input "$OUT/muv.csv" --output "$OUT/p-mt.csv"
run "predict, graph convolution" predict --model "$OUT/tox21-gc" --input "$OUT/muv.csv" --output "$OUT/p-gc.csv"
python3 -c 'import sys; w = [float(x) for x in open(sys.argv[1])]; print("throughput against featurize: multitask %.2f, graph convolution %.2f" % (w[0] / w[1], w[0] / w[2]))' "$OUT/walls"
head -n 100001 "$OUT/muv.csv" > "$OUT/muv-100k.csv"
batch=$(java -Xmx2g -Dbench.only.ecfp=true -cp "$FEATURIZE_CP" io.chemdl4j.featurize.bench.FeaturizeBenchmark \
  "$OUT/muv-100k.csv" 2>/dev/null | awk '/batch, 2 threads/ {print $(NF-4)}')
python3 -c 'import sys; n, b = int(sys.argv[2]), float(sys.argv[3]); w = [float(x) for x in open(sys.argv[1])]; print("in-memory batch featurization (ECFP, 2 threads, first 100,000 of the same SMILES): %.0f molecules/s; streaming verbs against it: featurize %.2f, predict (multitask) %.2f" % (b, n / w[0] / b, n / w[1] / b))' \
  "$OUT/walls" "$MOLECULES" "$batch"
