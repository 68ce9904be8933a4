/**
 * Lookalike scores worked out by hand on the small population of population.case.ts, on both engines. Also:
 * the high-value group is exactly `tenure customers`'s, and a customer's events from its first order on
 * change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../config/load-config.js';
import { appendEvents } from '../ingest/append-events.js';
import { classifyCustomers } from '../lifecycle/classify-customers.js';
import { event, histories } from '../lifecycle/histories.case.js';
import { afterFirstOrder, asOf, high, logits, others, prospects } from './population.case.js';
import { engineTitle, testEngines, type TestStore } from '../testing/test-stores.js';
import { lookalikeFor, lookalikeGroups, lookalikeScores } from './lookalike-scores.js';

const config = parseConfig({});
for (const engine of testEngines) {
  describe.skipIf(engine.skip)(engineTitle(engine, 'lookalikeScores'), () => {
    let hand: TestStore;
    let many: TestStore;
    beforeAll(async () => {
      hand = await engine.open();
      await appendEvents(hand.store, [...high, ...others, ...afterFirstOrder, ...prospects], { source: 'test' });
      many = await engine.open();
      await appendEvents(many.store, histories, { source: 'histories' });
    });
    afterAll(async () => {
      await hand?.cleanup();
      await many?.cleanup();
    });

    it('fits the likelihood ratios and scores the prospects as worked out by hand', async () => {
      const streamed: string[] = [];
      const result = await lookalikeScores(hand.store, { asOf, config }, (batch) => void streamed.push(...batch.map((s) => s.customer_id)));
      expect(result).toMatchObject({ asOf, highValueCustomers: 6, otherCustomers: 6, prospects: 4, medianAverageOrderValue: 60, notScored: null });
      const weight = (attribute: string, value: string) => result.attributes.find((a) => a.attribute === attribute && a.value === value);
      expect(weight('channel', 'referral')).toMatchObject({ high: 5, others: 1, prospects: 2, highShare: 5 / 6, othersShare: 1 / 6 });
      expect(weight('channel', 'referral')?.logLikelihoodRatio).toBeCloseTo(Math.log(3), 9);
      expect(weight('channel', 'referral')?.lift).toBeCloseTo(3, 9);
      expect(weight('channel', 'ads')?.logLikelihoodRatio).toBeCloseTo(-Math.log(3), 9);
      expect(weight('country', 'DE')?.logLikelihoodRatio).toBeCloseTo(Math.log(5 / 2), 9);
      expect(weight('country', 'FR')?.logLikelihoodRatio).toBeCloseTo(Math.log(3 / 5), 9);
      expect(weight('country', 'NL')?.logLikelihoodRatio).toBeCloseTo(Math.log(1 / 2), 9);
      expect(weight('page_views', '1')).toMatchObject({ high: 6, others: 6, logLikelihoodRatio: 0 });
      // The largest lift first; the email trait is an identifier, never an attribute.
      expect(result.attributes[0]).toMatchObject({ attribute: 'channel', value: 'referral' });
      expect(result.attributes.some((a) => a.attribute === 'email')).toBe(false);
      expect(result.traits.find((t) => t.key === 'email')).toMatchObject({ use: 'ignored', reason: 'an identifier' });
      expect(result.traits.find((t) => t.key === 'country')).toMatchObject({ use: 'category', distinctValues: 3 });

      expect(result.scores.map((s) => s.customer_id)).toEqual(['p1', 'anon-p3', 'p4', 'p2']);
      expect(streamed).toEqual(['anon-p3', 'p1', 'p2', 'p4']); // id order
      const [p1, p3, p4, p2] = result.scores;
      expect(p1).toMatchObject({ anonymous: false, stage: 'acquisition', percentile: 100 });
      expect(p1?.score).toBeCloseTo(7.5 / 8.5, 9);
      expect(p3).toMatchObject({ customer_id: 'anon-p3', anonymous: true, stage: 'reach' });
      expect(p3?.score).toBeCloseTo(3 / 4, 9);
      expect(p3?.percentile).toBeCloseTo(200 / 3, 9);
      expect(p4?.score).toBeCloseTo(1 / 3, 9);
      expect(p4?.percentile).toBeCloseTo(100 / 3, 9);
      expect(p2?.score).toBeCloseTo(1 / 6, 9);
      expect(p2?.percentile).toBe(0);
      for (const s of result.scores) expect(Math.log(s.score / (1 - s.score))).toBeCloseTo(logits[s.customer_id as keyof typeof logits], 9);

      // The drivers: the largest positive weights first, then the negative ones.
      expect(p1?.drivers.map((d) => d.text)).toEqual([
        'channel = referral: 3.0x as common among high-value customers',
        'country = DE: 2.5x as common among high-value customers',
      ]);
      expect(p2?.drivers.map((d) => d.text)).toEqual([
        'channel = ads: 0.33x as common among high-value customers',
        'country = FR: 0.60x as common among high-value customers',
      ]);
      expect(p4?.drivers.map((d) => `${d.attribute} = ${d.value}`)).toEqual(['country = NL']);
    });

    it('sees customers as they were before their first order', async () => {
      const result = await lookalikeScores(hand.store, { asOf, config });
      // h1's later identify (US), sign-up, product views and email visit would each show up as a value here.
      expect(result.attributes.some((a) => a.value === 'US' || a.value === 'email')).toBe(false);
      expect(result.attributes.filter((a) => a.attribute === 'product_views').map((a) => a.value)).toEqual(['0']);
      expect(result.attributes.find((a) => a.attribute === 'signed_up')).toMatchObject({ value: 'no', high: 6, others: 6 });
      expect(result.attributes.find((a) => a.attribute === 'country' && a.value === 'DE')).toMatchObject({ high: 4 });
    });

    it('scores one prospect among all of them, and says when an id is no prospect', async () => {
      const one = await lookalikeFor(hand.store, { customerId: 'p1', asOf, config });
      expect(one.score?.customer_id).toBe('p1');
      expect(one.score?.score).toBeCloseTo(7.5 / 8.5, 9);
      expect(one.score?.percentile).toBe(100);
      const customer = await lookalikeFor(hand.store, { customerId: 'h2', asOf, config });
      expect(customer).toMatchObject({ score: null, reason: 'not a prospect as of 2024-06-30: already a high-value customer (has ordered)' });
      await expect(lookalikeFor(hand.store, { customerId: 'nobody', asOf, config })).rejects.toThrow('no customer or prospect "nobody" as of 2024-06-30');
    });

    it('says why there are no scores without enough high-value customers', async () => {
      // By Feb 29th the h's have 2 orders each: nobody is high value yet.
      const result = await lookalikeScores(hand.store, { asOf: '2024-02-29', config });
      expect(result).toMatchObject({ highValueCustomers: 0, scores: [], attributes: [] });
      expect(result.notScored).toBe('lookalike scores need at least 5 high-value customers as of 2024-02-29; there are 0');
    });

    it('cuts a numeric trait into quartile bands', async () => {
      const aged = await engine.open();
      try {
        // Ages: the h's 50..55, the o's 20..25, p1 51 and p2 21. Quartiles (percentile_disc) of the 14 values
        // 20 21 21 22 23 24 25 50 51 51 52 53 54 55 (12 distinct): the 4th (22), 7th (25) and 11th (52).
        const age = (id: string, at: string, years: number) => event('identify', id, at, { properties: { age: years } });
        await appendEvents(aged.store, [
          ...high, ...others, ...prospects,
          ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((id, i) => age(id, '2024-01-07', 50 + i)),
          ...['o1', 'o2', 'o3', 'o4', 'o5', 'o6'].map((id, i) => age(id, '2024-02-27', 20 + i)),
          age('p1', '2024-05-05', 51), age('p2', '2024-05-05', 21),
        ], { source: 'test' });
        const result = await lookalikeScores(aged.store, { asOf, config });
        expect(result.traits.find((t) => t.key === 'age')).toEqual({ key: 'age', use: 'bands', cuts: [22, 25, 52], distinctValues: 12, people: 14 });
        // Bands: h 0, 0, 2, 4 and o 2, 3, 1, 0 (K = 4, 6 in each group, denominators 10).
        const ages = result.attributes.filter((a) => a.attribute === 'age').map((a) => [a.value, a.high, a.others, a.logLikelihoodRatio]);
        expect(ages.map(([value, h, o]) => [value, h, o])).toEqual([
          ['52 or more', 4, 0], ['25 to under 52', 2, 1], ['under 22', 0, 2], ['22 to under 25', 0, 3],
        ]);
        expect(ages.map((a) => a[3])).toEqual([Math.log(5 / 10) - Math.log(1 / 10), Math.log(3 / 10) - Math.log(2 / 10), Math.log(1 / 10) - Math.log(3 / 10), Math.log(1 / 10) - Math.log(4 / 10)]);
        // p1 (51: 25 to under 52) gains log 1.5 over the hand-worked logit; p2 (21: under 22) loses log 3.
        const score = (id: string) => result.scores.find((s) => s.customer_id === id)?.score ?? NaN;
        expect(Math.log(score('p1') / (1 - score('p1')))).toBeCloseTo(logits.p1 + Math.log(1.5), 9);
        expect(Math.log(score('p2') / (1 - score('p2')))).toBeCloseTo(logits.p2 - Math.log(3), 9);
        expect(result.scores.find((s) => s.customer_id === 'p1')?.drivers.map((d) => d.text)).toContain('age = 25 to under 52: 1.5x as common among high-value customers');
      } finally {
        await aged.cleanup();
      }
    });

    it('marks high value exactly as tenure customers does', async () => {
      for (const [store, dates] of [[hand.store, ['2024-02-29', '2024-04-01', asOf]], [many.store, ['2024-01-20', '2024-03-30', '2024-06-01', '2025-01-20']]] as const) {
        for (const date of dates) {
          const expected = new Map<string, string>();
          await classifyCustomers(store, { asOf: date, config }, (batch) => {
            for (const c of batch) {
              const converted = c.stage !== 'reach' && c.stage !== 'acquisition';
              // The model sees those who have ordered and the prospects (not those who only subscribed).
              if (c.highValueFigures !== null) expected.set(`${c.customer_id}/${c.anonymous}`, c.highValue ? 'high' : 'others');
              else if (!converted) expected.set(`${c.customer_id}/${c.anonymous}`, 'prospect');
            }
          });
          const groups = await lookalikeGroups(store, { asOf: date, config });
          expect(new Map(groups.map((g) => [`${g.customer_id}/${g.anonymous}`, g.group])), `${date}`).toEqual(expected);
          if (store === hand.store && date === asOf) expect(groups.filter((g) => g.group === 'high')).toHaveLength(6);
        }
      }
    });
  });
}
