# Helpers of bench/faults.sh (sourced): processes, sample volumes, submission, output watching and
# the per-scenario report. Expects ROOT, WORK, OCR, LIMIT, PG_BIN and the arrays PIDS set.

log() { echo "[$(date +%T)] $*" >&2; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now() { date +%s.%N; }
alive() { kill -0 "$1" 2>/dev/null; }

# Starts a CLI process in the background, logging to $WORK/$1.log; sets STARTED to its pid.
start() {
  local name=$1; shift
  : >"$WORK/$name.log" # now, not when the background process gets to it: await_log reads it at once
  "$OCR" "$@" >>"$WORK/$name.log" 2>&1 &
  STARTED=$!
  disown "$STARTED"
  PIDS+=("$STARTED")
}

await_log() { # file text seconds [pid]
  local deadline=$((SECONDS + $3))
  until grep -q "$2" "$1" 2>/dev/null; do
    [ $SECONDS -ge $deadline ] && { log "no '$2' in $1 within $3 s:"; tail -20 "$1" >&2; return 1; }
    [ -n "${4:-}" ] && ! alive "$4" && { log "process ended before '$2' ($1):"; tail -20 "$1" >&2; return 1; }
    sleep 0.5
  done
}

start_dev() { # name data api-port temporal-port [args...]   (threads: $DEV_THREADS, default 1)
  local name=$1 data=$2 api=$3 tport=$4; shift 4
  start "$name" dev --data "$data" --port "$api" --temporal-port "$tport" --threads "${DEV_THREADS:-1}" "$@"
  DEV_PID=$STARTED
  await_log "$WORK/$name.log" "ocrbatch dev is up" 240 "$DEV_PID"
}

start_worker() { # name temporal-port data [args...]   (waits for "polling" unless NO_WAIT=1)
  local name=$1 tport=$2 data=$3; shift 3
  start "$name" worker --temporal "127.0.0.1:$tport" --data "$data" --threads "${WORKER_THREADS:-1}" --name "$name" "$@"
  WORKER_PID=$STARTED
  [ -n "${NO_WAIT:-}" ] || await_log "$WORK/$name.log" "polling" 120 "$WORKER_PID"
}

# The postmaster of an embedded database (data folder), from its postmaster.pid.
postmaster_pid() { head -1 "$1/pg/postmaster.pid" 2>/dev/null; }

await_port() { # port seconds: until a server accepts connections there
  local deadline=$((SECONDS + $2))
  until pg_isready -q -h 127.0.0.1 -p "$1" 2>/dev/null; do
    [ $SECONDS -ge $deadline ] && return 1
    sleep 0.2
  done
}

volumes() { # dir count pages
  local dir=$1
  for v in $(seq 1 "$2"); do mkdir -p "$dir/vol-$v" && cp "$WORK"/sample/*.png "$dir/vol-$v/"; done
}

# POST /api/jobs; a refusal (not 2xx) is said with the server's answer and fails the scenario.
submit() { # api-port key folder out
  local code
  code=$(curl -s -o "$WORK/submit.body" -w '%{http_code}' -H 'Content-Type: application/json' \
    -d "{\"job_type\": \"tesseract-eng\", \"folder\": \"$3\", \"job_key\": \"$2\", \"output\": \"$4\"}" \
    "http://127.0.0.1:$1/api/jobs")
  case "$code" in
    2??) return 0 ;;
    *) log "submission of $2 refused: HTTP $code $(head -c 400 "$WORK/submit.body")"; return 1 ;;
  esac
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

# Watches page outputs (OUT/<job type>/<volume>/<page>.json; not manifests, markers or the job
# registry): "new TIME PATH" when one appears, "rewritten TIME PATH" when it is written again.
watch_outputs() { # out events
  python3 - "$1" "$2" <<'PY' &
import os, sys, time
out, events = sys.argv[1], sys.argv[2]
seen = {}
with open(events, "a", buffering=1) as f:
    while True:
        for d, _, files in os.walk(out):
            if os.path.relpath(d, out).count(os.sep) != 1 or os.path.relpath(d, out).startswith("job_registry"):
                continue
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

sql() { # db-port query
  psql -h 127.0.0.1 -p "$1" -U postgres -d postgres -Atc "$2" 2>/dev/null
}

rows() { # db-port key -> "ok failed"
  sql "$1" "SELECT count(*) FILTER (WHERE p.status = 'ok') || ' ' || count(*) FILTER (WHERE p.status = 'failed')
     FROM page_metrics p JOIN tasks t ON t.id = p.task_id JOIN jobs j ON j.id = t.job_id WHERE j.job_key = '$2'"
}

# One line of the table; PASS when the job ended as wanted with rows = outputs = counters, no page
# written twice, the expected pages present, and every extra check (EXTRA_OK=0 fails it, EXTRA says
# what was checked).
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
  [ "${EXTRA_OK:-1}" = 1 ] || verdict=FAIL
  [ $verdict = PASS ] || FAILED=1
  printf '| %-34s | %3s | %3s | %2s | %3s/%-2s | %3s | %-7s | %-9s | %5s | %s%s |\n' \
    "$label" "$expected" "$present" "$dup" "${ok:--}" "${failed:--}" "$present" "${counters:--}" \
    "$status" "$rec" "$verdict" "${EXTRA:+ ($EXTRA)}" | tee -a "$WORK/table"
  EXTRA=""; EXTRA_OK=1
}

# A scenario that could not run to its report (a refused submission, a service that did not start).
not_run() { # label why
  FAILED=1
  printf '| %-34s | %3s | %3s | %2s | %6s | %3s | %-7s | %-9s | %5s | FAIL (%s) |\n' \
    "$1" - - - - - - - - "$2" | tee -a "$WORK/table"
}

setup() { # scenario -> DIR, DATA, API, TPORT, OUT, EVENTS, KEY
  DIR="$WORK/$1"; DATA="$DIR/data"; OUT="$DIR/out"; EVENTS="$DIR/events"; KEY="faults-$1"
  API=$(free_port); TPORT=$(free_port)
  mkdir -p "$DATA"; : >"$EVENTS"
  free_port >"$DATA/pg.port" # the embedded PostgreSQL's port: not the default one, which others may hold
}

stop_all() { for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null; done; PIDS=(); sleep 1; }

stop_gracefully() { # SIGTERM, then waits (at most 90 s) for the process to end
  kill -TERM "$1" 2>/dev/null
  local deadline=$((SECONDS + 90))
  while alive "$1" && [ $SECONDS -lt $deadline ]; do sleep 0.3; done
}

# A throwaway PostgreSQL cluster under $1 on port $2 (never the machine's own); as root it runs as
# user postgres (PostgreSQL refuses root), else as the current user.
ext_pg_init() { # dir port
  EXT_PG="$1"; EXT_PG_PORT="$2"
  mkdir -p "$EXT_PG" && chmod 700 "$EXT_PG"
  [ "$(id -u)" = 0 ] && chown postgres "$EXT_PG" "$(dirname "$EXT_PG")"
  as_pg "$PG_BIN/initdb" -D "$EXT_PG" -A trust -U postgres >"$EXT_PG.initdb.log" 2>&1 \
    || { log "initdb failed"; cat "$EXT_PG.initdb.log" >&2; return 1; }
  ext_pg -w start
}
ext_pg() { as_pg "$PG_BIN/pg_ctl" -D "$EXT_PG" -l "$EXT_PG.log" -o "-p $EXT_PG_PORT -k /tmp -c listen_addresses=127.0.0.1" "$@" >/dev/null; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
