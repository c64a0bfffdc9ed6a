#!/usr/bin/env bash
# Fuzz run (not a test): 20,000 mutated MUV SMILES (characters deleted, inserted and replaced, seeded) plus giant
# molecules (a 1,999- and a 5,000-atom chain, 5,000 nested branches, 300 fused benzene copies, a 5 MB line, an
# unclosed bracket, an empty SMILES, pentavalent carbon) through `featurize` with every featurizer and `predict` with
# every model kind (small Delaney models). Each input row must come out exactly once: in the output or in the errors.
# Usage: bench/fuzz.sh   (CHEMDL_DATA_DIR defaults to ../shared/data; needs muv.csv.gz there)
set -euo pipefail
cd "$(dirname "$0")/.."
export CHEMDL_DATA_DIR="${CHEMDL_DATA_DIR:-$(cd .. && pwd)/shared/data}"
mvn -B -q -ntp install -DskipTests
JAR="$(pwd)/cli/target/chemdl.jar"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
python3 - "$CHEMDL_DATA_DIR/muv.csv.gz" <<'PY'
import csv, gzip, random, sys
random.seed(7)
with gzip.open(sys.argv[1], "rt") as f:
    source = [r["smiles"] for _, r in zip(range(5000), csv.DictReader(f))]
inserts = ["(", ")", "[", "]", "1", "2", "%12", "=", "#", "Xx", "[Zz]", "@", "/", "\\", ".", "+", "c", "n"]
rows = []
for _ in range(20000):
    s = list(random.choice(source))
    for _ in range(random.randint(0, 3)):
        if not s:
            break
        at = random.randrange(len(s))
        kind = random.randrange(3)
        if kind == 0:
            del s[at]
        elif kind == 1:
            s.insert(at, random.choice(inserts))
        else:
            s[at] = random.choice("CNOSPFXQZ1(]")
    rows.append("".join(s))
rows += ["C" * 1999, "C" * 5000, "C(" * 5000 + "C" + ")" * 5000, "c1ccccc1" * 300, "C" * (5 << 20), "[", "",
         "C(C)(C)(C)(C)C"]
with open("fuzz.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["id", "smiles"])
    for i, s in enumerate(rows):
        w.writerow([f"f{i}", s])
print(f"{len(rows)} rows")
PY
ROWS=20008
check() {
  python3 - "$1" "$2" "$ROWS" <<'PY'
import csv, sys
csv.field_size_limit(1 << 30)
out = [int(r["row"]) for r in csv.DictReader(open(sys.argv[1]))]
err = [int(r["row"]) for r in csv.DictReader(open(sys.argv[2]))]
ok = sorted(out + err) == list(range(int(sys.argv[3])))
print(f"  {len(out)} written, {len(err)} error rows, every input row exactly once: {ok}")
sys.exit(0 if ok else 1)
PY
}
for f in ecfp fcfp morgan maccs descriptors cdk-descriptors graph chemprop-graph; do
  start=$SECONDS
  java -jar "$JAR" featurize --input fuzz.csv --featurizer "$f" --output "o-$f.csv" --errors "e-$f.csv" --quiet
  echo "featurize --featurizer $f: $((SECONDS - start)) s"
  check "o-$f.csv" "e-$f.csv"
done
for m in multitask random_forest graphconv dmpnn; do
  epochs=(--epochs 3)
  [ "$m" = random_forest ] && epochs=()
  java -jar "$JAR" train --dataset delaney --model "$m" "${epochs[@]}" --quiet --save-model "model-$m" >/dev/null
  start=$SECONDS
  java -jar "$JAR" predict --model "model-$m" --input fuzz.csv --output "p-$m.csv" --errors "pe-$m.csv" --quiet
  echo "predict with $m: $((SECONDS - start)) s"
  check "p-$m.csv" "pe-$m.csv"
done
