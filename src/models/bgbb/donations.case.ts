/**
 * The donations data of Fader, Hardie and Shang (2010): 11,104 first-time supporters of a non-profit with six
 * yearly donation opportunities after the first (lifetimes' donations.csv). Read from ../shared/data, never copied.
 */
import { readFileSync } from 'node:fs';
import type { DiscreteRow } from './types.js';

export function donations(): DiscreteRow[] {
  const text = readFileSync(new URL('../../../../shared/data/donations/donations.csv', import.meta.url), 'utf8');
  return text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [frequency, recency, periods, weight] = line.split(',').map(Number);
      return { frequency: frequency!, recency: recency!, periods: periods!, weight: weight! };
    });
}
