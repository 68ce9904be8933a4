import type { CompressedRfm } from '../data/compress-rfm.js';
import { pairLevels, rfmLevels, type PairLevels } from '../data/levels.js';
import { digamma } from '../special/digamma.js';
import { gammaln } from '../special/gammaln.js';
import type { ParetoNbdParams } from './params.js';
import { logUnitHypergeometricWithGradient } from './unit-hypergeometric.js';

/** A value with its gradient in (r, α, s, β). */
interface Graded {
  value: number;
  g: [number, number, number, number];
}

const pairCache = new WeakMap<CompressedRfm, { xT: PairLevels; xTx: PairLevels }>();

function pairs(data: CompressedRfm): { xT: PairLevels; xTx: PairLevels } {
  let found = pairCache.get(data);
  if (found === undefined) {
    const lv = rfmLevels(data);
    found = { xT: pairLevels(lv.frequency, lv.T), xTx: pairLevels(lv.frequency, lv.recency) };
    pairCache.set(data, found);
  }
  return found;
}

/**
 * Pareto/NBD weighted total ln L over a compressed table (the form of
 * terms.ts) with its analytic gradient in (ln r, ln α, ln s, ln β).
 *
 * The ₂F₁ pieces depend on (x, T) (the K term) or (x, t_x) (the R term)
 * only, so each is computed once per distinct pair, with its derivatives
 * accumulated along its series; a row then costs one exp and one log1p.
 */
