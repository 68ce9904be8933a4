import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { ConfigError, loadConfig, parseConfig } from './load-config.js';
import { presets } from './presets.js';

/** The problems a config value is refused with. */
function problems(value: unknown): readonly string[] {
  try {
    parseConfig(value);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('the config was accepted');
}

describe('parseConfig', () => {
  it('defaults to a shop: 30 days, purchases, tickets and inbound contacts make a customer active', () => {
    const config = parseConfig({});
    expect(config.preset).toBe('shop');
    expect(config.activity).toEqual({ window: 30, kinds: ['order_completed', 'support_ticket_opened', 'contact'], whileSubscribed: false });
    expect(config.status).toEqual({ lapsedAfterDays: 180, reactivationWindowDays: 90, atRiskProbabilityAlive: 0.5, atRiskRhythmMultiple: 2 });
    expect(config.types.loyal).toEqual({ windowDays: 365, minPurchases: 4, minSpanDays: 90 });
  });

  it('lays a preset under the file\'s own settings', () => {
    const config = parseConfig({ preset: 'subscription', activity: { window: 45 } });
    expect(config.activity).toMatchObject({ window: 45, whileSubscribed: true });
    expect(config.activity.kinds).toContain('subscription_renewed');
    expect(config.status.lapsedAfterDays).toBe(90);
    const b2b = parseConfig({ preset: 'b2b_service', types: { contact: { minContacts: 5 } } });
    expect(b2b.activity.window).toBe(90);
    expect(b2b.types).toMatchObject({ contact: { minContacts: 5 }, supportService: { minTickets: 3 } });
  });

  it('reports every mistake with its path and what is allowed', () => {
    expect(problems({ activity: { window: -3, kinds: ['order_completed', 'contact', 'purchse'] }, rfm: { monetary: 'median' } })).toEqual([
      'activity.window: must be a positive number of days',
      expect.stringMatching(/^activity\.kinds\[2\]: "purchse" is not an event kind \(allowed: order_completed, order_refunded, .*, identify, alias\)$/),
      'rfm.monetary: must be "total" or "average"',
    ]);
    expect(problems({ activity: { windw: 30 }, colour: 'red' })).toEqual([
      'activity.windw: unknown setting (allowed: window, kinds, whileSubscribed)',
      'colour: unknown setting (allowed: preset, activity, subscriptions, types, stages, status, highValue, profitability, rfm)',
    ]);
    expect(problems({ activity: { window: '30' } })).toEqual(['activity.window: must be a positive number of days']);
    expect(problems({ activity: { window: 7.5 } })).toEqual(['activity.window: must be a whole number of days']);
    expect(problems({ activity: { kinds: [] } })).toEqual(['activity.kinds: must name at least one event kind']);
    expect(problems({ stages: { acquisitionKinds: ['contact', 'contact'] } })).toEqual(['stages.acquisitionKinds: names an event kind twice']);
    expect(problems({ highValue: { minFullPriceShare: 1.5 } })).toEqual(['highValue.minFullPriceShare: must be a share from 0 to 1']);
    expect(problems({ preset: 'saas' })).toEqual(['preset: "saas" is not a preset (allowed: shop, subscription, b2b_service)']);
    expect(problems({ types: [] })).toEqual(['types: must be an object with the settings loyal, supportService, contact']);
    expect(problems({ status: { lapsedAfterDays: 60 } })).toEqual([
      'status.reactivationWindowDays: must be at most status.lapsedAfterDays (60): a comeback is seen across the start of that window',
    ]);
  });
});

describe('docs/config.md', () => {
  it('spells out each preset as the code has it', () => {
    const text = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'config.md'), 'utf8');
    const blocks = [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => parseYaml(m[1] ?? '') as { preset: keyof typeof presets });
    expect(blocks.map((b) => b.preset)).toEqual(['subscription', 'b2b_service']);
    for (const { preset, ...settings } of blocks) expect(settings).toEqual(presets[preset]);
  });
});

describe('loadConfig', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tenure-config-'));
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it('uses the defaults when there is no file', () => {
    expect(loadConfig({ cwd: dir, env: {} })).toEqual({ config: parseConfig({}), source: null });
  });

  it('finds tenure.config.json, .yaml or .yml in the folder, in that order', async () => {
    await writeFile(join(dir, 'tenure.config.yml'), 'activity:\n  window: 14\n');
    expect(loadConfig({ cwd: dir, env: {} })).toMatchObject({ config: { activity: { window: 14 } }, source: join(dir, 'tenure.config.yml') });
    await writeFile(join(dir, 'tenure.config.json'), '{"activity": {"window": 21}}');
    expect(loadConfig({ cwd: dir, env: {} }).config.activity.window).toBe(21);
  });

  it('prefers --config to $TENURE_CONFIG to the folder', async () => {
    await writeFile(join(dir, 'a.yaml'), 'preset: b2b_service\n');
    await writeFile(join(dir, 'b.json'), '{"activity": {"window": 7}}');
    await writeFile(join(dir, 'tenure.config.json'), '{}');
    expect(loadConfig({ cwd: dir, env: { TENURE_CONFIG: join(dir, 'a.yaml') } }).config.activity.window).toBe(90);
    expect(loadConfig({ path: join(dir, 'b.json'), cwd: dir, env: { TENURE_CONFIG: join(dir, 'a.yaml') } }).config.activity.window).toBe(7);
  });

  it('names the file in every error: missing, unreadable as JSON or YAML, or invalid', async () => {
    expect(() => loadConfig({ path: join(dir, 'nope.json'), env: {} })).toThrow(`${join(dir, 'nope.json')}: cannot read the config file: no such file`);
    await writeFile(join(dir, 'bad.json'), '{"activity": ');
    expect(() => loadConfig({ path: join(dir, 'bad.json'), env: {} })).toThrow(/bad\.json: not valid JSON/);
    await writeFile(join(dir, 'bad.yaml'), 'activity: [unclosed\n');
    expect(() => loadConfig({ path: join(dir, 'bad.yaml'), env: {} })).toThrow(/bad\.yaml: not valid YAML/);
    await writeFile(join(dir, 'two.yaml'), 'activity:\n  window: 0\nstatus:\n  lapsedAfterDays: -1\n');
    expect(() => loadConfig({ path: join(dir, 'two.yaml'), env: {} })).toThrow(
      `${join(dir, 'two.yaml')}: 2 problems:\n  activity.window: must be a positive number of days\n  status.lapsedAfterDays: must be a positive number of days`,
    );
  });
});
