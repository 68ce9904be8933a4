/**
 * `tenure score --as-of DATE`: fit a purchase model and the Gamma-Gamma spend model on the summary as of
 * the date, then write every customer's predictions (expected purchases over the horizon, probability
 * alive, expected order value, CLV) into `customer_scores`, with the fit stored as plain JSON in
 * `model_fits`. The lifecycle, alerts and the customer profile read these.
 *
 * Memory stays bounded however many customers there are: fitting reads only unique histories, and
 * scoring streams the summary in batches and appends the scores as it goes. The model arithmetic is the
 * same on every engine; only reading rows (read-batches.ts) and writing them (write-batches.ts) differ.
 * The fit and its scores land together or not at all.
 */
import { customerSummarySql } from '../analytics/customer-summary.js';
import { hasAnonymousEvents } from '../analytics/resolved-events.js';
import { endOfDay, timeUnits, type TimeUnit } from '../analytics/time-unit.js';
import { bgnbdScore, type BgNbdParams } from '../models/bgnbd/index.js';
import { customerLifetimeValues, AVERAGE_MONTH_DAYS } from '../models/clv/index.js';
import type { RfmColumns } from '../models/data/index.js';
import { conditionalExpectedAverageSpends, type GammaGammaParams } from '../models/gamma-gamma/index.js';
import { mbgnbdScore } from '../models/mbgnbd/index.js';
import { pnbdScore, type ParetoNbdParams } from '../models/pnbd/index.js';
import { readTableColumns } from '../store/read-batches.js';
import type { Store } from '../store/store.js';
import type { TableColumn } from '../store/table-columns.js';
import { withTempTable } from '../store/temp-table.js';
import { withBatchWriter, type BatchWriter } from '../store/write-batches.js';
import { checkEnoughData } from './enough-data.js';
import { fitModel, type ModelFitReport } from './model-registry.js';
import { purchaseModel, type PurchaseModelName } from './purchase-models.js';

export interface ScoreOptions {
  asOf: string;
  /** Length of the prediction window, in `unit`s (default 12 months). */
  horizon?: number;
  unit?: TimeUnit;
  /** Monthly discount rate of the CLV (default 0.01). */
  discountRate?: number;
  /** Share of revenue that is profit, applied to the CLV (default 1: the CLV is in revenue). */
  margin?: number;
  model?: PurchaseModelName;
  /** CLV months: of 30.4375 days (default), or the calendar months after the as-of date. */
  months?: 'average' | 'calendar';
  /** Rows scored per batch (bounded memory). */
  batchSize?: number;
}

export interface ScoreResult {
  fitId: number;
  asOf: string;
  customers: number;
  purchaseModel: PurchaseModelName;
  purchaseFit: ModelFitReport;
  spendFit: ModelFitReport | null;
  /** Why there is no spend model (and so no CLV), when there is none. */
  spendSkipped?: string;
  horizon: { length: number; unit: TimeUnit; months: number; monthKind: 'average' | 'calendar'; modelUnitDays: number };
  totals: { expectedPurchases: number; clv: number | null };
  seconds: number;
  /** Where the time went: the summary query, both fits, the model arithmetic, reading and writing rows. */
  timings: { summary: number; fit: number; predict: number; readWrite: number };
}

/** Purchase models are fitted in weeks: a stable unit for the literature's parameter values. */
const modelUnitDays = 7;

/** What scoring reads of the summary, in the types the summary query gives them (binary COPY does not convert). */
const summaryColumns: readonly TableColumn[] = [
  { name: 'customer_id', type: 'varchar' },
  { name: 'frequency', type: 'integer' },
  { name: 'recency', type: 'double' },
  { name: 'T', type: 'double' },
  { name: 'monetary_value', type: 'double' },
  { name: 'revenue', type: 'double' },
];

const scoreColumns: readonly TableColumn[] = [
  { name: 'fit_id', type: 'integer' },
  { name: 'customer_id', type: 'varchar' },
  { name: 'expected_purchases', type: 'double' },
  { name: 'probability_alive', type: 'double' },
  { name: 'expected_order_value', type: 'double' },
  { name: 'clv', type: 'double' },
  { name: 'historical_revenue', type: 'double' },
];

/** The options with their defaults, checked. */
interface Settings {
  asOf: string;
  name: PurchaseModelName;
  unit: TimeUnit;
  horizonLength: number;
  horizonDays: number;
  horizonMonths: number;
  margin: number;
  discountRate: number;
  months: 'average' | 'calendar';
  batchSize: number;
}

/** Both fits and what they were fitted on. */
interface Fits {
  customers: number;
  /** The first purchase day in the data (YYYY-MM-DD). */
  dataFrom: string | null;
  purchaseFit: ModelFitReport;
  spendFit: ModelFitReport | null;
  spendSkipped?: string;
}

