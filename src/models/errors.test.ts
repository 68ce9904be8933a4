import { describe, expect, it } from 'vitest';
import { ConvergenceError, ModelInputError, requireFiniteResult, requirePositiveParams, requireTime } from './errors.js';

describe('model errors', () => {
  it('ModelInputError carries customer and field as data', () => {
    const e = new ModelInputError('x requires y', { customer: 'c1', field: 'recency' });
    expect(e).toBeInstanceOf(Error);
    expect(e).toMatchObject({ name: 'ModelInputError', message: 'x requires y', customer: 'c1', field: 'recency' });
  });

  it('ConvergenceError carries the optimizer report', () => {
    const report = { x: [1], value: 2, gradient: [3], iterations: 4, gradientNorm: 3, converged: false, message: 'm', evaluations: 9 };
    expect(new ConvergenceError('f did not converge: m', report)).toMatchObject({ name: 'ConvergenceError', result: report });
  });

  it('checks parameters, times and results with simple-statistics style messages', () => {
    expect(() => requirePositiveParams('f', { r: 1, alpha: -1 })).toThrow('f requires positive finite parameters: alpha = -1');
    expect(() => requirePositiveParams('f', { r: NaN })).toThrow('f requires positive finite parameters: r = NaN');
    expect(() => requireTime('f', Infinity)).toThrow('f requires t to be a finite number >= 0: got Infinity');
    expect(requireFiniteResult('f', 0.5, 3)).toBe(0.5);
    expect(() => requireFiniteResult('f', NaN, 3)).toThrow('f could not compute a finite value for customer 3 (parameters or horizon too extreme)');
    expect(() => requireFiniteResult('f', -1)).toThrow(/for the customer/);
  });
});
