#!/usr/bin/env bash
# Wall time of generated/django-update.sh updating a real instance of the
# fixture application from 1.0.0 to 1.1.0 (the page hopes for under a minute),
# against the same commands typed as one plain bash script (the operator's
# copy-paste, with no plan, log, lock, database dump or rollback), measured in
# the same run on two identical fresh instances, each with its database in a
# throw-away PostgreSQL cluster.
#   benchmarks/django-update-time.sh
set -euo pipefail
cd "$(dirname "$0")/.."
script/setup >/dev/null
swift build --product runbook >/dev/null
.build/debug/runbook build >/dev/null
work=$(mktemp -d)
chmod 755 "$work"  # the postgres user must reach its cluster inside
pg_bin=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
mkdir -p "$work/pg" && chown postgres "$work/pg"
runuser -u postgres -- "$pg_bin/initdb" -D "$work/pg/data" -A trust -U postgres >/dev/null
runuser -u postgres -- "$pg_bin/pg_ctl" -D "$work/pg/data" -o "-k $work/pg -c listen_addresses=''" -l "$work/pg/log" -w start >/dev/null
cleanup() {
  for conf in "$work"/*/supervisord.conf; do [[ ! -f $conf ]] || supervisorctl -c "$conf" shutdown >/dev/null 2>&1 || true; done
  runuser -u postgres -- "$pg_bin/pg_ctl" -D "$work/pg/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
export PGHOST=$work/pg PGUSER=notes PATH="$pg_bin:$PATH"
psql -X -q -U postgres -d postgres -c 'CREATE ROLE notes LOGIN' -c 'CREATE DATABASE generated OWNER notes' -c 'CREATE DATABASE plain OWNER notes'
make=Tests/RunbookTests/Fixtures/django-app/make-instance.sh
PGDATABASE=generated "$make" "$work/generated" 18741 >/dev/null
PGDATABASE=plain "$make" "$work/plain" 18742 >/dev/null

now() { date +%s.%N; }
start=$(now)
HOME=$work RUNBOOK_STATE_DIR="$work/state" generated/django-update.sh --yes --set INSTANCE_DIR="$work/generated/app" \
  --set SUPERVISOR_CONF="$work/generated/supervisord.conf" --set VERSION=1.1.0 --set DATABASE=generated \
  --set INSTANCE_URL=http://127.0.0.1:18741/ >/dev/null
generated=$(echo "$(now) - $start" | bc)

start=$(now)
(
  cd "$work/plain/app"
  supervisorctl -c "$work/plain/supervisord.conf" stop gunicorn >/dev/null
  # What the operator types after the page's `poetry shell`: python, not poetry run.
  # shellcheck disable=SC1091
  . "$(poetry env info --path)/bin/activate"
  pg_dump --format=custom --file="$work/plain.dump" plain
  python manage.py backup >/dev/null
  git checkout -q 1.1.0
  poetry install -q --no-root -E ldap
  python manage.py migrate -v 0
  python manage.py collectstatic --noinput -v 0
  supervisorctl -c "$work/plain/supervisord.conf" start gunicorn >/dev/null
)
plain=$(echo "$(now) - $start" | bc)

curl -fsS "http://127.0.0.1:18741/" | grep -q '"release": "1.1.0"'
printf 'generated/django-update.sh 1.0.0 -> 1.1.0: %.1f s (the page hopes for < 60 s)\n' "$generated"
printf 'the same commands as a plain bash script:  %.1f s (ratio %.2f)\n' "$plain" "$(echo "$generated / $plain" | bc -l)"
