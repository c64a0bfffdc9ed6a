#!/usr/bin/env bash
# Reliability benchmark (not a test): what `chemdl calibrate` promises, measured on held-out test splits through
# the command line, each figure beside its uncalibrated baseline from the same run:
#  1. Split-conformal intervals, Delaney and AqSolDB, random split, seeds 0 1 2: test coverage and mean width at
#     80% and 90%, for the multitask network (intervals of one width) and for an ensemble of 5 (intervals scaled by
#     the members' spread, with the spread's uncertainty metrics: Spearman of |error| and spread, NLL, ENCE).
#  1b. Spread estimators, Delaney, random split, seeds 0 1 2: Spearman of |error| and spread on test (and the rest of
#     the uncertainty metrics) for Monte-Carlo dropout (multitask network, 30 samples), an ensemble of 5 multitask
#     networks, and chemprop's directed message-passing network with a mean-variance head and with an evidential
#     head.
#  2. Calibrated classifiers, Tox21, random split, seed 0: Brier score and expected calibration error on test
#     before and after Platt scaling and isotonic regression (reliability diagrams in $OUT/tox21-*).
#  3. Applicability domain, Delaney and AqSolDB, scaffold split, seed 0: test RMSE of the molecules inside and
#     outside the domain.
# Usage: bench/reliability.sh [output directory, default a temporary one]
set -euo pipefail
cd "$(dirname "$0")/.."
export CHEMDL_DATA_DIR="${CHEMDL_DATA_DIR:-$(cd .. && pwd)/shared/data}"
export OMP_NUM_THREADS=1
OUT="${1:-$(mktemp -d)}"
mkdir -p "$OUT"
mvn -B -q -ntp install -DskipTests
CHEMDL="java -jar $(pwd)/cli/target/chemdl.jar"
echo "machine: $(nproc --all) cores, load $(cut -d' ' -f1-3 /proc/loadavg); models and plots in $OUT"

# prints the row of the calibration table of `chemdl evaluate` (test split), prefixed by a label
calibration_row() { # label, evaluate output file
  awk -v label="$1" '/^calibration \(test\):/ {on=1; getline; next} on && /^applicability/ {print label " | " $0; on=0}
    on {print label " | " $0}' "$2"
}

echo "== 1. split-conformal intervals (test split; coverage@80% width@80% coverage@90% width@90% nll spearman spearman_domain ence miscal_area)"
for ds in delaney aqsoldb; do
  for seed in 0 1 2; do
    for ens in 1 5; do
      m="$OUT/$ds-s$seed-e$ens"
      $CHEMDL train --dataset "$ds" --seed "$seed" --ensemble "$ens" --save-model "$m" --quiet > /dev/null
      $CHEMDL calibrate --model "$m" --dataset "$ds" --seed "$seed" --quiet > /dev/null
      $CHEMDL evaluate --model "$m" --dataset "$ds" --seed "$seed" --quiet > "$m.txt"
      calibration_row "$ds seed $seed ensemble $ens" "$m.txt" | grep -v "applicability\| task "
    done
  done
done

echo "== 1b. spread estimators, Delaney test split (coverage@80% width@80% coverage@90% width@90% nll spearman spearman_domain ence miscal_area)"
for seed in 0 1 2; do
  m="$OUT/delaney-s$seed-e1"
  $CHEMDL calibrate --model "$m" --dataset delaney --seed "$seed" --uncertainty 30 --quiet > /dev/null
  $CHEMDL evaluate --model "$m" --dataset delaney --seed "$seed" --quiet > "$m-dropout.txt"
  calibration_row "delaney seed $seed multitask dropout" "$m-dropout.txt" | grep -v "applicability\| task "
  calibration_row "delaney seed $seed multitask ensemble" "$OUT/delaney-s$seed-e5.txt" | grep -v "applicability\| task "
  for head in mean-variance evidential; do
    m="$OUT/delaney-s$seed-$head"
    $CHEMDL train --dataset delaney --seed "$seed" --model dmpnn --head "$head" --save-model "$m" --quiet > "$m-train.txt"
    $CHEMDL calibrate --model "$m" --dataset delaney --seed "$seed" --quiet > /dev/null
    $CHEMDL evaluate --model "$m" --dataset delaney --seed "$seed" --quiet > "$m.txt"
    calibration_row "delaney seed $seed dmpnn $head" "$m.txt" | grep -v "applicability\| task "
  done
done

echo "== 2. calibrated classifiers, Tox21 test split (brier, calibrated brier, ECE, calibrated ECE; mean over 12 tasks)"
m="$OUT/tox21"
$CHEMDL train --dataset tox21 --save-model "$m" --quiet > /dev/null
for method in platt isotonic; do
  $CHEMDL calibrate --model "$m" --dataset tox21 --method "$method" --quiet > /dev/null
  $CHEMDL evaluate --model "$m" --dataset tox21 --quiet --plots "$OUT/tox21-$method" > "$m-$method.txt"
  calibration_row "tox21 $method" "$m-$method.txt" | grep " | mean"
done

echo "== 3. applicability domain, scaffold split, test split"
for ds in delaney aqsoldb; do
  m="$OUT/$ds-scaffold"
  $CHEMDL train --dataset "$ds" --split scaffold --save-model "$m" --quiet > /dev/null
  $CHEMDL calibrate --model "$m" --dataset "$ds" --split scaffold --quiet > /dev/null
  $CHEMDL evaluate --model "$m" --dataset "$ds" --split scaffold --quiet > "$m.txt"
  echo "$ds scaffold | $(grep '^applicability' "$m.txt")"
done