export async function scoreCustomers(store: Store, options: ScoreOptions): Promise<ScoreResult> {
  const started = performance.now();
  const settings = scoreSettings(options);
  const { sql, params } = customerSummarySql({ asOf: settings.asOf, unit: 'week', anonymous: await hasAnonymousEvents(store), dialect: store.dialect });
  return withBatchWriter(store, (writer) =>
    withTempTable(store, 'score_summary', sql, params, async () => {
      const summarised = performance.now();
      const fits = await fitSummary(store, settings.name);
      const fitId = await recordFit(store, writer, fits, settings);
      const fitted = performance.now();
      const scored = await writeScores(store, writer, fitId, fits, settings);
      return {
        fitId,
        asOf: settings.asOf,
        customers: fits.customers,
        purchaseModel: settings.name,
        purchaseFit: fits.purchaseFit,
        spendFit: fits.spendFit,
        ...(fits.spendSkipped ? { spendSkipped: fits.spendSkipped } : {}),
        horizon: { length: settings.horizonLength, unit: settings.unit, months: settings.horizonMonths, monthKind: settings.months, modelUnitDays },
        totals: { expectedPurchases: scored.expectedPurchases, clv: fits.spendFit ? scored.clv : null },
        seconds: (performance.now() - started) / 1000,
        timings: {
          summary: (summarised - started) / 1000,
          fit: (fitted - summarised) / 1000,
          predict: scored.predictSeconds,
          readWrite: (performance.now() - fitted) / 1000 - scored.predictSeconds,
        },
      };
    }),
  );
}

function scoreSettings(options: ScoreOptions): Settings {
  const unit = options.unit ?? 'month';
  const horizonLength = options.horizon ?? 12;
  const horizonDays = horizonLength * timeUnits[unit];
  const margin = options.margin ?? 1;
  const discountRate = options.discountRate ?? 0.01;
  if (!(horizonLength > 0)) throw new Error('--horizon must be a positive number');
  if (!(margin > 0 && margin <= 1)) throw new Error('--margin must be a share of revenue above 0 and at most 1 (e.g. 0.3)');
  if (!(discountRate >= 0 && discountRate < 1)) throw new Error('--discount-rate must be a monthly rate from 0 to below 1 (e.g. 0.01)');
  return {
    asOf: options.asOf,
    name: options.model ?? 'bgnbd',
    unit,
    horizonLength,
    horizonDays,
    horizonMonths: Math.max(1, Math.round(horizonDays / AVERAGE_MONTH_DAYS)),
    margin,
    discountRate,
    months: options.months ?? 'average',
    batchSize: options.batchSize ?? 65_536,
  };
}

/**
 * Fits the purchase model and Gamma-Gamma on the summary's unique rows. The rows are ordered so that every
 * engine hands the optimiser the same rows in the same order, and the fits agree to the last digit.
 */
async function fitSummary(store: Store, name: PurchaseModelName): Promise<Fits> {
  const histories = await store.query<{ frequency: number; recency: number; T: number; n: number }>(
    `SELECT frequency, recency, "T", count(*) AS n FROM score_summary GROUP BY frequency, recency, "T" ORDER BY frequency, recency, "T"`,
  );
  const customers = histories.reduce((s, h) => s + h.n, 0);
  const [span] = await store.query<{ first: string | null; weeks: number | null }>(`SELECT min(first_purchase) AS first, max("T") AS weeks FROM score_summary`);
  checkEnoughData({ customers, repeatCustomers: histories.filter((h) => h.frequency > 0).reduce((s, h) => s + h.n, 0), calibrationUnits: span?.weeks ?? 0, unit: 'week' });
  const purchaseFit = fitModel(
    name,
    { frequency: histories.map((h) => h.frequency), recency: histories.map((h) => h.recency), T: histories.map((h) => h.T), weight: histories.map((h) => h.n) },
    {},
  );

  // Gamma-Gamma on repeat customers' mean repeat spend, rounded to cents so identical spends share a row.
  // floor(x * 100 + 0.5) rounds alike on both engines: PostgreSQL's round() of a double rounds halves to
  // even (DuckDB's away from zero), and its round(x, 2) takes only NUMERIC.
  const spends = await store.query<{ frequency: number; monetary_value: number; n: number }>(
    `SELECT frequency, cents / 100 AS monetary_value, count(*) AS n
     FROM (SELECT frequency, floor(monetary_value * 100 + 0.5) AS cents FROM score_summary WHERE frequency > 0 AND monetary_value > 0) repeat_spends
     GROUP BY frequency, cents ORDER BY frequency, cents`,
  );
  const repeatWithSpend = spends.reduce((s, r) => s + r.n, 0);
  if (repeatWithSpend < 10) {
    return { customers, dataFrom: span?.first ?? null, purchaseFit, spendFit: null, spendSkipped: `only ${repeatWithSpend} repeat customers with a positive spend; the spend model needs at least 10` };
  }
  try {
    const spendFit = fitModel(
      'gg',
      { frequency: spends.map((s) => s.frequency), monetary_value: spends.map((s) => s.monetary_value), weight: spends.map((s) => s.n) },
      {},
    );
    return { customers, dataFrom: span?.first ?? null, purchaseFit, spendFit };
  } catch (error) {
    return { customers, dataFrom: span?.first ?? null, purchaseFit, spendFit: null, spendSkipped: error instanceof Error ? error.message : String(error) };
  }
}

