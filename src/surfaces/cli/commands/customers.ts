/** `tenure customers` and `tenure customer ID`: every customer's classification, or one customer's profile, as of a date. */
import { Command } from 'commander';
import { loadConfig } from '../../../config/load-config.js';
import { activeTypes, stages, statuses, type CustomerClassification } from '../../../lifecycle/classify.js';
import { classifyCustomers } from '../../../lifecycle/classify-customers.js';
import { customerProfile, type CustomerProfile } from '../../../lifecycle/customer-profile.js';
import { rfmSegments } from '../../../lifecycle/rfm.js';
import { resolveFilter } from '../../../segments/resolve-filter.js';
import { segmentMembers } from '../../../segments/segment-members.js';
import { formatNumber, formatTable, printJson, type Io } from '../output.js';
import { withAnyStore } from '../with-store.js';
import { configHelp, configSource, dbHelp, today } from '../options.js';



export function customersCommand(io: Io): Command {
  return new Command('customers')
    .description(
      'Classify every customer and prospect as of a date: active (and why), active types, lifecycle stage, status, high value and RFM scores, ' +
        'each with its reasons. Prints counts and the first customers, or every customer with --json.',
    )
    .option('--as-of <date>', 'classify with the events up to and including this day (YYYY-MM-DD; default today)')
    .option('--segment <name>', 'only the members of this saved segment or persona (see tenure segments list)')
    .option('--filter <filter>', 'only the customers matching this filter, e.g. "stage = retention and not active" (docs/segments.md)')
    .option('--json', 'print every customer as a JSON array')
    .option('--rows <n>', 'customers listed after the counts (without --json)', Number, 20)
    .option('--config <path>', configHelp)
    .option('--db <path>', dbHelp)
    .action(async (opts) => {
      const asOf: string = opts.asOf ?? today();
      const loaded = loadConfig({ path: opts.config });
      const counts = new Counts();
      const first: CustomerClassification[] = [];
      let written = 0;
      const onBatch = (batch: CustomerClassification[]) => {
        if (opts.json) {
          // Streamed a batch at a time: a million customers never sit in one string.
          io.out(batch.map((c) => `${written++ === 0 ? '[\n' : ',\n'}${JSON.stringify(c)}`).join(''));
          return;
        }
        for (const c of batch) counts.add(c);
        for (const c of batch) if (first.length < opts.rows) first.push(c);
      };
      let heading = '';
      const result = await withAnyStore(opts.db, async (store) => {
        if (opts.segment === undefined && opts.filter === undefined) return classifyCustomers(store, { asOf, config: loaded.config }, onBatch);
        // Only a segment's members: the same classifications, fewer of them (src/segments/segment-members.ts).
        const resolved = await resolveFilter(store, { segment: opts.segment, filter: opts.filter });
        const members = await segmentMembers(store, { filter: resolved.filter, asOf, config: loaded.config }, onBatch);
        heading = `${resolved.name ? `segment ${resolved.name}` : 'filter'}: ${resolved.filter}\n${formatNumber(members.members)} of `;
        return members;
      });
      if (opts.json) return io.out(written === 0 ? '[]\n' : '\n]\n');
      io.out(`${heading}${formatNumber(result.customers)} customers and prospects as of ${asOf} (config: ${configSource(loaded)})\n\n`);
      io.out(counts.format());
      const median = result.figures.medianAverageOrderValue;
      io.out(`\nmedian average order value ${median === null ? '-' : formatNumber(median, 2)} over ${formatNumber(result.figures.purchasers)} purchasers` +
        `${result.fitAsOf ? `; probability alive from the model fit as of ${result.fitAsOf}` : ''}\n\n`);
      if (first.length > 0) io.out(customersTable(first));
    });
}

class Counts {
  total = 0;
  active = 0;
  highValue = 0;
  readonly stage = new Map<string, number>();
  readonly status = new Map<string, number>();
  readonly type = new Map<string, number>();
  readonly segment = new Map<string, number>();

  add(c: CustomerClassification): void {
    this.total++;
    if (c.active) this.active++;
    if (c.highValue) this.highValue++;
    bump(this.stage, c.stage);
    bump(this.status, c.status ?? 'never active');
    for (const t of c.activeTypes) bump(this.type, t);
    if (c.rfm) bump(this.segment, c.rfm.segment);
  }

  format(): string {
    const line = (label: string, names: readonly string[], counts: Map<string, number>) =>
      `${label.padEnd(12)}${names.map((n) => `${n} ${formatNumber(counts.get(n) ?? 0)}`).join(', ')}\n`;
    return (
      `active      ${formatNumber(this.active)} of ${formatNumber(this.total)}; high value ${formatNumber(this.highValue)}\n` +
      line('stage', stages, this.stage) +
      line('status', [...statuses, 'never active'], this.status) +
      line('types', activeTypes, this.type) +
      line('rfm', rfmSegments, this.segment)
    );
  }
}

