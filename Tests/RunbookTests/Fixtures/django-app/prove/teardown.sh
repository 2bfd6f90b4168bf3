#!/usr/bin/env bash
# --teardown of `runbook prove` for the Django update page: the world's service
# stops and its database goes (its folder is removed by prove).
supervisorctl -c "$RUNBOOK_SUPERVISOR_CONF" shutdown >/dev/null 2>&1 || true
for _ in $(seq 100); do
  if [[ ! -e ${RUNBOOK_SUPERVISOR_CONF%/*}/supervisord.pid ]]; then break; fi
  sleep 0.1
done
dropdb --if-exists "$PGDATABASE" || true
