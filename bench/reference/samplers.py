"""numpy reference for bench/samplers.ts: the SAME sampling work, done as a numpy
user would — one vectorised call per batch on a default_rng Generator (PCG64):

    binomial:     Generator.binomial(n, p, size=R)       (R draws)
    multinomial:  Generator.multinomial(n, pvals, size=R) (R draws of counts)

The probability vectors are read from the float64 files written by
bench/samplers.ts, so both sides sample exactly the same distributions.

Usage: python3 samplers.py SPEC.json  ->  one JSON line on stdout
SPEC.json: {"workloads": [{"id", "kind", "n", "p" | "pfile", "size", "repeats"}], "seed"}
Output: {"numpy": version, "results": {id: best seconds per draw}}
"""
import json
import sys
import time

import numpy as np


def main():
    spec = json.load(open(sys.argv[1]))
    rng = np.random.default_rng(spec['seed'])
    results = {}
    for w in spec['workloads']:
        size = w['size']
        if w['kind'] == 'binomial':
            n, p = w['n'], w['p']

            def run():
                return rng.binomial(n, p, size=size)
        else:
            pv = np.fromfile(w['pfile'], dtype='<f8')
            n = w['n']

            def run():
                return rng.multinomial(n, pv, size=size)
        run()  # warm-up (allocations, caches)
        best = float('inf')
        for _ in range(w['repeats']):
            t0 = time.perf_counter()
            out = run()
            best = min(best, time.perf_counter() - t0)
        # Sanity check that the work was done: every draw is in range / sums to n.
        if w['kind'] == 'multinomial':
            assert (out.sum(axis=1) == n).all()
        results[w['id']] = best / size
    print(json.dumps({'numpy': np.__version__, 'results': results}))


if __name__ == '__main__':
    main()
