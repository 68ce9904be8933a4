/**
 * `tenure clv --calibration-end C --holdout-end H`: fit a purchase model on the purchases up to C and
 * compare its predictions with what customers actually did in (C, H]: in total, by calibration
 * frequency (0..7+), and week by week as cumulative repeat transactions (the "tracking" plot of
 * Fader, Hardie & Lee 2005, fig. 3). A naive baseline (each customer repeats at their calibration rate,
 * frequency / T) is reported beside the model, so a user sees whether the model earns its keep.
 *
 * All per-customer work is done in SQL and comes back compressed to unique histories.
 */
import type { Store } from '../store/store.js';
import { resolvedEventsSql, hasAnonymousEvents } from '../analytics/resolved-events.js';
import { endOfDay, timeUnits, type TimeUnit } from '../analytics/time-unit.js';
import { checkEnoughData } from './enough-data.js';
import { fitModel, type ModelFitReport } from './model-registry.js';
import { purchaseModel, type PurchaseModelName } from './purchase-models.js';

export interface HoldoutOptions {
  calibrationEnd: string;
  holdoutEnd?: string | undefined;
  unit?: TimeUnit;
  model?: PurchaseModelName;
}

export interface FrequencyRow {
  /** Repeat transactions in the calibration period; 7 stands for 7 or more. */
  frequency: number;
  customers: number;
  actual: number;
  model: number;
  naive: number;
}

export interface TrackingRow {
  period: number;
  /** Last day of the period (inclusive). */
  end: string;
  actualCumulative: number;
  modelCumulative: number;
  /** Naive cumulative, from the calibration end on (null before). */
  naiveCumulative: number | null;
}

export interface HoldoutReport {
  model: PurchaseModelName;
  unit: TimeUnit;
  unitDays: number;
  calibration: { start: string; end: string; customers: number; repeatCustomers: number };
  fit: ModelFitReport;
  holdout?: {
    end: string;
    length: number;
    total: { actual: number; model: number; naive: number };
    meanAbsoluteError: { model: number; naive: number };
    byFrequency: FrequencyRow[];
    tracking: TrackingRow[];
  };
}

const day = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export async function holdoutValidation(store: Store, options: HoldoutOptions): Promise<HoldoutReport> {
  const unit = options.unit ?? 'week';
  const u = timeUnits[unit];
  const name = options.model ?? 'bgnbd';
  const calEnd = endOfDay(options.calibrationEnd).getTime() - day;
  const holdEnd = options.holdoutEnd ? endOfDay(options.holdoutEnd).getTime() - day : calEnd;
  if (holdEnd < calEnd) throw new Error('--holdout-end must not be before --calibration-end');
  const anonymous = await hasAnonymousEvents(store);

  // $1: exclusive end of the holdout's last day; $2: calibration end; $3: holdout end (dates).
  const base = `WITH ${resolvedEventsSql(`e.kind = 'order_completed'`, { anonymous, dialect: store.dialect })},
    days AS (SELECT customer_id, CAST(occurred_at AS DATE) AS day FROM resolved WHERE customer_id IS NOT NULL GROUP BY 1, 2),
    firsts AS (SELECT customer_id, min(day) AS first_day FROM days GROUP BY 1 HAVING min(day) <= CAST($2 AS DATE)),
    -- holdout_end carries $3 here because DuckDB refuses a parameter a statement does not use, and the
    -- queries built on this base use $3 in different places (or, for the span, not at all).
    cohort_start AS (SELECT min(first_day) AS start, CAST($3 AS DATE) AS holdout_end FROM firsts)`;
  const params = [new Date(holdEnd + day), isoDay(calEnd), isoDay(holdEnd)];

  const histories = await store.query<{ frequency: number; recency_days: number; t_days: number; holdout: number; n: number }>(
    `${base},
    per_customer AS (
      SELECT f.customer_id,
        count(*) FILTER (WHERE d.day <= CAST($2 AS DATE)) - 1 AS frequency,
        max(d.day) FILTER (WHERE d.day <= CAST($2 AS DATE)) - f.first_day AS recency_days,
        CAST($2 AS DATE) - f.first_day AS t_days,
        count(*) FILTER (WHERE d.day > CAST($2 AS DATE) AND d.day <= CAST($3 AS DATE)) AS holdout
      FROM firsts f JOIN days d USING (customer_id)
      GROUP BY f.customer_id, f.first_day)
    SELECT frequency, recency_days, t_days, holdout, count(*) AS n FROM per_customer
    GROUP BY frequency, recency_days, t_days, holdout ORDER BY frequency, recency_days, t_days, holdout`,
    params,
  );
  const customers = histories.reduce((s, h) => s + h.n, 0);
  const repeatCustomers = histories.filter((h) => h.frequency > 0).reduce((s, h) => s + h.n, 0);
  const [span] = await store.query<{ start: Date | null }>(`${base} SELECT CAST(start AS TIMESTAMP) AS start FROM cohort_start`, params);
  const startMs = span?.start ? span.start.getTime() : calEnd;
  checkEnoughData({ customers, repeatCustomers, calibrationUnits: (calEnd - startMs) / day / u, unit });

  // Fit on unique (frequency, recency, T) rows with weights.
  const keyed = new Map<string, { frequency: number; recency: number; T: number; weight: number }>();
  for (const h of histories) {
    const key = `${h.frequency}|${h.recency_days}|${h.t_days}`;
    const row = keyed.get(key) ?? { frequency: h.frequency, recency: h.recency_days / u, T: h.t_days / u, weight: 0 };
    row.weight += h.n;
    keyed.set(key, row);
  }
  const rows = [...keyed.values()];
  const fit = fitModel(
    name,
    { frequency: rows.map((r) => r.frequency), recency: rows.map((r) => r.recency), T: rows.map((r) => r.T), weight: rows.map((r) => r.weight) },
    {},
  );
  const model = purchaseModel(name, fit.params);
  const report: HoldoutReport = {
    model: name,
    unit,
    unitDays: u,
    calibration: { start: isoDay(startMs), end: isoDay(calEnd), customers, repeatCustomers },
    fit,
  };
  if (!options.holdoutEnd) return report;

  const length = (holdEnd - calEnd) / day / u;
  const byFrequency = new Map<number, FrequencyRow>();
  let [actual, predicted, naive, absModel, absNaive] = [0, 0, 0, 0, 0];
  const cache = new Map<string, number>();
  for (const h of histories) {
    const customer = { frequency: h.frequency, recency: h.recency_days / u, T: h.t_days / u };
    const key = `${h.frequency}|${h.recency_days}|${h.t_days}`;
    let expected = cache.get(key);
    if (expected === undefined) {
      expected = customer.T > 0 ? model.expected(customer, length) : model.newCustomer(length);
      cache.set(key, expected);
    }
    const rate = customer.T > 0 ? customer.frequency / customer.T : 0;
    const bucket = Math.min(h.frequency, 7);
    const row = byFrequency.get(bucket) ?? { frequency: bucket, customers: 0, actual: 0, model: 0, naive: 0 };
    row.customers += h.n;
    row.actual += h.holdout * h.n;
    row.model += expected * h.n;
    row.naive += rate * length * h.n;
    byFrequency.set(bucket, row);
    actual += h.holdout * h.n;
    predicted += expected * h.n;
    naive += rate * length * h.n;
    absModel += Math.abs(expected - h.holdout) * h.n;
    absNaive += Math.abs(rate * length - h.holdout) * h.n;
  }
  const frequencyRows = [...byFrequency.values()]
    .sort((a, b) => a.frequency - b.frequency)
    .map((r) => ({ ...r, actual: r.actual / r.customers, model: r.model / r.customers, naive: r.naive / r.customers }));

  report.holdout = {
    end: isoDay(holdEnd),
    length,
    total: { actual, model: predicted, naive },
    meanAbsoluteError: { model: absModel / customers, naive: absNaive / customers },
    byFrequency: frequencyRows,
    tracking: await tracking(store, base, params, { startMs, calEnd, holdEnd, u, model, histories }),
  };
  return report;
}

