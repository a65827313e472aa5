#!/bin/sh
# An import killed with SIGKILL leaves the database unchanged and usable.
#
# A large valid reports file is generated (32 enterprises x 12 months x 1100
# years); one import of it is timed, then the import is started again on a
# fresh copy and killed with SIGKILL at about half and at about 95 % of that
# time. After each kill the database must pass PRAGMA integrity_check, hold
# exactly what it held before (the import is all or nothing), and accept a
# normal import afterwards.
#
# Environment: ECHELON (the binary), SRC (the repository root), WORK (a
# scratch directory; this script uses $WORK/kill).
set -eu

: "${ECHELON:?set ECHELON to the echelon binary}"
: "${SRC:?set SRC to the repository root}"
: "${WORK:?set WORK to a scratch directory}"

case $WORK in /*) ;; *) WORK=$(pwd)/$WORK ;; esac
W=$WORK/kill
EX=$SRC/data/examples
rm -rf "$W"
mkdir -p "$W"

pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok - $*"; }
notok() { fail=$((fail + 1)); echo "not ok - $*"; }
check() {
	what=$1
	shift
	if "$@"; then ok "$what"; else notok "$what"; fi
}

dbcopy() {
	rm -f "$2" "$2-wal" "$2-shm"
	cp "$1" "$2"
	for x in -wal -shm; do
		if [ -f "$1$x" ]; then cp "$1$x" "$2$x"; fi
	done
}
now_ms() { date +%s%3N; }
reports() { sqlite3 "$1" 'select count(*) from report'; }
imports() { sqlite3 "$1" 'select count(*) from import_log'; }
digest() { sqlite3 "$1" 'select enterprise_id, period, revenue, employees from report order by 1, 2' | cksum; }

# 16 more enterprises with valid USCCs (GB 32100-2015 check character).
awk 'BEGIN {
	a = "0123456789ABCDEFGHJKLMNPQRTUWXY"
	split("1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28", w, " ")
	print "uscc,name,industry,region,lat,lon,founded,sei_categories"
	for (i = 0; i < 16; i++) {
		s = sprintf("91110114000%06d", 700000 + i)
		t = 0
		for (k = 1; k <= 17; k++)
			t += (index(a, substr(s, k, 1)) - 1) * w[k]
		c = (31 - t % 31) % 31
		printf "%s%s,压力测试企业%02d有限公司,3973,110114,40.2,116.2,2010-01-01,\n", s, substr(a, c + 1, 1), i
	}
}' >"$W/more.csv"

BASE=$W/base.db
"$ECHELON" init --db "$BASE" >/dev/null
"$ECHELON" import enterprises "$EX/enterprises.csv" --db "$BASE" --quiet
"$ECHELON" import enterprises "$W/more.csv" --db "$BASE" --quiet
"$ECHELON" import reports "$EX/reports.csv" --db "$BASE" --quiet
before=$(reports "$BASE")
before_log=$(imports "$BASE")
before_digest=$(digest "$BASE")

# Every enterprise, every month of 1900..2999: unique (uscc, period) keys.
{
	tail -n +2 "$EX/enterprises.csv"
	tail -n +2 "$W/more.csv"
} | cut -d, -f1 >"$W/uscc.txt"
awk 'NR == FNR { u[n++] = $0; next }
END {
	print "uscc,period,revenue,output,value_added,employees,rd_expense,patents,investment,exports"
	for (y = 1900; y <= 2999; y++)
		for (m = 1; m <= 12; m++)
			for (i = 0; i < n; i++)
				printf "%s,%d-%02d,%d.5,%d,%d.25,%d,%d,%d,%d,0\n", u[i], y, m, y + m, 2 * y, 7 * m, i + 10, m, i % 3, y
}' "$W/uscc.txt" /dev/null >"$W/big.csv"
rows=$(($(wc -l <"$W/big.csv") - 1))
check "generated $rows report rows" test "$rows" -eq 422400

# Time one complete import (it also shows the file is valid).
dbcopy "$BASE" "$W/timed.db"
t0=$(now_ms)
rc=0
"$ECHELON" import reports "$W/big.csv" --db "$W/timed.db" --quiet || rc=$?
t1=$(now_ms)
took=$((t1 - t0))
echo "# a complete import of $rows rows took $took ms"
check "the big file imports (exit 0)" test "$rc" -eq 0
# The example reports' keys (2019..2020) are in the big file too: updated.
full=$(reports "$W/timed.db")
check "a complete import holds every row ($full)" test "$full" -eq "$rows"
full_digest=$(digest "$W/timed.db")

for pct in 50 95; do
	db=$W/killed$pct.db
	dbcopy "$BASE" "$db"
	wait_ms=$((took * pct / 100))
	"$ECHELON" import reports "$W/big.csv" --db "$db" --quiet >"$W/out$pct" 2>&1 &
	pid=$!
	sleep "$(awk -v ms="$wait_ms" 'BEGIN { printf "%.3f", ms / 1000 }')"
	killed=0
	if kill -9 "$pid" 2>/dev/null; then killed=1; fi
	rc=0
	{ wait "$pid"; } 2>/dev/null || rc=$?  # no "Killed" from the shell
	if [ "$killed" -eq 1 ] && [ "$rc" -eq 137 ]; then
		ok "$pct%: import killed with SIGKILL after $wait_ms ms"
	elif [ "$pct" -eq 50 ]; then
		notok "$pct%: import still running after $wait_ms ms (exit $rc)"
	else
		ok "$pct%: import finished before the kill (exit $rc); all or nothing still checked # SKIP kill"
	fi
	check "$pct%: integrity_check says ok" test "$(sqlite3 "$db" 'PRAGMA integrity_check')" = ok
	n=$(reports "$db")
	logs=$(imports "$db")
	d=$(digest "$db")
	if [ "$n" -eq "$before" ] && [ "$logs" -eq "$before_log" ] && [ "$d" = "$before_digest" ]; then
		ok "$pct%: the database holds exactly what it held before ($n reports, $logs imports)"
	elif [ "$pct" -ne 50 ] && [ "$n" -eq "$full" ] && [ "$logs" -eq $((before_log + 1)) ] && [ "$d" = "$full_digest" ]; then
		ok "$pct%: the import had committed: every row is there ($n reports)"
	else
		notok "$pct%: all or nothing: $n reports and $logs imports (before: $before and $before_log; complete: $full)"
	fi
	rc=0
	"$ECHELON" import reports "$EX/reports.csv" --db "$db" --quiet >"$W/out" 2>&1 || rc=$?
	check "$pct%: a normal import afterwards works (exit $rc)" test "$rc" -eq 0
	rc=0
	"$ECHELON" export reports --db "$db" >"$W/export.csv" || rc=$?
	check "$pct%: export afterwards works" test "$rc" -eq 0 -a "$(($(wc -l <"$W/export.csv") - 1))" -eq "$(reports "$db")"
	check "$pct%: integrity_check still ok" test "$(sqlite3 "$db" 'PRAGMA integrity_check')" = ok
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
