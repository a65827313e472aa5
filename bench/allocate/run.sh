#!/bin/sh
# bench/allocate/run.sh — the allocation benchmark of issue 7: a synthetic
# library of PROJECTS projects x FUNDS funds (built in memory by
# bench_allocate.c from the built-in catalogue, deterministic by SEED);
# the time to match every pair (ec_match_one, and the ranked lists both
# ways), to solve the LP relaxation (ec_allocate, mip = 0) and the MIP
# (ec_allocate, mip = 1, TIME_LIMIT seconds, with its status and gap), on
# each solver of SOLVERS with the ratios to GLPK; the matching compared with
# the same rules and score as SQL in DuckDB, with a check that both give the
# same eligible pairs, scores and ranks.
#
#   bench/allocate/run.sh                          # 10 000 x 500, MIP 60 s
#   PROJECTS=3000 FUNDS=200 bench/allocate/run.sh
#   SCALING="1000x100 3000x200" bench/allocate/run.sh   # LP/MIP at smaller sizes too
#
# Environment:
#   LIBECHELON  libechelon.a to link with (default build/libechelon.a; a
#               Release build: cmake -S . -B /tmp/albench
#               -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF && cmake
#               --build /tmp/albench --target echelon)
#   PROJECTS, FUNDS  size (default 10000, 500)
#   SEED        generator seed (default 7)
#   TIME_LIMIT  the MIP's time limit, seconds (default 60)
#   QUOTA_SHARE each province's land and energy quota as a share of what its
#               open projects need (default 0.5; 0 for no quotas)
#   SOLVE       1 (default): solve the LP and the MIP at the full size; 0:
#               matching only
#   SCALING     extra sizes "PxF ..." at which the LP and the MIP are solved
#               (matching too, without the lists and DuckDB)
#   RUNS        DuckDB runs per query (default 3; the table shows the best)
#   SOLVERS     the allocation's solvers, in order (default coin,glpk; the
#               lean LP runs on the first)
#
# What is timed (each in-process, wall clock): echelon single-threaded;
# DuckDB the query only (CREATE TABLE of the eligible pairs, from tables
# already loaded), with every core and with one thread. The MIP's time
# includes its own LP relaxation (ec_allocate solves it first). "lean LP"
# is the same LP without minimum tickets and co-investment rules (the pairs
# whose cap is below the minimum ticket dropped), so that ec_allocate adds no
# binaries and no link rows: what those cost the LP relaxation.
# glpk_trace.c (LD_PRELOAD) prints the size and time of every GLPK call.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$here/out"
LIBECHELON=${LIBECHELON:-$root/build/libechelon.a}
PROJECTS=${PROJECTS:-10000}
FUNDS=${FUNDS:-500}
SEED=${SEED:-7}
TIME_LIMIT=${TIME_LIMIT:-60}
QUOTA_SHARE=${QUOTA_SHARE:-0.5}
SOLVE=${SOLVE:-1}
SCALING=${SCALING:-}
RUNS=${RUNS:-3}
SOLVERS=${SOLVERS:-coin,glpk}

die() { echo "bench/allocate: $*" >&2; exit 1; }

[ -f "$LIBECHELON" ] || die "no libechelon.a at $LIBECHELON (build echelon, or set LIBECHELON)"
for tool in cc node npm; do
	command -v "$tool" >/dev/null 2>&1 || die "$tool is missing"
done
if [ ! -d "$root/bench/node_modules/@duckdb/node-api" ]; then
	echo "bench/allocate: npm ci in bench/" >&2
	(cd "$root/bench" && npm ci --no-audit --no-fund >&2)
fi

mkdir -p "$out"
cc -O2 -march=native -std=c11 -Wall -Wextra -I"$root/include" -o "$out/bench_allocate" \
	"$here/bench_allocate.c" "$LIBECHELON" $(pkg-config --libs sqlite3 libpq libcrypto libsodium libzip expat xlsxwriter libxxhash lapacke cbc jansson) -lglpk -lm -lpthread

