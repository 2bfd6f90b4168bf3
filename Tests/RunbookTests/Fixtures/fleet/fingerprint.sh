#!/usr/bin/env bash
# An instance's world, as its user sees it: release checked out, working tree
# state, the database's full dump, whether the service runs and what release
# it answers with, and every file outside .git and run/.
set -uo pipefail
app=$HOME/app
cd "$app" || exit 1
echo "release: $(git describe --tags)"
git status --porcelain --untracked-files=all
sqlite3 data/app.db .dump
if "$app/bin/service" status; then
  echo "service: running, answers $(curl -fsS --max-time 5 "http://127.0.0.1:$(cat config/port)/version")"
else
  echo "service: stopped"
fi
find . -path ./.git -prune -o -path ./run -prune -o -type f -print | LC_ALL=C sort | xargs sha256sum
