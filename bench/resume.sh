#!/usr/bin/env bash
# Resume after kill -9 (not a test): `featurize` (ECFP) and `predict` (a small Tox21 multitask model) over MUV's
# 93,127 molecules, each killed with SIGKILL at three moments (its first commit, and once 30% and 70% of the rows
# are committed), then run again with --resume; the final output and error list must be byte-identical to an
# uninterrupted run's. One more run per verb is killed at all three moments in turn. Prints one line per case.
# Usage: bench/resume.sh [--no-build]   (CHEMDL_DATA_DIR defaults to ../shared/data; needs muv.csv.gz there)
set -euo pipefail
cd "$(dirname "$0")/.."
export CHEMDL_DATA_DIR="${CHEMDL_DATA_DIR:-$(cd .. && pwd)/shared/data}"
export OMP_NUM_THREADS=1
[ "${1:-}" = "--no-build" ] || mvn -B -q -ntp install -DskipTests
JAR="$(pwd)/cli/target/chemdl.jar"
INPUT="$CHEMDL_DATA_DIR/muv.csv.gz"
TOTAL=93127
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
java -jar "$JAR" train --dataset tox21 --epochs 1 --seed 0 --quiet --save-model tox21-model > /dev/null

# The rows the staged output of OUT has committed (0 before the first commit).
committed() {
  local state=".$1.resume/state"
  if [ -f "$state" ]; then sed -n 's/^rows=//p' "$state"; else echo 0; fi
}

# Starts VERB's command writing OUT in the background, kills it once ROWS rows are committed (or its first commit,
# for ROWS=1); fails if it finished first.
run_and_kill() {
  local out="$1" rows="$2"; shift 2
  java -jar "$JAR" "$@" --output "$out" --errors "$out.errors" --quiet 2> /dev/null &
  local pid=$!
  while [ "$(committed "$out")" -lt "$rows" ]; do
    if ! kill -0 "$pid" 2> /dev/null; then echo "finished before $rows rows were committed" >&2; return 1; fi
    sleep 0.02
  done
  kill -9 "$pid"; wait "$pid" 2> /dev/null || true
  echo "$(committed "$out")"
}

check() {
  local verb="$1"; shift
  java -jar "$JAR" "$@" --output reference.csv --errors reference.csv.errors --quiet 2> /dev/null
  local want; want="$(cat reference.csv reference.csv.errors | sha256sum | cut -c1-16)"
  local case at rows
  for at in 1 $((TOTAL * 30 / 100)) $((TOTAL * 70 / 100)); do
    rm -f out.csv out.csv.errors
    rows="$(run_and_kill out.csv "$at" "$@")"
    [ ! -e out.csv ] || { echo "$verb: out.csv appeared before the run completed" >&2; exit 1; }
    java -jar "$JAR" "$@" --output out.csv --errors out.csv.errors --quiet --resume 2> /dev/null
    report "$verb" "killed after $rows committed rows, resumed" "$want"
  done
  rm -f out.csv out.csv.errors
  local killed=()
  for at in 1 $((TOTAL * 30 / 100)) $((TOTAL * 70 / 100)); do
    java -jar "$JAR" "$@" --output out.csv --errors out.csv.errors --quiet --resume 2> /dev/null &
    local pid=$!
    while [ "$(committed out.csv)" -lt "$at" ]; do sleep 0.02; done
    kill -9 "$pid"; wait "$pid" 2> /dev/null || true
    killed+=("$(committed out.csv)")
  done
  java -jar "$JAR" "$@" --output out.csv --errors out.csv.errors --quiet --resume 2> /dev/null
  report "$verb" "killed after ${killed[*]} committed rows in turn, resumed each time" "$want"
}

report() {
  local got; got="$(cat out.csv out.csv.errors | sha256sum | cut -c1-16)"
  if [ "$got" = "$3" ]; then echo "$1: $2: identical ($got, $(wc -l < out.csv) lines)";
  else echo "$1: $2: DIFFERENT ($got, want $3)"; exit 1; fi
  [ ! -e ".out.csv.resume" ] || { echo "$1: staging directory left behind" >&2; exit 1; }
}

check featurize featurize --input "$INPUT" --featurizer ecfp --format onbits --threads 2
check predict predict --model tox21-model --input "$INPUT" --threads 2
