#!/bin/sh
# The command's terminal tables show times in Beijing time (UTC+8), as its
# XLSX and the dashboard's downloads do, while CSV keeps UTC for programs:
# the audit log, the import history of `status` and an enterprise's
# assessments (`digital history`), each time read from the CSV and found
# eight hours on in the table.
set -eu
W="$WORK/beijing_time"
rm -rf "$W"
mkdir -p "$W"
. "$SRC/tests/integration/lib/checks.sh"
DB=$(db_uri "$W/t.db")
E1=91350100M000100Y43

# beijing UTC: the UTC time "YYYY-MM-DDTHH:MM:SSZ" as "YYYY-MM-DD HH:MM:SS" in UTC+8
beijing() {
	/usr/bin/python3 -c 'import sys, datetime as d
t = d.datetime.strptime(sys.argv[1], "%Y-%m-%dT%H:%M:%SZ") + d.timedelta(hours=8)
print(t.strftime("%Y-%m-%d %H:%M:%S"))' "$1"
}
# in_table NAME CSV TABLE COLUMN: every time of the CSV's column is in the table in Beijing time, and no UTC time is
in_table() {
	col=$(head -1 "$2" | tr ',' '\n' | grep -nx "$4" | cut -d: -f1)
	n=0
	for at in $(tail -n +2 "$2" | cut -d, -f"$col" | grep 'Z$'); do
		grep -qF "$(beijing "$at")" "$3" || return 1
		n=$((n + 1))
	done
	[ "$n" -gt 0 ] && ! grep -q '[0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z' "$3"
}

"$ECHELON" init --db "$DB" >/dev/null
printf 'ent1-password\n' | "$ECHELON" user add ent1 --role enterprise --scope "$E1" --db "$DB" >/dev/null
"$ECHELON" import enterprises "$SRC/tests/data/monitor/enterprises.csv" --db "$DB" --quiet

"$ECHELON" audit --db "$DB" --format csv >"$W/audit.csv"
"$ECHELON" audit --db "$DB" >"$W/audit.txt"
check "echelon audit: the times in Beijing time" "in_table audit '$W/audit.csv' '$W/audit.txt' at"
check "echelon audit --format csv: the times in UTC" "grep -q 'T[0-9:]*Z,' '$W/audit.csv'"

# status lists the imports only on a terminal: their UTC times read from the database
{ echo at; db_sql "$DB" "SELECT at FROM import_log"; } >"$W/status.csv"
"$ECHELON" status --db "$DB" >"$W/status.txt"
check "echelon status: the imports' times in Beijing time" "in_table status '$W/status.csv' '$W/status.txt' at"

# 2022, manufacturing: every item answered, then submitted (as digital.sh)
A="--db $DB --uscc $E1 --year 2023 --edition 2022"
"$ECHELON" digital answer $A --as ent1 --sector M B01=E B03=C 'B04=A;B;C' B05=D B06=B >/dev/null
"$ECHELON" digital answer $A --as ent1 O01=C O03=B O05=D O06=A G01=B G02=C G03=E R01=D R02=C R03=B >/dev/null
"$ECHELON" digital submit $A --as ent1 --pledge --format csv >/dev/null
"$ECHELON" digital history --db "$DB" --uscc "$E1" --format csv >"$W/history.csv"
"$ECHELON" digital history --db "$DB" --uscc "$E1" >"$W/history.txt"
check "echelon digital history: the submission's time in Beijing time" "in_table history '$W/history.csv' '$W/history.txt' at"
"$ECHELON" digital show $A >"$W/show.txt"
at=$(tail -n +2 "$W/history.csv" | cut -d, -f9 | grep 'Z$' | head -1)
check "echelon digital show: the submission's time in Beijing time" "grep -qF \"\$(beijing '$at')\" '$W/show.txt'"

finish
