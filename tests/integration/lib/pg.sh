#!/bin/sh
# Runs one integration script on PostgreSQL: ctest's integration-pg/NAME,
# with EC_TEST_BACKEND=pg and EC_PG_URI on the pg fixture's cluster (the
# scripts make their databases through db_uri, lib/checks.sh, or lib/db.py).
# The scripts that are about SQLite itself are skipped, each with its
# reason, here and nowhere else.
# Usage: sh tests/integration/lib/pg.sh tests/integration/NAME.sh
set -eu
: "${EC_PG_URI:?the pg fixture's URI}"
name=$(basename "$1" .sh)
skip() {
	echo "ok - skipped on postgres: $1"
	echo "1 passed, 0 failed"
	exit 0
}
case "$name" in
facts) skip "the column store file beside a SQLite database (DATABASE.facts); a PostgreSQL store keeps none" ;;
kill) skip "SIGKILL of a SQLite writer and PRAGMA integrity_check; on PostgreSQL the server rolls back a killed client's transaction (pg/scaleout kills a server)" ;;
migrate) skip "migrate, backup and restore between SQLite files; pg/migrate is its PostgreSQL twin" ;;
esac
EC_TEST_BACKEND=pg exec sh "$1"
