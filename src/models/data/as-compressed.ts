import { compressRfm, type CompressedRfm } from './compress-rfm.js';
import type { RfmColumns, RfmCustomer } from './rfm.js';

/** What the fits accept: customer rows, columns, or an already compressed table. */
export type RfmInput = readonly RfmCustomer[] | RfmColumns | CompressedRfm;

/**
 * Returns a compressed table, compressing rows or columns (validated, with
 * errors attributed to `caller`) and passing a compressed table through.
 */
export function asCompressed(input: RfmInput, caller: string): CompressedRfm {
  if (!Array.isArray(input) && 'uniqueRows' in input) return input as CompressedRfm;
  return compressRfm(input as readonly RfmCustomer[] | RfmColumns, caller);
}
