/** Options of the demo business generator, their defaults and their checks. */
export interface DemoOptions {
  /** How many people (customers and prospects) to simulate; default 5,000. */
  customers?: number;
  /** Same seed, same events; default 42. */
  seed?: number;
  /** The last day of the demo history (UTC); default 2026-09-30. */
  end?: Date;
  /** History length in years, ending with `end`; default 2. */
  years?: number;
}

export type ResolvedDemoOptions = Required<DemoOptions>;

export const defaultDemoOptions: Readonly<ResolvedDemoOptions> = Object.freeze({
  customers: 5000,
  seed: 42,
  end: new Date('2026-09-30T00:00:00Z'),
  years: 2,
});

/**
 * Fills in defaults and checks the values.
 *
 * @throws when customers is not a whole number >= 0, the seed is not a safe integer, end is not a valid date, or years is not positive
 */
export function resolveDemoOptions(options: DemoOptions = {}): ResolvedDemoOptions {
  const resolved: ResolvedDemoOptions = {
    customers: options.customers ?? defaultDemoOptions.customers,
    seed: options.seed ?? defaultDemoOptions.seed,
    end: options.end ?? defaultDemoOptions.end,
    years: options.years ?? defaultDemoOptions.years,
  };
  if (!Number.isInteger(resolved.customers) || resolved.customers < 0) throw new Error(`demo customers must be a whole number of at least 0, got ${resolved.customers}`);
  if (!Number.isSafeInteger(resolved.seed)) throw new Error(`demo seed must be an integer, got ${resolved.seed}`);
  if (Number.isNaN(resolved.end.getTime())) throw new Error('demo end must be a valid date');
  if (!(resolved.years > 0 && resolved.years <= 50)) throw new Error(`demo years must be more than 0 and at most 50, got ${resolved.years}`);
  return resolved;
}
