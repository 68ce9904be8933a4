/**
 * Segment members, sizes and saved definitions on both engines, on the hand-built histories of
 * histories.case.ts plus a few identify events with traits. Every expected id list is worked out from
 * the histories by hand in the comments (default shop config: activity window 30 days).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../config/load-config.js';
import { appendEvents } from '../ingest/append-events.js';
import { classifyCustomers } from '../lifecycle/classify-customers.js';
import type { CustomerClassification } from '../lifecycle/classify.js';
import { event, histories, scoredFit } from '../lifecycle/histories.case.js';
import { engineTitle, testEngines, type TestStore } from '../testing/test-stores.js';
import { segmentCount, segmentMembers } from './segment-members.js';
import { segmentSizes } from './segment-sizes.js';
import { deleteSegment, getSegment, listSegments, saveSegment } from './segment-store.js';

const config = parseConfig({});
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/** Traits: shopper in DE aged 34, then 35 (as text) from March 20th; weekly in DE with an age that is no number. */
const traits = [
  event('identify', 'shopper', '2024-03-01', { properties: { country: 'DE', age: 34 } }),
  event('identify', 'shopper', '2024-03-20', { properties: { age: '35' } }),
  event('identify', 'weekly', '2024-03-01', { properties: { country: 'DE', age: 'unknown' } }),
];

async function members(store: TestStore['store'], filter: string, asOf: string): Promise<string[]> {
  const ids: string[] = [];
  await segmentMembers(store, { filter, asOf, config, batchSize: 2 }, (batch) => void ids.push(...batch.map((c) => c.customer_id)));
  return ids;
}

