#!/usr/bin/env bash
# Builds, once, the instance every world of `runbook prove` starts from:
# make-instance.sh at BASE/instance with the database `notes`, then kept as
# BASE/template and the database as `notes_template`. setup.sh copies it into
# each world's own folder (copy-instance.sh), so that worlds are independent
# and run at once.
# The poetry cache the worlds share is filled here with what the update to
# 1.1.0 installs: worlds running at once then only read it.
#   PGHOST=... PGUSER=<superuser> make-template.sh BASE PORT
set -euo pipefail
# The application gets its own .venv, whatever virtualenv the caller has active.
unset VIRTUAL_ENV
here=$(cd "$(dirname "$0")" && pwd)
base=$1 port=$2
superuser=$PGUSER
export POETRY_CACHE_DIR=$base/poetry-cache
psql -X -q -v ON_ERROR_STOP=1 -d postgres -c 'CREATE ROLE notes LOGIN' -c 'CREATE DATABASE notes OWNER notes'
mkdir -p "$base/home"
PGUSER=notes PGDATABASE=notes HOME="$base/home" "$here/../make-instance.sh" "$base/instance" "$port"
# shellcheck source=SCRIPTDIR/../supervisor.sh
source "$here/../supervisor.sh"
stop_supervisor "$base/instance/supervisord.conf"
PGUSER=$superuser createdb -T notes -O notes notes_template
cp -a "$base/instance" "$base/template"
echo "$base/instance" >"$base/template/.made-at"
# The original, now spare, installs 1.1.0's packages into the cache.
(cd "$base/instance/app" && git checkout -q 1.1.0 && HOME="$base/home" poetry install -q --no-root -E ldap)
rm -rf "$base/instance"
