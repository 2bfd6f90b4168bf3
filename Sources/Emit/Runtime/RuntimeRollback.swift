enum RuntimeRollback {
    static let text = #"""
# ---- runbook runtime: failure and rollback ---------------------------------

RB_UNDO_FAILED=''

# Undoes what the journal says was done, newest first. The step that was
# running when the run stopped is undone first, leniently: it may have stopped
# before changing anything, so its undo failing is a warning, not a failure.
rb_rollback() {
  local k i status=0
  trap 'printf "%s: rollback in progress, wait\n" "${0##*/}" >&2' INT TERM
  local label
  rb_paint label '1;33' 'rolling back'
  printf '%s\n' "$label"
  rb_log "=== rollback"
  if [[ $RB_CURRENT -ne 0 ]] && ! rb_is_done "$RB_CURRENT"; then
    if [[ ${RB_STEP_HAS_UNDO[RB_CURRENT - 1]} -eq 1 ]]; then
      printf '  undo %s (the step that did not finish)\n' "${RB_STEP_IDS[RB_CURRENT - 1]}"
      rb_dispatch undo "$RB_CURRENT" ||
        printf '  warning: undoing the unfinished step %s failed: %s\n' "${RB_STEP_IDS[RB_CURRENT - 1]}" "$RB_UNDO_FAILED" >&2
    fi
    rb_journal_append "undone $RB_CURRENT"
    RB_CURRENT=0
  fi
  for ((k = ${#RB_DONE[@]} - 1; k >= 0; k--)); do
    i=${RB_DONE[k]}
    if [[ ${RB_STEP_HAS_UNDO[i - 1]} -eq 1 ]]; then
      printf '  undo %s\n' "${RB_STEP_IDS[i - 1]}"
      if ! rb_dispatch undo "$i"; then
        status=1
        break
      fi
    fi
    rb_journal_append "undone $i"
    unset 'RB_DONE[k]'
  done
  if [[ $status -ne 0 ]]; then
    rb_journal_append "status rollback-failed"
    printf '%s: rollback failed at %s\n' "${0##*/}" "$RB_UNDO_FAILED" >&2
    printf 'undo actions that remain, newest first:\n' >&2
    for ((k = ${#RB_DONE[@]} - 1; k >= 0; k--)); do
      i=${RB_DONE[k]}
      [[ ${RB_STEP_HAS_UNDO[i - 1]} -eq 0 ]] || printf '  %s (%s)\n' "${RB_STEP_IDS[i - 1]}" "${RB_STEP_LOCATIONS[i - 1]}" >&2
    done
    printf 'journal: %s\nlog: %s\nfix the cause, then run %s --rollback\n' "$RB_JOURNAL" "$RB_LOG" "$0" >&2
    return 1
  fi
  rm -f "$RB_JOURNAL"
  rb_log "rollback done"
  rb_paint label 32 'rolled back'
  printf '%s\n' "$label"
}

# A step failed: roll back (unless --no-rollback) and exit 3, or 4 if rollback failed.
rb_fail() {
  local status=$1 why=$2 i=$((RB_CURRENT - 1)) label
  rb_paint label '1;31' 'failed'
  printf '      ... %s\n' "$label"
  printf '%s: step %s "%s" failed (%s): %s\n' "${0##*/}" "${RB_STEP_IDS[i]}" "${RB_STEP_TITLES[i]}" \
    "${RB_STEP_LOCATIONS[i]}" "$why" >&2
  if [[ -n $RB_LOG ]]; then
    printf 'last lines of the log (%s):\n' "$RB_LOG" >&2
    tail -n 15 "$RB_LOG" | sed 's/^/  | /' >&2
  fi
  rb_log "FAILED: step ${RB_STEP_IDS[i]} ($status): $why"
  rb_stop 3
}

# Ends a run that did not succeed: exit CODE once rolled back, 4 if rollback failed.
rb_stop() {
  local code=$1
  if [[ $RB_NO_ROLLBACK -eq 1 ]]; then
    rb_journal_append "status failed"
    printf 'state kept for inspection (--no-rollback); journal: %s\n' "$RB_JOURNAL" >&2
    printf 'then run %s --resume, or %s --rollback\n' "$0" "$0" >&2
    exit "$code"
  fi
  rb_rollback || exit 4
  exit "$code"
}

# Stops the running command: TERM to it and its children, KILL after a grace period.
rb_stop_child() {
  local waited=0
  command -v pkill >/dev/null 2>&1 && pkill -TERM -P "$RB_CHILD" 2>/dev/null
  kill -TERM "$RB_CHILD" 2>/dev/null || true
  while kill -0 "$RB_CHILD" 2>/dev/null && [[ $waited -lt 50 ]]; do
    sleep 0.1
    waited=$((waited + 1))
  done
  if kill -0 "$RB_CHILD" 2>/dev/null; then
    command -v pkill >/dev/null 2>&1 && pkill -KILL -P "$RB_CHILD" 2>/dev/null
    kill -KILL "$RB_CHILD" 2>/dev/null || true
  fi
  wait "$RB_CHILD" 2>/dev/null || true
  RB_CHILD=''
}

rb_interrupted() {
  trap - INT TERM
  [[ -z $RB_CHILD ]] || rb_stop_child
  printf '\n%s: interrupted during step %s\n' "${0##*/}" "${RB_STEP_IDS[RB_CURRENT - 1]:-none}" >&2
  rb_log "interrupted"
  rb_stop 130
}
"""#
}