/** Stores the fit in model_fits, in the writer's transaction, and returns its id. */
async function recordFit(store: Store, writer: BatchWriter, fits: Fits, settings: Settings): Promise<number> {
  // PostgreSQL runs this inside the scoring transaction: a second run at the same time waits here until
  // this one has committed, rather than taking the same id and failing on it at the end.
  if (store.dialect === 'postgres') await store.run('LOCK TABLE model_fits IN SHARE ROW EXCLUSIVE MODE');
  const [next] = await store.query<{ id: number }>('SELECT coalesce(max(fit_id), 0) + 1 AS id FROM model_fits');
  const fitId = next?.id ?? 1;
  const { spendFit } = fits;
  await writer.run(
    `INSERT INTO model_fits (fit_id, created_at, as_of, data_from, data_to, purchase_model, spend_model, model_unit_days, purchase_fit, spend_fit, options)
     VALUES ($1, now(), CAST($2 AS DATE), CAST($3 AS DATE), CAST($2 AS DATE), $4, $5, $6, $7, $8, $9)`,
    [fitId, settings.asOf, fits.dataFrom, settings.name, spendFit ? 'gg' : null, modelUnitDays, JSON.stringify(fits.purchaseFit), spendFit ? JSON.stringify(spendFit) : null,
      JSON.stringify({ horizon: settings.horizonLength, unit: settings.unit, horizonMonths: settings.horizonMonths, months: settings.months, discountRate: settings.discountRate, margin: settings.margin })],
  );
  return fitId;
}

function scorePurchases(name: PurchaseModelName, params: Record<string, number>, columns: RfmColumns, t: number) {
  if (name === 'pnbd') return pnbdScore(params as unknown as ParetoNbdParams, columns, t);
  if (name === 'mbgnbd') return mbgnbdScore(params as unknown as BgNbdParams, columns, t);
  return bgnbdScore(params as unknown as BgNbdParams, columns, t);
}

/** Streams the summary out in batches, scores each batch and appends its scores under `fitId`. */
async function writeScores(store: Store, writer: BatchWriter, fitId: number, fits: Fits, settings: Settings) {
  const { name, margin, discountRate, horizonMonths } = settings;
  const { purchaseFit, spendFit } = fits;
  const model = purchaseModel(name, purchaseFit.params);
  const t = settings.horizonDays / modelUnitDays;
  // The valuation is at the end of the as-of day, so calendar months start the day after it.
  const months = settings.months === 'calendar' ? { kind: 'calendar' as const, start: endOfDay(settings.asOf).toISOString().slice(0, 10) } : { kind: 'average' as const };
  let expectedPurchases = 0;
  let clvTotal = 0;
  let predictSeconds = 0;
  await readTableColumns(store, 'score_summary', summaryColumns, settings.batchSize, async (columns, rows) => {
    const [ids, frequency, recency, T, monetary, revenue] = columns as [string[], number[], number[], number[], number[], number[]];
    const predictStart = performance.now();
    const customers = { frequency, recency, T, id: ids };
    const purchases = scorePurchases(name, purchaseFit.params, customers, t);
    // A repeat customer whose orders were all free carries no spend information for Gamma-Gamma
    // (which needs a positive mean spend): like a one-time buyer, they get the population mean.
    const spendFrequency = frequency.map((x, i) => ((monetary[i] ?? 0) > 0 ? x : 0));
    const orderValues = spendFit ? conditionalExpectedAverageSpends(spendFit.params as unknown as GammaGammaParams, spendFrequency, monetary) : null;
    const clv = orderValues
      ? customerLifetimeValues({ expectedPurchases: (tt, c) => model.expected(c, tt) }, customers, orderValues, { modelUnitDays, horizonMonths, monthlyDiscountRate: discountRate, margin, months }).values
      : null;
    predictSeconds += (performance.now() - predictStart) / 1000;
    const none = () => new Array<null>(rows).fill(null);
    await writer.append('customer_scores', scoreColumns, [
      new Array<number>(rows).fill(fitId), ids, purchases.expectedTransactions, purchases.probabilityAlive, orderValues ?? none(), clv ?? none(), revenue,
    ]);
    for (let i = 0; i < rows; i++) {
      expectedPurchases += purchases.expectedTransactions[i] ?? 0;
      clvTotal += clv?.[i] ?? 0;
    }
  });
  return { expectedPurchases, clv: clvTotal, predictSeconds };
}
