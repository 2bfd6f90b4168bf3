#!/usr/bin/env bash
# --setup of `runbook prove` for the Django update page: a copy of the template
# instance (code, virtualenv, static files) in the world's folder, a copy of
# its database named after the world, and its service started on a port of its
# own. Prints the world's variables: the page's parameters (RUNBOOK_NAME) and
# what the commands need (PGUSER, PGDATABASE, HOME).
#   PROVE_BASE=<make-template.sh's BASE> PGHOST=... PGUSER=<superuser> setup.sh
set -euo pipefail
base=$PROVE_BASE world=$RUNBOOK_PROVE_WORLD
database=notes_${world##*/}
database=${database//-/_}
cp -a "$base/template" "$world/instance"
# A virtualenv's scripts, supervisord's configuration and the clone's remote
# name the folder they were made in: point them at the copy.
grep -rlIZ --fixed-strings "$base/instance" "$world/instance" | xargs -0 sed -i "s|$base/instance|$world/instance|g"
sed -i "s|\"NAME\": \"notes\"|\"NAME\": \"$database\"|" "$world/instance/app/instance_settings.py"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
sed -i "s|--bind 127\.0\.0\.1:[0-9]*|--bind 127.0.0.1:$port|" "$world/instance/supervisord.conf"
createdb -T notes_template -O notes "$database"
# supervisord daemonizes: it must not keep this command's descriptors open.
for fd in "/proc/$$/fd/"*; do
  n=${fd##*/}
  if [[ $n -gt 2 ]]; then eval "exec $n>&-"; fi
done 2>/dev/null
supervisord -c "$world/instance/supervisord.conf"
# Answering, and RUNNING for supervisord (STARTING until startsecs have passed):
# every world's fingerprint starts the same.
for _ in $(seq 100); do
  if curl -fsS -o /dev/null "http://127.0.0.1:$port/" \
    && [[ $(supervisorctl -c "$world/instance/supervisord.conf" status gunicorn) == *RUNNING* ]]; then break; fi
  sleep 0.2
done
cat <<VARS
RUNBOOK_INSTANCE_DIR=$world/instance/app
RUNBOOK_SUPERVISOR_CONF=$world/instance/supervisord.conf
RUNBOOK_DATABASE=$database
RUNBOOK_INSTANCE_URL=http://127.0.0.1:$port/
PGUSER=notes
PGDATABASE=$database
HOME=$world
POETRY_CACHE_DIR=$base/poetry-cache
PROVE_PORT=$port
VARS
