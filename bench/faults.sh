#!/usr/bin/env bash
# Fault benchmark: what a site-reliability engineer tries first, each scenario bounded in time.
#   a  kill -9 of one of two extra workers, three times mid-job (a fresh worker replaces it)
#   b  kill -9 of `dev` mid-job and its restart on the same --data, two extra workers attached
#   c  restart of an external PostgreSQL (--db-url; a throwaway cluster this script starts on its
#      own port under /tmp, never the machine's own) mid-job, down $OUTAGE s (default 40: longer than the 30 s a connection pool may wait, which hides shorter outages)
#   d  a volume with a zero-byte, a truncated and a mislabelled image (PNG bytes named .jpg)
#   e  SIGTERM of `dev` mid-job then its restart (e1), and a job canceled mid-job (e2)
# Per scenario: pages expected / present (page JSONs) / duplicated (JSONs written again), status
# rows (ok/failed) vs outputs vs the job's counters, recovery seconds (fault -> first new page
# after the service is back) and the final job status; PASS when the job ended completed (or
# canceled for e2) with rows = outputs = counters and 0 duplicates.
# Usage: bench/faults.sh [SCENARIOS=abcde]   (env: PAGES per volume=4, VOLUMES=4, LIMIT s per wait=300, OUTAGE s=40)
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SCENARIOS="${1:-abcde}"
PAGES="${PAGES:-4}"
VOLUMES="${VOLUMES:-4}"
LIMIT="${LIMIT:-300}"
OUTAGE="${OUTAGE:-40}"
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
export OCRBATCH_JAVA_OPTS="${OCRBATCH_JAVA_OPTS:--Xmx1g}"
OCR="$ROOT/bin/ocrbatch"
WORK="$(mktemp -d /tmp/ocrbatch-faults.XXXXXX)"
chmod 755 "$WORK"
PIDS=()
EXT_PG=""
FAILED=0

