#!/bin/sh
# Runs the downloads' integration test (tests/integration/download_test.py)
# with Debian's Python; see that file.
set -eu
exec /usr/bin/python3 "$SRC/tests/integration/download_test.py"