export function pnbdCompressedLogLikelihood(
  p: ParetoNbdParams,
  data: CompressedRfm,
): { value: number; gradient: [number, number, number, number] } {
  const { r, alpha, s, beta } = p;
  const lv = rfmLevels(data);
  const { xT, xTx } = pairs(data);
  const xs = lv.frequency.values;
  const Ts = lv.T.values;
  const txs = lv.recency.values;
  const caseOne = alpha >= beta;

  // Per x: ln C and its gradient.
  const logAlpha = Math.log(alpha);
  const logBeta = Math.log(beta);
  const lgR = gammaln(r);
  const psiR = digamma(r);
  const logC = Array.from(xs, (x): Graded => ({
    value: gammaln(r + x) - lgR + r * logAlpha + s * logBeta,
    g: [digamma(r + x) - psiR + logAlpha, r / alpha, logBeta, s / beta],
  }));

  // Per (x, T): ln K.
  const logK = Array.from(xT.first, (ix, pair): Graded => {
    const x = xs[ix] as number;
    const T = Ts[xT.second[pair] as number] as number;
    const q = r + x;
    const m = q + s;
    if (caseOne) {
      const z = (alpha - beta) / (alpha + T);
      const h = logUnitHypergeometricWithGradient(q + 1, m + 1, z, (beta + T) / (alpha + T));
      return {
        value: Math.log(q / m) + Math.log((beta + T) / (alpha + T)) + h.log,
        g: [
          1 / q - 1 / m + h.dB + h.dC,
          -1 / (alpha + T) + (h.dZ * (beta + T)) / ((alpha + T) * (alpha + T)),
          -1 / m + h.dC,
          1 / (beta + T) - h.dZ / (alpha + T),
        ],
      };
    }
    const z = (beta - alpha) / (beta + T);
    const h = logUnitHypergeometricWithGradient(s, m + 1, z, (alpha + T) / (beta + T));
    return {
      value: Math.log(q / m) + h.log,
      g: [
        1 / q - 1 / m + h.dC,
        -h.dZ / (beta + T),
        -1 / m + h.dB + h.dC,
        (h.dZ * (alpha + T)) / ((beta + T) * (beta + T)),
      ],
    };
  });

  // Per (x, t_x): ln R.
  const logR = Array.from(xTx.first, (ix, pair): Graded => {
    const x = xs[ix] as number;
    const tx = txs[xTx.second[pair] as number] as number;
    const q = r + x;
    const m = q + s;
    if (caseOne) {
      const z = (alpha - beta) / (alpha + tx);
      const h = logUnitHypergeometricWithGradient(q, m + 1, z, (beta + tx) / (alpha + tx));
      return {
        value: h.log,
        g: [h.dB + h.dC, (h.dZ * (beta + tx)) / ((alpha + tx) * (alpha + tx)), h.dC, -h.dZ / (alpha + tx)],
      };
    }
    const z = (beta - alpha) / (beta + tx);
    const h = logUnitHypergeometricWithGradient(s + 1, m + 1, z, (alpha + tx) / (beta + tx));
    return {
      value: Math.log((alpha + tx) / (beta + tx)) + h.log,
      g: [
        h.dC,
        1 / (alpha + tx) - h.dZ / (beta + tx),
        h.dB + h.dC,
        -1 / (beta + tx) + (h.dZ * (alpha + tx)) / ((beta + tx) * (beta + tx)),
      ],
    };
  });

  // Everything a row needs, gathered per level into flat arrays so the row loop
  // below is plain arithmetic on typed arrays (it runs over 10⁵-10⁶ rows).
  const nx = xs.length;
  const xq = new Float64Array(nx);
  const xLogSOverM = new Float64Array(nx);
  const xInvM = new Float64Array(nx);
  const xC = new Float64Array(5 * nx);
  for (let i = 0; i < nx; i++) {
    const q = r + (xs[i] as number);
    xq[i] = q;
    xLogSOverM[i] = Math.log(s / (q + s));
    xInvM[i] = 1 / (q + s);
    const c = logC[i] as Graded;
    xC.set([c.value, ...c.g], 5 * i);
  }
  const flatten = (graded: readonly Graded[]) => {
    const out = new Float64Array(5 * graded.length);
    graded.forEach((v, i) => out.set([v.value, ...v.g], 5 * i));
    return out;
  };
  const kFlat = flatten(logK);
  const rFlat = flatten(logR);
  const logAT = Ts.map((T) => Math.log(alpha + T));
  const logBT = Ts.map((T) => Math.log(beta + T));
  const invAT = Ts.map((T) => 1 / (alpha + T));
  const invBT = Ts.map((T) => 1 / (beta + T));
  const logATx = txs.map((tx) => Math.log(alpha + tx));
  const logBTx = txs.map((tx) => Math.log(beta + tx));
  const invATx = txs.map((tx) => 1 / (alpha + tx));
  const invBTx = txs.map((tx) => 1 / (beta + tx));
  const invS = 1 / s;

  // Neumaier-compensated sums of the value and the four gradient components.
  const sum = new Float64Array(5);
  const carry = new Float64Array(5);
  const add = (i: number, v: number) => {
    const a = sum[i] as number;
    const t = a + v;
    carry[i] = (carry[i] as number) + (Math.abs(a) >= Math.abs(v) ? a - t + v : v - t + a);
    sum[i] = t;
  };
  const xi = lv.frequency.index;
  const ti = lv.T.index;
  const txi = lv.recency.index;
  const kIndex = xT.index;
  const rIndex = xTx.index;
  for (let row = 0; row < data.uniqueRows; row++) {
    const weight = data.weight[row] as number;
    const ix = xi[row] as number;
    const iT = ti[row] as number;
    const itx = txi[row] as number;
    const k = 5 * (kIndex[row] as number);
    const rr = 5 * (rIndex[row] as number);
    const c = 5 * ix;
    const q = xq[ix] as number;
    const invM = xInvM[ix] as number;
    const lAT = logAT[iT] as number;
    const lBT = logBT[iT] as number;
    const lATx = logATx[itx] as number;
    const lBTx = logBTx[itx] as number;
    const alive = -q * lAT - s * lBT + (kFlat[k] as number);
    const dead = (xLogSOverM[ix] as number) - q * lATx - s * lBTx + (rFlat[rr] as number);
    const d = dead - alive;
    let lse: number;
    let w: number; // weight of the dead branch
    if (d > 0) {
      const e = Math.exp(-d);
      lse = dead + Math.log1p(e);
      w = 1 / (1 + e);
    } else {
      const e = Math.exp(d);
      lse = alive + Math.log1p(e);
      w = e / (1 + e);
    }
    const v = 1 - w;
    add(0, weight * ((xC[c] as number) + lse));
    // Gradients of the two branches, mixed by w.
    add(1, weight * ((xC[c + 1] as number) + v * (-lAT + (kFlat[k + 1] as number)) + w * (-invM - lATx + (rFlat[rr + 1] as number))));
    add(2, weight * ((xC[c + 2] as number) + v * (-q * (invAT[iT] as number) + (kFlat[k + 2] as number)) + w * (-q * (invATx[itx] as number) + (rFlat[rr + 2] as number))));
    add(3, weight * ((xC[c + 3] as number) + v * (-lBT + (kFlat[k + 3] as number)) + w * (invS - invM - lBTx + (rFlat[rr + 3] as number))));
    add(4, weight * ((xC[c + 4] as number) + v * (-s * (invBT[iT] as number) + (kFlat[k + 4] as number)) + w * (-s * (invBTx[itx] as number) + (rFlat[rr + 4] as number))));
  }
  const total = (i: number) => (sum[i] as number) + (carry[i] as number);
  return {
    value: total(0),
    gradient: [r * total(1), alpha * total(2), s * total(3), beta * total(4)],
  };
}
