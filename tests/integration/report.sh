#!/bin/sh
# Runs the reports' integration test (tests/integration/report_test.py)
# with Debian's Python.
set -eu
exec /usr/bin/python3 "$SRC/tests/integration/report_test.py"
