# shellcheck shell=bash
# Starting and stopping a test instance's supervisord, for the scripts that
# build, copy and tear down Django instances (sourced, not run).

# supervisord daemonizes: it must not keep the calling script's descriptors
# open (a test waiting for the script's output would wait for supervisord).
start_supervisor() {
  local fd n
  for fd in "/proc/$$/fd/"*; do
    n=${fd##*/}
    # Not through a redirection of the whole loop: bash keeps a copy of
    # stderr on a high descriptor for it, which the loop would close.
    if [[ $n -gt 2 ]]; then { eval "exec $n>&-"; } 2>/dev/null || true; fi
  done
  supervisord -c "$1"
}

# supervisorctl answers before supervisord has gone; it removes its pid file
# and socket as it ends, and its folder may be copied or removed only after.
stop_supervisor() {
  supervisorctl -c "$1" shutdown >/dev/null 2>&1 || true
  for _ in $(seq 100); do
    if [[ ! -e ${1%/*}/supervisord.pid ]]; then return 0; fi
    sleep 0.1
  done
}
