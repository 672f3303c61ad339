#!/usr/bin/env bash
# Orchestration overhead, measured end to end through `bin/ocrbatch ocr` on the embedded default
# (in-process Temporal, embedded PostgreSQL, real Tesseract) with tiny, near-empty pages, so the
# figures are what the service costs per volume and per page, not what OCR costs:
#   1. VOLUMES one-page volumes            -> volumes/s
#   2. one volume of PAGES pages           -> pages/s
#   3. (HUGE > 0) a job of HUGE one-page volumes with the worker heap capped at HEAP
#                                          -> wall time, volumes/s, heap after GC (peak, and at each
#                                             tenth of the run: flat when nothing leaks), peak RSS
# Each figure is the job's own time, from "Started job" to its summary (JVM start excluded).
# Usage: VOLUMES=2000 PAGES=2000 HUGE=0 HEAP=1g CONCURRENCY= bench/orchestration.sh
#   CONCURRENCY empty: the default of `ocr`; set it to compare.
#   JAR=path/to/ocrbatch-all.jar runs that build instead of this checkout's (before/after runs).
#   EXTRA_JAVA_OPTS=... is added to every run's JVM options, e.g.
#   -Docrbatch.embedded.synchronous-commit=off to measure what the embedded database's durable
#   commits cost.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VOLUMES="${VOLUMES:-2000}"
PAGES="${PAGES:-2000}"
HUGE="${HUGE:-0}"
HEAP="${HEAP:-1g}"
WORK="${WORK:-$(mktemp -d)}"
trap 'rm -rf "$WORK"' EXIT
CONC=()
[ -n "${CONCURRENCY:-}" ] && CONC=(--concurrency "$CONCURRENCY")

# A 240x60 white PNG with one black bar: Tesseract finds (almost) nothing on it in a few ms.
python3 - "$WORK/tiny.png" <<'PY'
import struct, sys, zlib
w, h = 240, 60
rows = b"".join(b"\x00" + bytes(0 if 20 <= y < 30 and 20 <= x < 200 else 255 for x in range(w)) for y in range(h))
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)) \
    + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
open(sys.argv[1], "wb").write(png)
PY

# Hard links to one tiny page: DIR/v001/p1.png … for volumes, DIR/p001.png … for one volume.
link_pages() { # volumes|pages DIR COUNT
  python3 - "$1" "$WORK/tiny.png" "$2" "$3" <<'LINK'
import os, shutil, sys
kind, tiny, root, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
os.makedirs(root, exist_ok=True)
source = tiny
for i in range(1, count + 1):
    n = f"{i:0{len(str(count))}d}"
    if kind == "volumes":
        os.makedirs(os.path.join(root, "v" + n))
        page = os.path.join(root, "v" + n, "p1.png")
    else:
        page = os.path.join(root, f"p{n}.png")
    if i % 50_000 == 0:  # a file takes at most 65,000 links on ext4: start from a copy
        shutil.copy(tiny, page)
        source = page
    else:
        os.link(source, page)
LINK
}

# Runs `ocr` on a folder; prints "<seconds> <setup seconds> <summary line>": the job's own time, and
# the time from the command's first output line to the job's start (folders listed, job recorded).
run_job() { # NAME DIR [java opts]
  local name="$1" dir="$2" opts="${3:--Xmx4g} ${EXTRA_JAVA_OPTS:-}"
  OCRBATCH_JAVA_OPTS="$opts" "${LAUNCH[@]}" ocr "$dir" --out "$WORK/out-$name" --data "$WORK/data-$name" \
      --dpi 300 "${CONC[@]}" 2>&1 | while IFS= read -r line; do printf '%s %s\n' "$(date +%s.%N)" "$line"; done \
      >"$WORK/$name.log"
  python3 - "$WORK/$name.log" <<'PY'
import sys
first = start = end = None; summary = ""
for line in open(sys.argv[1], errors="replace"):
    t, _, text = line.partition(" ")
    if first is None: first = float(t)
    if "Started job" in text and start is None: start = float(t)
    if text.startswith("Job ") and "volumes done" in text: end, summary = float(t), text.strip()
print(f"{end - start:.1f} {start - first:.1f} {summary}" if start and end else f"0 0 FAILED: see log {sys.argv[1]}")
PY
}

"$ROOT/bin/ocrbatch" --help >/dev/null # builds the jar if needed, outside the timings
if [ -n "${JAR:-}" ]; then
  launch_jar() { OMP_THREAD_LIMIT=1 java $OCRBATCH_JAVA_OPTS -jar "$JAR" "$@"; }
  LAUNCH=(launch_jar)
else
  LAUNCH=("$ROOT/bin/ocrbatch")
fi

link_pages volumes "$WORK/vols" "$VOLUMES"
read -r secs setup summary < <(run_job vols "$WORK/vols")
echo "one-page volumes: $VOLUMES in ${secs} s = $(python3 -c "print(f'{$VOLUMES/$secs:.1f}')") volumes/s   [$summary]"

link_pages pages "$WORK/big/big" "$PAGES"
read -r secs setup summary < <(run_job big "$WORK/big")
echo "one volume of $PAGES pages: ${secs} s = $(python3 -c "print(f'{$PAGES/$secs:.1f}')") pages/s   [$summary]"

if [ "$HUGE" -gt 0 ]; then
  link_pages volumes "$WORK/huge" "$HUGE"
  (
    # Peak heap after GC (old + young used, sampled) and peak RSS of the ocr JVM.
    peak_heap=0; peak_rss=0
    while sleep 5; do
      pid=$(pgrep -f "java .*-jar .* ocr $WORK/huge --out" | head -n 1) || true
      [ -n "$pid" ] || { [ -f "$WORK/huge.done" ] && break; continue; }
      heap=$(jstat -gc "$pid" 2>/dev/null | awk 'NR==2 {printf "%d", ($3+$4+$6+$8)/1024}') || true
      rss=$(awk '/VmRSS/ {printf "%d", $2/1024}' "/proc/$pid/status" 2>/dev/null) || true
      [ -n "$heap" ] && [ "$heap" -gt "$peak_heap" ] && peak_heap=$heap
      [ -n "$rss" ] && [ "$rss" -gt "$peak_rss" ] && peak_rss=$rss
      echo "$peak_heap $peak_rss" >"$WORK/huge.peaks"
    done
  ) &
  SAMPLER=$!
  read -r secs setup summary < <(run_job huge "$WORK/huge" "-Xmx$HEAP -Xlog:gc:file=$WORK/huge-gc.log")
  touch "$WORK/huge.done"; wait "$SAMPLER" 2>/dev/null || true
  read -r heap rss <"$WORK/huge.peaks" || { heap=?; rss=?; }
  echo "job of $HUGE one-page volumes (-Xmx$HEAP): recorded in ${setup} s, ran ${secs} s = $(python3 -c "print(f'{$HUGE/$secs:.1f}')") volumes/s, peak heap used ${heap} MB, peak RSS ${rss} MB   [$summary]"
  # Heap after each GC, from the GC log ("Pause Young (Normal) (G1 Evacuation Pause) 300M->120M(1024M)").
  python3 - "$WORK/huge-gc.log" <<'PY'
import re, sys
after = [int(m.group(1)) for line in open(sys.argv[1]) for m in [re.search(r"->(\d+)M\(", line)] if m]
if after:
    tenths = [after[min(len(after) - 1, i * len(after) // 10)] for i in range(10)] + [after[-1]]
    print(f"heap after GC: peak {max(after)} MB over {len(after)} GCs; at each tenth of the run: "
          + " ".join(f"{v}" for v in tenths) + " MB")
PY
fi
