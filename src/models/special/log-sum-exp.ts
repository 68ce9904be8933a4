/**
 * Log-sum-exp: ln(Σ exp(vᵢ)) without overflow or underflow, by factoring out
 * the largest term.
 *
 * @param values log-scale terms; -Infinity terms contribute nothing
 * @returns ln Σ exp(vᵢ); -Infinity for an empty list or all -Infinity
 * @example logSumExp([1000, 1000]) // 1000.6931471805599
 */
export function logSumExp(values: ArrayLike<number>): number {
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v > max || Number.isNaN(v)) max = v;
  }
  if (Number.isNaN(max)) return NaN;
  if (max === -Infinity || max === Infinity) return max;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += Math.exp((values[i] as number) - max);
  return max + Math.log(sum);
}

/**
 * Pairwise log-sum-exp: ln(exp(a) + exp(b)).
 *
 * @example logAddExp(0, 0) // ln 2
 */
export function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  const max = a > b ? a : b;
  if (max === Infinity) return Infinity;
  // log1p keeps full precision when the smaller term is negligible.
  return max + Math.log1p(Math.exp(-Math.abs(a - b)));
}

/**
 * Log of a difference: ln(exp(a) - exp(b)) for a >= b.
 *
 * Uses ln(-expm1(b - a)) when the terms are close (b - a > -ln 2) and
 * log1p(-exp(b - a)) otherwise, the split recommended by Mächler (2012),
 * "Accurately computing log(1 - exp(-|a|))".
 *
 * @returns ln(e^a - e^b); -Infinity when a === b
 * @throws {RangeError} when b > a (the difference would be negative)
 */
export function logSubExp(a: number, b: number): number {
  if (b > a) throw new RangeError(`logSubExp requires a >= b, got a = ${a}, b = ${b}`);
  if (b === -Infinity) return a;
  const d = b - a;
  return a + (d > -Math.LN2 ? Math.log(-Math.expm1(d)) : Math.log1p(-Math.exp(d)));
}

/** A signed number held as sign · exp(log). */
export interface SignedLog {
  /** ln |value| (-Infinity for zero) */
  log: number;
  /** -1, 0 or 1 */
  sign: number;
}

/**
 * Signed log-sum-exp: ln|Σ sᵢ exp(vᵢ)| and the sign of the sum, for sums with
 * negative terms (scipy's logsumexp with `b=` and `return_sign=True`).
 *
 * lifetimes' Pareto/NBD notes that tiny rounding can make such a sum "ever so
 * slightly negative"; here the sign is returned, never hidden.
 *
 * @param values log-magnitudes of the terms
 * @param signs sign of each term (any real; only its sign is used)
 */
export function signedLogSumExp(values: ArrayLike<number>, signs: ArrayLike<number>): SignedLog {
  if (values.length !== signs.length) {
    throw new RangeError('signedLogSumExp requires as many signs as values');
  }
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if ((signs[i] as number) !== 0 && v > max) max = v;
  }
  if (max === -Infinity) return { log: -Infinity, sign: 0 };
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    sum += Math.sign(signs[i] as number) * Math.exp((values[i] as number) - max);
  }
  if (sum === 0) return { log: -Infinity, sign: 0 };
  return { log: max + Math.log(Math.abs(sum)), sign: Math.sign(sum) };
}
