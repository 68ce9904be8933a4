/**
 * `tenure score --as-of DATE`: fit a purchase model and the Gamma-Gamma spend model on the summary as of
 * the date, then write every customer's predictions (expected purchases over the horizon, probability
 * alive, expected order value, CLV) into `customer_scores`, with the fit stored as plain JSON in
 * `model_fits`. The lifecycle, alerts and the customer profile read these.
 *
 * Memory stays bounded however many customers there are: fitting reads only unique histories, and
 * scoring streams the summary in chunks and appends the scores as it goes.
 */
import { DOUBLE, DuckDBDataChunk, INTEGER, VARCHAR } from '@duckdb/node-api';
import type { DuckDbStore } from '../store/duckdb/duckdb-store.js';
import { customerSummarySql } from '../analytics/customer-summary.js';
import { hasAnonymousEvents } from '../analytics/resolved-events.js';
import { endOfDay, timeUnits, type TimeUnit } from '../analytics/time-unit.js';
import { bgnbdScore, type BgNbdParams } from '../models/bgnbd/index.js';
import { customerLifetimeValues, AVERAGE_MONTH_DAYS } from '../models/clv/index.js';
import type { RfmColumns } from '../models/data/index.js';
import { conditionalExpectedAverageSpends, type GammaGammaParams } from '../models/gamma-gamma/index.js';
import { mbgnbdScore } from '../models/mbgnbd/index.js';
import { pnbdScore, type ParetoNbdParams } from '../models/pnbd/index.js';
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

function scorePurchases(name: PurchaseModelName, params: Record<string, number>, columns: RfmColumns, t: number) {
  if (name === 'pnbd') return pnbdScore(params as unknown as ParetoNbdParams, columns, t);
  if (name === 'mbgnbd') return mbgnbdScore(params as unknown as BgNbdParams, columns, t);
  return bgnbdScore(params as unknown as BgNbdParams, columns, t);
}