for (const engine of testEngines) {
  describe.skipIf(engine.skip)(engineTitle(engine, 'segments'), () => {
    let t: TestStore;
    beforeAll(async () => {
      t = await engine.open();
      await appendEvents(t.store, [...histories, ...traits], { source: 'histories' });
      await t.store.run(scoredFit.fit);
      await t.store.run(scoredFit.scores);
    });
    afterAll(async () => t?.cleanup());

    // As of 2024-03-25 there are 11: advocate, annual-member, anon-9, box-subscriber, jumper, lead-7,
    // quiet-loyal, returner, scored, shopper, weekly (support-only and contact-person start in April).
    const asOf = '2024-03-25';

    it('selects on the facts alone', async () => {
      // Orders by then: advocate 13 (monthly 2023-01-15 .. 2024-01-15), quiet-loyal 15 (2023-01-10 .. 2024-03-10),
      // weekly 5, returner 3, jumper 3, scored 2, shopper 1.
      expect(await members(t.store, 'orders >= 5', asOf)).toEqual(['advocate', 'quiet-loyal', 'weekly']);
      // Revenue (30 an order): quiet-loyal 450, weekly 150, advocate 390 but last ordered 70 days before; jumper 90.
      expect(await members(t.store, 'revenue > 100 and days_since_last_order <= 30', asOf)).toEqual(['quiet-loyal', 'weekly']);
      // weekly last ordered on March 21st: 4 days before.
      expect(await members(t.store, 'days_since_last_order < 5', asOf)).toEqual(['weekly']);
      expect(await members(t.store, 'anonymous', asOf)).toEqual(['anon-9']);
      expect(await members(t.store, 'orders = 0 and not anonymous', asOf)).toEqual(['annual-member', 'box-subscriber', 'lead-7']);
      // The last activity (an order) 4 days before: weekly; quiet-loyal's NPS 10 of 2023-02-01 is its latest answer.
      expect(await members(t.store, 'days_since_last_activity <= 4', asOf)).toEqual(['weekly']);
      expect(await members(t.store, 'nps >= 9', asOf)).toEqual(['quiet-loyal']);
      // Two orders of 30.00: scored; jumper's first order was on January 2nd, 83 days before.
      expect(await members(t.store, 'average_order_value = 30 and orders = 2', asOf)).toEqual(['scored']);
      expect(await members(t.store, 'days_since_first_order between', asOf).catch((e: Error) => e.message)).toBe(
        'expected an operator after days_since_first_order at column 24, found "between" (= != < <= > >=, in (...), is null, is not null)',
      );
      expect(await members(t.store, 'days_since_first_order = 83', asOf)).toEqual(['jumper']);
      // Two tickets in the window as of May 25th: support-only; contact-person's inbound email of April 1st counts, the outbound call not.
      expect(await members(t.store, 'tickets >= 2 or contacts >= 1', '2024-04-12')).toEqual(['contact-person']);
      expect(await members(t.store, 'tickets >= 2 or contacts >= 1', '2024-05-25')).toEqual(['support-only']);
    });

    it('selects on the classification', async () => {
      // Repeat orders or renewals within 365 days, without the loyal pattern plus advocacy: box-subscriber
      // (renewals), jumper (3 orders), quiet-loyal (its NPS aged out), returner (back on 2024-01-05), scored, weekly.
      // advocate has 10 orders since 2023-03-27 over 275 days and the referral of 2023-11-01: loyalty.
      expect(await members(t.store, 'stage = retention', asOf)).toEqual(['box-subscriber', 'jumper', 'quiet-loyal', 'returner', 'scored', 'weekly']);
      // Not active (nothing since 2024-02-25), 3+ orders, retention or loyalty: advocate (last order Jan 15th), returner (Jan 5th).
      expect(await members(t.store, 'stage in (retention, loyalty) and orders >= 3 and not active', asOf)).toEqual(['advocate', 'returner']);
      // Loyal: active with 4+ purchases over 90+ days in 365; weekly's 5 span 20 days, jumper has 3.
      expect(await members(t.store, 'type = loyal', asOf)).toEqual(['quiet-loyal']);
      expect(await members(t.store, 'has loyal', asOf)).toEqual(['quiet-loyal']);
      // Inactive after activity less than 180 days ago: advocate and returner; never active: the rest without orders.
      expect(await members(t.store, 'status = at_risk', asOf)).toEqual(['advocate', 'returner']);
      expect(await members(t.store, 'status is null', asOf)).toEqual(['annual-member', 'anon-9', 'box-subscriber', 'lead-7']);
      // R among the 7 with orders, 1 + floor(5 * below / 6) on days since the last order: weekly 4 days (5),
      // quiet-loyal and scored 15 (4 below: 4), jumper and shopper 24 (2 below: 2), advocate 70 (1), returner 80 (1).
      expect(await members(t.store, 'rfm.r >= 4', asOf)).toEqual(['quiet-loyal', 'scored', 'weekly']);
      // Every order is 30.00, so no average is above the median of 30: nobody is high value.
      expect(await members(t.store, 'high_value', asOf)).toEqual([]);
    });

    it('hands members over as the customers command classifies them', async () => {
      const everyone: CustomerClassification[] = [];
      await classifyCustomers(t.store, { asOf, config }, (batch) => void everyone.push(...batch));
      const selected: CustomerClassification[] = [];
      const result = await segmentMembers(t.store, { filter: 'stage in (retention, loyalty) or trait.country = "DE"', asOf, config }, (batch) => void selected.push(...batch));
      const ids = ['advocate', 'box-subscriber', 'jumper', 'quiet-loyal', 'returner', 'scored', 'shopper', 'weekly'];
      expect(selected.map((c) => c.customer_id)).toEqual(ids);
      expect(plain(selected)).toEqual(plain(everyone.filter((c) => ids.includes(c.customer_id))));
      expect(result).toMatchObject({ members: 8, customers: 11, classified: true });
    });

    it('reads traits as of the date, as text or as numbers', async () => {
      expect(await members(t.store, 'trait.country = "DE"', asOf)).toEqual(['shopper', 'weekly']);
      // lead-7's identify of 2024-02-01 says NL; != needs a country, not (...) does not.
      expect(await members(t.store, "trait.country != 'DE'", asOf)).toEqual(['lead-7']);
      expect((await members(t.store, 'not (trait.country = "DE")', asOf)).length).toBe(9);
      expect(await members(t.store, 'trait.country is null', asOf)).toEqual(['advocate', 'annual-member', 'anon-9', 'box-subscriber', 'jumper', 'quiet-loyal', 'returner', 'scored']);
      // shopper's age is 35 (the text "35") from March 20th, 34 before; weekly's "unknown" is no number.
      expect(await members(t.store, 'trait.age >= 35', asOf)).toEqual(['shopper']);
      expect(await members(t.store, 'trait.age >= 35', '2024-03-10')).toEqual([]);
      expect(await members(t.store, 'trait.age < 100', asOf)).toEqual(['shopper']);
      expect(await members(t.store, 'trait.age = "unknown" and trait.country in (DE, NL)', asOf)).toEqual(['weekly']);
      // support-only's identify is not there yet on March 25th.
      expect(await members(t.store, 'trait.name = "Sue"', asOf)).toEqual([]);
      expect(await members(t.store, 'trait.name = "Sue"', '2024-05-15')).toEqual(['support-only']);
    });

    it('binds every value: a quote in a value matches nothing and breaks nothing', async () => {
      expect(await members(t.store, `trait.country = "x' OR 1=1 --"`, asOf)).toEqual([]);
      expect(await members(t.store, `stage = retention and trait.country in ('DE''); DROP TABLE events; --', "x\\" OR TRUE")`, asOf)).toEqual([]);
      expect(await segmentCount(t.store, { filter: 'orders >= 0', asOf, config })).toEqual({ asOf, members: 11, customers: 11 });
    });

    it('reads the model scores of the latest fit as of the date', async () => {
      // The fit as of 2024-03-31 gives scored 0.2; before it there are no scores.
      expect(await members(t.store, 'probability_alive < 0.3', '2024-04-01')).toEqual(['scored']);
      expect(await members(t.store, 'probability_alive < 0.3', asOf)).toEqual([]);
      expect(await members(t.store, 'probability_alive is null and orders > 0', '2024-04-01')).toEqual(['advocate', 'jumper', 'quiet-loyal', 'returner', 'shopper', 'weekly']);
    });

    it('counts members at the end of each month', async () => {
      // With an order by: Jan 31st advocate, quiet-loyal, returner (2023), jumper (Jan 2nd): 4; Feb 29th the
      // same 4; Mar 31st also shopper, weekly and scored: 7; April 7 (jumper's April order adds no one).
      // Everyone by then: Jan 31st advocate, quiet-loyal, returner, jumper, annual-member, box-subscriber,
      // anon-7 (not yet linked): 7; Feb 29th anon-9 arrives, anon-7 becomes lead-7: 8; Mar 31st 11; Apr 30th
      // contact-person: 12.
      const sizes = await segmentSizes(t.store, { filter: 'orders >= 1', from: '2024-01-01', to: '2024-04-30', grain: 'month', config });
      expect(sizes.periods).toEqual([
        { from: '2024-01-01', to: '2024-01-31', members: 4, customers: 7 },
        { from: '2024-02-01', to: '2024-02-29', members: 4, customers: 8 },
        { from: '2024-03-01', to: '2024-03-31', members: 7, customers: 11 },
        { from: '2024-04-01', to: '2024-04-30', members: 7, customers: 12 },
      ]);
      // Active (activity in the 30 days to the month's end): Jan 31st quiet-loyal (10th), advocate (15th),
      // returner (5th), jumper (2nd); Feb 29th quiet-loyal, jumper (1st); Mar 31st quiet-loyal, weekly,
      // scored (March 1st is day 30: shopper and jumper are out); Apr 30th quiet-loyal, jumper, contact-person.
      const active = await segmentSizes(t.store, { filter: 'active', from: '2024-01-15', to: '2024-04-30', grain: 'month', config });
      expect(active.periods.map((p) => [p.from, p.to, p.members])).toEqual([
        ['2024-01-15', '2024-01-31', 4], ['2024-02-01', '2024-02-29', 2], ['2024-03-01', '2024-03-31', 3], ['2024-04-01', '2024-04-30', 3],
      ]);
    });

    it('saves, lists, replaces and deletes definitions', async () => {
      expect(await listSegments(t.store)).toEqual([]);
      expect(await saveSegment(t.store, { name: 'lapsing-loyals', filter: 'stage = loyalty and not active', description: 'Loyal, gone quiet' })).toEqual({ replaced: false });
      await saveSegment(t.store, { name: 'germans', kind: 'persona', filter: 'trait.country = "DE"' });
      const first = await getSegment(t.store, 'lapsing-loyals');
      expect(first).toMatchObject({ name: 'lapsing-loyals', kind: 'segment', filter: 'stage = loyalty and not active', description: 'Loyal, gone quiet' });
      expect(await saveSegment(t.store, { name: 'lapsing-loyals', filter: 'stage in (loyalty, retention) and not active' })).toEqual({ replaced: true });
      const replaced = await getSegment(t.store, 'lapsing-loyals');
      expect(replaced).toMatchObject({ filter: 'stage in (loyalty, retention) and not active', description: null, createdAt: first.createdAt });
      expect((await listSegments(t.store)).map((s) => [s.name, s.kind])).toEqual([['germans', 'persona'], ['lapsing-loyals', 'segment']]);
      await expect(saveSegment(t.store, { name: 'bad', filter: 'stag = retention' })).rejects.toThrow('unknown field "stag" at column 1');
      await expect(saveSegment(t.store, { name: 'Bad Name', filter: 'active' })).rejects.toThrow('segment name "Bad Name" is not a slug');
      await deleteSegment(t.store, 'germans');
      await expect(getSegment(t.store, 'germans')).rejects.toThrow('no segment "germans" (saved: lapsing-loyals)');
      await expect(deleteSegment(t.store, 'germans')).rejects.toThrow('no segment "germans" (saved: lapsing-loyals)');
    });
  });
}
