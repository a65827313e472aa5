#!/bin/sh
# The main job behind `make demo`: a demo database (generated once, kept in
# var/demo.db), an account for every role, the monitoring table of the
# period the dashboard opens on, and the server with the dashboard.
set -eu
ECHELON=${ECHELON:-build/echelon}
DB=${DB:-var/demo.db}
LISTEN=${LISTEN:-127.0.0.1:8080}

mkdir -p "$(dirname "$DB")"
if [ ! -f "$DB" ]; then
	echo "demo: generating $DB, a synthetic economy of 50 000 enterprises, 2018-2021 (about a minute)"
	"$ECHELON" demo generate --db "$DB" >/dev/null
	# One account for each role (README.md, "The demo's accounts").
	first_firm=$("$ECHELON" export enterprises --db "$DB" | sed -n 2p | cut -d, -f1)
	first_cluster=$("$ECHELON" cluster list --db "$DB" --format csv | sed -n 2p | cut -d, -f1)
	first_fund=$("$ECHELON" fund list --db "$DB" --format csv | sed -n 2p | cut -d, -f1)
	printf 'echelon-admin\n' | "$ECHELON" user add admin --role admin --db "$DB" >/dev/null
	printf 'echelon-demo\n' | "$ECHELON" user add analyst --role analyst --db "$DB" >/dev/null
	printf 'echelon-agency\n' | "$ECHELON" user add agency --role agency --scope "$first_cluster" --db "$DB" >/dev/null
	printf 'echelon-fund\n' | "$ECHELON" user add fund --role fund --scope "$first_fund" --db "$DB" >/dev/null
	printf 'echelon-firm\n' | "$ECHELON" user add firm --role enterprise --scope "$first_firm" --db "$DB" >/dev/null
fi
# The dashboard opens on the latest period with figures: show that one.
last=$("$ECHELON" status --db "$DB" | sed -n 's/.*reports [0-9-]* to \([0-9]*-[0-9]*\).*/\1/p' | head -1)
period=${last:-2020-06}
"$ECHELON" monitor --db "$DB" --period "$period" --by area
echo
echo "demo: the data are a synthetic demo economy, not real statistics"
echo "demo: dashboard and API at http://$LISTEN/ (opens on $period)"
echo "demo: sign in as analyst / echelon-demo; also admin / echelon-admin, agency / echelon-agency,"
echo "demo:   fund / echelon-fund, firm / echelon-firm (an enterprise)"
echo "demo: another address or port: make demo LISTEN=127.0.0.1:9090; stop with Ctrl-C"
exec "$ECHELON" serve --db "$DB" --listen "$LISTEN"
