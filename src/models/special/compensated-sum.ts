/** An accumulator for a compensated sum. */
export interface CompensatedSum {
  add(value: number): void;
  total(): number;
}

/**
 * Neumaier's compensated summation (improved Kahan–Babuška): the running
 * rounding error is carried separately, so the total of n terms is accurate
 * to about one rounding of the result instead of n of them.
 *
 * Used by the log-likelihoods, which sum up to millions of terms whose last
 * digits the optimizer needs near the optimum.
 *
 * @example const s = compensatedSum(); for (const v of [1, 1e100, 1, -1e100]) s.add(v); s.total() // 2
 */
export function compensatedSum(): CompensatedSum {
  let sum = 0;
  let compensation = 0;
  return {
    add(value: number) {
      const t = sum + value;
      compensation += Math.abs(sum) >= Math.abs(value) ? sum - t + value : value - t + sum;
      sum = t;
    },
    total: () => sum + compensation,
  };
}