/** Cumulative repeat transactions per period, actual and expected from each customer's first purchase on. */
async function tracking(
  store: Store,
  base: string,
  params: (Date | string)[],
  ctx: { startMs: number; calEnd: number; holdEnd: number; u: number; model: ReturnType<typeof purchaseModel>; histories: { frequency: number; t_days: number; n: number }[] },
): Promise<TrackingRow[]> {
  const { startMs, calEnd, holdEnd, u, model } = ctx;
  const repeats = await store.query<{ offset_days: number; n: number }>(
    `${base} SELECT d.day - s.start AS offset_days, count(*) AS n
     FROM days d JOIN firsts f USING (customer_id), cohort_start s
     WHERE d.day > f.first_day AND d.day <= s.holdout_end GROUP BY 1 ORDER BY 1`,
    params,
  );
  const births = await store.query<{ offset_days: number; n: number }>(
    `${base} SELECT f.first_day - s.start AS offset_days, count(*) AS n FROM firsts f, cohort_start s GROUP BY 1 ORDER BY 1`,
    params,
  );
  const calOffset = Math.round((calEnd - startMs) / day);
  const actualAtCal = repeats.filter((r) => r.offset_days <= calOffset).reduce((s, r) => s + r.n, 0);
  // The naive baseline's total rate: sum over customers of frequency / T, per unit.
  const naiveRate = ctx.histories.reduce((s, h) => s + (h.t_days > 0 ? (h.frequency / (h.t_days / u)) * h.n : 0), 0);
  const lastOffset = Math.round((holdEnd - startMs) / day);
  const periods = Math.floor(lastOffset / u) + 1;
  const rows: TrackingRow[] = [];
  let cumulative = 0;
  let next = 0;
  for (let w = 0; w < periods; w++) {
    const endOffset = Math.min(lastOffset, Math.floor((w + 1) * u) - 1);
    while (next < repeats.length && (repeats[next]?.offset_days ?? Infinity) <= endOffset) cumulative += repeats[next++]?.n ?? 0;
    let expected = 0;
    for (const b of births) if (b.offset_days <= endOffset) expected += b.n * model.newCustomer((endOffset - b.offset_days) / u);
    rows.push({
      period: w + 1,
      end: isoDay(startMs + endOffset * day),
      actualCumulative: cumulative,
      modelCumulative: expected,
      naiveCumulative: endOffset >= calOffset ? actualAtCal + (naiveRate * (endOffset - calOffset)) / u : null,
    });
  }
  return rows;
}
