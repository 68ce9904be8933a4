/**
 * Values keyed by a pair of numbers (keys compared as Map keys are), computed once per distinct pair: the
 * scores use it to share the expensive terms of a prediction between customers with equal (x, T) or (x, t_x).
 */
export class PairCache {
  readonly #byFirst = new Map<number, Map<number, number>>();

  /** The value for (first, second): `compute(first, second)` on the first request, the cached value after. */
  get(first: number, second: number, compute: (first: number, second: number) => number): number {
    let bySecond = this.#byFirst.get(first);
    if (bySecond === undefined) {
      bySecond = new Map();
      this.#byFirst.set(first, bySecond);
    }
    let value = bySecond.get(second);
    if (value === undefined) {
      value = compute(first, second);
      bySecond.set(second, value);
    }
    return value;
  }
}
