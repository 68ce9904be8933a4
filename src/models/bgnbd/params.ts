import { requirePositiveParams } from '../errors.js';

/**
 * BG/NBD parameters (Fader, Hardie & Lee 2005): purchase rates λ ~ gamma(r, α)
 * (shape r, rate α), dropout probabilities p ~ beta(a, b). MBG/NBD uses the same four.
 */
export interface BgNbdParams {
  readonly r: number;
  readonly alpha: number;
  readonly a: number;
  readonly b: number;
}

/** Parameter names in the order of the optimizer's vector. */
export const BGNBD_PARAM_NAMES = ['r', 'alpha', 'a', 'b'] as const;

/**
 * Checks BG/NBD (and MBG/NBD) parameters, reading only r, alpha, a and b.
 *
 * @throws {ModelInputError} "CALLER requires positive finite parameters: a = 0"
 */
export function checkBgNbdParams(params: BgNbdParams, caller: string): void {
  requirePositiveParams(caller, { r: params.r, alpha: params.alpha, a: params.a, b: params.b });
}
