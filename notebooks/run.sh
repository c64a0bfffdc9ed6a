#!/usr/bin/env bash
# Executes every notebook in this folder headless through a real Jupyter client (nbclient, from
# Debian's packages) with a JShell-based Java kernel from Maven Central (rapaio-jupyter-kernel), the
# way a person runs them in Jupyter. Fails on the first cell that raises an error.
#
#   bash notebooks/run.sh            # execute into target/notebooks/ (CI)
#   bash notebooks/run.sh --update   # execute and write the outputs back into notebooks/ (to commit them)
#   bash notebooks/run.sh --jar FILE # load FILE instead of cli/target/chemdl.jar (CI: a copy, while it builds)
#
# Needs the built toolkit (cli/target/chemdl.jar: mvn install -DskipTests) and CHEMDL_DATA_DIR or the
# dataset cache for the datasets the notebooks load.
set -euo pipefail
cd "$(dirname "$0")/.."
KERNEL_VERSION=3.0.1
JUPYTER=target/jupyter

jar=cli/target/chemdl.jar
for ((i = 1; i <= $#; i++)); do
  if [ "${!i}" = --jar ]; then next=$((i + 1)); jar="${!next:-}"; fi
done
if [ ! -f "$jar" ]; then
  echo "$jar is missing: build cli/target/chemdl.jar first with mvn -B install -DskipTests" >&2
  exit 1
fi
if ! /usr/bin/python3 -c "import nbclient, nbformat" 2>/dev/null; then
  apt-get update -qq && apt-get install -y -qq python3-nbclient python3-nbformat >/dev/null
fi

# The kernel (CDK's depiction module, for the pictures of molecules, comes with the toolkit's jar), with the
# collector the tests use (pom.xml's test.jvm.gc: on two cores G1's concurrent threads cost the cells 10-15%).
mkdir -p "$JUPYTER/kernels/java"
mvn -B -q -ntp dependency:copy -Dartifact=io.github.padreati:rapaio-jupyter-kernel:$KERNEL_VERSION \
    -DoutputDirectory="$JUPYTER" -Dmdep.overWriteIfNewer=true
cat > "$JUPYTER/kernels/java/kernel.json" <<JSON
{
  "argv": ["java", "-XX:+UseSerialGC", "-jar", "$(pwd)/$JUPYTER/rapaio-jupyter-kernel-$KERNEL_VERSION.jar", "{connection_file}"],
  "display_name": "Java",
  "language": "java",
  "interrupt_mode": "message",
  "env": {"RJK_TIMEOUT_MILLIS": "-1"}
}
JSON

JUPYTER_PATH="$(pwd)/$JUPYTER" /usr/bin/python3 notebooks/execute.py "$@"
