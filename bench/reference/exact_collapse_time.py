"""Reference for bench/exact-collapse-time.ts: E[T] and E[T^2] of the Fully Synthetic
collapse time from the SAME linear system as src/exact/collapse-time/, but dense.

    I - Q,  Q[k, l] = scipy.stats.binom.pmf(l, n, k/n),  k, l = 1..n-1
    g = (I - Q)^{-1} a,  a(k) = k/n;   h = (I - Q)^{-1} g
    E[T] = 1 + pi.g,  E[T^2] = 1 + pi.(2h + g),  pi = sum_i Bin(n, p_i) on 1..n-1

The LU is computed once with scipy.linalg.lu_factor (LAPACK getrf, what
scipy.linalg.solve calls) and used for both right-hand sides (lu_solve, getrs):
scipy.linalg.solve would factor the matrix twice, since h needs g first.

Usage: python3 exact_collapse_time.py INPUT.json  ->  JSON on stdout
INPUT.json: {"p": [...], "n": 1000, "repeats": 3}
"""
import ctypes
import json
import re
import sys
import time

import numpy as np
import scipy
import scipy.linalg
import scipy.stats


def blas_info():
    """OpenBLAS libraries loaded in this process, with their configuration and core kernel."""
    out = []
    maps = open('/proc/self/maps').read()
    for path in sorted(set(re.findall(r'(/\S*openblas\S*\.so\S*)', maps))):
        lib = ctypes.CDLL(path)
        info = {'library': path.rsplit('/', 1)[-1]}
        for key, names in (('corename', ('scipy_openblas_get_corename64_', 'scipy_openblas_get_corename', 'openblas_get_corename64_', 'openblas_get_corename')),
                           ('config', ('scipy_openblas_get_config64_', 'scipy_openblas_get_config', 'openblas_get_config64_', 'openblas_get_config')),
                           ('threads', ('scipy_openblas_get_num_threads64_', 'scipy_openblas_get_num_threads', 'openblas_get_num_threads64_', 'openblas_get_num_threads'))):
            for name in names:
                f = getattr(lib, name, None)
                if f is None:
                    continue
                if key == 'threads':
                    f.restype = ctypes.c_int
                    info[key] = f()
                else:
                    f.restype = ctypes.c_char_p
                    info[key] = f().decode()
                break
        out.append(info)
    return out


def solve(p, n):
    t0 = time.perf_counter()
    k = np.arange(1, n, dtype=np.float64)
    A = scipy.stats.binom.pmf(k[None, :], n, (k / n)[:, None])
    np.negative(A, out=A)
    A[np.diag_indices_from(A)] += 1.0
    pi = scipy.stats.binom.pmf(k[None, :], n, np.asarray(p)[:, None]).sum(axis=0)
    t1 = time.perf_counter()
    lu = scipy.linalg.lu_factor(A, overwrite_a=True, check_finite=False)
    g = scipy.linalg.lu_solve(lu, k / n, check_finite=False)
    h = scipy.linalg.lu_solve(lu, g, check_finite=False)
    t2 = time.perf_counter()
    mean = 1.0 + pi @ g
    second = 1.0 + pi @ (2.0 * h + g)
    return mean, second, (t1 - t0) * 1e3, (t2 - t1) * 1e3


def main():
    spec = json.load(open(sys.argv[1]))
    p = [x for x in spec['p'] if x > 0]
    n = int(spec['n'])
    best = None
    for _ in range(int(spec.get('repeats', 1))):
        mean, second, build_ms, solve_ms = solve(p, n)
        if best is None or build_ms + solve_ms < best[2] + best[3]:
            best = (mean, second, build_ms, solve_ms)
    mean, second, build_ms, solve_ms = best
    json.dump({
        'n': n, 'mean': mean, 'secondMoment': second, 'variance': second - mean * mean,
        'buildMs': build_ms, 'solveMs': solve_ms, 'totalMs': build_ms + solve_ms,
        'numpy': np.__version__, 'scipy': scipy.__version__, 'python': sys.version.split()[0],
        'blas': blas_info(),
    }, sys.stdout)


if __name__ == '__main__':
    main()
