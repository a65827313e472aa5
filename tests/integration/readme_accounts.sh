#!/bin/sh
# README.md's table of the demo's accounts is what scripts/demo.sh creates:
# the same user names, passwords and roles, and the closing lines the demo
# prints name the same pairs. Reads both files (no server), so a change to
# either alone fails here. The files can be given (README, DEMO) to check
# other copies.
set -eu
. "$SRC/tests/integration/lib/checks.sh"
README=${README:-$SRC/README.md}
DEMO=${DEMO:-$SRC/scripts/demo.sh}
W="$WORK/readme_accounts"
rm -rf "$W"
mkdir -p "$W"

# README: the rows of the table under "### The demo's accounts", up to the
# next heading: | `name` | `password` | role (words) | sees |, as
# "name password role" (the role's first word).
awk '/^### The demo.s accounts/ { on = 1; next } on && /^#/ { on = 0 } on && /^\| `/ { print }' "$README" |
	sed -n 's/^| `\([^`]*\)` | `\([^`]*\)` | \([a-z]*\).*/\1 \2 \3/p' | sort >"$W/readme"
# demo.sh: printf 'password\n' | "$ECHELON" user add name --role role
sed -n "s/.*printf '\\([^'\\\\]*\\)\\\\n' | \"\$ECHELON\" user add \\([^ ]*\\) --role \\([a-z]*\\).*/\\2 \\1 \\3/p" "$DEMO" |
	sort >"$W/demo"

check "README.md lists the demo's accounts ($(wc -l <"$W/readme") rows)" '[ "$(wc -l <"$W/readme")" -ge 5 ]'
check "scripts/demo.sh creates accounts ($(wc -l <"$W/demo"))" '[ "$(wc -l <"$W/demo")" -ge 5 ]'
if cmp -s "$W/readme" "$W/demo"; then
	ok "README.md's accounts are scripts/demo.sh's: names, passwords and roles"
else
	bad "README.md's accounts are scripts/demo.sh's: names, passwords and roles"
	diff "$W/readme" "$W/demo" | sed 's/^/  # /'
fi
roles=$(cut -d' ' -f3 "$W/demo" | sort -u | tr '\n' ' ')
check "an account for every role (admin, agency, analyst, enterprise, fund): $roles" \
	'[ "$roles" = "admin agency analyst enterprise fund " ]'
# what the demo prints when it starts names every account with its password
said=$(grep '^echo "demo: ' "$DEMO" | tr -d '\n')
missing=""
while read -r name password role; do
	case "$said" in *"$name / $password"*) ;; *) missing="$missing $name" ;; esac
done <"$W/demo"
check "the demo's closing lines name each account with its password${missing:+ (not:$missing)}" '[ -z "$missing" ]'

# The check itself: a README or a demo.sh changed alone fails (checked
# once, not again by the copies run for it).
[ -n "${READMES_CHECKED:-}" ] && { finish; exit; }
sed 's/| `fund` | `echelon-fund` |/| `fund` | `echelon-funds` |/' "$README" >"$W/README.changed"
sed 's/user add agency --role agency/user add agent --role agency/' "$DEMO" >"$W/demo.changed"
if READMES_CHECKED=1 README="$W/README.changed" WORK="$W/a" sh "$0" >/dev/null 2>&1; then
	bad "a password changed in README.md alone is caught"
else
	ok "a password changed in README.md alone is caught"
fi
if READMES_CHECKED=1 DEMO="$W/demo.changed" WORK="$W/b" sh "$0" >/dev/null 2>&1; then
	bad "a user name changed in scripts/demo.sh alone is caught"
else
	ok "a user name changed in scripts/demo.sh alone is caught"
fi
finish
