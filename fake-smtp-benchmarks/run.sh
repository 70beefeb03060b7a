#!/usr/bin/env bash
# Builds fake-smtp-core and the benchmarks, then runs fake-smtp, GreenMail and Wiser through every scenario,
# each in a fresh JVM, interleaved, and prints the table. Extra arguments go to the runner, e.g.
#   fake-smtp-benchmarks/run.sh --rounds 5 --scenarios session,big
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -B -q -Pbenchmarks -pl fake-smtp-benchmarks -am package -DskipTests
cd fake-smtp-benchmarks
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp "target/classes:$(cat target/benchmark.classpath)" io.github.fakesmtp.benchmarks.BenchmarkRunner "$@"
