/**
 * Benchmark: Gamma-Gamma fitting and CLV scoring at a million customers.
 *
 * Build with `npx tsc -p tsconfig.build.json`, run with `node dist/bench/models-score.js`. Targets: the
 * Gamma-Gamma fit of 1,000,000 simulated customers under 1 s after compression, and scoring 1,000,000
 * customers (Gamma-Gamma expected order value + 12-month BG/NBD CLV) under 2 s. Prints times and peak RSS.
 *
 * @module
 */
import { performance } from 'node:perf_hooks';
import { bgnbdExpectedTransactions, bgnbdSimulate, type BgNbdParams } from '../src/models/bgnbd/index.js';
import { customerLifetimeValues, type PurchaseModel } from '../src/models/clv/index.js';
import { uniqueHistories } from '../src/models/clv/unique-customers.js';
import { createRandom } from '../src/models/data/index.js';
import {
  compressSpend,
  conditionalExpectedAverageSpends,
  gammaGammaFit,
  simulateGammaGamma,
} from '../src/models/gamma-gamma/index.js';

const CUSTOMERS = 1_000_000;
const spendTruth = { p: 6.25, q: 3.74, gamma: 15.44 }; // Fader and Hardie (2013), CDNOW
const purchaseTruth: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }; // Fader, Hardie and Lee (2005), CDNOW, weeks

const seconds = (start: number) => (performance.now() - start) / 1000;
const fmt = (s: number) => `${s.toFixed(3)} s`;
const count = (n: number) => n.toLocaleString('en-US');

// 1. Gamma-Gamma fit. Repeat purchases: 1 + geometric (mean about 2.5); mean spend rounded to cents as money is.
const random = createRandom(20240601);
const repeatFrequency = new Int32Array(CUSTOMERS);
for (let i = 0; i < CUSTOMERS; i++) repeatFrequency[i] = 1 + Math.floor(-Math.log1p(-random()) * 1.5);
const repeatSpend = simulateGammaGamma(spendTruth, repeatFrequency, 7).map((v) => Math.max(0.01, Math.round(v * 100) / 100));

let start = performance.now();
const compressed = compressSpend({ frequency: repeatFrequency, monetaryValue: repeatSpend }, 'bench');
const compressTime = seconds(start);
start = performance.now();
const spendFit = gammaGammaFit(compressed);
const fitTime = seconds(start);
console.log(`gamma-gamma fit: ${count(CUSTOMERS)} customers -> ${count(compressed.uniqueRows)} unique rows`);
console.log(`  compression ${fmt(compressTime)}, fit ${fmt(fitTime)} (target < 1 s), ${spendFit.iterations} iterations`);
console.log(
  `  p = ${spendFit.params.p.toFixed(3)}, q = ${spendFit.params.q.toFixed(3)}, gamma = ${spendFit.params.gamma.toFixed(3)} (simulated from 6.25, 3.74, 15.44)`,
);

// 2. Scoring: BG/NBD customers observed for 39 weeks to 78 weeks, with Gamma-Gamma spend for repeat customers.
const observation = Float64Array.from({ length: CUSTOMERS }, (_, i) => 39 + (i % 40));
const rfm = bgnbdSimulate(purchaseTruth, observation, { seed: 11, resolution: 1 / 7 });
const spendOfRepeat = simulateGammaGamma(spendTruth, rfm.frequency, 13).map((v) => Math.round(v * 100) / 100);

start = performance.now();
const orderValue = conditionalExpectedAverageSpends(spendFit.params, rfm.frequency, spendOfRepeat);
const spendTime = seconds(start);
const bgnbd: PurchaseModel = { expectedPurchases: (t, c) => bgnbdExpectedTransactions(purchaseTruth, c, t) };
start = performance.now();
const clv = customerLifetimeValues(bgnbd, rfm, orderValue, { modelUnitDays: 7, horizonMonths: 12, monthlyDiscountRate: 0.01 });
const clvTime = seconds(start);
let total = 0;
for (const v of clv.values) total += v;
// The CLV asks the purchase model once per distinct (frequency, recency, T); report how many there were.
console.log(`scoring: ${count(CUSTOMERS)} customers, ${count(uniqueHistories(rfm).uniqueRows)} distinct (x, t_x, T) histories (days in weeks)`);
console.log(`  expected order value ${fmt(spendTime)}, CLV ${fmt(clvTime)}, together ${fmt(spendTime + clvTime)} (target < 2 s)`);
console.log(`  mean CLV ${(total / CUSTOMERS).toFixed(2)}; ${clv.unit}`);
console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
