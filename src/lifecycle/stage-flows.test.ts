/**
 * Stages over time: hand-worked transition lists for a few customers (a skip, moves back, an anonymous
 * prospect whose NPS answer counts for its customer once linked), the stage of every customer on every
 * day of a range held to `classifyCustomers` as of that day (shop defaults, subscription and B2B
 * presets), the counts per stage on the demo business, and period figures worked out by hand. On
 * PostgreSQL too when TENURE_TEST_POSTGRES_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConfigInput } from '../config/config-schema.js';
import { parseConfig } from '../config/load-config.js';
import type { CanonicalEvent } from '../domain/event.js';
import { generateDemoEvents } from '../demo/generate-demo-events.js';
import { appendEvents } from '../ingest/append-events.js';
import { engineTitle, testEngines, type TestStore } from '../testing/test-stores.js';
import type { Stage } from './classify.js';
import { classifyCustomers } from './classify-customers.js';
import { customerProfile } from './customer-profile.js';
import { event, histories } from './histories.case.js';
import { dayAfter, dayNumber } from './periods.js';
import { stageFlows, stageHistory } from './stage-flows.js';
import { readStageEvents } from './stage-transitions.js';
import { stageTransitions, stageWindows, type StageTransition } from './stage-timeline.js';

const order = (customerId: string, at: string) => event('order_completed', customerId, at, { amount: '25.00', fullPrice: true });
const own: CanonicalEvent[] = [
  // mover: seen, then a contact, a first order, a repeat, and back to conversion a year after the repeat.
  event('page_viewed', 'mover', '2024-01-03'),
  event('contact', 'mover', '2024-01-10', { properties: { channel: 'email', direction: 'inbound' } }),
  order('mover', '2024-02-01'),
  order('mover', '2024-03-01'),
  // anon-5 browses, answers a survey with NPS 10 (a survey is direct contact: acquisition), and is linked
  // to fan on April 10th; fan then orders monthly.
  event('page_viewed', null, '2024-03-01', { anonymousId: 'anon-5' }),
  event('survey_answered', null, '2024-03-05', { anonymousId: 'anon-5', properties: { nps: 10 } }),
  event('identify', 'fan', '2024-04-10', { anonymousId: 'anon-5' }),
  ...['2024-04-20', '2024-05-20', '2024-06-20', '2024-07-20'].map((day) => order('fan', day)),
];

const t = (day: string, from: Stage | null, to: Stage | null) => ({ day, from, to });

/** Hand-worked transitions under the shop defaults (365-day windows, loyal: 4 purchases over 90 days). */
const expectedTransitions: Record<string, { day: string; from: Stage | null; to: Stage | null }[]> = {
  // Seen on Jan 3rd (reach), the contact on Jan 10th (acquisition), the first order (conversion), the
  // repeat on March 1st (retention) until it leaves the 365-day window: 2024-03-01 + 365 = 2025-03-01.
  mover: [t('2024-01-03', null, 'reach'), t('2024-01-10', 'reach', 'acquisition'), t('2024-02-01', 'acquisition', 'conversion'), t('2024-03-01', 'conversion', 'retention'), t('2025-03-01', 'retention', 'conversion')],
  // A first order with nothing before it: straight to conversion; the repeat on Feb 1st: retention. The 4th
  // purchase on April 1st is 90 days after Jan 2nd (29 + 29 + 31 + 1): the loyal pattern, still retention
  // without advocacy; the referral on April 15th: loyalty. On 2025-01-01 the Jan 2nd order leaves the
  // loyal window (2024-01-02 + 365), but Feb 1st to May 1st are 4 purchases over 90 days (29 + 31 + 30);
  // on 2025-01-31 (2024-02-01 + 365) only 3 are left: retention (3 repeat orders); on 2025-05-01
  // (2024-05-01 + 365) no order is left in the window: conversion.
  jumper: [t('2024-01-02', null, 'conversion'), t('2024-02-01', 'conversion', 'retention'), t('2024-04-15', 'retention', 'loyalty'), t('2025-01-31', 'loyalty', 'retention'), t('2025-05-01', 'retention', 'conversion')],
  // The prospect: reach from its page view, acquisition from its survey, gone into fan on the link.
  'anonymous:anon-5': [t('2024-03-01', null, 'reach'), t('2024-03-05', 'reach', 'acquisition'), t('2024-04-10', 'acquisition', null)],
  // fan: the identify (and the linked survey) on April 10th: acquisition; a first order, a repeat; on
  // July 20th 4 purchases over 91 days (10 + 31 + 30 + 20) and the linked NPS 10 of March 5th, within 365
  // days: loyalty; the NPS leaves on 2025-03-05 (2024-03-05 + 365): retention.
  fan: [t('2024-04-10', null, 'acquisition'), t('2024-04-20', 'acquisition', 'conversion'), t('2024-05-20', 'conversion', 'retention'), t('2024-07-20', 'retention', 'loyalty'), t('2025-03-05', 'loyalty', 'retention')],
  // From histories.case.ts: anon-7's page view on Jan 5th, linked to lead-7 by the identify of Feb 1st.
  'anonymous:anon-7': [t('2024-01-05', null, 'reach'), t('2024-02-01', 'reach', null)],
  'lead-7': [t('2024-02-01', null, 'acquisition')],
};

