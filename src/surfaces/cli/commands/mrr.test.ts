/** `tenure mrr` on the hand-worked subscription business of src/subscriptions/mrr-report.test.ts. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { business } from '../../../subscriptions/subscription-business.case.js';
import { runCli } from '../../../testing/run-cli.js';
import { tempStoreFileWith, type TempStore } from '../../../testing/temp-store.js';

let temp: TempStore;
beforeAll(async () => {
  temp = await tempStoreFileWith(business, 'test');
});
afterAll(async () => temp?.cleanup());

describe('tenure mrr', () => {
  it('prints the months as JSON', async () => {
    const result = await runCli('mrr', '--db', temp.path, '--from', '2026-01-01', '--to', '2026-03-31', '--json');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.out);
    expect(json).toMatchObject({ from: '2026-01-01', to: '2026-03-31', grain: 'month', by: null, currency: 'USD' });
    expect(json.periods.map((p: { closingMrr: number }) => p.closingMrr)).toEqual([90, 120, 160]);
  });

  it('prints the movements and rates as tables, and each plan with --by plan', async () => {
    const result = await runCli('mrr', '--db', temp.path, '--from', '2026-01-01', '--to', '2026-03-31', '--by', 'plan');
    expect(result.code).toBe(0);
    expect(result.out).toContain('MRR by month (USD), 2026-01-01 to 2026-03-31');
    // February: opening 90, new 70, expansion 20, reactivation 30, contraction 0, churn -90, closing 120, ARR 1,440, 4 customers.
    expect(result.out).toMatch(/2026-02-01\s+90\.00\s+70\.00\s+20\.00\s+30\.00\s+0\.00\s+-90\.00\s+120\.00\s+1,440\.00\s+4/);
    // ARPA 30, customer churn 3 of 4, gross MRR churn 90 / 90, net (90 - 50) / 90, renewals 3 due, 1 renewed.
    expect(result.out).toMatch(/2026-02-01\s+30\.00\s+75\.0%\s+100\.0%\s+44\.4%\s+3\s+33\.3%\s+0\s+-/);
    expect(result.out).toContain('\nplan basic\n');
    expect(result.out).toContain('\nplan pro\n');
  });

  it('refuses an unknown grouping and a bad date in one line', async () => {
    const by = await runCli('mrr', '--db', temp.path, '--from', '2026-01-01', '--to', '2026-03-31', '--by', 'country');
    expect(by.code).toBe(1);
    expect(by.err).toBe('tenure: --by "country" is not a grouping (allowed: plan, kind)\n');
    const date = await runCli('mrr', '--db', temp.path, '--from', '2026-02-30', '--to', '2026-03-31');
    expect(date.code).toBe(1);
    expect(date.err).toBe('tenure: --from "2026-02-30" is not a date (expected YYYY-MM-DD)\n');
  });
});

describe('tenure churn', () => {
  it('prints the churn figures of each month', async () => {
    const result = await runCli('churn', '--db', temp.path, '--from', '2026-01-01', '--to', '2026-03-31');
    expect(result.code).toBe(0);
    // February: 4 paying at the start, 3 churned (75%); 90 MRR, 90 churned, 0 contraction, gross 100%;
    // 20 expansion + 30 reactivation back, net (90 - 50) / 90; 3 renewals due, 1 renewed.
    expect(result.out).toMatch(/2026-02-01\s+4\s+3\s+75\.0%\s+90\.00\s+90\.00\s+0\.00\s+100\.0%\s+50\.00\s+44\.4%\s+3\s+33\.3%/);
    const json = JSON.parse((await runCli('churn', '--db', temp.path, '--from', '2026-01-01', '--to', '2026-03-31', '--json')).out);
    expect(json.periods[1]).toMatchObject({ openingCustomers: 4, churnedCustomers: 3, churnedMrr: 90, expansionMrr: 20, reactivationMrr: 30 });
  });
});
