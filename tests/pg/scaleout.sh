#!/bin/sh
# Three `echelon serve` on one PostgreSQL store behind nginx, with the
# repository's nginx file (deploy/nginx/echelon.conf, its ports replaced):
# a change made through one server is seen through the others within 1 s
# (LISTEN/NOTIFY, src/server/listen.c), a sign-out through one signs out
# everywhere, and a server killed with SIGKILL loses nothing while nginx
# and the others keep serving. Run by ctest as pg/scaleout on the cluster
# the pg fixture starts (EC_PG_URI).
set -eu
: "${EC_PG_URI:?the cluster's URI}" "${ECHELON:?}" "${SRC:?}" "${WORK:?}"
work="$WORK/pg-scaleout"
rm -rf "$work"
mkdir -p "$work/nginx"
pass=0 fail=0
check() { # check STATUS MESSAGE
	if [ "$1" = 0 ]; then pass=$((pass + 1)); echo "ok - $2"; else fail=$((fail + 1)); echo "not ok - $2"; fi
}
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$nginx_bin" ] || { echo "not ok - nginx is installed (scripts/deps.sh test)"; exit 1; }
pids=""
cleanup() {
	[ -f "$work/nginx/nginx.pid" ] && kill "$(cat "$work/nginx/nginx.pid")" 2>/dev/null
	for p in $pids; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null; done
	psql "$EC_PG_URI" -qc "SET client_min_messages = warning; DROP SCHEMA IF EXISTS scaleout CASCADE" >/dev/null 2>&1 || true
}
trap cleanup EXIT

psql "$EC_PG_URI" -qc "SET client_min_messages = warning; DROP SCHEMA IF EXISTS scaleout CASCADE; CREATE SCHEMA scaleout"
db="$EC_PG_URI&options=-csearch_path%3Dscaleout"
"$ECHELON" init --db "$db" >/dev/null
printf 'password-root-1\npassword-root-1\n' | "$ECHELON" user add root --role admin --db "$db" >/dev/null
head -n 9 "$SRC/data/examples/enterprises.csv" >"$work/first.csv"
{ head -n 1 "$SRC/data/examples/enterprises.csv"; sed -n 10,13p "$SRC/data/examples/enterprises.csv"; } >"$work/second.csv"
{ head -n 1 "$SRC/data/examples/enterprises.csv"; sed -n '14,$p' "$SRC/data/examples/enterprises.csv"; } >"$work/third.csv"
"$ECHELON" import enterprises "$work/first.csv" --db "$db" >/dev/null

# three servers, each on a port of its own
for n in 1 2 3; do
	"$ECHELON" serve --db "$db" --listen 127.0.0.1:0 --behind-proxy >"$work/server$n.out" 2>&1 &
	pids="$pids $!"
	eval "pid$n=$!"
done
for n in 1 2 3; do
	port=""
	for i in $(seq 100); do
		port=$(sed -n 's/.*listening on [^ ]*:\([0-9][0-9]*\).*/\1/p' "$work/server$n.out" | head -n 1)
		[ -n "$port" ] && break
		sleep 0.1
	done
	[ -n "$port" ] || { cat "$work/server$n.out"; echo "not ok - server $n starts"; exit 1; }
	eval "port$n=$port"
done
front=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

# nginx with the repository's file, run by this user, everything in $work
sed -e "s/127.0.0.1:8081/127.0.0.1:$port1/" -e "s/127.0.0.1:8082/127.0.0.1:$port2/" \
	-e "s/127.0.0.1:8083/127.0.0.1:$port3/" -e "s/listen 127.0.0.1:8080;/listen 127.0.0.1:$front;/" \
	"$SRC/deploy/nginx/echelon.conf" >"$work/nginx/echelon.conf"
user=""
[ "$(id -u)" = 0 ] && user="user root;"
cat >"$work/nginx/nginx.conf" <<CONF
$user
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 256; }
http {
	access_log $work/nginx/access.log;
	client_body_temp_path $work/nginx/body;
	proxy_temp_path $work/nginx/proxy;
	fastcgi_temp_path $work/nginx/fastcgi;
	uwsgi_temp_path $work/nginx/uwsgi;
	scgi_temp_path $work/nginx/scgi;
	include $work/nginx/echelon.conf;
}
CONF
"$nginx_bin" -e "$work/nginx/error.log" -p "$work/nginx" -c "$work/nginx/nginx.conf" ||
	{ cat "$work/nginx/error.log"; echo "not ok - nginx starts"; exit 1; }