const key = (id: string, anonymous: boolean) => `${anonymous ? 'anonymous:' : ''}${id}`;

/** Every customer's transitions up to `to`, from one pass, with dates. */
async function allTransitions(t: TestStore, config: ConfigInput, from: string, to: string): Promise<Map<string, StageTransition[]>> {
  const out = new Map<string, StageTransition[]>();
  const windows = stageWindows(parseConfig(config));
  const last = dayNumber(to) - dayNumber(from);
  await readStageEvents(t.store, { from, to, config: parseConfig(config) }, (id, anonymous, events) => {
    out.set(key(id, anonymous), stageTransitions(events, windows, last));
  });
  return out;
}

/** Each customer's stage as of the date, from `classifyCustomers`. */
async function classifiedStages(t: TestStore, asOf: string, config: ConfigInput): Promise<Map<string, Stage>> {
  const stages = new Map<string, Stage>();
  await classifyCustomers(t.store, { asOf, config: parseConfig(config), ordered: false }, (batch) => {
    for (const c of batch) stages.set(key(c.customer_id, c.anonymous), c.stage);
  });
  return stages;
}

/** The stage on day `d` (after `from`) from a customer's transitions; undefined when not there. */
function stageOnDay(transitions: readonly StageTransition[], d: number): Stage | undefined {
  let stage: Stage | null = null;
  for (const tr of transitions) if (tr.day <= d) stage = tr.to;
  return stage ?? undefined;
}

for (const engine of testEngines) {
  describe.skipIf(engine.skip)(engineTitle(engine, 'stage transitions and flows'), () => {
    let store: TestStore;
    beforeAll(async () => {
      store = await engine.open();
      await appendEvents(store.store, [...histories, ...own], { source: 'test' });
    });
    afterAll(async () => store?.cleanup());

    it('lists the transitions worked out by hand', async () => {
      const from = '2023-01-01';
      const all = await allTransitions(store, {}, from, '2025-06-30');
      for (const [who, expected] of Object.entries(expectedTransitions)) {
        const got = (all.get(who) ?? []).map((tr) => ({ day: dayAfter(from, tr.day), from: tr.from, to: tr.to }));
        expect({ who, transitions: got }).toEqual({ who, transitions: expected });
      }
    });

    it('gives a customer its stage history up to the as-of date', async () => {
      expect(await stageHistory(store.store, { customerId: 'fan', anonymous: false, asOf: '2024-08-01', config: parseConfig({}) })).toEqual(expectedTransitions.fan?.slice(0, 4));
      expect(await stageHistory(store.store, { customerId: 'anon-5', anonymous: true, asOf: '2024-04-10', config: parseConfig({}) })).toEqual(expectedTransitions['anonymous:anon-5']);
      expect(await stageHistory(store.store, { customerId: 'mover', anonymous: false, asOf: '2024-01-09', config: parseConfig({}) })).toEqual([t('2024-01-03', null, 'reach')]);
      const profile = await customerProfile(store.store, { customerId: 'jumper', asOf: '2025-02-01', config: parseConfig({}) });
      expect(profile.stageHistory).toEqual(expectedTransitions.jumper?.slice(0, 4));
    });

    // Every day of a range: each customer's stage from its transitions, and the count in each stage from
    // stageFlows, equal what classifyCustomers gives as of that day.
    for (const [name, config, from, to] of [
      // From before most histories begin to after the last window closes in 2025.
      ['the shop defaults', {}, '2023-12-01', '2025-05-15'],
      ['the subscription preset', { preset: 'subscription' }, '2024-01-01', '2024-06-30'],
      ['the B2B preset', { preset: 'b2b_service' }, '2024-01-01', '2024-04-30'],
    ] as [string, ConfigInput, string, string][]) {
      it(`agrees with classifyCustomers on every day under ${name}`, async () => {
        const all = await allTransitions(store, config, from, to);
        const flows = await stageFlows(store.store, { from, to, grain: 'day', config: parseConfig(config) });
        const seen = new Set<string>();
        for (let d = 0, date = from; date <= to; d++, date = dayAfter(date, 1)) {
          const classified = await classifiedStages(store, date, config);
          const ours = new Map<string, Stage>();
          for (const [who, transitions] of all) {
            const stage = stageOnDay(transitions, d);
            if (stage) ours.set(who, stage);
          }
          expect({ date, stages: Object.fromEntries([...ours].sort()) }).toEqual({ date, stages: Object.fromEntries([...classified].sort()) });
          const counts = Object.fromEntries(['reach', 'acquisition', 'conversion', 'retention', 'loyalty'].map((s) => [s, [...classified.values()].filter((c) => c === s).length]));
          const period = flows.periods[d];
          expect({ date, counts: Object.fromEntries(Object.entries(period?.stages ?? {}).map(([s, f]) => [s, f.customers])) }).toEqual({ date, counts });
          seen.add(JSON.stringify(counts));
        }
        // Not a run of equal days agreeing with each other.
        expect(seen.size).toBeGreaterThan(10);
      }, 300_000);
    }
  });
}

