import type { Random } from './random.js';

/**
 * Poisson distribution with the given mean.
 *
 * Small means multiply uniforms (Knuth); from 10 on, Hörmann's PTRS transformed rejection (1993),
 * "The transformed rejection method for generating Poisson random variables", as numpy uses it,
 * because the product method needs about `mean` uniforms per draw.
 */
export function poisson(random: Random, mean: number): number {
  if (!(mean > 0)) return 0;
  if (mean < 10) {
    const limit = Math.exp(-mean);
    let count = 0;
    let product = random.next();
    while (product > limit) {
      count++;
      product *= random.next();
    }
    return count;
  }
  const slam = Math.sqrt(mean);
  const logMean = Math.log(mean);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = random.next() - 0.5;
    const v = random.next();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <= -mean + k * logMean - logFactorial(k)) return k;
  }
}

const smallLogFactorials: number[] = [0];
for (let n = 1; n < 32; n++) smallLogFactorials.push((smallLogFactorials[n - 1] ?? 0) + Math.log(n));

/** ln(n!) from a table, then Stirling's series, which is accurate to about 1e-10 from n = 32. */
function logFactorial(n: number): number {
  const tabled = smallLogFactorials[n];
  if (tabled !== undefined) return tabled;
  const inv = 1 / n;
  const inv2 = inv * inv;
  return (n + 0.5) * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI) + inv * (1 / 12 - inv2 * (1 / 360 - inv2 / 1260));
}
