/**
 * @module
 * Customer lifetime value in a contractual (subscription) setting, from the sBG retention model.
 */
import { ModelInputError } from '../errors.js';
import { sbgDerl, sbgDiscountedExpectedLifetime } from '../sbg/discounted-lifetime.js';
import type { SbgParams } from '../sbg/types.js';

export interface SubscriptionValueOptions {
  /** Price paid at the start of each active period. */
  readonly pricePerPeriod: number;
  /** Discount rate per period of the sBG model (0.1 for 10% a year with yearly renewals). */
  readonly discountRate: number;
  /**
   * Renewals the customer has made so far. Absent: a customer about to be acquired, whose first payment is
   * counted. Present: an existing customer at the end of their current period, whose future payments are counted
   * (Fader and Hardie 2010's DERL; a customer who has renewed n - 1 times is in their n-th period).
   */
  readonly renewals?: number;
}

export interface SubscriptionValue {
  /** Expected present value of the payments, in the price's currency. */
  readonly value: number;
  /** Expected discounted number of payments (DEL for a new customer, DERL for an existing one). */
  readonly discountedPayments: number;
  readonly unit: string;
}

/**
 * Expected value of a subscriber: the price per period times the discounted expected (residual) lifetime.
 *
 * - New customer: price * E(DEL) = price * 2F1(1, beta; alpha + beta; 1 / (1 + d)), payments at the start of
 *   periods 0, 1, 2, ..., the first undiscounted.
 * - Existing customer with n - 1 = `renewals` renewals: price * E(DERL), the payments from the next renewal on,
 *   the next one undiscounted (Fader and Hardie 2010).
 *
 * @throws {ModelInputError} for a negative or non-finite price, and as `sbgDerl` for the other inputs (an
 *   undiscounted value with alpha <= 1 is infinite and is refused).
 * @example subscriptionValue({ alpha: 3.8, beta: 15.2 }, { pricePerPeriod: 100, discountRate: 0.1, renewals: 0 }).value // 331
 */
export function subscriptionValue(params: SbgParams, options: SubscriptionValueOptions): SubscriptionValue {
  const { pricePerPeriod, discountRate, renewals } = options;
  if (!Number.isFinite(pricePerPeriod) || pricePerPeriod < 0) {
    throw new ModelInputError(`subscriptionValue requires pricePerPeriod to be a finite number >= 0: got ${pricePerPeriod}`, {
      field: 'pricePerPeriod',
    });
  }
  const discountedPayments =
    renewals === undefined ? sbgDiscountedExpectedLifetime(params, discountRate) : sbgDerl(params, discountRate, renewals);
  const who =
    renewals === undefined
      ? 'a new customer, first payment at acquisition undiscounted'
      : `an existing customer after ${renewals} renewal(s), next payment undiscounted`;
  return {
    value: pricePerPeriod * discountedPayments,
    discountedPayments,
    unit: `present value in the price's currency for ${who}, discounted at ${discountRate} per period`,
  };
}