value() { sed -n "s/^$1 //p" "$2"; }

name="${PROJECTS}x$FUNDS"
data="$out/$name"
mkdir -p "$data"
solve="--lean-lp"
[ "$SOLVE" = 1 ] || solve="--no-lp --no-mip"
loadavg=$(cut -d' ' -f1-3 /proc/loadavg)
echo "bench/allocate: echelon $name" >&2
# shellcheck disable=SC2086
"$out/bench_allocate" --projects "$PROJECTS" --funds "$FUNDS" --seed "$SEED" --time-limit "$TIME_LIMIT" \
	--quota-share "$QUOTA_SHARE" --out "$data" --solvers "$SOLVERS" $solve >"$out/$name-echelon.txt" ||
	die "bench_allocate failed"
echo "bench/allocate: duckdb $name" >&2
node "$here/duckdb_match.mjs" "$data" "$here/match.sql" "$(value priority_areas "$out/$name-echelon.txt")" "$RUNS" \
	>"$out/$name-duckdb.txt" || die "duckdb_match failed"
for size in $SCALING; do
	p=${size%x*}
	f=${size#*x}
	echo "bench/allocate: echelon $size (LP and MIP)" >&2
	"$out/bench_allocate" --projects "$p" --funds "$f" --seed "$SEED" --time-limit "$TIME_LIMIT" \
		--quota-share "$QUOTA_SHARE" --no-lists --lean-lp --solvers "$SOLVERS" >"$out/$size-echelon.txt" ||
		die "bench_allocate $size failed"
done

e="$out/$name-echelon.txt"
d="$out/$name-duckdb.txt"
echo
echo "allocation benchmark: $(value projects "$e") projects ($(value open_projects "$e") open) x $(value funds "$e") funds, seed $SEED"
echo "machine: $(nproc) cores, $(sed -n 's/^model name\t*: //p' /proc/cpuinfo | head -1); load average before the runs $loadavg"
echo "$(value stages "$e" | sed 's/^/stages: /')"
echo "$(value fund_types "$e" | sed 's/^/funds: /')"
echo "pairs $(value pairs "$e"), eligible $(value eligible_pairs "$e") ($(awk -v a="$(value eligible_pairs "$e")" -v b="$(value pairs "$e")" 'BEGIN { printf "%.2f", 100 * a / b }')%), priority areas $(value priority_areas "$e")"
echo
echo "matching (echelon single thread; DuckDB the query only, best of $RUNS):"
printf '%-44s %10s %12s\n' step "seconds" "vs echelon"
m1=$(value match_one_s "$e")
ml=$(value lists_s "$e")
row() { awk -v n="$1" -v s="$2" -v b="$3" 'BEGIN { if (b > 0) printf "%-44s %10.3f %11.2fx\n", n, s, s / b; else printf "%-44s %10.3f\n", n, s }'; }
row "echelon ec_match_one, every pair" "$m1" "$m1"
row "echelon ec_match_quick (no reasons), every pair" "$(value match_quick_s "$e")" "$m1"
row "echelon ranked lists (for_fund + for_project)" "$ml" "$m1"
row "DuckDB eligibility + score, $(value threads "$d") threads" "$(value score_tall_best_s "$d")" "$m1"
row "DuckDB eligibility + score, 1 thread" "$(value score_t1_best_s "$d")" "$m1"
row "DuckDB + both ranks, $(value threads "$d") threads" "$(value ranked_tall_best_s "$d")" "$ml"
row "DuckDB + both ranks, 1 thread" "$(value ranked_t1_best_s "$d")" "$ml"
echo "(the ranked rows compare with echelon's ranked lists, the others with ec_match_one)"
echo "check: echelon $(value echelon_rows "$d") eligible pairs, DuckDB $(value rows "$d"); only in echelon $(value only_echelon "$d"), only in DuckDB $(value only_duckdb "$d");" \
	"max |score difference| $(value max_score_diff "$d") ($(value scores_bit_equal "$d") bit-equal);" \
	"rank mismatches $(value rank_f_mismatch "$d") (fund lists), $(value rank_p_mismatch "$d") (project lists);" \
	"lists vs ec_match_one $(value lists_mismatch_vs_match_one "$e"); ec_match_quick vs ec_match_one $(value match_quick_mismatch_vs_match_one "$e")"
echo "peak RSS: echelon after matching $(($(value lists_peak_rss_kib "$e") / 1024)) MiB; DuckDB (node) $(($(value peak_rss_kib "$d") / 1024)) MiB"

echo
echo "allocation (ec_allocate; the MIP time includes its LP relaxation; time limit $TIME_LIMIT s; quotas $QUOTA_SHARE of need;"
echo "s: wall clock, cpu: the process's CPU seconds; x GLPK: GLPK's time over the solver's (wall, cpu), above 1 faster;"
echo "the lean LP on the first solver):"
printf '%-11s %-5s %6s %6s %9s %9s %8s %9s %8s %15s %9s %8s %8s %15s %7s %15s %15s %7s  %s\n' size solver open funds eligible \
	"in model" "match s" "LP s" "LP cpu" "x GLPK" "lean LP s" "MIP s" "MIP cpu" "x GLPK" "gap %" "LP bound" "MIP objective" \
	"RSS MiB" "MIP status"
for f in "$out/$name-echelon.txt" $(for s in $SCALING; do echo "$out/$s-echelon.txt"; done); do
	[ -n "$(value lp_s "$f")" ] || continue
	for sv in $(echo "$SOLVERS" | tr ',' ' '); do
		awk -v size="$(value projects "$f")x$(value funds "$f")" -v sv="$sv" -v open="$(value alloc_projects "$f")" \
			-v funds="$(value funds "$f")" -v el="$(value alloc_eligible_pairs "$f")" -v m="$(value match_one_s "$f")" \
			-v lp="$(value "${sv}_lp_s" "$f")" -v glp="$(value glpk_lp_s "$f")" -v lean="$(value lean_lp_s "$f")" \
			-v lpc="$(value "${sv}_lp_cpu_s" "$f")" -v glpc="$(value glpk_lp_cpu_s "$f")" \
			-v mipc="$(value "${sv}_mip_cpu_s" "$f")" -v gmipc="$(value glpk_mip_cpu_s "$f")" \
			-v mp="$(value alloc_model_pairs "$f")" -v mip="$(value "${sv}_mip_s" "$f")" -v gmip="$(value glpk_mip_s "$f")" \
			-v gap="$(value "${sv}_mip_gap_pct" "$f")" -v bound="$(value "${sv}_lp_lp_bound" "$f")" \
			-v obj="$(value "${sv}_mip_objective" "$f")" -v rss="$(value peak_rss_kib "$f")" \
			-v st="$(value "${sv}_mip_status" "$f")" \
			'function x(a, b) { return b > 0 && a > 0 ? sprintf("%.2fx", b / a) : "-" }
			 BEGIN { printf "%-11s %-5s %6d %6d %9d %9d %8.3f %9.3f %8.3f %15s %9.3f %8.3f %8.3f %15s %7.3f %15.1f %15.1f %7.0f  %s\n",
				 size, sv, open, funds, el, mp, m, lp, lpc, x(lp, glp) " " x(lpc, glpc), lean, mip, mipc,
				 x(mip, gmip) " " x(mipc, gmipc), gap, bound, obj, rss / 1024, st }'
	done
	d1=$(value solvers_lp_bound_diff "$f")
	[ -z "$d1" ] || echo "  $(value projects "$f")x$(value funds "$f"): the solvers' LP bounds differ by $d1, their shadow prices" \
		"by at most $(value solvers_lp_dual_max_diff "$f") (LP runs) and $(value solvers_mip_dual_max_diff "$f") (MIP runs)"
done
