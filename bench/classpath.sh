# Sourced by the benchmark scripts (benchmarks live in a module's test sources): `bench_classpath MODULE` installs
# MODULE and the modules it needs, compiles its tests, and sets CP to its test classes, its classes and its
# dependencies.
bench_classpath() {
  local module=$1
  mvn -B -q -ntp -pl "$module" -am install -DskipTests
  mvn -B -q -ntp -pl "$module" test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath >/dev/null
  CP="$module/target/test-classes:$module/target/classes:$(cat "$module/target/bench.classpath")"
}