for (const engine of testEngines) {
  describe.skipIf(engine.skip)(engineTitle(engine, 'stage flows on the demo business'), () => {
    let store: TestStore;
    beforeAll(async () => {
      store = await engine.open();
      await appendEvents(store.store, [...generateDemoEvents({ customers: 600, seed: 7 })], { source: 'demo' });
    }, 120_000);
    afterAll(async () => store?.cleanup());

    for (const [name, config] of [['the shop defaults', {}], ['the subscription preset', { preset: 'subscription' }]] as [string, ConfigInput][]) {
      it(`counts the customers in each stage as classifyCustomers does under ${name}`, async () => {
        const result = await stageFlows(store.store, { from: '2025-01-01', to: '2026-09-30', grain: 'day', config: parseConfig(config) });
        const byDay = new Map(result.periods.map((p) => [p.from, Object.fromEntries(Object.entries(p.stages).map(([s, f]) => [s, f.customers]))]));
        for (const date of ['2025-01-01', '2025-06-30', '2025-12-31', '2026-04-15', '2026-09-30']) {
          const classified = [...(await classifiedStages(store, date, config)).values()];
          const counts = Object.fromEntries(['reach', 'acquisition', 'conversion', 'retention', 'loyalty'].map((s) => [s, classified.filter((c) => c === s).length]));
          expect({ date, counts: byDay.get(date) }).toEqual({ date, counts });
        }
      }, 120_000);
    }
  });
}

const f = (customersAtStart: number, entries: number, exits: number, customers: number, conversion: number | null, medianDaysInStage: number | null) =>
  ({ customersAtStart, customers, entries, exits, conversion, medianDaysInStage });
const none = f(0, 0, 0, 0, null, null);

