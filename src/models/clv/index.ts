/**
 * @module
 * Customer lifetime value: non-contractual (purchase model x expected order value x margin, discounted monthly)
 * and contractual (sBG discounted expected lifetime x price).
 */
export type { PurchaseModel, RfmCustomer } from './purchase-model.js';
export { AVERAGE_MONTH_DAYS, describeMonths, monthBoundaries, type MonthSpec } from './months.js';
export {
  customerLifetimeValue,
  customerLifetimeValues,
  type ClvBasis,
  type ClvBatchResult,
  type ClvOptions,
  type ClvResult,
} from './non-contractual.js';
export { subscriptionValue, type SubscriptionValue, type SubscriptionValueOptions } from './subscription.js';
