#!/usr/bin/env bash
# Speed benchmark (not a test). Every figure is printed beside a baseline measured in the same run:
#  1. Multitask network on Tox21 (ECFP 1024, random split, DeepChem's defaults), seeds 0 1 2: seconds per epoch,
#     every epoch (the first included), on one thread and on every core, beside the dense limit (ND4J's time for
#     the dense matrix products of one epoch of the same shapes, one thread) and, when DeepChem is set up here
#     (../shared/bench/deepchem/README), DeepChem's MultitaskClassifier on one thread.
#  2. Graph convolution on Tox21: seconds per epoch (the first included), beside DeepChem's GraphConvModel.
#  3. `chemdl predict` over N MUV SMILES with -Xmx512m (a multitask network and a graph convolution trained on
#     Tox21 here) beside `chemdl featurize --featurizer ecfp` over the same file: molecules/s and peak RSS, and the
#     peak RSS of both over the first 100,000 rows against all N (memory flat over the input's length), in runs of
#     their own and within the same run (bench/peak_rss_at.py: no second JVM's heap sizing in the comparison); both
#     streaming verbs beside in-memory batch featurization (ECFP, every core) of the first 100,000 of the same
#     SMILES (all N would not fit in memory as feature rows), measured before and after the streaming runs. The runs
#     over all N rows are repeated in turn (ROUNDS, default 2) and averaged. Beside them, `predict` with a multitask
#     network of 16 hidden units (the same data, featurizer and pipeline, almost no arithmetic): what `predict` costs
#     on top of `featurize` apart from the network, and what the 1,000-unit network's own arithmetic costs.
# Usage: bench/speed.sh [molecules for predict, default 1000000] [graph convolution epochs, default 10]
#        (CHEMDL_DATA_DIR defaults to ../shared/data; SKIP_DEEPCHEM=1 leaves DeepChem out; ROUNDS=K repeats the
#        streaming runs over all N rows K times, default 2)
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
java -jar "$JAR" train --dataset tox21 --layers 16 --save-model "$OUT/tox21-mt16" --quiet >/dev/null 2>&1
java -jar "$JAR" train --dataset tox21 --model graphconv --epochs 5 --save-model "$OUT/tox21-gc" --quiet >/dev/null 2>&1
SMALL=$(( MOLECULES < 100000 ? MOLECULES : 100000 ))
head -n $((SMALL + 1)) "$OUT/muv.csv" > "$OUT/muv-small.csv"
run() { # key, rows, label, output watched or -, then the chemdl arguments: molecules/s from the wall time (JVM
  # start included), peak RSS; with an output file, also the same process's peak RSS once its first $SMALL rows are done
  local key="$1" rows="$2" label="$3" watched="$4"; shift 4
  /usr/bin/time -f "%e %M" -o "$OUT/time" java -Xmx512m -jar "$JAR" "$@" --quiet >/dev/null 2>&1 &
  local timer=$!
  : > "$OUT/within"
  [ "$watched" = - ] || python3 bench/peak_rss_at.py "$timer" "$watched" "$SMALL" > "$OUT/within" &
  wait "$timer"
  wait
  read -r wall rss < "$OUT/time"
  read -r within_rows within_rss < "$OUT/within" || { within_rows=0; within_rss=0; }
  python3 -c 'import sys; n, w, r = int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]); print("%-48s %7.1f s  %8.0f molecules/s  peak RSS %4d MB" % (sys.argv[1], w, n / w, r // 1024))' \
    "$label" "$rows" "$wall" "$rss"
  echo "$key $wall $rss $within_rows $within_rss" >> "$OUT/runs"
}
batch_rate() { # in-memory batch featurization (ECFP, 2 threads) of the first $SMALL SMILES, molecules/s
  java -Xmx2g -Dbench.only.ecfp=true -cp "$FEATURIZE_CP" io.chemdl4j.featurize.bench.FeaturizeBenchmark \
    "$OUT/muv-small.csv" 2>/dev/null | awk '/batch, 2 threads/ {print $(NF-4)}'
}
# The baseline is measured before and after the streaming runs, and the three streaming runs over all N rows are
# repeated in turn ($ROUNDS rounds, 2 by default) and averaged: this machine's speed drifts over minutes, and one run
# of each differed from the next by up to 8% on the same day.
ROUNDS="${ROUNDS:-2}"
batch_before=$(batch_rate)
for round in $(seq 1 "$ROUNDS"); do
  run f "$MOLECULES" "featurize --featurizer ecfp (base), run $round" - featurize --input "$OUT/muv.csv" --featurizer ecfp --format onbits --output "$OUT/f.csv"
  rm -f "$OUT/f.csv"
  run mt "$MOLECULES" "predict, multitask network, run $round" "$OUT/p-mt.csv" predict --model "$OUT/tox21-mt" --input "$OUT/muv.csv" --output "$OUT/p-mt.csv"
  rm -f "$OUT/p-mt.csv"
  run mt16 "$MOLECULES" "predict, multitask network of 16 units, run $round" - predict --model "$OUT/tox21-mt16" --input "$OUT/muv.csv" --output "$OUT/p-mt16.csv"
  rm -f "$OUT/p-mt16.csv"
  run gc "$MOLECULES" "predict, graph convolution, run $round" "$OUT/p-gc.csv" predict --model "$OUT/tox21-gc" --input "$OUT/muv.csv" --output "$OUT/p-gc.csv"
  rm -f "$OUT/p-gc.csv"
