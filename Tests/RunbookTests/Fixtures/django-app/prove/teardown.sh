#!/usr/bin/env bash
# --teardown of `runbook prove` for the Django update page: the world's service
# stops and its database goes (its folder is removed by prove).
# shellcheck source=SCRIPTDIR/../supervisor.sh
source "$(dirname "${BASH_SOURCE[0]}")/../supervisor.sh"
stop_supervisor "$RUNBOOK_SUPERVISOR_CONF"
dropdb --if-exists "$PGDATABASE" || true
