import { ModelInputError, type CustomerRef } from '../errors.js';

/**
 * One customer's sufficient statistics for the continuous-time purchase
 * models (BG/NBD, MBG/NBD, Pareto/NBD), as lifetimes names them:
 * frequency = repeat purchases (x in the literature), recency = time of the
 * last repeat purchase since the first (t_x), T = time since the first purchase.
 */
export interface RfmCustomer {
  frequency: number;
  recency: number;
  T: number;
  /** How many customers share this history (default 1). */
  weight?: number;
  /** Reported in error messages instead of the row index. */
  id?: CustomerRef;
}

/** The same statistics as parallel columns. */
export interface RfmColumns {
  frequency: ArrayLike<number>;
  recency: ArrayLike<number>;
  T: ArrayLike<number>;
  weight?: ArrayLike<number>;
  id?: ArrayLike<CustomerRef>;
}

/**
 * Checks that the frequency, recency and T columns have one entry per customer.
 *
 * @returns the number of customers
 * @throws {ModelInputError} "CALLER requires frequency, recency and T columns of equal length"
 */
export function requireEqualColumns(columns: RfmColumns, caller: string): number {
  const n = columns.frequency.length;
  if (columns.recency.length !== n || columns.T.length !== n) {
    throw new ModelInputError(`${caller} requires frequency, recency and T columns of equal length`);
  }
  return n;
}

/**
 * Checks one customer's (frequency, recency, T) against the models' domain
 * and names the customer (id, else index) and the reason when it is outside.
 *
 * Rules: frequency a non-negative whole number; 0 <= recency <= T; recency 0
 * when frequency is 0 (frequency > 0 with recency 0 is allowed: repeat
 * purchases at the first purchase's time). All values finite.
 *
 * @param customer id or row index named in the message (undefined: "the customer")
 * @param caller function name for the message, e.g. "bgnbdFit"
 * @throws {ModelInputError} naming the customer and the rule broken
 */
export function validateCustomer(
  frequency: number,
  recency: number,
  T: number,
  customer: CustomerRef | undefined,
  caller: string,
): void {
  const where = describeCustomer(customer);
  if (!Number.isFinite(frequency) || frequency < 0 || frequency !== Math.floor(frequency)) {
    throw new ModelInputError(`${caller} requires frequency to be a whole number >= 0: ${where} has frequency ${frequency}`, {
      ...ref(customer),
      field: 'frequency',
    });
  }
  if (!Number.isFinite(T) || T < 0) {
    throw new ModelInputError(`${caller} requires T to be a finite number >= 0: ${where} has T ${T}`, { ...ref(customer), field: 'T' });
  }
  if (!Number.isFinite(recency) || recency < 0 || recency > T) {
    throw new ModelInputError(`${caller} requires 0 <= recency <= T: ${where} has recency ${recency} and T ${T}`, {
      ...ref(customer),
      field: 'recency',
    });
  }
  if (frequency === 0 && recency !== 0) {
    throw new ModelInputError(`${caller} requires recency 0 when frequency is 0: ${where} has recency ${recency}`, {
      ...ref(customer),
      field: 'recency',
    });
  }
}

/** "customer 12", "customer \"c-7\"" or "the customer" for messages. */
export function describeCustomer(customer: CustomerRef | undefined): string {
  if (customer === undefined) return 'the customer';
  return `customer ${typeof customer === 'string' ? JSON.stringify(customer) : customer}`;
}

function ref(customer: CustomerRef | undefined): { customer?: CustomerRef } {
  return customer === undefined ? {} : { customer };
}
