#!/bin/sh
# Builds the libFuzzer harnesses (tests/fuzz) with clang and runs each for a
# while over seed corpora made from the test fixtures.
# Usage: scripts/fuzz.sh [SECONDS per harness, default 60]
set -eu
seconds=${1:-60}
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build-fuzz
corpus=$build/corpus
if ! command -v clang >/dev/null 2>&1; then
	echo "fuzz: clang is missing (apt-get install clang)" >&2
	exit 1
fi
cmake -S "$root" -B "$build" -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Debug -DECHELON_FUZZ=ON >/dev/null
cmake --build "$build" -j"${JOBS:-2}" --target fuzz_csv fuzz_catalog fuzz_files

# Seeds: every fixture for the CSV and catalogue readers; for fuzz_files,
# each fixture once per reader, behind the byte that picks the reader.
rm -rf "$corpus"
mkdir -p "$corpus/csv" "$corpus/catalog" "$corpus/files"
i=0
for f in "$root"/tests/data/*/*.csv "$root"/data/examples/*.csv; do
	i=$((i + 1))
	head -c 65536 "$f" >"$corpus/csv/$i"
	cp "$corpus/csv/$i" "$corpus/catalog/$i"
	for k in 0 1 2 3 4 5 6 7 8 9 10; do
		{ printf "\\$(printf '%03o' "$k")"; cat "$corpus/csv/$i"; } >"$corpus/files/$i-$k"
	done
done
for h in csv catalog files; do
	echo "fuzz: fuzz_$h for $seconds s"
	"$build/tests/fuzz_$h" -max_total_time="$seconds" -artifact_prefix="$build/" -rss_limit_mb=2048 -print_final_stats=1 "$corpus/$h" 2>&1 |
		awk '/cov: /{last=$0} /^(Done|==|SUMMARY)/{print} END{if (last != "") print "last: " last}'
done
