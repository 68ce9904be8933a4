/**
 * @module
 * Validation and compression of discrete-time histories for the BG/BB likelihood.
 */
import { ModelInputError } from '../errors.js';
import type { CompressedDiscrete, DiscreteColumns, DiscreteData, DiscreteRow } from './types.js';

/** Names a customer in error messages: by id when known, by position when known (index >= 0). */
function label(index: number, id: string | number | undefined): string {
  if (id !== undefined) return index >= 0 ? `customer ${JSON.stringify(id)} (index ${index})` : `customer ${JSON.stringify(id)}`;
  return index >= 0 ? `customer at index ${index}` : 'customer';
}

/**
 * Checks one history: integers with 0 <= frequency <= recency <= periods, and recency = 0 exactly when
 * frequency = 0 (a customer with x transactions over opportunities 1..t_x has x <= t_x).
 *
 * @throws {ModelInputError} naming the customer and the broken rule.
 */
export function checkDiscreteCustomer(
  caller: string,
  x: number,
  tx: number,
  n: number,
  index: number,
  id?: string | number,
): void {
  const who = label(index, id);
  const customer = id ?? (index >= 0 ? index : undefined);
  const details = (field: string) => (customer === undefined ? { field } : { customer, field });
  for (const [name, v] of [
    ['frequency', x],
    ['recency', tx],
    ['periods', n],
  ] as const) {
    if (!Number.isInteger(v) || v < 0) {
      throw new ModelInputError(`${caller} requires ${name} to be a whole number >= 0: ${who} has ${name} ${v}`, details(name));
    }
  }
  if (tx > n) {
    throw new ModelInputError(`${caller} requires recency <= periods: ${who} has recency ${tx} and periods ${n}`, details('recency'));
  }
  if (x > tx) {
    throw new ModelInputError(
      `${caller} requires frequency <= recency (one transaction per opportunity): ${who} has ${x} transactions, the last at opportunity ${tx}`,
      details('frequency'),
    );
  }
  if (x === 0 && tx !== 0) {
    throw new ModelInputError(`${caller} requires recency 0 when frequency is 0: ${who} has recency ${tx}`, details('recency'));
  }
}

/**
 * Validates and groups histories with identical (frequency, recency, periods) into weighted rows; an already
 * compressed table passes through unchanged.
 *
 * @throws {ModelInputError} naming the customer for an invalid history or weight, or when there is no customer.
 */
export function compressDiscrete(data: DiscreteData, caller = 'compressDiscrete'): CompressedDiscrete {
  // An already compressed table passes through.
  if (!Array.isArray(data) && 'uniqueRows' in data) return data as CompressedDiscrete;
  const rows = Array.isArray(data) ? (data as readonly DiscreteRow[]) : null;
  const cols = rows === null ? (data as DiscreteColumns) : null;
  const n = rows !== null ? rows.length : cols!.frequency.length;
  if (cols !== null) {
    for (const name of ['recency', 'periods', 'weight'] as const) {
      const col = cols[name];
      if (col !== undefined && col.length !== n) {
        throw new ModelInputError(`${caller} requires columns of equal length: frequency has ${n} entries and ${name} ${col.length}`, { field: name });
      }
    }
  }
  const index = new Map<string, number>();
  const fx: number[] = [];
  const ftx: number[] = [];
  const fn: number[] = [];
  const fw: number[] = [];
  let customers = 0;
  for (let i = 0; i < n; i++) {
    const row = rows?.[i];
    const x = row ? row.frequency : cols!.frequency[i]!;
    const tx = row ? row.recency : cols!.recency[i]!;
    const periods = row ? row.periods : cols!.periods[i]!;
    const w = row ? (row.weight ?? 1) : cols!.weight === undefined ? 1 : cols!.weight[i]!;
    checkDiscreteCustomer(caller, x, tx, periods, i, row?.id);
    if (!Number.isFinite(w) || w < 0) {
      throw new ModelInputError(`${caller} requires weight to be a finite number >= 0: ${label(i, row?.id)} has weight ${w}`, {
        customer: row?.id ?? i,
        field: 'weight',
      });
    }
    if (w === 0) continue;
    const key = `${x},${tx},${periods}`;
    const at = index.get(key);
    if (at === undefined) {
      index.set(key, fx.length);
      fx.push(x);
      ftx.push(tx);
      fn.push(periods);
      fw.push(w);
    } else {
      fw[at]! += w;
    }
    customers += w;
  }
  if (customers === 0) throw new ModelInputError(`${caller} requires at least one customer`);
  return {
    frequency: Int32Array.from(fx),
    recency: Int32Array.from(ftx),
    periods: Int32Array.from(fn),
    weight: Float64Array.from(fw),
    uniqueRows: fx.length,
    customers,
  };
}
