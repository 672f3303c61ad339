#!/usr/bin/env bash
# A volume's searchable PDF at scale: builds the PDF of PAGES A4 pages at 300 dpi (one scan file
# per page: JPEG kept as is, bilevel TIFF G4 kept as is, PNG re-encoded losslessly) with a text
# layer of ~40 lines per page, in a JVM limited to HEAP (default 256m), and prints pages/s, the
# PDF's size and the peak heap use: memory must not grow with the number of pages.
#
# Usage: bench/pdf-volume.sh [PAGES] [FORMATS]     defaults: 500 "jpeg g4 png"
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/bench/maven.sh"
PAGES="${1:-500}" FORMATS="${2:-jpeg g4 png}" HEAP="${HEAP:-256m}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
bench_activities_classpath
CP="$ROOT/activities/target/test-classes:$ROOT/activities/target/classes:$(cat "$WORK/cp.txt")"
for format in $FORMATS; do
  java -Xmx"$HEAP" -cp "$CP" io.ocrbatch.activities.output.pdf.VolumePdfBench "$PAGES" "$format" 2>&1 \
    | grep -v ' INFO \| DEBUG '
done
