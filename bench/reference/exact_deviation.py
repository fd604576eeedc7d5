"""Reference implementation of the exact deviation (src/exact/deviation/), the
straightforward numpy/scipy way, for side-by-side benchmarking.

Same quantity as exactDeviation: for each distinct token probability x, for each
corpus count c with Bin(N, x)(c) >= 1e-18, the synthetic count Z is the Markov chain
Z^(2) ~ Bin(n, c/N), Z^(m) ~ Bin(n, (c + Z^(m-1))/(N + n)) on a window of states
(mean nc/N +- 12 stationary sd + 30); the transition matrix of the window is built
densely with scipy.stats.binom.pmf, generations by vector-matrix products, the limit
by a dense linear solve (P^T - I) pi = 0, sum(pi) = 1. Then

  fromFirst[m]   = sum_i sum_c Bin(N, p_i)(c) E|N Z - n c| / (N (N + n)),
  fromInitial[m] = sum_i sum_c Bin(N, p_i)(c) E|(c + Z)/(N + n) - p_i|,

with m = 0: E|p - p^(1)|, m = 1: 0 (fromFirst) and E|p^(1) - p| (fromInitial).

Usage: python3 exact_deviation.py input.json  ->  JSON on stdout
input: {"p": [...], "N": int, "n": int, "generations": int, "repeats": int}
output: {"fromFirst": [...], "fromInitial": [...], "stationary": {...}, "ms": [..per repeat..],
         "numpy": version, "scipy": version}
"""

import json
import sys
import time

import numpy as np
import scipy
from scipy.stats import binom


def token(x, N, n, M):
    first = np.zeros(M + 1)
    initial = np.zeros(M + 1)
    stat_first = 0.0
    stat_initial = 0.0
    total = N + n
    cs = np.arange(N + 1)
    weights = binom.pmf(cs, N, x)
    keep = weights >= 1e-18
    cs, weights = cs[keep], weights[keep]
    mad = float(np.sum(weights * np.abs(cs / N - x)))
    first[0] = mad
    if M >= 1:
        initial[1] = mad
    beta = n * (n - 1) / total**2
    for c, w in zip(cs, weights):
        c = int(c)
        if c == 0 or c == N:
            d = abs(c / N - x)
            initial[2:] += w * d
            stat_initial += w * d
            continue
        mu = n * c / N
        r = c / N
        sd = np.sqrt(n * r * (1 - r) / (1 - beta))
        lo = max(0, int(np.floor(mu - 12 * sd - 30)))
        hi = min(n, int(np.ceil(mu + 12 * sd + 30)))
        z = np.arange(lo, hi + 1)
        P = binom.pmf(z[None, :], n, ((c + z) / total)[:, None])
        law = binom.pmf(z, n, c / N)
        h_first = np.abs(N * z - n * c) / (N * total)
        h_initial = np.abs((c + z) / total - x)
        for m in range(2, M + 1):
            if m > 2:
                law = law @ P
            first[m] += w * float(law @ h_first)
            initial[m] += w * float(law @ h_initial)
        A = P.T - np.eye(len(z))
        A[-1, :] = 1.0
        b = np.zeros(len(z))
        b[-1] = 1.0
        pi = np.linalg.solve(A, b)
        stat_first += w * float(pi @ h_first)
        stat_initial += w * float(pi @ h_initial)
    return first, initial, stat_first, stat_initial


def exact_deviation(p, N, n, M):
    p = np.asarray(p, dtype=float)
    values, counts = np.unique(p[p > 0], return_counts=True)
    first = np.zeros(M + 1)
    initial = np.zeros(M + 1)
    sf = si = 0.0
    for x, k in zip(values, counts):
        f, i, a, b = token(float(x), N, n, M)
        first += k * f
        initial += k * i
        sf += k * a
        si += k * b
    return first, initial, sf, si


def main():
    with open(sys.argv[1]) as fh:
        spec = json.load(fh)
    p, N, n, M = spec["p"], int(spec["N"]), int(spec["n"]), int(spec["generations"])
    repeats = int(spec.get("repeats", 3))
    times = []
    result = None
    for _ in range(repeats):
        t0 = time.perf_counter()
        result = exact_deviation(p, N, n, M)
        times.append((time.perf_counter() - t0) * 1e3)
    first, initial, sf, si = result
    json.dump(
        {
            "fromFirst": first.tolist(),
            "fromInitial": initial.tolist(),
            "stationary": {"fromFirst": sf, "fromInitial": si},
            "ms": times,
            "numpy": np.__version__,
            "scipy": scipy.__version__,
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
