/**
 * @module
 * The options every maximum-likelihood fit takes, whatever the model.
 */

/**
 * Options of a model's fit (`bgnbdFit`, `gammaGammaFit`, ...). Each model's options type is an instance, e.g.
 * `BgBbFitOptions = FitOptions<BgBbParams>`, and says there which penalty and default start it means.
 *
 * @typeParam Params the model's parameters by name
 */
export interface FitOptions<Params> {
  /** lifetimes' penalizer_coef: adds coef * (sum of the squared parameters) to the mean negative log-likelihood. Default 0. */
  readonly penalizer?: number;
  /** Starting values (each model documents its default). */
  readonly initialParams?: Params;
  /** Optimizer iterations (default 200). */
  readonly maxIterations?: number;
  /** Converged when every |d(mean -ln L)/d ln theta| <= this (default 1e-6). */
  readonly gradientTolerance?: number;
  /** Throw ConvergenceError when not converged (default true). */
  readonly requireConvergence?: boolean;
}
