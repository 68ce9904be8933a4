/**
 * @module
 * Shapes shared by the BG/BB model (Fader, Hardie and Shang 2010, "Customer-Base Analysis in a Discrete-Time
 * Noncontractual Setting", Marketing Science 29(6)).
 */
import type { ModelFit } from '../fit-result.js';

/**
 * BG/BB parameters, named as in the literature: while alive, a customer transacts at each opportunity with
 * probability p ~ Beta(alpha, beta); at the start of each opportunity an alive customer drops out with
 * probability theta ~ Beta(gamma, delta).
 */
export interface BgBbParams {
  readonly alpha: number;
  readonly beta: number;
  readonly gamma: number;
  readonly delta: number;
}

/** One customer's history over discrete transaction opportunities. */
export interface DiscreteRow {
  /** Number of repeat transactions, i.e. opportunities with a transaction (denoted x in the literature). */
  readonly frequency: number;
  /** The opportunity of the last repeat transaction, 0 when there is none (denoted t_x in the literature). */
  readonly recency: number;
  /** Number of transaction opportunities observed after the first transaction (denoted n in the literature). */
  readonly periods: number;
  /** How many customers share this row; 1 when absent. */
  readonly weight?: number;
  /** Shown in error messages instead of the row index when given. */
  readonly id?: string | number;
}

/** The same data as columns. All columns have one entry per customer. */
export interface DiscreteColumns {
  readonly frequency: ArrayLike<number>;
  readonly recency: ArrayLike<number>;
  readonly periods: ArrayLike<number>;
  readonly weight?: ArrayLike<number>;
}

/** Customers grouped by identical (frequency, recency, periods). */
export interface CompressedDiscrete {
  readonly frequency: Int32Array;
  readonly recency: Int32Array;
  readonly periods: Int32Array;
  readonly weight: Float64Array;
  /** Number of rows (length of the arrays). */
  readonly uniqueRows: number;
  /** Sum of the weights. */
  readonly customers: number;
}

/** What the likelihood and the fit accept: rows, columns, or the output of `compressDiscrete`. */
export type DiscreteData = readonly DiscreteRow[] | DiscreteColumns | CompressedDiscrete;

/** The result of `bgbbFit`: frozen plain data, the same shape as the BG/NBD fit. */
export type BgBbFit = ModelFit<'bgbb', BgBbParams>;
