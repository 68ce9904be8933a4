import { ModelInputError } from '../errors.js';
import type { CompressedRfm } from './compress-rfm.js';

/**
 * Checks that a purchase-model fit (BG/NBD, MBG/NBD, Pareto/NBD) has data to learn from: at least one customer,
 * and at least one repeat purchase, without which the dropout process is not identified.
 *
 * @throws {ModelInputError} "CALLER requires at least one customer" or "CALLER requires at least one repeat customer"
 */
export function requireRepeatCustomer(data: CompressedRfm, caller: string): void {
  if (data.customers <= 0) throw new ModelInputError(`${caller} requires at least one customer`);
  if (!data.frequency.some((x) => x > 0)) throw new ModelInputError(`${caller} requires at least one repeat customer`);
}
