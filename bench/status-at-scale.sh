#!/usr/bin/env bash
# Status reads at BDRC scale. Builds a database of its own on a PostgreSQL server (generate_series:
# TASKS tasks over JOBS jobs, PAGES page_metrics rows, 1 % of pages failed, one job running with
# pending/running/failed tasks), then prints p50/p95 of the store reads behind
#   - GET /api/jobs/{key} and `job status --json` (query part: counts, recent errors, upload),
#   - GET /api/jobs?limit=20 (the same for the 20 newest jobs),
#   - GET /api/queue/stats,
# and, unless NO_SSE=1, the database query rate of SSE streams with 1 and 200 subscribers on one
# job (api test ProgressStreamsSharingTest's counting run).
#
# Usage: bench/status-at-scale.sh
#   PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres  the server (trust auth)
#   DB=ocrbatch_bench_status  TASKS=100000 PAGES=25000000 JOBS=5 RUNS=50 WARMUP=3 (reads before timing)
#   KEEP_DB=1   keep the database at the end (default: dropped)
#   REUSE_DB=1  use the database as it is when it exists (no rebuild); the checkout's migrations
#               are applied to it first and their time printed (to measure before, then after, on
#               the same rows: run the base commit with KEEP_DB=1, then this one with REUSE_DB=1)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/bench/maven.sh"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
DB="${DB:-ocrbatch_bench_status}"
TASKS="${TASKS:-100000}" PAGES="${PAGES:-25000000}" JOBS="${JOBS:-5}" RUNS="${RUNS:-50}"
URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB"
WORK="$(mktemp -d)"
cleanup() {
  rm -rf "$WORK"
  if [[ "${KEEP_DB:-0}" != 1 ]]; then psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB" >/dev/null; fi
}
trap cleanup EXIT

echo "== building the bench classes ($(git -C "$ROOT" rev-parse --short HEAD))"
bench_activities_classpath
CP="$ROOT/activities/target/test-classes:$ROOT/activities/target/classes:$ROOT/workflows/target/classes:$(cat "$WORK/cp.txt")"
bench() { java -Xmx512m -cp "$CP" io.ocrbatch.activities.statusdb.StatusReadBench "$URL" BENCH1 "$RUNS" "$@" 2>&1 | grep -v ' INFO \| DEBUG '; }

