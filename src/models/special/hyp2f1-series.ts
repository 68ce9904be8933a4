import { digamma } from './digamma.js';
import { gammaln, gammaSign } from './gammaln.js';

/** A value with an estimate of its relative error. */
export interface Estimate {
  value: number;
  error: number;
}

const EPS = 2.220446049250313e-16;
/** Cap on the number of terms of any one series (about 3 ms). */
const MAX_TERMS = 200_000;

/**
 * Gauss's series Σ (a)ₙ(b)ₙ / ((c)ₙ n!) zⁿ, summed until the tail is below
 * machine precision, with a relative error estimate (Infinity when the cap on
 * terms is reached first). Terminates exactly when a or b is 0, -1, -2, ...
 */
export function gaussSeries(a: number, b: number, c: number, z: number): Estimate {
  let sum = 1;
  let term = 1;
  let maxAbs = 1;
  for (let n = 0; n < MAX_TERMS; n++) {
    term *= (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    sum += term;
    const abs = Math.abs(term);
    if (abs > maxAbs) maxAbs = abs;
    if (term === 0) return { value: sum, error: (EPS * maxAbs) / Math.abs(sum) };
    if (!Number.isFinite(sum)) return { value: sum, error: Infinity };
    if (abs <= EPS * Math.abs(sum)) {
      // The ratio of successive terms tends to z; bound the tail by a geometric
      // series with the larger of the next ratio and |z|.
      const next = Math.abs((((a + n + 1) * (b + n + 1)) / ((c + n + 1) * (n + 2))) * z);
      const ratio = Math.max(next, Math.abs(z));
      if (ratio < 1) {
        const tail = (abs * ratio) / (1 - ratio);
        if (tail <= EPS * Math.abs(sum)) {
          return { value: sum, error: (2 * EPS * maxAbs + tail) / Math.abs(sum) };
        }
      }
    }
  }
  return { value: sum, error: Infinity };
}

/** sign · exp(logMagnitude) of Γ(p1)Γ(p2)/(Γ(q1)Γ(q2)), 0 when a denominator Γ has a pole. */
function gammaRatio(p: readonly number[], q: readonly number[]): Estimate {
  let sign = 1;
  let log = 0;
  let scale = 1;
  for (const v of p) {
    sign *= gammaSign(v);
    const g = gammaln(v);
    log += g;
    scale += Math.abs(g);
  }
  for (const v of q) {
    const s = gammaSign(v);
    if (s === 0) return { value: 0, error: 0 }; // 1/Γ(pole) = 0
    sign *= s;
    const g = gammaln(v);
    log -= g;
    scale += Math.abs(g);
  }
  // ln Γ has an absolute error of about EPS · |ln Γ|, which exp turns into a relative one.
  return { value: sign * Math.exp(log), error: 4 * EPS * scale };
}

/**
 * Abramowitz & Stegun 15.3.6, the linear transformation to 1 - z for
 * non-integer d = c - a - b:
 *   F(a,b;c;z) = Γ(c)Γ(d)/(Γ(c-a)Γ(c-b)) F(a,b;1-d;1-z)
 *              + (1-z)^d Γ(c)Γ(-d)/(Γ(a)Γ(b)) F(c-a,c-b;1+d;1-z).
 * The two terms can cancel; the error estimate accounts for it.
 */
function nonIntegerTransform(a: number, b: number, c: number, w: number): Estimate {
  const d = c - a - b;
  const k1 = gammaRatio([c, d], [c - a, c - b]);
  const k2 = gammaRatio([c, -d], [a, b]);
  const s1 = k1.value === 0 ? { value: 0, error: 0 } : gaussSeries(a, b, 1 - d, w);
  const s2 = k2.value === 0 ? { value: 0, error: 0 } : gaussSeries(c - a, c - b, 1 + d, w);
  const t1 = k1.value * s1.value;
  const t2 = k2.value * Math.pow(w, d) * s2.value;
  const value = t1 + t2;
  const absError =
    Math.abs(t1) * (k1.error + s1.error + EPS) + Math.abs(t2) * (k2.error + s2.error + 2 * EPS);
  return { value, error: absError / Math.abs(value) };
}

/**
 * Abramowitz & Stegun 15.3.10 / 15.3.11, the 1 - z transformation when
 * c = a + b + m for an integer m >= 0 (where 15.3.6 has cancelling poles):
 *   F = Γ(m)Γ(c)/(Γ(a+m)Γ(b+m)) Σₙ₌₀^{m-1} (a)ₙ(b)ₙ/(n!(1-m)ₙ) wⁿ
 *     - (-1)^m Γ(c)/(Γ(a)Γ(b)) Σₙ (a+m)ₙ(b+m)ₙ/(n!(n+m)!) w^(n+m)
 *         [ln w - ψ(n+1) - ψ(n+m+1) + ψ(a+n+m) + ψ(b+n+m)],  w = 1 - z.
 */
function integerTransform(a: number, b: number, m: number, w: number): Estimate {
  const c = a + b + m;
  const logW = Math.log(w);
  let t1 = 0;
  let e1 = 0;
  if (m > 0) {
    const k1 = gammaRatio([m, c], [a + m, b + m]);
    if (k1.value !== 0) {
      let sum = 1;
      let term = 1;
      for (let n = 0; n < m - 1; n++) {
        term *= (((a + n) * (b + n)) / ((n + 1) * (1 - m + n))) * w;
        sum += term;
      }
      t1 = k1.value * sum;
      e1 = Math.abs(t1) * (k1.error + m * EPS);
    }
  }
  const k2 = gammaRatio([c], [a, b]);
  let t2 = 0;
  let e2 = 0;
  if (k2.value !== 0) {
    // u₀ = w^m / m!, and the digamma values advance by ψ(x + 1) = ψ(x) + 1/x.
    let u = Math.exp(m * logW - gammaln(m + 1));
    let psiN1 = digamma(1);
    let psiNm1 = digamma(m + 1);
    let psiA = digamma(a + m);
    let psiB = digamma(b + m);
    let sum = 0;
    let maxAbs = 0;
    for (let n = 0; n < MAX_TERMS; n++) {
      const term = u * (logW - psiN1 - psiNm1 + psiA + psiB);
      sum += term;
      maxAbs = Math.max(maxAbs, Math.abs(term));
      const ratio = Math.abs((((a + m + n) * (b + m + n)) / ((n + 1) * (n + m + 1))) * w);
      if (Math.abs(term) <= EPS * Math.abs(sum) && ratio < 0.5 && n > 0) break;
      u *= (((a + m + n) * (b + m + n)) / ((n + 1) * (n + m + 1))) * w;
      psiN1 += 1 / (n + 1);
      psiNm1 += 1 / (n + m + 1);
      psiA += 1 / (a + m + n);
      psiB += 1 / (b + m + n);
    }
    const sign = m % 2 === 0 ? -1 : 1;
    t2 = sign * k2.value * sum;
    e2 = Math.abs(t2) * k2.error + Math.abs(k2.value) * maxAbs * 4 * EPS;
  }
  const value = t1 + t2;
  return { value, error: (e1 + e2 + EPS * (Math.abs(t1) + Math.abs(t2))) / Math.abs(value) };
}

/** True when v is 0, -1, -2, ... */
export function isNonPositiveInteger(v: number): boolean {
  return v <= 0 && v === Math.floor(v);
}

/**
 * The 1 - z transformation for any real a, b, c (0 < z < 1, a and b not
 * non-positive integers): integer d = c - a - b goes through 15.3.10/11
 * (negative d after Euler's transformation F = (1-z)^d F(c-a, c-b; c; z)),
 * other d through 15.3.6. Within 1e-5 of an integer, 15.3.6 would lose up to
 * five digits to cancelling poles, so the value is interpolated linearly in c
 * between the integer formula and 15.3.6 at 1e-5 from it (error ~1e-10).
 * `w` is 1 - z, passed separately when the caller knows it more precisely.
 */
export function oneMinusZTransform(a: number, b: number, c: number, z: number, w = 1 - z): Estimate {
  const d = c - a - b;
  const m = Math.round(d);
  const gap = d - m;
  if (Math.abs(gap) <= 1e-13 * Math.max(1, Math.abs(c))) return integerCase(a, b, c, m, z, w);
  if (Math.abs(gap) < 1e-5) {
    const step = gap > 0 ? 1e-5 : -1e-5;
    const atInteger = integerCase(a, b, a + b + m, m, z, w);
    const beside = nonIntegerTransform(a, b, a + b + m + step, w);
    const value = atInteger.value + (gap / step) * (beside.value - atInteger.value);
    return { value, error: Math.max(atInteger.error, beside.error, 1e-10) };
  }
  return nonIntegerTransform(a, b, c, w);
}

function integerCase(a: number, b: number, c: number, m: number, z: number, w: number): Estimate {
  if (m >= 0) return integerTransform(a, b, m, w);
  // Euler: F(a,b;c;z) = (1-z)^m F(c-a, c-b; c; z), whose own c - a - b is -m > 0.
  const a2 = c - a;
  const b2 = c - b;
  const inner = isNonPositiveInteger(a2) || isNonPositiveInteger(b2)
    ? gaussSeries(a2, b2, c, z)
    : integerTransform(a2, b2, -m, w);
  return { value: Math.pow(w, m) * inner.value, error: inner.error + EPS };
}
