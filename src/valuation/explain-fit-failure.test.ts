import { describe, expect, it } from 'vitest';
import { ConvergenceError } from '../models/errors.js';
import { explainFitFailure } from './explain-fit-failure.js';

/** The optimizer's report from a real case: two years of orders spread evenly, nobody lapsing (bench/score-store). */
const runaway = {
  x: [-1.1772150630745837, 2.2130745179406848, 14.174011218464022, 15.443918159174496],
  value: 5.699924107098829,
  gradient: [-1.8e-5, 9.3e-6, 8.0e-8, -1.2e-7],
  iterations: 35,
  gradientNorm: 1.8356e-5,
  converged: false,
  message: 'line search found no lower value (precision limit or non-finite objective)',
  evaluations: 154,
};

describe('explainFitFailure', () => {
  it('says that a and b ran off because the data show no drop-out', () => {
    const explained = explainFitFailure(new ConvergenceError('bgnbdFit did not converge', runaway), 'bgnbd', ['r', 'alpha', 'a', 'b']);
    expect(String(explained)).toMatch(/bgnbd fit did not converge: a and b grew without bound, which means the data show no sign of customers dropping out/);
  });

  it('passes other errors through and keeps the optimizer message otherwise', () => {
    const other = new Error('boom');
    expect(explainFitFailure(other, 'bgnbd', ['r', 'alpha', 'a', 'b'])).toBe(other);
    const stuck = new ConvergenceError('pnbdFit did not converge: iteration limit', { ...runaway, x: [0, 1, 0, 1] });
    expect(String(explainFitFailure(stuck, 'pnbd', ['r', 'alpha', 's', 'beta']))).toContain('the pnbd fit did not converge: pnbdFit did not converge: iteration limit (35 iterations');
  });
});
