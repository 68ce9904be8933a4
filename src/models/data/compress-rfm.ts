import { ModelInputError } from '../errors.js';
import { requireEqualColumns, validateCustomer, type RfmColumns, type RfmCustomer } from './rfm.js';

/** Unique (frequency, recency, T) rows with summed weights, sorted by frequency, recency, T. */
export interface CompressedRfm {
  readonly frequency: Float64Array;
  readonly recency: Float64Array;
  readonly T: Float64Array;
  readonly weight: Float64Array;
  /** Number of unique rows (length of the arrays). */
  readonly uniqueRows: number;
  /** Total weight: the number of customers represented. */
  readonly customers: number;
}

/**
 * Sufficient-statistics compression: collapses customers with identical
 * (frequency, recency, T) into one row carrying their summed weight, so a
 * fit's cost grows with the number of distinct histories, not customers
 * (Fader & Hardie's spreadsheets and BTYD's "custs" column do the same).
 *
 * Values are matched exactly (a hash on the doubles' bits), so round recency
 * and T to the data's time resolution (e.g. days) first. Rows of weight 0 are
 * validated and dropped.
 *
 * @param input rows, or columns of equal length (weight defaults to 1)
 * @param caller function name used in error messages (default "compressRfm")
 * @returns unique rows sorted by frequency, then recency, then T
 * @throws {ModelInputError} for mismatched columns or a customer outside the
 *   domain (see validateCustomer), naming the customer by id or index
 * @example compressRfm([{ frequency: 0, recency: 0, T: 5 }, { frequency: 0, recency: 0, T: 5 }]).weight // [2]
 */
export function compressRfm(input: readonly RfmCustomer[] | RfmColumns, caller = 'compressRfm'): CompressedRfm {
  const columns = isRowArray(input) ? toColumns(input) : input;
  const n = requireEqualColumns(columns, caller);
  if ((columns.weight && columns.weight.length !== n) || (columns.id && columns.id.length !== n)) {
    throw new ModelInputError(`${caller} requires weight and id columns as long as frequency`);
  }

  const table = createRowTable(n);
  for (let i = 0; i < n; i++) {
    const f = columns.frequency[i] as number;
    const r = columns.recency[i] as number;
    const t = columns.T[i] as number;
    const ref = columns.id ? (columns.id[i] as string | number) : i;
    validateCustomer(f, r, t, ref, caller);
    const w = columns.weight ? (columns.weight[i] as number) : 1;
    if (!Number.isFinite(w) || w < 0) {
      throw new ModelInputError(`${caller} requires weight to be a finite number >= 0: customer ${ref} has weight ${w}`, {
        customer: ref,
        field: 'weight',
      });
    }
    if (w > 0) table.add(f, r + 0, t + 0, w); // + 0 turns -0 into 0 so both hash alike
  }
  return sortedRows(table);
}

function isRowArray(input: readonly RfmCustomer[] | RfmColumns): input is readonly RfmCustomer[] {
  return Array.isArray(input);
}

function toColumns(rows: readonly RfmCustomer[]): RfmColumns {
  const hasId = rows.some((row) => row.id !== undefined);
  return {
    frequency: rows.map((row) => row.frequency),
    recency: rows.map((row) => row.recency),
    T: rows.map((row) => row.T),
    weight: rows.map((row) => row.weight ?? 1),
    ...(hasId ? { id: rows.map((row, i) => row.id ?? i) } : {}),
  };
}

interface RowTable {
  add(f: number, r: number, t: number, w: number): void;
  readonly keys: Float64Array;
  readonly weights: Float64Array;
  size(): number;
}

/** Open-addressing hash table keyed by three doubles (exact equality), local to one compression. */
function createRowTable(capacityHint: number): RowTable {
  let size = 16;
  while (size < 2 * capacityHint) size *= 2;
  const slots = new Int32Array(size).fill(-1);
  const mask = size - 1;
  const keys = new Float64Array(3 * Math.max(1, capacityHint));
  const weights = new Float64Array(Math.max(1, capacityHint));
  const bits = new Float64Array(1);
  const words = new Uint32Array(bits.buffer);
  let count = 0;

  // FNV-1a over the six 32-bit words of the key, with a final xor-shift.
  const mix = (h: number, v: number) => {
    bits[0] = v;
    h = Math.imul(h ^ (words[0] as number), 0x01000193);
    return Math.imul(h ^ (words[1] as number), 0x01000193);
  };
  const hash = (f: number, r: number, t: number) => {
    const h = mix(mix(mix(0x811c9dc5, f), r), t);
    return (h ^ (h >>> 15)) >>> 0;
  };

  return {
    keys,
    weights,
    size: () => count,
    add(f, r, t, w) {
      let slot = hash(f, r, t) & mask;
      for (;;) {
        const row = slots[slot] as number;
        if (row === -1) {
          slots[slot] = count;
          keys[3 * count] = f;
          keys[3 * count + 1] = r;
          keys[3 * count + 2] = t;
          weights[count] = w;
          count++;
          return;
        }
        if (keys[3 * row] === f && keys[3 * row + 1] === r && keys[3 * row + 2] === t) {
          weights[row] = (weights[row] as number) + w;
          return;
        }
        slot = (slot + 1) & mask;
      }
    },
  };
}

function sortedRows(table: RowTable): CompressedRfm {
  const k = table.keys;
  const count = table.size();
  const order = Array.from({ length: count }, (_, i) => i).sort(
    (i, j) =>
      (k[3 * i] as number) - (k[3 * j] as number) ||
      (k[3 * i + 1] as number) - (k[3 * j + 1] as number) ||
      (k[3 * i + 2] as number) - (k[3 * j + 2] as number),
  );
  const frequency = new Float64Array(count);
  const recency = new Float64Array(count);
  const T = new Float64Array(count);
  const weight = new Float64Array(count);
  let customers = 0;
  order.forEach((row, i) => {
    frequency[i] = k[3 * row] as number;
    recency[i] = k[3 * row + 1] as number;
    T[i] = k[3 * row + 2] as number;
    weight[i] = table.weights[row] as number;
    customers += table.weights[row] as number;
  });
  return Object.freeze({ frequency, recency, T, weight, uniqueRows: count, customers });
}
