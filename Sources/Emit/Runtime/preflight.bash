# ---- runbook runtime: preflight --------------------------------------------
# Everything here runs before any step, and lists every problem at once.

rb_preflight_failed() {
  RB_REFUSED="preflight failed, nothing was changed: $*"
  printf '%s: preflight failed, nothing was changed:\n' "${0##*/}" >&2
  printf '  %s\n' "$@" >&2
  exit 2
}

rb_set_value() {
  printf -v "$1" '%s' "$2"
  export "${1?}"
  RB_VALUES[$1]=$2
  # The value as the text of an SQL string literal, for a here-document an SQL
  # client reads (SQLClientHereDocument): quotes doubled; for MySQL, whose
  # literals take backslash escapes, backslashes and quotes escaped.
  local sql=${2//\'/\'\'} mysql=${2//\\/\\\\}
  mysql=${mysql//\'/\\\'}
  printf -v "RB_SQL_$1" '%s' "$sql"
  printf -v "RB_MYSQL_$1" '%s' "$mysql"
  export "RB_SQL_$1" "RB_MYSQL_$1"
  # A secret is never written down: --resume asks for it again.
  [[ $RB_JOURNAL_OPEN -eq 0 ]] || rb_is_secret "$1" || rb_journal_append "value $1 $(rb_b64 "$2")"
}

# rb_private_dir DIR: creates DIR for its owner alone (0700); one that exists is left as it is.
rb_private_dir() {
  [[ -d $1 ]] && return 0
  mkdir -p -- "$1" 2>/dev/null && chmod 700 -- "$1"
}

rb_is_secret() { [[ $RB_SECRETS == *" $1 "* ]]; }

# rb_ask_secret NAME: from the terminal, not echoed, when there is one.
rb_ask_secret() {
  local value
  { : </dev/tty; } 2>/dev/null || return 1
  read -r -s -p "${0##*/}: $1 (secret, not kept in the journal): " value </dev/tty || return 1
  printf '\n' >/dev/tty
  RB_SET[$1]=$value
}

# rb_nearest_parameter VAR NAME: the parameter at most 2 edits from NAME (case
# aside), for "did you mean": only on the way to an error, so no hurry.
rb_nearest_parameter() {
  local __name=${2^^} __best='' __best_distance=3 __candidate __c __i __j __cost __a __b
  local -a __row __previous
  for __candidate in "${RB_PARAM_NAMES[@]}"; do
    __c=${__candidate^^}
    __previous=()
    for ((__j = 0; __j <= ${#__c}; __j++)); do __previous[__j]=$__j; done
    for ((__i = 1; __i <= ${#__name}; __i++)); do
      __row=("$__i")
      for ((__j = 1; __j <= ${#__c}; __j++)); do
        __cost=1
        [[ ${__name:__i-1:1} != "${__c:__j-1:1}" ]] || __cost=0
        __a=$((__previous[__j] + 1)) __b=$((__row[__j - 1] + 1))
        ((__b < __a)) && __a=$__b
        __b=$((__previous[__j - 1] + __cost))
        ((__b < __a)) && __a=$__b
        __row[__j]=$__a
      done
      __previous=("${__row[@]}")
    done
    if ((__previous[${#__c}] < __best_distance && __previous[${#__c}] * 2 < ${#__name})); then
      __best=$__candidate __best_distance=${__previous[${#__c}]}
    fi
  done
  printf -v "$1" '%s' "$__best"
}

# The value among PATTERN's alternatives, `(debian|redhat|docker)`, that this
# host's operating system is: /etc/os-release's ID, then its ID_LIKE words, in
# the families the readers name; uname for macOS and FreeBSD. Fails when the
# host is none of them.
rb_host_platform() {
  local -n __platform=$1
  local allowed="|${2//[()]/}|" words word family os_release=${RB_OS_RELEASE:-/etc/os-release}
  case $(uname -s) in
    Darwin) words=macos ;;
    FreeBSD) words=freebsd ;;
    *)
      [[ -r $os_release ]] || return 1
      # shellcheck disable=SC1090
      words=$(. "$os_release" && printf '%s %s' "${ID:-}" "${ID_LIKE:-}")
      ;;
  esac
  for word in $words; do
    case ${word,,} in
      debian | ubuntu | linuxmint | raspbian | pop | elementary | kali | devuan) family=debian ;;
      rhel | centos | fedora | rocky | almalinux | ol | amzn | redhat) family=redhat ;;
      sles | suse | opensuse*) family=suse ;;
      arch | manjaro | endeavouros) family=arch ;;
      alpine | gentoo | nixos | void | chimera | macos | freebsd) family=${word,,} ;;
      *) continue ;;
    esac
    if [[ $allowed == *"|$family|"* ]]; then
      __platform=$family
      return 0
    fi
  done
  return 1
}

rb_check_parameters() {
  local i name value env known problems=() near
  for name in "${!RB_SET[@]}"; do
    known=0
    for i in "${!RB_PARAM_NAMES[@]}"; do [[ ${RB_PARAM_NAMES[i]} != "$name" ]] || known=1; done
    if [[ $known -eq 0 ]]; then
      rb_nearest_parameter near "$name"
      problems+=("unknown parameter '$name'${near:+ (did you mean $near?)}")
    fi
  done
  for i in "${!RB_PARAM_NAMES[@]}"; do
    name=${RB_PARAM_NAMES[i]}
    env="RUNBOOK_$name"
    if [[ -n ${RB_SET[$name]+x} ]]; then
      value=${RB_SET[$name]}
    elif [[ -n ${RB_VALUES[$name]+x} ]]; then
      value=${RB_VALUES[$name]}
    elif [[ -n ${!env+x} ]]; then
      value=${!env}
    elif [[ ${RB_PARAM_HAS_DEFAULT[i]} -eq 1 ]]; then
      value=${RB_PARAM_DEFAULTS[i]}
    elif [[ ${RB_PARAM_HOST[i]} == platform ]] && rb_host_platform value "${RB_PARAM_PATTERNS[i]}"; then
      RB_HOST_DECIDED+=("$name=$value: this host's (/etc/os-release); --set $name=VALUE chooses another")
    elif rb_is_secret "$name" && [[ $RB_RESUME -eq 1 || $RB_ROLLBACK_ONLY -eq 1 ]] && rb_ask_secret "$name"; then
      value=${RB_SET[$name]}
    elif [[ ${RB_PARAM_LAZY[i]} -eq 1 ]]; then
      # Only conditional steps use it: required when one of them runs.
      continue
    else
      problems+=("missing parameter $name: give --set $name=VALUE or RUNBOOK_$name")
      continue
    fi
    if [[ -n ${RB_PARAM_PATTERNS[i]} ]] && ! [[ $value =~ ^(${RB_PARAM_PATTERNS[i]})$ ]]; then
      problems+=("parameter $name does not match ${RB_PARAM_PATTERNS[i]}")
      continue
    fi
    rb_set_value "$name" "$value"
  done
  [[ ${#problems[@]} -eq 0 ]] || rb_preflight_failed "${problems[@]}"
}

rb_preflight() {
  rb_check_parameters
  local i program problems=() manual=0
  for i in "${RB_SELECTED[@]}"; do
    for program in ${RB_STEP_NEEDS[i - 1]}; do
      command -v "$program" >/dev/null 2>&1 || problems+=("'$program' is not on PATH (step ${RB_STEP_IDS[i - 1]})")
    done
    [[ ${RB_STEP_KINDS[i - 1]} != manual ]] || manual=1
    if [[ ${RB_STEP_TERMINAL[i - 1]} -eq 1 && $RB_ROLLBACK_ONLY -eq 0 ]] && ! { : </dev/tty; } 2>/dev/null; then
      problems+=("step ${RB_STEP_IDS[i - 1]} runs a command that works only at a terminal (an editor, a password prompt): run the script from one")
    fi
  done
  if [[ $manual -eq 1 && $RB_YES -eq 0 && $RB_ROLLBACK_ONLY -eq 0 ]] && ! { : </dev/tty; } 2>/dev/null; then
    problems+=("manual steps need a terminal or --yes")
  fi
  if [[ ${#problems[@]} -gt 0 ]]; then rb_preflight_failed "${problems[@]}"; fi
}

# One run at a time: an flock on the lock file, released by the kernel when
# its holder dies, so the lock of a killed run never blocks the next one.
rb_lock() {
  local program
  for program in flock base64 setsid mktemp; do
    command -v "$program" >/dev/null 2>&1 || rb_preflight_failed "'$program' is not on PATH (runbook needs it)"
  done
  # The journal's values are base64 on one line: GNU coreutils' -w 0.
  base64 -w 0 </dev/null >/dev/null 2>&1 || rb_preflight_failed "'base64' does not take -w 0: runbook needs GNU coreutils' base64"
  # The state folder and its files hold values and outputs: for their owner alone.
  rb_private_dir "$RB_STATE_DIR" || rb_preflight_failed "cannot create state directory $RB_STATE_DIR"
  [[ -e $RB_LOCK ]] || (umask 077 && : >>"$RB_LOCK") 2>/dev/null || rb_preflight_failed "cannot create lock file $RB_LOCK"
  exec 9>>"$RB_LOCK" || rb_preflight_failed "cannot open lock file $RB_LOCK"
  if ! flock -n 9; then
    local holder
    holder=$(cat "$RB_LOCK" 2>/dev/null || true)
    rb_die 2 "another run of $RB_NAME is in progress (pid ${holder:-unknown}, lock $RB_LOCK); nothing was changed"
  fi
  printf '%s\n' "$$" >"$RB_LOCK"
  # A run killed with SIGKILL leaves its last command's output (which may
  # hold a secret); the lock says no other run of this script is going on.
  rm -f -- "$RB_STATE_DIR/.$RB_NAME."*.out
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
