#!/bin/sh
# Integration test of `echelon demo generate`.
#
# The default economy (50 000 enterprises, 2018-01..2021-12, seed 2020) must
# show the published figures through `echelon monitor` within 0.2 points:
# 2019 January-December all above-size +5.7% and SEI +8.4%, 2020
# January-June -1.3% and +2.9%. The same seed must give byte-identical
# exports, a different seed different ones. Bad options are usage errors
# (exit 2); an existing database is refused without --force.
#
# Environment: ECHELON (the binary), SRC (the repository root), WORK (a
# scratch directory; this script uses $WORK/demo).
set -eu

: "${ECHELON:?set ECHELON to the echelon binary}"
: "${SRC:?set SRC to the repository root}"
: "${WORK:?set WORK to a scratch directory}"

case $WORK in /*) ;; *) WORK=$(pwd)/$WORK ;; esac
W=$WORK/demo
rm -rf "$W"
mkdir -p "$W"

. "$SRC/tests/integration/lib/checks.sh" # db_uri, db_sql, on_pg: a file, or a schema under integration-pg
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok - $*"; }
notok() { fail=$((fail + 1)); echo "not ok - $*"; }

# growth FILE KIND: growth_pct (column 11) of the row with group_kind KIND.
growth() {
	awk -F, -v kind="$2" 'NR > 1 && $1 == kind { print $11; exit }' "$1"
}

# near VALUE TARGET: VALUE is a number within 0.2 of TARGET.
near() {
	awk -v v="$1" -v t="$2" 'BEGIN { if (v == "" || v !~ /^-?[0-9.eE+-]+$/) exit 1;
		d = v - t; if (d < 0) d = -d; exit !(d <= 0.2) }'
}

# The default economy and its published figures.
DB=$(db_uri "$W/default.db")
if "$ECHELON" demo generate --db "$DB" >"$W/default.out" 2>"$W/default.err"; then
	ok "demo generate with the defaults"
else
	notok "demo generate with the defaults: $(cat "$W/default.err")"
fi

for spec in 2019-12:5.7:8.4 2020-06:-1.3:2.9; do
	period=${spec%%:*}
	rest=${spec#*:}
	want_all=${rest%%:*}
	want_sei=${rest#*:}
	out=$W/monitor-$period.csv
	if "$ECHELON" monitor --db "$DB" --period "$period" --format csv >"$out" 2>"$W/monitor.err"; then
		for kind in all sei; do
			if [ "$kind" = all ]; then want=$want_all; else want=$want_sei; fi
			got=$(growth "$out" "$kind")
			if near "$got" "$want"; then
				ok "monitor $period: $kind growth $got within 0.2 of $want"
			else
				notok "monitor $period: $kind growth '$got', expected $want +- 0.2"
			fi
		done
	else
		notok "monitor --period $period: $(cat "$W/monitor.err")"
		notok "monitor --period $period: no sei row"
	fi
done

# The README's discovery finds candidates on the default demo: min 4 and
# the radius at the knee of the k-distance curve (docs/methods.md).
if "$ECHELON" cluster discover --area 1 --db "$DB" --format csv >"$W/discover.csv" 2>"$W/discover.err" &&
	[ "$(wc -l <"$W/discover.csv")" -ge 2 ]; then
	ok "cluster discover --area 1 with the defaults finds $(($(wc -l <"$W/discover.csv") - 1)) candidates"
else
	notok "cluster discover --area 1 with the defaults finds no candidate: $(cat "$W/discover.err")"
fi
"$ECHELON" cluster discover --area 1 --k-distance --db "$DB" >"$W/kdist.txt" 2>&1 || true
eps=$(sed -n 's/^suggested --eps-km \([0-9.]*\).*/\1/p' "$W/kdist.txt")
if [ -n "$eps" ] && head -1 "$W/discover.csv" >/dev/null &&
	"$ECHELON" cluster discover --area 1 --eps-km "$eps" --db "$DB" --format csv | cmp -s - "$W/discover.csv"; then
	ok "the default radius is the suggested one, $eps km"
