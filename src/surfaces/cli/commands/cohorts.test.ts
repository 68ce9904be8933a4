/** `tenure cohorts` on the hand-worked subscription business of src/subscriptions/cohort-report.test.ts. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { business } from '../../../subscriptions/subscription-business.case.js';
import { runCli } from '../../../testing/run-cli.js';
import { tempStoreFileWith, type TempStore } from '../../../testing/temp-store.js';

let temp: TempStore;
beforeAll(async () => {
  temp = await tempStoreFileWith(business, 'test');
});
afterAll(async () => temp?.cleanup());

describe('tenure cohorts', () => {
  it('prints the cohorts and the plans', async () => {
    const result = await runCli('cohorts', '--db', temp.path, '--from', '2026-01-01', '--to', '2026-03-31');
    expect(result.code).toBe(0);
    // January's 3 customers: all paying at the end of January, 2 of 3 in February and March.
    expect(result.out).toMatch(/2026-01\s+3\s+100\.0%\s+66\.7%\s+66\.7%/);
    expect(result.out).toMatch(/2026-02\s+2\s+50\.0%\s+100\.0%/);
    expect(result.out).toMatch(/pro\s+month\s+0\s+1\s+-\s+-.*needs at least one subscription that ended/);
  });

  it('prints JSON, and refuses a negative discount rate', async () => {
    const json = JSON.parse((await runCli('cohorts', '--db', temp.path, '--from', '2026-01-01', '--to', '2026-03-31', '--json')).out);
    expect(json.cohorts.map((c: { cohort: string }) => c.cohort)).toEqual(['2026-01', '2026-02']);
    const bad = await runCli('cohorts', '--db', temp.path, '--from', '2026-01-01', '--to', '2026-03-31', '--discount-rate', '-1');
    expect(bad.code).toBe(1);
    expect(bad.err).toBe('tenure: --discount-rate -1 must be a number of 0 or more (a monthly rate: 0.01 is 1%)\n');
  });
});
