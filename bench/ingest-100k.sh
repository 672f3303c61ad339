#!/usr/bin/env bash
# Benchmark: bulk ingest of FILES files (made here, 208 bytes each; 1 in 1000 sparse and 3-80 MB
# so every size tier shows) over 20 publisher folders into a fresh PostgreSQL database, with an
# in-process Temporal (the intake jobs are recorded and signalled; no worker OCRs them). Prints the
# ingest rate, a second ingest of the same tree (adds nothing), then grows the registry to ROWS
# rows and prints the latency of the `files stats` / GET /api/files/stats read.
#
# Usage: bench/ingest-100k.sh
#   PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres  the server (trust auth)
#   FILES=100000 BATCH=1000 MAX_IO=50 ROWS=1000000 DB=ocrbatch_bench_ingest
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/bench/maven.sh"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
DB="${DB:-ocrbatch_bench_ingest}"
FILES="${FILES:-100000}" BATCH="${BATCH:-1000}" MAX_IO="${MAX_IO:-50}" ROWS="${ROWS:-1000000}"
WORK="$(mktemp -d)"
cleanup() { rm -rf "$WORK"; psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null; }
trap cleanup EXIT

echo "== building the bench classes ($(git -C "$ROOT" rev-parse --short HEAD))"
bench_activities_classpath
CP="$ROOT/activities/target/test-classes:$ROOT/activities/target/classes:$ROOT/workflows/target/classes:$(cat "$WORK/cp.txt")"
psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" >/dev/null
echo "== $FILES files, batch $BATCH, max I/O $MAX_IO, stats at $ROWS rows ($(nproc) cores)"
java -Xmx1g -cp "$CP" io.ocrbatch.activities.dropfolder.IngestBench \
  "jdbc:postgresql://$PGHOST:$PGPORT/$DB?user=$PGUSER" "$WORK/tree" "$FILES" "$BATCH" "$MAX_IO" "$ROWS" 2>&1 \
  | grep -v ' INFO \| DEBUG \|WARN'