exists=$(psql -qtA -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$DB'")
if [[ "${REUSE_DB:-0}" == 1 && "$exists" == 1 ]]; then
  echo "== reusing $DB: $(psql -qtA -d "$DB" -c "SELECT count(*) FROM tasks") tasks,"\
       "$(psql -qtA -d "$DB" -c "SELECT reltuples::bigint FROM pg_class WHERE relname = 'page_metrics'") page rows; migrating"
  bench --migrate-only
else
  psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB" >/dev/null
  bench --migrate-only
  echo "== loading $JOBS jobs, $TASKS tasks, $PAGES page rows"
  start=$(date +%s)
  has_job_id=$(psql -qtA -d "$DB" -c "SELECT count(*) FROM information_schema.columns WHERE table_name = 'page_metrics' AND column_name = 'job_id'")
  job_col="" job_val=""
  if [[ "$has_job_id" == 1 ]]; then job_col=", job_id" job_val=", t.job_id"; fi
  psql -q -v ON_ERROR_STOP=1 -d "$DB" <<SQL
-- Rows are loaded as a bulk load would be: triggers off, counters recounted once at the end.
SET session_replication_role = replica;
SET synchronous_commit = off;
INSERT INTO jobs (job_key, type_id, status, output_root, created_at, started_at, finished_at)
SELECT 'BENCH' || j, 1, CASE WHEN j = 1 THEN 'running' ELSE 'completed' END, '/out',
       now() - make_interval(hours => j * 30), now() - make_interval(hours => j * 30 - 1),
       CASE WHEN j = 1 THEN NULL ELSE now() - make_interval(hours => j * 30 - 25) END
FROM generate_series(1, $JOBS) j;
INSERT INTO volumes (source_uri, volume_name, nb_images)
SELECT 'file:///bench/v' || v, 'W' || v || '-I' || v, $PAGES / $TASKS FROM generate_series(1, $TASKS) v;
-- Task v belongs to job 1 + (v - 1) % JOBS; in the running job 1 the last tenth is not done.
INSERT INTO tasks (job_id, volume_id, status, attempts, total_pages, started_at, done_at, output_prefix, last_error, last_error_at)
SELECT j.id, v.id, s.status, 1, $PAGES / $TASKS,
       j.started_at + make_interval(secs => v.id),
       CASE WHEN s.status = 'done' THEN j.started_at + make_interval(secs => v.id + 60) END,
       '/out/' || v.volume_name,
       CASE WHEN s.status LIKE '%failed' THEN 'VolumeNotProcessable: bench' END,
       CASE WHEN s.status LIKE '%failed' THEN j.started_at + make_interval(secs => v.id + 60) END
FROM volumes v
JOIN jobs j ON j.job_key = 'BENCH' || (1 + (v.id - 1) % $JOBS)
CROSS JOIN LATERAL (SELECT CASE
    WHEN v.id % 997 = 0 THEN 'terminal_failed'
    WHEN j.job_key = 'BENCH1' AND v.id > $TASKS * 0.9 AND v.id % 50 = 1 THEN 'running'
    WHEN j.job_key = 'BENCH1' AND v.id > $TASKS * 0.9 THEN 'pending'
    ELSE 'done' END AS status) s;
INSERT INTO page_metrics (task_id, image_name, status, duration_ms, lines_detected, confidence, error, worker, created_at$job_col)
SELECT t.id, 'I' || lpad(p::text, 4, '0') || '.jpg',
       CASE WHEN (t.id * 7 + p) % 100 = 0 THEN 'failed' ELSE 'ok' END, 400 + (p % 50), 20, 90,
       CASE WHEN (t.id * 7 + p) % 100 = 0 THEN 'cannot decode image' END, 'bench',
       t.started_at + make_interval(secs => p * 0.2)$job_val
FROM tasks t CROSS JOIN generate_series(1, $PAGES / $TASKS) p
WHERE t.status IN ('done', 'running') OR (t.status = 'terminal_failed' AND p <= 3);
SET session_replication_role = origin;
UPDATE jobs j SET total_tasks = c.total, done_tasks = c.done, failed_tasks = c.failed
FROM (SELECT job_id, count(*) total, count(*) FILTER (WHERE status = 'done') done,
             count(*) FILTER (WHERE status = 'terminal_failed') failed FROM tasks GROUP BY job_id) c WHERE c.job_id = j.id;
SQL
  if [[ "$has_job_id" == 1 ]]; then
    psql -q -v ON_ERROR_STOP=1 -d "$DB" -c "SELECT ocrbatch_recount_all()" >/dev/null
  fi
  psql -q -d "$DB" -c "VACUUM ANALYZE" >/dev/null
  echo "   loaded in $(( $(date +%s) - start )) s:" \
       "$(psql -qtA -d "$DB" -c "SELECT count(*) FROM page_metrics") page rows," \
       "$(psql -qtA -d "$DB" -c "SELECT pg_size_pretty(pg_database_size('$DB'))")"
fi

echo "== status reads ($RUNS runs each, after ${WARMUP:-3} warm-up)"
psql -q -d "$DB" -c "VACUUM ANALYZE" >/dev/null
bench

if [[ "${NO_SSE:-0}" != 1 ]] && [[ -f "$ROOT/api/src/test/java/io/ocrbatch/api/web/ProgressStreamsSharingTest.java" ]]; then
  echo "== SSE: database reads per second on one job, 1 and 200 subscribers"
  OCRBATCH_BENCH_SSE=1 bench_mvn -pl api -am test -Dtest=ProgressStreamsSharingTest \
      -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | grep "subscriber" || true
fi
