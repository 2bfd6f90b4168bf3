#!/usr/bin/env bash
# Makes (again) one instance of the notes service in ~/app, run as its user:
# a bare origin with releases v1.0.0 and v1.1.0, a checkout at v1.0.0, its
# SQLite database migrated and holding notes, and the service running on PORT.
# With `duplicates`, two notes share a title: v1.1.0's migration (a unique
# index) fails on that instance.
# Usage: make-instance.sh PORT [duplicates]
set -euo pipefail
port=$1 data=${2:-}
app=$HOME/app origin=$HOME/origin.git work=$HOME/release-work
[[ ! -x $app/bin/service ]] || "$app/bin/service" stop || true
rm -rf "$app" "$origin" "$work" "$HOME/.local/state/runbook" "$HOME/.local/share/runbook"
export GIT_AUTHOR_NAME=release GIT_AUTHOR_EMAIL=release@example.org GIT_COMMITTER_NAME=release GIT_COMMITTER_EMAIL=release@example.org
export GIT_AUTHOR_DATE='2026-01-01T00:00:00Z' GIT_COMMITTER_DATE='2026-01-01T00:00:00Z'
git init --quiet --bare "$origin"
git init --quiet "$work"
cd "$work"
mkdir -p bin migrations public
printf 'data/\nrun/\nbackup/\nconfig/\n' >.gitignore
cat >bin/service <<'SERVICE'
#!/usr/bin/env bash
# The notes service: serves public/ on the port in config/port.
set -euo pipefail
app=$(cd "$(dirname "$0")/.." && pwd)
pidfile=$app/run/service.pid port=$(cat "$app/config/port")
# Running: its process exists and is not a zombie waiting to be reaped.
alive() { local stat; stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1; stat=${stat##*) }; [[ ${stat:0:1} != Z ]]; }
running() { [[ -f $pidfile ]] && alive "$(cat "$pidfile")"; }
case $1 in
  start)
    running && exit 0
    mkdir -p "$app/run"
    # Its own session, so that it outlives the shell that started it.
    setsid bash -c 'echo $$ >"$1"; exec python3 -m http.server "$2" --bind 127.0.0.1 --directory "$3"' _ \
      "$pidfile" "$port" "$app/public" </dev/null >>"$app/run/service.log" 2>&1 &
    # setsid execs (a background job leads no group), so $! is the service until it
    # writes its pid file: on two cores busy with the rest of the suite, writing it
    # took over the 0.1 s once allowed, and a service still starting was called exited.
    starting=$!
    for _ in $(seq 300); do
      sleep 0.1
      # Gone already: it could not take its port.
      running || alive "$starting" || { echo "the service exited: $(tail -n 1 "$app/run/service.log")" >&2; exit 1; }
      curl -fsS --max-time 1 "http://127.0.0.1:$port/version" >/dev/null 2>&1 && exit 0
    done
    echo "the service did not answer on port $port" >&2; exit 1 ;;
  stop)
    running || exit 0
    pid=$(cat "$pidfile"); kill "$pid"
    for _ in $(seq 50); do alive "$pid" || break; sleep 0.1; done
    ! alive "$pid" || kill -KILL "$pid"
    rm -f "$pidfile" ;;
  status) running ;;
esac
SERVICE
cat >bin/migrate <<'MIGRATE'
#!/usr/bin/env bash
# Applies the migrations not yet applied, each in one transaction.
set -euo pipefail
app=$(cd "$(dirname "$0")/.." && pwd)
db=$app/data/app.db
sqlite3 "$db" 'CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY)'
for file in "$app"/migrations/*.sql; do
  name=$(basename "$file")
  [[ -z $(sqlite3 "$db" "SELECT 1 FROM schema_migrations WHERE name = '$name'") ]] || continue
  { echo 'BEGIN;'; cat "$file"; echo "INSERT INTO schema_migrations VALUES ('$name');"; echo 'COMMIT;'; } | sqlite3 -bail "$db"
done
MIGRATE
chmod +x bin/service bin/migrate
echo 'CREATE TABLE notes (id INTEGER PRIMARY KEY, title TEXT NOT NULL, body TEXT);' >migrations/001-notes.sql
echo v1.0.0 >public/version
git add -A && git commit --quiet -m 'notes 1.0.0' && git tag v1.0.0
printf 'ALTER TABLE notes ADD COLUMN tags TEXT;\nCREATE UNIQUE INDEX notes_title ON notes (title);\n' >migrations/002-unique-titles.sql
echo v1.1.0 >public/version
git add -A && git commit --quiet -m 'notes 1.1.0: tags, unique titles' && git tag v1.1.0
git push --quiet "$origin" master --tags 2>/dev/null || git push --quiet "$origin" HEAD:refs/heads/main --tags
cd "$HOME" && rm -rf "$work"
git clone --quiet "$origin" "$app" && git -C "$app" checkout --quiet v1.0.0
mkdir -p "$app/data" "$app/config"
echo "$port" >"$app/config/port"
"$app/bin/migrate"
sqlite3 "$app/data/app.db" "INSERT INTO notes (title, body) VALUES ('welcome', 'first note'), ('todo', 'upgrade')"
[[ $data != duplicates ]] || sqlite3 "$app/data/app.db" "INSERT INTO notes (title, body) VALUES ('todo', 'a second todo')"
"$app/bin/service" start
