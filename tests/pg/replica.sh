#!/bin/sh
# Readers on a streaming replica (issue 20, part 5): `echelon serve --db
# PRIMARY --read-db REPLICA` on a throwaway primary and its hot standby
# (scripts/pg.sh start, scripts/pg.sh replica). The dashboard's kept reads
# come from the replica once it has replayed every change the server knows
# of; a replica that lags (its replay paused) is passed over for the
# primary, so no answer is ever older than a change made through the
# server, heard from a command, or made by the reader itself; a replica
# that stops leaves the primary answering. Run by ctest as pg/replica (its
# own two clusters: pausing the fixture's would hold up the tests beside).
set -eu
: "${ECHELON:?}" "${SRC:?}" "${WORK:?}"
work="$WORK/pg-replica"
rm -rf "$work"
mkdir -p "$work"
chmod 755 "$work"
pass=0 fail=0
check() { # check STATUS MESSAGE
	if [ "$1" = 0 ]; then pass=$((pass + 1)); echo "ok - $2"; else fail=$((fail + 1)); echo "not ok - $2"; fi
}
pid=""
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	sh "$SRC/scripts/pg.sh" stop "$work/r" >/dev/null 2>&1 || true
	sh "$SRC/scripts/pg.sh" stop "$work/p" >/dev/null 2>&1 || true
}
trap cleanup EXIT
export ECHELON_FACTS_DIR="$work/cache"
primary=$(sh "$SRC/scripts/pg.sh" start "$work/p")
"$ECHELON" init --db "$primary" >/dev/null
printf 'password-root-1\npassword-root-1\n' | "$ECHELON" user add root --role admin --db "$primary" >/dev/null
head -n 9 "$SRC/data/examples/enterprises.csv" >"$work/first.csv"
{ head -n 1 "$SRC/data/examples/enterprises.csv"; sed -n 10,13p "$SRC/data/examples/enterprises.csv"; } >"$work/second.csv"
{ head -n 1 "$SRC/data/examples/enterprises.csv"; sed -n 14,16p "$SRC/data/examples/enterprises.csv"; } >"$work/third.csv"
{ head -n 1 "$SRC/data/examples/enterprises.csv"; sed -n '17,$p' "$SRC/data/examples/enterprises.csv"; } >"$work/fourth.csv"
"$ECHELON" import enterprises "$work/first.csv" --db "$primary" >/dev/null
replica=$(sh "$SRC/scripts/pg.sh" replica "$work/p" "$work/r")
rsql() { psql "$replica" -qAtc "$1"; }

r=0
"$ECHELON" serve --db "$work/x.db" --read-db "$replica" >"$work/refused.out" 2>&1 || r=$?
check $([ $r = 2 ] && grep -q "read-db" "$work/refused.out" && echo 0 || echo 1) \
	"--read-db with a SQLite --db is refused with a usage problem (exit $r)"

"$ECHELON" serve --db "$primary" --read-db "$replica" --listen 127.0.0.1:0 >"$work/server.out" 2>&1 &
pid=$!
port=""
for i in $(seq 100); do
	port=$(sed -n 's/.*listening on [^ ]*:\([0-9][0-9]*\).*/\1/p' "$work/server.out" | head -n 1)
	[ -n "$port" ] && break
	sleep 0.1
done
[ -n "$port" ] || { cat "$work/server.out"; echo "not ok - the server starts"; exit 1; }
api="http://127.0.0.1:$port/api/v1"
curl -s -c "$work/cookies" -H 'Content-Type: application/json' \
	-d '{"username":"root","password":"password-root-1"}' "$api/session" >"$work/signin.json"
csrf=$(sed -n 's/.*"csrf_token": *"\([^"]*\)".*/\1/p' "$work/signin.json")

# ask: "TOTAL WHERE" of one fresh answer (a new query string each time,
# the clock's nanoseconds, so that no kept answer is reused; a counter
# would not count in the $(...) subshells); WHERE is replica or primary
ask() {
	curl -s -D "$work/h" -b "$work/cookies" "$api/enterprises?per_page=1&q=&ask=$(date +%s%N)" >"$work/b"
	t=$(sed -n 's/.*"total": *\([0-9]*\).*/\1/p' "$work/b")
	grep -qi '^x-echelon-read: replica' "$work/h" && echo "$t replica" || echo "$t primary"
}
# until WANT: asks for up to 2 s until the answer is WANT ("TOTAL WHERE");
# prints what was answered last
until_answer() {
	for i in $(seq 100); do
		got=$(ask)
		[ "$got" = "$1" ] && break
		sleep 0.02
	done
	echo "$got"
}

got=$(until_answer "8 replica")
check $([ "$got" = "8 replica" ] && echo 0 || echo 1) "a caught-up replica answers the dashboard's reads ($got)"
sess=$(curl -s -D "$work/h" -o /dev/null -w '%{http_code}' -b "$work/cookies" "$api/session")
r=1; [ "$sess" = 200 ] && ! grep -qi '^x-echelon-read' "$work/h" && r=0
check $r "the session and other unkept routes stay on the primary"

# the reader's own change: read back at once, never the older answer
job=$(curl -s -b "$work/cookies" -H "X-CSRF-Token: $csrf" -H 'Content-Type: text/csv' \
	--data-binary @"$work/second.csv" "$api/import/enterprises" | sed -n 's/.*"id": *"\([^"]*\)".*/\1/p' | head -n 1)
for i in $(seq 200); do
	case "$(curl -s -b "$work/cookies" "$api/jobs/$job")" in *'"state": "done"'* | *'"state":"done"'*) break ;; esac
	sleep 0.05
done
got=$(ask)
check $(echo "$got" | grep -q '^12 ' && echo 0 || echo 1) "an import through the server is read back at once ($got)"

# the replica lags: its replay paused, a command's change heard through the
# store: answered by the primary, never the replica's older figures
rsql "SELECT pg_wal_replay_pause()"
"$ECHELON" import enterprises "$work/third.csv" --db "$primary" >/dev/null
got=$(until_answer "15 primary")
check $([ "$got" = "15 primary" ] && echo 0 || echo 1) \
	"while the replica lags, a command's import is answered from the primary ($got)"
stale=0
for i in $(seq 10); do
	a=$(ask)
	[ "$a" = "15 primary" ] || stale=1
done
check $stale "and so are the ten reads after it (the replica, at 12, never answers)"
rsql "SELECT pg_wal_replay_resume()"
got=$(until_answer "15 replica")
check $([ "$got" = "15 replica" ] && echo 0 || echo 1) "once it has replayed, the replica answers again ($got)"

# the replica stops: the primary answers
sh "$SRC/scripts/pg.sh" stop "$work/r" >/dev/null 2>&1
"$ECHELON" import enterprises "$work/fourth.csv" --db "$primary" >/dev/null
want=$(($(wc -l <"$SRC/data/examples/enterprises.csv") - 1))
got=$(until_answer "$want primary")
check $([ "$got" = "$want primary" ] && echo 0 || echo 1) "with the replica stopped the primary answers ($got)"
r=0
kill -0 "$pid" 2>/dev/null || r=1
check $r "and the server keeps serving"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
