# ---- runbook runtime: the operator's terminal -------------------------------
# A page is typed into one terminal: a `cd`, an `export`, a sourced virtualenv
# stay for the lines after it. Each command runs in its own process, so the
# script carries that state itself, per session (0: the script's own shell;
# n: the n-th `su -`/`sudo -iu` login the page opens, fixed at build time).
# RB_SESSION keys: "S dir", "S dirs" (the pushd stack below the top, one per
# line), "S home", and "S/NAME" = "+VALUE" (set) or "-" (unset).
# Only commands that may change it (flag t) carry the trailer that reports it;
# the journal keeps it (`session S ...` lines) so --resume goes on from there.
# Variables whose names say PASS, TOKEN, SECRET or KEY are carried in memory
# and never journaled: a --resume goes on without them, and says so.

declare -A RB_SESSION=()
declare -A RB_STEP_SESSION_START=() RB_STEP_SESSION_END=()
RB_SESSION_MARK="runbook-session-$SRANDOM$SRANDOM-$$"
RB_SESSION_LOST=''

# The session trailer runs first in a command that may change the terminal
# (flag t), in that command's own bash: __rb_session_begin notes the folder,
# the pushd stack and the variables, and at a successful exit __rb_save prints
# after a marker what changed, base64-encoded, for rb_session_take. The two
# functions reach that bash as text (RB_SESSION_FUNCTIONS, exported with the
# marker by rb_command), and RB_SESSION_TRAILER, in front of the command's text
# and on its first line (its line numbers stay the page's), defines and starts
# them. (Without nounset while they look: a variable declared and not set has
# no value.)
__rb_session_begin() {
  __rb_u=${-//[^u]/}
  set +u
  declare -gA __rb_b=()
  for __rb_n in $(compgen -v); do
    [[ $__rb_n == __rb_* || ${!__rb_n@a} == *[aA]* ]] || __rb_b[$__rb_n]=${!__rb_n-}
  done
  __rb_pwd=$PWD
  __rb_dirs="${DIRSTACK[*]:1}"
  [[ -z $__rb_u ]] || set -u
  trap '__rb_save $?' EXIT
}

__rb_save() {
  [[ $1 -eq 0 ]] || return 0
  set +u
  printf '\n%s\n' "$RB_SESSION_MARK"
  [[ $PWD == "$__rb_pwd" ]] || printf 'dir %s\n' "$(printf %s "$PWD" | base64 -w 0)"
  [[ "${DIRSTACK[*]:1}" == "$__rb_dirs" ]] || printf 'dirs %s\n' "$(printf '%s\n' "${DIRSTACK[@]:1}" | base64 -w 0)"
  for __rb_n in $(compgen -v); do
    case $__rb_n in
      __rb_* | BASH* | COLUMNS | COMP_* | DIRSTACK | EPOCH* | EUID | FUNCNAME | GROUPS | HISTCMD | HOSTNAME | HOSTTYPE | IFS | LINENO | LINES | \
        MACHTYPE | OLDPWD | OPTARG | OPTERR | OPTIND | OSTYPE | PIPESTATUS | PPID | PS4 | PWD | RANDOM | SECONDS | SHELLOPTS | SHLVL | \
        SRANDOM | UID | _ | RB_SESSION_MARK | RB_SESSION_FUNCTIONS) continue ;;
    esac
    [[ ${!__rb_n@a} != *[aA]* ]] || continue
    [[ -n ${__rb_b[$__rb_n]+x} && ${__rb_b[$__rb_n]} == "${!__rb_n-}" ]] || printf 'set %s %s\n' "$__rb_n" "$(printf %s "${!__rb_n-}" | base64 -w 0)"
  done
  for __rb_n in "${!__rb_b[@]}"; do
    [[ -v $__rb_n ]] || printf 'unset %s\n' "$__rb_n"
  done
  printf 'end\n'
}

RB_SESSION_FUNCTIONS=$(declare -f __rb_session_begin __rb_save)
# shellcheck disable=SC2016 # expanded in the command's own bash
RB_SESSION_TRAILER='eval "$RB_SESSION_FUNCTIONS"; __rb_session_begin; '

