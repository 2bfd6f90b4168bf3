#!/usr/bin/env bash
# --setup of `runbook prove` for the Django update page: a copy of the template
# instance (code, virtualenv, static files) in the world's folder, a copy of
# its database named after the world, and its service started on a port of its
# own. Prints the world's variables: the page's parameters (RUNBOOK_NAME) and
# what the commands need (PGUSER, PGDATABASE, HOME).
#   PROVE_BASE=<make-template.sh's BASE> PGHOST=... PGUSER=<superuser> setup.sh
set -euo pipefail
# The application gets its own .venv, whatever virtualenv the caller has active.
unset VIRTUAL_ENV
here=$(cd "$(dirname "$0")" && pwd)
base=$PROVE_BASE world=$RUNBOOK_PROVE_WORLD
database=notes_${world##*/}
database=${database//-/_}
createdb -T notes_template -O notes "$database"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
PGUSER=notes PGDATABASE=$database "$here/../copy-instance.sh" "$base/template" "$world/instance" "$port" >&2
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
