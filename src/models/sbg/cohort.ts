/**
 * @module
 * Validation of cohort survivor counts for the sBG model.
 */
import { ModelInputError } from '../errors.js';
import type { CohortRow } from './types.js';

/**
 * Checks that rows are periods 0, 1, ..., T in order with finite, non-negative, non-increasing active counts,
 * a positive cohort size and at least one period after period 0, and returns the counts.
 *
 * @throws {ModelInputError} naming the offending row (its index and period).
 */
export function cohortCounts(rows: readonly CohortRow[], caller: string): number[] {
  if (rows.length < 2) {
    throw new ModelInputError(`${caller} requires the cohort size (period 0) and at least one later period: got ${rows.length} row(s)`, {
      field: 'active',
    });
  }
  const active: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const { period, active: count } = rows[i]!;
    if (period !== i) {
      throw new ModelInputError(`${caller} requires periods 0, 1, 2, ... in order with none missing: row ${i} has period ${period}`, {
        field: 'period',
      });
    }
    if (!Number.isFinite(count) || count < 0) {
      throw new ModelInputError(`${caller} requires active to be a finite number >= 0: row ${i} (period ${period}) has active ${count}`, {
        field: 'active',
      });
    }
    if (i > 0 && count > active[i - 1]!) {
      throw new ModelInputError(
        `${caller} requires active counts that never grow (a cohort can only shrink): row ${i} (period ${period}) has ${count}, more than the ${active[i - 1]} of period ${i - 1}`,
        { field: 'active' },
      );
    }
    active.push(count);
  }
  if (!(active[0]! > 0)) throw new ModelInputError(`${caller} requires a positive cohort size in period 0: got ${active[0]}`, { field: 'active' });
  return active;
}
