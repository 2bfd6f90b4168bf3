enum RuntimeJournal {
    static let text = #"""
# ---- runbook runtime: journal ----------------------------------------------
# The journal records, around each step, what is done and every value a later
# step or an undo action needs. It is rewritten whole and renamed into place,
# so a crash (even kill -9) leaves the previous or the next version, never half.
# Values are stored in base64: the journal is read as data, never sourced.

rb_b64() { printf '%s' "$1" | base64 -w 0; }

rb_journal_write() {
  local status=$1 tmp="$RB_JOURNAL.tmp.$$" name i
  {
    printf 'runbook-journal 1 %s\n' "$RB_SOURCE_SHA256"
    printf 'status %s\n' "$status"
    printf 'log %s\n' "$(rb_b64 "$RB_LOG")"
    for name in "${!RB_VALUES[@]}"; do
      printf 'value %s %s\n' "$name" "$(rb_b64 "${RB_VALUES[$name]}")"
    done
    for i in "${RB_DONE[@]}"; do printf 'done %s %s\n' "$i" "${RB_STEP_IDS[i - 1]}"; done
    if [[ $RB_CURRENT -ne 0 ]]; then printf 'current %s %s\n' "$RB_CURRENT" "${RB_STEP_IDS[RB_CURRENT - 1]}"; fi
  } >"$tmp" && mv -f "$tmp" "$RB_JOURNAL"
}

rb_journal_load() {
  local kind a b
  RB_DONE=()
  RB_CURRENT=0
  while read -r kind a b; do
    case $kind in
      runbook-journal)
        [[ $b == "$RB_SOURCE_SHA256" ]] ||
          rb_die 2 "the journal $RB_JOURNAL was written by another version of this procedure; nothing was changed" ;;
      value)
        [[ $a =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || rb_die 2 "corrupt journal $RB_JOURNAL"
        rb_set_value "$a" "$(base64 -d <<<"$b")" ;;
      done) if [[ $a =~ ^[0-9]+$ ]]; then RB_DONE+=("$a"); fi ;;
      current) if [[ $a =~ ^[0-9]+$ ]]; then RB_CURRENT=$a; fi ;;
      *) ;;
    esac
  done <"$RB_JOURNAL"
}

rb_is_done() {
  local i
  for i in "${RB_DONE[@]}"; do [[ $i != "$1" ]] || return 0; done
  return 1
}
"""#
}
