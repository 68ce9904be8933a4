/**
 * @module
 * Shapes shared by the shifted-beta-geometric (sBG) model (Fader and Hardie 2007, "How to Project Customer
 * Retention", Journal of Interactive Marketing 21(1); Fader and Hardie 2010, "Customer-Base Valuation in a
 * Contractual Setting: The Perils of Ignoring Heterogeneity", Marketing Science 29(1)).
 */
import type { ModelFit } from '../fit-result.js';

/**
 * sBG parameters, named as in the literature: each customer renews at the end of every period with
 * probability 1 - theta, and theta ~ Beta(alpha, beta) across customers.
 */
export interface SbgParams {
  readonly alpha: number;
  readonly beta: number;
}

/**
 * Customers of one cohort active at the start of a period. Period 0 is the whole cohort at acquisition; period t
 * counts those who renewed t times. Counts are usually whole numbers; percentages of the cohort are accepted
 * too (the fit is then per 100 customers, and its standard errors are only meaningful for real counts).
 */
export interface CohortRow {
  readonly period: number;
  readonly active: number;
}

/**
 * The result of `sbgFit`: frozen plain data, the same shape as the BG/NBD fit. `customers` is the cohort size
 * (active customers in period 0); `uniqueRows` the number of periods observed after period 0 (the likelihood's
 * churn cells plus one survivor cell); the standard errors assume the counts are customers.
 */
export type SbgFit = ModelFit<'sbg', SbgParams>;

/** Expected lifetime: a number of periods, or infinite (said so, never a number). */
export type ExpectedLifetime =
  | { readonly finite: true; readonly periods: number }
  | { readonly finite: false; readonly reason: string };
