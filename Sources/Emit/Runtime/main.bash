# ---- runbook runtime: the run ----------------------------------------------

rb_plan() {
  local n=0 i
  printf '%s (dry run: nothing is changed)\n' "$RB_TITLE"
  [[ ${#RB_HOST_DECIDED[@]} -eq 0 ]] || printf '  %s\n' "${RB_HOST_DECIDED[@]}"
  rb_procedure_notices
  for i in "${RB_SELECTED[@]}"; do
    n=$((n + 1))
    printf '[%d/%d] %s (%s, %s)\n' "$n" "${#RB_SELECTED[@]}" "${RB_STEP_TITLES[i - 1]}" "${RB_STEP_IDS[i - 1]}" "${RB_STEP_LOCATIONS[i - 1]}"
    [[ -z ${RB_STEP_CONDITIONS[i - 1]} ]] || printf '    only when %s (decided when the run gets there)\n' "${RB_STEP_CONDITIONS[i - 1]}"
    rb_dispatch reached "$i" || true
    rb_dispatch preflight "$i"
    rb_dispatch run "$i"
    rb_dispatch undo "$i"
  done
  printf 'dry run: %d steps; on failure the undo actions above run for the steps done, newest first\n' "$n"
}

rb_run_steps() {
  local n=0 total=${#RB_SELECTED[@]} i elapsed label run_started=${EPOCHREALTIME/[.,]/} ran=0 commands=0
  rb_paint label 1 "$RB_TITLE"
  printf '%s\n' "$label"
  rb_procedure_notices
  for i in "${RB_SELECTED[@]}"; do
    n=$((n + 1))
    rb_run_step "$i" "$n" "$total"
  done
  rb_elapsed elapsed "$run_started"
  # Every step is done: the run ends as one transition (its journal and kept
  # files filed as the last run). A signal now is acknowledged after it.
  trap 'RB_LATE_SIGNAL=1' INT TERM HUP
  if [[ $commands -gt 0 && $ran -eq 0 ]]; then
    # Nothing changed: the run before it is still the one to undo.
    rm -f -- "$RB_JOURNAL"
    rb_files_forget
    rb_restore_previous_run
    printf 'done, nothing changed: the conditions skipped all %d steps that change something; log: %s\n' "$commands" "$RB_LOG"
    rb_log "done: every command step skipped"
    RB_OUTCOME=unchanged
    rb_late_signal
    return 0
  fi
  rb_keep_last_run
  printf 'done: %d steps in %s; log: %s\n' "$total" "$elapsed" "$RB_LOG"
  rb_log "done"
  RB_OUTCOME=changed
  rb_late_signal
}

# rb_run_step I N TOTAL: step I, the N-th of the run's TOTAL, unless done
# earlier, its condition is false or its done-when holds. Counts, in
# rb_run_steps' locals (bash's dynamic scope), the steps that change
# something (commands) and those of them that ran (ran).
rb_run_step() {
  local i=$1 n=$2 total=$3 started elapsed label
  if rb_is_done "$i"; then
    printf '[%d/%d] %s ... done earlier\n' "$n" "$total" "${RB_STEP_TITLES[i - 1]}"
    return 0
  fi
  printf '[%d/%d] %s (%s)\n' "$n" "$total" "${RB_STEP_TITLES[i - 1]}" "${RB_STEP_IDS[i - 1]}"
  # Steps that only read values do not count: a run that changes nothing says so.
  [[ ${RB_STEP_KINDS[i - 1]} != command || ${RB_STEP_CHANGES[i - 1]} -eq 0 ]] || commands=$((commands + 1))
  if [[ -n ${RB_STEP_CONDITIONS[i - 1]} ]] && ! rb_dispatch when "$i"; then
    rb_paint label 2 skipped
    printf '      ... %s (not when %s)\n' "$label" "${RB_STEP_CONDITIONS[i - 1]}"
    rb_log "=== skipped ${RB_STEP_IDS[i - 1]}: condition false"
    return 0
  fi
  # done-when: already at its target, the step is left alone and has nothing to undo.
  if rb_dispatch reached "$i"; then
    rb_paint label 2 unchanged
    printf '      ... %s (already done: its done-when holds)\n' "$label"
    rb_log "=== unchanged ${RB_STEP_IDS[i - 1]}: done-when holds"
    return 0
  fi
  RB_CURRENT=$i
  [[ ${RB_STEP_KINDS[i - 1]} != command || ${RB_STEP_CHANGES[i - 1]} -eq 0 ]] || ran=$((ran + 1))
  rb_journal_append "start $i"
  rb_session_mark start "$i"
  rb_log "=== [$n/$total] ${RB_STEP_IDS[i - 1]} (${RB_STEP_LOCATIONS[i - 1]})"
  started=${EPOCHREALTIME/[.,]/}
  rb_dispatch run "$i"
  [[ $RB_FAULT_STEP -ne $i ]] || rb_inject_fault
  RB_DONE+=("$i")
  RB_CURRENT=0
  rb_session_mark end "$i"
  rb_journal_append "done $i"
  rb_elapsed elapsed "$started"
  rb_paint label 32 ok
  printf '      ... %s (%s)\n' "$label" "$elapsed"
}

RB_LATE_SIGNAL=0

# A signal that came as the finished run was filed: the run is done, nothing to roll back.
rb_late_signal() {
  [[ $RB_LATE_SIGNAL -eq 1 ]] || return 0
  rb_log "a signal came as the run finished: it is done; --undo-last-run reverses it"
  rb_say '%s: a signal came as the run finished: it is done (--undo-last-run reverses it)\n' "${0##*/}"
}

# A run that finished and changed something keeps its journal and the files
# it replaced, as the last run: --undo-last-run reverses it, newest step
# first, with each step's undo as a rollback would run it. While a run goes
# on, the last run is set aside; it is the last run again when this one
# changes nothing or is rolled back (the world is as that run left it), and
# is dropped when this one finishes with changes.
rb_keep_last_run() {
  local dir
  rb_files_dir dir
  rm -rf -- "$dir.previous-run"
  rm -f -- "$RB_PREVIOUS_JOURNAL"
  rb_move_run '' last-run
}

rb_set_aside_last_run() {
  [[ ! -f $RB_LAST_JOURNAL ]] || rb_move_run last-run previous-run
}

rb_restore_previous_run() {
  [[ ! -f $RB_PREVIOUS_JOURNAL ]] || rb_move_run previous-run last-run
}

# rb_move_run FROM TO: a run's journal and the files it replaced take another
# name ('' the current run, last-run, previous-run); what had TO is dropped.
rb_move_run() {
  local dir
  rb_files_dir dir
  rm -rf -- "$dir${2:+.$2}"
  [[ ! -d $dir${1:+.$1} ]] || mv -f -- "$dir${1:+.$1}" "$dir${2:+.$2}"
  # runbook's own tests: a signal between the two moves of a finished run's filing.
  [[ $RB_FAULT_CASE != term-at-end || $2 != last-run ]] || kill -TERM "$$"
  mv -f -- "$RB_STATE_DIR/$RB_NAME${1:+.$1}.journal" "$RB_STATE_DIR/$RB_NAME${2:+.$2}.journal"
}

# The last run's undo window: it ends when the next run finishes, on
# --forget-last-run, or RUNBOOK_UNDO_DAYS days (default 7) after that run
# finished. Then its journal and the copies of the files it replaced go: a copy
# of a configuration file may hold a password, and it is kept no longer than
# it can serve.
rb_end_undo_window() {
  local dir files=0
  [[ -f $RB_LAST_JOURNAL ]] || return 0
  rb_files_dir dir
  [[ ! -d $dir.last-run ]] || files=$(find "$dir.last-run" -name '*.orig' | wc -l)
  rm -rf -- "$dir.last-run" "$dir.previous-run"
  rm -f -- "$RB_LAST_JOURNAL" "$RB_PREVIOUS_JOURNAL"
  rb_log "the last run's undo window ended ($1): its journal and $files file copies were removed"
  rb_say '%s: the last run can no longer be undone (%s): its journal and %s file copies were removed\n' "${0##*/}" "$1" "$files" >&2
}

rb_expire_last_run() {
  local days=${RUNBOOK_UNDO_DAYS:-7}
  [[ -f $RB_LAST_JOURNAL ]] || return 0
  [[ -z $(find "$RB_LAST_JOURNAL" -mmin "+$((days * 1440))") ]] || rb_end_undo_window "it finished more than $days days ago, RUNBOOK_UNDO_DAYS"
}

# --undo-last-run: the last run's journal becomes the journal of a run to roll back.
rb_take_last_run() {
  [[ ! -f $RB_JOURNAL ]] || rb_die 2 "a run did not finish (journal $RB_JOURNAL): run with --resume or --rollback first; nothing was changed"
  [[ -f $RB_LAST_JOURNAL ]] || rb_die 2 "no finished run to undo (no $RB_LAST_JOURNAL); nothing was changed"
  rb_move_run last-run ''
  RB_ROLLBACK_ONLY=1
}

# --undo-last-run --dry-run: what it would undo, newest first.
rb_plan_undo_last() {
  local kind a rest finished=() k i
  [[ -f $RB_LAST_JOURNAL ]] || { printf 'no finished run to undo\n'; return 0; }
  while read -r kind a rest; do
    [[ $kind != "done" || ! $a =~ ^[0-9]+$ ]] || finished+=("$a")
  done <"$RB_LAST_JOURNAL"
  printf '%s: the last finished run would be undone, newest step first (dry run: nothing is changed)\n' "$RB_TITLE"
  for ((k = ${#finished[@]} - 1; k >= 0; k--)); do
    i=${finished[k]}
    if [[ ${RB_STEP_HAS_UNDO[i - 1]} -eq 1 ]]; then
      printf '  undo %s (%s)\n' "${RB_STEP_IDS[i - 1]}" "${RB_STEP_LOCATIONS[i - 1]}"
      rb_dispatch undo "$i"
    elif [[ ${RB_STEP_CHANGES[i - 1]} -eq 1 ]]; then
      printf '  %s has no undo: it stays as it is (%s)\n' "${RB_STEP_IDS[i - 1]}" "${RB_STEP_LOCATIONS[i - 1]}"
    fi
  done
}

rb_main() {
  rb_parse_args "$@"
  if [[ $RB_LIST -eq 1 ]]; then rb_list; exit 0; fi
  rb_select_steps
  if [[ $RB_DRY_RUN -eq 1 && $RB_UNDO_LAST -eq 1 ]]; then
    rb_plan_undo_last
    RB_OUTCOME=dry-run
    exit 0
  fi
  if [[ $RB_DRY_RUN -eq 1 ]]; then
    rb_check_parameters
    rb_plan
    RB_OUTCOME=dry-run
    exit 0
  fi
  rb_lock
  rb_expire_last_run
  if [[ $RB_FORGET_LAST -eq 1 ]]; then
    [[ -f $RB_LAST_JOURNAL ]] || { printf '%s: no finished run to forget\n' "${0##*/}"; exit 0; }
    rb_end_undo_window "--forget-last-run"
    exit 0
  fi
  [[ $RB_UNDO_LAST -eq 0 ]] || rb_take_last_run
  if [[ $RB_ROLLBACK_ONLY -eq 1 || $RB_RESUME -eq 1 ]]; then
    [[ -f $RB_JOURNAL ]] || rb_die 2 "no journal at $RB_JOURNAL: there is no run to resume or roll back"
    rb_journal_load
    rb_stop_orphan
  elif [[ -f $RB_JOURNAL ]]; then
    rb_die 2 "a previous run stopped without finishing (journal $RB_JOURNAL): run with --resume or --rollback; nothing was changed"
  fi
  rb_preflight
  rb_open_log
  [[ $RB_ROLLBACK_ONLY -eq 1 ]] || rb_preflight_checks
  [[ ${#RB_HOST_DECIDED[@]} -eq 0 ]] || { printf '%s\n' "${RB_HOST_DECIDED[@]}" >&2; rb_log "${RB_HOST_DECIDED[@]}"; }
  trap 'rb_interrupted INT' INT
  trap 'rb_interrupted TERM' TERM
  trap 'rb_interrupted HUP' HUP
  if [[ $RB_ROLLBACK_ONLY -eq 1 ]]; then
    rb_rollback || exit 4
    RB_OUTCOME=rolled-back
    [[ $RB_UNDO_LAST -eq 0 ]] || RB_OUTCOME=undone
    exit 0
  fi
  # A resume runs the step that did not finish again, from its first command.
  if [[ $RB_RESUME -eq 1 ]]; then rb_session_for_resume; else rb_set_aside_last_run; rb_files_forget; rb_journal_create; fi
  rb_run_steps
}
