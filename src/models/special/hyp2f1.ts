import { gammaln, gammaSign } from './gammaln.js';
import {
  gaussSeries,
  isNonPositiveInteger,
  oneMinusZTransform,
  type Estimate,
} from './hyp2f1-series.js';

/**
 * Gauss hypergeometric function ₂F₁(a, b; c; z) for real a, b, c and z <= 1.
 *
 * Needed by the purchase models: BG/NBD and MBG/NBD expectations (Fader,
 * Hardie & Lee 2005, eq. 9-10) and the Pareto/NBD likelihood.
 *
 * Regions (the transformations are Abramowitz & Stegun 15.3.5 and 15.3.6,
 * 15.3.10-11, as in Cephes' hyp2f1):
 * - 0 < z <= 0.9: Gauss's series, summed until its tail is below 1e-16.
 * - 0.9 < z < 1: the 1 - z transformation, whose series converge fast, with
 *   the integer-d forms (15.3.10-11, digamma series) when d = c - a - b is an
 *   integer. If that transformation loses precision to cancellation (large a,
 *   b), Gauss's series is also tried and the smaller error estimate wins.
 * - z < 0: Pfaff's transformation F = (1-z)^(-a) F(a, c-b; c; z/(z-1)), which
 *   maps z to (0, 1) where the series has no alternating signs.
 * - z = 1: Gauss's theorem Γ(c)Γ(c-a-b)/(Γ(c-a)Γ(c-b)) for c - a - b > 0.
 * - a or b in {0, -1, -2, ...}: the terminating polynomial.
 *
 * Accuracy is about 1e-14 relative away from cancellation (see
 * {@link hyp2f1Estimate} for an error estimate); results can overflow to
 * ±Infinity when F itself exceeds the double range, and lose accuracy when
 * |a·b·z/c| is so large (beyond about 10⁵) that the series needs more than
 * 200,000 terms.
 *
 * @param a first numerator parameter
 * @param b second numerator parameter
 * @param c denominator parameter, not 0, -1, -2, ... (unless the series terminates first)
 * @param z argument, z <= 1
 * @returns ₂F₁(a, b; c; z)
 * @throws {RangeError} for non-finite arguments, z > 1, z = 1 with c - a - b <= 0, or c a pole
 * @example hyp2f1(1, 1, 2, 0.5) // 1.3862943611198906 = -ln(1 - 0.5) / 0.5
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  return hyp2f1Estimate(a, b, c, z).value;
}

/**
 * {@link hyp2f1} with its estimated relative error, for callers that want to
 * know when a result lost precision to cancellation.
 *
 * @throws {RangeError} as {@link hyp2f1}
 */
export function hyp2f1Estimate(a: number, b: number, c: number, z: number): Estimate {
  return estimate(a, b, c, z, 1 - z);
}

/**
 * ₂F₁(a, b; c; 1 - w) given the complement w = 1 - z directly, for 0 < w <= 1.
 *
 * When z is computed as a ratio close to 1, such as (β-α)/(β+t) with α << β,
 * z itself rounds (possibly to exactly 1) while w = (α+t)/(β+t) keeps full
 * precision; the 1 - z transformations then use that w.
 *
 * @param w 1 - z, in (0, 1]
 * @throws {RangeError} as {@link hyp2f1}, and for w outside (0, 1]
 */
export function hyp2f1Complement(a: number, b: number, c: number, w: number): number {
  if (!(w > 0 && w <= 1)) throw new RangeError(`hyp2f1Complement requires 0 < w <= 1, got w = ${w}`);
  return estimate(a, b, c, 1 - w, w).value;
}

/** w = 1 - z, carried separately because Pfaff's z/(z-1) loses it when z << -1. */
function estimate(a: number, b: number, c: number, z: number, w: number): Estimate {
  if (![a, b, c, z].every(Number.isFinite)) {
    throw new RangeError(`hyp2f1 requires finite a, b, c and z, got (${a}, ${b}, ${c}, ${z})`);
  }
  if (z > 1 || w < 0) throw new RangeError(`hyp2f1 requires z <= 1, got z = ${z}`);
  const terminating = isNonPositiveInteger(a) || isNonPositiveInteger(b);
  if (isNonPositiveInteger(c)) {
    // Defined only if the series stops (a or b = -n with -n > c) before (c)ₙ hits 0.
    const stopsFirst = (isNonPositiveInteger(a) && a > c) || (isNonPositiveInteger(b) && b > c);
    if (!stopsFirst) throw new RangeError(`hyp2f1 requires c not to be 0, -1, -2, ..., got c = ${c}`);
  }
  if (z === 0 || a === 0 || b === 0) return { value: 1, error: 0 };
  if (terminating) return gaussSeries(a, b, c, z);
  if (w === 0) return gaussTheorem(a, b, c);
  if (z < 0) return pfaff(a, b, c, z);
  return unitInterval(a, b, c, z, w);
}

function unitInterval(a: number, b: number, c: number, z: number, w: number): Estimate {
  if (z <= 0.9) return gaussSeries(a, b, c, z);
  const transformed = oneMinusZTransform(a, b, c, z, w);
  if (transformed.error < 1e-13) return transformed;
  const direct = gaussSeries(a, b, c, z);
  return direct.error < transformed.error ? direct : transformed;
}

/** Pfaff: F(a,b;c;z) = (1-z)^(-a) F(a, c-b; c; z/(z-1)) = (1-z)^(-b) F(c-a, b; c; z/(z-1)). */
function pfaff(a: number, b: number, c: number, z: number): Estimate {
  const w = z / (z - 1);
  const complement = 1 / (1 - z); // 1 - w, exactly as far as rounding allows
  const log1mz = Math.log1p(-z);
  // Prefer a form that terminates, else the one with the smaller leading coefficient.
  const useA =
    isNonPositiveInteger(c - b) ||
    (!isNonPositiveInteger(c - a) && Math.abs(a * (c - b)) <= Math.abs((c - a) * b));
  const inner = useA ? estimate(a, c - b, c, w, complement) : estimate(c - a, b, c, w, complement);
  const prefactor = Math.exp(-(useA ? a : b) * log1mz);
  return { value: prefactor * inner.value, error: inner.error + 1e-16 * Math.abs(log1mz * (useA ? a : b)) };
}

function gaussTheorem(a: number, b: number, c: number): Estimate {
  const d = c - a - b;
  if (d <= 0) throw new RangeError(`hyp2f1 diverges at z = 1 when c - a - b <= 0, got ${d}`);
  const sign = gammaSign(c) * gammaSign(d) * gammaSign(c - a) * gammaSign(c - b);
  if (gammaSign(c - a) === 0 || gammaSign(c - b) === 0) return { value: 0, error: 0 };
  const log = gammaln(c) + gammaln(d) - gammaln(c - a) - gammaln(c - b);
  return { value: sign * Math.exp(log), error: 1e-15 };
}
