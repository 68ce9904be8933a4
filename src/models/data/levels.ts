import type { CompressedRfm } from './compress-rfm.js';

/** Distinct values of a column and, per row, the position of its value among them. */
export interface Levels {
  /** Sorted distinct values. */
  readonly values: Float64Array;
  /** index[i] is the level of row i: values[index[i]] === column[i]. */
  readonly index: Uint32Array;
}

/**
 * Factorises a column into its distinct values, so a likelihood can compute
 * terms such as ln(α + T) once per distinct T instead of once per row.
 *
 * @param column values (compared exactly)
 */
export function levels(column: Float64Array): Levels {
  const distinct = Float64Array.from(new Set(column)).sort();
  const position = new Map<number, number>();
  distinct.forEach((v, i) => position.set(v, i));
  const index = new Uint32Array(column.length);
  for (let i = 0; i < column.length; i++) index[i] = position.get(column[i] as number) as number;
  return { values: distinct, index };
}

/** Distinct pairs of two level indices: pair p is (first[p], second[p]); index[i] is row i's pair. */
export interface PairLevels {
  readonly first: Uint32Array;
  readonly second: Uint32Array;
  readonly index: Uint32Array;
}

/**
 * Factorises row pairs of levels (e.g. frequency and T), for terms that depend
 * on two columns: Pareto/NBD's hypergeometric terms depend on (x, T) and
 * (x, t_x) only, so they are computed once per distinct pair.
 */
export function pairLevels(a: Levels, b: Levels): PairLevels {
  const width = b.values.length;
  const position = new Map<number, number>();
  const first: number[] = [];
  const second: number[] = [];
  const index = new Uint32Array(a.index.length);
  for (let i = 0; i < a.index.length; i++) {
    const key = (a.index[i] as number) * width + (b.index[i] as number);
    let p = position.get(key);
    if (p === undefined) {
      p = first.length;
      position.set(key, p);
      first.push(a.index[i] as number);
      second.push(b.index[i] as number);
    }
    index[i] = p;
  }
  return { first: Uint32Array.from(first), second: Uint32Array.from(second), index };
}

/** The levels of a compressed RFM table used by the likelihoods. */
export interface RfmLevels {
  readonly frequency: Levels;
  readonly recency: Levels;
  readonly T: Levels;
}

const cache = new WeakMap<CompressedRfm, RfmLevels>();

/**
 * Levels of frequency, recency and T for a compressed table, computed once
 * per table (memoised on the table object, which is frozen).
 */
export function rfmLevels(data: CompressedRfm): RfmLevels {
  let found = cache.get(data);
  if (found === undefined) {
    found = { frequency: levels(data.frequency), recency: levels(data.recency), T: levels(data.T) };
    cache.set(data, found);
  }
  return found;
}
