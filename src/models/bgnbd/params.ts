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
