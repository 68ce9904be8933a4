/**
 * @module
 * Customer lifetime value in a non-contractual setting: a purchase model's expected purchases per month, times
 * the expected order value and the margin, discounted monthly.
 */
import { ModelInputError } from '../errors.js';
import { describeMonths, monthBoundaries, type MonthSpec } from './months.js';
import type { PurchaseModel, RfmColumns, RfmCustomer } from './purchase-model.js';
import { uniqueHistories } from './unique-customers.js';

export interface ClvOptions {
  /** Length of the purchase model's time unit in days (7 for a model fitted in weeks). */
  readonly modelUnitDays: number;
  /** Months valued; 12 when absent. */
  readonly horizonMonths?: number;
  /** Discount rate per month; 0.01 when absent. Month k's cash flow is divided by (1 + rate)^k. */
  readonly monthlyDiscountRate?: number;
  /** Profit margin applied to the order value; 1 (revenue) when absent. */
  readonly margin?: number;
  /** How months are measured; `{ kind: 'average' }` (30.4375 days) when absent. */
  readonly months?: MonthSpec;
}

/** What every CLV result states about its units. */
export interface ClvBasis {
  /** The unit of the values, in words. */
  readonly unit: string;
  readonly horizonMonths: number;
  readonly monthlyDiscountRate: number;
  readonly margin: number;
  readonly modelUnitDays: number;
  /** Days from the valuation date to the end of each month (horizonMonths entries). */
  readonly monthEndDays: readonly number[];
}

export interface ClvResult extends ClvBasis {
  readonly value: number;
  /** Discounted value of each month. */
  readonly monthly: readonly number[];
}

export interface ClvBatchResult extends ClvBasis {
  /** One value per customer, in the order given. */
  readonly values: Float64Array;
}

interface Plan {
  readonly basis: ClvBasis;
  /** Month-end times in model units, entry 0 = 0. */
  readonly times: Float64Array;
  /** margin / (1 + rate)^k for month k (entry 0 unused). */
  readonly factors: Float64Array;
}

function plan(options: ClvOptions, caller: string): Plan {
  const { modelUnitDays } = options;
  const horizonMonths = options.horizonMonths ?? 12;
  const rate = options.monthlyDiscountRate ?? 0.01;
  const margin = options.margin ?? 1;
  const months = options.months ?? { kind: 'average' };
  if (!Number.isFinite(modelUnitDays) || modelUnitDays <= 0) {
    throw new ModelInputError(`${caller} requires modelUnitDays to be a positive number of days: got ${modelUnitDays}`, {
      field: 'modelUnitDays',
    });
  }
  if (!Number.isFinite(rate) || rate < 0) {
    throw new ModelInputError(`${caller} requires monthlyDiscountRate to be a finite number >= 0: got ${rate}`, {
      field: 'monthlyDiscountRate',
    });
  }
  if (!Number.isFinite(margin) || margin < 0) {
    throw new ModelInputError(`${caller} requires margin to be a finite number >= 0: got ${margin}`, { field: 'margin' });
  }
  const days = monthBoundaries(months, horizonMonths);
  const times = days.map((d) => d / modelUnitDays);
  const factors = new Float64Array(horizonMonths + 1);
  for (let k = 1; k <= horizonMonths; k++) factors[k] = margin / Math.pow(1 + rate, k);
  const unit =
    `present value in the order value's currency, over ${horizonMonths} ${describeMonths(months)}, ` +
    `discounted at ${rate} per month, margin ${margin}, purchase model unit ${modelUnitDays} day(s)`;
  return {
    basis: { unit, horizonMonths, monthlyDiscountRate: rate, margin, modelUnitDays, monthEndDays: Array.from(days.subarray(1)) },
    times,
    factors,
  };
}

function who(id: string | number | undefined, index: number): string {
  if (id !== undefined) return `customer ${JSON.stringify(id)}`;
  return index >= 0 ? `customer at index ${index}` : 'customer';
}

