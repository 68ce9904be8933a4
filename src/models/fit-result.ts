/**
 * @module
 * The result every maximum-likelihood fit returns, whatever the model: one shape, so that reports, the CLI and
 * the valuation code read any fit alike.
 */

/** One value per parameter of `Params` (a standard error, an interval, ...), keyed by the parameter's name. */
export type PerParam<Params, T> = { readonly [Name in keyof Params]: T };

/**
 * A fitted model: frozen plain data, so `JSON.stringify` gives it whole. Each model's fit type is an instance,
 * e.g. `BgNbdFit = ModelFit<'bgnbd', BgNbdParams>`.
 *
 * @typeParam Model the model's name, e.g. 'bgnbd'
 * @typeParam Params the model's parameters by name, e.g. `{ r, alpha, a, b }`
 */
export interface ModelFit<Model extends string, Params> {
  readonly model: Model;
  /** Maximum-likelihood estimates on the natural scale of the literature's parameters. */
  readonly params: Params;
  /** Unpenalised total log-likelihood at the estimates. */
  readonly logLikelihood: number;
  /** Delta-method standard errors; null where the Hessian gives none. */
  readonly standardErrors: PerParam<Params, number | null>;
  /** 95% intervals exp(ln theta +- 1.96 se(ln theta)); null where the Hessian gives none. */
  readonly confidenceIntervals: PerParam<Params, readonly [number, number] | null>;
  /** Whether the optimizer met its gradient tolerance. */
  readonly converged: boolean;
  readonly iterations: number;
  /** Largest |d(mean -ln L)/d ln theta| at the estimates. */
  readonly gradientNorm: number;
  /** Total customer weight fitted (each model's fit type says which customers count). */
  readonly customers: number;
  /** Rows the likelihood summed over, after grouping identical customers. */
  readonly uniqueRows: number;
  /** The L2 penalty coefficient used (lifetimes' penalizer_coef; 0 when none). */
  readonly penalizer: number;
}
