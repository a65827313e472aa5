#!/bin/sh
# Runs the SME digital level's API test (tests/integration/digital_api_test.py)
# with Debian's Python.
set -eu
exec /usr/bin/python3 "$SRC/tests/integration/digital_api_test.py"
