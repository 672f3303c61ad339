#!/usr/bin/env bash
# Benchmark: the README's main command vs the plain `tesseract` CLI on the same pages, side by side
# in one run. Prints pages/s for both and their ratio.
#   bench/ocr-vs-tesseract-cli.sh [PAGES]     (default 20 pages; needs the tesseract-ocr package)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PAGES="${1:-20}"
WORK="$(mktemp -d /tmp/ocrbatch-bench.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
command -v tesseract >/dev/null || { echo "install the tesseract CLI: apt-get install -y tesseract-ocr" >&2; exit 1; }

"$ROOT/bin/ocrbatch" make-samples "$WORK/scans/volume-1" --pages "$PAGES" --no-ground-truth
now() { date +%s.%N; }

echo "== ocrbatch ocr ($PAGES pages, embedded stack, start-up included)"
t0=$(now)
"$ROOT/bin/ocrbatch" ocr "$WORK/scans" --out "$WORK/out" --data "$WORK/data"
t1=$(now)

echo "== tesseract CLI, OMP_THREAD_LIMIT=1, two processes in parallel"
mkdir -p "$WORK/cli"
t2=$(now)
ls "$WORK/scans/volume-1"/*.png | OMP_THREAD_LIMIT=1 xargs -P 2 -I{} sh -c \
  'tesseract "$1" "$2/$(basename "$1" .png)" -l eng --dpi 300 --psm 3 txt >/dev/null 2>&1' _ {} "$WORK/cli"
t3=$(now)

awk -v p="$PAGES" -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" 'BEGIN {
  o = b - a; t = d - c;
  printf "ocrbatch ocr:   %6.1f s  %5.2f pages/s (includes JVM, PostgreSQL and Temporal start-up)\n", o, p / o;
  printf "tesseract CLI:  %6.1f s  %5.2f pages/s\n", t, p / t;
  printf "ratio ocrbatch/tesseract-cli throughput: %.2f\n", (p / o) / (p / t);
}'
