import type { CompressedRfm } from './compress-rfm.js';

/**
 * Weighted sums of frequency and T over a compressed table (row by row, in table order): what the purchase-model
 * fits derive their default starting rates from.
 */
export function weightedTotals(data: CompressedRfm): { readonly frequency: number; readonly T: number } {
  let frequency = 0;
  let T = 0;
  for (let i = 0; i < data.uniqueRows; i++) {
    frequency += (data.frequency[i] as number) * (data.weight[i] as number);
    T += (data.T[i] as number) * (data.weight[i] as number);
  }
  return { frequency, T };
}
