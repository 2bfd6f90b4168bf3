# ---- runbook runtime: running commands -------------------------------------

# rb_elapsed VAR START_US: VAR = seconds since START_US, as "1.2s".
rb_elapsed() {
  local us=$(( ${EPOCHREALTIME/[.,]/} - $2 ))
  printf -v "$1" '%d.%01ds' "$((us / 1000000))" "$(( (us / 100000) % 10 ))"
}

rb_open_log() {
  local dir=${RUNBOOK_LOG_DIR:-$RB_STATE_DIR}
  rb_private_dir "$dir" || rb_preflight_failed "cannot create log directory $dir"
  RB_LOG="$dir/$RB_NAME-$(date +%Y%m%d-%H%M%S)-$$.log"
  (umask 077 && : >"$RB_LOG") 2>/dev/null || rb_preflight_failed "cannot write $RB_LOG"
  printf '%s: log: %s\n' "${0##*/}" "$RB_LOG"
}

# rb_read_text VAR: the here-document a command function is given (its text), last newline dropped.
rb_read_text() {
  IFS= read -r -d '' "$1" || true
  printf -v "$1" '%s' "${!1%$'\n'}"
}

rb_log() { [[ -z $RB_LOG ]] || printf '%s\n' "$@" >>"$RB_LOG"; }

rb_notice() {
  local kind=$1 text label
  rb_read_text text
  rb_paint label '1;33' "${kind^^}:"
  printf '    %s %s\n' "$label" "${text//$'\n'/$'\n'    }"
  rb_log "$kind: $text"
}

rb_manual() {
  rb_prose 'manual step'
  rb_confirm 'Done?'
}

# rb_confirm QUESTION: the operator says yes, or --yes did, or the step fails.
rb_confirm() {
  local answer
  if [[ $RB_DRY_RUN -eq 1 ]]; then
    printf '    (asks for confirmation: %s)\n' "$1"
  elif [[ $RB_YES -eq 1 ]]; then
    printf '    (confirmed by --yes)\n'
    rb_log "confirmed by --yes"
  else
    read -r -p "    $1 [y/N] " answer </dev/tty || answer=''
    [[ $answer == [yY]* ]] || rb_fail 1 "not confirmed by the operator"
    rb_log "confirmed by the operator"
  fi
}

# rb_prose LOG-LABEL <<'TEXT': shows what the doc says at a step that asks for
# confirmation, indented; logs it under LOG-LABEL unless that is empty.
rb_prose() {
  local text
  rb_read_text text
  printf '    %s\n' "${text//$'\n'/$'\n'    }"
  [[ -z $1 ]] || rb_log "$1: $text"
}

# rb_need_values NAME...: a step's parameters that preflight could not require
# (only conditional steps use them) must be set by the time the step runs.
rb_need_values() {
  local name
  [[ $RB_DRY_RUN -eq 0 ]] || return 0
  for name in "$@"; do
    [[ -n ${RB_VALUES[$name]+x} ]] || rb_fail 2 "missing parameter $name, which this step needs: give --set $name=VALUE or RUNBOOK_$name"
  done
}

# rb_show LABEL TEXT NAMES: a command byte for byte as its interpreter gets it,
# then the value of each parameter it refers to, quoted as bash would read it.
rb_show() {
  local label text=$2 name quoted
  rb_paint label 2 "$1"
  printf '    %s %s\n' "$label" "${text//$'\n'/$'\n'      }"
  for name in $3; do
    if [[ -n ${RB_VALUES[$name]+x} ]] && rb_is_secret "$name"; then
      printf '      (with %s: secret, not shown)\n' "$name"
    elif [[ -n ${RB_VALUES[$name]+x} ]]; then
      printf -v quoted '%q' "${RB_VALUES[$name]}"
      printf '      (with %s=%s)\n' "$name" "$quoted"
    else
      printf '      (with %s: not set yet)\n' "$name"
    fi
  done
}

