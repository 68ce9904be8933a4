import { hyp2f1Complement } from '../special/hyp2f1.js';

/** ln F and its partial derivatives with respect to b, c and z. */
export interface LogHypergeometric {
  log: number;
  dB: number;
  dC: number;
  dZ: number;
}

/** Past this z the series may need thousands of terms; hyp2f1's 1 - z transformation takes over. */
const SERIES_LIMIT = 0.99;

/**
 * ln ₂F₁(1, b; c; z) for 0 <= z < 1 and 0 < b < c, the only hypergeometric
 * shape in the Pareto/NBD likelihood once Euler's transformation is applied
 * (see terms.ts). Its series Σ (b)ₙ/(c)ₙ zⁿ has positive terms with ratios
 * below z, so it needs no cancellation-prone transformation. `w` is 1 - z,
 * computed by the caller without cancellation (z may round to 1 while w > 0).
 * Returns NaN rather than throwing when w has underflowed to 0, so that an
 * optimizer's trial step into such a region is simply rejected.
 */
export function logUnitHypergeometric(b: number, c: number, z: number, w: number): number {
  if (z === 0) return 0;
  if (z > SERIES_LIMIT) return w > 0 ? Math.log(hyp2f1Complement(1, b, c, w)) : NaN;
  let term = 1;
  let sum = 1;
  for (let n = 0; ; n++) {
    term *= ((b + n) / (c + n)) * z;
    sum += term;
    if (term * z <= 1e-17 * sum * (1 - z)) return Math.log(sum);
  }
}

/**
 * ln ₂F₁(1, b; c; z) with its derivatives in b, c and z, accumulated along
 * the same series: with tₙ = (b)ₙ/(c)ₙ zⁿ,
 *   ∂tₙ/∂b = tₙ Σₖ<ₙ 1/(b+k),  ∂tₙ/∂c = -tₙ Σₖ<ₙ 1/(c+k),  ∂tₙ/∂z = n tₙ / z.
 * Beyond z = 0.99 the value comes from hyp2f1's transformations, the z
 * derivative from d/dz ₂F₁(1,b;c;z) = (b/c) ₂F₁(2, b+1; c+1; z) and the b, c
 * derivatives from central differences (error about 1e-9).
 */
export function logUnitHypergeometricWithGradient(b: number, c: number, z: number, w: number): LogHypergeometric {
  if (z === 0) return { log: 0, dB: 0, dC: 0, dZ: b / c };
  if (z > SERIES_LIMIT) return w > 0 ? farFromSeries(b, c, w) : { log: NaN, dB: NaN, dC: NaN, dZ: NaN };
  let term = 1;
  let sum = 1;
  let sumB = 0;
  let sumC = 0;
  let sumN = 0;
  let harmonicB = 0;
  let harmonicC = 0;
  for (let n = 0; ; n++) {
    harmonicB += 1 / (b + n);
    harmonicC += 1 / (c + n);
    term *= ((b + n) / (c + n)) * z;
    sum += term;
    sumB += term * harmonicB;
    sumC -= term * harmonicC;
    sumN += (n + 1) * term;
    // The z-derivative sums (n+1)tₙ, whose tail is bounded by tₙ(n + 1/(1-z))z/(1-z).
    if (term * (n + 2 + 1 / (1 - z)) * z <= 1e-17 * sum * (1 - z)) break;
  }
  return { log: Math.log(sum), dB: sumB / sum, dC: sumC / sum, dZ: sumN / (z * sum) };
}

function farFromSeries(b: number, c: number, w: number): LogHypergeometric {
  const f = hyp2f1Complement(1, b, c, w);
  const hb = 1e-6 * Math.max(1, b);
  const hc = 1e-6 * Math.max(1, c);
  const dB = (Math.log(hyp2f1Complement(1, b + hb, c, w)) - Math.log(hyp2f1Complement(1, b - hb, c, w))) / (2 * hb);
  const dC = (Math.log(hyp2f1Complement(1, b, c + hc, w)) - Math.log(hyp2f1Complement(1, b, c - hc, w))) / (2 * hc);
  const dZ = ((b / c) * hyp2f1Complement(2, b + 1, c + 1, w)) / f;
  return { log: Math.log(f), dB, dC, dZ };
}
