#!/usr/bin/env bash
# --teardown of `runbook prove` for the Django update page: the world's service stops.
supervisorctl -c "$RUNBOOK_SUPERVISOR_CONF" shutdown >/dev/null 2>&1 || true
