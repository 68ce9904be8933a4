/**
 * @module
 * Gamma-Gamma log-likelihood of the observed mean repeat spend, with its gradient in log-parameter space.
 */
import { requirePositiveParams } from '../errors.js';
import type { Objective } from '../optimize/index.js';
import { digamma } from '../special/digamma.js';
import { gammaln } from '../special/gammaln.js';
import { compressSpend } from './compress.js';
import type { CompressedSpend, GammaGammaParams, SpendData } from './types.js';

/** @throws {ModelInputError} when a parameter is not a positive finite number. */
export function checkGammaGammaParams(params: GammaGammaParams, caller: string): void {
  requirePositiveParams(caller, { p: params.p, q: params.q, gamma: params.gamma });
}

/**
 * Gamma-Gamma log-likelihood: the sum over repeat customers of the log density of their mean repeat spend
 * m_x given x repeat transactions (Fader and Hardie 2013, "The Gamma-Gamma Model of Monetary Value"; lifetimes
 * cites this likelihood as the note's equation 1a; Fader, Hardie and Lee 2005, JMR 42(4), give the same model):
 *
 *   f(m_x | p, q, gamma, x) = Gamma(p x + q) / (Gamma(p x) Gamma(q)) * gamma^q m_x^(p x - 1) x^(p x)
 *                             / (gamma + m_x x)^(p x + q)
 *
 * Customers with frequency 0 contribute nothing and are skipped.
 *
 * @throws {ModelInputError} for invalid parameters, or naming the customer for invalid data.
 * @example gammaGammaLogLikelihood({ p: 6.25, q: 3.74, gamma: 15.44 }, cdnowRepeatCustomers) // about -4055.92
 */
export function gammaGammaLogLikelihood(params: GammaGammaParams, data: SpendData): number {
  checkGammaGammaParams(params, 'gammaGammaLogLikelihood');
  const spend = compressSpend(data, 'gammaGammaLogLikelihood');
  return evaluate(prepare(spend), Math.log(params.p), Math.log(params.q), Math.log(params.gamma), false).value;
}

/**
 * The quantities that do not change between likelihood evaluations: per distinct frequency x, the total weight
 * W_x and the weighted sum of ln m. Rows arrive sorted by frequency from `compressSpend`.
 */
interface Prepared {
  readonly spend: CompressedSpend;
  readonly groupX: number[];
  readonly groupWeight: number[];
  readonly groupLogSpend: number[];
}

function prepare(spend: CompressedSpend): Prepared {
  const groupX: number[] = [];
  const groupWeight: number[] = [];
  const groupLogSpend: number[] = [];
  for (let i = 0; i < spend.frequency.length; i++) {
    const x = spend.frequency[i]!;
    const w = spend.weight[i]!;
    const last = groupX.length - 1;
    if (last < 0 || groupX[last] !== x) {
      groupX.push(x);
      groupWeight.push(0);
      groupLogSpend.push(0);
    }
    const g = groupX.length - 1;
    groupWeight[g]! += w;
    groupLogSpend[g]! += w * Math.log(spend.monetaryValue[i]!);
  }
  return { spend, groupX, groupWeight, groupLogSpend };
}

function evaluate(
  prep: Prepared,
  logP: number,
  logQ: number,
  logGamma: number,
  withGradient: boolean,
): { value: number; dP: number; dQ: number; dGamma: number } {
  const p = Math.exp(logP);
  const q = Math.exp(logQ);
  const gamma = Math.exp(logGamma);
  let value = 0;
  let dP = 0;
  let dQ = 0;
  let dGamma = 0;
  const lgq = gammaln(q);
  const psiQ = withGradient ? digamma(q) : 0;
  for (let g = 0; g < prep.groupX.length; g++) {
    const x = prep.groupX[g]!;
    const w = prep.groupWeight[g]!;
    const px = p * x;
    const lnx = Math.log(x);
    value += w * (gammaln(px + q) - gammaln(px) - lgq + q * logGamma + px * lnx) + (px - 1) * prep.groupLogSpend[g]!;
    if (withGradient) {
      const psiSum = digamma(px + q);
      dP += w * x * (psiSum - digamma(px) + lnx) + x * prep.groupLogSpend[g]!;
      dQ += w * (psiSum - psiQ + logGamma);
      dGamma += (w * q) / gamma;
    }
  }
  // The one term that mixes the parameters with each row's spend: (p x + q) ln(gamma + m x).
  const { frequency, monetaryValue, weight } = prep.spend;
  for (let i = 0; i < frequency.length; i++) {
    const x = frequency[i]!;
    const w = weight[i]!;
    const denom = gamma + monetaryValue[i]! * x;
    const lnDenom = Math.log(denom);
    const shape = p * x + q;
    value -= w * shape * lnDenom;
    if (withGradient) {
      dP -= w * x * lnDenom;
      dQ -= w * lnDenom;
      dGamma -= (w * shape) / denom;
    }
  }
  return { value, dP, dQ, dGamma };
}

/**
 * The fit's objective: the total log-likelihood as a function of (ln p, ln q, ln gamma), with its analytic
 * gradient (chain rule: d/d ln theta = theta * d/d theta).
 */
export function gammaGammaLogSpace(spend: CompressedSpend): Objective {
  const prep = prepare(spend);
  return (z) => {
    const r = evaluate(prep, z[0]!, z[1]!, z[2]!, true);
    return { value: r.value, gradient: [r.dP * Math.exp(z[0]!), r.dQ * Math.exp(z[1]!), r.dGamma * Math.exp(z[2]!)] };
  };
}
