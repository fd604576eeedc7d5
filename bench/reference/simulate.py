"""numpy reference for bench/simulate.ts: the same fully synthetic simulations
(generation 1 = n samples of p, generation m = n samples of p^(m-1)), with the
same per-generation metrics (sigma, max, L1 to p^(1), L1 to p, entropy, support,
collapsed) summarised by mean and t interval across runs, and the collapse times.

Vectorised as a numpy user would: all runs advance together, one
Generator.multinomial call per generation with a (runs, s) pvals array; the
metrics are row reductions. In the "until collapse" workload, collapsed runs
are dropped from the batch (a Dirac stays a Dirac).

Usage: python3 simulate.py WORKLOAD_JSON   ->  prints one JSON line
  {"ms": best wall time, "maxrss_kb": peak RSS, "check": {...}}
"""
import json
import resource
import sys
import time

import numpy as np
from scipy import stats


def metrics(counts, n, first, n1, p):
    q = counts / n
    sig = np.einsum('ij,ij->i', q, q)
    mx = counts.max(axis=1)
    l1f = np.abs(q - first / n1).sum(axis=1)
    l1i = np.abs(q - p).sum(axis=1)
    with np.errstate(divide='ignore', invalid='ignore'):
        ent = -np.where(q > 0, q * np.log(q), 0.0).sum(axis=1)
    sup = (counts > 0).sum(axis=1)
    return np.stack([sig, mx / n, l1f, l1i, ent, sup, (mx == n).astype(float)])


def run(w, seed):
    p = np.asarray(w['p'], dtype=float) if 'p' in w else np.full(w['s'], 1.0 / w['s'])
    n, G, R = w['n'], w['generations'], w['runs']
    rng = np.random.default_rng(seed)
    until = w.get('untilCollapse', False)
    counts = rng.multinomial(n, p, size=R)
    first = counts.copy()
    sums = np.zeros((7, G + 1))
    sqs = np.zeros((7, G + 1))
    T = np.full(R, -1)
    alive = np.arange(R)
    m = 1
    while True:
        met = metrics(counts, n, first[alive], n, p)
        # collapsed rows keep contributing their (constant) values below
        sums[:, m] += met.sum(axis=1)
        sqs[:, m] += (met ** 2).sum(axis=1)
        col = counts.max(axis=1) == n
        newly = col & (T[alive] < 0)
        T[alive[newly]] = m
        if until:
            if col.any():
                # a collapsed run stays a Dirac: add its constant metrics for the remaining generations
                sums[:, m + 1:] += met[:, col].sum(axis=1)[:, None]
                sqs[:, m + 1:] += (met[:, col] ** 2).sum(axis=1)[:, None]
                keep = ~col
                counts, alive = counts[keep], alive[keep]
            if len(alive) == 0 or m == G:
                break
        elif m == G:
            break
        m += 1
        counts = rng.multinomial(n, counts / n)
    mean = sums / R
    var = np.maximum(sqs - R * mean ** 2, 0) / max(R - 1, 1)
    half = stats.t.ppf(0.975, max(R - 1, 1)) * np.sqrt(var / R)
    lower, upper = mean - half, mean + half
    return {'sigma_mean_last': float(mean[0, G if not until else 1]), 'sigma_mean_1': float(mean[0, 1]),
            'meanT': float(T[T > 0].mean()) if (T > 0).any() else None, 'collapsed': int((T > 0).sum()),
            'generations': int(m), 'ci_width_1': float(upper[0, 1] - lower[0, 1])}


def main():
    w = json.loads(open(sys.argv[1]).read())
    best = float('inf')
    check = None
    for rep in range(w.get('reps', 1)):
        t0 = time.perf_counter()
        check = run(w, 1000 + rep)
        best = min(best, (time.perf_counter() - t0) * 1000)
    print(json.dumps({'ms': best, 'maxrss_kb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, 'check': check}))


if __name__ == '__main__':
    main()
