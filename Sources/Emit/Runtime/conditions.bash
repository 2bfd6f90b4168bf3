# ---- runbook runtime: conditions -------------------------------------------

# Prints -1, 0 or 1: versions compared field by field, numbers as numbers.
rb_version_cmp() {
  local -a x y
  local i p q
  IFS='.-+' read -r -a x <<<"$1"
  IFS='.-+' read -r -a y <<<"$2"
  for ((i = 0; i < ${#x[@]} || i < ${#y[@]}; i++)); do
    p=${x[i]:-0}
    q=${y[i]:-0}
    if [[ $p =~ ^[0-9]+$ && $q =~ ^[0-9]+$ ]]; then
      if ((10#$p < 10#$q)); then printf -- '-1'; return 0; fi
      if ((10#$p > 10#$q)); then printf '1'; return 0; fi
    elif [[ $p != "$q" ]]; then
      if [[ $p < $q ]]; then printf -- '-1'; else printf '1'; fi
      return 0
    fi
  done
  printf '0'
}

# rb_compare A OP B: == and != compare text; <, <=, >, >= compare versions.
rb_compare() {
  local c
  case $2 in
    '==') [[ $1 == "$3" ]] ;;
    '!=') [[ $1 != "$3" ]] ;;
    *)
      c=$(rb_version_cmp "$1" "$3")
      case $2 in
        '<') [[ $c -lt 0 ]] ;;
        '<=') [[ $c -le 0 ]] ;;
        '>') [[ $c -gt 0 ]] ;;
        '>=') [[ $c -ge 0 ]] ;;
        *) return 2 ;;
      esac ;;
  esac
}
