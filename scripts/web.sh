#!/bin/sh
# Builds the dashboard into web/dist: `npm ci` from the committed lock when
# node_modules is missing or older than the lock, `npm run build` when a
# source is newer than the build. Usage: scripts/web.sh [DIR ...] installs
# those npm folders too (e.g. tests/browser).
set -eu
cd "$(dirname "$0")/.."

install() {
	dir=$1
	if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
		echo "web: npm ci in $dir" >&2
		(cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
	fi
}

if ! command -v npm >/dev/null 2>&1; then
	echo "web: npm is missing (scripts/deps.sh installs it)" >&2
	exit 1
fi
install web
if [ ! -f web/dist/index.html ] || [ -n "$(find web/src web/index.html web/vite.config.js web/package-lock.json -newer web/dist/index.html 2>/dev/null | head -1)" ]; then
	echo "web: building the dashboard" >&2
	(cd web && npm run build --silent >/dev/null)
fi
for dir in "$@"; do
	install "$dir"
done
