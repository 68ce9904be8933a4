/**
 * Each lifecycle stage's own measures per day, week or month (docs/lifecycle-over-time.md, "Each stage's
 * own measures"): reach (new prospects by channel), acquisition (leads, lead-to-customer rate, days from
 * lead to purchase), conversion (first orders and their value, conversion by channel and platform, the
 * checkout funnel), retention (repeat customers and orders, churn, CSAT) and loyalty (referrals, reviews,
 * NPS, the advocates' CLV).
 *
 * The counting is SQL (stage-measures-sql.ts: four grouped queries, each grouping by period); this file
 * checks the options, finds the model fit each period reads, and turns the rows into figures: rates,
 * means and medians are worked out here from the counts, so both engines give the same doubles.
 */
import { hasAnonymousEvents } from '../analytics/resolved-events.js';
import type { TenureConfig } from '../config/config-schema.js';
import { formatDate } from '../store/sql-dialect.js';
import type { Store } from '../store/store.js';
import { checkRange, periodSpans, type Grain } from './periods.js';
import { funnelSql, funnelSteps, lapsesSql, peopleMeasuresSql, periodMeasuresSql, type MeasureRow, type MeasuresSqlOptions } from './stage-measures-sql.js';

export interface ChannelProspects {
  /** The channel (or platform) the people came by; `unknown` when none is known. */
  key: string;
  /** People first seen in the period who came by it. */
  newProspects: number;
}

export interface ConversionByKey {
  key: string;
  newProspects: number;
  /** Of those new prospects, the ones whose first order is in the same period, and their share. */
  convertedInPeriod: number;
  conversionRateInPeriod: number | null;
  /** Of those new prospects, the ones with a first order by the end of the range, and their share. */
  convertedByEnd: number;
  conversionRateByEnd: number | null;
  /** First orders of the period by customers who came by it (sums to the period's first orders). */
  firstOrders: number;
}

export interface FunnelStep {
  step: (typeof funnelSteps)[number];
  /** People who reached the step in the period, each step after the previous one. */
  people: number;
  /** The share of the previous step's people who did not reach this one; null for the first step or after none. */
  dropOff: number | null;
}

export interface StagePeriod {
  /** The period's first and last day within the range (YYYY-MM-DD). */
  from: string;
  to: string;
  reach: {
    newProspects: number;
    byChannel: ChannelProspects[];
  };
  acquisition: {
    /** People whose first lead (lead_captured or signed_up) is in the period. */
    leads: number;
    /** Of them, the ones with an order or a subscription by the end of the range, and their share. */
    leadsConverted: number;
    leadToCustomerRate: number | null;
    /** Whole days from the first lead to the first purchase, for first purchases in the period that followed a lead. */
    leadToPurchaseDays: { count: number; median: number | null };
  };
  conversion: {
    /** Customers whose first order is in the period. */
    firstOrders: number;
    /** Of those first orders with an amount: the mean and median amount. */
    firstOrderValue: { count: number; mean: number | null; median: number | null };
    /** Of the period's new prospects, the ones whose first order is in the same period, and by the end of the range. */
    convertedInPeriod: number;
    conversionRateInPeriod: number | null;
    convertedByEnd: number;
    conversionRateByEnd: number | null;
    byChannel: ConversionByKey[];
    byPlatform: ConversionByKey[];
    funnel: FunnelStep[];
  };
  retention: {
    /** Customers with an order in the period, those with an order in it that is not their first, and their share. */
    orderingCustomers: number;
    repeatCustomers: number;
    repeatRate: number | null;
    orders: number;
    /** Orders in the period that are not their customer's first. */
    repeatOrders: number;
    /** Not lapsed on the day before the period; lapsed during it; their ratio. */
    churn: { customersAtStart: number; churned: number; rate: number | null };
    csat: { answers: number; average: number | null; satisfiedShare: number | null };
  };
  loyalty: {
    referrals: number;
    reviews: { count: number; averageRating: number | null };
    nps: { answers: number; promoters: number; passives: number; detractors: number; score: number | null };
    /** Customers who showed advocacy in the period (a referral, a good review, a promoter answer, as the config's stage rule reads them). */
    advocates: number;
    /** The mean predicted CLV of the scored advocates, from the latest model fit at or before the period's end; null without one. */
    clv: { fitAsOf: string | null; scored: number; average: number | null };
  };
}

export interface StageMeasures {
  from: string;
  to: string;
  grain: Grain;
  /** The settings the measures read. */
  lapsedAfterDays: number;
  periods: StagePeriod[];
}