/**
 * Checks one cumulative prediction and returns the month's increment, tolerating rounding in the model's special
 * functions but not a decreasing cumulative count.
 *
 * @throws {ModelInputError} naming the customer when the prediction is not finite, negative, or decreasing.
 */
function increment(cumulative: number, previous: number, t: number, caller: string, id: string | number | undefined, index: number): number {
  const customer = id ?? (index >= 0 ? index : undefined);
  const details = customer === undefined ? {} : { customer };
  if (!Number.isFinite(cumulative) || cumulative < 0) {
    throw new ModelInputError(
      `${caller} requires the purchase model's expected purchases to be finite numbers >= 0: it returned ${cumulative} for ${who(id, index)} at t = ${t}`,
      details,
    );
  }
  const purchases = cumulative - previous;
  if (purchases >= 0) return purchases;
  if (purchases < -1e-9 * Math.max(1, cumulative)) {
    throw new ModelInputError(
      `${caller} requires the purchase model's cumulative expected purchases not to decrease: for ${who(id, index)} they fall from ${previous} to ${cumulative} at t = ${t}`,
      details,
    );
  }
  return 0;
}

function checkOrderValue(orderValue: number, caller: string, id: string | number | undefined, index: number): void {
  if (!Number.isFinite(orderValue) || orderValue < 0) {
    throw new ModelInputError(`${caller} requires order values to be finite numbers >= 0: ${who(id, index)} has order value ${orderValue}`, {
      customer: id ?? index,
      field: 'orderValue',
    });
  }
}

/**
 * Discounted purchases of one customer: sum_k factor_k * (E[Y(t_k)] - E[Y(t_{k-1})]), i.e. the CLV per unit of
 * order value. Cumulative expected purchases are differenced per month, as lifetimes' `customer_lifetime_value`
 * does. `monthly` receives each month's term when given.
 */
function discountedPurchases<C extends RfmCustomer>(
  model: PurchaseModel<C>,
  customer: C,
  p: Plan,
  caller: string,
  index: number,
  monthly?: number[],
): number {
  let previous = 0;
  let total = 0;
  for (let k = 1; k < p.times.length; k++) {
    const t = p.times[k]!;
    const cumulative = model.expectedPurchases(t, customer);
    const v = increment(cumulative, previous, t, caller, customer.id, index) * p.factors[k]!;
    previous = cumulative;
    total += v;
    monthly?.push(v);
  }
  return total;
}

/**
 * Customer lifetime value of one customer in a non-contractual setting:
 *
 *   CLV = sum_{k=1}^{K} margin * orderValue * (E[Y(t_k)] - E[Y(t_{k-1})]) / (1 + d)^k
 *
 * where t_k is the end of month k in the purchase model's unit, E[Y(t)] the model's expected purchases and d the
 * monthly discount rate: lifetimes' `customer_lifetime_value` (which uses 30-day months; pass
 * `months: { kind: 'fixed', days: 30 }` to reproduce it), with the order value typically the Gamma-Gamma
 * conditional expectation of Fader, Hardie and Lee (2005). The result states its unit and horizon.
 *
 * @param orderValue expected value of one order, e.g. the Gamma-Gamma `conditionalExpectedAverageSpend`.
 * @throws {ModelInputError} naming the customer when the order value or the model's predictions are out of
 *   domain (negative, not finite, or decreasing), or for invalid options.
 * @example
 * // 0.5 purchases a week, 20 per order, 30% margin, 3 months of 30.4375 days at 1% a month:
 * customerLifetimeValue({ expectedPurchases: (t) => 0.5 * t }, { frequency: 2, recency: 10, T: 20 }, 20,
 *   { modelUnitDays: 7, horizonMonths: 3, margin: 0.3 }).value // 38.364
 */
