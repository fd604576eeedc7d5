"""Reference for exactDeviationLimit: the n -> infinity limit of the stationary deviation,
sum_i sum_c Bin(N, p_i)(c) * MAD(Beta(2c, 2(N - c))), the straightforward numpy/scipy way
(scipy.stats.binom.pmf on the window of +-12 sd + 50 counts, the Beta MAD from betaln).

Input: a JSON file {values, counts, N, repeats}. Output: JSON {value, ms, numpy, scipy}.
"""
import json
import sys
import time

import numpy as np
import scipy
from scipy.special import betaln
from scipy.stats import binom


def beta_mad(N, c):
    a = 2.0 * c
    b = 2.0 * (N - c)
    out = np.zeros_like(a)
    inside = (c > 0) & (c < N)
    a, b = a[inside], b[inside]
    out[inside] = np.exp(np.log(2.0) + a * np.log(a) + b * np.log(b) - betaln(a, b) - (a + b + 1) * np.log(a + b))
    return out


def limit(values, counts, N):
    total = 0.0
    for x, k in zip(values, counts):
        sd = np.sqrt(N * x * (1 - x))
        lo = max(0, int(np.floor(N * x - 12 * sd - 50)))
        hi = min(N, int(np.ceil(N * x + 12 * sd + 50)))
        c = np.arange(lo, hi + 1, dtype=np.float64)
        total += k * float(np.dot(binom.pmf(c, N, x), beta_mad(N, c)))
    return total


def main():
    spec = json.load(open(sys.argv[1]))
    times = []
    value = None
    for _ in range(spec["repeats"]):
        t = time.perf_counter()
        value = limit(spec["values"], spec["counts"], int(spec["N"]))
        times.append((time.perf_counter() - t) * 1000)
    print(json.dumps({"value": value, "ms": times, "numpy": np.__version__, "scipy": scipy.__version__}))


if __name__ == "__main__":
    main()
