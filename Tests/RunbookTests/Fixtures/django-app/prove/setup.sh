#!/usr/bin/env bash
# --setup of `runbook prove` for the Django update page: a fresh copy of the
# template instance (code, virtualenv, static files), a fresh copy of its
# database, and its service started. Prints the world's variables: the page's
# parameters (RUNBOOK_NAME) and what the commands need (PGUSER, HOME).
#   PROVE_BASE=<make-template.sh's BASE> PGHOST=... PGUSER=<superuser> setup.sh
set -euo pipefail
base=$PROVE_BASE
if [[ -e $base/instance/supervisor.sock ]]; then supervisorctl -c "$base/instance/supervisord.conf" shutdown >/dev/null 2>&1 || true; fi
rm -rf "$base/instance"
cp -a "$base/template" "$base/instance"
dropdb --if-exists notes
createdb -T notes_template -O notes notes
# supervisord daemonizes: it must not keep this command's descriptors open.
for fd in "/proc/$$/fd/"*; do
  n=${fd##*/}
  if [[ $n -gt 2 ]]; then eval "exec $n>&-"; fi
done 2>/dev/null
supervisord -c "$base/instance/supervisord.conf"
port=$(sed -n 's/.*--bind 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$base/instance/supervisord.conf")
for _ in $(seq 100); do
  if curl -fsS -o /dev/null "http://127.0.0.1:$port/"; then break; fi
  sleep 0.2
done
cat <<VARS
RUNBOOK_INSTANCE_DIR=$base/instance/app
RUNBOOK_SUPERVISOR_CONF=$base/instance/supervisord.conf
RUNBOOK_DATABASE=notes
RUNBOOK_INSTANCE_URL=http://127.0.0.1:$port/
PGUSER=notes
PGDATABASE=notes
HOME=$RUNBOOK_PROVE_WORLD
POETRY_CACHE_DIR=$base/poetry-cache
PROVE_PORT=$port
VARS
