# bench/lib.sh — what the benchmarks' scripts share; sourced after they
# set root and die().

# need TOOL...: stops at the first tool missing.
need() {
	for _tool in "$@"; do
		command -v "$_tool" >/dev/null 2>&1 || die "$_tool is missing (scripts/deps.sh bench installs it)"
	done
}

# duckdb_node WHO: DuckDB's Node.js binding from bench/package-lock.json,
# installed (npm ci) when it is missing.
duckdb_node() {
	if [ ! -d "$root/bench/node_modules/@duckdb/node-api" ]; then
		echo "$1: npm ci in bench/" >&2
		(cd "$root/bench" && npm ci --no-audit --no-fund >&2)
	fi
}
