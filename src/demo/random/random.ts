/**
 * The demo's seeded pseudo-random source: xoshiro128** (Blackman and Vigna, 2018), seeded through a
 * 32-bit integer hash so that any seed, even 0 or 1, starts from a well-mixed state.
 *
 * Why our own and not `Math.random`: the demo must give the same events for the same seed on every
 * machine and Node version, and each customer gets its own stream (see `createRandom`'s parts) so that
 * changing how one customer is simulated does not reshuffle all the customers after it.
 *
 * @see https://prng.di.unimi.it/xoshiro128starstar.c
 */
export interface Random {
  /** A uniform number in [0, 1), with 32 bits of resolution. */
  next(): number;
  /** A uniform integer in [0, n). */
  int(n: number): number;
  /** `true` with probability `p`. */
  chance(p: number): boolean;
}

const twoTo32 = 4294967296;

/** A 32-bit finalizer (the "lowbias32" constants from Chris Wellons' hash prospector). */
export function hash32(value: number): number {
  let x = value >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x21f0aaad);
  x ^= x >>> 15;
  x = Math.imul(x, 0x735a2d97);
  x ^= x >>> 15;
  return x >>> 0;
}

/** Folds numbers (integers of any size, e.g. a seed, a customer index and a stream number) into one 32-bit key. */
export function mixSeed(parts: readonly number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    // Integers beyond 32 bits (seeds such as Date.now()) keep their high half instead of being truncated.
    const low = part >>> 0;
    const high = Math.floor(part / twoTo32) >>> 0;
    h = hash32(h ^ low) + 0x6d2b79f5;
    h = hash32(h ^ high);
  }
  return h >>> 0;
}

class Xoshiro128 implements Random {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(key: number) {
    // splitmix-style expansion of one 32-bit key into the 128-bit state; never all zero.
    let k = key >>> 0;
    const step = (): number => {
      k = (k + 0x9e3779b9) >>> 0;
      return hash32(k);
    };
    this.s0 = step();
    this.s1 = step();
    this.s2 = step();
    this.s3 = step() | 1;
  }

  next(): number {
    const s1 = this.s1;
    const rotated = Math.imul(s1, 5);
    const result = Math.imul((rotated << 7) | (rotated >>> 25), 9);
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return (result >>> 0) / twoTo32;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }
}

/**
 * A new independent stream for the given parts, e.g. `createRandom(seed)` or `createRandom(seed, customer, stream)`.
 *
 * @example
 * createRandom(42).next() === createRandom(42).next() // true
 */
export function createRandom(...parts: number[]): Random {
  return new Xoshiro128(mixSeed(parts));
}