done
run mt-small "$SMALL" "predict, multitask network, first $SMALL" - predict --model "$OUT/tox21-mt" --input "$OUT/muv-small.csv" --output "$OUT/p-mt-small.csv"
run gc-small "$SMALL" "predict, graph convolution, first $SMALL" - predict --model "$OUT/tox21-gc" --input "$OUT/muv-small.csv" --output "$OUT/p-gc-small.csv"
batch_after=$(batch_rate)
python3 - "$OUT/runs" "$MOLECULES" "$SMALL" "$batch_before" "$batch_after" <<'PY'
import sys
runs = {}
for line in open(sys.argv[1]):
    key, *values = line.split()
    runs.setdefault(key, []).append(tuple(float(v) for v in values))
n, small, before, after = int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
def mean(values):
    return sum(values) / len(values)
wall = {key: mean([r[0] for r in runs[key]]) for key in ("f", "mt", "gc")}
print("mean of %d runs each: featurize %.1f s (%.0f molecules/s), multitask %.1f s (%.0f/s), graph convolution %.1f s "
      "(%.0f/s); highest peak RSS: multitask %d MB, graph convolution %d MB"
      % (len(runs["f"]), wall["f"], n / wall["f"], wall["mt"], n / wall["mt"], wall["gc"], n / wall["gc"],
         max(r[1] for r in runs["mt"]) // 1024, max(r[1] for r in runs["gc"]) // 1024))
print("throughput against featurize: multitask %.2f, graph convolution %.2f" % (wall["f"] / wall["mt"], wall["f"] / wall["gc"]))
mt16 = mean([r[0] for r in runs["mt16"]])
print("predict with 16 hidden units: %.1f s, %.2f of featurize's throughput (the pipeline around the network); the "
      "1,000-unit network's arithmetic %.1f s of the multitask run (%.1f%%); pairs in turn: %s"
      % (mt16, wall["f"] / mt16, wall["mt"] - mt16, 100 * (wall["mt"] - mt16) / wall["mt"],
         ", ".join("%.3f/%.3f" % (f[0] / m[0], f[0] / s[0]) for f, m, s in zip(runs["f"], runs["mt"], runs["mt16"]))))
def each(key, f):
    return ", ".join(f(r) for r in runs[key])
small_mt, small_gc = runs["mt-small"][0][1], runs["gc-small"][0][1]
print("peak RSS, %d rows against %d in a run of their own: multitask %s, graph convolution %s"
      % (n, small, each("mt", lambda r: "%+.1f%%" % (100 * (r[1] / small_mt - 1))),
         each("gc", lambda r: "%+.1f%%" % (100 * (r[1] / small_gc - 1)))))
def within(r):
    _, peak, at, peak_then = r
    return "%+.1f%% (%d MB after %d rows)" % (100 * (peak / peak_then - 1), peak_then // 1024, at) if at else "not seen"
print("peak RSS, %d rows against the same run's after its first %d: multitask %s; graph convolution %s"
      % (n, small, each("mt", within), each("gc", within)))
batch = (before + after) / 2
print("in-memory batch featurization (ECFP, 2 threads, first %d of the same SMILES): %.0f molecules/s before the "
      "streaming runs, %.0f after, mean %.0f; streaming verbs (their means) against the mean: featurize %.2f, "
      "predict (multitask) %.2f" % (small, before, after, batch, n / wall["f"] / batch, n / wall["mt"] / batch))
PY
