#!/usr/bin/env bash
# The RST reader's speed against docutils, on docutils' own corpus (its docs/
# and test/functional/input/, script/docutils_corpus.sh), each in one process,
# measured in the same run: the best of ROUNDS passes over every file.
#   benchmarks/rst-speed.sh [ROUNDS]     (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
script/setup >/dev/null
mapfile -t files < <(script/docutils_corpus.sh)
swift build -c release --product rst-benchmark >/dev/null
ours=$(.build/release/rst-benchmark --rounds "$rounds" "${files[@]}")
theirs=$(python3 - "$rounds" "${files[@]}" <<'PY'
import io, sys, time
sys.path.insert(0, "script")
import rst_conformance  # noqa: F401  (the same Sphinx directives registered)
from docutils.core import publish_doctree

rounds, paths = int(sys.argv[1]), sys.argv[2:]
texts = [(path, open(path, encoding="utf-8-sig").read()) for path in paths]
size = sum(len(text.encode()) for _, text in texts)
best = float("inf")
for _ in range(rounds):
    start = time.perf_counter()
    for path, text in texts:
        publish_doctree(text, source_path=path, settings_overrides={
            "report_level": 5, "halt_level": 5, "warning_stream": io.StringIO()})
    best = min(best, time.perf_counter() - start)
print(f"docutils: {len(texts)} files, {size / 1e6:.2f} MB in {best:.3f} s: {size / 1e6 / best:.2f} MB/s")
PY
)
echo "$ours"
echo "$theirs"
mbs() { sed -E 's/.*: ([0-9.]+) MB\/s.*/\1/' <<<"$1"; }
printf 'runbook is %.0f times as fast as docutils\n' "$(echo "$(mbs "$ours") / $(mbs "$theirs")" | bc -l)"
