# bench/monitor/lib.sh — what run.sh and e2e.sh share; sourced, not run.

# export_csv DB DIR: the tables DuckDB and pandas read (ent.csv,
# deflator.csv, report.csv), once per database (not timed).
export_csv() {
	_db=$1
	_csv=$2
	if [ ! -s "$_csv/report.csv" ] || [ "$_db" -nt "$_csv/report.csv" ] || [ "$here/ent.sql" -nt "$_csv/ent.csv" ]; then
		echo "bench/monitor: exporting $_db to $_csv/" >&2
		mkdir -p "$_csv"
		{
			echo ".headers on"
			echo ".mode csv"
			echo ".once $_csv/ent.csv"
			cat "$here/ent.sql"
			echo ";"
			echo ".once $_csv/deflator.csv"
			echo "SELECT division, period, ppi_yoy FROM deflator ORDER BY division, period;"
			echo ".once $_csv/report.csv.tmp"
			echo "SELECT enterprise_id, period, value_added, revenue, rd_expense, employees FROM report"
			echo "ORDER BY enterprise_id, period;"
		} | sqlite3 -readonly "$_db"
		mv "$_csv/report.csv.tmp" "$_csv/report.csv"
	fi
}

# demo_db: sets DB to the demo database of ENTERPRISES x 24 months, made
# with $ECHELON when absent (unless DB is already set).
demo_db() {
	if [ -z "${DB:-}" ]; then
		case $ENTERPRISES in 1000000) DB="$out/demo1m.db" ;; *) DB="$out/demo$ENTERPRISES.db" ;; esac
		if [ ! -s "$DB" ]; then
			[ -x "$ECHELON" ] || die "no echelon binary at $ECHELON (run make, or set ECHELON)"
			echo "bench/monitor: generating $DB" >&2
			rm -f "$DB" "$DB-wal" "$DB-shm" "$DB.facts"
			"$ECHELON" demo generate --db "$DB" --enterprises "$ENTERPRISES" --from 2019-01 --to 2020-12 >&2
		fi
	fi
	[ -s "$DB" ] || die "no database at $DB"
}
