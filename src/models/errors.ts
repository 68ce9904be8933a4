/**
 * Errors thrown by the purchase and spend models.
 *
 * Both carry their context as data and print nothing, so a caller (CLI, API)
 * decides how to show them. Messages follow simple-statistics' form:
 * "FUNCTION requires ...", no final period.
 *
 * @module
 */

/** Which customer an input error is about: the id passed in, else the row index. */
export type CustomerRef = string | number;

/**
 * Input outside a model's domain: a negative frequency, recency > T, a
 * non-positive parameter, no repeat customers, ...
 *
 * `customer` holds the id passed in (or the 0-based row index) when the error
 * is about one customer, and `field` the offending column or parameter.
 */
export class ModelInputError extends Error {
  override readonly name = 'ModelInputError';
  readonly customer: CustomerRef | undefined;
  readonly field: string | undefined;

  constructor(message: string, details: { customer?: CustomerRef; field?: string } = {}) {
    super(message);
    this.customer = details.customer;
    this.field = details.field;
  }
}

/** The optimizer's report carried by a {@link ConvergenceError}; structurally `MinimizeResult`. */
export interface ConvergenceReport {
  readonly x: readonly number[];
  readonly value: number;
  readonly gradient: readonly number[];
  readonly iterations: number;
  readonly gradientNorm: number;
  readonly converged: boolean;
  readonly message: string;
  readonly evaluations: number;
}

/**
 * A fit whose optimizer did not converge (or ended on non-finite values).
 * `result` is the optimizer's full report, as lifetimes' ConvergenceError
 * carries scipy's, but nothing is printed.
 */
export class ConvergenceError extends Error {
  override readonly name = 'ConvergenceError';
  readonly result: ConvergenceReport;

  constructor(message: string, result: ConvergenceReport) {
    super(message);
    this.result = result;
  }
}

/**
 * Checks that every named parameter is a finite positive number, as all the
 * purchase and spend models require.
 *
 * @param caller function name for the message, e.g. "bgnbdProbabilityAlive"
 * @param params the parameters by name
 * @throws {ModelInputError} "CALLER requires positive finite parameters: alpha = -1"
 */
export function requirePositiveParams(caller: string, params: Readonly<Record<string, number>>): void {
  for (const [name, value] of Object.entries(params)) {
    if (!(Number.isFinite(value) && value > 0)) {
      throw new ModelInputError(`${caller} requires positive finite parameters: ${name} = ${value}`, { field: name });
    }
  }
}

/**
 * Checks a prediction horizon or time argument.
 *
 * @throws {ModelInputError} "CALLER requires t to be a finite number >= 0: got -1"
 */
export function requireTime(caller: string, t: number, name = 't'): void {
  if (!(Number.isFinite(t) && t >= 0)) {
    throw new ModelInputError(`${caller} requires ${name} to be a finite number >= 0: got ${t}`, { field: name });
  }
}

/**
 * Checks a count argument: a number of purchases, customers or periods.
 *
 * @throws {ModelInputError} "CALLER requires n to be a whole number >= 0: got 1.5"
 */
export function requireWholeNumber(caller: string, value: number, name: string): void {
  if (!(Number.isInteger(value) && value >= 0)) {
    throw new ModelInputError(`${caller} requires ${name} to be a whole number >= 0: got ${value}`, { field: name });
  }
}

/**
 * Last guard of every prediction: no NaN or infinite value leaves a model.
 * Reached only when parameters or horizons are so extreme that the
 * arithmetic overflows; the message names the customer.
 *
 * @returns value, when finite and >= 0
 * @throws {ModelInputError} "CALLER could not compute a finite value for customer 12 (parameters or horizon too extreme)"
 */
export function requireFiniteResult(caller: string, value: number, customer?: CustomerRef): number {
  if (Number.isFinite(value) && value >= 0) return value;
  const who = customer === undefined ? 'the customer' : `customer ${typeof customer === 'string' ? JSON.stringify(customer) : customer}`;
  throw new ModelInputError(`${caller} could not compute a finite value for ${who} (parameters or horizon too extreme)`, {
    ...(customer === undefined ? {} : { customer }),
  });
}
