# bench/median.awk — the median and the best of each tool's times, for the
# scripts that run tools interleaved. Input lines "TOOL SECONDS RSS_KIB
# [STATUS]"; after it, median(tool) returns the median and sets best[tool],
# and rss[tool] holds the largest RSS. Loaded with `awk -f bench/median.awk
# -f SCRIPT`, the script giving the END block.
{ t[$1, ++n[$1]] = $2; if ($3 > rss[$1]) rss[$1] = $3; if ($4 != "" && $4 != 0) bad = bad " " $1 }
function median(tool,   k, i, j, v, a) {
	k = n[tool]
	for (i = 1; i <= k; i++) a[i] = t[tool, i]
	for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] < a[i]) { v = a[i]; a[i] = a[j]; a[j] = v }
	best[tool] = a[1]
	return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
}