# rb_names_secret NAME: the name says it holds a secret (as Parameter.namesASecret).
rb_names_secret() {
  local part IFS=_
  rb_is_secret "$1" && return 0
  # shellcheck disable=SC2086 # split on _ on purpose; names hold no glob characters
  for part in ${1^^}; do
    case $part in PASS* | *PASS | *PASSWORD | SECRET | TOKEN | KEY | APIKEY | CREDENTIAL | CREDENTIALS) return 0 ;; esac
  done
  return 1
}

# rb_holds_secret VALUE: VALUE holds a secret's value (a DSN built from a
# password): it is kept out of the journal like the secret itself.
rb_holds_secret() {
  local name key
  for name in $RB_SECRETS; do
    [[ -z ${RB_VALUES[$name]-} || $1 != *"${RB_VALUES[$name]}"* ]] || return 0
  done
  for key in "${!RB_SESSION[@]}"; do
    [[ $key == */* && ${RB_SESSION[$key]} == +?* ]] || continue
    rb_names_secret "${key#*/}" || continue
    [[ $1 != *"${RB_SESSION[$key]#+}"* ]] || return 0
  done
  return 1
}

# rb_session_record S KIND NAME VALUE: one change, in memory and in the journal.
rb_session_record() {
  local session=$1 kind=$2 name=$3 value=$4
  case $kind in
    dir | dirs | home) RB_SESSION["$session $kind"]=$value ;;
    set) RB_SESSION["$session/$name"]="+$value" ;;
    unset) RB_SESSION["$session/$name"]='-' ;;
  esac
  if [[ $kind == set ]] && { rb_names_secret "$name" || rb_holds_secret "$value"; }; then
    rb_log "session $session: $name set (secret, not kept in the journal)"
    rb_journal_append "session $session secret $name"
    return 0
  fi
  case $kind in
    dir | dirs | home) rb_journal_append "session $session $kind $(rb_b64 "$value")" ;;
    set) rb_journal_append "session $session set $name $(rb_b64 "$value")" ;;
    unset) rb_journal_append "session $session unset $name" ;;
  esac
}

rb_session_reset() {
  local key
  for key in "${!RB_SESSION[@]}"; do
    [[ $key != "$1 "* && $key != "$1/"* ]] || unset 'RB_SESSION[$key]'
  done
}

# rb_session_enter LOCATION TEXT USER LOGIN S [PARENT]: `su - app` and the like.
# The lines up to its `exit` run as USER in session S, which starts afresh
# here: in USER's home for a login shell, else in the folder of session PARENT.
rb_session_enter() {
  local location=$1 text=$2 user=$3 login=$4 session=$5 parent=${6-} home='' entry
  if [[ $RB_DRY_RUN -eq 1 ]]; then
    [[ $login -eq 1 ]] && login=' in a login shell' || login=''
    printf '    $ %s\n      (the lines after it, up to its exit, run as %s%s)\n' "$text" "$user" "$login"
    return 0
  fi
  rb_session_reset "$session"
  rb_journal_append "session $session reset"
  if [[ $login -eq 1 ]]; then
    entry=$(getent passwd "$user") || rb_fail 1 "command at $location cannot run: no user $user on this host"
    IFS=: read -r _ _ _ _ _ home _ <<<"$entry"
    rb_session_record "$session" home '' "$home"
    rb_session_record "$session" dir '' "$home"
  elif [[ -n $parent && -n ${RB_SESSION["$parent dir"]+x} ]]; then
    # `sudo -u app bash`, `sudo -s`: the new shell starts where the one it was typed in is.
    rb_session_record "$session" dir '' "${RB_SESSION["$parent dir"]}"
  fi
  rb_log "--- $location: $text: the lines up to its exit run as $user"
}

# rb_session_note LOCATION TEXT WHY: a line that switches the terminal and runs nothing.
rb_session_note() {
  if [[ $RB_DRY_RUN -eq 1 ]]; then
    printf '    $ %s\n      (%s)\n' "$2" "$3"
  else
    rb_log "--- $1: $2: $3"
  fi
}

