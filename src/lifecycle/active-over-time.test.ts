/**
 * Active customers over time: daily counts worked out by hand on a small history, the week and month
 * figures made from them, and agreement with `classifyCustomers` on the hand-built histories of
 * histories.case.ts for many days (window boundary days included) under several activity rules. On
 * PostgreSQL too when TENURE_TEST_POSTGRES_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConfigInput } from '../config/config-schema.js';
import { parseConfig } from '../config/load-config.js';
import type { CanonicalEvent } from '../domain/event.js';
import { generateDemoEvents } from '../demo/generate-demo-events.js';
import { appendEvents } from '../ingest/append-events.js';
import { engineTitle, testEngines, type TestStore } from '../testing/test-stores.js';
import { activeOverTime, periodsOf } from './active-over-time.js';
import { dayBefore } from './classify.js';
import { classifyCustomers } from './classify-customers.js';
import { event, histories } from './histories.case.js';

const monthly = { subscription_id: 's1', plan: 'box', kind: 'product', interval: 'month', interval_count: 1 };
const small: CanonicalEvent[] = [
  // a: orders on Jan 1st and 20th: active Jan 1st to Feb 18th (Jan 20th + 29 days), one merged interval.
  event('order_completed', 'a', '2024-01-01', { amount: '10.00', fullPrice: true }),
  event('order_completed', 'a', '2024-01-20', { amount: '10.00', fullPrice: true }),
  // b: a support ticket on Jan 10th: active Jan 10th to Feb 8th.
  event('support_ticket_opened', 'b', '2024-01-10', { properties: { ticket_id: 't1' } }),
  // c: only an outbound contact: never active.
  event('contact', 'c', '2024-01-05', { properties: { channel: 'phone', direction: 'outbound' } }),
  // anon-x contacts on Jan 15th and is linked to d on Jan 25th: the prospect is active Jan 15th to 24th,
  // then d (the same contact, now resolved to d) to Feb 13th.
  event('contact', null, '2024-01-15', { anonymousId: 'anon-x', properties: { channel: 'chat', direction: 'inbound' } }),
  event('identify', 'd', '2024-01-25', { anonymousId: 'anon-x' }),
  // e: a monthly (31-day) box from Jan 10th, cancelled Jan 20th: while subscribed, active Jan 10th to
  // Feb 9th with access to the period's end, Jan 10th to 19th when access ends at once; never in a shop.
  event('subscription_started', 'e', '2024-01-10', { amount: '20.00', properties: monthly }),
  event('subscription_cancelled', 'e', '2024-01-20', { properties: monthly }),
];

/** Daily counts from runs of [first day, last day, count]. */
function runs(from: string, spans: [string, string, number][]): number[] {
  const out: number[] = [];
  for (const [first, last, count] of spans) {
    for (let d = first; d <= last; d = dayBefore(d, -1)) out.push(count);
  }
  expect(spans[0]?.[0]).toBe(from);
  return out;
}

const shopDaily = runs('2024-01-01', [
  ['2024-01-01', '2024-01-09', 1], // a
  ['2024-01-10', '2024-01-14', 2], // a, b
  ['2024-01-15', '2024-02-08', 3], // a, b, anon-x then d
  ['2024-02-09', '2024-02-13', 2], // a, d
  ['2024-02-14', '2024-02-18', 1], // a
  ['2024-02-19', '2024-02-29', 0],
]);
// With e subscribed Jan 10th to Feb 9th (access to the period's end).
const subscribedDaily = shopDaily.map((n, d) => (d >= 9 && d <= 39 ? n + 1 : n));
// With access ending at the cancellation: Jan 10th to 19th.
const cutDaily = shopDaily.map((n, d) => (d >= 9 && d <= 18 ? n + 1 : n));

const daily = (result: Awaited<ReturnType<typeof activeOverTime>>) => result.periods.map((p) => p.active);

describe('periodsOf', () => {
  it('makes weeks (Monday to Sunday) and months, clipped to the range, from the daily counts', () => {
    const months = periodsOf('2024-01-01', shopDaily, 'month');
    expect(months).toMatchObject([
      { from: '2024-01-01', to: '2024-01-31', active: 3, averageDaily: (9 * 1 + 5 * 2 + 17 * 3) / 31, peak: 3 },
      { from: '2024-02-01', to: '2024-02-29', active: 0, averageDaily: (8 * 3 + 5 * 2 + 5 * 1) / 29, peak: 3 },
    ]);
    const weeks = periodsOf('2024-01-03', shopDaily.slice(2), 'week');
    expect(weeks[0]).toMatchObject({ from: '2024-01-03', to: '2024-01-07', active: 1, averageDaily: 1, peak: 1 });
    expect(weeks[1]).toMatchObject({ from: '2024-01-08', to: '2024-01-14', active: 2, averageDaily: (2 + 5 * 2) / 7, peak: 2 });
    expect(weeks.at(-1)).toMatchObject({ from: '2024-02-26', to: '2024-02-29', active: 0, averageDaily: 0, peak: 0 });
  });
});

