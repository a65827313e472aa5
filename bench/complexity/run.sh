#!/bin/sh
# bench/complexity/run.sh — regional structure and complexity (issue 16):
# county x industry class for one year of the demo at national scale, the
# whole indicator set from RCA to COG computed by echelon (src/lib/
# complexity.c) and by numpy (numpy_cx.py: the same formulas, as py-
# ecomplexity writes them), side by side, interleaved RUNS times; checks
# that every number agrees to 1e-9 and prints the ratio.
#
#   bench/complexity/run.sh                 # demo 1 000 000 enterprises, 2020
#   ENTERPRISES=100000 bench/complexity/run.sh
#
# Environment:
#   ECHELON      the echelon binary (default build/echelon); LIBECHELON the
#                libechelon.a beside it
#   ENTERPRISES  demo size (default 1000000; the database is
#                bench/monitor/out's, made there when missing); DB any database
#   YEAR         (default 2020); LEVEL county; AXIS industry
#   RUNS         (default 5)
#
# What is timed, each as a whole process with the files in the page cache:
#   echelon      `echelon complexity --db DB --year YEAR --regions LEVEL --by
#                AXIS --show categories --format csv`: open the database and
#                its column store, build the matrix from 1 M enterprises'
#                months, compute everything, print.
#   compute      bench_cx on the matrix file (ec_cx_compute alone, first run
#                and best) against numpy_cx.py's compute step on the same
#                file (numpy as Debian ships it: /usr/bin/python3, its BLAS
#                and LAPACK the alternatives installed, printed below).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$here/out"
ECHELON=${ECHELON:-$root/build/echelon}
LIBECHELON=${LIBECHELON:-$(dirname "$ECHELON")/libechelon.a}
ENTERPRISES=${ENTERPRISES:-1000000}
YEAR=${YEAR:-2020}
LEVEL=${LEVEL:-county}
AXIS=${AXIS:-industry}
RUNS=${RUNS:-5}
PYTHON=/usr/bin/python3
export PYTHONDONTWRITEBYTECODE=1

die() { echo "bench/complexity: $*" >&2; exit 1; }
. "$root/bench/lib.sh"
need cc
"$PYTHON" -c 'import numpy' 2>/dev/null || die "numpy is missing: scripts/deps.sh bench"
[ -x "$ECHELON" ] || die "no echelon binary at $ECHELON"
[ -f "$LIBECHELON" ] || die "no libechelon.a at $LIBECHELON"
mkdir -p "$out"
# the demo database of bench/monitor (shared: it takes minutes to make)
mout="$root/bench/monitor/out"
mkdir -p "$mout"
out_saved=$out
out=$mout
. "$root/bench/monitor/lib.sh"
demo_db
out=$out_saved
cc -O2 -std=c11 -I"$root/include" -o "$out/bench_cx" "$here/bench_cx.c" "$LIBECHELON" \
	$(pkg-config --libs sqlite3 libpq libcrypto libsodium libzip expat xlsxwriter libxxhash lapacke cbc jansson) -lglpk -lm -lpthread
cc -O2 -o "$out/measure" "$root/bench/import/measure.c"

"$out/bench_cx" --matrix "$DB" "$YEAR" "$LEVEL" "$AXIS" "$out/matrix.bin" >"$out/matrix.txt"
nr=$(sed -n 's/^nr //p' "$out/matrix.txt")
np=$(sed -n 's/^np //p' "$out/matrix.txt")
"$ECHELON" complexity --db "$DB" --year "$YEAR" --regions "$LEVEL" --by "$AXIS" --show categories --format csv \
	>/dev/null # the column store made, the files in the page cache

loadavg=$(cut -d' ' -f1-3 /proc/loadavg)
: >"$out/times.txt"
i=0
while [ $i -lt "$RUNS" ]; do
	i=$((i + 1))
	"$out/measure" "$out/one.txt" "$ECHELON" complexity --db "$DB" --year "$YEAR" --regions "$LEVEL" --by "$AXIS" \
		--show categories --format csv >"$out/echelon.csv"
	echo "echelon-process $(cat "$out/one.txt")" >>"$out/times.txt"
	RUNS=1 "$out/bench_cx" "$out/matrix.bin" "$nr" "$np" "$out/c.bin" >"$out/c.txt"
	echo "echelon-compute $(sed -n 's/^compute_s //p' "$out/c.txt") $(sed -n 's/^peak_rss_kib //p' "$out/c.txt") 0" >>"$out/times.txt"
	"$PYTHON" "$here/numpy_cx.py" "$out/matrix.bin" "$nr" "$np" "$out/py.bin" >"$out/py.txt"
	echo "numpy-compute $(sed -n 's/^compute_s //p' "$out/py.txt") $(sed -n 's/^peak_rss_kib //p' "$out/py.txt") 0" >>"$out/times.txt"
done

echo
case "$LEVEL" in county) levels=counties ;; *) levels="${LEVEL}s" ;; esac
echo "complexity: $nr $levels x $np ${AXIS} columns, $YEAR value added, $DB"
echo "machine: $(nproc) cores; load average $loadavg before; $RUNS interleaved runs each"
echo "numpy $("$PYTHON" -c 'import numpy; print(numpy.__version__)'); BLAS $(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3); LAPACK $(readlink -f /usr/lib/x86_64-linux-gnu/liblapack.so.3)"
awk -f "$root/bench/median.awk" -f /dev/stdin "$out/times.txt" <<'AWK'
END {
	printf "%-16s %10s %8s %14s\n", "what", "median s", "best s", "peak RSS MiB"
	split("echelon-process echelon-compute numpy-compute", tools, " ")
	for (i = 1; i <= 3; i++) {
		m[tools[i]] = median(tools[i])
		printf "%-16s %10.3f %8.3f %14.0f\n", tools[i], m[tools[i]], best[tools[i]], rss[tools[i]] / 1024
	}
	printf "numpy compute / echelon compute: %.1fx (medians)\n", m["numpy-compute"] / m["echelon-compute"]
}
AWK
"$PYTHON" - "$out/c.bin" "$out/py.bin" "$nr" "$np" <<'PY'
import sys
import numpy as np
a, b = np.fromfile(sys.argv[1]), np.fromfile(sys.argv[2])
nr, np_ = int(sys.argv[3]), int(sys.argv[4])
names = [("rca", nr * np_), ("mcp", nr * np_), ("diversity", nr), ("ubiquity", np_), ("eci", nr), ("pci", np_),
         ("proximity", np_ * np_), ("density", nr * np_), ("coi", nr), ("cog", nr * np_), ("fitness", nr),
         ("complexity", np_)]
at, bad = 0, []
for name, k in names:
    u, v = a[at:at + k], b[at:at + k]
    at += k
    if not np.allclose(u, v, rtol=1e-9, atol=1e-12, equal_nan=True):
        bad.append(f"{name}: largest difference {np.nanmax(np.abs(u - v)):.3g}")
print("answers: " + ("every number agrees (relative 1e-9): " + ", ".join(n for n, _ in names) if not bad else "DIFFER"))
for line in bad:
    print("  " + line)
sys.exit(1 if bad else 0)
PY
