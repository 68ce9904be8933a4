/**
 * @module
 * BG/BB log-likelihood, with its analytic gradient in log-parameter space.
 */
import { requirePositiveParams } from '../errors.js';
import type { Objective } from '../optimize/index.js';
import { betaln } from '../special/betaln.js';
import { logSumExp } from '../special/log-sum-exp.js';
import { compressDiscrete } from './compress.js';
import type { BgBbParams, CompressedDiscrete, DiscreteData } from './types.js';

/** @throws {ModelInputError} when a parameter is not a positive finite number. */
export function checkBgBbParams(params: BgBbParams, caller: string): void {
  requirePositiveParams(caller, { alpha: params.alpha, beta: params.beta, gamma: params.gamma, delta: params.delta });
}

/** H(a, m) = psi(a + m) - psi(a) = sum_{j < m} 1 / (a + j): digamma differences at integer offsets. */
function harmonic(a: number, m: number): number {
  let s = 0;
  for (let j = 0; j < m; j++) s += 1 / (a + j);
  return s;
}

/**
 * Log of one customer's BG/BB likelihood (Fader, Hardie and Shang 2010, the likelihood function of section 3):
 *
 *   L = B(alpha + x, beta + n - x) / B(alpha, beta) * B(gamma, delta + n) / B(gamma, delta)
 *     + sum_{i=0}^{n - t_x - 1} B(alpha + x, beta + t_x - x + i) / B(alpha, beta)
 *                               * B(gamma + 1, delta + t_x + i) / B(gamma, delta)
 *
 * The first term is "alive through opportunity n", the i-th term "dropped out at the start of opportunity
 * t_x + i + 1". Successive terms differ by one in a Beta argument, so each is the previous one times a ratio,
 * and the log-Beta derivatives are finite harmonic sums rather than digamma calls.
 *
 * When `gradient` is given it receives d ln L / d(alpha, beta, gamma, delta).
 */
export function customerLogLikelihood(
  params: BgBbParams,
  x: number,
  tx: number,
  n: number,
  gradient?: Float64Array,
): number {
  const { alpha, beta, gamma, delta } = params;
  const lbab = betaln(alpha, beta);
  const lbgd = betaln(gamma, delta);
  const terms: number[] = [betaln(alpha + x, beta + n - x) - lbab + betaln(gamma, delta + n) - lbgd];
  const extra = n - tx;
  let t = extra > 0 ? betaln(alpha + x, beta + tx - x) - lbab + betaln(gamma + 1, delta + tx) - lbgd : 0;
  for (let i = 0; i < extra; i++) {
    if (i > 0) {
      const k = tx - x + i - 1;
      const j = tx + i - 1;
      t += Math.log(beta + k) - Math.log(alpha + beta + x + k) + Math.log(delta + j) - Math.log(gamma + 1 + delta + j);
    }
    terms.push(t);
  }
  const total = logSumExp(terms);
  if (gradient === undefined) return total;

  // Gradient: softmax-weighted sum of each term's gradient.
  const hab = harmonic(alpha + beta, n);
  const hgd = harmonic(gamma + delta, n);
  const w0 = Math.exp(terms[0]! - total);
  let gA = w0 * (harmonic(alpha, x) - hab);
  let gB = w0 * (harmonic(beta, n - x) - hab);
  let gG = w0 * -hgd;
  let gD = w0 * (harmonic(delta, n) - hgd);
  if (extra > 0) {
    let tA = harmonic(alpha, x) - harmonic(alpha + beta, tx);
    let tB = harmonic(beta, tx - x) - harmonic(alpha + beta, tx);
    let tG = 1 / gamma - harmonic(gamma + delta, tx + 1);
    let tD = harmonic(delta, tx) - harmonic(gamma + delta, tx + 1);
    for (let i = 0; i < extra; i++) {
      if (i > 0) {
        const k = tx - x + i - 1;
        const j = tx + i - 1;
        tA -= 1 / (alpha + beta + x + k);
        tB += 1 / (beta + k) - 1 / (alpha + beta + x + k);
        tG -= 1 / (gamma + delta + j + 1);
        tD += 1 / (delta + j) - 1 / (gamma + delta + j + 1);
      }
      const w = Math.exp(terms[i + 1]! - total);
      gA += w * tA;
      gB += w * tB;
      gG += w * tG;
      gD += w * tD;
    }
  }
  gradient[0] = gA;
  gradient[1] = gB;
  gradient[2] = gG;
  gradient[3] = gD;
  return total;
}

/**
 * BG/BB log-likelihood of a data set: the weighted sum of `customerLogLikelihood` over customers.
 *
 * @throws {ModelInputError} for invalid parameters, or naming the customer for an invalid history.
 * @example bgbbLogLikelihood({ alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 }, donations) // about -33225.6
 */
export function bgbbLogLikelihood(params: BgBbParams, data: DiscreteData): number {
  checkBgBbParams(params, 'bgbbLogLikelihood');
  const rows = compressDiscrete(data, 'bgbbLogLikelihood');
  let ll = 0;
  for (let i = 0; i < rows.weight.length; i++) {
    ll += rows.weight[i]! * customerLogLikelihood(params, rows.frequency[i]!, rows.recency[i]!, rows.periods[i]!);
  }
  return ll;
}

function paramsFromLog(z: readonly number[]): BgBbParams {
  return { alpha: Math.exp(z[0]!), beta: Math.exp(z[1]!), gamma: Math.exp(z[2]!), delta: Math.exp(z[3]!) };
}

/**
 * The fit's objective: the total log-likelihood as a function of the log parameters, with its analytic gradient
 * (d/d ln theta = theta * d/d theta).
 */
export function bgbbLogSpace(rows: CompressedDiscrete): Objective {
  const g = new Float64Array(4);
  return (z) => {
    const params = paramsFromLog(z);
    let value = 0;
    const grad = [0, 0, 0, 0];
    for (let i = 0; i < rows.weight.length; i++) {
      const w = rows.weight[i]!;
      value += w * customerLogLikelihood(params, rows.frequency[i]!, rows.recency[i]!, rows.periods[i]!, g);
      for (let k = 0; k < 4; k++) grad[k]! += w * g[k]!;
    }
    const theta = [params.alpha, params.beta, params.gamma, params.delta];
    return { value, gradient: grad.map((d, k) => d * theta[k]!) };
  };
}
