#!/bin/sh
# Installs the Debian packages a target needs, and only those that are missing.
# Usage: scripts/deps.sh build|test|demo|bench|fuzz
set -eu

build="build-essential cmake pkg-config libsqlite3-dev libssl-dev libsodium-dev libjansson-dev libmicrohttpd-dev libglpk-dev coinor-libcbc-dev coinor-libclp-dev libzip-dev libexpat1-dev libxlsxwriter-dev libxxhash-dev liblapacke-dev zlib1g-dev libpq-dev"
# clang and its sanitizer and libFuzzer runtimes, for the fuzz harnesses
# (make fuzz, and the smoke run of make test); cmocka, which the tests'
# CMake file asks for, the fuzz build included.
fuzzer="clang libclang-rt-14-dev"
# chromium prints reports to PDF; fonts-wqy-zenhei is the TrueType CJK face
# it embeds by name (report_html.c); poppler-utils reads the PDF back in tests
# postgresql: the server the store/postgres run starts (scripts/pg.sh);
# nginx: the front of three servers in pg/scaleout (deploy/nginx);
# python3-psycopg2: the integration tests' Python parts on PostgreSQL (lib/db.py)
test_pkgs="$build libcmocka-dev sqlite3 postgresql nginx python3 python3-psycopg2 curl chromium fonts-noto-cjk fonts-wqy-zenhei poppler-utils $fuzzer"
bench="$test_pkgs hyperfine python3-pandas python3-numpy python3-sklearn python3-scipy"
fuzz="$build libcmocka-dev $fuzzer"

case "${1:-build}" in
build|demo) want="$build" ;;
test)       want="$test_pkgs" ;;
bench)      want="$bench" ;;
fuzz)       want="$fuzz" ;;
*) echo "usage: scripts/deps.sh build|test|demo|bench|fuzz" >&2; exit 2 ;;
esac

# Node.js and npm come with this kind of machine; from Debian only if absent.
if ! command -v npm >/dev/null 2>&1; then
	want="$want nodejs npm"
fi

missing=""
for p in $want; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

echo "deps: installing$missing" >&2
SUDO=""
if [ "$(id -u)" != 0 ]; then
	if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
		echo "deps: missing packages:$missing; run as root or install them" >&2; exit 1
	fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
