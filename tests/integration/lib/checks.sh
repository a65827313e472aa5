# Shared by the integration scripts: counters and one line per check, and
# the closing line "N passed, M failed" (sourced, not run).
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok - $1"; }
bad() { failed=$((failed + 1)); echo "not ok - $1"; }
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }
finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}

# The backend the scripts run on: SQLite files under $WORK, or, when
# EC_TEST_BACKEND=pg (ctest's integration-pg/*, tests/integration/lib/pg.sh),
# the pg fixture's database EC_PG_URI, one schema per database a script
# makes. lib/db.py is the same for the Python parts.
on_pg() { [ "${EC_TEST_BACKEND:-sqlite}" = pg ]; }

# db_uri FILE: what --db takes for the database FILE names. On SQLite FILE
# itself; on PostgreSQL the URI of a schema named after FILE's path under
# $WORK (so the scripts running at once never share one), dropped and made
# again empty.
db_uri() {
	if ! on_pg; then
		echo "$1"
		return
	fi
	_s=$(pg_schema "$1")
	psql "$EC_PG_URI" -Xqc "SET client_min_messages = warning; DROP SCHEMA IF EXISTS $_s CASCADE; CREATE SCHEMA $_s" >&2
	echo "$EC_PG_URI&options=-csearch_path%3D$_s"
}
pg_schema() {
	_p=${1#"$WORK"/}
	echo "it_${_p%.db}" | tr 'A-Z' 'a-z' | tr -c 'a-z0-9_\n' _ | cut -c1-63
}

# db_sql DB SQL: the rows of SQL on the database db_uri gave, a line each,
# the columns joined by | (sqlite3's and psql -At's way alike).
db_sql() {
	if on_pg; then psql "$1" -XAtqc "$2"; else sqlite3 "$1" "$2"; fi
}

# db_snapshot DB FILE: FILE holds what the database holds, so that cmp of
# two snapshots says whether anything changed: on SQLite the file's bytes;
# on PostgreSQL every table's rows, in order (a sequence a refused insert
# moved is not data: the contract never promised dense ids).
db_snapshot() {
	if ! on_pg; then
		cp "$1" "$2"
		return
	fi
	for _t in $(psql "$1" -XAtqc "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1"); do
		echo "== $_t"
		psql "$1" -XAtqc "SELECT t::text FROM \"$_t\" t ORDER BY 1"
	done >"$2"
}

# db_copy DB FILE: a copy of the database DB as the database FILE names,
# and prints what --db takes for it: cp on SQLite; on PostgreSQL
# `echelon migrate` into the fresh schema db_uri gives.
db_copy() {
	if ! on_pg; then
		cp "$1" "$2"
		echo "$2"
		return
	fi
	_u=$(db_uri "$2")
	"$ECHELON" migrate --from "$1" --to "$_u" >/dev/null
	echo "$_u"
}

# db_missing DB: no database is there (SQLite: no file; PostgreSQL: no
# table in the schema).
db_missing() {
	if on_pg; then
		[ "$(db_sql "$1" "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()")" = 0 ]
	else
		[ ! -e "$1" ]
	fi
}