else
	notok "the default radius is not the suggested one ('$eps'): $(head -3 "$W/kdist.txt")"
fi

# Determinism: the same seed, byte for byte; another seed, different bytes.
exports() {
	for k in enterprises reports deflators; do
		"$ECHELON" export "$k" --db "$1" || echo "export $k failed"
	done
}
A=$(db_uri "$W/a.db")
for run in a b; do
	db=$(db_uri "$W/$run.db")
	"$ECHELON" demo generate --db "$db" --enterprises 3000 --seed 7 >/dev/null 2>"$W/$run.err" ||
		echo "generate $run failed: $(cat "$W/$run.err")"
	exports "$db" >"$W/$run.csv"
done
db=$(db_uri "$W/c.db")
"$ECHELON" demo generate --db "$db" --enterprises 3000 --seed 8 >/dev/null 2>"$W/c.err" ||
	echo "generate c failed: $(cat "$W/c.err")"
exports "$db" >"$W/c.csv"
if [ -s "$W/a.csv" ] && [ "$(wc -l <"$W/a.csv")" -gt 3000 ] && cmp -s "$W/a.csv" "$W/b.csv"; then
	ok "the same seed gives byte-identical exports"
else
	notok "the same seed gives byte-identical exports"
fi
if cmp -s "$W/a.csv" "$W/c.csv"; then
	notok "a different seed gives different exports"
else
	ok "a different seed gives different exports"
fi

# Exported data imports again: every USCC is valid and unique.
R=$(db_uri "$W/reimport.db")
"$ECHELON" init --db "$R" >/dev/null
"$ECHELON" export enterprises --db "$A" >"$W/ent.csv"
if "$ECHELON" import enterprises "$W/ent.csv" --db "$R" --quiet 2>"$W/reimport.err"; then
	ok "the generated enterprises pass the import checks"
else
	notok "the generated enterprises pass the import checks: $(head -3 "$W/reimport.err")"
fi

# An existing database is refused without --force and replaced with it.
if "$ECHELON" demo generate --db "$A" --enterprises 100 >/dev/null 2>"$W/refuse.err"; then
	notok "a database holding data is refused without --force"
else
	ok "a database holding data is refused without --force"
fi
if on_pg; then
	# --force replaces a file; a PostgreSQL store holding data is refused
	# even so (its schema is the operator's to drop), with the store left as it was
	st=0
	"$ECHELON" demo generate --db "$A" --enterprises 100 --force >/dev/null 2>"$W/force.err" || st=$?
	if [ "$st" = 3 ] && [ "$(db_sql "$A" 'select count(*) from enterprise')" = 3000 ]; then
		ok "--force on a PostgreSQL store holding data is refused, the store as it was"
	else
		notok "--force on a PostgreSQL store holding data is refused (exit $st): $(cat "$W/force.err")"
	fi
elif "$ECHELON" demo generate --db "$A" --enterprises 100 --force >/dev/null 2>"$W/force.err" &&
	[ "$(db_sql "$A" 'select count(*) from enterprise')" = 100 ]; then
	ok "--force replaces the database"
else
	notok "--force replaces the database: $(cat "$W/force.err")"
fi

# Usage errors exit 2.
usage() {
	what=$1
	shift
	st=0
	"$ECHELON" demo "$@" >/dev/null 2>"$W/usage.err" || st=$?
	if [ "$st" = 2 ] && [ -s "$W/usage.err" ]; then ok "usage error: $what"; else notok "usage error: $what (exit $st)"; fi
}
usage "not generate" frobnicate --db "$W/u.db"
usage "no --db" generate
usage "--from not a January" generate --db "$W/u.db" --from 2018-03
usage "--to not a December" generate --db "$W/u.db" --to 2021-06
usage "one year only" generate --db "$W/u.db" --from 2021-01 --to 2021-12
usage "--enterprises zero" generate --db "$W/u.db" --enterprises 0
usage "--enterprises not a number" generate --db "$W/u.db" --enterprises 12x
usage "--seed negative" generate --db "$W/u.db" --seed -1

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
