import type { Random } from './random.js';

/**
 * A sampler that picks `items[i]` with probability `weights[i] / sum(weights)`.
 *
 * Cumulative weights are computed once, and each pick is a binary search, so large tables stay cheap.
 *
 * @throws when the lists differ in length, are empty, or no weight is positive
 * @example
 * const pickPlatform = weightedChoice(['web', 'ios'], [3, 1]);
 * pickPlatform(random); // 'web' three times out of four
 */
export function weightedChoice<T>(items: readonly T[], weights: readonly number[]): (random: Random) => T {
  if (items.length === 0 || items.length !== weights.length) {
    throw new Error('weightedChoice requires as many weights as items, and at least one item');
  }
  const cumulative: number[] = [];
  let total = 0;
  for (const weight of weights) {
    if (!(weight >= 0)) throw new Error(`weightedChoice requires weights that are not negative, got ${weight}`);
    total += weight;
    cumulative.push(total);
  }
  if (!(total > 0)) throw new Error('weightedChoice requires at least one positive weight');
  const last = items.length - 1;
  return (random) => {
    const target = random.next() * total;
    let low = 0;
    let high = last;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((cumulative[mid] as number) > target) high = mid;
      else low = mid + 1;
    }
    return items[low] as T;
  };
}

/** The same from a record of item to weight, e.g. `{ web: 55, ios: 25, android: 20 }`. */
export function weightedRecord<K extends string>(weights: Readonly<Record<K, number>>): (random: Random) => K {
  const keys = Object.keys(weights) as K[];
  return weightedChoice(keys, keys.map((key) => weights[key]));
}
