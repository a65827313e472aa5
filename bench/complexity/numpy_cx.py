"""bench/complexity/numpy_cx.py — the complexity set of src/lib/complexity.c
written with numpy, as py-ecomplexity and Stata's ecomplexity compute it:
the benchmark's peer (run.sh) and the unit test's second opinion.

    /usr/bin/python3 numpy_cx.py MATRIX.bin NR NP OUT.bin [--threshold 1]

MATRIX.bin holds NR x NP float64 (row-major); OUT.bin gets, as float64, in
order: rca (NR*NP), m (NR*NP), diversity (NR), ubiquity (NP), eci (NR), pci
(NP), proximity (NP*NP), density (NR*NP), coi (NR), cog (NR*NP), fitness
(NR), complexity (NP) of Fitness–Complexity. Prints
"key value" lines: load_s, compute_s, peak_rss_kib.
"""
import resource
import sys
import time

import numpy as np


def complexity(x, threshold=1.0):
    nr, np_ = x.shape
    with np.errstate(divide="ignore", invalid="ignore"):
        rt = x.sum(axis=1)[:, None]
        ct = x.sum(axis=0)[None, :]
        rca = (x / rt) / (ct / ct.sum())
    m = np.where(np.nan_to_num(rca) >= threshold, 1.0, 0.0)
    kc = m.sum(axis=1)
    kp = m.sum(axis=0)
    rows = kc > 0
    cols = kp > 0
    mv = m[rows][:, cols]
    kcv, kpv = kc[rows], kp[cols]
    mcp1 = mv / kcv[:, None]
    mcp2 = mv / kpv[None, :]
    mpp = mcp2.T @ mcp1
    w, v = np.linalg.eig(mpp)
    v = np.real(v)
    kpe = v[:, np.real(w).argsort()[-2]]
    kce = mcp1 @ kpe
    s = np.sign(np.corrcoef(kcv, kce)[0, 1])
    kce, kpe = s * kce, s * kpe
    phi = (mv.T @ mv) / kpv[None, :]
    phi = np.minimum(phi, phi.T)
    np.fill_diagonal(phi, 0)  # a category's proximity to itself is left out, as in Stata
    density = mv @ (phi.T / phi.sum(axis=1)[None, :])
    coi = ((density * (1 - mv)) * kpe).sum(axis=1)
    cog = (1 - mv) * ((1 - mv) @ (phi * (kpe / phi.sum(axis=1))[:, None]))
    # Stata's normalisation: over the region x category rows of the year
    # (ncat categories with a total), the sample standard deviation.
    rows_n = len(kce) * int((x.sum(axis=0) > 0).sum())
    stata_sd = lambda v: v.std() * np.sqrt(rows_n / (rows_n - 1))
    sd = stata_sd(kce)
    pci = (kpe - kce.mean()) / sd
    cog = cog / sd
    eci = (kce - kce.mean()) / sd
    coi = (coi - coi.mean()) / stata_sd(coi)
    eci_f = np.full(nr, np.nan); eci_f[rows] = eci
    pci_f = np.full(np_, np.nan); pci_f[cols] = pci
    coi_f = np.full(nr, np.nan); coi_f[rows] = coi
    den_f = np.full((nr, np_), np.nan); den_f[np.ix_(rows, cols)] = density
    cog_f = np.full((nr, np_), np.nan); cog_f[np.ix_(rows, cols)] = cog
    phi_f = np.full((np_, np_), np.nan); phi_f[np.ix_(cols, cols)] = phi + np.eye(len(kpv))
    fit, cpx = fitness_complexity(mv)
    fit_f = np.full(nr, np.nan); fit_f[rows] = fit
    cpx_f = np.full(np_, np.nan); cpx_f[cols] = cpx
    return rca, m, kc, kp, eci_f, pci_f, phi_f, den_f, coi_f, cog_f, fit_f, cpx_f


def fitness_complexity(mv, iterations=500):
    """Tacchella et al. 2012, as src/lib/complexity.c: F = M Q, Q = 1 / (M' (1/F)),
    each divided by its mean, from 1, until neither moves by more than 1e-12
    (relative) or the iterations run out."""
    f = np.ones(mv.shape[0])
    q = np.ones(mv.shape[1])
    for _ in range(iterations):
        nf = mv @ q
        nq = 1.0 / (mv.T @ (1.0 / f))
        nf /= nf.mean()
        nq /= nq.mean()
        moved = max((np.abs(nf - f) / np.maximum(f, 1e-300)).max(), (np.abs(nq - q) / np.maximum(q, 1e-300)).max())
        f, q = nf, nq
        if moved < 1e-12:
            break
    return f, q


def main():
    path, nr, np_, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    threshold = float(sys.argv[6]) if len(sys.argv) > 6 and sys.argv[5] == "--threshold" else 1.0
    t0 = time.perf_counter()
    x = np.fromfile(path, dtype=np.float64).reshape(nr, np_)
    t1 = time.perf_counter()
    res = complexity(x, threshold)
    t2 = time.perf_counter()
    with open(out, "wb") as f:
        for a in res:
            np.asarray(a, dtype=np.float64).ravel().tofile(f)
    print(f"load_s {t1 - t0:.6f}")
    print(f"compute_s {t2 - t1:.6f}")
    print(f"peak_rss_kib {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}")


if __name__ == "__main__":
    main()