function bump(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

/** Customers as a table, one line each: what `tenure customers` and `tenure segments show` list. */
export function customersTable(customers: readonly CustomerClassification[]): string {
  const rows = customers.map((c) => [
    c.customer_id + (c.anonymous ? ' (anonymous)' : ''),
    c.active ? 'yes' : 'no',
    c.activeTypes.join(',') || '-',
    c.stage,
    c.status ?? '-',
    c.highValue ? 'yes' : 'no',
    c.rfm ? `${c.rfm.r}${c.rfm.f}${c.rfm.m} ${c.rfm.segment}` : '-',
  ]);
  const header = ['customer', 'active', 'types', 'stage', 'status', 'high value', 'rfm'];
  return formatTable([header, ...rows], header.length);
}

export function customerCommand(io: Io): Command {
  return new Command('customer')
    .description(
      "One customer's (or prospect's) whole profile as of a date: traits; demographic, behavioural, transactional and financial facts; " +
        'active types, stage, status, high value and RFM with their reasons; model scores; and the timeline of interactions, newest first.',
    )
    .argument('<id>', 'the customer id (or a prospect\'s anonymous id)')
    .option('--as-of <date>', 'the profile with the events up to and including this day (YYYY-MM-DD; default today)')
    .option('--json', 'print the profile as JSON')
    .option('--events <n>', 'timeline events to show, newest first', Number, 50)
    .option('--config <path>', configHelp)
    .option('--db <path>', dbHelp)
    .action(async (id: string, opts) => {
      const asOf: string = opts.asOf ?? today();
      const loaded = loadConfig({ path: opts.config });
      const profile = await withAnyStore(opts.db, (store) => customerProfile(store, { customerId: id, asOf, config: loaded.config, timelineLimit: opts.events }));
      if (opts.json) return printJson(io, profile);
      io.out(formatProfile(profile));
    });
}

function formatProfile(p: CustomerProfile): string {
  const c = p.classification;
  const money = (n: number | null) => (n === null ? '-' : formatNumber(n, 2));
  const lines = [
    `${p.customer_id}${p.anonymous ? ' (anonymous prospect)' : ''} as of ${p.asOf}`,
    '',
    `active       ${c.active ? 'yes' : 'no'}: ${c.reasons.active}`,
    `types        ${c.activeTypes.length > 0 ? c.activeTypes.map((t) => `${t} (${c.reasons.activeTypes[t]})`).join('; ') : '-'}`,
    `stage        ${c.stage}: ${c.reasons.stage}`,
    `status       ${c.status ?? '-'}: ${c.reasons.status}`,
    `high value   ${c.highValue ? 'yes' : 'no'}: ${c.reasons.highValue}`,
    `rfm          ${c.rfm ? `${c.rfm.r}${c.rfm.f}${c.rfm.m} ${c.rfm.segment}` : '-'}: ${c.reasons.rfm}`,
    p.scores ? `scores       P(alive) ${p.scores.probabilityAlive?.toFixed(2) ?? '-'}, expected purchases ${p.scores.expectedPurchases?.toFixed(2) ?? '-'}, CLV ${money(p.scores.clv)} (fit as of ${p.scores.fitAsOf})` : null,
    '',
    `traits       ${Object.keys(p.traits).length > 0 ? Object.entries(p.traits).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(', ') : '-'}`,
    `behaviour    ${formatNumber(p.behavioural.events)} events from ${p.behavioural.firstSeen.slice(0, 10)} to ${p.behavioural.lastSeen.slice(0, 10)}: ` +
      p.behavioural.byKind.map((k) => `${k.kind} ${k.events}`).join(', '),
    `orders       ${p.transactional.orders} (first ${p.transactional.firstOrder?.slice(0, 10) ?? '-'}, last ${p.transactional.lastOrder?.slice(0, 10) ?? '-'}), ` +
      `average ${money(p.transactional.averageOrderValue)}, full price ${p.transactional.fullPriceShare === null ? '-' : p.transactional.fullPriceShare.toFixed(2)}, refunds ${p.transactional.refunds}`,
    `money        revenue ${money(p.financial.revenue)}, refunded ${money(p.financial.refunded)}, subscriptions ${money(p.financial.subscriptionRevenue)} ${p.financial.currency}`,
    p.profitability
      ? `profit       ${money(p.profitability.profit)}: net revenue ${money(p.profitability.netRevenue)} - goods ${money(p.profitability.costOfGoods)} - service ${money(p.profitability.costToServe)} ` +
        `- acquisition ${money(p.profitability.acquisitionCost)}${p.profitability.roi === null ? '' : `, ROI ${p.profitability.roi.toFixed(1)}x`}; acquired via ${p.profitability.channel} (${p.profitability.platform})`
      : null,
    p.lookalike
      ? `lookalike    ${(p.lookalike.score * 100).toFixed(1)}% likely to be high value, above ${p.lookalike.percentile.toFixed(0)}% of prospects${p.lookalike.drivers.length > 0 ? `: ${p.lookalike.drivers.join('; ')}` : ''}`
      : null,
    '',
    `stage history (${p.stageHistory.length} change${p.stageHistory.length === 1 ? '' : 's'}, oldest first)`,
    ...p.stageHistory.map((h) => `  ${h.day}  ${h.from ?? 'new'} -> ${h.to ?? 'linked to a customer'}`),
    '',
    `timeline (${p.timeline.length} of ${formatNumber(p.timelineTotal)} events, newest first)`,
    ...p.timeline.map((e) =>
      `  ${e.occurred_at.replace('T', ' ').slice(0, 19)}  ${e.kind}${e.amount !== null ? ` ${money(e.amount)}` : ''}${e.channel ? ` via ${e.channel}` : ''}` +
        `${e.properties && Object.keys(e.properties).length > 0 ? `  ${JSON.stringify(e.properties)}` : ''}`,
    ),
  ];
  return `${lines.filter((l) => l !== null).join('\n')}\n`;
}