for (const engine of testEngines) {
  describe.skipIf(engine.skip)(engineTitle(engine, 'activeOverTime'), () => {
    let t: TestStore;
    beforeAll(async () => {
      t = await engine.open();
      await appendEvents(t.store, [...small, ...histories.map((e) => ({ ...e, customerId: e.customerId && `h-${e.customerId}`, anonymousId: e.anonymousId && `h-${e.anonymousId}` }))], { source: 'test' });
    });
    afterAll(async () => t?.cleanup());

    const run = (config: ConfigInput, from = '2024-01-01', to = '2024-02-29', grain: 'day' | 'week' | 'month' = 'day') =>
      activeOverTime(t.store, { from, to, grain, config: parseConfig(config) });
    // The histories of histories.case.ts are dated 2023 to mid 2024; the small ones start in 2024, so
    // the small history is read alone over 2024-01..02 after subtracting the histories' own counts.
    const historyOnly = async (config: ConfigInput) => {
      const counts: number[] = [];
      for (let d = '2024-01-01'; d <= '2024-02-29'; d = dayBefore(d, -1)) counts.push(await activeCount(t, d, config, 'h-'));
      return counts;
    };

    it('counts by hand: a shop (orders, tickets, inbound contacts; an anonymous contact moves to its customer)', async () => {
      const histories = await historyOnly({});
      expect(daily(await run({})).map((n, d) => n - (histories[d] ?? 0))).toEqual(shopDaily);
    }, 60_000);

    it('counts by hand: active while subscribed, with access to the period end or ending at the cancellation', async () => {
      const config: ConfigInput = { activity: { whileSubscribed: true } };
      const histories = await historyOnly(config);
      expect(daily(await run(config)).map((n, d) => n - (histories[d] ?? 0))).toEqual(subscribedDaily);
      const cut: ConfigInput = { activity: { whileSubscribed: true }, subscriptions: { accessAfterCancel: 'none' } };
      const historiesCut = await historyOnly(cut);
      expect(daily(await run(cut)).map((n, d) => n - (historiesCut[d] ?? 0))).toEqual(cutDaily);
    }, 60_000);

    for (const [name, config, smallCounts] of [
      ['a shop', {}, { january: 4, february: 3 }],
      ['active while subscribed', { activity: { whileSubscribed: true } }, { january: 5, february: 4 }],
    ] as [string, ConfigInput, { january: number; february: number }][]) {
      it(`counts who was active at any time in each week and month, as classifyCustomers day by day would, under ${name}`, async () => {
        const ids: Set<string>[] = [];
        for (let d = '2024-01-01'; d <= '2024-02-29'; d = dayBefore(d, -1)) ids.push(await activeIds(t, d, config));
        const union = (from: number, to: number, keep: (id: string) => boolean = () => true) => new Set(ids.slice(from, to + 1).flatMap((set) => [...set].filter(keep))).size;
        const months = await run(config, '2024-01-01', '2024-02-29', 'month');
        expect(months.periods.map((p) => p.activeAnyTime)).toEqual([union(0, 30), union(31, 59)]);
        expect(months.periods.map((p) => p.active)).toEqual([ids[30]?.size, ids[59]?.size]);
        // The small history alone, by hand: in January a, b, the prospect anon-x and d (and e while
        // subscribed); in February a, b and d (and e).
        const small = (id: string) => !id.replace('anonymous:', '').startsWith('h-');
        expect([union(0, 30, small), union(31, 59, small)]).toEqual([smallCounts.january, smallCounts.february]);
        // Weeks from a Wednesday: the first is cut to Wednesday to Sunday.
        const weeks = await run(config, '2024-01-03', '2024-02-29', 'week');
        expect(weeks.periods[0]).toMatchObject({ from: '2024-01-03', to: '2024-01-07', activeAnyTime: union(2, 6) });
        expect(weeks.periods.map((p) => p.activeAnyTime)).toEqual(weeks.periods.map((p) => union(dayNumberOf(p.from), dayNumberOf(p.to))));
      }, 120_000);
    }

    it('gives a month its count on its last day within the range', async () => {
      const days = await run({}, '2024-01-01', '2024-02-29', 'day');
      const months = await run({}, '2024-01-01', '2024-02-29', 'month');
      expect(months.periods.map((p) => [p.from, p.to, p.active])).toEqual([
        ['2024-01-01', '2024-01-31', days.periods[30]?.active],
        ['2024-02-01', '2024-02-29', days.periods[59]?.active],
      ]);
    });

    // Window boundary days of the histories (an order's 30th and 31st day, a subscription's grace end,
    // the cancellation) and a spread of other days, under each rule.
    const dates = [
      '2023-01-09', '2023-01-10', '2023-02-08', '2023-02-09', '2023-03-11', '2023-03-12', '2023-06-01', '2023-12-31',
      '2024-01-02', '2024-01-31', '2024-02-01', '2024-02-09', '2024-03-25', '2024-03-26', '2024-03-30', '2024-03-31', '2024-04-09',
      '2024-04-10', '2024-04-30', '2024-05-01', '2024-05-31', '2024-06-03', '2024-06-04', '2024-06-19', '2024-06-20', '2024-07-01',
    ];
    const configs: [string, ConfigInput][] = [
      ['a shop', {}],
      ['the subscription preset', { preset: 'subscription' }],
      ['while subscribed, access ending at the cancellation, no grace', { activity: { whileSubscribed: true, window: 7 }, subscriptions: { accessAfterCancel: 'none', graceDays: 0 } }],
      ['the B2B preset', { preset: 'b2b_service' }],
    ];
    for (const [name, config] of configs) {
      it(`agrees with classifyCustomers day by day under ${name}`, async () => {
        const result = await run(config, '2023-01-01', '2024-07-31');
        const byDay = new Map(result.periods.map((p) => [p.from, p.active]));
        const seen = new Set<number>();
        for (const date of dates) {
          const active = await activeCount(t, date, config);
          seen.add(active);
          expect({ date, active: byDay.get(date) }).toEqual({ date, active });
        }
        // Not a run of zeros agreeing with zeros.
        expect(seen.size).toBeGreaterThan(3);
      }, 120_000);
    }

    it('rejects a bad date or a range backwards', async () => {
      await expect(run({}, '2024-02-30', '2024-03-01')).rejects.toThrow('is not a date');
      await expect(run({}, '2024-03-01', '2024-02-01')).rejects.toThrow('before --from');
    });
  });
}

