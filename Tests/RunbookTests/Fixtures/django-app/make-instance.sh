#!/usr/bin/env bash
# Builds a running instance of the fixture application in DEST, as an operator
# would have it before an update. The application is a look-alike of the real
# one of seed 000 (biomaid, run by script/e2e-biomaid), as demanding where the
# update page is concerned: a PostgreSQL database, a backup command that writes
# the data only (./backup.json.bz2, nothing printed) and no restore command.
#   DEST/upstream         the project's repository, releases tagged
#   DEST/app              its clone, on branch stable at release 1.0.0, with
#                         1.1.0 (two migration branches and their merge, a
#                         dependency bumped, one added, a static file added) and
#                         1.2.0 (1.1.0 and a migration PostgreSQL refuses) tagged;
#                         its poetry environment (.venv, Django from PyPI); its
#                         database migrated, with two notes; static files
#                         collected into DEST/static-root
#   DEST/supervisord.conf supervisord serving it with gunicorn on 127.0.0.1:PORT
#
#   PGHOST=... PGUSER=... PGDATABASE=... make-instance.sh DEST PORT
# The database must exist, owned by PGUSER (not a superuser): the page's
# rollback restores it with DROP OWNED BY CURRENT_USER and pg_restore.
set -euo pipefail
# The application gets its own .venv, whatever virtualenv the caller has active.
unset VIRTUAL_ENV
here=$(cd "$(dirname "$0")" && pwd)
dest=$1 port=$2
# The project's repository (DEST/upstream), and the instance's clone of it, as
# an operator has one: `git fetch --tags` gets what was published since.
mkdir -p "$dest/upstream"
cd "$dest/upstream"
git init -q -b main
git config user.email tests@example.invalid
git config user.name 'runbook tests'
for release in 1.0.0 1.1.0 1.2.0; do
  cp -R "$here/$release/." .
  git add -A
  git commit -q -m "Release $release"
  git tag "$release"
done
git clone -q "$dest/upstream" "$dest/app"
cd "$dest/app"
git config user.email tests@example.invalid
git config user.name 'runbook tests'
git checkout -q -b stable 1.0.0
cat >instance_settings.py <<PY
DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "NAME": "$PGDATABASE", "USER": "$PGUSER", "HOST": "$PGHOST"}}
PY
poetry install -q --no-root -E ldap
poetry run python manage.py migrate -v 0
poetry run python manage.py collectstatic --noinput -v 0
poetry run python manage.py shell -c "from board.models import Note; Note.objects.create(text='first'); Note.objects.create(text='second')"

cat >"$dest/supervisord.conf" <<CONF
[unix_http_server]
file=$dest/supervisor.sock

[supervisord]
logfile=$dest/supervisord.log
pidfile=$dest/supervisord.pid
childlogdir=$dest

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

[supervisorctl]
serverurl=unix://$dest/supervisor.sock

[program:gunicorn]
command=$dest/app/.venv/bin/gunicorn notes.wsgi:application --bind 127.0.0.1:$port --workers 1
directory=$dest/app
startsecs=1
stopasgroup=true
killasgroup=true
CONF
# shellcheck source=SCRIPTDIR/supervisor.sh
source "$(dirname "${BASH_SOURCE[0]}")/supervisor.sh"
start_supervisor "$dest/supervisord.conf"
for _ in $(seq 100); do
  if curl -fsS -o /dev/null "http://127.0.0.1:$port/"; then exit 0; fi
  sleep 0.2
done
echo "make-instance.sh: the application does not answer on port $port" >&2
exit 1
