/**
 * Test reference of the eigenvectors of the collapse-time chain (see
 * `src/exact/collapse-time/spectral.ts`): the Chebyshev coefficients of q_J = r_J/(k(n − k)),
 * J = 2 … K, computed entirely in exact rational arithmetic (slow), each scaled to max
 * |coefficient| 1 and rounded once. Independent of the engine: the Stirling numbers, the
 * falling factorials, the division by 1 − x² and the change to the Chebyshev basis are all
 * computed here.
 */
import { Rational } from '../../../src/numeric/rational.ts';

type Poly = Rational[];

function polyAdd(a: Poly, b: Poly): Poly {
  const out: Poly = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) out.push((a[i] ?? Rational.ZERO).add(b[i] ?? Rational.ZERO));
  return out;
}

function polyScale(a: Poly, s: Rational): Poly {
  return a.map((c) => c.mul(s));
}

/** a·(c0 + c1·x). */
function polyMulLinear(a: Poly, c0: Rational, c1: Rational): Poly {
  const out: Poly = new Array<Rational>(a.length + 1).fill(Rational.ZERO);
  for (let i = 0; i < a.length; i++) {
    out[i] = out[i].add(a[i].mul(c0));
    out[i + 1] = out[i + 1].add(a[i].mul(c1));
  }
  return out;
}

/** a/(1 − x²), exactly (throws if the remainder is not zero). */
function divideOneMinusXSquared(a: Poly): Poly {
  // a = (1 − x²)·q: a_i = q_i − q_(i−2); from the top, q_(d−2) = −a_d, q_(i−2) = q_i − a_i.
  const d = a.length - 1;
  const q: Poly = new Array<Rational>(Math.max(0, d - 1)).fill(Rational.ZERO);
  for (let i = d; i >= 2; i--) q[i - 2] = (q[i] ?? Rational.ZERO).sub(a[i]);
  if (!a[0].sub(q[0] ?? Rational.ZERO).isZero() || !a[1].sub(q[1] ?? Rational.ZERO).isZero()) {
    throw new Error('spectral: eigenvector does not vanish at the boundary');
  }
  return q;
}

/** Monomial coefficients → Chebyshev coefficients (Horner with x·T_m = (T_(m+1) + T_(m−1))/2). */
function toChebyshev(a: Poly): Poly {
  const half = Rational.of(1, 2);
  let c: Poly = [];
  for (let i = a.length - 1; i >= 0; i--) {
    // c ← x·c + a_i
    const next: Poly = new Array<Rational>(c.length + 1).fill(Rational.ZERO);
    for (let m = 0; m < c.length; m++) {
      if (c[m].isZero()) continue;
      if (m === 0) next[1] = next[1].add(c[0]);
      else {
        next[m + 1] = next[m + 1].add(c[m].mul(half));
        next[m - 1] = next[m - 1].add(c[m].mul(half));
      }
    }
    next[0] = next[0].add(a[i]);
    c = next;
  }
  return c;
}

/** Exact rational eigenvectors (slow; the reference of `eigenChebyshev` in law.test.ts). */
export function eigenChebyshevExact(n: number, K: number): Float64Array[] {
  const N = BigInt(n);
  const lambda: Rational[] = [Rational.ONE];
  for (let i = 1; i <= K; i++) lambda.push(lambda[i - 1].mul(Rational.of(N - BigInt(i - 1), N)));
  const S2 = stirling2(K);
  // 2^i (k)_i as polynomials in x: Π_{t<i} ((n − 2t) − n·x)
  const ff: Poly[] = [[Rational.ONE]];
  for (let i = 1; i <= K; i++) {
    const t = i - 1;
    ff.push(polyMulLinear(ff[i - 1], Rational.of(N - 2n * BigInt(t)), Rational.of(-N)));
  }
  const out: Float64Array[] = [];
  for (let J = 2; J <= K; J++) {
    const a: Rational[] = new Array<Rational>(J + 1).fill(Rational.ZERO);
    a[J] = Rational.ONE;
    for (let t = J - 1; t >= 1; t--) {
      let s = Rational.ZERO;
      for (let i = t + 1; i <= J; i++) {
        if (a[i].isZero() || S2[i][t] === 0n) continue;
        s = s.add(a[i].mul(lambda[i]).mul(Rational.of(S2[i][t])));
      }
      a[t] = s.div(lambda[J].sub(lambda[t]));
    }
    let r: Poly = [Rational.ZERO];
    for (let i = 1; i <= J; i++) {
      if (a[i].isZero()) continue;
      r = polyAdd(r, polyScale(ff[i], a[i].div(Rational.of(2n ** BigInt(i)))));
    }
    const q = toChebyshev(divideOneMinusXSquared(r));
    let max = Rational.ZERO;
    for (const c of q) if (c.abs().cmp(max) > 0) max = c.abs();
    const f = new Float64Array(q.length);
    for (let m = 0; m < q.length; m++) f[m] = q[m].div(max).toNumber();
    out.push(f);
  }
  return out;
}

function stirling2(K: number): bigint[][] {
  const S2: bigint[][] = [[1n]];
  for (let i = 1; i <= K; i++) {
    const row: bigint[] = new Array<bigint>(i + 1).fill(0n);
    for (let t = 1; t <= i; t++) row[t] = (S2[i - 1][t - 1] ?? 0n) + BigInt(t) * (S2[i - 1][t] ?? 0n);
    S2.push(row);
  }
  return S2;
}
