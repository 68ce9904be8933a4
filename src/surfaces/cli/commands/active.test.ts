import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { histories } from '../../../lifecycle/histories.case.js';
import { tempStoreFileWith, type TempStore } from '../../../testing/temp-store.js';
import { runCli } from '../../../testing/run-cli.js';

let temp: TempStore;
beforeAll(async () => {
  temp = await tempStoreFileWith(histories, 'histories');
});
afterAll(async () => temp?.cleanup());

describe('tenure active', () => {
  it('prints a day per row as JSON, agreeing with tenure customers on a day', async () => {
    const result = await runCli('active', '--db', temp.path, '--from', '2024-03-25', '--to', '2024-03-31', '--json');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.out);
    expect(json).toMatchObject({ from: '2024-03-25', to: '2024-03-31', grain: 'day', window: 30, whileSubscribed: false });
    expect(json.periods).toHaveLength(7);
    const customers = JSON.parse((await runCli('customers', '--db', temp.path, '--as-of', '2024-03-30', '--json')).out);
    expect(json.periods[5]).toMatchObject({ from: '2024-03-30', active: customers.filter((c: { active: boolean }) => c.active).length });
  });

  it('prints months as a table', async () => {
    const result = await runCli('active', '--db', temp.path, '--from', '2024-01-15', '--to', '2024-03-31', '--grain', 'month');
    expect(result.code).toBe(0);
    expect(result.out).toContain('active customers by month, 2024-01-15 to 2024-03-31 (30-day window; config: defaults (preset shop))');
    expect(result.out).toMatch(/month\s+to\s+active at end\s+at any time\s+daily mean\s+peak/);
    expect(result.out).toContain('2024-01-15  2024-01-31');
  });

  it('rejects an unknown grain', async () => {
    const result = await runCli('active', '--db', temp.path, '--from', '2024-01-01', '--to', '2024-01-31', '--grain', 'year');
    expect(result.code).not.toBe(0);
    expect(result.err).toContain('"year" is not a grain (allowed: day, week, month)');
  });
});

describe('tenure compare-active', () => {
  it('prints both groups as JSON and as a table', async () => {
    const json = JSON.parse((await runCli('compare-active', '--db', temp.path, '--as-of', '2024-03-30', '--json')).out);
    expect(Object.keys(json)).toEqual(['asOf', 'window', 'whileSubscribed', 'fitAsOf', 'active', 'inactive']);
    const customers = JSON.parse((await runCli('customers', '--db', temp.path, '--as-of', '2024-03-30', '--json')).out);
    expect(json.active.customers + json.inactive.customers).toBe(customers.length);
    expect(json.active.customers).toBe(customers.filter((c: { active: boolean }) => c.active).length);
    const table = await runCli('compare-active', '--db', temp.path, '--as-of', '2024-03-30');
    expect(table.code).toBe(0);
    expect(table.out).toContain('active vs inactive customers and prospects as of 2024-03-30');
    expect(table.out).toMatch(/revenue \(365 days\)\s+[\d,.]+ \([\d.]+%\)/);
  });
});
