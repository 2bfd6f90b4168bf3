#!/usr/bin/env bash
# `runbook prove` on the E-Maj upgrade page (docs-src/emaj-upgrade.rst), against
# a real PostgreSQL and the real E-Maj (dalibo/emaj at tag v5.0.0): each world
# is a database of its own in one throw-away cluster, holding E-Maj 4.7.1 as an
# extension with a tables group logging; the page upgrades it in place to
# 5.0.0. Prints the time of the proof with --jobs 1 and with one job per
# processor, and, when RUNBOOK_BASELINE names an older runbook, of that one in
# the same run (it builds a world for every step, reached or not).
#   EMAJ_REPO=<git dir of dalibo/emaj> benchmarks/prove-emaj.sh [RUNBOOK]
# Needs root: PostgreSQL reads extensions only from its share directory.
# The E-Maj repository is not on a fresh machine: fetch github:dalibo/emaj.
set -euo pipefail
cd "$(dirname "$0")/.."
runbook=${1:-.build/debug/runbook}
repo=${EMAJ_REPO:-/work/.mirror/dalibo+emaj/repo}
[[ $(id -u) -eq 0 ]] || { echo "prove-emaj: run as root (E-Maj's files go into PostgreSQL's share directory)" >&2; exit 2; }
git --git-dir="$repo" rev-parse -q --verify v5.0.0 >/dev/null || { echo "prove-emaj: no E-Maj repository at $repo (fetch github:dalibo/emaj)" >&2; exit 2; }
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
share=$("$bin/pg_config" --sharedir 2>/dev/null || echo "/usr/share/postgresql/$(basename "$(dirname "$bin")")")
[[ ! -e $share/extension/emaj.control && ! -e $share/emaj ]] || { echo "prove-emaj: $share/extension already has an E-Maj: not touching it" >&2; exit 2; }

work=$(mktemp -d)
chown postgres "$work"
cleanup() {
  runuser -u postgres -- "$bin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$share/emaj" "$share/extension/emaj.control" "$work"
}
trap cleanup EXIT
runuser -u postgres -- "$bin/initdb" -D "$work/data" -A trust -U postgres >/dev/null
runuser -u postgres -- "$bin/pg_ctl" -D "$work/data" -o "-k '$work' -c listen_addresses='' -c max_connections=60" -l "$work/log" -w start >/dev/null

# The real extension's files where its control file says (directory = 'emaj', under the share directory).
mkdir -p "$work/emaj" "$share/emaj"
git --git-dir="$repo" archive v5.0.0 emaj.control sql | tar -x -C "$work/emaj"
cp "$work/emaj/emaj.control" "$share/extension/"
cp "$work/emaj/sql/"emaj--*.sql "$share/emaj/"

export PGHOST=$work PGUSER=postgres PATH="$bin:$PATH"
# A world: its own database, E-Maj 4.7.1 installed as an extension, two
# application tables in a group that is logging, a few rows logged.
cat >"$work/setup.sh" <<'SETUP'
set -euo pipefail
db="w_${RUNBOOK_PROVE_WORLD##*/world-}_$$"
createdb "$db"
psql -X -q -v ON_ERROR_STOP=1 -d "$db" >/dev/null <<'SQL'
CREATE EXTENSION emaj VERSION '4.7.1' CASCADE;
CREATE SCHEMA app;
CREATE TABLE app.orders (id int PRIMARY KEY, amount numeric);
CREATE TABLE app.lines (id int PRIMARY KEY, order_id int REFERENCES app.orders, item text);
SELECT emaj.emaj_create_group('g1');
SELECT emaj.emaj_assign_tables('app', '.*', '', 'g1');
SELECT emaj.emaj_start_group('g1', 'start');
INSERT INTO app.orders VALUES (1, 10), (2, 20);
INSERT INTO app.lines VALUES (1, 1, 'a'), (2, 2, 'b');
SQL
echo "PGDATABASE=$db"
SETUP
# What an upgrade changes: the extension's version, E-Maj's schema, the group.
cat >"$work/fingerprint.sh" <<'FINGERPRINT'
set -euo pipefail
psql -X -tA -c "SELECT extversion FROM pg_extension WHERE extname = 'emaj'"
psql -X -tA -c "SELECT group_name, group_is_rollbackable FROM emaj.emaj_group ORDER BY 1"
# (pg_dump's \restrict key is new in every dump.)
pg_dump --schema-only --no-owner -n emaj | grep -v -e '^--' -e '^\\restrict' -e '^\\unrestrict' | sort
FINGERPRINT
echo 'dropdb --if-exists "$PGDATABASE"' >"$work/teardown.sh"

prove() {
  local binary=$1 started elapsed
  shift
  started=$(date +%s.%N)
  "$binary" prove docs-src/emaj-upgrade.rst --setup "bash $work/setup.sh" --fingerprint "bash $work/fingerprint.sh" \
    --teardown "bash $work/teardown.sh" --set OLD_EMAJ_DIR="$work/emaj" --set NEW_EMAJ_DIR="$work/emaj" "$@" >"$work/out" 2>"$work/err" || true
  elapsed=$(echo "$(date +%s.%N) - $started" | bc)
  printf '%-40s %6.1f s   %s\n' "${binary##*/.build}${*:+ $*}" "$elapsed" "$(head -1 "$work/out")"
  tail -n 1 "$work/out"; tail -n 5 "$work/err" >&2
}
jobs=$(nproc)
echo "E-Maj 4.7.1 -> 5.0.0 (real, v5.0.0) on PostgreSQL $("$bin/postgres" --version | awk '{print $3}'), $jobs processors"
prove "$runbook" --jobs 1
cat "$work/out"
prove "$runbook" --jobs "$jobs"
if [[ -n ${RUNBOOK_BASELINE:-} ]]; then prove "$RUNBOOK_BASELINE"; fi
