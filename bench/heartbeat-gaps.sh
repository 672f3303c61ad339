#!/usr/bin/env bash
# How far apart Temporal hears OCR chunks' heartbeats: a real worker OCRs a job with every CPU slot
# busy (Tesseract, English pages), and the gaps from a chunk's start through its heartbeats to its
# end are printed (count, min, p50, p90, p99, max, in ms), with the pages' OCR durations (the gaps
# when a chunk heartbeated only after each page). The heartbeat timeout (RetrySettings) is chosen
# from these numbers: see README "Crash and resume".
#
# Usage: bench/heartbeat-gaps.sh     env: VOLUMES=4 PAGES=12 (per volume) SLOTS=<cores> DPI=300
# Needs PostgreSQL on 127.0.0.1:5432 (trust auth, user postgres), as the tests do.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
PROPS=(-Dvolumes="${VOLUMES:-4}" -Dpages="${PAGES:-12}" -Ddpi="${DPI:-300}")
[ -n "${SLOTS:-}" ] && PROPS+=(-Dslots="$SLOTS")
echo "== $(git -C "$ROOT" rev-parse --short HEAD) on $(nproc) cores"
(cd "$ROOT" && mvn -B -ntp -q -pl api -am test -Dtest=HeartbeatGapsBench \
  -Dsurefire.failIfNoSpecifiedTests=false "${PROPS[@]}" >"$WORK/mvn.log" 2>&1) \
  || { tail -40 "$WORK/mvn.log"; exit 1; }
grep -E '^[0-9]+ volumes|^heartbeat gaps|^page OCR' "$WORK/mvn.log"
