#!/usr/bin/env bash
# Fault benchmark: what a site-reliability engineer tries first, each scenario bounded in time.
#   a  kill -9 of one of two extra workers, three times mid-job (a fresh worker replaces it)
#   b  kill -9 of `dev` mid-job and its restart on the same --data, two extra workers attached
#   c  restart of an external PostgreSQL (--db-url; a throwaway cluster this script starts on its
#      own port under /tmp, never the machine's own) mid-job, down $OUTAGE s
#   d  a volume with a zero-byte, a truncated and a mislabelled image (PNG bytes named .jpg)
#   e  SIGTERM of `dev` mid-job then its restart (e1), and a job canceled mid-job (e2)
#   f  the output disk full for $FULL s mid-job (a tmpfs of its own; needs root), then space again
#   g  kill -9 of the embedded PostgreSQL's postmaster mid-job (dev starts it again)
#   h  a worker started while the external PostgreSQL is down: it waits, then works
#   i  kill -9 of `dev`, `job status --data` while its PostgreSQL is orphaned, then dev again
# Per scenario: pages expected / present (page JSONs) / duplicated (JSONs written again), status
# rows (ok/failed) vs outputs vs the job's counters, the final job status and the recovery seconds
# (fault -> first new page after the service is back); PASS when the job ended completed (or
# canceled for e2) with rows = outputs = counters, 0 duplicates, and the scenario's own checks.
# Usage: bench/faults.sh [SCENARIOS=abcdefghi]
#   env: PAGES per volume=4, VOLUMES=4, LIMIT s per wait=300, OUTAGE s=40, FULL s=180 (long enough
#        for a volume to use up its attempts if a full disk spent them),
#        OCR=launcher (default bin/ocrbatch), KEEP=1 keeps the work folder.
#   bin/test runs a short gate: PAGES=2 VOLUMES=2 OUTAGE=10 LIMIT=150 bench/faults.sh bghi
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SCENARIOS="${1:-abcdefghi}"
PAGES="${PAGES:-4}"
VOLUMES="${VOLUMES:-4}"
LIMIT="${LIMIT:-300}"
OUTAGE="${OUTAGE:-40}"
FULL="${FULL:-180}"
PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"
export OCRBATCH_JAVA_OPTS="${OCRBATCH_JAVA_OPTS:--Xmx1g}"
OCR="${OCR:-$ROOT/bin/ocrbatch}"
WORK="$(mktemp -d /tmp/ocrbatch-faults.XXXXXX)"
chmod 755 "$WORK"
# The scenarios' folders are under $WORK: the servers must allow them over HTTP.
export OCRBATCH_INPUT_ROOTS="$WORK" OCRBATCH_OUTPUT_ROOTS="$WORK"
PIDS=()
EXT_PG=""
TMPFS=""
FAILED=0
# shellcheck source=bench/faults-lib.sh
source "$ROOT/bench/faults-lib.sh"

