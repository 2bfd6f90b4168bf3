# ---- runbook runtime: options ----------------------------------------------
# Exit codes: 0 success, 1 usage, 2 preflight failed (nothing changed),
# 3 a step failed and rollback succeeded, 4 rollback failed, 130 interrupted.

RB_DRY_RUN=0
RB_YES=0
RB_LIST=0
RB_RESUME=0
RB_ROLLBACK_ONLY=0
RB_UNDO_LAST=0
RB_FORGET_LAST=0
RB_NO_ROLLBACK=0
RB_FROM=''
RB_ONLY=''
RB_LOG=''
RB_COLOR=0
RB_FAULT=''
RB_STATE_DIR=${RUNBOOK_STATE_DIR:-${XDG_STATE_HOME:-${HOME:-/tmp}/.local/state}/runbook}
RB_JOURNAL="$RB_STATE_DIR/$RB_NAME.journal"
RB_LOCK="$RB_STATE_DIR/$RB_NAME.lock"
# The journal of the last run that finished, kept so that --undo-last-run can reverse it.
RB_LAST_JOURNAL="$RB_STATE_DIR/$RB_NAME.last-run.journal"
# The last run's, set aside while another run goes on.
RB_PREVIOUS_JOURNAL="$RB_STATE_DIR/$RB_NAME.previous-run.journal"
declare -A RB_SET=()
declare -A RB_VALUES=()
RB_SELECTED=()
# Choices the host decided (rb_host_platform), shown at the start of a run and a dry run.
RB_HOST_DECIDED=()
RB_DONE=()
RB_CURRENT=0

rb_die() {
  local code=$1
  shift
  RB_REFUSED=$*
  printf '%s: %s\n' "${0##*/}" "$*" >&2
  exit "$code"
}

# rb_paint VAR SGR TEXT: VAR = TEXT, coloured on a terminal (no subshell: this runs every step).
rb_paint() {
  if [[ $RB_COLOR -eq 1 ]]; then printf -v "$1" '\033[%sm%s\033[0m' "$2" "$3"; else printf -v "$1" '%s' "$3"; fi
}

rb_usage() {
  printf 'Usage: %s [options]\n\n' "${0##*/}"
  printf '%s\n' "$RB_TITLE"
  rb_procedure_notices
  printf 'Generated from %s.\n\n' "$RB_SOURCE"
  cat <<'RB_USAGE'
Options:
  --dry-run          print what would run, parameters substituted, and the undo plan
  --list             list the steps with their ids
  --from STEP        start at step STEP (an id from --list)
  --only STEP        run step STEP alone
  --set NAME=VALUE   give a parameter (or set RUNBOOK_NAME=VALUE in the environment)
  --yes              confirm manual steps without asking
  --no-rollback      on failure keep the failed state for inspection
  --resume           continue a failed or interrupted run from its journal
  --rollback         undo what a failed or interrupted run did, from its journal
  --undo-last-run    undo the last run that finished, newest step first (its
                     journal and the files it replaced are kept until the next
                     run finishes, or for RUNBOOK_UNDO_DAYS days, default 7)
  --forget-last-run  end the last run's undo window now: remove its journal and
                     the copies of the files it replaced (which may hold secrets)
  --report FILE      at exit, write how the run ended to FILE as JSON (outcome,
                     failed step and its doc line, undo actions that remain, log)
  -h, --help         show this help
  --inject-fault CASE:STEP
                     for 'runbook prove' only, in a throw-away world (refused
                     unless RUNBOOK_FAULT_INJECTION=disposable-world is set):
                     after STEP's commands, fail, or send the run SIGTERM or SIGKILL

Exit codes:
  0    success
  1    usage error
  2    preflight failed: nothing was changed
  3    a step failed; what was done was rolled back (kept with --no-rollback)
  4    rollback failed: the undo actions that remain and the journal are printed
  130  interrupted, and rolled back (kept with --no-rollback)

State: the journal, the last finished run's journal and the lock live in $RUNBOOK_STATE_DIR (default
~/.local/state/runbook), logs in $RUNBOOK_LOG_DIR (default: the same).
RB_USAGE
  if [[ $RB_USES_PSQL -eq 1 ]]; then
    printf '\nDatabase: the psql steps connect as psql does, through PGHOST, PGPORT,\n'
    printf 'PGDATABASE and PGUSER (a password from ~/.pgpass or PGPASSWORD).\n'
  fi
  rb_usage_parameters
}

