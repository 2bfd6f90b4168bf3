# ---- runbook runtime: faults injected by `runbook prove` -------------------
# `runbook prove` shows that the procedure comes back from a failure at every
# step by making one happen: --inject-fault CASE:STEP, after STEP's commands
# ran and before the journal records it done (the worst moment: its changes
# made, the run not knowing). fail: the step fails; term: the run gets SIGTERM;
# kill: its process group gets SIGKILL, as a lost machine or an OOM kill would.
# A production run must never do this by accident, so the option is refused
# unless the environment also says the world is a throw-away one.

RB_FAULT_CASE=''
RB_FAULT_STEP=0

# rb_fault_option CASE:STEP: checks and records the option (after rb_parse_args).
rb_fault_option() {
  local fault=$1
  [[ ${RUNBOOK_FAULT_INJECTION-} == disposable-world ]] ||
    rb_die 1 "--inject-fault makes this run fail on purpose: it is for 'runbook prove' in a throw-away world, and is refused unless RUNBOOK_FAULT_INJECTION=disposable-world is set"
  [[ $fault == *:* || $fault == term-at-end ]] || rb_die 1 "--inject-fault needs CASE:STEP (CASE: fail, term or kill), or term-at-end"
  RB_FAULT_CASE=${fault%%:*}
  case $RB_FAULT_CASE in
    # term-at-end: SIGTERM as the finished run files its journal (rb_move_run).
    term-at-end) return 0 ;;
    fail | term | kill) ;;
    *) rb_die 1 "--inject-fault: unknown case '$RB_FAULT_CASE' (fail, term or kill)" ;;
  esac
  RB_FAULT_STEP=$(rb_step_index "${fault#*:}")
}

rb_inject_fault() {
  rb_log "=== fault injected (runbook prove): $RB_FAULT_CASE after the commands of ${RB_STEP_IDS[RB_CURRENT - 1]}"
  case $RB_FAULT_CASE in
    fail) rb_fail 1 "fault injected by runbook prove (--inject-fault fail)" ;;
    term) kill -TERM "$$" ;;
    kill) kill -KILL 0 ;;
  esac
}
