import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { histories } from '../../../lifecycle/histories.case.js';
import { tempStoreFileWith, type TempStore } from '../../../testing/temp-store.js';
import { runCli } from '../../../testing/run-cli.js';

let temp: TempStore;
beforeAll(async () => {
  temp = await tempStoreFileWith(histories, 'histories');
});
afterAll(async () => temp?.cleanup());

describe('tenure lifecycle', () => {
  it('prints the periods as JSON, a month ending with the stages tenure customers gives on its last day', async () => {
    const result = await runCli('lifecycle', '--db', temp.path, '--from', '2024-01-15', '--to', '2024-03-31', '--json');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.out);
    expect(Object.keys(json)).toEqual(['from', 'to', 'grain', 'stages', 'flows', 'lapsedAfterDays', 'periods']);
    // Each period carries its stages' own measures (src/lifecycle/stage-measures.test.ts checks their figures).
    expect(Object.keys(json.periods[0])).toEqual(['from', 'to', 'stages', 'flows', 'measures']);
    expect(Object.keys(json.periods[0].measures)).toEqual(['reach', 'acquisition', 'conversion', 'retention', 'loyalty']);
    const flowsOnly = JSON.parse((await runCli('lifecycle', '--db', temp.path, '--from', '2024-01-15', '--to', '2024-03-31', '--json', '--no-measures')).out);
    expect(Object.keys(flowsOnly.periods[0])).toEqual(['from', 'to', 'stages', 'flows']);
    expect(json).toMatchObject({ from: '2024-01-15', to: '2024-03-31', grain: 'month' });
    expect(json.periods.map((p: { from: string; to: string }) => [p.from, p.to])).toEqual([['2024-01-15', '2024-01-31'], ['2024-02-01', '2024-02-29'], ['2024-03-01', '2024-03-31']]);
    expect(Object.keys(json.periods[0].stages)).toEqual(['reach', 'acquisition', 'conversion', 'retention', 'loyalty']);
    expect(Object.keys(json.periods[0].stages.reach)).toEqual(['customersAtStart', 'customers', 'entries', 'exits', 'conversion', 'medianDaysInStage']);
    const customers = JSON.parse((await runCli('customers', '--db', temp.path, '--as-of', '2024-02-29', '--json')).out) as { stage: string }[];
    for (const stage of ['reach', 'acquisition', 'conversion', 'retention', 'loyalty']) {
      expect({ stage, customers: json.periods[1].stages[stage].customers }).toEqual({ stage, customers: customers.filter((c) => c.stage === stage).length });
    }
    // In February anon-7 is linked to lead-7 (Feb 1st): a reach prospect gone, an acquisition customer new.
    expect(json.periods[1].flows).toEqual(expect.arrayContaining([{ from: null, to: 'acquisition', moves: 1 }, { from: 'reach', to: null, moves: 1 }]));
  });

  it('prints a table per period, the whole range and the flows matrix', async () => {
    const result = await runCli('lifecycle', '--db', temp.path, '--from', '2024-01-01', '--to', '2024-02-29', '--grain', 'month');
    expect(result.code).toBe(0);
    expect(result.out).toContain('lifecycle stages by month, 2024-01-01 to 2024-02-29 (config: defaults (preset shop))');
    expect(result.out).toContain('\n2024-01-01 to 2024-01-31\nstage');
    expect(result.out).toMatch(/stage\s+at start\s+entries\s+exits\s+at end\s+moved on\s+median days/);
    expect(result.out).toContain('the whole range, 2024-01-01 to 2024-02-29');
    expect(result.out).toMatch(/from \\ to\s+reach\s+acquisition\s+conversion\s+retention\s+loyalty\s+linked\n/);
    // jumper's first order on Jan 2nd and box-subscriber's start on Jan 10th: two new customers straight into conversion.
    expect(result.out).toMatch(/\nnew\s+[\d-]+\s+[\d-]+\s+2\s/);
  });

  it('rejects an unknown grain and a bad date in one line', async () => {
    const grain = await runCli('lifecycle', '--db', temp.path, '--from', '2024-01-01', '--to', '2024-01-31', '--grain', 'year');
    expect(grain.code).not.toBe(0);
    expect(grain.err).toBe('tenure: --grain "year" is not a grain (allowed: day, week, month)\n');
    const date = await runCli('lifecycle', '--db', temp.path, '--from', '2024-13-01', '--to', '2024-01-31');
    expect(date.err).toBe('tenure: --from "2024-13-01" is not a date (expected YYYY-MM-DD)\n');
  });
});

describe('tenure customer: stage history', () => {
  it('prints one line per stage change up to the as-of date', async () => {
    const result = await runCli('customer', 'jumper', '--db', temp.path, '--as-of', '2024-05-10');
    expect(result.code).toBe(0);
    // A first order on Jan 2nd (no contact before: reach and acquisition skipped), the repeat on Feb 1st,
    // the referral on April 15th with 4 purchases over 90 days (Jan 2nd to April 1st): loyalty.
    expect(result.out).toContain(
      'stage history (3 changes, oldest first)\n  2024-01-02  new -> conversion\n  2024-02-01  conversion -> retention\n  2024-04-15  retention -> loyalty\n',
    );
    const json = JSON.parse((await runCli('customer', 'anon-7', '--db', temp.path, '--as-of', '2024-01-20', '--json')).out);
    expect(json.stageHistory).toEqual([{ day: '2024-01-05', from: null, to: 'reach' }]);
  });
});
