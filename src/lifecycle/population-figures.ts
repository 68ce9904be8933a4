/**
 * The figures the rules compare each customer with, from the facts of all of them (the second phase,
 * after customer-facts.ts): the median average order value of purchasers and the RFM cut points. Both
 * are exact on both engines: the median is the mean of the two middle values (percentile_disc picks real
 * values, where percentile_cont's interpolation is each engine's own arithmetic), and the cut points
 * come from counts.
 */
import type { TenureConfig } from '../config/config-schema.js';
import type { Store } from '../store/store.js';
import type { CutPoints } from './rfm.js';

export interface PopulationFigures {
  /** Customers with an order as of the date. */
  purchasers: number;
  /** Median of purchasers' average order values; null without purchasers. */
  medianAverageOrderValue: number | null;
  /** Customers scored on RFM (an order within the RFM window), and the cut points of each measure. */
  rfmCustomers: number;
  rfmCuts: { r: CutPoints; f: CutPoints; m: CutPoints } | null;
}

/** The RFM measures as SQL over the facts, each oriented so that larger is better. */
export function rfmMeasures(config: TenureConfig): { r: string; f: string; m: string } {
  return {
    r: '-last_order_days',
    f: 'rfm_orders',
    m: config.rfm.monetary === 'average' ? 'rfm_revenue / rfm_orders' : 'rfm_revenue',
  };
}

/** Reads the figures from `table`, a materialised customer-facts result. */
export async function populationFigures(store: Store, table: string, config: TenureConfig): Promise<PopulationFigures> {
  const [median] = await store.query<{ purchasers: number; lower: number | null; upper: number | null }>(
    `SELECT count(*) AS purchasers,
       percentile_disc(0.5) WITHIN GROUP (ORDER BY revenue / orders) AS lower,
       percentile_disc(0.5) WITHIN GROUP (ORDER BY revenue / orders DESC) AS upper
     FROM ${table} WHERE orders > 0`,
  );
  const measures = rfmMeasures(config);
  // 1 + floor(5 * percent_rank) > k exactly when 5 * (customers below the value) >= k * (all - 1): the k-th
  // cut point is the smallest value where that holds (none when no value reaches that score).
  const cuts = await store.query<{ measure: 'r' | 'f' | 'm'; n: number; c1: number | null; c2: number | null; c3: number | null; c4: number | null }>(
    (['r', 'f', 'm'] as const)
      .map(
        (measure) => `SELECT '${measure}' AS measure, max(n) AS n,
          ${[1, 2, 3, 4].map((k) => `min(v) FILTER (WHERE n > 1 AND 5 * below >= ${k} * (n - 1)) AS c${k}`).join(', ')}
        FROM (SELECT v, sum(c) OVER (ORDER BY v) - c AS below, sum(c) OVER () AS n
              FROM (SELECT ${measures[measure]} AS v, count(*) AS c FROM ${table} WHERE rfm_orders > 0 GROUP BY 1) values_counted) cumulative`,
      )
      .join('\nUNION ALL\n'),
  );
  const byMeasure = Object.fromEntries(cuts.map((row) => [row.measure, [row.c1, row.c2, row.c3, row.c4].map((c) => (c === null ? Infinity : Number(c))) as unknown as CutPoints]));
  const rfmCustomers = Number(cuts[0]?.n ?? 0);
  return {
    purchasers: Number(median?.purchasers ?? 0),
    medianAverageOrderValue: median?.lower == null || median.upper == null ? null : (Number(median.lower) + Number(median.upper)) / 2,
    rfmCustomers,
    rfmCuts: rfmCustomers > 0 && byMeasure.r && byMeasure.f && byMeasure.m ? { r: byMeasure.r, f: byMeasure.f, m: byMeasure.m } : null,
  };
}
