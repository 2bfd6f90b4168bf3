#!/usr/bin/env bash
# The RST reader's speed against docutils, on docutils' own corpus (its docs/
# and test/functional/input/, script/docutils_corpus.sh), each side parsing
# every file in one process.
#
# The two sides take turns, ROUNDS times: one docutils pass (one Python
# process throughout), then one run of the release `rst-benchmark` (the best
# of 5 passes). On a shared machine the speed of the CPU drifts over the
# minute this takes; taking turns gives both sides the same stretch of it.
# The figure is the best pass of each side; every round's ratio is shown too.
#   benchmarks/rst-speed.sh [ROUNDS]     (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
script/setup >/dev/null
mapfile -t files < <(script/docutils_corpus.sh)
swift build -c release --product rst-benchmark >/dev/null
python3 - "$rounds" .build/release/rst-benchmark "${files[@]}" <<'PY'
import io, re, subprocess, sys, time
sys.path.insert(0, "script")
import rst_conformance  # noqa: F401  (the same Sphinx directives registered)
from docutils.core import publish_doctree

rounds, binary, paths = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
texts = [(path, open(path, encoding="utf-8-sig").read()) for path in paths]
size = sum(len(text.encode()) for _, text in texts) / 1e6

def docutils_pass():
    start = time.perf_counter()
    for path, text in texts:
        publish_doctree(text, source_path=path, settings_overrides={
            "report_level": 5, "halt_level": 5, "warning_stream": io.StringIO()})
    return time.perf_counter() - start

def runbook_run():
    out = subprocess.run([binary, "--rounds", "5", *paths], check=True, capture_output=True, text=True).stdout
    return float(re.search(r" in ([0-9.]+) s", out).group(1))

best_docutils = best_runbook = float("inf")
for round in range(1, rounds + 1):
    theirs, ours = docutils_pass(), runbook_run()
    best_docutils, best_runbook = min(best_docutils, theirs), min(best_runbook, ours)
    print(f"round {round}: docutils {size / theirs:.2f} MB/s, runbook {size / ours:.2f} MB/s: {theirs / ours:.0f}x")
print(f"runbook: {len(texts)} files, {size:.2f} MB in {best_runbook:.3f} s: {size / best_runbook:.2f} MB/s")
print(f"docutils: {len(texts)} files, {size:.2f} MB in {best_docutils:.3f} s: {size / best_docutils:.2f} MB/s")
print(f"runbook is {best_docutils / best_runbook:.0f} times as fast as docutils")
PY