for (const engine of testEngines) {
  describe.skipIf(engine.skip)(engineTitle(engine, 'stage flows by period, by hand'), () => {
    let store: TestStore;
    beforeAll(async () => {
      store = await engine.open();
      await appendEvents(store.store, own, { source: 'test' });
    });
    afterAll(async () => store?.cleanup());

    it('counts each month: in stage, entries, exits, conversion, median days, flows', async () => {
      // The transitions of mover, anon-5 and fan above, January to April 2024.
      const result = await stageFlows(store.store, { from: '2024-01-01', to: '2024-04-30', grain: 'month', config: parseConfig({}) });
      expect(result.periods.map((p) => [p.from, p.to])).toEqual([['2024-01-01', '2024-01-31'], ['2024-02-01', '2024-02-29'], ['2024-03-01', '2024-03-31'], ['2024-04-01', '2024-04-30']]);
      const [january, february, march, april] = result.periods;
      // January: mover seen on the 3rd, acquisition on the 10th (7 days in reach).
      expect(january?.stages).toEqual({ reach: f(0, 1, 1, 0, 1, 7), acquisition: f(0, 1, 0, 1, 0, null), conversion: none, retention: none, loyalty: none });
      expect(january?.flows).toEqual([{ from: null, to: 'reach', moves: 1 }, { from: 'reach', to: 'acquisition', moves: 1 }]);
      // February: mover's first order on the 1st, after 22 days in acquisition (Jan 10th to Feb 1st).
      expect(february?.stages).toEqual({ reach: none, acquisition: f(1, 0, 1, 0, 1, 22), conversion: f(0, 1, 0, 1, 0, null), retention: none, loyalty: none });
      // March: mover's repeat on the 1st (29 days in conversion); anon-5 seen on the 1st, surveyed on the 5th.
      expect(march?.stages).toEqual({ reach: f(0, 1, 1, 0, 1, 4), acquisition: f(0, 1, 0, 1, 0, null), conversion: f(1, 0, 1, 0, 1, 29), retention: f(0, 1, 0, 1, 0, null), loyalty: none });
      // April: anon-5 linked to fan on the 10th (36 days in acquisition, March 5th to April 10th: not a move
      // on), fan in acquisition from the 10th and converted on the 20th (10 days): 1 of 2 moved on, median
      // of 10 and 36 days 23.
      expect(april?.stages).toEqual({ reach: none, acquisition: f(1, 1, 2, 0, 0.5, 23), conversion: f(0, 1, 0, 1, 0, null), retention: f(1, 0, 0, 1, 0, null), loyalty: none });
      expect(april?.flows).toEqual([{ from: null, to: 'acquisition', moves: 1 }, { from: 'acquisition', to: null, moves: 1 }, { from: 'acquisition', to: 'conversion', moves: 1 }]);
      // The whole range: reach stays of 7 and 4 days; acquisition entered 3 times, 2 moved on (22, 36, 10 days).
      expect(result.stages).toEqual({
        reach: f(0, 2, 2, 0, 1, 5.5), acquisition: f(0, 3, 3, 0, 2 / 3, 22), conversion: f(0, 2, 1, 1, 0.5, 29), retention: f(0, 1, 0, 1, 0, null), loyalty: none,
      });
      expect(result.flows).toEqual([
        { from: null, to: 'reach', moves: 2 }, { from: null, to: 'acquisition', moves: 1 }, { from: 'reach', to: 'acquisition', moves: 2 },
        { from: 'acquisition', to: null, moves: 1 }, { from: 'acquisition', to: 'conversion', moves: 2 }, { from: 'conversion', to: 'retention', moves: 1 },
      ]);
    });

    it('starts a range with the stages held the day before, and measures a stay from its real start', async () => {
      // On March 2nd mover is in retention (since the 1st) and anon-5 in reach (since the 1st); anon-5 leaves
      // reach on the 5th after 4 days, 2 of them before the range.
      const result = await stageFlows(store.store, { from: '2024-03-03', to: '2024-04-30', grain: 'month', config: parseConfig({}) });
      expect(result.periods[0]).toMatchObject({ from: '2024-03-03', to: '2024-03-31' });
      expect(result.periods[0]?.stages.reach).toEqual(f(1, 0, 1, 0, 1, 4));
      expect(result.periods[0]?.stages.retention).toEqual(f(1, 0, 0, 1, 0, null));
    });

    it('cuts weeks (Monday to Sunday) to the range', async () => {
      // 2024-01-03 is a Wednesday: the first week runs to Sunday the 7th; mover is seen that week and
      // reaches acquisition on Wednesday the 10th, in the second.
      const result = await stageFlows(store.store, { from: '2024-01-03', to: '2024-01-31', grain: 'week', config: parseConfig({}) });
      expect(result.periods.map((p) => [p.from, p.to])).toEqual([['2024-01-03', '2024-01-07'], ['2024-01-08', '2024-01-14'], ['2024-01-15', '2024-01-21'], ['2024-01-22', '2024-01-28'], ['2024-01-29', '2024-01-31']]);
      expect(result.periods[0]?.stages.reach).toEqual(f(0, 1, 0, 1, 0, null));
      expect(result.periods[1]?.stages.reach).toEqual(f(1, 0, 1, 0, 1, 7));
    });

    it('rejects a bad date or a range backwards', async () => {
      await expect(stageFlows(store.store, { from: '2024-02-30', to: '2024-03-01', grain: 'day', config: parseConfig({}) })).rejects.toThrow('--from "2024-02-30" is not a date (expected YYYY-MM-DD)');
      await expect(stageFlows(store.store, { from: '2024-03-01', to: '2024-02-01', grain: 'day', config: parseConfig({}) })).rejects.toThrow('--to 2024-02-01 is before --from 2024-03-01');
    });
  });
}

for (const engine of testEngines) {
  describe.skipIf(engine.skip)(engineTitle(engine, 'stage flows of a prospect who identifies'), () => {
    let store: TestStore;
    beforeAll(async () => {
      store = await engine.open();
      await appendEvents(store.store, [
        event('page_viewed', null, '2024-01-05', { anonymousId: 'anon-x' }),
        event('identify', 'lead-x', '2024-02-01', { anonymousId: 'anon-x' }),
      ], { source: 'test' });
    });
    afterAll(async () => store?.cleanup());

    it('counts the link out of reach as moving on', async () => {
      const result = await stageFlows(store.store, { from: '2024-02-01', to: '2024-02-29', grain: 'month', config: parseConfig({}) });
      // anon-x was in reach from January 5th and is linked to lead-x on February 1st, 27 days later: it
      // moved on. lead-x appears in acquisition that day.
      expect(result.periods[0]?.stages.reach).toEqual(f(1, 0, 1, 0, 1, 27));
      expect(result.periods[0]?.stages.acquisition).toEqual(f(0, 1, 0, 1, 0, null));
    });
  });
}
