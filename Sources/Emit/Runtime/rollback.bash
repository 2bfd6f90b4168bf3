# ---- runbook runtime: failure and rollback ---------------------------------

RB_UNDO_FAILED=''

# Undoes what the journal says was done, newest first. The step that was
# running when the run stopped is undone first, leniently: it may have stopped
# before changing anything, so its undo failing is a warning, not a failure.
# After an undo fails the others may depend on it, so they are left for a later
# --rollback, except those marked undo-always (starting a service again), which
# still run. The summary says "rolled back" only when everything done was undone.
rb_rollback() {
  local k i status=0 failed_at='' label kept=()
  rb_unfailing
  trap 'rb_signal_again' INT TERM HUP
  rb_paint label '1;33' 'rolling back'
  printf '%s\n' "$label"
  rb_log "=== rollback"
  rb_undo_unfinished
  for ((k = ${#RB_DONE[@]} - 1; k >= 0; k--)); do
    i=${RB_DONE[k]}
    if [[ ${RB_STEP_HAS_UNDO[i - 1]} -eq 1 ]]; then
      # Left for a later --rollback, after the cause of the failure is fixed.
      [[ $status -eq 0 || ${RB_STEP_UNDO_ALWAYS[i - 1]} -eq 1 ]] || continue
      printf '  undo %s\n' "${RB_STEP_IDS[i - 1]}"
      rb_session_for_undo "$i"
      if ! rb_dispatch undo "$i"; then
        [[ $status -ne 0 ]] || failed_at=$RB_UNDO_FAILED
        status=1
        continue
      fi
    elif [[ ${RB_STEP_CHANGES[i - 1]} -eq 1 ]]; then
      # undone-by: an earlier step's undo, still to come, reverses this one.
      if [[ -z ${RB_STEP_UNDONE_BY[i - 1]} ]] || ! rb_is_done "${RB_STEP_UNDONE_BY[i - 1]}"; then kept+=("$i"); fi
    fi
    rb_journal_append "undone $i"
    unset 'RB_DONE[k]'
  done
  RB_DONE=("${RB_DONE[@]}")
  RB_KEPT=("${kept[@]}")
  [[ ${#kept[@]} -eq 0 ]] || rb_rollback_kept "${kept[@]}"
  if [[ $status -ne 0 ]]; then
    rb_rollback_failed "$failed_at"
    return 1
  fi
  rm -f "$RB_JOURNAL"
  rb_files_forget
  [[ $RB_UNDO_LAST -eq 1 ]] || rb_restore_previous_run
  if [[ ${#kept[@]} -gt 0 ]]; then
    local steps='steps'
    [[ ${#kept[@]} -ne 1 ]] || steps='step'
    rb_log "rollback done; ${#kept[@]} done $steps had no undo"
    rb_paint label '1;33' "partly rolled back: ${#kept[@]} done $steps had no undo (listed above)"
  else
    rb_log "rollback done"
    rb_paint label 32 'rolled back'
  fi
  printf '%s\n' "$label"
}

# rb_rollback_kept I...: the steps done that have no undo, which stay as they are.
rb_rollback_kept() {
  local i
  printf '%s: these steps were done and have no undo; they remain as they are:\n' "${0##*/}" >&2
  for i in "$@"; do
    printf '  %s "%s" (%s)\n' "${RB_STEP_IDS[i - 1]}" "${RB_STEP_TITLES[i - 1]}" "${RB_STEP_LOCATIONS[i - 1]}" >&2
  done
}

# rb_rollback_failed WHERE: an undo failed at WHERE; the journal keeps the
# undo actions that remain, which the message lists for a later --rollback.
rb_rollback_failed() {
  local k i
  rb_journal_append "status rollback-failed"
  printf '%s: rollback failed at %s\n' "${0##*/}" "$1" >&2
  printf 'undo actions that remain, newest first:\n' >&2
  for ((k = ${#RB_DONE[@]} - 1; k >= 0; k--)); do
    i=${RB_DONE[k]}
    [[ ${RB_STEP_HAS_UNDO[i - 1]} -eq 0 ]] || printf '  %s (%s)\n' "${RB_STEP_IDS[i - 1]}" "${RB_STEP_LOCATIONS[i - 1]}" >&2
  done
  printf 'journal: %s\nlog: %s\nfix the cause, then run %s --rollback\n' "$RB_JOURNAL" "$RB_LOG" "$0" >&2
}

# The step that was running when the run stopped may have done part of its
# work. Its undo puts that back, leniently: it may have stopped before changing
# anything, so the undo failing is a warning.
rb_undo_unfinished() {
  if [[ $RB_CURRENT -eq 0 ]] || rb_is_done "$RB_CURRENT"; then return 0; fi
  if [[ ${RB_STEP_HAS_UNDO[RB_CURRENT - 1]} -eq 1 ]]; then
    printf '  undo %s (the step that did not finish)\n' "${RB_STEP_IDS[RB_CURRENT - 1]}"
    rb_dispatch undo "$RB_CURRENT" ||
      printf '  warning: undoing the unfinished step %s failed: %s\n' "${RB_STEP_IDS[RB_CURRENT - 1]}" "$RB_UNDO_FAILED" >&2
  fi
  rb_journal_append "undone $RB_CURRENT"
  RB_CURRENT=0
}

# A step failed: roll back (unless --no-rollback) and exit 3, or 4 if rollback failed.
rb_fail() {
  local status=$1 why=$2 i=$((RB_CURRENT - 1)) label
  rb_unfailing
  rb_paint label '1;31' 'failed'
  printf '      ... %s\n' "$label"
  printf '%s: step %s "%s" failed (%s): %s\n' "${0##*/}" "${RB_STEP_IDS[i]}" "${RB_STEP_TITLES[i]}" \
    "${RB_STEP_LOCATIONS[i]}" "$why" >&2
  if [[ -n $RB_LOG ]]; then
    printf 'last lines of the log (%s):\n' "$RB_LOG" >&2
    tail -n 15 "$RB_LOG" | sed 's/^/  | /' >&2
  fi
  rb_log "FAILED: step ${RB_STEP_IDS[i]} ($status): $why"
  RB_FAILED_STEP=$RB_CURRENT RB_FAILED_WHY=$why
  rb_stop 3
}

# Ends a run that did not succeed: exit CODE once rolled back, 4 if rollback failed.
rb_stop() {
  local code=$1
  rb_unfailing
  rb_file_tmp_forget
  if [[ $RB_NO_ROLLBACK -eq 1 ]]; then
    rb_journal_append "status failed"
    printf 'state kept for inspection (--no-rollback); journal: %s\n' "$RB_JOURNAL" >&2
    printf 'then run %s --resume, or %s --rollback\n' "$0" "$0" >&2
    exit "$code"
  fi
  rb_rollback || exit 4
  exit "$code"
}

# rb_alive PID: the process runs (a zombie, which kill -0 still finds, does not).
# /proc is read with `read`: a failed `$(<file)` ends the script under set -e.
rb_alive() {
  local stat
  { read -r stat <"/proc/$1/stat"; } 2>/dev/null || return 1
  stat=${stat##*) }
  [[ ${stat:0:1} != Z ]]
}

# rb_start_time VAR PID: VAR = when the process started (clock ticks after
# boot), so that a pid the kernel has since given to another process is not
# taken for it. (No subshell: this runs for every command.)
rb_start_time() {
  local stat fields
  { read -r stat <"/proc/$2/stat"; } 2>/dev/null || { printf -v "$1" '0'; return 0; }
  read -r -a fields <<<"${stat##*) }"
  printf -v "$1" '%s' "${fields[19]:-0}"
}

# rb_stop_group PID: TERM to the process group PID leads (each command is a
# group leader: rb_exec), KILL after a grace period. Every kill here may find
# nothing left to signal; none may end the trap handler that calls it.
rb_stop_group() {
  local waited=0
  kill -TERM -- "-$1" 2>/dev/null || kill -TERM "$1" 2>/dev/null || true
  while rb_alive "$1" && [[ $waited -lt 50 ]]; do
    sleep 0.1
    waited=$((waited + 1))
  done
  kill -KILL -- "-$1" 2>/dev/null || kill -KILL "$1" 2>/dev/null || true
}

# The command a killed run left behind (journal `child PID START`), if it still
# runs: stopped with its whole process group before anything is undone or resumed.
rb_stop_orphan() {
  local pid=${RB_ORPHAN% *} start=${RB_ORPHAN#* } now
  [[ -n $RB_ORPHAN ]] && rb_alive "$pid" || return 0
  rb_start_time now "$pid"
  [[ $now == "$start" ]] || return 0
  printf '%s: a command of the interrupted run is still running (pid %s): stopping it\n' "${0##*/}" "$pid" >&2
  rb_stop_group "$pid"
}

# Stops the running command and everything it started. An SQL client is first
# asked to cancel its statement on the server (on SIGINT psql sends a cancel
# request, and mysql a KILL QUERY over a second connection; SIGTERM would leave
# the server running it to its commit), and given time to learn the outcome;
# whatever is left then gets TERM, then KILL.
rb_stop_child() {
  local waited=0
  if [[ $RB_CHILD_INTERPRETER == psql || $RB_CHILD_INTERPRETER == mysql ]]; then
    rb_log "cancelling the statement on the server (SIGINT to $RB_CHILD_INTERPRETER)"
    kill -INT -- "-$RB_CHILD" 2>/dev/null || kill -INT "$RB_CHILD" 2>/dev/null || true
    while rb_alive "$RB_CHILD" && [[ $waited -lt 100 ]]; do
      sleep 0.1
      waited=$((waited + 1))
    done
  fi
  rb_stop_group "$RB_CHILD"
  wait "$RB_CHILD" 2>/dev/null || true
  RB_CHILD=''
}

# rb_interrupted SIGNAL: a Ctrl-C, a SIGTERM, or the terminal gone (SIGHUP: a
# dropped SSH session). From here on nothing ends the run before its rollback
# has run: a write that fails (a dead terminal, a closed pipe) is ignored and
# the rest goes to the log; a second or third signal is acknowledged and waited out.
rb_interrupted() {
  rb_unfailing
  trap 'rb_signal_again' INT TERM HUP
  [[ $1 != HUP ]] || rb_terminal_gone
  rb_log "interrupted (SIG$1)"
  [[ -z $RB_CHILD ]] || rb_stop_child
  if [[ $RB_CURRENT -ne 0 ]]; then
    rb_say '\n%s: interrupted during step %s\n' "${0##*/}" "${RB_STEP_IDS[RB_CURRENT - 1]}"
    RB_FAILED_STEP=$RB_CURRENT RB_FAILED_WHY='interrupted'
  else
    rb_say '\n%s: interrupted between steps\n' "${0##*/}"
  fi
  rb_stop 130
}

# Once a run stops, no failed write or command may end the script before its
# rollback has run: errexit off, SIGPIPE ignored (a write to a closed pipe fails
# and is ignored instead of killing the script).
rb_unfailing() {
  set +e
  trap '' PIPE
}

# The terminal is gone: what the run would print goes to its log instead.
rb_terminal_gone() {
  if [[ -n $RB_LOG ]]; then exec >>"$RB_LOG" 2>&1; else exec >/dev/null 2>&1; fi
}

# A signal while the run stops: said (where it can be), and the rollback goes on.
rb_signal_again() {
  rb_log "another signal: the rollback goes on"
  rb_say '%s: rolling back, please wait\n' "${0##*/}"
}

# rb_say FORMAT ARGS...: to the terminal when it is there (stderr), never fatal.
rb_say() {
  # Its own error, when the terminal is gone, would go there too: it goes nowhere.
  # shellcheck disable=SC2059
  printf "$@" >&2 2>/dev/null || true
}
