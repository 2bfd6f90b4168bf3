# ---- runbook runtime: configuration files ----------------------------------
# A block under write=, merge= or append= is a file's content. Before the
# first change a step makes to a file, the file is copied (cp -p: bytes, mode,
# owner, times) to the state folder as STEP.N.orig, or STEP.N.absent notes that
# there was none; STEP.N.path, written last, says the backup is complete. A
# --resume keeps that first backup. The undo puts it back atomically (a copy
# beside the file, then rename). The folder goes with the journal.

rb_files_dir() { printf -v "$1" '%s' "$RB_STATE_DIR/$RB_NAME.files"; }

# The temporary file a write is making, if any: removed if the run stops meanwhile (rb_stop).
RB_FILE_TMP=''

rb_file_tmp_forget() {
  [[ -z $RB_FILE_TMP ]] || rm -f -- "$RB_FILE_TMP"
  RB_FILE_TMP=''
}

# A fresh run starts without the backups of an earlier one; a finished one leaves none.
rb_files_forget() {
  local dir
  rb_files_dir dir
  rm -rf -- "$dir"
}

# rb_file_text VAR TEXT NAMES [SHOWN]: TEXT with each parameter's marker
# replaced by its value, as it is (a file's content is data, never read as
# shell); with SHOWN (a dry run), a secret's marker by "(secret NAME)".
# (Locals are named __*: VAR is the caller's.)
rb_file_text() {
  local __text=$2 __name __value
  for __name in $3; do
    [[ -n ${RB_VALUES[$__name]+x} ]] || continue
    __value=${RB_VALUES[$__name]}
    [[ -z ${4-} ]] || ! rb_is_secret "$__name" || __value="(secret $__name)"
    __text=${__text//"@@RUNBOOK_VALUE:$__name@@"/"$__value"}
  done
  printf -v "$1" '%s' "$__text"
}

# rb_file_merge VAR EXISTING BLOCK: EXISTING with BLOCK's `key = value` lines
# put in: a key the file has in that section is replaced where it stands, a
# new one goes at the end of its section (before its trailing blank lines), a
# new section at the end of the file. Comments and other lines stay as they are.
# The rb_file_merge_* helpers work on its locals (bash's dynamic scope).
rb_file_merge() {
  local existing=$2 section='' i
  local -a keys=() sections=() lines=() out=() pending=() used=()
  local -A seen=()
  rb_file_merge_settings "$3"
  [[ $existing != *$'\n' ]] || existing=${existing%$'\n'}
  [[ -z $existing ]] || rb_file_merge_existing "$existing"
  rb_file_merge_missing "$section"
  out+=("${pending[@]}")
  seen[$section]=1
  for i in "${!keys[@]}"; do
    [[ ${used[i]} -eq 0 && -z ${seen[${sections[i]}]+x} ]] || continue
    [[ ${#out[@]} -eq 0 ]] || out+=('')
    out+=("[${sections[i]}]")
    rb_file_merge_missing "${sections[i]}"
    seen[${sections[i]}]=1
  done
  if [[ ${#out[@]} -eq 0 ]]; then printf -v "$1" ''; else printf -v "$1" '%s\n' "${out[@]}"; fi
}

# rb_file_merge_settings BLOCK: the block's settings, in order: section, key
# and line, by index (sections, keys, lines; used: 0 until placed).
rb_file_merge_settings() {
  local line trimmed key section=''
  while IFS= read -r line; do
    trimmed=${line#"${line%%[![:space:]]*}"}
    trimmed=${trimmed%"${trimmed##*[![:space:]]}"}
    [[ -n $trimmed && $trimmed != [#\;]* ]] || continue
    if [[ $trimmed == \[*\] ]]; then section=${trimmed:1:${#trimmed}-2}; continue; fi
    [[ $trimmed == *[=:]* ]] || continue
    key=${trimmed%%[=:]*}
    key=${key%"${key##*[![:space:]]}"}
    [[ -n $key ]] || continue
    sections+=("$section") keys+=("$key") lines+=("$trimmed") used+=(0)
  done <<<"$1"
}

# rb_file_merge_existing TEXT: the file's lines into out, a setting of the
# block replacing the file's line for its key; section ends as the last one.
rb_file_merge_existing() {
  local line trimmed rest i
  while IFS= read -r line; do
    trimmed=${line#"${line%%[![:space:]]*}"}
    if [[ $trimmed == \[*\]* ]]; then
      rb_file_merge_missing "$section"
      out+=("${pending[@]}") pending=()
      section=${trimmed#\[}
      section=${section%%\]*}
      seen[$section]=1
      out+=("$line")
      continue
    fi
    if [[ -z ${trimmed//[[:space:]]/} ]]; then pending+=("$line"); continue; fi
    out+=("${pending[@]}") pending=()
    for i in "${!keys[@]}"; do
      [[ ${sections[i]} == "$section" && $trimmed == "${keys[i]}"* ]] || continue
      rest=${trimmed#"${keys[i]}"}
      rest=${rest#"${rest%%[![:space:]]*}"}
      if [[ $rest == [=:]* ]]; then
        [[ ${used[i]} -eq 1 ]] && line='' || line=${lines[i]}
        used[i]=1
        break
      fi
    done
    # A key set twice in the file: the later lines go (the first now holds the value).
    [[ -z $line && -n $trimmed ]] || out+=("$line")
  done <<<"$1"
}

# rb_file_merge_missing SECTION: the block's keys of SECTION not placed yet.
rb_file_merge_missing() {
  local j
  for j in "${!keys[@]}"; do
    if [[ ${sections[j]} == "$1" && ${used[j]} -eq 0 ]]; then out+=("${lines[j]}"); used[j]=1; fi
  done
}

# rb_file_path VAR PATH SESSION CWD: PATH with parameter markers replaced by
# their values, relative to the folder the step runs in.
rb_file_path() {
  local __path __directory
  rb_file_text __path "$2" "${!RB_VALUES[*]}"
  # A path the page writes from the home folder: the home of the shell the step runs in.
  # shellcheck disable=SC2088 # the text ~/, not an expansion
  [[ ${__path:0:2} != '~/' ]] || __path=${RB_SESSION["$3 home"]:-$HOME}/${__path:2}
  if [[ $__path != /* ]]; then
    rb_session_directory __directory "$3" "$4"
    [[ -n $__directory ]] || __directory=$PWD
    __path=$__directory/$__path
  fi
  printf -v "$1" '%s' "$__path"
}

# rb_file FIELD=VALUE... <<'TEXT': a file a step writes, declared as a
# command is (rb_declare): mode= write, merge or append; path=; step= and
# file= (the N-th file of that step) name the copy of the file as it was,
# which the undo puts back; at=, cwd=, user=, session=, names= as for a command.
rb_file() {
  local mode text content path existing='' new
  rb_declare "$@"
  mode=${RB_CMD[mode]}
  IFS= read -r -d '' text || true
  if [[ $RB_DRY_RUN -eq 1 ]]; then rb_file_show "$text"; return 0; fi
  rb_file_text content "$text" "${RB_CMD[names]}"
  rb_file_target path
  rb_file_keep "$path"
  if [[ -e $path ]]; then IFS= read -r -d '' existing <"$path" || true; fi
  case $mode in
    write) new=$content ;;
    merge) rb_file_merge new "$existing" "$content" ;;
    append)
      # Once: a file that already ends with the block (a step run again) stays as it is.
      if [[ -n $existing && $existing == *"$content" ]]; then
        rb_log "already ends with these lines: unchanged"
        return 0
      fi
      new=$existing
      [[ -z $new || $new == *$'\n' ]] || new+=$'\n'
      new+=$content ;;
  esac
  rb_file_replace "$path" "$new"
  rb_log "wrote $path ($mode, ${#new} characters)"
}

# The dry run: the file, what the step does to it, and that the undo puts it back.
rb_file_show() {
  local content path what
  case ${RB_CMD[mode]} in write) what='the whole file' ;; merge) what='these settings merged into it' ;; *) what='these lines added at its end' ;; esac
  rb_file_text content "${1%$'\n'}" "${RB_CMD[names]}" shown
  rb_file_text path "${RB_CMD[path]}" "${!RB_VALUES[*]}" shown
  printf '    [%s %s] %s\n' "${RB_CMD[mode]}" "$path" "${content//$'\n'/$'\n'      }"
  printf '      (%s; the file as it was is kept, and the undo puts it back)\n' "$what"
}

# rb_file_target VAR: the file the declaration names, checked before anything is written.
rb_file_target() {
  local key __target location=${RB_CMD[at]}
  if [[ ${RB_CMD[mode]} == merge ]]; then
    # A value with a line break would add settings (or sections) of its own.
    for key in ${RB_CMD[names]}; do
      [[ ${RB_VALUES[$key]-} != *$'\n'* ]] || rb_fail 1 "cannot merge into a setting ($location): $key's value has a line break"
    done
  fi
  rb_file_path __target "${RB_CMD[path]}" "${RB_CMD[session]}" "${RB_CMD[cwd]}"
  # A link stays a link: its target is the file written, kept and put back.
  if [[ -L $__target ]]; then __target=$(readlink -f -- "$__target") || rb_fail 1 "cannot follow the link ${RB_CMD[path]} ($location)"; fi
  rb_log "--- $location [${RB_CMD[mode]}] $__target"
  [[ -d ${__target%/*} ]] || rb_fail 1 "cannot write $__target ($location): its folder does not exist"
  [[ ! -e $__target || -f $__target ]] || rb_fail 1 "cannot write $__target ($location): it is not a regular file"
  printf -v "$1" '%s' "$__target"
}

# rb_file_keep PATH: the file as it was (or that it was absent), once per
# step and file: a step run again keeps the first copy.
rb_file_keep() {
  local path=$1 dir key
  rb_files_dir dir
  key="$dir/${RB_CMD[step]}.${RB_CMD[file]}"
  [[ ! -e $key.path ]] || return 0
  rb_private_dir "$dir" || rb_fail 1 "cannot create $dir"
  rm -f -- "$key.orig" "$key.absent"
  if [[ -e $path ]]; then
    cp -p -- "$path" "$key.orig" || rb_fail 1 "cannot keep a copy of $path (${RB_CMD[at]})"
  else
    (umask 077 && : >"$key.absent")
  fi
  (umask 077 && printf '%s' "$path" >"$key.path.tmp") && mv -f -- "$key.path.tmp" "$key.path"
}

# rb_file_replace PATH TEXT: PATH holds TEXT, through a file beside it and a
# rename. The file keeps its mode and owner; a new one gets the usual mode
# (0644 under umask 022), and belongs to the user the step runs as.
rb_file_replace() {
  local path=$1 tmp location=${RB_CMD[at]} user=${RB_CMD[user]}
  tmp=$(mktemp -- "${path%/*}/.${path##*/}.runbook.XXXXXX") || rb_fail 1 "cannot write in ${path%/*} ($location)"
  RB_FILE_TMP=$tmp
  if ! printf '%s' "$2" >"$tmp"; then rb_file_tmp_forget; rb_fail 1 "cannot write $path ($location)"; fi
  if [[ -e $path ]]; then
    if ! { chmod --reference="$path" -- "$tmp" && chown --reference="$path" -- "$tmp"; }; then
      rm -f -- "$tmp"
      rb_fail 1 "cannot give the new $path the mode and owner of the old one ($location)"
    fi
  else
    chmod "$(printf '%o' $((0666 & ~0$(umask))))" -- "$tmp"
    [[ -z $user ]] || chown -- "$user:" "$tmp" || { rm -f -- "$tmp"; rb_fail 1 "cannot give $path to $user ($location)"; }
  fi
  mv -f -- "$tmp" "$path" || { rb_file_tmp_forget; rb_fail 1 "cannot replace $path ($location)"; }
  RB_FILE_TMP=''
}

# rb_file_restore STEP N: the N-th file the step wrote, as it was before (undo).
rb_file_restore() {
  local dir key path tmp
  rb_files_dir dir
  key="$dir/$1.$2"
  if [[ $RB_DRY_RUN -eq 1 ]]; then
    printf '    undo: the files the step wrote are put back as they were\n'
    return 0
  fi
  # Never reached: nothing to put back.
  [[ -e $key.path ]] || return 0
  IFS= read -r -d '' path <"$key.path" || true
  rb_log "--- restore $path"
  if [[ -e $key.absent ]]; then
    rm -f -- "$path" || { RB_UNDO_FAILED="cannot remove $path"; return 1; }
  else
    if ! { tmp=$(mktemp -- "${path%/*}/.${path##*/}.runbook.XXXXXX") && RB_FILE_TMP=$tmp && cp -p -- "$key.orig" "$tmp" && mv -f -- "$tmp" "$path"; }; then
      rb_file_tmp_forget
      RB_UNDO_FAILED="cannot put back $path from $key.orig"
      return 1
    fi
  fi
  RB_FILE_TMP=''
  rm -f -- "$key.path" "$key.orig" "$key.absent"
}

# rb_show_file FILE LOCATION <<'TEXT': a configuration block the page leaves
# to the operator (no write=, merge= or append=): shown, then confirmed.
rb_show_file() {
  local text
  rb_read_text text
  printf '    the page gives this for %s (%s); runbook does not write it (no write=, merge= or append=):\n' "${1:-a file}" "$2"
  printf '      %s\n' "${text//$'\n'/$'\n'      }"
  rb_log "shown for ${1:-a file} ($2): $text"
  rb_confirm 'Done?'
}
