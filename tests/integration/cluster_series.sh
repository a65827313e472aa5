#!/bin/sh
# Runs the cluster series' integration test
# (tests/integration/cluster_series_test.py) with Debian's Python.
set -eu
exec /usr/bin/python3 "$SRC/tests/integration/cluster_series_test.py"
