#!/usr/bin/env bash
# Wall time of generated/django-update.sh updating a real instance of the
# fixture application from 1.0.0 to 1.1.0 (the page hopes for under a minute),
# against the same commands typed as one plain bash script (the operator's
# copy-paste, with no plan, log, lock, backup capture or rollback), measured in
# the same run on two identical fresh instances.
#   benchmarks/django-update-time.sh
set -euo pipefail
cd "$(dirname "$0")/.."
script/setup >/dev/null
swift build --product runbook >/dev/null
.build/debug/runbook build >/dev/null
work=$(mktemp -d)
cleanup() {
  for conf in "$work"/*/supervisord.conf; do [[ ! -f $conf ]] || supervisorctl -c "$conf" shutdown >/dev/null 2>&1 || true; done
  rm -rf "$work"
}
trap cleanup EXIT
make=Tests/RunbookTests/Fixtures/django-app/make-instance.sh
"$make" "$work/generated" 18741 >/dev/null
"$make" "$work/plain" 18742 >/dev/null

now() { date +%s.%N; }
start=$(now)
RUNBOOK_STATE_DIR="$work/state" generated/django-update.sh --yes --set INSTANCE_DIR="$work/generated/app" \
  --set SUPERVISOR_CONF="$work/generated/supervisord.conf" --set VERSION=1.1.0 >/dev/null
generated=$(echo "$(now) - $start" | bc)

start=$(now)
(
  cd "$work/plain/app"
  supervisorctl -c "$work/plain/supervisord.conf" stop gunicorn >/dev/null
  poetry run python manage.py backup >/dev/null
  git checkout -q 1.1.0
  poetry install -q --no-root -E ldap
  poetry run python manage.py migrate -v 0
  poetry run python manage.py collectstatic --noinput -v 0
  supervisorctl -c "$work/plain/supervisord.conf" start gunicorn >/dev/null
)
plain=$(echo "$(now) - $start" | bc)

curl -fsS "http://127.0.0.1:18741/" | grep -q '"release": "1.1.0"'
printf 'generated/django-update.sh 1.0.0 -> 1.1.0: %.1f s (the page hopes for < 60 s)\n' "$generated"
printf 'the same commands as a plain bash script:  %.1f s (ratio %.2f)\n' "$plain" "$(echo "$generated / $plain" | bc -l)"
