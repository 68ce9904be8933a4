import type { CompressedRfm } from '../data/compress-rfm.js';
import { rfmLevels } from '../data/levels.js';
import { digamma } from '../special/digamma.js';
import { gammaln } from '../special/gammaln.js';
import { compensatedSum } from '../special/compensated-sum.js';
import { logAddExp } from '../special/log-sum-exp.js';
import type { BgNbdParams } from './params.js';

/**
 * The beta-geometric/NBD family shared by BG/NBD and MBG/NBD. With
 * k = 0 (BG/NBD, Fader, Hardie & Lee 2005, eq. 6) a customer can drop out only
 * after a repeat purchase; with k = 1 (MBG/NBD, Batislam, Denizel & Filiztekin
 * 2007, as in BTYDplus' mbgnbd and lifetimes' ModifiedBetaGeoFitter) also right
 * after the first purchase:
 *
 *   L = B(a, b+x+k)/B(a,b) · Γ(r+x)α^r / (Γ(r)(α+T)^(r+x))
 *     + [x > 0 or k = 1] · B(a+1, b+x+k-1)/B(a,b) · Γ(r+x)α^r / (Γ(r)(α+t_x)^(r+x)).
 *
 * @module
 */

/** ln L for one customer (frequency x, recency t_x, age T). */
export function familyCustomerLogLikelihood(
  p: BgNbdParams,
  x: number,
  tx: number,
  T: number,
  k: 0 | 1,
): number {
  const { r, alpha, a, b } = p;
  const base =
    gammaln(r + x) - gammaln(r) + r * Math.log(alpha) +
    gammaln(a + b) + gammaln(b + x + k) - gammaln(b) - gammaln(a + b + x + k);
  const alive = -(r + x) * Math.log(alpha + T);
  if (x === 0 && k === 0) return base + alive;
  const dead = Math.log(a) - Math.log(b + x + k - 1) - (r + x) * Math.log(alpha + tx);
  return base + logAddExp(alive, dead);
}

/**
 * Weighted total ln L over a compressed table and its gradient with respect to
 * (ln r, ln α, ln a, ln b).
 *
 * Terms that depend on x alone (ln Γ, ψ) are computed once per distinct x and
 * ln(α+T), ln(α+t_x) once per distinct T and t_x, so a row costs one exp and
 * one log1p. With w = the posterior weight of the "dropped out" branch,
 *   ∂/∂r = ψ(r+x) - ψ(r) + ln α - (1-w) ln(α+T) - w ln(α+t_x)
 *   ∂/∂α = r/α - (r+x)[(1-w)/(α+T) + w/(α+t_x)]
 *   ∂/∂a = ψ(a+b) - ψ(a+b+x+k) + w/a
 *   ∂/∂b = ψ(a+b) + ψ(b+x+k) - ψ(b) - ψ(a+b+x+k) - w/(b+x+k-1)
 * and ∂/∂ln θ = θ ∂/∂θ.
 */
export function familyLogLikelihood(
  p: BgNbdParams,
  data: CompressedRfm,
  k: 0 | 1,
): { value: number; gradient: [number, number, number, number] } {
  const { r, alpha, a, b } = p;
  const lv = rfmLevels(data);
  const xs = lv.frequency.values;
  const nx = xs.length;
  const base = new Float64Array(nx);
  const dBaseR = new Float64Array(nx);
  const dBaseA = new Float64Array(nx);
  const dBaseB = new Float64Array(nx);
  const logDeadCoef = new Float64Array(nx);
  const invDeadB = new Float64Array(nx);
  const logAlpha = Math.log(alpha);
  const lgR = gammaln(r);
  const psiR = digamma(r);
  const lgAB = gammaln(a + b);
  const lgB = gammaln(b);
  const psiAB = digamma(a + b);
  const psiB = digamma(b);
  const logA = Math.log(a);
  for (let i = 0; i < nx; i++) {
    const x = xs[i] as number;
    const psiABX = digamma(a + b + x + k);
    base[i] = gammaln(r + x) - lgR + r * logAlpha + lgAB + gammaln(b + x + k) - lgB - gammaln(a + b + x + k);
    dBaseR[i] = digamma(r + x) - psiR + logAlpha;
    dBaseA[i] = psiAB - psiABX;
    dBaseB[i] = psiAB + digamma(b + x + k) - psiB - psiABX;
    const deadB = b + x + k - 1;
    logDeadCoef[i] = x === 0 && k === 0 ? -Infinity : logA - Math.log(deadB);
    invDeadB[i] = x === 0 && k === 0 ? 0 : 1 / deadB;
  }
  const logAT = lv.T.values.map((T) => Math.log(alpha + T));
  const invAT = lv.T.values.map((T) => 1 / (alpha + T));
  const logATx = lv.recency.values.map((tx) => Math.log(alpha + tx));
  const invATx = lv.recency.values.map((tx) => 1 / (alpha + tx));

  // Neumaier-compensated sums: with 10⁵-10⁶ rows, plain summation error would
  // swamp the last digits the optimizer needs to see near the optimum.
  const value = compensatedSum();
  const gr = compensatedSum();
  const gAlpha = compensatedSum();
  const ga = compensatedSum();
  const gb = compensatedSum();
  const n = data.uniqueRows;
  const xi = lv.frequency.index;
  const ti = lv.T.index;
  const txi = lv.recency.index;
  for (let row = 0; row < n; row++) {
    const weight = data.weight[row] as number;
    const ix = xi[row] as number;
    const iT = ti[row] as number;
    const itx = txi[row] as number;
    const q = r + (xs[ix] as number);
    const lT = logAT[iT] as number;
    const alive = -q * lT;
    const dead = (logDeadCoef[ix] as number) - q * (logATx[itx] as number);
    // Log-sum-exp of the two branches and w = P(dropped out branch), both from d = dead - alive.
    const d = dead - alive;
    let lse: number;
    let w: number;
    if (d > 0) {
      const e = Math.exp(-d);
      lse = dead + Math.log1p(e);
      w = 1 / (1 + e);
    } else {
      const e = Math.exp(d); // 0 when the dead branch is absent (d = -Infinity)
      lse = alive + Math.log1p(e);
      w = e / (1 + e);
    }
    value.add(weight * ((base[ix] as number) + lse));
    gr.add(weight * ((dBaseR[ix] as number) - (1 - w) * lT - w * (logATx[itx] as number)));
    gAlpha.add(weight * (r / alpha - q * ((1 - w) * (invAT[iT] as number) + w * (invATx[itx] as number))));
    ga.add(weight * ((dBaseA[ix] as number) + w / a));
    gb.add(weight * ((dBaseB[ix] as number) - w * (invDeadB[ix] as number)));
  }
  return {
    value: value.total(),
    gradient: [r * gr.total(), alpha * gAlpha.total(), a * ga.total(), b * gb.total()],
  };
}
