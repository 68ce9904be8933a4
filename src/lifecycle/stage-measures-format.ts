/**
 * The text rendering of each stage's measures (stage-measures.ts): one compact table per stage with a row
 * per period, and the breakdowns (channels, platforms, the checkout funnel) as tables of their own, so a
 * growth lead can read a stage down the periods. `--json` output is the `StageMeasures` object itself.
 */
import type { ConversionByKey, StageMeasures, StagePeriod } from './stage-measures.js';

const count = (n: number) => n.toLocaleString('en-US');
const decimal = (n: number | null, digits = 2) => (n === null ? '-' : n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }));
const percent = (n: number | null) => (n === null ? '-' : `${(n * 100).toFixed(1)}%`);

/** Rows of cells as a table: the first column left-aligned, the others right-aligned. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return all.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ').trimEnd()).join('\n');
}

/** A breakdown by channel or platform: a column per key (every key seen in any period), one cell per period. */
function breakdown(measures: StageMeasures, label: (p: StagePeriod) => string, pick: (p: StagePeriod) => ConversionByKey[], cell: (c: ConversionByKey | undefined) => string): string {
  const keys = [...new Set(measures.periods.flatMap((p) => pick(p).map((c) => c.key)))].sort();
  return table([measures.grain, ...keys], measures.periods.map((p) => [label(p), ...keys.map((k) => cell(pick(p).find((c) => c.key === k)))]));
}

export function formatStageMeasures(measures: StageMeasures): string {
  const { grain, periods } = measures;
  const label = (p: StagePeriod) => (grain === 'month' ? p.from.slice(0, 7) : p.from);
  const rows = <T>(f: (p: StagePeriod) => T) => periods.map(f);
  const conversionCell = (c: ConversionByKey | undefined) =>
    !c || c.newProspects === 0 ? '-' : `${percent(c.conversionRateInPeriod)} / ${percent(c.conversionRateByEnd)}`;
  const firstOrdersCell = (c: ConversionByKey | undefined) => count(c?.firstOrders ?? 0);
  const sections: [string, string][] = [
    [
      'Reach: new prospects (first seen), by the channel they came by',
      breakdown(measures, label, (p) => p.conversion.byChannel, (c) => count(c?.newProspects ?? 0)),
    ],
    [
      'Acquisition: people whose first lead (lead captured or sign-up) is in the period',
      table(
        [grain, 'leads', 'customers by end', 'lead to customer', 'median days lead to purchase'],
        rows((p) => [label(p), count(p.acquisition.leads), count(p.acquisition.leadsConverted), percent(p.acquisition.leadToCustomerRate),
          p.acquisition.leadToPurchaseDays.count === 0 ? '-' : `${decimal(p.acquisition.leadToPurchaseDays.median, 1)} (${count(p.acquisition.leadToPurchaseDays.count)})`]),
      ),
    ],
    [
      'Conversion: first orders, and the new prospects of the period who ordered (in the period / by the end of the range)',
      table(
        [grain, 'new prospects', 'first orders', 'mean first order', 'median first order', 'converted in period', 'converted by end'],
        rows((p) => [label(p), count(p.reach.newProspects), count(p.conversion.firstOrders), decimal(p.conversion.firstOrderValue.mean), decimal(p.conversion.firstOrderValue.median),
          `${count(p.conversion.convertedInPeriod)} (${percent(p.conversion.conversionRateInPeriod)})`, `${count(p.conversion.convertedByEnd)} (${percent(p.conversion.conversionRateByEnd)})`]),
      ),
    ],
    ['Conversion rate by channel (in the period / by the end of the range)', breakdown(measures, label, (p) => p.conversion.byChannel, conversionCell)],
    ['Conversion rate by platform (in the period / by the end of the range)', breakdown(measures, label, (p) => p.conversion.byPlatform, conversionCell)],
    ['First orders by channel', breakdown(measures, label, (p) => p.conversion.byChannel, firstOrdersCell)],
    [
      'Checkout funnel: people reaching each step in the period, in order (drop-off from the step before)',
      table(
        [grain, 'viewed a product', 'added to cart', 'started checkout', 'ordered'],
        rows((p) => [label(p), ...p.conversion.funnel.map((s) => (s.dropOff === null ? count(s.people) : `${count(s.people)} (${s.dropOff > 0 ? '-' : ''}${percent(s.dropOff)})`))]),
      ),
    ],
    [
      `Retention: repeat buying, churn (lapsed after ${measures.lapsedAfterDays} days without activity), CSAT`,
      table(
        [grain, 'ordering', 'repeat customers', 'repeat rate', 'orders', 'repeat orders', 'not lapsed at start', 'churned', 'churn rate', 'CSAT', 'CSAT 4-5'],
        rows((p) => {
          const r = p.retention;
          return [label(p), count(r.orderingCustomers), count(r.repeatCustomers), percent(r.repeatRate), count(r.orders), count(r.repeatOrders), count(r.churn.customersAtStart),
            count(r.churn.churned), percent(r.churn.rate), r.csat.answers === 0 ? '-' : `${decimal(r.csat.average)} (${count(r.csat.answers)})`, percent(r.csat.satisfiedShare)];
        }),
      ),
    ],
    [
      'Loyalty: referrals, reviews, NPS, and the predicted CLV of the customers who showed advocacy',
      table(
        [grain, 'referrals', 'reviews', 'mean rating', 'NPS', 'promoters / passives / detractors', 'advocates', 'mean CLV (scored)'],
        rows((p) => {
          const l = p.loyalty;
          return [label(p), count(l.referrals), count(l.reviews.count), decimal(l.reviews.averageRating), l.nps.score === null ? '-' : decimal(l.nps.score, 1),
            `${count(l.nps.promoters)} / ${count(l.nps.passives)} / ${count(l.nps.detractors)}`, count(l.advocates),
            l.clv.average === null ? '-' : `${decimal(l.clv.average)} (${count(l.clv.scored)})`];
        }),
      ),
    ],
  ];
  const fits = [...new Set(periods.map((p) => p.loyalty.clv.fitAsOf).filter((f): f is string => f !== null))];
  const note = fits.length === 0 ? 'no model fit at or before any period end: no predicted CLV (run `tenure score`)' : `CLV from the model fit${fits.length > 1 ? 's' : ''} as of ${fits.join(', ')}`;
  return `each stage's measures by ${grain}, ${measures.from} to ${measures.to} (${note})\n\n${sections.map(([title, body]) => `${title}\n${body}`).join('\n\n')}\n`;
}
