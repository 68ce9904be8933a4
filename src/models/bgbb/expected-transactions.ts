/**
 * @module
 * BG/BB expected numbers of transactions: for a customer with a history, and for a new customer.
 */
import { ModelInputError } from '../errors.js';
import { betaln } from '../special/betaln.js';
import { gammaln } from '../special/gammaln.js';
import { checkDiscreteCustomer } from './compress.js';
import { checkBgBbParams, customerLogLikelihood } from './log-likelihood.js';
import type { BgBbParams, DiscreteRow } from './types.js';

/** Below this distance from gamma = 1 the closed forms divide 0 by 0; the finite sums are used instead. */
const GAMMA_ONE = 1e-6;

function checkPeriods(caller: string, name: string, v: number): void {
  if (!Number.isInteger(v) || v < 0) {
    throw new ModelInputError(`${caller} requires ${name} to be a whole number >= 0: got ${v}`, { field: name });
  }
}

/**
 * sum_{k=1}^{m} B(gamma, delta + s + k) / B(gamma, delta): the expected number of opportunities s+1..s+m at
 * which a customer alive at s is still alive, times P(alive at s). Summed by the ratio
 * B(gamma, d + 1) / B(gamma, d) = d / (gamma + d). Used when gamma is (nearly) 1.
 */
function aliveSum(gamma: number, delta: number, s: number, m: number): number {
  let ratio = Math.exp(betaln(gamma, delta + s) - betaln(gamma, delta));
  let sum = 0;
  for (let k = 1; k <= m; k++) {
    const d = delta + s + k - 1;
    ratio *= d / (gamma + d);
    sum += ratio;
  }
  return sum;
}

/**
 * Expected number of transactions of a new customer over the first n opportunities
 * (Fader, Hardie and Shang 2010, E[X(n)] in section 3):
 *
 *   E[X(n)] = alpha / (alpha + beta) * delta / (gamma - 1)
 *             * [1 - Gamma(gamma + delta) / Gamma(gamma + delta + n) * Gamma(1 + delta + n) / Gamma(1 + delta)]
 *
 * @throws {ModelInputError} for invalid parameters or when n is not a non-negative integer.
 * @example bgbbExpectedTransactionsNewCustomer({ alpha: 1.2035, beta: 0.7497, gamma: 0.6567, delta: 2.7834 }, 1) // 0.4985
 */
export function bgbbExpectedTransactionsNewCustomer(params: BgBbParams, n: number): number {
  checkBgBbParams(params, 'bgbbExpectedTransactionsNewCustomer');
  checkPeriods('bgbbExpectedTransactionsNewCustomer', 'n', n);
  const { alpha, beta, gamma, delta } = params;
  const p = alpha / (alpha + beta);
  if (Math.abs(gamma - 1) < GAMMA_ONE) return p * aliveSum(gamma, delta, 0, n);
  const ratio = Math.exp(gammaln(gamma + delta) - gammaln(gamma + delta + n) + gammaln(1 + delta + n) - gammaln(1 + delta));
  return Math.max(0, ((p * delta) / (gamma - 1)) * (1 - ratio));
}

/**
 * Expected number of transactions over the next `futurePeriods` opportunities (n + 1 .. n + n*) of a customer
 * with history (x, t_x, n) (Fader, Hardie and Shang 2010, eq. 13):
 *
 *   E[X(n, n + n*) | x, t_x, n] = 1 / L * B(alpha + x + 1, beta + n - x) / B(alpha, beta)
 *       * delta / (gamma - 1) * Gamma(gamma + delta) / Gamma(1 + delta)
 *       * [Gamma(1 + delta + n) / Gamma(gamma + delta + n) - Gamma(1 + delta + n + n*) / Gamma(gamma + delta + n + n*)]
 *
 * @throws {ModelInputError} naming the customer for an invalid history, or for invalid parameters or futurePeriods.
 * @example bgbbConditionalExpectedTransactions(donationsParams, { frequency: 6, recency: 6, periods: 6 }, 5) // 3.75
 */
export function bgbbConditionalExpectedTransactions(params: BgBbParams, customer: DiscreteRow, futurePeriods: number): number {
  checkBgBbParams(params, 'bgbbConditionalExpectedTransactions');
  checkPeriods('bgbbConditionalExpectedTransactions', 'futurePeriods', futurePeriods);
  const { frequency: x, recency: tx, periods: n } = customer;
  checkDiscreteCustomer('bgbbConditionalExpectedTransactions', x, tx, n, -1, customer.id);
  const { alpha, beta, gamma, delta } = params;
  const logFront = betaln(alpha + x + 1, beta + n - x) - betaln(alpha, beta) - customerLogLikelihood(params, x, tx, n);
  let tail: number;
  if (Math.abs(gamma - 1) < GAMMA_ONE) {
    tail = aliveSum(gamma, delta, n, futurePeriods);
  } else {
    const a = Math.exp(gammaln(gamma + delta) - gammaln(1 + delta) + gammaln(1 + delta + n) - gammaln(gamma + delta + n));
    const b = Math.exp(
      gammaln(gamma + delta) - gammaln(1 + delta) + gammaln(1 + delta + n + futurePeriods) - gammaln(gamma + delta + n + futurePeriods),
    );
    tail = (delta / (gamma - 1)) * (a - b);
  }
  return Math.max(0, Math.exp(logFront) * tail);
}

/**
 * Probability that a new customer makes exactly x transactions in the first n opportunities
 * (Fader, Hardie and Shang 2010, eq. 7):
 *
 *   P(X(n) = x) = C(n, x) B(alpha + x, beta + n - x) / B(alpha, beta) * B(gamma, delta + n) / B(gamma, delta)
 *               + sum_{i=x}^{n-1} C(i, x) B(alpha + x, beta + i - x) / B(alpha, beta) * B(gamma + 1, delta + i) / B(gamma, delta)
 *
 * @throws {ModelInputError} for invalid parameters, or when x and n are not integers with 0 <= x <= n.
 * @example bgbbTransactionCountProbability(donationsParams, 0, 6) // 0.3111 (3454.9 of 11,104 donors)
 */
export function bgbbTransactionCountProbability(params: BgBbParams, x: number, n: number): number {
  checkBgBbParams(params, 'bgbbTransactionCountProbability');
  checkPeriods('bgbbTransactionCountProbability', 'n', n);
  checkPeriods('bgbbTransactionCountProbability', 'x', x);
  if (x > n) throw new ModelInputError(`bgbbTransactionCountProbability requires x <= n: got x = ${x} and n = ${n}`, { field: 'x' });
  const { alpha, beta, gamma, delta } = params;
  const lbab = betaln(alpha, beta);
  const lbgd = betaln(gamma, delta);
  const logChoose = (a: number, b: number): number => gammaln(a + 1) - gammaln(b + 1) - gammaln(a - b + 1);
  let p = Math.exp(logChoose(n, x) + betaln(alpha + x, beta + n - x) - lbab + betaln(gamma, delta + n) - lbgd);
  for (let i = x; i < n; i++) {
    p += Math.exp(logChoose(i, x) + betaln(alpha + x, beta + i - x) - lbab + betaln(gamma + 1, delta + i) - lbgd);
  }
  return Math.min(1, p);
}
