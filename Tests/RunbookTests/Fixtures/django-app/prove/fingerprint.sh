#!/usr/bin/env bash
# --fingerprint of `runbook prove` for the Django update page: everything a
# failed update must give back. Branch and commit, untracked files, installed
# packages, the database (schema and rows; sequence values aside: PostgreSQL
# never gives those back; the migrations applied without the time they were),
# the static files, the service and the page it serves.
set -euo pipefail
cd "$RUNBOOK_INSTANCE_DIR"
echo "== code"; git rev-parse --abbrev-ref HEAD; git rev-parse HEAD; git status --porcelain
echo "== packages"; .venv/bin/pip freeze --all
echo "== database"
pg_dump --no-owner --exclude-table-data=django_migrations | grep -v -E '^SELECT pg_catalog.setval|^-- Dumped|^\\(un)?restrict '
psql -X -q -tA -c 'SELECT app, name FROM django_migrations ORDER BY id'
echo "== static files"; (cd ../static-root && find . -type f -print0 | sort -z | xargs -0 sha256sum)
echo "== service"; supervisorctl -c "$RUNBOOK_SUPERVISOR_CONF" status gunicorn | awk '{print $1, $2}'
echo "== page"; curl -fsS "http://127.0.0.1:$PROVE_PORT/" || echo "(no answer)"
