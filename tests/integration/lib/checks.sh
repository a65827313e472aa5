# Shared by the integration scripts: counters and one line per check, and
# the closing line "N passed, M failed" (sourced, not run).
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok - $1"; }
bad() { failed=$((failed + 1)); echo "not ok - $1"; }
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }
finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}
