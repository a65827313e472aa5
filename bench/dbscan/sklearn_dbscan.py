#!/usr/bin/python3
"""bench/dbscan/sklearn_dbscan.py — scikit-learn's side of the DBSCAN
benchmark, and the comparison with echelon's labels:

    sklearn_dbscan.py OUTDIR MIN_POINTS EPS_KM...

Reads OUTDIR/coords.f64 (n latitudes then n longitudes, written by
bench_dbscan), runs sklearn.cluster.DBSCAN(eps=eps_km/6371.0088,
min_samples=MIN_POINTS, metric='haversine', algorithm='ball_tree') on the
radians, timed around fit() alone, and compares with
OUTDIR/echelon-<eps>.labels and .core. Prints "key value" lines per eps:
eps_km, seconds, peak_rss_kib (of this process so far), clusters, core,
border, noise, then the comparison: same_clusters, same_core,
same_core_partition, border_same, border_other (a border point in another
cluster, each checked to be within eps of a core point of both),
border_other_unexplained, noise_disagree, identical_labels; and "verdict
agree" or "verdict DISAGREE".
"""
import resource
import sys
import time

import numpy as np
from sklearn.cluster import DBSCAN

R_KM = 6371.0088


def haversine_rad(lat1, lon1, lat2, lon2):
    """The same reduced distance as scikit-learn's ball tree (sin^2 form)."""
    s0 = np.sin(0.5 * (lat1 - lat2))
    s1 = np.sin(0.5 * (lon1 - lon2))
    return s0 * s0 + np.cos(lat1) * np.cos(lat2) * s1 * s1


def within_cluster_core(X, i, cluster, labels, core, eps_rad):
    """Whether point i is within eps of some core point of the cluster."""
    members = np.flatnonzero((labels == cluster) & core)
    h = haversine_rad(X[i, 0], X[i, 1], X[members, 0], X[members, 1])
    return bool(np.any(h <= np.sin(0.5 * eps_rad) ** 2))


def compare(X, eps_rad, e_labels, e_core, s_labels, s_core):
    out = {}
    e_k = int(e_labels.max()) + 1 if e_labels.size else 0
    s_k = int(s_labels.max()) + 1 if s_labels.size else 0
    out["same_clusters"] = int(e_k == s_k)
    out["same_core"] = int(np.array_equal(e_core, s_core))
    core = e_core & s_core
    # The partitions of the core points agree when the pairs (echelon label,
    # sklearn label) over core points make a one-to-one map.
    pairs = np.unique(np.stack([e_labels[core], s_labels[core]], axis=1), axis=0)
    one_to_one = (len(pairs) == len(np.unique(pairs[:, 0])) == len(np.unique(pairs[:, 1])))
    out["same_core_partition"] = int(out["same_core"] and one_to_one and len(pairs) == e_k == s_k)
    e_to_s = np.full(max(e_k, 1), -2, dtype=np.int64)
    e_to_s[pairs[:, 0]] = pairs[:, 1]
    border = ~e_core & ~s_core
    e_b, s_b = e_labels[border], s_labels[border]
    out["noise_disagree"] = int(np.sum((e_b < 0) != (s_b < 0)))
    both = (e_b >= 0) & (s_b >= 0)
    mapped = e_to_s[e_b[both]]
    out["border_same"] = int(np.sum(mapped == s_b[both]))
    other = np.flatnonzero(border)[both][mapped != s_b[both]]
    out["border_other"] = int(other.size)
    # Each border point labelled differently must touch both clusters.
    unexplained = 0
    for i in other[:2000]:
        if not (within_cluster_core(X, i, e_labels[i], e_labels, e_core, eps_rad)
                and within_cluster_core(X, i, s_labels[i], s_labels, s_core, eps_rad)):
            unexplained += 1
    if other.size > 2000:
        unexplained += -1  # not all checked: marks the figure as partial
    out["border_other_unexplained"] = unexplained
    out["identical_labels"] = int(np.array_equal(e_labels, s_labels))
    agree = (out["same_clusters"] and out["same_core"] and out["same_core_partition"]
             and out["noise_disagree"] == 0 and unexplained == 0)
    return out, agree


def main():
    outdir, min_points = sys.argv[1], int(sys.argv[2])
    both = np.fromfile(f"{outdir}/coords.f64", dtype=np.float64)
    n = both.size // 2
    X = np.radians(np.stack([both[:n], both[n:]], axis=1))
    print(f"n {n}")
    all_agree = True
    for eps_arg in sys.argv[3:]:
        eps_km = float(eps_arg)
        eps_rad = eps_km / R_KM
        t0 = time.perf_counter()
        model = DBSCAN(eps=eps_rad, min_samples=min_points, metric="haversine", algorithm="ball_tree").fit(X)
        seconds = time.perf_counter() - t0
        s_labels = model.labels_.astype(np.int64)
        s_core = np.zeros(n, dtype=bool)
        s_core[model.core_sample_indices_] = True
        name = f"{outdir}/echelon-{eps_arg}"
        e_labels = np.fromfile(f"{name}.labels", dtype=np.int32).astype(np.int64)
        e_core = np.fromfile(f"{name}.core", dtype=np.uint8).astype(bool)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(f"eps_km {eps_km:g}\nseconds {seconds:.4f}\npeak_rss_kib {peak}")
        print(f"clusters {int(s_labels.max()) + 1}\ncore {int(s_core.sum())}")
        print(f"border {int(np.sum(~s_core & (s_labels >= 0)))}\nnoise {int(np.sum(s_labels < 0))}")
        result, agree = compare(X, eps_rad, e_labels, e_core, s_labels, s_core)
        for key, value in result.items():
            print(f"{key} {value}")
        print("verdict", "agree" if agree else "DISAGREE")
        all_agree = all_agree and agree
        sys.stdout.flush()
    sys.exit(0 if all_agree else 1)


if __name__ == "__main__":
    main()
