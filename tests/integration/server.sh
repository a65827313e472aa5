#!/bin/sh
# Runs the server integration test (tests/integration/server_test.py) with
# Debian's Python; see that file.
set -eu
exec /usr/bin/python3 "$SRC/tests/integration/server_test.py"
