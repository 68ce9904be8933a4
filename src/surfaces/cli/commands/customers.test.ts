import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { histories } from '../../../lifecycle/histories.case.js';
import { tempStoreFileWith, type TempStore } from '../../../testing/temp-store.js';
import { describeSameOutputOnPostgres, runCli } from '../../../testing/run-cli.js';

let temp: TempStore;
beforeAll(async () => {
  temp = await tempStoreFileWith(histories, 'histories');
});
afterAll(async () => temp?.cleanup());

describe('tenure customers', () => {
  it('prints every customer as JSON with the documented fields', async () => {
    const result = await runCli('customers', '--db', temp.path, '--as-of', '2024-03-30', '--json');
    expect(result.code).toBe(0);
    const customers = JSON.parse(result.out);
    expect(customers).toHaveLength(11);
    const shopper = customers.find((c: { customer_id: string }) => c.customer_id === 'shopper');
    expect(Object.keys(shopper)).toEqual(expect.arrayContaining(['customer_id', 'active', 'activeTypes', 'stage', 'status', 'highValue', 'rfm', 'reasons']));
    expect(shopper).toMatchObject({ active: true, activeTypes: ['recent_purchaser'], stage: 'conversion', status: 'active', rfm: { segment: expect.any(String) } });
  });

  it('prints an empty array when nobody is there yet', async () => {
    expect((await runCli('customers', '--db', temp.path, '--as-of', '2020-01-01', '--json')).out).toBe('[]\n');
  });

  it('prints counts by stage, status, type and segment, then the first customers', async () => {
    const result = await runCli('customers', '--db', temp.path, '--as-of', '2024-03-30', '--rows', '3');
    expect(result.out).toContain('11 customers and prospects as of 2024-03-30 (config: defaults (preset shop))');
    // anon-9; lead-7; annual-member and shopper; box-subscriber, jumper, quiet-loyal, returner, scored, weekly; advocate.
    expect(result.out).toMatch(/\nstage +reach 1, acquisition 1, conversion 2, retention 6, loyalty 1\n/);
    // The advocate (13 monthly orders, the last on 2024-01-01) is among the least recent buyers and among those
    // with the most orders and revenue: R 1, F 5, M 5, a customer not to lose.
    expect(result.out).toMatch(/\ncustomer +active +types +stage +status +high value +rfm\nadvocate +no +- +loyalty +at_risk +no +155 cannot_lose\n/);
    expect(result.out.trimEnd().split('\n').at(-1)).toMatch(/^anon-9 \(anonymous\) +no +- +reach +- +no +-$/);
  });

  it('takes the config from --config, and reports its mistakes with their paths', async () => {
    const good = join(temp.dir, 'subscription.yaml');
    await writeFile(good, 'preset: subscription\n');
    const subscribed = JSON.parse((await runCli('customers', '--db', temp.path, '--as-of', '2024-03-01', '--config', good, '--json')).out);
    expect(subscribed.find((c: { customer_id: string }) => c.customer_id === 'annual-member')).toMatchObject({ active: true, activeTypes: ['service_subscriber'] });
    const bad = join(temp.dir, 'bad.json');
    await writeFile(bad, '{"activity": {"window": 0, "kinds": ["purchse"]}}');
    const refused = await runCli('customers', '--db', temp.path, '--config', bad);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`tenure: ${bad}: 2 problems:\n  activity.window: must be a positive number of days\n  activity.kinds[0]: "purchse" is not an event kind (allowed: order_completed,`);
  });
});

describe('tenure customer', () => {
  it('prints the profile: classification with reasons, traits, facts and the timeline newest first', async () => {
    const result = await runCli('customer', 'support-only', '--db', temp.path, '--as-of', '2024-05-25');
    expect(result.code).toBe(0);
    expect(result.out).toContain('support-only as of 2024-05-25\n\nactive       yes: support_ticket_opened on 2024-05-20, within the 30-day activity window');
    expect(result.out).toContain('types        support_service (2 support tickets in the last 30 days (at least 2))');
    expect(result.out).toContain('traits       name=Sue');
    expect(result.out).toMatch(/timeline \(3 of 3 events, newest first\)\n {2}2024-05-20 12:00:00 {2}support_ticket_opened.*\n {2}2024-05-10 .*\n {2}2024-05-01 12:00:00 {2}identify/);
    const json = JSON.parse((await runCli('customer', 'support-only', '--db', temp.path, '--as-of', '2024-05-25', '--json')).out);
    expect(json).toMatchObject({ customer_id: 'support-only', traits: { name: 'Sue' }, classification: { activeTypes: ['support_service'] } });
  });

  it('exits non-zero for an unknown customer', async () => {
    const result = await runCli('customer', 'nobody', '--db', temp.path, '--as-of', '2024-05-25');
    expect(result.code).toBe(1);
    expect(result.err).toBe('tenure: no customer or prospect "nobody" as of 2024-05-25\n');
  });
});

describeSameOutputOnPostgres('tenure customers and customer', () => temp.path, [['customers', '--as-of', '2024-04-09', '--json'], ['customers', '--as-of', '2024-04-09'], ['customer', 'lead-7', '--as-of', '2024-04-09', '--json']]);