# rb_psql_quoted VAR VALUE: VALUE as one single-quoted argument of a psql
# meta-command, which reads \\, \n and \r as escapes and '' as a quote.
rb_psql_quoted() {
  local v=${2//\\/\\\\}
  v=${v//\'/\'\'}
  v=${v//$'\n'/\\n}
  v=${v//$'\r'/\\r}
  printf -v "$1" "'%s'" "$v"
}

# rb_exec TEXT CWD BARE: runs one command's text (declared in RB_CMD, see
# rb_declare) with its interpreter, in CWD (resolved), which replaces this
# (background) subshell: no standard input but the SQL a client reads, no lock
# descriptor. BARE: its output is a captured value (psql -tA).
# The session's variables are exported last, just before the exec: a page's
# `export text=...` must not change what runs. (Locals are named __rb_* for that.)
# The rb_exec_* helpers fill rb_exec's locals (bash's dynamic scope): the
# words in front of the interpreter, the prelude, the interpreter's own
# command line and its standard input.
rb_exec() {
  local __rb_interpreter=${RB_CMD[interpreter]} __rb_text=$1 __rb_user=${RB_CMD[user]} __rb_bare=$3
  local __rb_session=${RB_CMD[session]} __rb_flags=${RB_CMD[flags]}
  local __rb_argv=() __rb_input='' __rb_client=() __rb_prelude='' __rb_dir
  [[ -z ${RB_CMD[client]} ]] || mapfile -t __rb_client <<<"${RB_CMD[client]}"
  rb_exec_wrappers || return 1
  rb_session_directory __rb_dir "$__rb_session" "$2"
  if [[ -n $__rb_dir ]]; then cd -- "$__rb_dir" || return 1; fi
  rb_exec_environment
  rb_exec_prelude
  rb_exec_interpreter || return 1
  rb_exec_export_session
  if [[ $__rb_flags == *T* ]]; then
    exec "${__rb_argv[@]}" </dev/tty >/dev/tty 2>/dev/tty 9>&-
  elif [[ -n $__rb_input ]]; then
    exec "${__rb_argv[@]}" <<<"$__rb_input" 9>&-
  else
    exec "${__rb_argv[@]}" </dev/null 9>&-
  fi
}

# Its own session and process group: a Ctrl-C at the terminal reaches the
# script alone, which stops the whole group and rolls back (rb_stop_child).
# A command that works only at a terminal (flag T) gets the operator's.
# Then the user it runs as.
rb_exec_wrappers() {
  if [[ $__rb_flags == *T* ]]; then
    if ! { : </dev/tty; } 2>/dev/null; then
      printf 'this command works only at a terminal, and the run has none\n' >&2
      return 1
    fi
    __rb_argv=()
  else
    __rb_argv=(setsid)
  fi
  if [[ -n $__rb_user && $__rb_user != "$(id -un)" ]]; then
    if command -v sudo >/dev/null 2>&1; then
      __rb_argv+=(sudo -n -E -u "$__rb_user" --)
    elif [[ $EUID -eq 0 ]]; then
      __rb_argv+=(runuser -u "$__rb_user" --)
    else
      printf 'cannot run as %s: sudo is not installed\n' "$__rb_user" >&2
      return 1
    fi
  fi
}

# After the doc's `poetry shell`: the project's environment, activated as
# `poetry shell` would (its bin first on PATH), from the path the check
# recorded; `poetry run` when that is unknown (a run started after it).
# (`pipenv shell` the same, from PIPENV_ENV.)
rb_exec_environment() {
  local __rb_environment=${RB_CMD[environment]} __rb_venv
  [[ -n $__rb_environment ]] || return 0
  if [[ $__rb_environment == poetry ]]; then __rb_venv=${POETRY_ENV-}; else __rb_venv=${PIPENV_ENV-}; fi
  if [[ -n $__rb_venv && -x $__rb_venv/bin/python ]]; then
    __rb_argv+=(env -u PYTHONHOME "VIRTUAL_ENV=$__rb_venv" "PATH=$__rb_venv/bin:$PATH")
  else
    __rb_argv+=("$__rb_environment" run)
  fi
}

# A login shell's profile sets PATH and the like: the page's own variables
# are set again after it, from copies under other names. Then the pushd
# stack, and the trailer that reports the session's changes (flag t).
rb_exec_prelude() {
  local __rb_k __rb_name
  if [[ $__rb_flags == *l* ]]; then
    for __rb_k in "${!RB_SESSION[@]}"; do
      [[ $__rb_k == "$__rb_session/"* ]] || continue
      __rb_name=${__rb_k#*/}
      if [[ ${RB_SESSION[$__rb_k]} == +* ]]; then
        __rb_prelude+="export $__rb_name=\"\${__RB_S_$__rb_name}\"; unset __RB_S_$__rb_name; "
      else
        __rb_prelude+="unset $__rb_name; "
      fi
    done
  fi
  if [[ -n ${RB_SESSION["$__rb_session dirs"]-} ]]; then
    # The pushd stack, bottom first, under the folder on top.
    while IFS= read -r __rb_k; do
      [[ -z $__rb_k ]] || printf -v __rb_prelude '%spushd -n %q >/dev/null; ' "$__rb_prelude" "$__rb_k"
    done < <(tac <<<"${RB_SESSION["$__rb_session dirs"]}")
  fi
  [[ $__rb_flags != *t* ]] || __rb_prelude+=$RB_SESSION_TRAILER
}

rb_exec_interpreter() {
  case $__rb_interpreter in
    bash)
      if [[ $__rb_flags == *l* ]]; then
        __rb_argv+=(bash --login -c "set -euo pipefail; $__rb_prelude$__rb_text")
      else
        # No startup file: bash started over SSH reads the system bashrc (whose
        # `$PS1` fails under -u) unless told not to.
        __rb_argv+=(bash --noprofile --norc -euo pipefail -c "$__rb_prelude$__rb_text")
      fi ;;
    sh) __rb_argv+=(sh -eu -c "$__rb_text") ;;
    psql) rb_exec_psql ;;
    mysql) rb_exec_mysql ;;
    python)
      # Typed into `python manage.py shell` when the page opened one: it reads its standard input.
      if [[ ${#__rb_client[@]} -gt 0 ]]; then
        __rb_argv+=("${__rb_client[@]}")
        __rb_input=$__rb_text
      else
        __rb_argv+=(python3 -c "$__rb_text")
      fi ;;
    *) printf 'unknown interpreter %s\n' "$__rb_interpreter" >&2; return 1 ;;
  esac
}

# The parameters and captures the SQL names (:NAME, :'NAME', :"NAME") become
# psql variables, set on its input (`\set`): a command line is readable by
# every user of the host (`ps`), and a value there may be a secret. At a
# terminal the input is the operator's: then with -v.
rb_exec_psql() {
  local __rb_vars=() __rb_name __rb_value
  for __rb_name in "${!RB_VALUES[@]}"; do
    [[ $__rb_text == *":$__rb_name"* || $__rb_text == *":'$__rb_name'"* || $__rb_text == *":\"$__rb_name\""* ||
      $__rb_text == *"{?$__rb_name}"* ]] || continue
    if [[ $__rb_flags == *T* ]]; then
      __rb_vars+=(-v "$__rb_name=${RB_VALUES[$__rb_name]}")
    else
      rb_psql_quoted __rb_value "${RB_VALUES[$__rb_name]}"
      __rb_input+="\\set $__rb_name $__rb_value"$'\n'
    fi
  done
  # A captured value is the bare result: no header, no alignment.
  [[ $__rb_bare -eq 0 ]] || __rb_vars+=(-t -A)
  # The options of the line that opened the client (`psql -d app`).
  __rb_argv+=(psql -X -q -v ON_ERROR_STOP=1 "${__rb_vars[@]}" "${__rb_client[@]}" -f -)
  __rb_input+=$__rb_text
}

# mysql has no variables: each value goes into the string literal that holds
# its marker (MySQLPlaceholders), with \ ' and " escaped. The client's
# options (host, user, password) come from ~/.my.cnf, as for the operator.
rb_exec_mysql() {
  local __rb_name __rb_value
  for __rb_name in "${!RB_VALUES[@]}"; do
    [[ $__rb_text == *"@@RUNBOOK_VALUE:$__rb_name@@"* ]] || continue
    __rb_value=${RB_VALUES[$__rb_name]//\\/\\\\}
    __rb_value=${__rb_value//\'/\\\'}
    __rb_value=${__rb_value//\"/\\\"}
    __rb_text=${__rb_text//"@@RUNBOOK_VALUE:$__rb_name@@"/"$__rb_value"}
  done
  __rb_argv+=(mysql --batch "${__rb_client[@]}")
  __rb_input=$__rb_text
}

# The session's variables, last (see rb_exec); a login shell's copies too.
rb_exec_export_session() {
  local __rb_k __rb_name
  export RB_SESSION_MARK RB_SESSION_FUNCTIONS
  if [[ $__rb_flags == *l* && -n ${RB_SESSION["$__rb_session home"]+x} ]]; then
    export HOME="${RB_SESSION["$__rb_session home"]}" USER="$__rb_user" LOGNAME="$__rb_user"
  fi
  for __rb_k in "${!RB_SESSION[@]}"; do
    [[ $__rb_k == "$__rb_session/"* ]] || continue
    __rb_name=${__rb_k#*/}
    if [[ ${RB_SESSION[$__rb_k]} == +* ]]; then
      export "$__rb_name=${RB_SESSION[$__rb_k]#+}"
      [[ $__rb_flags != *l* ]] || export "__RB_S_$__rb_name=${RB_SESSION[$__rb_k]#+}"
    else
      unset "$__rb_name"
    fi
  done
}

RB_CHILD=''
# The interpreter of the running command (psql is stopped otherwise), for rb_stop_child.
RB_CHILD_INTERPRETER=''
RB_RUN_PROBLEM=''

# rb_wait_child VAR: VAR = the exit status of RB_CHILD. A trapped signal
# interrupts `wait` (status > 128) while the child runs on; where the trap
# returns (during a rollback) the wait goes on until the child has ended.
rb_wait_child() {
  local code
  while :; do
    code=0
    wait "$RB_CHILD" || code=$?
    # After an interrupted wait the child is alive, or a zombie the next wait reaps.
    if [[ $code -gt 128 ]] && kill -0 "$RB_CHILD" 2>/dev/null; then continue; fi
    break
  done
  printf -v "$1" '%d' "$code"
}

# rb_block_when CONDITION LOCATION: true in a dry run, which shows every
# alternative with its condition; false otherwise, so the condition decides.
rb_block_when() {
  [[ $RB_DRY_RUN -eq 1 ]] || return 1
  printf '    (only when %s)\n' "$1"
}

rb_block_skipped() {
  local label
  rb_paint label 2 skipped
  printf '      ... %s the block at %s (not when %s)\n' "$label" "$2" "$1"
  rb_log "--- skipped the block at $2: not when $1"
}

# rb_run_folder VAR CWD SESSION: the folder a command runs in, CWD
# (cwd="$NAME" names a parameter: its value, never evaluated), which must
# exist; with none, the folder the page's session changed to must exist.
# Fails with RB_RUN_PROBLEM saying which.
rb_run_folder() {
  local __cwd=$2 __name=''
  if [[ $__cwd == '$'* ]]; then __name=${__cwd#\$}; __name=${__name#\{}; __name=${__name%\}}; __cwd=${RB_VALUES[$__name]-}; fi
  if [[ -n $__cwd && ! -d $__cwd ]]; then
    RB_RUN_PROBLEM="the working directory '$__cwd'${__name:+ (parameter $__name)} does not exist"
    rb_log "$RB_RUN_PROBLEM"
    return 1
  fi
  if [[ -z $__cwd && -n ${RB_SESSION["$3 dir"]+x} && ! -d ${RB_SESSION["$3 dir"]} ]]; then
    RB_RUN_PROBLEM="the folder '${RB_SESSION["$3 dir"]}', where an earlier line of the page changed to, does not exist"
    rb_log "$RB_RUN_PROBLEM"
    return 1
  fi
  printf -v "$1" '%s' "$__cwd"
}

# rb_run_text TEXT: runs the command declared in RB_CMD (rb_declare) and logs
# it; returns the status, or 65 when the output lacks the expected text, or 66
# with RB_RUN_PROBLEM saying why when the command could not be started.
# The command runs in the background and the script waits for it, because a
# trapped signal interrupts `wait` at once but not a `$(...)`.
rb_run_text() {
  local interpreter=${RB_CMD[interpreter]} location=${RB_CMD[at]} capture=${RB_CMD[capture]} cwd=${RB_CMD[cwd]}
  local expect=${RB_CMD[expect]} text=$1 session=${RB_CMD[session]} flags=${RB_CMD[flags]} status=0 output elapsed
  local out="$RB_STATE_DIR/.$RB_NAME.$$.out" started=${EPOCHREALTIME/[.,]/} bare=0 started_at logged=0
  # Where the log stands, for rb_mask_log_since: only when there is a secret to mask.
  [[ -z ${RB_SECRETS// /} ]] || logged=$(stat -c %s "$RB_LOG" 2>/dev/null || echo 0)
  [[ -z $capture ]] || bare=1
  RB_RUN_PROBLEM=''
  rb_log "--- $location [$interpreter]" "$text"
  rb_run_folder cwd "$cwd" "$session" || return 66
  if [[ -n $expect ]]; then
    # The expected message may come on either stream (psql's NOTICEs go to stderr).
    rb_exec "$text" "$cwd" "$bare" >"$out" 2>&1 &
  else
    rb_exec "$text" "$cwd" "$bare" >"$out" 2>>"$RB_LOG" &
  fi
  RB_CHILD=$!
  RB_CHILD_INTERPRETER=$interpreter
  # A run killed with SIGKILL leaves its command running in its own session:
  # the journal names it, so that --rollback and --resume stop it first.
  rb_start_time started_at "$RB_CHILD"
  rb_journal_append "child $RB_CHILD $started_at"
  rb_wait_child status
  RB_CHILD=''
  output=$(<"$out")
  rm -f "$out"
  RB_LAST_OUTPUT=$output
  [[ $flags != *t* ]] || rb_session_take "$session" output
  if [[ -n $capture && $status -eq 0 ]]; then
    rb_set_value "$capture" "$output"
    if rb_is_secret "$capture"; then rb_log "captured $capture (secret, not shown)"; else rb_log "captured $capture=$output"; fi
  elif [[ -n $output ]]; then
    printf '%s\n' "$output" >>"$RB_LOG"
  fi
  if [[ -n $expect && $status -eq 0 && $output != *"$expect"* ]]; then
    rb_log "expected output not seen: $expect"
    status=65
  fi
  rb_mask_log_since "$logged"
  rb_elapsed elapsed "$started"
  rb_log "--- exit $status after $elapsed"
  return "$status"
}

# rb_mask_log_since OFFSET: a secret's value in what the log got since OFFSET
# (a client's error message that quotes it, maybe cut short) becomes ***:
# the whole value, then what starts with its first 6 characters.
rb_mask_log_since() {
  local name value text masked
  [[ -n ${RB_SECRETS// /} && -f $RB_LOG ]] || return 0
  text=$(tail -c +"$(($1 + 1))" "$RB_LOG"; printf x)
  text=${text%x}
  masked=$text
  for name in $RB_SECRETS; do
    value=${RB_VALUES[$name]-}
    [[ ${#value} -ge 6 ]] || continue
    masked=${masked//"$value"/***}
    masked=${masked//"${value:0:6}"/***}
  done
  [[ $masked != "$text" ]] || return 0
  truncate -s "$1" "$RB_LOG" && printf '%s' "$masked" >>"$RB_LOG"
}

# The fields a command (or a file, rb_file) is declared with, by name
# (RuntimeField.swift, which a test holds to this list):
# rb_command interpreter=bash at=doc.md:12 … <<'TEXT'.
RB_FIELDS=(interpreter at capture cwd user expect environment names session flags client where mode path step file)
declare -A RB_CMD=()

# rb_declare FIELD=VALUE...: the command's declaration, in RB_CMD: every field
# set, empty when not given (session 0). The one place the fields are read.
rb_declare() {
  local field word
  RB_CMD=()
  for field in "${RB_FIELDS[@]}"; do RB_CMD[$field]=''; done
  RB_CMD[session]=0
  for word in "$@"; do
    field=${word%%=*}
    [[ $word == *=* && -n ${RB_CMD[$field]+x} ]] || rb_die 1 "this script is damaged: unknown command field '$field' (regenerate it)"
    RB_CMD[$field]=${word#*=}
  done
}

# rb_checking_only: a check (verify=, preflight=, done-when=) or an undo runs
# the command's text but keeps no output, expects nothing, and carries no
# change of the terminal on.
rb_checking_only() {
  RB_CMD[capture]='' RB_CMD[expect]='' RB_CMD[flags]=${RB_CMD[flags]//t/}
}

# rb_command FIELD=VALUE... <<'TEXT': one command of a step.
rb_command() {
  local text status=0 at expect
  rb_declare "$@"
  at=${RB_CMD[at]} expect=${RB_CMD[expect]}
  rb_read_text text
  if [[ $RB_DRY_RUN -eq 1 ]]; then
    rb_show "[${RB_CMD[interpreter]}]" "$text" "${RB_CMD[names]}"
    [[ -z ${RB_CMD[where]} ]] || printf '      (%s)\n' "${RB_CMD[where]}"
    [[ -z ${RB_CMD[capture]} ]] || printf '      (output kept as %s)\n' "${RB_CMD[capture]}"
    [[ -z $expect ]] || printf '      (must print: %s)\n' "$expect"
    return 0
  fi
  rb_run_text "$text" || status=$?
  # A command may itself exit 66: the problem text, not the status, says it never ran.
  [[ -z $RB_RUN_PROBLEM ]] || rb_fail "$status" "command at $at cannot run: $RB_RUN_PROBLEM"
  if [[ $status -eq 65 && -n $expect ]]; then
    rb_fail "$status" "command at $at did not print the expected '$expect'"
  fi
  [[ $status -eq 0 ]] || rb_fail "$status" "command at $at exited with status $status"
}

# rb_verify FIELD=VALUE... <<'TEXT': the step's postcondition (verify=), run
# once its commands ran and retried for RB_VERIFY_FOR seconds (a service's boot
# time); when it still fails, the step failed.
rb_verify() {
  local text status=0 deadline
  rb_declare "$@"
  rb_checking_only
  rb_read_text text
  if [[ $RB_DRY_RUN -eq 1 ]]; then
    rb_show "then checks [${RB_CMD[interpreter]}]" "$text" "${RB_CMD[names]}"
    [[ ${RB_VERIFY_FOR:-0} -eq 0 ]] || printf '      (for up to %s s)\n' "$RB_VERIFY_FOR"
    return 0
  fi
  deadline=$((SECONDS + ${RB_VERIFY_FOR:-0}))
  while :; do
    status=0
    rb_run_text "$text" || status=$?
    [[ $status -ne 0 && -z $RB_RUN_PROBLEM && $SECONDS -lt $deadline ]] || break
    sleep 1
  done
  [[ -z $RB_RUN_PROBLEM ]] || rb_fail "$status" "the check at ${RB_CMD[at]} cannot run: $RB_RUN_PROBLEM"
  local retried=''
  [[ ${RB_VERIFY_FOR:-0} -eq 0 ]] || retried=" (retried for $RB_VERIFY_FOR s)"
  [[ $status -eq 0 ]] || rb_fail "$status" "the check at ${RB_CMD[at]} failed$retried: the step did not reach its target"
}

# rb_require FIELD=VALUE... <<'TEXT': a check of the
# preflight (preflight=), run before anything changes; a failure is kept in
# RB_PREFLIGHT_PROBLEMS with the check's last line of output, and the run stops
# once every check has run.
RB_PREFLIGHT_PROBLEMS=()
# The standard output of the last command rb_run_text ran (its errors are in the log).
RB_LAST_OUTPUT=''
rb_require() {
  local text status=0 last=''
  rb_declare "$@"
  rb_checking_only
  rb_read_text text
  if [[ $RB_DRY_RUN -eq 1 ]]; then
    rb_show "before anything changes, checks [${RB_CMD[interpreter]}]" "$text" "${RB_CMD[names]}"
    return 0
  fi
  rb_run_text "$text" || status=$?
  [[ $status -ne 0 || -n $RB_RUN_PROBLEM ]] || return 0
  # Its last line of output says why, when it printed one; the log has the rest.
  last=${RB_RUN_PROBLEM:-${RB_LAST_OUTPUT##*$'\n'}}
  RB_PREFLIGHT_PROBLEMS+=("the check at ${RB_CMD[at]} failed (exit $status)${last:+: $last}; log: $RB_LOG")
}

# The preflight checks of the steps still to run (preflight=), all of them,
# before anything changes; any failing refuses the run with exit 2.
rb_preflight_checks() {
  local i
  for i in "${RB_SELECTED[@]}"; do
    rb_is_done "$i" || rb_dispatch preflight "$i"
  done
  [[ ${#RB_PREFLIGHT_PROBLEMS[@]} -eq 0 ]] || rb_preflight_failed "${RB_PREFLIGHT_PROBLEMS[@]}"
}

# rb_check FIELD=VALUE... <<'TEXT': the step's done-when (creates=): true when
# the step is already at its target. Its failure is an answer, not a failure.
rb_check() {
  local text status=0
  rb_declare "$@"
  rb_checking_only
  rb_read_text text
  if [[ $RB_DRY_RUN -eq 1 ]]; then
    rb_show "skipped when this succeeds [${RB_CMD[interpreter]}]" "$text" "${RB_CMD[names]}"
    return 1
  fi
  rb_run_text "$text" || status=$?
  [[ -z $RB_RUN_PROBLEM && $status -eq 0 ]]
}

# rb_undo FIELD=VALUE... <<'TEXT': one undo action, in the state its step
# ended in; what it changes is not carried.
rb_undo() {
  local text
  rb_declare "$@"
  rb_checking_only
  rb_read_text text
  if [[ $RB_DRY_RUN -eq 1 ]]; then
    rb_show "undo [${RB_CMD[interpreter]}]" "$text" "${RB_CMD[names]}"
    [[ -z ${RB_CMD[where]} ]] || printf '      (%s)\n' "${RB_CMD[where]}"
    return 0
  fi
  local status=0
  rb_run_text "$text" || status=$?
  if [[ -n $RB_RUN_PROBLEM ]]; then
    RB_UNDO_FAILED="${RB_CMD[at]}: $RB_RUN_PROBLEM"
    return 1
  elif [[ $status -ne 0 ]]; then
    # Its first line: the whole text is in the log and at the doc line.
    RB_UNDO_FAILED="${RB_CMD[at]}: ${text%%$'\n'*}"
    [[ $text != *$'\n'* ]] || RB_UNDO_FAILED+=' ...'
    return 1
  fi
}