const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** percentile_cont(0.5) from the rows holding the middle ranks (see `medianRows` in stage-measures-sql.ts). */
export function medianOf(rows: readonly MeasureRow[]): number | null {
  const n = Number(rows[0]?.n ?? 0);
  if (n === 0) return null;
  const at = (rank: number) => {
    const row = rows.find((r) => Number(r.b) <= rank && rank < Number(r.b) + Number(r.c));
    return Number(row?.a);
  };
  return (at(Math.floor((n - 1) / 2)) + at(Math.ceil((n - 1) / 2))) / 2;
}

/** Which model fit each period reads: the latest made at or before its last day (ties: the highest id). */
async function fitsByPeriod(store: Store, periods: readonly { to: string }[]): Promise<{ asOf: (string | null)[]; ranges: { from: number; to: number; fitId: number }[] }> {
  const fits = await store.query<{ fit_id: number; as_of: string }>(`SELECT fit_id, ${formatDate(store.dialect, 'as_of')} AS as_of FROM model_fits ORDER BY as_of, fit_id`);
  const asOf: (string | null)[] = [];
  const ranges: { from: number; to: number; fitId: number }[] = [];
  periods.forEach((period, i) => {
    const fit = fits.filter((f) => f.as_of <= period.to).pop();
    asOf.push(fit?.as_of ?? null);
    if (!fit) return;
    const last = ranges[ranges.length - 1];
    if (last && last.fitId === Number(fit.fit_id) && last.to === i - 1) last.to = i;
    else ranges.push({ from: i, to: i, fitId: Number(fit.fit_id) });
  });
  return { asOf, ranges };
}

