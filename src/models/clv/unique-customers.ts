/**
 * @module
 * Grouping of customers with identical histories, so a purchase model is asked once per distinct history.
 */
import type { RfmColumns } from '../data/index.js';

/** Distinct (frequency, recency, T) histories and, for each customer, the index of its history. */
export interface UniqueHistories {
  readonly frequency: Float64Array;
  readonly recency: Float64Array;
  readonly T: Float64Array;
  /** rowOf[i] is customer i's row in the arrays above. */
  readonly rowOf: Uint32Array;
  /** firstOf[r] is the first customer with row r's history, to name in error messages. */
  readonly firstOf: Uint32Array;
  readonly uniqueRows: number;
}

/**
 * Hash of a history. Values are scaled by 4096 and truncated to 32 bits before mixing (murmur3-style multiply
 * and xorshift), which is cheap and spreads the usual integer or day-resolution values well; equal values always
 * hash alike (-0 and 0 included), and the table compares the values themselves, so collisions cost a probe only.
 */
function hashOf(x: number, tx: number, T: number): number {
  let h = Math.imul((x * 4096) | 0, 0x9e3779b1) ^ Math.imul((tx * 4096) | 0, 0x85ebca6b) ^ Math.imul((T * 4096) | 0, 0xc2b2ae35);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 12);
}

function grow<A extends Float64Array | Int32Array | Uint32Array>(a: A): A {
  const b = new (a.constructor as new (length: number) => A)(a.length * 2);
  b.set(a);
  return b;
}

/**
 * Finds the distinct (frequency, recency, T) histories, in first-seen order, with an open-addressing hash table
 * (linear probing, kept at most half full and grown by doubling, so it stays small and cache-friendly when
 * histories repeat). Values are matched exactly.
 */
export function uniqueHistories(customers: RfmColumns): UniqueHistories {
  const n = customers.frequency.length;
  let capacity = 1024;
  let slots = new Int32Array(capacity).fill(-1);
  let fx = new Float64Array(1024);
  let ftx = new Float64Array(1024);
  let fT = new Float64Array(1024);
  let hashes = new Int32Array(1024);
  let first = new Uint32Array(1024);
  let rows = 0;
  const rowOf = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const x = customers.frequency[i]!;
    const tx = customers.recency[i]!;
    const T = customers.T[i]!;
    const h = hashOf(x, tx, T);
    let slot = h & (capacity - 1);
    for (;;) {
      const row = slots[slot]!;
      if (row === -1) {
        if (rows === fx.length) {
          fx = grow(fx);
          ftx = grow(ftx);
          fT = grow(fT);
          hashes = grow(hashes);
          first = grow(first);
        }
        fx[rows] = x;
        ftx[rows] = tx;
        fT[rows] = T;
        hashes[rows] = h;
        first[rows] = i;
        slots[slot] = rows;
        rowOf[i] = rows++;
        if (2 * rows > capacity) {
          capacity *= 2;
          slots = new Int32Array(capacity).fill(-1);
          for (let r = 0; r < rows; r++) {
            let s = hashes[r]! & (capacity - 1);
            while (slots[s] !== -1) s = (s + 1) & (capacity - 1);
            slots[s] = r;
          }
        }
        break;
      }
      if (fx[row] === x && ftx[row] === tx && fT[row] === T) {
        rowOf[i] = row;
        break;
      }
      slot = (slot + 1) & (capacity - 1);
    }
  }
  return {
    frequency: fx.slice(0, rows),
    recency: ftx.slice(0, rows),
    T: fT.slice(0, rows),
    rowOf,
    firstOf: first.slice(0, rows),
    uniqueRows: rows,
  };
}
