#!/usr/bin/env bash
# Benchmark: accuracy (CER, WER) and seconds per page of job types on real scans with ground truth
# (samples/real-scans: two multi-column UNLV magazine pages and two single-column pages, 300 dpi),
# or on any folder of images with <stem>.gt.txt beside them.
#   bench/real-scans.sh [DIR] [TYPES]     (default: samples/real-scans; tesseract-eng,paddle-en,paddle-ch)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec "$ROOT/bin/ocrbatch" evaluate --gt "${1:-$ROOT/samples/real-scans}" \
  --types "${2:-tesseract-eng,paddle-en,paddle-ch}"
