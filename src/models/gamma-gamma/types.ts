/**
 * @module
 * Shapes shared by the Gamma-Gamma spend model (Fader, Hardie and Lee 2005; Fader and Hardie 2013).
 */
import type { ModelFit } from '../fit-result.js';

/**
 * Gamma-Gamma parameters, named as in the literature.
 *
 * A customer's transaction values are Gamma(p, nu) (shape p, rate nu); nu is Gamma(q, gamma) across
 * customers (shape q, rate gamma). The mean transaction value of a new customer is p * gamma / (q - 1),
 * which is finite only when q > 1.
 */
export interface GammaGammaParams {
  readonly p: number;
  readonly q: number;
  readonly gamma: number;
}

/** One customer's repeat-spend summary. */
export interface SpendRow {
  /** Number of repeat transactions (denoted x in the literature). */
  readonly frequency: number;
  /** Mean value of those repeat transactions (denoted m_x, or zbar, in the literature). */
  readonly monetaryValue: number;
  /** How many customers share this row; 1 when absent. */
  readonly weight?: number;
  /** Shown in error messages instead of the row index when given. */
  readonly id?: string | number;
}

/** The same data as columns, for large inputs. All columns have one entry per customer. */
export interface SpendColumns {
  readonly frequency: ArrayLike<number>;
  readonly monetaryValue: ArrayLike<number>;
  readonly weight?: ArrayLike<number>;
}

/** Repeat customers grouped by identical (frequency, monetaryValue): what the likelihood sums over. */
export interface CompressedSpend {
  /** Sorted by frequency, then monetary value. */
  readonly frequency: Float64Array;
  readonly monetaryValue: Float64Array;
  readonly weight: Float64Array;
  /** Number of rows (length of the arrays). */
  readonly uniqueRows: number;
  /** Sum of the weights: the number of repeat customers. */
  readonly customers: number;
}

/** What the likelihood and the fit accept: rows, columns, or the output of `compressSpend`. */
export type SpendData = readonly SpendRow[] | SpendColumns | CompressedSpend;

/**
 * The result of `gammaGammaFit`: frozen plain data, the same shape as the BG/NBD fit. `customers` counts the
 * repeat customers the fit used (customers with frequency 0 carry no spend information and are skipped).
 */
export type GammaGammaFit = ModelFit<'gamma-gamma', GammaGammaParams>;