cleanup() {
  for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null; done
  for pidfile in "$WORK"/*/data/pg/postmaster.pid; do # embedded PostgreSQLs left by killed dev processes
    [ -f "$pidfile" ] && kill -INT "$(head -1 "$pidfile")" 2>/dev/null
  done
  [ -n "$EXT_PG" ] && ext_pg -m immediate stop 2>/dev/null
  sleep 1
  [ -n "$TMPFS" ] && umount "$TMPFS" 2>/dev/null
  [ -n "${KEEP:-}" ] || rm -rf "$WORK"
}
trap cleanup EXIT

scenario_a() {
  setup a; log "a: kill -9 of an extra worker, three times"
  start_dev dev "$DATA" "$API" "$TPORT" || return
  start_worker wa1 "$TPORT" "$DATA" || return
  start_worker wa2 "$TPORT" "$DATA" || return
  local victim=$WORKER_PID worst=0 f r
  volumes "$DIR/scans" "$VOLUMES" "$PAGES"; watch_outputs "$OUT" "$EVENTS"
  submit "$API" "$KEY" "$DIR/scans" "$OUT" || { not_run "a kill -9 worker x3" "submission refused"; return; }
  for round in 1 2 3; do
    await_pages "$EVENTS" $((round * VOLUMES * PAGES / 4)) || break
    f=$(now); kill -9 "$victim"; log "a: killed worker (round $round)"
    start_worker "wa-new$round" "$TPORT" "$DATA" || return
    victim=$WORKER_PID
    await_pages "$EVENTS" $(($(grep -c '^new' "$EVENTS") + 1))
    r=$(recovery "$EVENTS" "$f" "$f"); worst=$(python3 -c "print(max($worst, ${r/-/0}))")
  done
  local status; status=$(await_end "$API" "$KEY")
  report "a kill -9 worker x3" $((VOLUMES * PAGES)) 0 "$EVENTS" "$(cat "$DATA/pg.port")" "$API" "$KEY" "$worst" "$status" completed
  stop_gracefully "$DEV_PID"; stop_all
}

scenario_b() {
  setup b; log "b: kill -9 of dev, restart, two workers attached"
  start_dev dev "$DATA" "$API" "$TPORT" || return
  start_worker wb1 "$TPORT" "$DATA" || return
  start_worker wb2 "$TPORT" "$DATA" || return
  volumes "$DIR/scans" "$VOLUMES" "$PAGES"; watch_outputs "$OUT" "$EVENTS"
  submit "$API" "$KEY" "$DIR/scans" "$OUT" || { not_run "b kill -9 dev + restart" "submission refused"; return; }
  await_pages "$EVENTS" 2
  local f b; f=$(now); kill -9 "$DEV_PID"; log "b: killed dev"
  sleep 2
  start_dev dev2 "$DATA" "$API" "$TPORT" || return
  b=$(now)
  local status; status=$(await_end "$API" "$KEY")
  report "b kill -9 dev + restart" $((VOLUMES * PAGES)) 0 "$EVENTS" "$(cat "$DATA/pg.port")" "$API" "$KEY" "$(recovery "$EVENTS" "$f" "$b")" "$status" completed
  stop_gracefully "$DEV_PID"; stop_all
}

scenario_c() {
  setup c; log "c: external PostgreSQL restarted mid-job"
  ext_pg_init "$DIR/extpg" "$(free_port)" || { not_run "c external PostgreSQL restart" "no PostgreSQL cluster"; return; }
  local url="jdbc:postgresql://127.0.0.1:$EXT_PG_PORT/postgres?user=postgres"
  DEV_THREADS=2 start_dev dev "$DATA" "$API" "$TPORT" --db-url "$url" || return
  WORKER_THREADS=2 start_worker wc1 "$TPORT" "$DATA" --db-url "$url" || return
  volumes "$DIR/scans" "$VOLUMES" "$PAGES"; watch_outputs "$OUT" "$EVENTS"
  submit "$API" "$KEY" "$DIR/scans" "$OUT" || { not_run "c external PostgreSQL restart" "submission refused"; return; }
  await_pages "$EVENTS" 2
  local f b; f=$(now); ext_pg -m fast -w stop; log "c: PostgreSQL stopped"
  sleep "$OUTAGE"
  ext_pg -w start; b=$(now); log "c: PostgreSQL started again"
  local status; status=$(await_end "$API" "$KEY")
  report "c external PostgreSQL restart" $((VOLUMES * PAGES)) 0 "$EVENTS" "$EXT_PG_PORT" "$API" "$KEY" "$(recovery "$EVENTS" "$f" "$b")" "$status" completed
  stop_gracefully "$DEV_PID"; stop_all
  ext_pg -m fast -w stop; EXT_PG=""
}

scenario_d() {
  setup d; log "d: zero-byte, truncated and mislabelled images"
  DEV_THREADS=2 start_dev dev "$DATA" "$API" "$TPORT" || return
  volumes "$DIR/scans" 1 "$PAGES"
  local v="$DIR/scans/vol-1" first
  first=$(ls "$v"/*.png | head -1)
  : >"$v/zz-empty.png"
  head -c $(($(stat -c %s "$first") / 3)) "$first" >"$v/zz-truncated.png"
  cp "$first" "$v/zz-png-named.jpg"
  watch_outputs "$OUT" "$EVENTS"
  submit "$API" "$KEY" "$DIR/scans" "$OUT" || { not_run "d bad images (2 fail, 1 decodes)" "submission refused"; return; }
  local status; status=$(await_end "$API" "$KEY")
  report "d bad images (2 fail, 1 decodes)" $((PAGES + 1)) 2 "$EVENTS" "$(cat "$DATA/pg.port")" "$API" "$KEY" "-" "$status" completed
  stop_gracefully "$DEV_PID"; stop_all
}

scenario_e() {
  setup e; log "e1: SIGTERM of dev mid-job, then restart"
  DEV_THREADS=2 start_dev dev "$DATA" "$API" "$TPORT" || return
  volumes "$DIR/scans" "$VOLUMES" "$PAGES"; watch_outputs "$OUT" "$EVENTS"
  submit "$API" "$KEY" "$DIR/scans" "$OUT" || { not_run "e1 SIGTERM dev + restart" "submission refused"; return; }
  await_pages "$EVENTS" 2
  local f b; f=$(now); stop_gracefully "$DEV_PID"; log "e1: dev stopped by SIGTERM"
  DEV_THREADS=2 start_dev dev2 "$DATA" "$API" "$TPORT" || return
  b=$(now)
  local status; status=$(await_end "$API" "$KEY")
  report "e1 SIGTERM dev + restart" $((VOLUMES * PAGES)) 0 "$EVENTS" "$(cat "$DATA/pg.port")" "$API" "$KEY" "$(recovery "$EVENTS" "$f" "$b")" "$status" completed

  log "e2: cancel mid-job"
  local key2="$KEY-cancel" events2="$DIR/events2"; : >"$events2"
  kill "$WATCH_PID" 2>/dev/null; watch_outputs "$DIR/out2" "$events2"
  submit "$API" "$key2" "$DIR/scans" "$DIR/out2" || { not_run "e2 cancel mid-job" "submission refused"; return; }
  await_pages "$events2" 2
  f=$(now); curl -s -o /dev/null -X POST "http://127.0.0.1:$API/api/jobs/$key2/cancel"
  status=$(await_end "$API" "$key2")
  sleep 2 # a page in flight may finish after the job says canceled; count it
  report "e2 cancel mid-job" - 0 "$events2" "$(cat "$DATA/pg.port")" "$API" "$key2" \
    "$(python3 -c "print(f'{$(now) - $f:.1f}')")" "$status" canceled
  stop_gracefully "$DEV_PID"; stop_all
}

scenario_f() {
  setup f; log "f: output disk full for $FULL s"
  mkdir -p "$OUT"
  mount -t tmpfs -o size=64m tmpfs "$OUT" 2>/dev/null || { not_run "f disk full ${FULL} s" "cannot mount a tmpfs (needs root)"; return; }
  TMPFS="$OUT"
  DEV_THREADS=2 start_dev dev "$DATA" "$API" "$TPORT" || return
  volumes "$DIR/scans" "$VOLUMES" "$PAGES"; watch_outputs "$OUT" "$EVENTS"
  submit "$API" "$KEY" "$DIR/scans" "$OUT" || { not_run "f disk full ${FULL} s" "submission refused"; return; }
  await_pages "$EVENTS" 2
  local f b; f=$(now)
  dd if=/dev/zero of="$OUT/filler" bs=1M 2>/dev/null; log "f: $OUT is full"
  sleep "$FULL"
  rm -f "$OUT/filler"; b=$(now); log "f: space again"
  local status terminal; status=$(await_end "$API" "$KEY")
  terminal=$(sql "$(cat "$DATA/pg.port")" "SELECT count(*) FROM tasks t JOIN jobs j ON j.id = t.job_id WHERE j.job_key = '$KEY' AND t.status = 'terminal_failed'")
  EXTRA="terminal_failed tasks: ${terminal:-?}"; [ "$terminal" = 0 ] || EXTRA_OK=0
  report "f disk full ${FULL} s" $((VOLUMES * PAGES)) 0 "$EVENTS" "$(cat "$DATA/pg.port")" "$API" "$KEY" "$(recovery "$EVENTS" "$f" "$b")" "$status" completed
  stop_gracefully "$DEV_PID"; stop_all
  umount "$OUT" 2>/dev/null; TMPFS=""
}

scenario_g() {
  setup g; log "g: kill -9 of the embedded PostgreSQL mid-job, one worker attached"
  start_dev dev "$DATA" "$API" "$TPORT" || return
  start_worker wg1 "$TPORT" "$DATA" || return
  local worker=$WORKER_PID
  volumes "$DIR/scans" "$VOLUMES" "$PAGES"; watch_outputs "$OUT" "$EVENTS"
  submit "$API" "$KEY" "$DIR/scans" "$OUT" || { not_run "g kill -9 embedded PostgreSQL" "submission refused"; return; }
  await_pages "$EVENTS" 2
  local f b pid port; pid=$(postmaster_pid "$DATA"); port=$(cat "$DATA/pg.port")
  f=$(now); kill -9 "$pid"; log "g: killed the postmaster (pid $pid)"
  if await_port "$port" "$LIMIT"; then
    b=$(now); log "g: PostgreSQL answers again on port $port after $(python3 -c "print(f'{$b - $f:.1f}')") s"
  else
    b=$(now); log "g: PostgreSQL did not answer again within $LIMIT s"; EXTRA_OK=0
  fi
  local status; status=$(await_end "$API" "$KEY")
  local state; state=$(curl -s -m 5 "http://127.0.0.1:$API/actuator/health" | python3 -c "import json,sys; d=json.load(sys.stdin)['components']['embeddedDatabase']['details']; print(d['state'], 'restarts', d['restarts'])" 2>/dev/null)
  EXTRA="back after $(python3 -c "print(f'{$b - $f:.1f}')") s; health: ${state:-none}; extra worker $(alive "$worker" && echo alive || echo gone)"
  alive "$worker" && [[ "$state" == "running restarts 1" ]] && [ "${EXTRA_OK:-1}" = 1 ] || EXTRA_OK=0
  report "g kill -9 embedded PostgreSQL" $((VOLUMES * PAGES)) 0 "$EVENTS" "$port" "$API" "$KEY" "$(recovery "$EVENTS" "$f" "$b")" "$status" completed
  stop_gracefully "$DEV_PID"; stop_all
}

scenario_h() {
  setup h; log "h: a worker started while the external PostgreSQL is down"
  ext_pg_init "$DIR/extpg" "$(free_port)" || { not_run "h worker started during outage" "no PostgreSQL cluster"; return; }
  local url="jdbc:postgresql://127.0.0.1:$EXT_PG_PORT/postgres?user=postgres"
  start_dev dev "$DATA" "$API" "$TPORT" --db-url "$url" || return
  volumes "$DIR/scans" "$VOLUMES" "$PAGES"; watch_outputs "$OUT" "$EVENTS"
  submit "$API" "$KEY" "$DIR/scans" "$OUT" || { not_run "h worker started during outage" "submission refused"; return; }
  await_pages "$EVENTS" 2
  local f b; f=$(now); ext_pg -m fast -w stop; log "h: PostgreSQL stopped; starting a worker"
  NO_WAIT=1 start_worker wh1 "$TPORT" "$DATA" --db-url "$url"
  local late=$WORKER_PID
  await_log "$WORK/wh1.log" "health:" 60 "$late"
  sleep "$OUTAGE"
  ext_pg -w start; b=$(now); log "h: PostgreSQL started again"
  await_log "$WORK/wh1.log" "polling" 120 "$late"
  local status; status=$(await_end "$API" "$KEY")
  local pages; pages=$(sql "$EXT_PG_PORT" "SELECT count(*) FROM page_metrics WHERE worker = 'wh1'")
  EXTRA="late worker $(alive "$late" && echo alive || echo exited), ${pages:-0} page(s)"
  alive "$late" && grep -q polling "$WORK/wh1.log" || EXTRA_OK=0
  report "h worker started during outage" $((VOLUMES * PAGES)) 0 "$EVENTS" "$EXT_PG_PORT" "$API" "$KEY" "$(recovery "$EVENTS" "$f" "$b")" "$status" completed
  stop_gracefully "$DEV_PID"; stop_all
  ext_pg -m fast -w stop; EXT_PG=""
}

scenario_i() {
  setup i; log "i: kill -9 of dev, job status --data during the orphaned PostgreSQL, dev again"
  start_dev dev "$DATA" "$API" "$TPORT" || return
  start_worker wi1 "$TPORT" "$DATA" || return
  volumes "$DIR/scans" "$VOLUMES" "$PAGES"; watch_outputs "$OUT" "$EVENTS"
  submit "$API" "$KEY" "$DIR/scans" "$OUT" || { not_run "i job status on orphaned database" "submission refused"; return; }
  await_pages "$EVENTS" 2
  local f b pid; f=$(now); kill -9 "$DEV_PID"; pid=$(postmaster_pid "$DATA"); log "i: killed dev; postmaster $pid orphaned"
  "$OCR" job status --data "$DATA" >"$WORK/i-status.log" 2>&1
  local kept=no; alive "$pid" && kept=yes
  start_dev dev2 "$DATA" "$API" "$TPORT" || return
  b=$(now)
  local status; status=$(await_end "$API" "$KEY")
  local adopted=no; grep -q "Adopting the PostgreSQL" "$WORK/dev2.log" && adopted=yes
  EXTRA="orphan kept by job status: $kept, adopted by dev: $adopted"
  [ $kept = yes ] && [ $adopted = yes ] || EXTRA_OK=0
  report "i job status on orphaned database" $((VOLUMES * PAGES)) 0 "$EVENTS" "$(cat "$DATA/pg.port")" "$API" "$KEY" "$(recovery "$EVENTS" "$f" "$b")" "$status" completed
  stop_gracefully "$DEV_PID"; stop_all
}

log "building/checking the jar and making sample pages ($VOLUMES volumes x $PAGES pages) in $WORK"
"$OCR" make-samples "$WORK/sample" --pages "$PAGES" --no-ground-truth >/dev/null || exit 1
started=$SECONDS
echo "| scenario | expected | present | duplicated | rows ok/failed | outputs | counters | end status | recovery s | verdict |" | tee "$WORK/table"
echo "|---|---|---|---|---|---|---|---|---|---|" | tee -a "$WORK/table"
for s in $(echo "$SCENARIOS" | grep -o .); do
  case "$s" in
    [a-i]) "scenario_$s" || not_run "$s" "could not run: see the log above"; stop_all ;;
    *) log "unknown scenario $s" ;;
  esac
done
log "done in $((SECONDS - started)) s"
exit $FAILED
