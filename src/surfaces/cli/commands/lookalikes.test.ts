/**
 * `tenure lookalikes` on the hand-built population of src/lookalike/population.case.ts (the scores are
 * worked out there): the table, the JSON (top N, and every prospect streamed), the case without enough
 * high-value customers, a bad --top; and the same JSON from PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { afterFirstOrder, asOf, high, others, prospects } from '../../../lookalike/population.case.js';
import { describeSameOutputOnPostgres, runCli } from '../../../testing/run-cli.js';
import { tempStoreFileWith, type TempStore } from '../../../testing/temp-store.js';

let temp: TempStore;
beforeAll(async () => {
  temp = await tempStoreFileWith([...high, ...others, ...afterFirstOrder, ...prospects], 'test');
});
afterAll(async () => temp?.cleanup());

describe('tenure lookalikes', () => {
  it('prints what high-value customers looked like and the prospects most like them', async () => {
    const result = await runCli('lookalikes', '--db', temp.path, '--as-of', asOf, '--top', '2');
    expect(result.code).toBe(0);
    expect(result.out).toContain('lookalike scores as of 2024-06-30 (config: defaults (preset shop))');
    expect(result.out).toContain('6 high-value customers (full price, repeat orders, average order above the median 60.00)\nagainst 6 other customers');
    // referral: 5 of the 6 high-value customers (83%), 1 of the 6 others (17%), lift 6/8 / (2/8) = 3.
    expect(result.out).toMatch(/\nchannel +referral +83% \(5\) +17% \(1\) +3\.0x\n/);
    expect(result.out).toMatch(/\ncountry +DE +67% \(4\) +17% \(1\) +2\.5x\n/);
    expect(result.out).toContain('traits left out: email: an identifier');
    // p1: 7.5 / 8.5 = 0.882; anon-p3: 3 / 4.
    expect(result.out).toMatch(/\np1 +acquisition +0\.882 +100\.0 +channel = referral \(3\.0x\), country = DE \(2\.5x\)\n/);
    expect(result.out).toMatch(/\nanon-p3 \(anonymous\) +reach +0\.750 +66\.7 +channel = referral \(3\.0x\)\n/);
    expect(result.out).not.toContain('\np2 ');
  });

  it('prints the model and the top prospects as JSON', async () => {
    const result = await runCli('lookalikes', '--db', temp.path, '--as-of', asOf, '--top', '1', '--json');
    const json = JSON.parse(result.out);
    expect(json).toMatchObject({ asOf, highValueCustomers: 6, otherCustomers: 6, prospects: 4, notScored: null });
    expect(json.attributes[0]).toMatchObject({ attribute: 'channel', value: 'referral', high: 5, others: 1, prospects: 2 });
    expect(json.scores).toHaveLength(1);
    expect(json.scores[0]).toMatchObject({ customer_id: 'p1', anonymous: false, stage: 'acquisition', percentile: 100 });
    expect(json.scores[0].score).toBeCloseTo(7.5 / 8.5, 9);
    expect(json.scores[0].drivers[0]).toMatchObject({ attribute: 'channel', value: 'referral', text: 'channel = referral: 3.0x as common among high-value customers' });
  });

  it('streams every prospect in id order as JSON without --top', async () => {
    const json = JSON.parse((await runCli('lookalikes', '--db', temp.path, '--as-of', asOf, '--json')).out);
    expect(Object.keys(json)).toEqual(['asOf', 'highValueCustomers', 'otherCustomers', 'prospects', 'medianAverageOrderValue', 'notScored', 'minValueCustomers', 'attributes', 'traits', 'scores']);
    expect(json.scores.map((s: { customer_id: string }) => s.customer_id)).toEqual(['anon-p3', 'p1', 'p2', 'p4']);
    expect(json.scores[2].score).toBeCloseTo(1 / 6, 9);
  });

  it('says scores need high-value customers when there are none, without failing', async () => {
    // By Feb 29th the h's have two orders each: nobody is high value.
    const result = await runCli('lookalikes', '--db', temp.path, '--as-of', '2024-02-29');
    expect(result.code).toBe(0);
    expect(result.out).toContain('\nno scores: lookalike scores need at least 5 high-value customers as of 2024-02-29; there are 0\n');
    const json = JSON.parse((await runCli('lookalikes', '--db', temp.path, '--as-of', '2024-02-29', '--json')).out);
    // The o's, identified on Feb 26th and ordering on March 1st, are the prospects then; the p's come in May.
    expect(json).toMatchObject({ highValueCustomers: 0, prospects: 6, scores: [], notScored: expect.stringContaining('at least 5 high-value customers') });
  });

  it('rejects a bad --top and a bad date in one line', async () => {
    const top = await runCli('lookalikes', '--db', temp.path, '--top', 'ten');
    expect(top.code).toBe(1);
    expect(top.err).toBe('tenure: --top must be a whole number of prospects, 1 or more (got "ten")\n');
    const date = await runCli('lookalikes', '--db', temp.path, '--as-of', '2024-13-01');
    expect(date.code).toBe(1);
    expect(date.err.split('\n').filter(Boolean)).toHaveLength(1);
    expect(date.err).toContain('2024-13-01');
  });
});

describeSameOutputOnPostgres('tenure lookalikes', () => temp.path, [['lookalikes', '--as-of', asOf, '--json'], ['lookalikes', '--as-of', asOf, '--top', '3']]);