cleanup() {
  for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null; done
  for pidfile in "$WORK"/*/pg/postmaster.pid; do # embedded PostgreSQLs left by killed dev processes
    [ -f "$pidfile" ] && kill -INT "$(head -1 "$pidfile")" 2>/dev/null
  done
  [ -n "$EXT_PG" ] && runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$EXT_PG" -m immediate stop >/dev/null 2>&1
  sleep 1
  [ -n "${KEEP:-}" ] || rm -rf "$WORK"
}
trap cleanup EXIT

log() { echo "[$(date +%T)] $*" >&2; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now() { date +%s.%N; }

# Starts a CLI process in the background, logging to $WORK/$1.log; sets STARTED to its pid.
start() {
  local name=$1; shift
  "$OCR" "$@" >"$WORK/$name.log" 2>&1 &
  STARTED=$!
  disown "$STARTED"
  PIDS+=("$STARTED")
}

await_log() { # file text seconds [pid]
  local deadline=$((SECONDS + $3))
  until grep -q "$2" "$1" 2>/dev/null; do
    [ $SECONDS -ge $deadline ] && { log "no '$2' in $1 within $3 s:"; tail -20 "$1" >&2; return 1; }
    [ -n "${4:-}" ] && ! kill -0 "$4" 2>/dev/null && { log "process ended before '$2' ($1):"; tail -20 "$1" >&2; return 1; }
    sleep 0.5
  done
}

start_dev() { # name data api-port temporal-port [args...]   (threads: $DEV_THREADS, default 1)
  local name=$1 data=$2 api=$3 tport=$4; shift 4
  start "$name" dev --data "$data" --port "$api" --temporal-port "$tport" --threads "${DEV_THREADS:-1}" "$@"
  DEV_PID=$STARTED
  await_log "$WORK/$name.log" "ocrbatch dev is up" 240 "$DEV_PID"
}

start_worker() { # name temporal-port data [args...]
  local name=$1 tport=$2 data=$3; shift 3
  start "$name" worker --temporal "127.0.0.1:$tport" --data "$data" --threads "${WORKER_THREADS:-1}" --name "$name" "$@"
  WORKER_PID=$STARTED
  await_log "$WORK/$name.log" "polling" 120 "$WORKER_PID"
}

volumes() { # dir count pages
  local dir=$1
  [ -d "$WORK/sample" ] || "$OCR" make-samples "$WORK/sample" --pages "$3" --no-ground-truth >/dev/null 2>&1
  for v in $(seq 1 "$2"); do mkdir -p "$dir/vol-$v" && cp "$WORK"/sample/*.png "$dir/vol-$v/"; done
}

submit() { # api-port key folder out
  curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
    -d "{\"job_type\": \"tesseract-eng\", \"folder\": \"$3\", \"job_key\": \"$2\", \"output\": \"$4\"}" \
    "http://127.0.0.1:$1/api/jobs"
}

job() { # api-port key python-expression-on-j (empty when the API does not answer)
  curl -s -m 5 "http://127.0.0.1:$1/api/jobs/$2" 2>/dev/null |
    python3 -c "import json,sys
try: j=json.load(sys.stdin); print($3)
except Exception: pass" 2>/dev/null
}

await_end() { # api-port key -> prints the final status (or 'timeout')
  local deadline=$((SECONDS + LIMIT)) s=""
  while [ $SECONDS -lt $deadline ]; do
    s=$(job "$1" "$2" "j['status']")
    case "$s" in completed|failed|canceled) echo "$s"; return ;; esac
    sleep 1
  done
  echo "timeout($s)"
}

# Watches page outputs: "new TIME PATH" when a page JSON appears, "rewritten TIME PATH" when one is written again.
watch_outputs() { # out events
  python3 - "$1" "$2" <<'PY' &
import os, sys, time
out, events = sys.argv[1], sys.argv[2]
seen = {}
with open(events, "a", buffering=1) as f:
    while True:
        for d, _, files in os.walk(out):
            for n in files:
                if not n.endswith(".json") or n in ("manifest.json", "config.json", "success.json"):
                    continue
                p = os.path.join(d, n)
                try:
                    st = os.stat(p)
                except FileNotFoundError:
                    continue
                key = (st.st_ino, st.st_mtime_ns)
                if p not in seen:
                    f.write(f"new {time.time():.3f} {p}\n")
                elif seen[p] != key:
                    f.write(f"rewritten {time.time():.3f} {p}\n")
                seen[p] = key
        time.sleep(0.3)
PY
  WATCH_PID=$!
  disown "$WATCH_PID"
  PIDS+=("$WATCH_PID")
}

await_pages() { # events count
  local deadline=$((SECONDS + LIMIT))
  until [ "$(grep -c '^new' "$1" 2>/dev/null)" -ge "$2" ]; do
    [ $SECONDS -ge $deadline ] && return 1
    sleep 0.3
  done
}

# Seconds from the fault to the first page output after the service was back.
recovery() { # events fault-time back-time
  awk -v f="$2" -v b="$3" '$1 == "new" && $2 >= b { printf "%.1f", $2 - f; found = 1; exit } END { if (!found) printf "-" }' "$1"
}

rows() { # db-port key -> "ok failed"
  psql -h 127.0.0.1 -p "$1" -U postgres -d postgres -Atc \
    "SELECT count(*) FILTER (WHERE p.status = 'ok') || ' ' || count(*) FILTER (WHERE p.status = 'failed')
     FROM page_metrics p JOIN tasks t ON t.id = p.task_id JOIN jobs j ON j.id = t.job_id WHERE j.job_key = '$2'" 2>/dev/null
}

report() { # label expected-ok expected-failed events db-port api-port key recovery status wanted-status
  local label=$1 expected=$2 exp_failed=$3 events=$4 dbport=$5 api=$6 key=$7 rec=$8 status=$9 wanted=${10}
  local present dup ok failed counters
  present=$(grep '^new' "$events" 2>/dev/null | awk '{print $3}' | sort -u | wc -l)
  dup=$(grep '^rewritten' "$events" 2>/dev/null | awk '{print $3}' | sort -u | wc -l)
  read -r ok failed <<<"$(rows "$dbport" "$key")"
  counters=$(job "$api" "$key" "str(j['pages']['ok']) + '/' + str(j['pages']['failed'])")
  local verdict=PASS
  [ "$status" = "$wanted" ] || verdict=FAIL
  [ "${ok:-x}" = "$present" ] && [ "$counters" = "$ok/$failed" ] && [ "$dup" = 0 ] || verdict=FAIL
  if [ "$wanted" = completed ]; then
    [ "$present" = "$expected" ] && [ "$failed" = "$exp_failed" ] || verdict=FAIL
  else
    expected="-"
  fi
  [ $verdict = PASS ] || FAILED=1
  printf '%-34s expected %3s  present %3s  duplicated %2s  rows ok/failed %3s/%s  outputs %3s  counters %-7s recovery %5ss  status %-9s %s\n' \
    "$label" "$expected" "$present" "$dup" "${ok:--}" "${failed:--}" "$present" "${counters:--}" "$rec" "$status" "$verdict"
}

setup() { # scenario -> DIR, DATA, API, TPORT, OUT, EVENTS, KEY
  DIR="$WORK/$1"; DATA="$DIR/data"; OUT="$DIR/out"; EVENTS="$DIR/events"; KEY="faults-$1"
  API=$(free_port); TPORT=$(free_port)
  mkdir -p "$DIR"; : >"$EVENTS"
}

stop_all() { for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null; done; PIDS=(); sleep 1; }

stop_dev_gracefully() { # SIGTERM, then waits (at most 90 s) for the process to end
  kill -TERM "$1" 2>/dev/null
  local deadline=$((SECONDS + 90))
  while kill -0 "$1" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.3; done
}

scenario_a() {
  setup a; log "a: kill -9 of an extra worker, three times"
  start_dev dev "$DATA" "$API" "$TPORT" || return
  start_worker wa1 "$TPORT" "$DATA" || return
  start_worker wa2 "$TPORT" "$DATA" || return
  local victim=$WORKER_PID worst=0 f r
  volumes "$DIR/scans" "$VOLUMES" "$PAGES"; watch_outputs "$OUT" "$EVENTS"
  submit "$API" "$KEY" "$DIR/scans" "$OUT" >/dev/null
  for round in 1 2 3; do
    await_pages "$EVENTS" $((round * 3)) || break
    f=$(now); kill -9 "$victim"; log "a: killed worker (round $round)"
    start_worker "wa-new$round" "$TPORT" "$DATA" || return
    victim=$WORKER_PID
    await_pages "$EVENTS" $(($(grep -c '^new' "$EVENTS") + 1))
    r=$(recovery "$EVENTS" "$f" "$f"); worst=$(python3 -c "print(max($worst, ${r/-/0}))")
  done
  local status; status=$(await_end "$API" "$KEY")
  report "a kill -9 worker x3" $((VOLUMES * PAGES)) 0 "$EVENTS" "$(cat "$DATA/pg.port")" "$API" "$KEY" "$worst" "$status" completed
  stop_dev_gracefully "$DEV_PID"; stop_all
}

scenario_b() {
  setup b; log "b: kill -9 of dev, restart, two workers attached"
  start_dev dev "$DATA" "$API" "$TPORT" || return
  start_worker wb1 "$TPORT" "$DATA" || return
  start_worker wb2 "$TPORT" "$DATA" || return
  volumes "$DIR/scans" "$VOLUMES" "$PAGES"; watch_outputs "$OUT" "$EVENTS"
  submit "$API" "$KEY" "$DIR/scans" "$OUT" >/dev/null
  await_pages "$EVENTS" 3
  local f b; f=$(now); kill -9 "$DEV_PID"; log "b: killed dev"
  sleep 2
  start_dev dev2 "$DATA" "$API" "$TPORT" || return
  b=$(now)
  local status; status=$(await_end "$API" "$KEY")
  report "b kill -9 dev + restart" $((VOLUMES * PAGES)) 0 "$EVENTS" "$(cat "$DATA/pg.port")" "$API" "$KEY" "$(recovery "$EVENTS" "$f" "$b")" "$status" completed
  grep -h "health:" "$WORK"/wb*.log | tail -2 | cut -c1-200 >&2
  stop_dev_gracefully "$DEV_PID"; stop_all
}

scenario_c() {
  setup c; log "c: external PostgreSQL restarted mid-job"
  local pgport; pgport=$(free_port); EXT_PG="$DIR/extpg"
  mkdir -p "$EXT_PG" && chown postgres "$EXT_PG" "$DIR" && chmod 700 "$EXT_PG"
  runuser -u postgres -- "$PG_BIN/initdb" -D "$EXT_PG" -A trust -U postgres >"$DIR/initdb.log" 2>&1 || { log "initdb failed"; cat "$DIR/initdb.log" >&2; return; }
  pgctl() { runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$EXT_PG" -l "$DIR/extpg.log" -o "-p $pgport -k /tmp -c listen_addresses=127.0.0.1" "$@" >/dev/null; }
  pgctl -w start || return
  local url="jdbc:postgresql://127.0.0.1:$pgport/postgres?user=postgres"
  DEV_THREADS=2 start_dev dev "$DATA" "$API" "$TPORT" --db-url "$url" || return
  WORKER_THREADS=2 start_worker wc1 "$TPORT" "$DATA" --db-url "$url" || return
  volumes "$DIR/scans" "$VOLUMES" "$PAGES"; watch_outputs "$OUT" "$EVENTS"
  submit "$API" "$KEY" "$DIR/scans" "$OUT" >/dev/null
  await_pages "$EVENTS" 3
  local f b; f=$(now); pgctl -m fast -w stop; log "c: PostgreSQL stopped"
  sleep "$OUTAGE"
  pgctl -w start; b=$(now); log "c: PostgreSQL started again"
  local status; status=$(await_end "$API" "$KEY")
  report "c external PostgreSQL restart" $((VOLUMES * PAGES)) 0 "$EVENTS" "$pgport" "$API" "$KEY" "$(recovery "$EVENTS" "$f" "$b")" "$status" completed
  grep -h "health:" "$WORK/wc1.log" "$WORK/dev.log" | tail -3 | cut -c1-200 >&2
  stop_dev_gracefully "$DEV_PID"; stop_all
  pgctl -m fast -w stop; EXT_PG=""
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
  submit "$API" "$KEY" "$DIR/scans" "$OUT" >/dev/null
  local status; status=$(await_end "$API" "$KEY")
  report "d bad images (2 fail, 1 decodes)" $((PAGES + 1)) 2 "$EVENTS" "$(cat "$DATA/pg.port")" "$API" "$KEY" "-" "$status" completed
  stop_dev_gracefully "$DEV_PID"; stop_all
}

scenario_e() {
  setup e; log "e1: SIGTERM of dev mid-job, then restart"
  DEV_THREADS=2 start_dev dev "$DATA" "$API" "$TPORT" || return
  volumes "$DIR/scans" "$VOLUMES" "$PAGES"; watch_outputs "$OUT" "$EVENTS"
  submit "$API" "$KEY" "$DIR/scans" "$OUT" >/dev/null
  await_pages "$EVENTS" 3
  local f b; f=$(now); stop_dev_gracefully "$DEV_PID"; log "e1: dev stopped by SIGTERM"
  DEV_THREADS=2 start_dev dev2 "$DATA" "$API" "$TPORT" || return
  b=$(now)
  local status; status=$(await_end "$API" "$KEY")
  report "e1 SIGTERM dev + restart" $((VOLUMES * PAGES)) 0 "$EVENTS" "$(cat "$DATA/pg.port")" "$API" "$KEY" "$(recovery "$EVENTS" "$f" "$b")" "$status" completed

  log "e2: cancel mid-job"
  local key2="$KEY-cancel" events2="$DIR/events2"; : >"$events2"
  kill "$WATCH_PID" 2>/dev/null; watch_outputs "$DIR/out2" "$events2"
  submit "$API" "$key2" "$DIR/scans" "$DIR/out2" >/dev/null
  await_pages "$events2" 2
  f=$(now); curl -s -o /dev/null -X POST "http://127.0.0.1:$API/api/jobs/$key2/cancel"
  status=$(await_end "$API" "$key2")
  sleep 2 # a page in flight may finish after the job says canceled; count it
  report "e2 cancel mid-job" - 0 "$events2" "$(cat "$DATA/pg.port")" "$API" "$key2" \
    "$(python3 -c "print(f'{$(now) - $f:.1f}')")" "$status" canceled
  stop_dev_gracefully "$DEV_PID"; stop_all
}

log "building/checking the jar and making sample pages ($VOLUMES volumes x $PAGES pages) in $WORK"
"$OCR" make-samples "$WORK/sample" --pages "$PAGES" --no-ground-truth >/dev/null || exit 1
started=$SECONDS
for s in $(echo "$SCENARIOS" | grep -o .); do
  case "$s" in a|b|c|d|e) "scenario_$s" || { FAILED=1; log "scenario $s could not run"; stop_all; } ;; *) log "unknown scenario $s" ;; esac
done
log "done in $((SECONDS - started)) s"
exit $FAILED