# rb_session_take S VAR: strips the trailer from VAR (a command's output) and
# records what it reports. Names are checked; values are data, never evaluated.
rb_session_take() {
  local session=$1 text=${!2} state kind name value separator=$'\n'"$RB_SESSION_MARK"$'\n'
  [[ $text == *"$separator"* ]] || return 0
  state=${text##*"$separator"}
  text=${text%"$separator"*}
  while [[ $text == *$'\n' ]]; do text=${text%$'\n'}; done
  printf -v "$2" '%s' "$text"
  while read -r kind name value; do
    case $kind in
      dir | dirs) rb_session_record "$session" "$kind" '' "$(base64 -d <<<"$name")" ;;
      set)
        [[ $name =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || continue
        rb_session_record "$session" set "$name" "$(base64 -d <<<"$value")" ;;
      unset) [[ ! $name =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || rb_session_record "$session" unset "$name" '' ;;
      *) break ;;
    esac
  done <<<"$state"
}

# rb_session_replay S REST: a journal's `session S ...` line (rb_journal_load).
rb_session_replay() {
  local session=$1 kind name value
  read -r kind name value <<<"$2"
  [[ $session =~ ^[0-9]+$ ]] || return 0
  case $kind in
    reset) rb_session_reset "$session" ;;
    dir | dirs | home) RB_SESSION["$session $kind"]=$(base64 -d <<<"$name") ;;
    set) [[ ! $name =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || RB_SESSION["$session/$name"]="+$(base64 -d <<<"$value")" ;;
    unset) [[ ! $name =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || RB_SESSION["$session/$name"]='-' ;;
    secret) [[ ! $name =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || { unset 'RB_SESSION[$session/$name]'; RB_SESSION_LOST+=" $session/$name"; } ;;
    *) ;;
  esac
}

# rb_session_snapshot VAR: the whole state as text rb_session_restore reads back.
rb_session_snapshot() {
  local key text=''
  for key in "${!RB_SESSION[@]}"; do printf -v text '%s[%q]=%q ' "$text" "$key" "${RB_SESSION[$key]}"; done
  printf -v "$1" '%s' "$text"
}

rb_session_restore() {
  RB_SESSION=()
  [[ -z $1 ]] || eval "RB_SESSION=($1)"
}

# At a step's start and end: what its undo and a --resume go back to.
rb_session_mark() {
  local snapshot
  [[ ${#RB_SESSION[@]} -gt 0 || ${#RB_STEP_SESSION_START[@]} -gt 0 ]] || return 0
  rb_session_snapshot snapshot
  if [[ $1 == start ]]; then RB_STEP_SESSION_START[$2]=$snapshot; else RB_STEP_SESSION_END[$2]=$snapshot; fi
}

# Each undo runs in the state its step ended in (its own `cd` included).
rb_session_for_undo() {
  [[ -z ${RB_STEP_SESSION_END[$1]+x} ]] || rb_session_restore "${RB_STEP_SESSION_END[$1]}"
}

# --resume runs the unfinished step again from its first command, in the state
# it started in. A secret the page exported was not journaled: it comes from
# RUNBOOK_NAME or the terminal, or the run goes on without it and says so.
rb_session_for_resume() {
  local lost name env
  [[ $RB_CURRENT -eq 0 || -z ${RB_STEP_SESSION_START[$RB_CURRENT]+x} ]] || rb_session_restore "${RB_STEP_SESSION_START[$RB_CURRENT]}"
  for lost in $RB_SESSION_LOST; do
    name=${lost#*/}
    env="RUNBOOK_$name"
    if [[ -n ${!env+x} ]]; then
      RB_SESSION[$lost]="+${!env}"
    elif rb_ask_secret "$name"; then
      RB_SESSION[$lost]="+${RB_SET[$name]}"
      unset 'RB_SET[$name]'
    else
      printf '%s: warning: %s, set by the page before the stop, is a secret and was not kept: give RUNBOOK_%s to carry it on\n' "${0##*/}" "$name" "$name" >&2
    fi
  done
}

# rb_session_directory VAR S CWD: the folder a command starts in: the step's
# cwd= when it has one, else the session's.
rb_session_directory() {
  local directory=$3
  [[ -n $directory || -z ${RB_SESSION["$2 dir"]+x} ]] || directory=${RB_SESSION["$2 dir"]}
  printf -v "$1" '%s' "$directory"
}