for i in $(seq 50); do
	[ -f "$work/nginx/nginx.pid" ] && break
	sleep 0.1
done
via() { echo "http://127.0.0.1:$1/api/v1"; }
nx=$(via "$front")

# signed in through nginx: the session is the store's, every server knows it
curl -s -c "$work/cookies" -H 'Content-Type: application/json' \
	-d '{"username":"root","password":"password-root-1"}' "$nx/session" >"$work/signin.json"
csrf=$(sed -n 's/.*"csrf_token": *"\([^"]*\)".*/\1/p' "$work/signin.json")
r=0
for p in $port1 $port2 $port3; do
	[ "$(curl -s -o /dev/null -w '%{http_code}' -b "$work/cookies" "$(via "$p")/session")" = 200 ] || r=1
done
check $r "signed in through nginx, the session is known to all three servers"

total() { # total PORT: the enterprises' total a server answers
	curl -s -b "$work/cookies" "$(via "$1")/enterprises?per_page=1" | sed -n 's/.*"total": *\([0-9]*\).*/\1/p'
}
# seen_within PORT WANT: waits up to 1 s for the server to answer WANT;
# prints the milliseconds it took, or "never"
seen_within() {
	start=$(date +%s%N)
	while :; do
		[ "$(total "$1")" = "$2" ] && { echo $((($(date +%s%N) - start) / 1000000)); return; }
		[ $(($(date +%s%N) - start)) -gt 1000000000 ] && { echo never; return; }
		sleep 0.02
	done
}
import_via() { # import_via PORT FILE: an import as a job, waited for; prints its HTTP status
	job=$(curl -s -b "$work/cookies" -H "X-CSRF-Token: $csrf" -H 'Content-Type: text/csv' \
		--data-binary @"$2" "$(via "$1")/import/enterprises" | sed -n 's/.*"id": *"\([^"]*\)".*/\1/p' | head -n 1)
	echo "$job" >"$work/job.$1"
	for i in $(seq 200); do
		state=$(curl -s -b "$work/cookies" "$(via "$1")/jobs/$job")
		case "$state" in *'"state": "done"'* | *'"state":"done"'*)
			echo "$state" | sed -n 's/.*"http_status": *\([0-9]*\).*/\1/p'; return ;;
		*'"failed"'* | *'"cancelled"'*) echo failed; return ;;
		esac
		sleep 0.05
	done
	echo timeout
}

# the sign-in limit of nginx counts sign-ins only: the dashboard's GET of
# the session on every page is not refused (bench/http/scaleout.sh found
# 429s for it)
codes=$(for i in $(seq 40); do curl -s -o /dev/null -w '%{http_code} ' -b "$work/cookies" "$nx/session"; done)
r=0
case "$codes" in *429*) r=1 ;; esac
check $r "40 GETs of the session through nginx at once are answered, none limited"

# each server has the old answer kept; a change through server 1
r=0
for p in $port1 $port2 $port3; do [ "$(total "$p")" = 8 ] || r=1; done
check $r "the three servers answer 8 enterprises (kept)"
st=$(import_via "$port1" "$work/second.csv")
ms2=$(seen_within "$port2" 12)
ms3=$(seen_within "$port3" 12)
r=0
[ "$st" = 200 ] && [ "$ms2" != never ] && [ "$ms3" != never ] || r=1
check $r "an import through server 1 is seen through servers 2 and 3 within 1 s ($ms2 ms, $ms3 ms)"

# a command's change (another process, no server) is heard too
"$ECHELON" import enterprises "$work/third.csv" --db "$db" >/dev/null
ms1=$(seen_within "$port1" 16)
ms2=$(seen_within "$port2" 16)
r=0
[ "$ms1" != never ] && [ "$ms2" != never ] || r=1
check $r "an import by the command is seen through the servers within 1 s ($ms1 ms, $ms2 ms)"

# a sign-out through server 2 signs out everywhere at once, though each
# server keeps a session it has checked for a few seconds
for p in $port1 $port3; do curl -s -o /dev/null -b "$work/cookies" "$(via "$p")/session"; done
code=$(curl -s -o /dev/null -w '%{http_code}' -b "$work/cookies" -H "X-CSRF-Token: $csrf" -X DELETE "$(via "$port2")/session")
sleep 0.5
c1=$(curl -s -o /dev/null -w '%{http_code}' -b "$work/cookies" "$(via "$port1")/session")
c3=$(curl -s -o /dev/null -w '%{http_code}' -b "$work/cookies" "$(via "$port3")/session")
cn=$(curl -s -o /dev/null -w '%{http_code}' -b "$work/cookies" "$nx/session")
r=0
[ "$code" = 204 ] && [ "$c1" = 401 ] && [ "$c3" = 401 ] && [ "$cn" = 401 ] || r=1
check $r "a sign-out through server 2 is a sign-out through 1, 3 and nginx within 0.5 s ($code; $c1 $c3 $cn)"

