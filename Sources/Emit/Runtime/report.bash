# ---- runbook runtime: the run's report, for a fleet's controller -----------
# `--report FILE` writes, whatever way the run ends, one JSON object saying
# what happened in the operator's terms: what the generated Ansible playbook
# reads back from each host. Written at exit (an EXIT trap), through a file
# beside it and a rename, so a reader never sees half of it.

RB_REPORT=''
RB_OUTCOME=''
RB_FAILED_STEP=0
RB_FAILED_WHY=''
RB_REFUSED=''
RB_KEPT=()

# rb_json VAR TEXT: VAR = TEXT as a JSON string, quotes included.
rb_json() {
  local __t=$2 __c __out='' __i
  __t=${__t//\\/\\\\}
  __t=${__t//\"/\\\"}
  __t=${__t//$'\n'/\\n}
  __t=${__t//$'\r'/\\r}
  __t=${__t//$'\t'/\\t}
  # Any other control character as \u00XX.
  if [[ $__t == *[$'\x01'-$'\x1f']* ]]; then
    for ((__i = 0; __i < ${#__t}; __i++)); do
      __c=${__t:__i:1}
      if [[ $__c == [$'\x01'-$'\x1f'] ]]; then printf -v __c '\\u%04x' "'$__c"; fi
      __out+=$__c
    done
    __t=$__out
  fi
  printf -v "$1" '"%s"' "$__t"
}

# rb_json_steps INDEX...: RB_JSON_STEPS = a JSON list of those steps (id, title, doc line).
RB_JSON_STEPS=''
rb_json_steps() {
  local __list='' __i __id __title __where
  for __i in "$@"; do
    rb_json __id "${RB_STEP_IDS[__i - 1]}"
    rb_json __title "${RB_STEP_TITLES[__i - 1]}"
    rb_json __where "${RB_STEP_LOCATIONS[__i - 1]}"
    __list+="${__list:+, }{\"id\": $__id, \"title\": $__title, \"location\": $__where}"
  done
  RB_JSON_STEPS="[$__list]"
}

rb_report_enable() {
  [[ -n $RB_REPORT ]] || return 0
  [[ $RB_REPORT == /* ]] || RB_REPORT="$PWD/$RB_REPORT"
  trap 'rb_report_write $?' EXIT
}

# The outcome from how the run ended: its exit code and what the run recorded.
rb_report_write() {
  local code=$1 outcome=$RB_OUTCOME message='' field step='null' remaining=() k i tmp
  case $code in
    0) [[ -n $outcome ]] || outcome='done' ;;
    1) outcome=usage-error; message=$RB_REFUSED ;;
    2) outcome=refused; message=$RB_REFUSED ;;
    3) outcome=rolled-back ;;
    4) outcome=rollback-failed ;;
    130) outcome=interrupted ;;
    *) outcome=stopped ;;
  esac
  if [[ $code -eq 3 || $code -eq 130 ]] && [[ ${#RB_KEPT[@]} -gt 0 ]]; then outcome=partly-rolled-back; fi
  if [[ $code -ne 0 && $RB_NO_ROLLBACK -eq 1 && $code -ne 2 && $code -ne 1 ]]; then outcome=failed-kept; fi
  if [[ $RB_FAILED_STEP -gt 0 ]]; then
    rb_json_steps "$RB_FAILED_STEP"
    step=${RB_JSON_STEPS:1:${#RB_JSON_STEPS}-2}
    [[ -n $message ]] || message=$RB_FAILED_WHY
  fi
  if [[ $code -eq 4 ]]; then
    for ((k = ${#RB_DONE[@]} - 1; k >= 0; k--)); do
      i=${RB_DONE[k]}
      [[ ${RB_STEP_HAS_UNDO[i - 1]} -eq 0 ]] || remaining+=("$i")
    done
    [[ -n $message ]] || message="undo failed: $RB_UNDO_FAILED"
  fi
  tmp="$RB_REPORT.tmp.$$"
  {
    rb_json field "$RB_NAME"
    printf '{"procedure": %s, ' "$field"
    rb_json field "$RB_SOURCE"
    printf '"source": %s, ' "$field"
    printf '"outcome": "%s", "exit": %d, "step": %s, ' "$outcome" "$code" "$step"
    rb_json field "$message"
    printf '"message": %s, ' "$field"
    rb_json_steps "${remaining[@]}"
    printf '"remaining": %s, ' "$RB_JSON_STEPS"
    rb_json_steps "${RB_KEPT[@]}"
    printf '"kept": %s, ' "$RB_JSON_STEPS"
    rb_json field "$RB_LOG"
    printf '"log": %s, ' "$field"
    rb_json field "$([[ $code -eq 4 || $outcome == failed-kept ]] && printf %s "$RB_JOURNAL")"
    printf '"journal": %s}\n' "$field"
  } >"$tmp" 2>/dev/null || true
  mv -f -- "$tmp" "$RB_REPORT" 2>/dev/null || rm -f -- "$tmp"
}
