/**
 * Turns a fit that did not converge into a sentence a user can act on. The common cause on real data is
 * an estimate running off to a boundary: with no sign of customers dropping out, BG/NBD's a and b (or
 * Pareto/NBD's s and beta) grow without bound, because the model without drop-out fits best.
 */
import { ConvergenceError } from '../models/errors.js';

const boundaryLog = 9; // e^9 ≈ 8,100: far beyond any published estimate of these parameters

export function explainFitFailure(error: unknown, model: string, paramNames: readonly string[]): unknown {
  if (!(error instanceof ConvergenceError)) return error;
  const logs = error.result.x;
  const runaway = paramNames.filter((_, i) => Math.abs(logs[i] ?? 0) > boundaryLog);
  if (runaway.length > 0) {
    const dropout = (model === 'bgnbd' || model === 'mbgnbd') && runaway.some((p) => p === 'a' || p === 'b');
    return new Error(
      `the ${model} fit did not converge: ${runaway.join(' and ')} grew without bound` +
        (dropout
          ? ', which means the data show no sign of customers dropping out (everyone keeps buying at a steady rate). Check that the history is long enough to see customers lapse, or that old customers are not missing from the import'
          : '; the data do not identify these parameters') +
        ` (${error.result.iterations} iterations, gradient norm ${error.result.gradientNorm.toExponential(2)})`,
      { cause: error },
    );
  }
  return new Error(`the ${model} fit did not converge: ${error.message} (${error.result.iterations} iterations, gradient norm ${error.result.gradientNorm.toExponential(2)})`, { cause: error });
}