export function customerLifetimeValue<C extends RfmCustomer>(
  model: PurchaseModel<C>,
  customer: C,
  orderValue: number,
  options: ClvOptions,
): ClvResult {
  const p = plan(options, 'customerLifetimeValue');
  checkOrderValue(orderValue, 'customerLifetimeValue', customer.id, -1);
  const monthly: number[] = [];
  discountedPurchases(model, customer, p, 'customerLifetimeValue', -1, monthly);
  const scaled = monthly.map((v) => v * orderValue);
  return { ...p.basis, value: scaled.reduce((a, b) => a + b, 0), monthly: scaled };
}

/**
 * `customerLifetimeValue` for many customers; `orderValues[i]` belongs to customer i. Customers come as objects
 * or as columns (frequency, recency, T, optional id).
 *
 * The model is asked once per distinct (frequency, recency, T) history, or, when it provides
 * `expectedPurchasesCurve`, once for all customers and months.
 *
 * @throws {ModelInputError} as `customerLifetimeValue`, naming the customer's id (or index), or when the
 *   inputs differ in length.
 */
export function customerLifetimeValues(
  model: PurchaseModel,
  customers: readonly RfmCustomer[] | RfmColumns,
  orderValues: ArrayLike<number>,
  options: ClvOptions,
): ClvBatchResult {
  const caller = 'customerLifetimeValues';
  const cols = Array.isArray(customers) ? toColumns(customers as readonly RfmCustomer[]) : (customers as RfmColumns);
  const n = cols.frequency.length;
  if (cols.recency.length !== n || cols.T.length !== n || (cols.id !== undefined && cols.id.length !== n)) {
    throw new ModelInputError(`${caller} requires frequency, recency, T (and id) columns of equal length`, { field: 'customers' });
  }
  if (n !== orderValues.length) {
    throw new ModelInputError(`${caller} requires one order value per customer: got ${n} customers and ${orderValues.length} order values`, { field: 'orderValues' });
  }
  const p = plan(options, caller);
  const idOf = (i: number) => (cols.id === undefined ? undefined : cols.id[i]);
  for (let i = 0; i < n; i++) checkOrderValue(orderValues[i]!, caller, idOf(i), i);
  const values = new Float64Array(n);

  if (model.expectedPurchasesCurve !== undefined) {
    const curve = model.expectedPurchasesCurve(Array.from(p.times.subarray(1)), cols);
    const previous = new Float64Array(n);
    for (let k = 1; k < p.times.length; k++) {
      const cumulative = curve[k - 1]!;
      for (let i = 0; i < n; i++) {
        const c = cumulative[i]!;
        values[i]! += increment(c, previous[i]!, p.times[k]!, caller, idOf(i), i) * p.factors[k]!;
        previous[i] = c;
      }
    }
    for (let i = 0; i < n; i++) values[i]! *= orderValues[i]!;
    return { ...p.basis, values };
  }

  const unique = uniqueHistories(cols);
  const perRow = new Float64Array(unique.uniqueRows);
  const scratch: { frequency: number; recency: number; T: number; id?: string | number } = { frequency: 0, recency: 0, T: 0 };
  for (let r = 0; r < unique.uniqueRows; r++) {
    const first = unique.firstOf[r]!;
    scratch.frequency = unique.frequency[r]!;
    scratch.recency = unique.recency[r]!;
    scratch.T = unique.T[r]!;
    const id = idOf(first);
    if (id === undefined) delete scratch.id;
    else scratch.id = id;
    perRow[r] = discountedPurchases(model, scratch, p, caller, first);
  }
  for (let i = 0; i < n; i++) values[i] = perRow[unique.rowOf[i]!]! * orderValues[i]!;
  return { ...p.basis, values };
}

function toColumns(rows: readonly RfmCustomer[]): RfmColumns {
  const hasId = rows.some((r) => r.id !== undefined);
  return {
    frequency: rows.map((r) => r.frequency),
    recency: rows.map((r) => r.recency),
    T: rows.map((r) => r.T),
    ...(hasId ? { id: rows.map((r, i) => r.id ?? i) } : {}),
  };
}
