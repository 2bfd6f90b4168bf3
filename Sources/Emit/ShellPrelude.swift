/// The runtime every generated script carries: option parsing, parameters,
/// preflight, progress, logging, and the runners that steps call.
/// It is fixed text; everything procedure-specific comes before it as data.
enum ShellPrelude {
    static let text = #"""
# ---- runbook runtime -------------------------------------------------------
# Exit codes: 0 success, 1 usage, 2 preflight failed (nothing changed),
# 3 a step failed, 130 interrupted.

RB_DRY_RUN=0
RB_YES=0
RB_LIST=0
RB_FROM=''
RB_ONLY=''
RB_LOG=''
RB_CURRENT=0
RB_COLOR=0
declare -A RB_SET=()

rb_die() {
  local code=$1
  shift
  printf '%s: %s\n' "${0##*/}" "$*" >&2
  exit "$code"
}

rb_style() {
  if [[ $RB_COLOR -eq 1 ]]; then printf '\033[%sm%s\033[0m' "$1" "$2"; else printf '%s' "$2"; fi
}

rb_usage() {
  printf 'Usage: %s [options]\n\n' "${0##*/}"
  printf '%s\n' "$RB_TITLE"
  printf 'Generated from %s.\n\n' "$RB_SOURCE"
  cat <<'EOF'
Options:
  --dry-run          print what would run, parameters substituted; change nothing
  --list             list the steps with their ids
  --from STEP        start at step STEP (an id from --list)
  --only STEP        run step STEP alone
  --set NAME=VALUE   give a parameter (or set RUNBOOK_NAME=VALUE in the environment)
  --yes              confirm manual steps without asking
  -h, --help         show this help

Exit codes: 0 success, 1 usage error, 2 preflight failed and nothing was changed,
3 a step failed, 130 interrupted.
EOF
  local i
  if [[ ${#RB_PARAM_NAMES[@]} -gt 0 ]]; then
    printf '\nParameters:\n'
    for i in "${!RB_PARAM_NAMES[@]}"; do
      printf '  %s  %s' "${RB_PARAM_NAMES[i]}" "${RB_PARAM_DESCRIPTIONS[i]}"
      if [[ ${RB_PARAM_HAS_DEFAULT[i]} -eq 1 ]]; then printf ' (default: %s)' "${RB_PARAM_DEFAULTS[i]}"; fi
      if [[ -n ${RB_PARAM_PATTERNS[i]} ]]; then printf ' (must match: %s)' "${RB_PARAM_PATTERNS[i]}"; fi
      printf '\n'
    done
  fi
}

rb_parse_args() {
  while [[ $# -gt 0 ]]; do
    case $1 in
      --dry-run) RB_DRY_RUN=1 ;;
      --list) RB_LIST=1 ;;
      --yes) RB_YES=1 ;;
      --from) [[ $# -ge 2 ]] || rb_die 1 "--from needs a step id"; RB_FROM=$2; shift ;;
      --only) [[ $# -ge 2 ]] || rb_die 1 "--only needs a step id"; RB_ONLY=$2; shift ;;
      --set)
        [[ $# -ge 2 && $2 == *=* ]] || rb_die 1 "--set needs NAME=VALUE"
        RB_SET[${2%%=*}]=${2#*=}
        shift ;;
      -h|--help) rb_usage; exit 0 ;;
      *) rb_die 1 "unknown option '$1' (see --help)" ;;
    esac
    shift
  done
  if [[ -t 1 && -z ${NO_COLOR+x} ]]; then RB_COLOR=1; fi
}

rb_step_index() {
  local id=$1 i
  for i in "${!RB_STEP_IDS[@]}"; do
    if [[ ${RB_STEP_IDS[i]} == "$id" ]]; then printf '%d' "$((i + 1))"; return 0; fi
  done
  rb_die 1 "no step '$id' (see --list)"
}

rb_list() {
  local i indent
  for i in "${!RB_STEP_IDS[@]}"; do
    printf -v indent '%*s' "$(( (RB_STEP_DEPTHS[i] - 1) * 2 ))" ''
    printf '%3d  %s%-32s %-8s %s\n' "$((i + 1))" "$indent" "${RB_STEP_IDS[i]}" "${RB_STEP_KINDS[i]}" "${RB_STEP_TITLES[i]}"
  done
}

# Every parameter is checked before anything runs; all problems are listed at once.
rb_check_parameters() {
  local i name value env problems=()
  for name in "${!RB_SET[@]}"; do
    local known=0
    for i in "${!RB_PARAM_NAMES[@]}"; do [[ ${RB_PARAM_NAMES[i]} == "$name" ]] && known=1; done
    [[ $known -eq 1 ]] || problems+=("unknown parameter '$name'")
  done
  for i in "${!RB_PARAM_NAMES[@]}"; do
    name=${RB_PARAM_NAMES[i]}
    env="RUNBOOK_$name"
    if [[ -n ${RB_SET[$name]+x} ]]; then
      value=${RB_SET[$name]}
    elif [[ -n ${!env+x} ]]; then
      value=${!env}
    elif [[ ${RB_PARAM_HAS_DEFAULT[i]} -eq 1 ]]; then
      value=${RB_PARAM_DEFAULTS[i]}
    else
      problems+=("missing parameter $name: give --set $name=VALUE or RUNBOOK_$name")
      continue
    fi
    if [[ -n ${RB_PARAM_PATTERNS[i]} ]] && ! [[ $value =~ ^(${RB_PARAM_PATTERNS[i]})$ ]]; then
      problems+=("parameter $name does not match ${RB_PARAM_PATTERNS[i]}")
      continue
    fi
    printf -v "$name" '%s' "$value"
    export "${name?}"
  done
  if [[ ${#problems[@]} -gt 0 ]]; then
    printf '%s: preflight failed, nothing was changed:\n' "${0##*/}" >&2
    printf '  %s\n' "${problems[@]}" >&2
    exit 2
  fi
}

rb_preflight() {
  rb_check_parameters
  local i program missing=() manual=0
  for i in "${RB_SELECTED[@]}"; do
    for program in ${RB_STEP_NEEDS[i - 1]}; do
      command -v "$program" >/dev/null 2>&1 || missing+=("$program (step ${RB_STEP_IDS[i - 1]})")
    done
    [[ ${RB_STEP_KINDS[i - 1]} == manual ]] && manual=1
  done
  if [[ ${#missing[@]} -gt 0 && $RB_DRY_RUN -eq 0 ]]; then
    printf '%s: preflight failed, nothing was changed: not on PATH:\n' "${0##*/}" >&2
    printf '  %s\n' "${missing[@]}" >&2
    exit 2
  fi
  if [[ $manual -eq 1 && $RB_YES -eq 0 && $RB_DRY_RUN -eq 0 ]] && ! { : </dev/tty; } 2>/dev/null; then
    rb_die 2 "preflight failed, nothing was changed: manual steps need a terminal or --yes"
  fi
}

rb_select_steps() {
  RB_SELECTED=()
  local first=1 i
  if [[ -n $RB_ONLY ]]; then
    RB_SELECTED=("$(rb_step_index "$RB_ONLY")")
    return
  fi
  [[ -z $RB_FROM ]] || first=$(rb_step_index "$RB_FROM")
  for ((i = first; i <= RB_STEP_COUNT; i++)); do
    [[ ${RB_STEP_SKIPPED[i - 1]} -eq 1 ]] || RB_SELECTED+=("$i")
  done
}

rb_now_us() { printf '%s' "${EPOCHREALTIME/[.,]/}"; }

rb_elapsed() {
  local us=$(( $(rb_now_us) - $1 ))
  printf '%d.%01ds' "$((us / 1000000))" "$(( (us / 100000) % 10 ))"
}

rb_open_log() {
  local dir=${RUNBOOK_LOG_DIR:-${XDG_STATE_HOME:-${HOME:-/tmp}/.local/state}/runbook}
  mkdir -p "$dir" || rb_die 2 "preflight failed, nothing was changed: cannot create log directory $dir"
  RB_LOG="$dir/$RB_NAME-$(date +%Y%m%d-%H%M%S)-$$.log"
  : >"$RB_LOG" || rb_die 2 "preflight failed, nothing was changed: cannot write $RB_LOG"
  printf '%s: log: %s\n' "${0##*/}" "$RB_LOG"
}

rb_log() { [[ -z $RB_LOG ]] || printf '%s\n' "$*" >>"$RB_LOG"; }

rb_notice() {
  local kind=$1 text
  text=$(cat)
  printf '    %s %s\n' "$(rb_style '1;33' "${kind^^}:")" "${text//$'\n'/$'\n'    }"
  rb_log "$kind: $text"
}

rb_manual() {
  local text answer
  text=$(cat)
  printf '    %s\n' "${text//$'\n'/$'\n'    }"
  rb_log "manual step: $text"
  if [[ $RB_DRY_RUN -eq 1 ]]; then
    printf '    (manual: asks for confirmation)\n'
  elif [[ $RB_YES -eq 1 ]]; then
    printf '    (confirmed by --yes)\n'
    rb_log "confirmed by --yes"
  else
    read -r -p '    Done? [y/N] ' answer </dev/tty || answer=''
    [[ $answer == [yY]* ]] || rb_fail 1 "not confirmed"
    rb_log "confirmed by the operator"
  fi
}

# rb_command INTERPRETER LOCATION CAPTURE CWD USER <<'TEXT'
rb_command() {
  local interpreter=$1 location=$2 capture=$3 cwd=$4 user=$5 text status=0 output started
  text=$(cat)
  if [[ $RB_DRY_RUN -eq 1 ]]; then
    printf '    %s %s\n' "$(rb_style 2 "[$interpreter]")" "${text//$'\n'/$'\n'      }"
    return 0
  fi
  rb_log "--- $location [$interpreter]" "$text"
  started=$(rb_now_us)
  output=$(rb_exec "$interpreter" "$text" "$cwd" "$user" 2>>"$RB_LOG") || status=$?
  if [[ -n $capture ]]; then
    printf -v "$capture" '%s' "$output"
    export "${capture?}"
    rb_log "captured $capture=$output"
  elif [[ -n $output ]]; then
    printf '%s\n' "$output" >>"$RB_LOG"
  fi
  rb_log "--- exit $status after $(rb_elapsed "$started")"
  [[ $status -eq 0 ]] || rb_fail "$status" "command at $location exited with status $status"
}

rb_exec() {
  local interpreter=$1 text=$2 cwd=$3 user=$4 run=()
  [[ -z $user || $user == "$(id -un)" ]] || run=(sudo -n -E -u "$user" --)
  if [[ -n $cwd ]]; then cd -- "$cwd" || return 1; fi
  case $interpreter in
    bash) "${run[@]}" bash -euo pipefail -c "$text" </dev/null ;;
    sh) "${run[@]}" sh -eu -c "$text" </dev/null ;;
    psql) "${run[@]}" psql -X -q -v ON_ERROR_STOP=1 -f - <<<"$text" ;;
    python) "${run[@]}" python3 -c "$text" </dev/null ;;
    *) printf 'unknown interpreter %s\n' "$interpreter" >&2; return 1 ;;
  esac
}

rb_undo_plan() {
  local interpreter=$1 text
  text=$(cat)
  [[ $RB_DRY_RUN -eq 1 ]] || return 0
  printf '    %s %s\n' "$(rb_style 2 "undo [$interpreter]")" "${text//$'\n'/$'\n'      }"
}

rb_fail() {
  local status=$1 why=$2 i=$((RB_CURRENT - 1))
  printf '%s\n' "$(rb_style '1;31' 'failed')"
  printf '%s: step %s "%s" failed (%s): %s\n' "${0##*/}" "${RB_STEP_IDS[i]}" "${RB_STEP_TITLES[i]}" \
    "${RB_STEP_LOCATIONS[i]}" "$why" >&2
  if [[ -n $RB_LOG ]]; then
    printf 'last lines of the log (%s):\n' "$RB_LOG" >&2
    tail -n 15 "$RB_LOG" | sed 's/^/  | /' >&2
  fi
  rb_log "FAILED: step ${RB_STEP_IDS[i]} ($status): $why"
  exit 3
}

rb_interrupted() {
  trap - INT TERM
  printf '\n%s: interrupted during step %s\n' "${0##*/}" "${RB_STEP_IDS[RB_CURRENT - 1]:-none}" >&2
  rb_log "interrupted"
  exit 130
}

rb_main() {
  rb_parse_args "$@"
  if [[ $RB_LIST -eq 1 ]]; then rb_list; exit 0; fi
  rb_select_steps
  rb_preflight
  trap rb_interrupted INT TERM
  [[ $RB_DRY_RUN -eq 1 ]] || rb_open_log
  local n=0 total=${#RB_SELECTED[@]} i started
  local run_started
  run_started=$(rb_now_us)
  printf '%s\n' "$(rb_style 1 "$RB_TITLE")"
  for i in "${RB_SELECTED[@]}"; do
    n=$((n + 1))
    RB_CURRENT=$i
    started=$(rb_now_us)
    printf '[%d/%d] %s (%s)\n' "$n" "$total" "${RB_STEP_TITLES[i - 1]}" "${RB_STEP_IDS[i - 1]}"
    rb_log "=== [$n/$total] ${RB_STEP_IDS[i - 1]} (${RB_STEP_LOCATIONS[i - 1]})"
    rb_dispatch "$i"
    if [[ $RB_DRY_RUN -eq 0 ]]; then
      printf '      ... %s (%s)\n' "$(rb_style 32 ok)" "$(rb_elapsed "$started")"
    fi
  done
  if [[ $RB_DRY_RUN -eq 1 ]]; then
    printf 'dry run: %d steps, nothing was changed\n' "$total"
  else
    printf 'done: %d steps in %s; log: %s\n' "$total" "$(rb_elapsed "$run_started")" "$RB_LOG"
    rb_log "done"
  fi
}
# ---- end of runtime --------------------------------------------------------
"""#
}
