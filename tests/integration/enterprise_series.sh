#!/bin/sh
# Runs the enterprise series' integration test
# (tests/integration/enterprise_series_test.py) with Debian's Python.
set -eu
exec /usr/bin/python3 "$SRC/tests/integration/enterprise_series_test.py"
