#!/usr/bin/env bash
# Overhead of a generated script against a plain bash script with the same
# commands, measured in the same run: procedures of 1 and 50 steps whose
# commands are all `true`. Prints the added time per step and at start.
#   benchmarks/script-overhead.sh [RUNS]     (default 15 runs each, median taken)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-15}
swift build --product runbook >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/docs"

make_doc() {
  local n=$1 i
  printf '# Overhead %s\n\n' "$n"
  for ((i = 1; i <= n; i++)); do printf '## Step %s\n\n```sh\ntrue\n```\n\n' "$i"; done
}
make_plain() {
  local n=$1 i
  printf '#!/usr/bin/env bash\nset -euo pipefail\n'
  for ((i = 1; i <= n; i++)); do printf 'true\n'; done
}
for n in 1 50; do
  make_doc "$n" >"$work/docs/steps$n.md"
  make_plain "$n" >"$work/plain$n.sh"
  chmod +x "$work/plain$n.sh"
done
.build/debug/runbook build --docs "$work/docs" --out "$work/out" >/dev/null
# RUNBOOK_BASELINE=/path/to/an/older/runbook: its scripts measured in the same
# run, in turn with these, for the added cost of a change to the runtime.
baseline=${RUNBOOK_BASELINE-}
[[ -z $baseline ]] || "$baseline" build --docs "$work/docs" --out "$work/base" >/dev/null

# Median wall time of a command, in microseconds.
median_us() {
  local times=() i start
  for ((i = 0; i < runs; i++)); do
    start=${EPOCHREALTIME/[.,]/}
    "$@" >/dev/null 2>&1
    times+=($(( ${EPOCHREALTIME/[.,]/} - start )))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p"
}

export RUNBOOK_STATE_DIR="$work/state" RUNBOOK_LOG_DIR="$work/logs"
rb1=$(median_us "$work/out/steps1.sh")
rb50=$(median_us "$work/out/steps50.sh")
plain1=$(median_us "$work/plain1.sh")
plain50=$(median_us "$work/plain50.sh")

per_step=$(( ((rb50 - rb1) - (plain50 - plain1)) / 49 ))
start=$(( rb1 - plain1 - per_step ))
printf 'runs each: %s (median)\n' "$runs"
printf 'plain bash:      1 step %6.1f ms   50 steps %6.1f ms\n' "$(bc <<<"scale=1; $plain1/1000")" "$(bc <<<"scale=1; $plain50/1000")"
printf 'generated:       1 step %6.1f ms   50 steps %6.1f ms\n' "$(bc <<<"scale=1; $rb1/1000")" "$(bc <<<"scale=1; $rb50/1000")"
printf 'added per step:  %.2f ms (target < 5 ms)\n' "$(bc <<<"scale=2; $per_step/1000")"
printf 'added at start:  %.1f ms (target < 100 ms)\n' "$(bc <<<"scale=1; $start/1000")"
printf 'ratio, 50 steps: %.1fx the plain script\n' "$(bc <<<"scale=1; $rb50/$plain50")"
if [[ -n $baseline ]]; then
  base1=$(median_us "$work/base/steps1.sh")
  base50=$(median_us "$work/base/steps50.sh")
  rb50=$(median_us "$work/out/steps50.sh")
  rb1=$(median_us "$work/out/steps1.sh")
  printf 'per step, this runtime against %s, same run: %.2f ms against %.2f ms\n' "$baseline" \
    "$(bc <<<"scale=2; (($rb50 - $rb1) - ($plain50 - $plain1)) / 49000")" "$(bc <<<"scale=2; (($base50 - $base1) - ($plain50 - $plain1)) / 49000")"
fi
