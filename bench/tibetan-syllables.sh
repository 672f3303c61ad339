#!/usr/bin/env bash
# Regenerates the Tibetan syllable list the tesseract-lines engine corrects misread syllables
# against (activities/src/main/resources/tibetan/syllables.tsv): the syllables of the word list
# inside Tesseract's own bod model (tessdata_fast, Apache-2.0; Debian's tesseract-ocr-bod), each
# with how often it occurs in that list. Not a benchmark; needs tesseract-ocr, tesseract-ocr-bod
# and python3 (installed when run as root).
#   bench/tibetan-syllables.sh [BOD_TRAINEDDATA]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODEL="${1:-${TESSDATA_PREFIX:-/usr/share/tesseract-ocr/5/tessdata}/bod.traineddata}"
OUT="$ROOT/activities/src/main/resources/tibetan/syllables.tsv"
if ! command -v dawg2wordlist >/dev/null || [ ! -f "$MODEL" ] || ! command -v python3 >/dev/null; then
  [ "$(id -u)" = 0 ] || { echo "needs: apt-get install -y tesseract-ocr tesseract-ocr-bod python3" >&2; exit 1; }
  apt-get install -y -qq tesseract-ocr tesseract-ocr-bod python3 >/dev/null
fi
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
combine_tessdata -u "$MODEL" "$WORK/bod." >/dev/null 2>&1
dawg2wordlist "$WORK/bod.lstm-unicharset" "$WORK/bod.lstm-word-dawg" "$WORK/words.txt" >/dev/null 2>&1
VERSION="$(cat "$WORK/bod.version")"
SHA="$(sha256sum "$MODEL" | cut -c1-16)"
python3 - "$WORK/words.txt" "$OUT" "$VERSION" "$SHA" <<'PY'
import collections, re, sys
words, out, version, sha = sys.argv[1:]
counts = collections.Counter()
for word in open(words, encoding="utf-8"):
    word = word.strip()
    if not word or re.search(r"[^\u0f00-\u0fff]", word):
        continue  # Latin, digits, punctuation: not Tibetan words
    counts.update(re.findall(r"[\u0f40-\u0fbc]+", word))
with open(out, "w", encoding="utf-8") as f:
    f.write(f"# Syllables of the word list in Tesseract's bod model ({version}, sha256 {sha}...),\n")
    f.write("# tessdata_fast, Apache-2.0; made by bench/tibetan-syllables.sh. syllable<TAB>occurrences\n")
    for syllable, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        f.write(f"{syllable}\t{n}\n")
print(f"{len(counts)} syllables -> {out}")
PY
