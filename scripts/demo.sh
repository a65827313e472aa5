#!/bin/sh
# The main job behind `make demo`: a demo database (generated once, kept in
# var/demo.db), its monitoring table for June 2020, demo accounts, and the
# server with the dashboard.
set -eu
ECHELON=${ECHELON:-build/echelon}
DB=${DB:-var/demo.db}
LISTEN=${LISTEN:-127.0.0.1:8080}

mkdir -p "$(dirname "$DB")"
if [ ! -f "$DB" ]; then
	echo "demo: generating $DB (50 000 enterprises, 2018-2021; about a minute)"
	"$ECHELON" demo generate --db "$DB"
	printf 'echelon-admin\n' | "$ECHELON" user add admin --role admin --db "$DB" >/dev/null
	printf 'echelon-demo\n' | "$ECHELON" user add analyst --role analyst --db "$DB" >/dev/null
	# An enterprise account for the first enterprise, to show the restricted view.
	first=$("$ECHELON" export enterprises --db "$DB" | sed -n 2p | cut -d, -f1)
	printf 'echelon-firm\n' | "$ECHELON" user add firm --role enterprise --scope "$first" --db "$DB" >/dev/null
fi
"$ECHELON" monitor --db "$DB" --period 2020-06 --by area
echo
echo "demo: dashboard and API at http://$LISTEN/  (sign in as analyst / echelon-demo; admin / echelon-admin)"
echo "demo: stop with Ctrl-C"
exec "$ECHELON" serve --db "$DB" --listen "$LISTEN"
