#!/usr/bin/env bash
# Spark benchmark (not a test): N MUV SMILES (default 1,000,000) screened with a Tox21 multitask network by the Spark
# job on local[2] (spark/chemdl-spark: driver and executor in one JVM, -Xmx2g) beside `chemdl predict` over the same
# file in the same run (-Xmx512m, every core): wall time (JVM start included), molecules/s, the ratio, peak RSS, and
# where the Spark job's time goes (its own timing of the stages, from Spark's event log). Run the benchmark on a quiet
# machine: both figures come from one run, but two cores leave no slack.
# Usage: bench/spark.sh [molecules, default 1000000] [partitions, default: the job's own]
set -euo pipefail
cd "$(dirname "$0")/.."
export CHEMDL_DATA_DIR="${CHEMDL_DATA_DIR:-$(cd .. && pwd)/shared/data}"
export OMP_NUM_THREADS=1
MOLECULES="${1:-1000000}"
PARTITIONS=(); [ -n "${2:-}" ] && PARTITIONS=(--partitions "$2")
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
mvn -B -q -ntp install -DskipTests
JAR="$(pwd)/cli/target/chemdl.jar"
echo "machine: $(nproc --all) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
zcat "$CHEMDL_DATA_DIR/muv.csv.gz" | python3 bench/muv_library.py "$MOLECULES" > "$OUT/library.csv"
java -jar "$JAR" train --dataset tox21 --save-model "$OUT/tox21-mt" --quiet >/dev/null 2>&1
report() { # label, seconds, peak RSS in KB
  python3 -c 'import sys; n, w, r = int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]); print("%-44s %7.1f s  %8.0f molecules/s  peak RSS %5d MB" % (sys.argv[1], w, n / w, r // 1024))' \
    "$1" "$MOLECULES" "$2" "$3"
}
/usr/bin/time -f "%e %M" -o "$OUT/time" java -Xmx512m -jar "$JAR" predict --model "$OUT/tox21-mt" \
  --input "$OUT/library.csv" --keep-columns none --id-column id --output "$OUT/predict.csv" --quiet >/dev/null 2>&1
read -r predict_wall predict_rss < "$OUT/time"
report "chemdl predict (-Xmx512m, every core)" "$predict_wall" "$predict_rss"
# The launcher's first run after a build records its class-data archive (spark/chemdl-spark); done here on 3 molecules,
# as any first use would.
head -4 "$OUT/library.csv" > "$OUT/three.csv"
spark/chemdl-spark screen --model "$OUT/tox21-mt" --input "$OUT/three.csv" --id-column id --output "$OUT/three" \
  --quiet >/dev/null 2>&1
mkdir -p "$OUT/events"
CHEMDL_SPARK_HEAP=2g /usr/bin/time -f "%e %M" -o "$OUT/time" spark/chemdl-spark screen --model "$OUT/tox21-mt" \
  --input "$OUT/library.csv" --id-column id --output "$OUT/screened.parquet" --master "local[2]" "${PARTITIONS[@]}" \
  --quiet --conf spark.eventLog.enabled=true --conf spark.eventLog.dir="$OUT/events" \
  --conf spark.eventLog.compress=false 2> "$OUT/spark.log" >/dev/null
read -r spark_wall spark_rss < "$OUT/time"
report "chemdl-spark screen, local[2] (-Xmx2g)" "$spark_wall" "$spark_rss"
grep "^screened" "$OUT/spark.log"
python3 -c 'import sys; print("Spark job / chemdl predict throughput: %.2f" % (float(sys.argv[1]) / float(sys.argv[2])))' \
  "$predict_wall" "$spark_wall"
python3 - "$OUT/events" <<'PY'
import json, os, sys
log = [os.path.join(d, f) for d, _, fs in os.walk(sys.argv[1]) for f in fs if f.startswith(("events", "local-"))][0]
start = None
tasks = {}
for line in open(log):
    e = json.loads(line)
    kind = e["Event"]
    if kind == "SparkListenerApplicationStart":
        start = e["Timestamp"]
    elif kind == "SparkListenerStageCompleted":
        s = e["Stage Info"]
        run = tasks.get(s["Stage ID"], [])
        print("stage %d %-28s %5.1f s to %5.1f s after start, %3d tasks, task time %6.1f s (mean %.1f s)" % (
            s["Stage ID"], s["Stage Name"].split(" at ")[-1][:28], (s["Submission Time"] - start) / 1000,
            (s["Completion Time"] - start) / 1000, len(run), sum(run), sum(run) / max(1, len(run))))
    elif kind == "SparkListenerTaskEnd":
        info = e["Task Info"]
        tasks.setdefault(e["Stage ID"], []).append((info["Finish Time"] - info["Launch Time"]) / 1000)
PY