for (const engine of testEngines) {
  describe.skipIf(engine.skip)(engineTitle(engine, 'activeOverTime on the demo business'), () => {
    let t: TestStore;
    beforeAll(async () => {
      t = await engine.open();
      await appendEvents(t.store, [...generateDemoEvents({ customers: 600, seed: 7 })], { source: 'demo' });
    }, 120_000);
    afterAll(async () => t?.cleanup());

    for (const [name, config] of [['a shop', {}], ['the subscription preset', { preset: 'subscription' }]] as [string, ConfigInput][]) {
      it(`agrees with classifyCustomers under ${name}`, async () => {
        const result = await activeOverTime(t.store, { from: '2025-01-01', to: '2026-09-30', grain: 'day', config: parseConfig(config) });
        const byDay = new Map(result.periods.map((p) => [p.from, p.active]));
        for (const date of ['2025-01-01', '2025-06-30', '2025-12-31', '2026-04-15', '2026-09-30']) {
          expect({ date, active: byDay.get(date) }).toEqual({ date, active: await activeCount(t, date, config) });
        }
        expect(byDay.get('2026-09-30')).toBeGreaterThan(0);
      }, 120_000);
    }
  });
}

/** Days from 2024-01-01. */
const dayNumberOf = (date: string) => (Date.parse(`${date}T00:00:00Z`) - Date.parse('2024-01-01T00:00:00Z')) / 86_400_000;

/** The ids `classifyCustomers` marks active as of the date. */
async function activeIds(t: TestStore, asOf: string, config: ConfigInput): Promise<Set<string>> {
  const ids = new Set<string>();
  await classifyCustomers(t.store, { asOf, config: parseConfig(config), ordered: false }, (batch) => {
    for (const c of batch) if (c.active) ids.add(`${c.anonymous ? 'anonymous:' : ''}${c.customer_id}`);
  });
  return ids;
}

/** The number `classifyCustomers` marks active as of the date (only ids starting with `prefix`, if given). */
async function activeCount(t: TestStore, asOf: string, config: ConfigInput, prefix = ''): Promise<number> {
  let active = 0;
  await classifyCustomers(t.store, { asOf, config: parseConfig(config), ordered: false }, (batch) => {
    for (const c of batch) if (c.active && c.customer_id.startsWith(prefix)) active++;
  });
  return active;
}
