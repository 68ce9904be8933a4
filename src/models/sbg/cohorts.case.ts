/**
 * Table 1 of Fader and Hardie (2007), "How to Project Customer Retention": customers of 1,000 acquired who are
 * still active after 0..7 years, for the "high end" and "regular" segments (Berry and Linoff's data). The paper
 * fits the first seven years: high end alpha = 0.668, beta = 3.806; regular alpha = 0.704, beta = 1.182.
 * The same series (as percentages 100.0, 86.9, ... and 100.0, 63.1, ...) are in pymc-marketing's
 * tests/clv/models/test_shifted_beta_geo.py.
 */
import type { CohortRow } from './types.js';

const rows = (active: number[]): CohortRow[] => active.map((count, period) => ({ period, active: count }));

export const highEnd: CohortRow[] = rows([1000, 869, 743, 653, 593, 551, 517, 491]);
export const regular: CohortRow[] = rows([1000, 631, 468, 382, 326, 289, 262, 241]);

/** Years 8..12 of Table 1, held out of the fit: percentages surviving. */
export const highEndHoldout = [46.8, 44.5, 42.7, 40.9, 39.4];
export const regularHoldout = [22.3, 20.7, 19.4, 18.3, 17.3];
