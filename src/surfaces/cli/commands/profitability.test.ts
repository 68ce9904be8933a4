/** `tenure profitability` and `tenure channels` on the customers of src/profitability/economics.case.ts. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { economics } from '../../../profitability/economics.case.js';
import { runCli } from '../../../testing/run-cli.js';
import { tempStoreFileWith, type TempStore } from '../../../testing/temp-store.js';

let temp: TempStore;
beforeAll(async () => {
  temp = await tempStoreFileWith(economics, 'test');
});
afterAll(async () => temp?.cleanup());

describe('tenure profitability', () => {
  it('prints the totals and the most and least profitable customers', async () => {
    const result = await runCli('profitability', '--db', temp.path, '--as-of', '2026-01-31', '--top', '2');
    expect(result.code).toBe(0);
    expect(result.out).toContain('3 customers as of 2026-01-31 USD');
    expect(result.out).toMatch(/net revenue\s+135\.00/);
    expect(result.out).toMatch(/profit\s+102\.50/); // no ticket cost set: 87.50 + 15
    expect(result.out).toContain('cost to serve not counted (set profitability.supportTicketCost)');
    expect(result.out).toMatch(/ann\s+paid_search\s+90\.00\s+30\.00\s+0\.00\s+2\.50\s+57\.50\s+23\.0x/);
  });
});

describe('tenure channels', () => {
  it('prints spend, conversion, CAC and CLV:CAC by channel', async () => {
    const result = await runCli('channels', '--db', temp.path, '--from', '2025-12-01', '--to', '2026-01-31');
    expect(result.code).toBe(0);
    expect(result.out).toContain('no model fit: run `tenure score` for predicted CLV');
    expect(result.out).toMatch(/paid_search\s+2\.00\s+1\s+100\.0%\s+1\s+2\.00\s+90\.00\s+90\.00\s+-\s+45\.0x\s+0\.1/);
  });

  it('refuses an unknown grouping', async () => {
    const result = await runCli('channels', '--db', temp.path, '--from', '2025-12-01', '--to', '2026-01-31', '--by', 'campaign');
    expect(result.code).toBe(1);
    expect(result.err).toBe('tenure: --by "campaign" is not a grouping (allowed: channel, platform)\n');
  });
});