export async function scoreCustomers(store: DuckDbStore, options: ScoreOptions): Promise<ScoreResult> {
  const started = performance.now();
  const name = options.model ?? 'bgnbd';
  const unit = options.unit ?? 'month';
  const horizonLength = options.horizon ?? 12;
  const horizonDays = horizonLength * timeUnits[unit];
  const horizonMonths = Math.max(1, Math.round(horizonDays / AVERAGE_MONTH_DAYS));
  const margin = options.margin ?? 1;
  const discountRate = options.discountRate ?? 0.01;
  if (!(horizonLength > 0)) throw new Error('--horizon must be a positive number');
  if (!(margin > 0 && margin <= 1)) throw new Error('--margin must be a share of revenue above 0 and at most 1 (e.g. 0.3)');
  if (!(discountRate >= 0 && discountRate < 1)) throw new Error('--discount-rate must be a monthly rate from 0 to below 1 (e.g. 0.01)');

  const { sql, params } = customerSummarySql({ asOf: options.asOf, unit: 'week', anonymous: await hasAnonymousEvents(store) });
  await store.run(`CREATE OR REPLACE TEMP TABLE score_summary AS ${sql}`, params);
  const summarised = performance.now();
  let predictSeconds = 0;
  try {
    const histories = await store.query<{ frequency: number; recency: number; T: number; n: number }>(
      `SELECT frequency, recency, "T", count(*) AS n FROM score_summary GROUP BY ALL`,
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
    const spends = await store.query<{ frequency: number; monetary_value: number; n: number }>(
      `SELECT frequency, round(monetary_value, 2) AS monetary_value, count(*) AS n FROM score_summary
       WHERE frequency > 0 AND monetary_value > 0 GROUP BY ALL`,
    );
    let spendFit: ModelFitReport | null = null;
    let spendSkipped: string | undefined;
    const repeatWithSpend = spends.reduce((s, r) => s + r.n, 0);
    if (repeatWithSpend < 10) spendSkipped = `only ${repeatWithSpend} repeat customers with a positive spend; the spend model needs at least 10`;
    else {
      try {
        spendFit = fitModel(
          'gg',
          { frequency: spends.map((s) => s.frequency), monetary_value: spends.map((s) => s.monetary_value), weight: spends.map((s) => s.n) },
          {},
        );
      } catch (error) {
        spendSkipped = error instanceof Error ? error.message : String(error);
      }
    }

    const [next] = await store.query<{ id: number }>('SELECT coalesce(max(fit_id), 0) + 1 AS id FROM model_fits');
    const fitId = next?.id ?? 1;
    await store.run(
      `INSERT INTO model_fits VALUES ($1, now(), CAST($2 AS DATE), CAST($3 AS DATE), CAST($2 AS DATE), $4, $5, $6, $7, $8, $9)`,
      [fitId, options.asOf, span?.first ?? null, name, spendFit ? 'gg' : null, modelUnitDays, JSON.stringify(purchaseFit), spendFit ? JSON.stringify(spendFit) : null,
        JSON.stringify({ horizon: horizonLength, unit, horizonMonths, months: options.months ?? 'average', discountRate, margin })],
    );

    const fitted = performance.now();
    const model = purchaseModel(name, purchaseFit.params);
    const t = horizonDays / modelUnitDays;
    let totalPurchases = 0;
    let totalClv = 0;
    const writer = await store.openConnection();
    const appender = await writer.createAppender('customer_scores');
    try {
      const result = await store.connection.stream(`SELECT customer_id, frequency, recency, "T", monetary_value, revenue FROM score_summary`);
      const batchSize = options.batchSize ?? 65_536;
      let batch: unknown[][] = [[], [], [], [], [], []];
      const flush = () => {
        const [ids, frequency, recency, T, monetary, revenue] = batch as [string[], number[], number[], number[], number[], number[]];
        if (ids.length === 0) return;
        const predictStart = performance.now();
        const columns = { frequency, recency, T, id: ids };
        const purchases = scorePurchases(name, purchaseFit.params, columns, t);
        // A repeat customer whose orders were all free carries no spend information for Gamma-Gamma
        // (which needs a positive mean spend): like a one-time buyer, they get the population mean.
        const spendFrequency = frequency.map((x, i) => ((monetary[i] ?? 0) > 0 ? x : 0));
        const orderValues = spendFit ? conditionalExpectedAverageSpends(spendFit.params as unknown as GammaGammaParams, spendFrequency, monetary) : null;
        const clv = orderValues
          ? customerLifetimeValues({ expectedPurchases: (tt, c) => model.expected(c, tt) }, columns, orderValues, {
              modelUnitDays, horizonMonths, monthlyDiscountRate: discountRate, margin,
              // The valuation is at the end of the as-of day, so calendar months start the day after it.
              months: options.months === 'calendar' ? { kind: 'calendar', start: endOfDay(options.asOf).toISOString().slice(0, 10) } : { kind: 'average' },
            }).values
          : null;
        predictSeconds += (performance.now() - predictStart) / 1000;
        // A data chunk holds at most 2,048 rows (DuckDB's vector size).
        for (let start = 0; start < ids.length; start += 2048) {
          const end = Math.min(ids.length, start + 2048);
          const chunk = DuckDBDataChunk.create([INTEGER, VARCHAR, DOUBLE, DOUBLE, DOUBLE, DOUBLE, DOUBLE], end - start);
          chunk.setColumns([
            new Array(end - start).fill(fitId),
            ids.slice(start, end),
            Array.from(purchases.expectedTransactions.subarray(start, end)),
            Array.from(purchases.probabilityAlive.subarray(start, end)),
            orderValues ? Array.from(orderValues.subarray(start, end)) : new Array(end - start).fill(null),
            clv ? Array.from(clv.subarray(start, end)) : new Array(end - start).fill(null),
            revenue.slice(start, end),
          ]);
          appender.appendDataChunk(chunk);
        }
        for (let i = 0; i < ids.length; i++) {
          totalPurchases += purchases.expectedTransactions[i] ?? 0;
          totalClv += clv?.[i] ?? 0;
        }
        batch = [[], [], [], [], [], []];
      };
      for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
        const values = chunk.getColumns();
        for (let c = 0; c < 6; c++) for (const v of values[c] ?? []) (batch[c] as unknown[]).push(c === 0 ? String(v) : Number(v));
        if ((batch[0]?.length ?? 0) >= batchSize) flush();
      }
      flush();
      appender.flushSync();
    } catch (error) {
      await store.run('DELETE FROM customer_scores WHERE fit_id = $1', [fitId]);
      await store.run('DELETE FROM model_fits WHERE fit_id = $1', [fitId]);
      throw error;
    } finally {
      appender.closeSync();
      writer.closeSync();
    }
    return {
      fitId,
      asOf: options.asOf,
      customers,
      purchaseModel: name,
      purchaseFit,
      spendFit,
      ...(spendSkipped ? { spendSkipped } : {}),
      horizon: { length: horizonLength, unit, months: horizonMonths, monthKind: options.months ?? 'average', modelUnitDays },
      totals: { expectedPurchases: totalPurchases, clv: spendFit ? totalClv : null },
      seconds: (performance.now() - started) / 1000,
      timings: {
        summary: (summarised - started) / 1000,
        fit: (fitted - summarised) / 1000,
        predict: predictSeconds,
        readWrite: (performance.now() - fitted) / 1000 - predictSeconds,
      },
    };
  } finally {
    await store.run('DROP TABLE IF EXISTS score_summary');
  }
}
