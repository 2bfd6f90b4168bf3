#!/usr/bin/env bash
# Large inputs: time and peak memory of a release runbook on pages far larger
# than real ones, against the targets of issue 28, each beside a peer measured
# in the same run (plan's time for lint; `cat` of the page for the rest):
#   ast --format json of a 2 MB page: under 100 MB of memory
#   lint of a page with 100,000-line tables: within 3x plan's time
#   build of a 20 MB page with one step: under 5 s
# Usage: benchmarks/large-input.sh   (builds the release binary first)
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product runbook >/dev/null
runbook=$PWD/.build/release/runbook
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/docs-src" "$work/big"

# A 2 MB page: many steps of prose, code, lists and notes.
python3 - "$work" <<'PY'
import sys
work = sys.argv[1]
step = """## Step {n}

Run the migration for part {n}, then check it.

```bash
app migrate --part {n} --verbose
app check --part {n}
```

- first note about part {n}
- second note about part {n}

> **Note:** part {n} takes a while on large databases.

"""
page = "# Big procedure\n\n" + "".join(step.format(n=n) for n in range(7000))
open(work + "/big/2mb.md", "w").write(page)
table = "| name | value |\n|---|---|\n" + "".join("| key%d | %d |\n" % (n, n) for n in range(100000))
open(work + "/big/tables.md", "w").write("# Tables\n\n## Look\n\n" + table + "\n```bash\necho done\n```\n")
rows = "".join("key%d   %d\n" % (n, n) for n in range(100000))
open(work + "/big/tables.rst", "w").write("T\n=\n\nLook\n----\n\n=======  =====\nname     value\n=======  =====\n" + rows
                                          + "=======  =====\n\n.. code-block:: bash\n\n    echo done\n")
body = "".join("line %d of a long configuration excerpt, shown to the operator\n" % n for n in range(330000))
open(work + "/docs-src/20mb.md", "w").write("# Huge\n\n## The one step\n\n```\n" + body + "```\n\n```bash\necho done\n```\n")
PY

measure() { # measure LABEL COMMAND...: prints "SECONDS PEAK_KB"; the peak resident set of the command alone
  local label=$1 out
  shift
  out=$(python3 -c '
import resource, subprocess, sys, time
start = time.monotonic()
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print("%.2f %d" % (time.monotonic() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))' "$@")
  printf '%-44s %6s s %8s kB\n' "$label" "${out% *}" "${out#* }" >&2
  printf '%s' "$out"
}
find "$work/big" "$work/docs-src" -name "*.md" -printf "%f: %s bytes\n"
m=$(measure "cat 2 MB (peer)" cat "$work/big/2mb.md")
m=$(measure "ast --format json, 2 MB" "$runbook" ast --format json "$work/big/2mb.md"); echo "ast json 2 MB: ${m#* } kB (target < 102400)"
p=$(measure "plan, 100k-line tables" "$runbook" plan "$work/big/tables.md")
l=$(measure "lint, 100k-line tables" "$runbook" lint "$work/big/tables.md")
echo "lint / plan, Markdown: $(python3 -c "print('%.2f' % (${l% *} / max(${p% *}, 0.01)))") (target <= 3)"
p=$(measure "plan, RST table of 100k rows" "$runbook" plan "$work/big/tables.rst")
l=$(measure "lint, RST table of 100k rows" "$runbook" lint "$work/big/tables.rst")
echo "lint / plan, RST: $(python3 -c "print('%.2f' % (${l% *} / max(${p% *}, 0.01)))") (target <= 3)"
b=$(cd "$work" && measure "build, 20 MB page" "$runbook" build)
echo "build 20 MB: ${b% *} s (target < 5)"
