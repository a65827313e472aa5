#!/bin/sh
# The browser test: a small demo economy served by the real server, and
# tests/browser/run.mjs driving Debian's chromium through every page.
set -eu
. "$SRC/tests/integration/lib/checks.sh" # db_uri: a file, or a schema under integration-pg
W="$WORK/browser"
rm -rf "$W"
mkdir -p "$W"
DB=$(db_uri "$W/demo.db")
"$ECHELON" demo generate --db "$DB" --enterprises 3000 >/dev/null
printf 'browser-admin\n' | "$ECHELON" user add admin --role admin --db "$DB" >/dev/null
"$ECHELON" serve --db "$DB" --listen 127.0.0.1:0 --web "$SRC/web/dist" --access-log "$W/access.log" >"$W/server.out" &
server=$!
trap 'kill -TERM $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT INT TERM
for _ in $(seq 1 100); do
	grep -q listening "$W/server.out" 2>/dev/null && break
	sleep 0.1
done
url=$(sed -n 's/^listening on \(http:[^ ]*\).*/\1/p' "$W/server.out")
if [ -z "$url" ]; then
	echo "not ok - the server did not start"
	echo "0 passed, 1 failed"
	exit 1
fi
cd "$SRC/tests/browser"
ECHELON_URL="$url" ECHELON_USER=admin ECHELON_PASSWORD=browser-admin node run.mjs
