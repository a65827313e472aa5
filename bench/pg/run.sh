#!/bin/sh
# The same work on SQLite and on PostgreSQL (issue 20, part 1): `echelon demo
# generate` (row-by-row prepared writes, one transaction), then `echelon
# monitor` (the reads that build the cube) RUNS times each, and a check that
# both stores export the same bytes. PostgreSQL is a throwaway local cluster
# on a unix socket (scripts/pg.sh). Release build in ./build.
# Usage: ENTERPRISES=5000 RUNS=3 bench/pg/run.sh
set -eu
cd "$(dirname "$0")/../.."
ECHELON=${ECHELON:-$PWD/build/echelon}
N=${ENTERPRISES:-5000}
RUNS=${RUNS:-3}
dir=$(mktemp -d /tmp/bench-pg.XXXXXX)
chmod 755 "$dir" # the cluster's owner (postgres, when run as root) must reach it
trap 'scripts/pg.sh stop "$dir/pg" >/dev/null 2>&1; rm -rf "$dir"' EXIT
uri=$(scripts/pg.sh start "$dir/pg")
sqlite_db="$dir/demo.db"
pg_db="$uri&options=-csearch_path%3Dpublic"

seconds() { # seconds COMMAND...: wall seconds of one run, output dropped
	/usr/bin/time -f %e -o "$dir/t" "$@" >/dev/null 2>&1
	cat "$dir/t"
}

echo "enterprises $N, runs $RUNS, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for store in sqlite postgres; do
	[ $store = sqlite ] && db=$sqlite_db || db=$pg_db
	echo "$store demo generate: $(seconds "$ECHELON" demo generate --db "$db" --enterprises "$N") s"
	times=""
	for i in $(seq "$RUNS"); do
		times="$times $(seconds "$ECHELON" monitor --period 2020-06 --by province --db "$db")"
	done
	echo "$store monitor --period 2020-06 --by province:$times s"
done
reports=$("$ECHELON" status --db "$pg_db" | awk '$1 == "reports" {print $2}')
echo "reports $reports"
for kind in enterprises reports deflators; do
	a=$("$ECHELON" export $kind --db "$sqlite_db" | sha256sum | cut -c1-16)
	b=$("$ECHELON" export $kind --db "$pg_db" | sha256sum | cut -c1-16)
	[ "$a" = "$b" ] && echo "export $kind: the same ($a)" || echo "export $kind: DIFFERENT ($a, $b)"
done
