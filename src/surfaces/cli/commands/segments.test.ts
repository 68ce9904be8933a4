/**
 * `tenure segments` and `tenure customers --segment/--filter` through the CLI, on both engines, on the
 * hand-built histories as of 2024-03-25 (the members are worked out in src/segments/segment-members.test.ts:
 * in retention or loyalty with 3+ orders and inactive since 2024-02-25 are advocate and returner).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendEvents } from '../../../ingest/append-events.js';
import { histories } from '../../../lifecycle/histories.case.js';
import { runCli } from '../../../testing/run-cli.js';
import { engineTitle, testEngines, type TestStore } from '../../../testing/test-stores.js';

const lapsing = 'stage in (retention, loyalty) and orders >= 3 and not active';

for (const engine of testEngines) {
  describe.skipIf(engine.skip)(engineTitle(engine, 'tenure segments'), () => {
    let t: TestStore;
    let db: string;
    beforeAll(async () => {
      t = await engine.open();
      await appendEvents(t.store, histories, { source: 'histories' });
      db = t.store.location;
      // The CLI opens the store itself.
      await t.store.close();
    });
    afterAll(async () => t?.cleanup());

    it('saves, lists, shows and deletes a segment', async () => {
      expect(await runCli('segments', 'list', '--db', db)).toMatchObject({ code: 0, out: 'no segments saved yet: tenure segments save NAME --filter "..."\n' });
      expect(await runCli('segments', 'save', 'lapsing', '--filter', lapsing, '--description', 'Repeat buyers gone quiet', '--db', db)).toMatchObject({
        code: 0,
        out: `saved segment lapsing: ${lapsing}\n`,
      });
      expect((await runCli('segments', 'save', 'buyers', '--persona', '--filter', 'orders >= 1', '--db', db)).out).toBe('saved persona buyers: orders >= 1\n');
      const list = JSON.parse((await runCli('segments', 'list', '--json', '--db', db)).out);
      expect(list.map((s: { name: string; kind: string }) => [s.name, s.kind])).toEqual([['buyers', 'persona'], ['lapsing', 'segment']]);

      const shown = await runCli('segments', 'show', 'lapsing', '--as-of', '2024-03-25', '--db', db);
      expect(shown.code).toBe(0);
      // 2 of the 11 customers and prospects there by then.
      expect(shown.out).toContain(`lapsing: ${lapsing}\n2 of 11 customers and prospects (18.2%) as of 2024-03-25\n`);
      expect(shown.out).toMatch(/advocate\s+no\s+-\s+loyalty\s+at_risk/);
      expect(shown.out).toMatch(/returner\s+no\s+-\s+retention\s+at_risk/);

      // The same objects as tenure customers --json, only fewer.
      const everyone = JSON.parse((await runCli('customers', '--as-of', '2024-03-25', '--json', '--db', db)).out) as { customer_id: string }[];
      const members = JSON.parse((await runCli('segments', 'show', 'lapsing', '--as-of', '2024-03-25', '--json', '--db', db)).out);
      expect(members).toEqual(everyone.filter((c) => ['advocate', 'returner'].includes(c.customer_id)));
      expect(JSON.parse((await runCli('customers', '--segment', 'lapsing', '--as-of', '2024-03-25', '--json', '--db', db)).out)).toEqual(members);

      expect(await runCli('segments', 'delete', 'buyers', '--db', db)).toMatchObject({ code: 0, out: 'deleted buyers\n' });
      expect((await runCli('segments', 'list', '--db', db)).out).toMatch(/^name\s+kind\s+filter\s+description\nlapsing\s+segment\s+stage in .* not active\s+Repeat buyers gone quiet\n$/);
    });

    it('restricts tenure customers to a segment or a filter', async () => {
      const result = await runCli('customers', '--segment', 'lapsing', '--as-of', '2024-03-25', '--db', db);
      expect(result.code).toBe(0);
      expect(result.out).toContain(`segment lapsing: ${lapsing}\n2 of 11 customers and prospects as of 2024-03-25`);
      expect(result.out).toContain('stage       reach 0, acquisition 0, conversion 0, retention 1, loyalty 1');
      const adHoc = JSON.parse((await runCli('customers', '--filter', 'anonymous or type = loyal', '--as-of', '2024-03-25', '--json', '--db', db)).out);
      // anon-9, never linked; quiet-loyal, the one with the loyal pattern then.
      expect(adHoc.map((c: { customer_id: string }) => c.customer_id)).toEqual(['anon-9', 'quiet-loyal']);
    });

    it('counts members by month', async () => {
      // With an order by each month's end (segment-members.test.ts): 4, 4, 7.
      const json = JSON.parse((await runCli('segments', 'size', '--filter', 'orders >= 1', '--from', '2024-01-01', '--to', '2024-03-31', '--json', '--db', db)).out);
      expect(json.periods.map((p: { to: string; members: number }) => [p.to, p.members])).toEqual([['2024-01-31', 4], ['2024-02-29', 4], ['2024-03-31', 7]]);
      const table = await runCli('segments', 'size', 'lapsing', '--from', '2024-03-01', '--to', '2024-03-25', '--db', db);
      expect(table.out).toContain('members at the end of each month, 2024-03-01 to 2024-03-25');
      expect(table.out).toMatch(/2024-03-01\s+2024-03-25\s+2\s+11\s+18\.2%/);
    });

    it('explains a filter without a store', async () => {
      const result = await runCli('segments', 'check', 'active or orders > 1 and trait.country = "DE"');
      expect(result.code).toBe(0);
      expect(result.out).toContain('ok: active or (orders > 1 and trait.country = "DE")\n');
      expect(result.out).toContain('reads the classification: everyone is classified as of the date');
    });

    it('gives one clear line and exit code 1 for a bad filter, an unknown segment or a bad name', async () => {
      const cases: [string[], string][] = [
        [['segments', 'check', 'stage = retension'], 'tenure: "retension" at column 9 is not a stage (allowed: reach, acquisition, conversion, retention, loyalty)\n'],
        [['segments', 'save', 'bad', '--filter', 'stag = x', '--db', db], 'tenure: unknown field "stag" at column 1 (fields: '],
        [['segments', 'save', 'Bad', '--filter', 'active', '--db', db], 'tenure: segment name "Bad" is not a slug'],
        [['segments', 'show', 'nope', '--db', db], 'tenure: no segment "nope" (saved: lapsing)\n'],
        [['segments', 'delete', 'nope', '--db', db], 'tenure: no segment "nope" (saved: lapsing)\n'],
        [['customers', '--segment', 'nope', '--db', db], 'tenure: no segment "nope" (saved: lapsing)\n'],
        [['customers', '--segment', 'lapsing', '--filter', 'active', '--db', db], 'tenure: give a segment name or --filter, not both\n'],
        [['customers', '--filter', 'orders >= "3"', '--db', db], 'tenure: orders takes a number, not "3" (column 11)\n'],
        [['segments', 'show', 'lapsing', '--as-of', '2024-02-30', '--db', db], 'tenure: --as-of "2024-02-30" is not a date (use YYYY-MM-DD)\n'],
        [['segments', 'size', 'lapsing', '--from', '2024-01-01', '--to', '2024-02-01', '--grain', 'year', '--db', db], 'tenure: --grain "year" is not a grain (allowed: day, week, month)\n'],
      ];
      for (const [args, message] of cases) {
        const result = await runCli(...args);
        expect(result.code, args.join(' ')).toBe(1);
        expect(result.err.startsWith(message), `${args.join(' ')}: ${result.err}`).toBe(true);
        expect(result.err.trim().split('\n')).toHaveLength(1);
      }
      // Nothing was saved by the failures.
      expect(JSON.parse((await runCli('segments', 'list', '--json', '--db', db)).out).map((s: { name: string }) => s.name)).toEqual(['lapsing']);
    });
  });
}
