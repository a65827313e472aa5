#!/bin/sh
# A server on PostgreSQL outlives a restart of the database server: every
# request after `pg_ctl restart` is answered (store_pg.c makes a dropped
# connection again between transactions, with its settings, and prepares
# its statements again). Its own cluster (scripts/pg.sh), since restarting
# the shared one would break the cases running beside it.
set -eu
: "${ECHELON:?}" "${SRC:?}" "${WORK:?}"
work="$WORK/pg-reconnect"
rm -rf "$work"
mkdir -p "$work"
chmod 755 "$work"
pass=0 fail=0
check() { # check STATUS MESSAGE
	if [ "$1" = 0 ]; then pass=$((pass + 1)); echo "ok - $2"; else fail=$((fail + 1)); echo "not ok - $2"; fi
}
server=""
cleanup() {
	[ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
	sh "$SRC/scripts/pg.sh" stop "$work/pg" >/dev/null 2>&1 || true
}
trap cleanup EXIT

uri=$(sh "$SRC/scripts/pg.sh" start "$work/pg")
"$ECHELON" init --db "$uri" >/dev/null
printf 'password-root-1\npassword-root-1\n' | "$ECHELON" user add root --role admin --db "$uri" >/dev/null
"$ECHELON" serve --db "$uri" --listen 127.0.0.1:0 >"$work/server.out" 2>&1 &
server=$!
port=""
for i in $(seq 100); do
	port=$(sed -n 's/.*listening on [^ ]*:\([0-9][0-9]*\).*/\1/p' "$work/server.out" | head -n 1)
	[ -n "$port" ] && break
	sleep 0.1
done
[ -n "$port" ] || { cat "$work/server.out"; echo "not ok - the server starts"; exit 1; }
base="http://127.0.0.1:$port/api/v1"
curl -s -o /dev/null -c "$work/cookies" -H 'Content-Type: application/json' \
	-d '{"username":"root","password":"password-root-1"}' "$base/session"

answered() { # answered N: how many of N requests for the users list got 200
	n=0
	for i in $(seq "$1"); do
		code=$(curl -s -o /dev/null -w '%{http_code}' -b "$work/cookies" "$base/users")
		[ "$code" = 200 ] && n=$((n + 1)) || echo "$code" >>"$work/refused"
	done
	echo "$n"
}
r=0
[ "$(answered 5)" = 5 ] || r=1
check $r "signed in on PostgreSQL, 5 of 5 requests answered"
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
if [ "$(id -u)" = 0 ]; then owner="runuser -u postgres --"; else owner=""; fi
$owner "$bin/pg_ctl" -D "$work/pg/data" -m fast -w restart \
	-o "-c listen_addresses='' -k $work/pg -c fsync=off" >/dev/null
r=0
got=$(answered 20)
[ "$got" = 20 ] || r=1
check $r "after the database server restarted, 20 of 20 requests answered ($got), the session kept"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
