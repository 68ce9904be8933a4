/**
 * @module
 * Gamma-Gamma predictions of the mean transaction value.
 */
import { ModelInputError } from '../errors.js';
import { checkGammaGammaParams } from './log-likelihood.js';
import type { GammaGammaParams } from './types.js';

/**
 * Expected mean transaction value of a new customer (or of one with no repeat transactions):
 * E(Z) = p * gamma / (q - 1) (Fader and Hardie 2013, the population mean of the Gamma-Gamma model).
 *
 * @throws {ModelInputError} when q <= 1: the spend distribution then has no finite mean, and no number is returned.
 * @example expectedSpendNewCustomer({ p: 6.25, q: 3.74, gamma: 15.44 }) // 35.22
 */
export function expectedSpendNewCustomer(params: GammaGammaParams): number {
  checkGammaGammaParams(params, 'expectedSpendNewCustomer');
  if (params.q <= 1) {
    throw new ModelInputError(
      `expectedSpendNewCustomer requires q > 1: with q = ${params.q} the Gamma-Gamma spend distribution has no finite mean, so a customer without repeat transactions has no expected order value`,
      { field: 'q' },
    );
  }
  return (params.p * params.gamma) / (params.q - 1);
}

/**
 * Conditional expected mean transaction value of a customer with `frequency` repeat transactions whose mean
 * value was `monetaryValue` (Fader and Hardie 2013, eq. 5, as cited by lifetimes):
 *
 *   E(M | p, q, gamma, m_x, x) = (q - 1) / (p x + q - 1) * p gamma / (q - 1) + p x / (p x + q - 1) * m_x
 *                              = p (gamma + x m_x) / (p x + q - 1)
 *
 * a weighted average of the population mean and the customer's own mean. For x = 0 it is the population mean.
 * The posterior of the customer's rate is Gamma(p x + q, gamma + x m_x), so the expectation is finite whenever
 * p x + q > 1, even if q <= 1.
 *
 * @throws {ModelInputError} naming the customer when frequency is not a non-negative integer, monetaryValue is
 *   not positive for a repeat customer, or p x + q <= 1 (no finite mean; for x = 0 this is q <= 1).
 * @example conditionalExpectedAverageSpend({ p: 6.25, q: 3.74, gamma: 15.44 }, { frequency: 2, monetaryValue: 22.35 }) // 24.65
 */
export function conditionalExpectedAverageSpend(
  params: GammaGammaParams,
  customer: { readonly frequency: number; readonly monetaryValue: number; readonly id?: string | number },
): number {
  checkGammaGammaParams(params, 'conditionalExpectedAverageSpend');
  return spendFor(params, customer.frequency, customer.monetaryValue, -1, customer.id);
}

/**
 * `conditionalExpectedAverageSpend` for many customers given as columns; the result has one entry per customer.
 *
 * @throws {ModelInputError} as `conditionalExpectedAverageSpend`, naming the customer's index.
 */
export function conditionalExpectedAverageSpends(
  params: GammaGammaParams,
  frequency: ArrayLike<number>,
  monetaryValue: ArrayLike<number>,
): Float64Array {
  checkGammaGammaParams(params, 'conditionalExpectedAverageSpends');
  if (frequency.length !== monetaryValue.length) {
    throw new ModelInputError(
      `conditionalExpectedAverageSpends requires frequency and monetaryValue of equal length: got ${frequency.length} and ${monetaryValue.length}`,
      { field: 'monetaryValue' },
    );
  }
  const out = new Float64Array(frequency.length);
  for (let i = 0; i < frequency.length; i++) out[i] = spendFor(params, frequency[i]!, monetaryValue[i]!, i, undefined);
  return out;
}

function spendFor(params: GammaGammaParams, x: number, m: number, index: number, id: string | number | undefined): number {
  const { p, q, gamma } = params;
  const who = id !== undefined ? `customer ${JSON.stringify(id)}` : index >= 0 ? `customer at index ${index}` : 'customer';
  const ref = id ?? (index >= 0 ? index : undefined);
  const details = (field: string) => (ref === undefined ? { field } : { customer: ref, field });
  if (!Number.isInteger(x) || x < 0) {
    throw new ModelInputError(
      `conditionalExpectedAverageSpend requires frequency to be a whole number >= 0: ${who} has frequency ${x}`,
      details('frequency'),
    );
  }
  if (x > 0 && !(Number.isFinite(m) && m > 0)) {
    throw new ModelInputError(
      `conditionalExpectedAverageSpend requires a positive finite monetaryValue for repeat customers: ${who} has ${x} repeat transactions and monetaryValue ${m}`,
      details('monetaryValue'),
    );
  }
  const shape = p * x + q;
  if (shape <= 1) {
    throw new ModelInputError(
      x === 0
        ? `conditionalExpectedAverageSpend requires q > 1 for customers without repeat transactions: ${who} has none, and with q = ${q} the spend distribution has no finite mean`
        : `conditionalExpectedAverageSpend requires p * frequency + q > 1: for ${who} it is ${shape}, so the expected spend is not finite`,
      details('q'),
    );
  }
  return x === 0 ? (p * gamma) / (q - 1) : (p * (gamma + x * m)) / (shape - 1);
}