# The procedure's parameters, with their defaults and what they must match.
rb_usage_parameters() {
  local i
  if [[ ${#RB_PARAM_NAMES[@]} -gt 0 ]]; then
    printf '\nParameters:\n'
    for i in "${!RB_PARAM_NAMES[@]}"; do
      printf '  %s  %s' "${RB_PARAM_NAMES[i]}" "${RB_PARAM_DESCRIPTIONS[i]}"
      if [[ ${RB_PARAM_HAS_DEFAULT[i]} -eq 1 ]]; then printf ' (default: %s)' "${RB_PARAM_DEFAULTS[i]}"; fi
      if [[ ${RB_PARAM_HOST[i]} == platform ]]; then printf " (default: this host's, from /etc/os-release)"; fi
      if [[ -n ${RB_PARAM_PATTERNS[i]} ]]; then printf ' (must match: %s)' "${RB_PARAM_PATTERNS[i]}"; fi
      if rb_is_secret "${RB_PARAM_NAMES[i]}"; then printf ' (secret: never written down; give it as RUNBOOK_%s)' "${RB_PARAM_NAMES[i]}"; fi
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
      --resume) RB_RESUME=1 ;;
      --rollback) RB_ROLLBACK_ONLY=1 ;;
      --undo-last-run) RB_UNDO_LAST=1 ;;
      --forget-last-run) RB_FORGET_LAST=1 ;;
      --no-rollback) RB_NO_ROLLBACK=1 ;;
      --from) [[ $# -ge 2 ]] || rb_die 1 "--from needs a step id"; RB_FROM=$2; shift ;;
      --only) [[ $# -ge 2 ]] || rb_die 1 "--only needs a step id"; RB_ONLY=$2; shift ;;
      --report) [[ $# -ge 2 ]] || rb_die 1 "--report needs a file"; RB_REPORT=$2; rb_report_enable; shift ;;
      --inject-fault) [[ $# -ge 2 ]] || rb_die 1 "--inject-fault needs CASE:STEP"; RB_FAULT=$2; shift ;;
      --set)
        [[ $# -ge 2 && $2 == *=* ]] || rb_die 1 "--set needs NAME=VALUE"
        RB_SET[${2%%=*}]=${2#*=}
        shift ;;
      -h|--help) rb_usage; exit 0 ;;
      *) rb_die 1 "unknown option '$1' (see --help)" ;;
    esac
    shift
  done
  if [[ $((RB_RESUME + RB_ROLLBACK_ONLY + RB_UNDO_LAST + RB_FORGET_LAST)) -gt 1 ]]; then
    rb_die 1 "--resume, --rollback, --undo-last-run and --forget-last-run exclude each other"
  fi
  [[ ${RUNBOOK_UNDO_DAYS:-7} =~ ^[0-9]+$ ]] || rb_die 1 "RUNBOOK_UNDO_DAYS must be a number of days"
  [[ -z $RB_FAULT ]] || rb_fault_option "$RB_FAULT"
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
    printf '%3d  %s%-32s %-8s %s' "$((i + 1))" "$indent" "${RB_STEP_IDS[i]}" "${RB_STEP_KINDS[i]}" "${RB_STEP_TITLES[i]}"
    [[ -z ${RB_STEP_CONDITIONS[i]} ]] || printf '  (when %s)' "${RB_STEP_CONDITIONS[i]}"
    printf '\n'
  done
}