/** Byte order, as the SQL sorts text on both engines. */
const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** Each stage's own measures per period from `from` to `to`, both days included (UTC). */
export async function stageMeasures(store: Store, options: { from: string; to: string; grain: Grain; config: TenureConfig }): Promise<StageMeasures> {
  checkRange(options.from, options.to);
  const spans = periodSpans(options.from, options.to, options.grain);
  const bounds = spans.map((p) => ({ from: p.from, to: p.to }));
  const days = (spans.at(-1)?.last ?? -1) + 1;
  const sqlOptions: MeasuresSqlOptions = { ...options, dialect: store.dialect, anonymous: await hasAnonymousEvents(store) };
  const fits = await fitsByPeriod(store, bounds);
  const rows: MeasureRow[] = [];
  for (const query of [peopleMeasuresSql(sqlOptions), periodMeasuresSql(sqlOptions, fits.ranges), funnelSql(sqlOptions), lapsesSql(sqlOptions)]) {
    rows.push(...(await store.query<MeasureRow>(query.sql, query.params)));
  }
  const byPeriod = new Map<string, MeasureRow[]>();
  for (const row of rows) {
    const key = `${row.g}:${Number(row.p)}`;
    byPeriod.set(key, [...(byPeriod.get(key) ?? []), row]);
  }
  const of = (g: string, p: number) => byPeriod.get(`${g}:${p}`) ?? [];
  const one = (g: string, p: number) => of(g, p)[0];
  const num = (value: number | null | undefined) => Number(value ?? 0);

  // Not lapsed on each day from the day before `from` (index -1): the running sum of starts minus lapses.
  const lapses = rows.filter((r) => r.g === 'churn');
  const notLapsed = new Array<number>(days + 1).fill(0);
  const lapsedOn = new Array<number>(days + 1).fill(0);
  for (const r of lapses) {
    const i = Number(r.p) + 1;
    if (r.key === 'start') notLapsed[i] = num(notLapsed[i]) + num(r.n);
    else {
      notLapsed[i] = num(notLapsed[i]) - num(r.n);
      lapsedOn[i] = num(lapsedOn[i]) + num(r.n);
    }
  }
  for (let i = 1; i <= days; i++) notLapsed[i] = num(notLapsed[i]) + num(notLapsed[i - 1]);
  const dayIndex = (date: string) => (Date.parse(`${date}T00:00:00Z`) - Date.parse(`${options.from}T00:00:00Z`)) / 86_400_000;

  const periods = bounds.map((bound, p): StagePeriod => {
    const conversionBy = (key: 'channel' | 'platform'): ConversionByKey[] => {
      const seen = of(`seen_${key}`, p);
      const firsts = of(`first_order_${key}`, p);
      const keys = [...new Set([...seen, ...firsts].map((r) => String(r.key)))];
      return keys
        .map((k) => {
          const s = seen.find((r) => r.key === k);
          const newProspects = num(s?.n);
          return {
            key: k,
            newProspects,
            convertedInPeriod: num(s?.a),
            conversionRateInPeriod: share(num(s?.a), newProspects),
            convertedByEnd: num(s?.b),
            conversionRateByEnd: share(num(s?.b), newProspects),
            firstOrders: num(firsts.find((r) => r.key === k)?.n),
          };
        })
        .sort(byKey);
    };
    const byChannel = conversionBy('channel');
    const byPlatform = conversionBy('platform');
    const sum = (list: readonly ConversionByKey[], pick: (c: ConversionByKey) => number) => list.reduce((total, c) => total + pick(c), 0);
    const newProspects = sum(byChannel, (c) => c.newProspects);
    const convertedInPeriod = sum(byChannel, (c) => c.convertedInPeriod);
    const convertedByEnd = sum(byChannel, (c) => c.convertedByEnd);
    const firstOrders = sum(byChannel, (c) => c.firstOrders);
    const valued = of('first_order_channel', p);
    const valueCount = valued.reduce((total, r) => total + num(r.b), 0);
    const valueSum = valued.reduce((total, r) => total + num(r.a), 0);
    const leads = one('leads', p);
    const leadDays = of('lead_days', p);
    const funnelRows = of('funnel', p);
    const reached = funnelSteps.map((_, i) => num(funnelRows.find((r) => Number(r.key) === i + 1)?.n));
    const orders = one('orders', p);
    const csat = one('csat', p);
    const nps = one('nps', p);
    const reviews = one('reviews', p);
    const advocates = one('advocates', p);
    const start = dayIndex(bound.from);
    const end = dayIndex(bound.to);
    let churned = 0;
    for (let d = start; d <= end; d++) churned += num(lapsedOn[d + 1]);
    const customersAtStart = num(notLapsed[start]);
    const npsAnswers = num(nps?.n);
    const scored = num(advocates?.a);
    return {
      from: bound.from,
      to: bound.to,
      reach: { newProspects, byChannel: byChannel.map((c) => ({ key: c.key, newProspects: c.newProspects })).filter((c) => c.newProspects > 0) },
      acquisition: {
        leads: num(leads?.n),
        leadsConverted: num(leads?.a),
        leadToCustomerRate: share(num(leads?.a), num(leads?.n)),
        leadToPurchaseDays: { count: num(leadDays[0]?.n), median: medianOf(leadDays) },
      },
      conversion: {
        firstOrders,
        firstOrderValue: { count: valueCount, mean: share(valueSum, valueCount), median: medianOf(of('first_order_value', p)) },
        convertedInPeriod,
        conversionRateInPeriod: share(convertedInPeriod, newProspects),
        convertedByEnd,
        conversionRateByEnd: share(convertedByEnd, newProspects),
        byChannel,
        byPlatform,
        funnel: funnelSteps.map((step, i) => ({
          step,
          people: num(reached[i]),
          dropOff: i === 0 ? null : share(num(reached[i - 1]) - num(reached[i]), num(reached[i - 1])),
        })),
      },
      retention: {
        orderingCustomers: num(orders?.n),
        repeatCustomers: num(orders?.c),
        repeatRate: share(num(orders?.c), num(orders?.n)),
        orders: num(orders?.a),
        repeatOrders: num(orders?.a) - num(orders?.b),
        churn: { customersAtStart, churned, rate: share(churned, customersAtStart) },
        csat: { answers: num(csat?.n), average: share(num(csat?.a), num(csat?.n)), satisfiedShare: share(num(csat?.b), num(csat?.n)) },
      },
      loyalty: {
        referrals: num(one('referrals', p)?.n),
        reviews: { count: num(reviews?.n), averageRating: share(num(reviews?.a), num(reviews?.n)) },
        nps: {
          answers: npsAnswers,
          promoters: num(nps?.a),
          passives: npsAnswers - num(nps?.a) - num(nps?.b),
          detractors: num(nps?.b),
          score: npsAnswers > 0 ? (100 * (num(nps?.a) - num(nps?.b))) / npsAnswers : null,
        },
        advocates: num(advocates?.n),
        clv: { fitAsOf: fits.asOf[p] ?? null, scored, average: fits.asOf[p] ? share(num(advocates?.b), scored) : null },
      },
    };
  });
  return { from: options.from, to: options.to, grain: options.grain, lapsedAfterDays: options.config.status.lapsedAfterDays, periods };
}
