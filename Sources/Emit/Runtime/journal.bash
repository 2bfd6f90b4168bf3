# ---- runbook runtime: journal ----------------------------------------------
# An append-only record of the run, one line per event: `start K`, `done K`,
# `undone K`, `value NAME BASE64`, `child PID START` (the command running),
# `session S ...` (the terminal's folder and variables: session.bash). Each line is one small O_APPEND write, so a
# crash (even kill -9) leaves whole lines and at worst a torn last line, which
# replay ignores. Values are base64: the journal is read as data, never sourced.

RB_JOURNAL_OPEN=0
RB_ORPHAN=''

rb_b64() { printf '%s' "$1" | base64 -w 0; }

rb_journal_append() {
  [[ $RB_JOURNAL_OPEN -eq 0 ]] || printf '%s\n' "$*" >>"$RB_JOURNAL"
}

# Starts a fresh journal holding the header and every value known so far.
rb_journal_create() {
  local tmp="$RB_JOURNAL.tmp.$$" name
  (
    umask 077
    {
      printf 'runbook-journal 1 %s\n' "$RB_SOURCE_SHA256"
      printf 'log %s\n' "$(rb_b64 "$RB_LOG")"
      for name in "${!RB_VALUES[@]}"; do
        rb_is_secret "$name" || printf 'value %s %s\n' "$name" "$(rb_b64 "${RB_VALUES[$name]}")"
      done
    } >"$tmp"
  ) && mv -f "$tmp" "$RB_JOURNAL"
  RB_JOURNAL_OPEN=1
}

rb_forget_done() {
  local k
  for k in "${!RB_DONE[@]}"; do [[ ${RB_DONE[k]} != "$1" ]] || unset 'RB_DONE[k]'; done
  RB_DONE=("${RB_DONE[@]}")
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
      start) if [[ $a =~ ^[0-9]+$ ]]; then RB_CURRENT=$a; rb_session_mark start "$a"; fi ;;
      session) rb_session_replay "$a" "$b" ;;
      child) [[ ! $a =~ ^[0-9]+$ || ! $b =~ ^[0-9]+$ ]] || RB_ORPHAN="$a $b" ;;
      done) if [[ $a =~ ^[0-9]+$ ]]; then RB_DONE+=("$a"); [[ $RB_CURRENT != "$a" ]] || RB_CURRENT=0; rb_session_mark end "$a"; fi ;;
      undone) if [[ $a =~ ^[0-9]+$ ]]; then rb_forget_done "$a"; [[ $RB_CURRENT != "$a" ]] || RB_CURRENT=0; fi ;;
      *) ;;
    esac
  done <"$RB_JOURNAL"
  RB_JOURNAL_OPEN=1
}

rb_is_done() {
  local i
  for i in "${RB_DONE[@]}"; do [[ $i != "$1" ]] || return 0; done
  return 1
}
