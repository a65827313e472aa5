#!/bin/sh
# bench/dbscan/run.sh — DBSCAN with haversine distance on 1 000 000 demo
# enterprise coordinates: echelon's ec_dbscan against scikit-learn's DBSCAN
# (ball tree) with the same parameters, in one run; checks that both find
# the same clusters and prints the times and the ratio.
#
#   bench/dbscan/run.sh                      # eps 2 and 5 km, 20 points
#   EPS="1 2 5" MIN_POINTS=10 bench/dbscan/run.sh
#   DB=some.db bench/dbscan/run.sh           # any echelon database
#
# Environment:
#   DB           the database whose enterprise lat/lon are clustered (read
#                only). Default: bench/monitor/out/demo1m.db when it exists
#                (the monitoring benchmark makes it), else
#                bench/dbscan/out/demo1m.db, made once with `echelon demo
#                generate --enterprises 1000000 --from 2019-01 --to 2020-12`
#                (about 4 minutes)
#   ECHELON      the echelon binary for that (default build/echelon)
#   LIBECHELON   libechelon.a to link the driver with (default
#                build/libechelon.a; when it has no ec_dbscan, a Release
#                build is made in /tmp/dbbuild and used)
#   EPS          eps values in km (default "2 5")
#   MIN_POINTS   minPts, scikit-learn's min_samples (default 20)
#   RUNS         echelon's runs per eps (default 3): the first is compared,
#                the best is printed beside it
#
# What is timed: echelon, ec_dbscan_detail alone (coordinates already in
# memory, one thread); scikit-learn 1.2 (Debian python3-sklearn, run with
# /usr/bin/python3), DBSCAN(...).fit(X) alone on the radians, one run (it
# uses one thread: n_jobs=None). Reading the coordinates is not timed.
# Both get the same doubles: bench_dbscan writes them to out/coords.f64.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$here/out"
ECHELON=${ECHELON:-$root/build/echelon}
LIBECHELON=${LIBECHELON:-$root/build/libechelon.a}
EPS=${EPS:-2 5}
MIN_POINTS=${MIN_POINTS:-20}
RUNS=${RUNS:-3}
PYTHON=/usr/bin/python3
export PYTHONDONTWRITEBYTECODE=1

die() { echo "bench/dbscan: $*" >&2; exit 1; }

for tool in cc sqlite3 nm; do
	command -v "$tool" >/dev/null 2>&1 || die "$tool is missing"
done
"$PYTHON" -c 'import sklearn' 2>/dev/null || die "scikit-learn is missing: apt-get install -y python3-sklearn"
case "$MIN_POINTS$RUNS" in '' | *[!0-9]*) die "MIN_POINTS and RUNS must be whole numbers" ;; esac
mkdir -p "$out"

# libechelon with ec_dbscan in it.
if [ ! -f "$LIBECHELON" ] || ! nm "$LIBECHELON" 2>/dev/null | grep -q ' T ec_dbscan_detail$'; then
	echo "bench/dbscan: no ec_dbscan in $LIBECHELON; building a Release libechelon in /tmp/dbbuild" >&2
	cmake -S "$root" -B /tmp/dbbuild -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
	cmake --build /tmp/dbbuild -j2 --target echelon >/dev/null
	LIBECHELON=/tmp/dbbuild/libechelon.a
fi

# The coordinates.
if [ -z "${DB:-}" ]; then
	if [ -f "$root/bench/monitor/out/demo1m.db" ]; then
		DB=$root/bench/monitor/out/demo1m.db
	else
		DB=$out/demo1m.db
		if [ ! -f "$DB" ]; then
			[ -x "$ECHELON" ] || die "no echelon binary at $ECHELON to make the demo database (make, or set ECHELON)"
			echo "bench/dbscan: making $DB (about 4 minutes)" >&2
			"$ECHELON" demo generate --db "$DB" --enterprises 1000000 --from 2019-01 --to 2020-12 >/dev/null
		fi
	fi
fi
[ -f "$DB" ] || die "no database at $DB"
sqlite3 -readonly -separator , "$DB" \
	"select lat, lon from enterprise where lat is not null and lon is not null order by id" >"$out/coords.csv"

cc -std=c11 -O2 -I"$root/include" "$here/bench_dbscan.c" "$LIBECHELON" \
	-lsqlite3 -lcrypto -lsodium -lm -lpthread -o "$out/bench_dbscan"

echo "database: $DB"
echo "libechelon: $LIBECHELON"
echo "eps (km): $EPS; min points: $MIN_POINTS; echelon runs: $RUNS"
# shellcheck disable=SC2086 # EPS is a list
"$out/bench_dbscan" "$out/coords.csv" "$out" "$MIN_POINTS" "$RUNS" $EPS >"$out/echelon.txt"
status=0
# shellcheck disable=SC2086
"$PYTHON" "$here/sklearn_dbscan.py" "$out" "$MIN_POINTS" $EPS >"$out/sklearn.txt" || status=$?

# One table from the two "key value" files: each eps block starts at eps_km.
awk '
FNR == 1 { file++; block = 0 }
$1 == "n" { n = $2 }
$1 == "eps_km" { block++; eps[block] = $2 }
{ v[file, block, $1] = $2 }
END {
	printf "\n%d points\n\n", n
	printf "| eps km | echelon s (best) | sklearn s | ratio | clusters | core | border | noise | same clusters | identical labels |\n"
	printf "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |\n"
	for (b = 1; b <= block; b++) {
		e = v[1, b, "seconds"]; s = v[2, b, "seconds"]
		printf "| %s | %.2f (%.2f) | %.1f | %.0fx | %s | %s | %s | %s | %s | %s |\n", eps[b], e,
		       v[1, b, "best_seconds"], s, (e > 0 ? s / e : 0), v[1, b, "clusters"], v[1, b, "core"],
		       v[1, b, "border"], v[1, b, "noise"], v[2, b, "verdict"], (v[2, b, "identical_labels"] ? "yes" : "no")
	}
	printf "\npeak RSS: echelon %.0f MiB, scikit-learn %.0f MiB\n", v[1, block, "peak_rss_kib"] / 1024,
	       v[2, block, "peak_rss_kib"] / 1024
}' "$out/echelon.txt" "$out/sklearn.txt"
echo
echo "full output: $out/echelon.txt $out/sklearn.txt"
[ "$status" -eq 0 ] || die "echelon and scikit-learn disagree (see $out/sklearn.txt)"
