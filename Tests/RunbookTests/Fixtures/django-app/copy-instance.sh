#!/usr/bin/env bash
# A running instance in DEST, copied from one make-instance.sh built (TEMPLATE,
# its service stopped; TEMPLATE/.made-at holds the folder it was built in):
# faster than building one, and the same. The paths the copy names (a
# virtualenv's scripts, supervisord's configuration, the clone's remote) are
# pointed at DEST, the service gets PORT, the settings the database
# (PGDATABASE, as PGUSER on PGHOST), which the caller has made and filled.
#   PGHOST=... PGUSER=... PGDATABASE=... copy-instance.sh TEMPLATE DEST PORT
set -euo pipefail
template=$1 dest=$2 port=$3
made_at=$(<"$template/.made-at")
cp -a "$template" "$dest"
rm "$dest/.made-at"
grep -rlIZ --fixed-strings "$made_at" "$dest" | xargs -0 -r sed -i "s|$made_at|$dest|g"
sed -i "s|--bind 127\.0\.0\.1:[0-9]*|--bind 127.0.0.1:$port|" "$dest/supervisord.conf"
cat >"$dest/app/instance_settings.py" <<PY
DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "NAME": "$PGDATABASE", "USER": "$PGUSER", "HOST": "$PGHOST"}}
PY
# shellcheck source=SCRIPTDIR/supervisor.sh
source "$(dirname "${BASH_SOURCE[0]}")/supervisor.sh"
start_supervisor "$dest/supervisord.conf"
# Answering, and RUNNING for supervisord (STARTING until startsecs have passed):
# every copy starts the same.
for _ in $(seq 100); do
  if curl -fsS -o /dev/null "http://127.0.0.1:$port/" \
    && [[ $(supervisorctl -c "$dest/supervisord.conf" status gunicorn) == *RUNNING* ]]; then exit 0; fi
  sleep 0.2
done
echo "the copy in $dest does not answer on port $port" >&2
exit 1
