#!/usr/bin/env bash
# Benchmark: accuracy (character error rate) and speed of paddle-en against tesseract-eng on the
# same rendered English pages (A4, 300 dpi, 12 pt), clean and "scanned" (skewed 1°, blurred,
# speckled), side by side in one run. Engines run in one process, one page at a time.
#   bench/cer.sh [PAGES] [TYPES]     (default: 3 pages per variant; paddle-en,tesseract-eng)
# On a GPU host built with -Pgpu, paddle-en runs on the GPU; OCRBATCH_DEVICE=cpu compares the CPU.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec "$ROOT/bin/ocrbatch" evaluate --pages "${1:-3}" --types "${2:-paddle-en,tesseract-eng}"
