#!/bin/sh
# The first monitoring answer at national scale on PostgreSQL (issue 20,
# part 3), against SQLite on the same data: the 1 M-enterprise demo
# (bench/monitor/out/demo1m.db, made when absent: ~3 min) is migrated into
# a throwaway cluster (`echelon migrate`, rows by COPY), then `echelon
# monitor --period 2020-06 --by area` runs on each store, interleaved,
# RUNS times cold (no column store: it is made from the store, on
# PostgreSQL from the reports streamed by binary COPY) and RUNS times warm
# (the kept column store). Wall seconds and peak memory of the whole
# process; the figures of both stores compared. Release build in ./build
# or $ECHELON.
# Usage: RUNS=3 bench/pg/national.sh
#        PG='postgresql://…&options=-csearch_path%3DS' RUNS=3 bench/pg/national.sh
#          (a store that holds the same demo already: no cluster, no migrate)
set -eu
cd "$(dirname "$0")/../.."
root=$PWD
ECHELON=${ECHELON:-$root/build/echelon}
RUNS=${RUNS:-3}
sqlite_db=$root/bench/monitor/out/demo1m.db
if [ ! -f "$sqlite_db" ]; then
	mkdir -p "$(dirname "$sqlite_db")"
	echo "making the 1 M-enterprise demo (once)" >&2
	"$ECHELON" demo generate --db "$sqlite_db" --enterprises 1000000 --from 2019-01 --to 2020-12 >/dev/null
fi
dir=$(mktemp -d /tmp/bench-pgn.XXXXXX)
chmod 755 "$dir" # the cluster's owner (postgres, when run as root) must reach it
trap 'scripts/pg.sh stop "$dir/pg" >/dev/null 2>&1; rm -rf "$dir"' EXIT
if [ -n "${PG:-}" ]; then
	pg_db=$PG
else
	uri=$(scripts/pg.sh start "$dir/pg")
	pg_db="$uri&options=-csearch_path%3Dpublic"
fi
export ECHELON_FACTS_DIR="$dir/cache"

run() { # run FILE COMMAND...: "seconds peak-MiB", the output into FILE
	out=$1
	shift
	/usr/bin/time -f '%e %M' -o "$dir/t" "$@" >"$out" 2>"$dir/err" || { cat "$dir/err" >&2; exit 1; }
	awk '{ printf "%s %.0f", $1, $2 / 1024 }' "$dir/t"
}
median() { tr ' ' '\n' | grep . | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

echo "1 M-enterprise demo, runs $RUNS, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
[ -n "${PG:-}" ] || echo "migrate sqlite -> postgres (seconds, peak MiB): $(run "$dir/migrate.out" "$ECHELON" migrate \
	--from "sqlite:$sqlite_db" --to "$pg_db")"
m() { # m FILE DB
	run "$1" "$ECHELON" monitor --db "$2" --period 2020-06 --by area --format csv
}
cold_s="" cold_p="" warm_s="" warm_p="" cold_sm="" cold_pm="" warm_sm="" warm_pm=""
for i in $(seq "$RUNS"); do
	rm -f "$sqlite_db.facts" "$dir/cache"/*.facts
	set -- $(m "$dir/s.csv" "$sqlite_db")
	cold_s="$cold_s $1" cold_sm="$cold_sm $2"
	set -- $(m "$dir/p.csv" "$pg_db")
	cold_p="$cold_p $1" cold_pm="$cold_pm $2"
	set -- $(m "$dir/s2.csv" "$sqlite_db")
	warm_s="$warm_s $1" warm_sm="$warm_sm $2"
	set -- $(m "$dir/p2.csv" "$pg_db")
	warm_p="$warm_p $1" warm_pm="$warm_pm $2"
done
echo "cold (column store made): sqlite$cold_s s (peak$cold_sm MiB); postgres$cold_p s (peak$cold_pm MiB)"
echo "warm (column store kept): sqlite$warm_s s (peak$warm_sm MiB); postgres$warm_p s (peak$warm_pm MiB)"
cs=$(echo "$cold_s" | median) cp=$(echo "$cold_p" | median) ws=$(echo "$warm_s" | median) wp=$(echo "$warm_p" | median)
echo "medians: cold sqlite $cs s, postgres $cp s (postgres takes $(echo "$cs $cp" | awk '{ printf "%.2f", $2 / $1 }')x the time); warm sqlite $ws s, postgres $wp s ($(echo "$ws $wp" | awk '{ printf "%.2f", $2 / $1 }')x)"
for f in p.csv s2.csv p2.csv; do
	cmp -s "$dir/s.csv" "$dir/$f" || echo "FIGURES DIFFER: s.csv $f"
done
echo "figures: the same on both stores, cold and warm ($(wc -l <"$dir/s.csv") rows)"
