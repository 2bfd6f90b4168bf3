#!/usr/bin/env bash
# Where users wait: `runbook check` on a tree of 100 procedure docs (the three
# seeds, 34, 33 and 33 copies), from its cache (nothing changed since the last
# check in sync: the pre-commit and edit-check case) and with --no-cache (a
# fresh clone, or any change), and `runbook ast --format json` on a 360 KB
# page (three of docutils' reference pages end to end), with the release
# build, against the same run's `git diff --quiet` over the tree as the floor
# (the least a check can do: look at every file once). The commands take
# turns, ROUNDS times; each round's median of 9 runs is shown, then the median
# of the rounds. Also a check right after one doc was saved (only that
# procedure compiled again). Targets: under 50 ms each.
#   benchmarks/check-speed.sh [ROUNDS]     (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
script/setup >/dev/null
swift build -c release --product runbook >/dev/null 2>&1
runbook=$PWD/.build/release/runbook
mapfile -t corpus < <(script/docutils_corpus.sh)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/tree/docs-src"
for i in $(seq 1 34); do cp docs-src/django-update.rst "$work/tree/docs-src/django-update-$i.rst"; done
for i in $(seq 1 33); do cp docs-src/emaj-upgrade.rst "$work/tree/docs-src/emaj-upgrade-$i.rst"; done
for i in $(seq 1 33); do cp docs-src/webapp-upgrade.md "$work/tree/docs-src/webapp-upgrade-$i.md"; done
(cd "$work/tree" && "$runbook" build >/dev/null 2>&1 && git init -q && git add -A && git -c user.name=b -c user.email=b@b commit -qm tree)
export XDG_CACHE_HOME=$work/cache
# A check remembers a tree only once its files are two seconds old (CheckCache).
sleep 2.5
(cd "$work/tree" && "$runbook" check >/dev/null)
big=$work/big.rst
for name in ref/rst/restructuredtext.txt ref/doctree.txt dev/rst/alternatives.txt; do
  cat "$(printf '%s\n' "${corpus[@]}" | grep "/docs/$name\$")"
done >"$big"

# median_ms CMD...: the median wall time of 9 runs, in milliseconds.
median_ms() {
  local times=() i start
  for ((i = 0; i < 9; i++)); do
    start=${EPOCHREALTIME/[.,]/}
    "$@" >/dev/null 2>&1 || true
    times+=($(( ${EPOCHREALTIME/[.,]/} - start )))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n 5p | awk '{ printf "%.1f", $1 / 1000 }'
}

printf '%d docs, %s KB of docs; the page: %s KB\n' "$(find "$work/tree/docs-src" -type f | wc -l)" \
  "$(du -sk "$work/tree/docs-src" | cut -f1)" "$(( $(wc -c <"$big") / 1024 ))"
printf '%-6s %12s %12s %14s %18s %14s\n' round 'git diff' check 'one doc saved' 'check --no-cache' 'ast --json'
checks=() edits=() colds=() asts=() floors=()
for ((r = 1; r <= rounds; r++)); do
  floor=$(cd "$work/tree" && median_ms git diff --quiet)
  check=$(cd "$work/tree" && median_ms "$runbook" check)
  cold=$(cd "$work/tree" && median_ms "$runbook" check --no-cache)
  ast=$(median_ms "$runbook" ast "$big" --format json)
  # One doc saved again (new times, same text): the check compiles that procedure
  # alone. Within two seconds of the save the cache is not updated, so each of
  # the 9 runs does that work; then the tree is remembered again for the next round.
  touch "$work/tree/docs-src/django-update-7.rst"
  edit=$(cd "$work/tree" && median_ms "$runbook" check)
  sleep 2.2
  (cd "$work/tree" && "$runbook" check >/dev/null)
  printf '%-6s %9s ms %9s ms %11s ms %15s ms %11s ms\n' "$r" "$floor" "$check" "$edit" "$cold" "$ast"
  floors+=("$floor") checks+=("$check") edits+=("$edit") colds+=("$cold") asts+=("$ast")
done
mid() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }
f=$(mid "${floors[@]}") c=$(mid "${checks[@]}") e=$(mid "${edits[@]}") k=$(mid "${colds[@]}") a=$(mid "${asts[@]}")
printf 'median: git diff --quiet %s ms; runbook check %s ms (%.1fx the floor, target < 50 ms), after one doc saved %s ms (%.1fx), --no-cache %s ms; ast --format json %s ms (target < 50 ms)\n' \
  "$f" "$c" "$(awk "BEGIN { print $c / ($f > 0 ? $f : 0.1) }")" "$e" "$(awk "BEGIN { print $e / ($f > 0 ? $f : 0.1) }")" "$k" "$a"
