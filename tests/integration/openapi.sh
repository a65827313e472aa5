#!/bin/sh
# docs/api/openapi.yaml is generated from the route table: it must be what
# `echelon serve --openapi` prints now (regenerate it after changing routes).
set -eu
mkdir -p "${WORK:-/tmp}"
if "$ECHELON" serve --openapi | diff -u "$SRC/docs/api/openapi.yaml" - >"${WORK:-/tmp}/openapi.diff" 2>&1; then
	echo "ok - docs/api/openapi.yaml matches the route table"
	echo "1 passed, 0 failed"
else
	echo "not ok - docs/api/openapi.yaml differs from the route table; run: echelon serve --openapi > docs/api/openapi.yaml"
	cat "${WORK:-/tmp}/openapi.diff"
	echo "0 passed, 1 failed"
	exit 1
fi
