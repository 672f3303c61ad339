#!/usr/bin/env bash
# The pipeline registry at BDRC scale, on a database of its own on a PostgreSQL server: JOBS OCR
# jobs of VOLUMES volumes each (the ocr step recorded by the status activity at the job's start and
# end: coverage rows from the tasks, the registry document with its volume lists, its files), then
# p50/p95 of `pipeline find VOLUME` (an index lookup over JOBS × VOLUMES coverage rows), of one
# job's document, of `pipeline list`, and of `--source-job auto` over VOLUMES volumes.
#
# Usage: bench/pipeline-registry.sh
#   PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres  the server (trust auth)
#   DB=ocrbatch_bench_registry  VOLUMES=100000 JOBS=3 RUNS=50   KEEP_DB=1 keeps the database
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/bench/maven.sh"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
DB="${DB:-ocrbatch_bench_registry}"
VOLUMES="${VOLUMES:-100000}" JOBS="${JOBS:-3}" RUNS="${RUNS:-50}"
WORK="$(mktemp -d)"
cleanup() {
  rm -rf "$WORK"
  if [[ "${KEEP_DB:-0}" != 1 ]]; then psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB" >/dev/null; fi
}
trap cleanup EXIT

echo "== building the bench classes ($(git -C "$ROOT" rev-parse --short HEAD))"
"$ROOT/bin/ocrbatch" --version >/dev/null # the jar, for the libraries
bench_mvn -pl activities -am test-compile >"$WORK/mvn.log" 2>&1 || { tail -30 "$WORK/mvn.log"; exit 1; }
CP="$ROOT/activities/target/test-classes:$ROOT/activities/target/classes:$ROOT/workflows/target/classes:$ROOT/cli/target/ocrbatch-all.jar"
psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB" >/dev/null
echo "== $JOBS jobs of $VOLUMES volumes"
java -Xmx1g -cp "$CP" io.ocrbatch.activities.registry.PipelineRegistryBench \
  "jdbc:postgresql://$PGHOST:$PGPORT/$DB?user=$PGUSER" "$VOLUMES" "$JOBS" "$RUNS" 2>&1 | grep -v ' INFO \| DEBUG \| WARN '
