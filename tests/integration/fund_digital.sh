#!/bin/sh
# Runs the test of a fund's minimum SME digital level in matching
# (tests/integration/fund_digital_test.py) with Debian's Python.
set -eu
exec /usr/bin/python3 "$SRC/tests/integration/fund_digital_test.py"
