#!/bin/sh
# A throwaway PostgreSQL cluster for the tests: initdb and pg_ctl on a unix
# socket in DIR only (no TCP port), trust authentication for the superuser
# "echelon", one database "echelon_test". Run as root, the cluster belongs to
# the postgres user (initdb refuses root).
# Usage: scripts/pg.sh start DIR   (prints the URI to reach it)
#        scripts/pg.sh replica PRIMARY DIR  (a streaming replica of the
#                                  cluster in PRIMARY, hot standby; prints its URI)
#        scripts/pg.sh stop DIR    (stops the cluster and removes DIR)
#        scripts/pg.sh uri DIR
set -eu

usage="usage: scripts/pg.sh start|stop|uri DIR, or scripts/pg.sh replica PRIMARY DIR"
[ $# -eq 2 ] || { [ $# -eq 3 ] && [ "$1" = replica ]; } || { echo "$usage" >&2; exit 2; }
verb=$1
if [ "$verb" = replica ]; then
	primary=$2
	case "$primary" in /*) ;; *) primary="$PWD/$primary" ;; esac
	shift
fi
dir=$2
case "$dir" in /*) ;; *) dir="$PWD/$dir" ;; esac
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] || { echo "pg.sh: no PostgreSQL server (scripts/deps.sh test installs it)" >&2; exit 1; }

as_owner() {
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

uri() {
	echo "postgresql://echelon@/echelon_test?host=$dir"
}

case "$verb" in
start)
	# the socket's path, DIR/.s.PGSQL.5432, must fit a sockaddr_un (107 bytes)
	if [ ${#dir} -gt 90 ]; then
		echo "pg.sh: $dir: too long a path for the server's socket (at most 90 bytes)" >&2
		exit 1
	fi
	if [ -f "$dir/data/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
		uri
		exit 0
	fi
	rm -rf "$dir"
	mkdir -p "$dir"
	if [ "$(id -u)" = 0 ]; then
		chown postgres "$dir"
		as_owner test -w "$dir" ||
			{ echo "pg.sh: $dir: the postgres user cannot reach it (a parent directory is closed to it)" >&2; exit 1; }
	fi
	as_owner "$bin/initdb" -D "$dir/data" -A trust -U echelon -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 ||
		{ cat "$dir/initdb.log" >&2; exit 1; }
	# listen_addresses '' : the socket in DIR is the only way in. fsync off:
	# a test cluster is thrown away, never recovered.
	as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
		-o "-c listen_addresses='' -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
		start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
	as_owner "$bin/createdb" -h "$dir" -U echelon echelon_test
	uri
	;;
replica)
	if [ ${#dir} -gt 90 ]; then
		echo "pg.sh: $dir: too long a path for the server's socket (at most 90 bytes)" >&2
		exit 1
	fi
	rm -rf "$dir"
	mkdir -p "$dir"
	[ "$(id -u)" = 0 ] && chown postgres "$dir"
	# a base backup that streams the log and writes standby.signal and
	# primary_conninfo (-R): the copy starts as a hot standby following it
	as_owner "$bin/pg_basebackup" -h "$primary" -U echelon -D "$dir/data" -R -X stream --no-sync \
		>"$dir/basebackup.log" 2>&1 || { cat "$dir/basebackup.log" >&2; exit 1; }
	as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
		-o "-c listen_addresses='' -k $dir -c fsync=off -c hot_standby=on -c max_connections=200" \
		start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
	uri
	;;
stop)
	if [ -f "$dir/data/postmaster.pid" ]; then
		# immediate: the cluster is removed next, so the shutdown
		# checkpoint a fast stop writes (8 s after the integration tests)
		# would be thrown away
		as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null || true
	fi
	rm -rf "$dir"
	;;
uri)
	uri
	;;
*)
	echo "$usage" >&2
	exit 2
	;;
esac
