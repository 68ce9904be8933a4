import { requirePositiveParams } from '../errors.js';

/**
 * Pareto/NBD parameters (Schmittlein, Morrison & Colombo 1987): purchase rates
 * λ ~ gamma(r, α) and dropout rates μ ~ gamma(s, β), shapes r, s and rates α, β.
 */
export interface ParetoNbdParams {
  readonly r: number;
  readonly alpha: number;
  readonly s: number;
  readonly beta: number;
}

/** Parameter names in the order of the optimizer's vector. */
export const PNBD_PARAM_NAMES = ['r', 'alpha', 's', 'beta'] as const;

/**
 * Checks Pareto/NBD parameters, reading only r, alpha, s and beta.
 *
 * @throws {ModelInputError} "CALLER requires positive finite parameters: s = 0"
 */
export function checkParetoNbdParams(params: ParetoNbdParams, caller: string): void {
  requirePositiveParams(caller, { r: params.r, alpha: params.alpha, s: params.s, beta: params.beta });
}
