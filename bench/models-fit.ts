/**
 * Benchmark: fitting and scoring the purchase models at one million customers.
 *
 * For BG/NBD and Pareto/NBD: simulate 1,000,000 customers of a CDNOW-like
 * cohort (first purchases spread over 13 weeks, observed to week 39, times
 * rounded to the day as a store summary would be), compress them to unique
 * (frequency, recency, T) rows, fit, then score every customer (expected
 * purchases over the next 52 weeks and P(alive)). Prints the unique rows, the
 * time of each step and the peak resident memory.
 *
 * Build and run:  npx tsc -p tsconfig.build.json && node dist/bench/models-fit.js [customers]
 */
import { bgnbdFit, bgnbdScore, bgnbdSimulate } from '../src/models/bgnbd/index.js';
import { compressRfm } from '../src/models/data/index.js';
import type { RfmSample } from '../src/models/data/index.js';
import { pnbdFit, pnbdScore, pnbdSimulate } from '../src/models/pnbd/index.js';

const customers = Number(process.argv[2] ?? 1_000_000);
const DAY = 1 / 7;
const HORIZON = 52;

let peakRss = 0;
function sampleMemory(): void {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}

function timed<T>(step: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = step();
  const ms = performance.now() - start;
  sampleMemory();
  return { value, ms };
}

/** T in weeks for a cohort acquired over 13 weeks and observed to week 39, at day resolution. */
function cohort(n: number): Float64Array {
  const T = new Float64Array(n);
  for (let i = 0; i < n; i++) T[i] = 39 - (i % 91) * DAY;
  return T;
}

interface ModelRun {
  name: string;
  truth: Record<string, number>;
  simulate: (T: Float64Array) => RfmSample;
  fit: (data: ReturnType<typeof compressRfm>) => {
    params: object;
    standardErrors: object;
    logLikelihood: number;
    iterations: number;
    converged: boolean;
  };
  score: (params: object, sample: RfmSample) => { expectedTransactions: Float64Array; probabilityAlive: Float64Array };
}

const runs: ModelRun[] = [
  {
    name: 'BG/NBD',
    truth: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
    simulate: (T) => bgnbdSimulate({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, T, { seed: 20050101, resolution: DAY }),
    fit: (data) => bgnbdFit(data),
    score: (params, sample) => bgnbdScore(params as Parameters<typeof bgnbdScore>[0], sample, HORIZON),
  },
  {
    name: 'Pareto/NBD',
    truth: { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 },
    simulate: (T) => pnbdSimulate({ r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }, T, { seed: 19870101, resolution: DAY }),
    fit: (data) => pnbdFit(data),
    score: (params, sample) => pnbdScore(params as Parameters<typeof pnbdScore>[0], sample, HORIZON),
  },
];

const format = (ms: number) => `${ms.toFixed(0).padStart(6)} ms`;
const round = (record: object) =>
  Object.entries(record)
    .map(([k, v]) => `${k}=${v === null ? 'n/a' : (v as number).toPrecision(4)}`)
    .join(' ');

console.log(`models-fit: ${customers.toLocaleString('en')} simulated customers per model, node ${process.version}`);
sampleMemory();
for (const run of runs) {
  const T = cohort(customers);
  const simulated = timed(() => run.simulate(T));
  const compressed = timed(() => compressRfm(simulated.value));
  const fitted = timed(() => run.fit(compressed.value));
  const scored = timed(() => run.score(fitted.value.params, simulated.value));
  let expectedTotal = 0;
  let aliveTotal = 0;
  for (let i = 0; i < customers; i++) {
    expectedTotal += scored.value.expectedTransactions[i] as number;
    aliveTotal += scored.value.probabilityAlive[i] as number;
  }
  console.log(`\n${run.name}`);
  console.log(`  simulate           ${format(simulated.ms)}`);
  console.log(`  compress           ${format(compressed.ms)}  -> ${compressed.value.uniqueRows.toLocaleString('en')} unique rows`);
  console.log(
    `  fit                ${format(fitted.ms)}  (${fitted.value.iterations} iterations, converged: ${fitted.value.converged}, ln L = ${fitted.value.logLikelihood.toFixed(1)})`,
  );
  console.log(`  score ${customers.toLocaleString('en')}    ${format(scored.ms)}  (expected purchases in ${HORIZON} weeks + P(alive))`);
  console.log(`  truth              ${round(run.truth)}`);
  console.log(`  estimate           ${round(fitted.value.params)}`);
  console.log(`  standard error     ${round(fitted.value.standardErrors)}`);
  console.log(`  mean E[purchases] = ${(expectedTotal / customers).toFixed(4)}, mean P(alive) = ${(aliveTotal / customers).toFixed(4)}`);
}
sampleMemory();
const maxRssKb = process.resourceUsage().maxRSS;
console.log(`\npeak RSS: ${(Math.max(peakRss, maxRssKb * 1024) / 2 ** 20).toFixed(0)} MiB`);
