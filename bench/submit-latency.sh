#!/usr/bin/env bash
# Latency of the upload contract, measured in one run against `ocrbatch dev`:
#   - POST /ocr/submit of a 10-page PDF (p50, p95 over N submissions, made one after another
#     while the earlier ones are being OCRed: the server is busy, as it would be);
#   - time from opening GET /ocr/stream/{job_id} to its first SSE event (p50, p95).
# Usage: bench/submit-latency.sh [N=20]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N="${1:-20}"
WORK="$(mktemp -d)"
PORT=18480
trap 'kill "$DEV" 2>/dev/null || true; wait "$DEV" 2>/dev/null || true; rm -rf "$WORK"' EXIT

"$ROOT/bin/ocrbatch" make-samples "$WORK/ten.pdf" --pages 10 2>/dev/null
"$ROOT/bin/ocrbatch" dev --port "$PORT" --temporal-port 17480 --data "$WORK/data" 2>"$WORK/dev.log" &
DEV=$!
for _ in $(seq 1 120); do grep -q "is up" "$WORK/dev.log" 2>/dev/null && break; sleep 1; done
grep -q "is up" "$WORK/dev.log" || { cat "$WORK/dev.log"; exit 1; }
BASE="http://127.0.0.1:$PORT"
curl -s -o /dev/null -F "file=@$WORK/ten.pdf" "$BASE/ocr/submit?dpi=200" # warm-up, not counted

for i in $(seq 1 "$N"); do
  curl -s -o "$WORK/submit.json" -w '%{time_total}\n' -F "file=@$WORK/ten.pdf" "$BASE/ocr/submit?dpi=200" >>"$WORK/submit.txt"
  id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["job_id"])' "$WORK/submit.json")
  python3 - "$BASE/ocr/stream/$id" >>"$WORK/first-event-us.txt" <<'PY'
import sys, time, urllib.request
start = time.perf_counter()
with urllib.request.urlopen(sys.argv[1], timeout=30) as stream:
    for line in stream:
        if line.startswith(b"event:"):
            break
print(int((time.perf_counter() - start) * 1e6))
PY
done

python3 - "$WORK" "$N" <<'PY'
import statistics, sys
work, n = sys.argv[1], int(sys.argv[2])
def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, max(0, round(p / 100 * len(values) + 0.5) - 1))]
submit = [float(x) * 1000 for x in open(work + "/submit.txt")]
first = [int(x) / 1000 for x in open(work + "/first-event-us.txt")]
print(f"POST /ocr/submit, 10-page PDF ({n} runs): p50 {statistics.median(submit):.1f} ms, p95 {pct(submit, 95):.1f} ms")
print(f"time to first SSE event     ({n} runs): p50 {statistics.median(first):.1f} ms, p95 {pct(first, 95):.1f} ms")
PY