# behind nginx every peer is 127.0.0.1: the sign-in limits count the
# address nginx names (--behind-proxy), so one client's failures do not
# lock the account for another
signin_from() { # signin_from ADDRESS PASSWORD: the status of a sign-in as root
	curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -H "X-Forwarded-For: 1.2.3.4, $1" \
		-d "{\"username\":\"root\",\"password\":\"$2\"}" "$(via "$port1")/session"
}
codes=""
for i in 1 2 3 4 5 6; do codes="$codes $(signin_from 192.0.2.1 wrong-password)"; done
other=$(signin_from 192.0.2.2 password-root-1)
r=0
[ "$codes" = " 401 401 401 401 401 429" ] && [ "$other" = 200 ] || r=1
check $r "failed sign-ins count per forwarded address: 5 refused then 429 for one, another signs in ($codes; $other)"

# server 3 killed: what it committed stays, nginx passes it over
curl -s -c "$work/cookies" -H 'Content-Type: application/json' \
	-d '{"username":"root","password":"password-root-1"}' "$(via "$port3")/session" >"$work/signin.json"
csrf=$(sed -n 's/.*"csrf_token": *"\([^"]*\)".*/\1/p' "$work/signin.json")
kill -KILL "$pid3"
wait "$pid3" 2>/dev/null || true
pids=$(echo "$pids" | sed "s/ $pid3//")
ok=0
for i in $(seq 30); do
	[ "$(curl -s -o /dev/null -w '%{http_code}' -b "$work/cookies" "$nx/enterprises?per_page=1&i=$i")" = 200 ] && ok=$((ok + 1))
done
r=0
[ "$ok" = 30 ] || r=1
check $r "server 3 killed: 30 of 30 requests through nginx answered ($ok), with the session signed in on server 3"
r=0
[ "$(total "$port1")" = 16 ] && [ "$(total "$port2")" = 16 ] || r=1
check $r "nothing lost: 16 enterprises through servers 1 and 2"
cat >"$work/fourth.csv" <<'CSV'
uscc,name,industry,region,lat,lon,founded,sei_categories
91310115000301600R,浦江示例微电子有限公司（改）,3973,310115,31.2214,121.544,2004-03-18,
CSV
st=$(import_via "$front" "$work/fourth.csv")
name=$(curl -s -b "$work/cookies" "$(via "$port2")/enterprises?q=91310115000301600R")
r=0
[ "$st" = 200 ] && case "$name" in *"（改）"*) true ;; *) false ;; esac || r=1
check $r "a change through nginx after the kill is made and seen ($st)"

# a server starting marks failed the jobs a stopped server left, not those
# a live one runs: their ids begin with its name, which it holds
live="$(cut -c1-16 "$work/job.$port1")aaaaaaaaaaaaaaaa"
dead=deadbeefdeadbeefaaaaaaaaaaaaaaaa
psql "$db" -qc "INSERT INTO job(id, user_id, kind, label, state, created_at, started_at, finished_at, expires_at, http_status)
	VALUES ('$live', 1, 'import', 'live', 'running', 1, 1, 0, 0, 0), ('$dead', 1, 'import', 'dead', 'running', 1, 1, 0, 0, 0)"
"$ECHELON" serve --db "$db" --listen 127.0.0.1:0 --behind-proxy >"$work/server4.out" 2>&1 &
pids="$pids $!"
for i in $(seq 100); do
	grep -q "listening on" "$work/server4.out" && break
	sleep 0.1
done
states=$(psql "$db" -Atc "SELECT string_agg(label || ':' || state, ' ' ORDER BY label) FROM job WHERE id IN ('$live', '$dead')")
r=0
[ "$states" = "dead:failed live:running" ] || r=1
check $r "a fourth server starting leaves server 1's running job and settles a dead server's ($states)"

r=0
grep -q "error" "$work/server1.out" "$work/server2.out" && r=1
check $r "the servers left running logged no error"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
