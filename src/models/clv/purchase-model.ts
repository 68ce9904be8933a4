/**
 * @module
 * What the non-contractual CLV needs from a purchase model (BG/NBD, MBG/NBD, Pareto/NBD, ...).
 */
import type { RfmColumns, RfmCustomer } from '../data/index.js';

/** A customer's purchase history in the purchase model's time unit: frequency (x), recency (t_x), T, optional id. */
export type { RfmColumns, RfmCustomer };

/**
 * Any purchase model that predicts a customer's future purchases from (frequency, recency, T).
 *
 * `expectedPurchases(t, customer)` is the expected number of purchases in the t model time units after the end
 * of observation, given the customer's history: E[Y(t) | x, t_x, T]. It must be 0 at t = 0, non-decreasing in t,
 * and depend on the customer only through frequency, recency and T (the CLV asks once per distinct history).
 * `t` is in the model's own unit (for a model fitted in weeks, t = 1 is one week); the CLV converts months to
 * that unit with the unit length in days that the caller states.
 *
 * `expectedPurchasesCurve`, when a model provides it, returns the same cumulative expectations for many
 * customers and several horizons at once (one array per entry of `times`, one value per customer), so a model
 * can share work across horizons (BG/NBD's P(alive) does not depend on t).
 */
export interface PurchaseModel<C extends RfmCustomer = RfmCustomer> {
  expectedPurchases(t: number, customer: C): number;
  expectedPurchasesCurve?(times: readonly number[], customers: RfmColumns): readonly ArrayLike<number>[];
}
