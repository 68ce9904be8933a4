/**
 * Seeded pseudo-random numbers and the variates the simulators need.
 *
 * Generator: xoshiro128** (Blackman & Vigna 2018) seeded through splitmix32,
 * two 32-bit outputs per double for 53 random bits. The same seed gives the
 * same stream on every platform, so simulations are reproducible.
 *
 * @module
 */

/** Returns uniform doubles in [0, 1). */
export type Random = () => number;

/**
 * Creates a seeded uniform generator.
 *
 * @param seed any integer (its low 32 bits are used)
 * @example const u = createRandom(42); u() // same value on every run
 */
export function createRandom(seed: number): Random {
  let s = seed >>> 0;
  const splitmix = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  if ((a | b | c | d) === 0) a = 1; // the all-zero state is a fixed point
  const next32 = () => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };
  return () => ((next32() >>> 5) * 67108864 + (next32() >>> 6)) / 9007199254740992;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Exponential variate with the given rate (mean 1/rate); Infinity when rate is 0. */
export function exponentialVariate(random: Random, rate: number): number {
  return -Math.log1p(-random()) / rate;
}

/** Standard normal variate (Marsaglia's polar method). */
export function normalVariate(random: Random): number {
  for (;;) {
    const u = 2 * random() - 1;
    const v = 2 * random() - 1;
    const s = u * u + v * v;
    if (s > 0 && s < 1) return u * Math.sqrt((-2 * Math.log(s)) / s);
  }
}

/**
 * ln of a Gamma(shape, 1) variate. Working in logs keeps shapes far below 1
 * (r = 0.24 in CDNOW) from underflowing to 0.
 *
 * Technique: Marsaglia & Tsang (2000) for shape >= 1; for shape < 1,
 * Gamma(shape) = Gamma(shape + 1) · U^(1/shape).
 */
export function logGammaVariate(random: Random, shape: number): number {
  if (shape < 1) return logGammaVariate(random, shape + 1) + Math.log(1 - random()) / shape;
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normalVariate(random);
    const base = 1 + c * x;
    if (base <= 0) continue;
    const v = base * base * base;
    const u = 1 - random();
    if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
      return Math.log(d * v);
    }
  }
}

/** Gamma variate with shape and rate (mean shape/rate), the parametrisation of r, alpha and s, beta. */
export function gammaVariate(random: Random, shape: number, rate: number): number {
  return Math.exp(logGammaVariate(random, shape)) / rate;
}

/** Beta(a, b) variate as X/(X+Y) of two gamma variates, computed from their logs. */
export function betaVariate(random: Random, a: number, b: number): number {
  const x = logGammaVariate(random, a);
  const y = logGammaVariate(random, b);
  return 1 / (1 + Math.exp(y - x));
}
