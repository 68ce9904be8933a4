/**
 * Classification on a real DuckDB store: the hand-built histories of histories.case.ts as of several
 * dates, RFM and high value on a small set worked out by hand, and a customer's profile. With
 * TENURE_TEST_POSTGRES_URL set, the same store copied to PostgreSQL classifies identically.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../config/load-config.js';
import type { ConfigInput } from '../config/config-schema.js';
import type { CanonicalEvent } from '../domain/event.js';
import { appendEvents } from '../ingest/append-events.js';
import { copyStore } from '../store/copy-store.js';
import { DuckDbStore } from '../store/duckdb/duckdb-store.js';
import { PostgresStore } from '../store/postgres/postgres-store.js';
import type { Store } from '../store/store.js';
import { testPostgresUrl, testSchemas } from '../testing/postgres-schemas.js';
import { tempStore, type TempStore } from '../testing/temp-store.js';
import type { CustomerClassification } from './classify.js';
import { classifyCustomers, type ClassifyCustomersResult } from './classify-customers.js';
import { customerProfile } from './customer-profile.js';
import { expectations, histories, scoredFit } from './histories.case.js';

/** A classification as JSON would carry it: its reasons included, as they are written on first read. */
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

async function classifyAll(store: Store, asOf: string, config: ConfigInput = {}): Promise<{ customers: CustomerClassification[]; result: ClassifyCustomersResult }> {
  const customers: CustomerClassification[] = [];
  const result = await classifyCustomers(store, { asOf, config: parseConfig(config), batchSize: 3 }, (batch) => void customers.push(...batch));
  return { customers, result };
}

/** Each distinct (as-of date, config) of the expectations, classified once. */
const runs = [...new Map(expectations.map((e) => [`${e.asOf} ${JSON.stringify(e.config ?? {})}`, { asOf: e.asOf, config: e.config ?? {} }])).values()];

let temp: TempStore;
beforeAll(async () => {
  temp = await tempStore();
  await appendEvents(temp.store, histories, { source: 'histories' });
  await temp.store.run(scoredFit.fit);
  await temp.store.run(scoredFit.scores);
});
afterAll(async () => temp?.cleanup());

describe('classifyCustomers on hand-built histories', () => {
  for (const e of expectations) {
    const config = e.config ? ` with ${JSON.stringify(e.config)}` : '';
    it(`${e.customer} as of ${e.asOf}${config}: ${e.expected ? `${e.expected.stage}, ${e.expected.status ?? 'never active'}` : 'not there yet'}`, async () => {
      const { customers } = await classifyAll(temp.store, e.asOf, e.config);
      const found = customers.find((c) => c.customer_id === e.customer);
      if (e.expected === null) return expect(found).toBeUndefined();
      expect(found).toBeDefined();
      const c = found as CustomerClassification;
      expect({ active: c.active, activeTypes: c.activeTypes, stage: c.stage, status: c.status, anonymous: c.anonymous }).toEqual({ anonymous: false, ...e.expected });
      if (e.reasons?.active) expect(c.reasons.active).toContain(e.reasons.active);
      if (e.reasons?.stage) expect(c.reasons.stage).toContain(e.reasons.stage);
      if (e.reasons?.status) expect(c.reasons.status).toContain(e.reasons.status);
      // Every type carries its reason.
      expect(Object.keys(c.reasons.activeTypes).sort()).toEqual([...c.activeTypes].sort());
    });
  }

  it('hands customers over in byte order of their ids, each once', async () => {
    const { customers, result } = await classifyAll(temp.store, '2024-06-30');
    const ids = customers.map((c) => c.customer_id);
    expect(ids).toEqual([...ids].sort((a, b) => (Buffer.from(a) < Buffer.from(b) ? -1 : 1)));
    expect(new Set(ids).size).toBe(ids.length);
    expect(result.customers).toBe(ids.length);
    // Everyone seen by then: 12 customers and the one unlinked prospect.
    expect(ids).toEqual(['advocate', 'annual-member', 'anon-9', 'box-subscriber', 'contact-person', 'jumper', 'lead-7', 'quiet-loyal', 'returner', 'scored', 'shopper', 'support-only', 'weekly']);
  });

  it('rejects a bad date before doing any work', async () => {
    await expect(classifyAll(temp.store, '2024-02-30')).rejects.toThrow('"2024-02-30" is not a date');
  });
});

describe('RFM and high value, worked out by hand', () => {
  let rfm: TempStore;
  const order = (customerId: string, day: string, amount: string): CanonicalEvent => ({
    eventId: null, kind: 'order_completed', customerId, anonymousId: null, occurredAt: new Date(`${day}T10:00:00Z`), amount, currency: null, rate: null,
    orderId: null, channel: null, platform: null, fullPrice: true, properties: null,
  });
  beforeAll(async () => {
    rfm = await tempStore();
    await appendEvents(rfm.store, [
      order('A', '2024-12-30', '100'),
      ...['2024-10-01', '2024-11-01', '2024-12-01'].map((d) => order('B', d, '50')),
      order('C', '2024-06-01', '20'), order('C', '2024-06-02', '20'),
      ...['2024-01-01', '2024-02-01', '2024-03-01', '2024-04-01', '2024-05-01'].map((d) => order('D', d, '30')),
      order('E', '2023-12-31', '10'),
      order('F', '2024-12-25', '200'), order('F', '2024-12-30', '100'),
      order('G', '2023-06-01', '5'),
    ], { source: 'rfm' });
  });
  afterAll(async () => rfm?.cleanup());

  it('scores 1 + floor(5 * percent_rank) with ties sharing a score, and names the segments', async () => {
    // Seven customers, so a score is 1 + floor(5 * below / 6), below being how many of the others have a lower
    // value. Days since the last order: G 579, E 366, D 244, C 212, B 30, A 1, F 1; so R is 1, 1, 2 (2 below:
    // 1 + floor(10/6)), 3, 4, 5, 5 (A and F tie, 5 below). Orders: A, E, G have 1 (F 1), C and F 2 (3 below: 3),
    // B 3 and D 5 (5 and 6 below: 5). Revenue: G 5 (1), E 10 (1), C 40 (2), A 100 (3), B and D 150 (4 below: 4),
    // F 300 (5). Segments by R and (F + M) / 2 (docs/lifecycle.md): E and G, who bought once long ago, are lost.
    const { customers, result } = await classifyAll(rfm.store, '2024-12-31');
    expect(Object.fromEntries(customers.map((c) => [c.customer_id, c.rfm]))).toEqual({
      A: { r: 5, f: 1, m: 3, segment: 'potential_loyalist' },
      B: { r: 4, f: 5, m: 4, segment: 'champions' },
      C: { r: 3, f: 3, m: 2, segment: 'need_attention' },
      D: { r: 2, f: 5, m: 4, segment: 'at_risk' },
      E: { r: 1, f: 1, m: 1, segment: 'lost' },
      F: { r: 5, f: 3, m: 5, segment: 'champions' },
      G: { r: 1, f: 1, m: 1, segment: 'lost' },
    });
    expect(result.figures.rfmCuts).toEqual({ r: [-244, -212, -30, -1], f: [2, 2, 3, 3], m: [40, 100, 150, 300] });
    expect(customers.find((c) => c.customer_id === 'A')?.reasons.rfm).toBe(
      'R 5 (last order 1 day ago), F 1 (1 order), M 3 (revenue 100.00): potential loyalist, quintiles among 7 customers',
    );
  });

  it('counts frequency and money within the RFM window when there is one', async () => {
    // From 2024-01-01 (364 days before) on: E and G have no order; D's January order falls outside, leaving 4.
    // Orders A 1, C 2, F 2, B 3, D 4 among five: F is 1 + floor(5 * below / 4): A 1, C and F 2 (1 below), B 4 (3
    // below), D 5 (4 below, capped).
    const { customers, result } = await classifyAll(rfm.store, '2024-12-31', { rfm: { windowDays: 365 } });
    const f = Object.fromEntries(customers.map((c) => [c.customer_id, c.rfm?.f ?? null]));
    expect(f).toEqual({ A: 1, B: 4, C: 2, D: 5, E: null, F: 2, G: null });
    expect(result.figures.rfmCustomers).toBe(5);
    expect(customers.find((c) => c.customer_id === 'E')?.reasons.rfm).toBe('no orders in the last 365 days');
  });

  it('calls high value a customer buying at full price, several times over time, above the median order value', async () => {
    // Average orders: G 5, E 10, C 20, D 30, B 50, A 100, F 150: the median is 30. B: 3 orders over 61 days
    // at 50 each, all at full price. D has 5 orders over 121 days, but at 30, not above the median.
    const { customers, result } = await classifyAll(rfm.store, '2024-12-31');
    expect(result.figures.medianAverageOrderValue).toBe(30);
    expect(customers.filter((c) => c.highValue).map((c) => c.customer_id)).toEqual(['B']);
    expect(customers.find((c) => c.customer_id === 'B')?.highValueFigures).toEqual({
      orders: 3, fullPriceShare: 1, spanDays: 61, averageOrderValue: 50, medianAverageOrderValue: 30,
    });
    expect(customers.find((c) => c.customer_id === 'D')?.reasons.highValue).toBe(
      'not high value: full-price share 1.00 >= 0.8; 5 orders over 121 days (needs 3 over 60); average order 30.00 not above the median 30.00',
    );
    // With an even number of purchasers the median is the mean of the middle two: without G, (20 + 30) / 2.
    const { result: before } = await classifyAll(rfm.store, '2023-12-31');
    expect(before.figures).toMatchObject({ purchasers: 2, medianAverageOrderValue: 7.5 });
  });

  it.skipIf(!testPostgresUrl)('scores the same on PostgreSQL (TENURE_TEST_POSTGRES_URL)', async () => {
    const schemas = testSchemas(testPostgresUrl ?? '');
    await rfm.store.close();
    const url = await schemas.create();
    await copyStore(rfm.path, url);
    rfm.store = await DuckDbStore.open(rfm.path);
    const pg = await PostgresStore.open(url);
    try {
      for (const [asOf, config] of [['2023-12-31', {}], ['2024-12-31', {}], ['2024-12-31', { rfm: { windowDays: 365, monetary: 'average' } }]] as const) {
        const [onPg, onDuck] = [await classifyAll(pg, asOf, config), await classifyAll(rfm.store, asOf, config)];
        expect(plain(onPg.customers)).toEqual(plain(onDuck.customers));
        expect(onPg.result.figures).toEqual(onDuck.result.figures);
      }
    } finally {
      await pg.close();
      await schemas.dropAll();
    }
  });
});

describe('customerProfile', () => {
  it('gives traits, facts, the classification and the timeline newest first, the linked anonymous visit included', async () => {
    const profile = await customerProfile(temp.store, { customerId: 'lead-7', asOf: '2024-02-05', config: parseConfig({}) });
    expect(profile).toMatchObject({
      customer_id: 'lead-7',
      anonymous: false,
      traits: { email: 'lead7@example.com', country: 'NL' },
      demographic: { country: 'NL' },
      behavioural: { events: 3, firstSeen: '2024-01-05T12:00:00.000Z', lastSeen: '2024-02-01T12:05:00.000Z' },
      transactional: { orders: 0, averageOrderValue: null },
      classification: { stage: 'acquisition', active: false },
      scores: null,
      timelineTotal: 3,
    });
    expect(profile.timeline.map((e) => e.kind)).toEqual(['lead_captured', 'identify', 'page_viewed']);
    expect(profile.timeline[2]).toMatchObject({ channel: 'search', occurred_at: '2024-01-05T12:00:00.000Z' });
  });

  it('adds the model scores and money when there are some', async () => {
    const profile = await customerProfile(temp.store, { customerId: 'scored', asOf: '2024-04-01', config: parseConfig({}), timelineLimit: 1 });
    expect(profile.scores).toEqual({ fitAsOf: '2024-03-31', probabilityAlive: 0.2, expectedPurchases: 0.4, clv: 12 });
    expect(profile.financial).toMatchObject({ revenue: 60, refunded: 0, netRevenue: 60, currency: 'USD' });
    expect(profile.transactional).toMatchObject({ orders: 2, averageOrderValue: 30, fullPriceShare: 1, firstOrder: '2024-03-01T12:00:00.000Z' });
    expect(profile.timeline).toHaveLength(1);
    expect(profile.classification.status).toBe('at_risk');
  });

  it('says so for a customer not there as of the date', async () => {
    await expect(customerProfile(temp.store, { customerId: 'lead-7', asOf: '2024-01-20', config: parseConfig({}) })).rejects.toThrow(
      'no customer or prospect "lead-7" as of 2024-01-20',
    );
  });
});

describe.skipIf(!testPostgresUrl)('the same classifications on PostgreSQL (TENURE_TEST_POSTGRES_URL)', () => {
  const schemas = testSchemas(testPostgresUrl ?? '');
  let pg: PostgresStore;
  let duck: DuckDbStore;

  beforeAll(async () => {
    // copyStore opens the DuckDB file itself.
    await temp.store.close();
    const url = await schemas.create();
    await copyStore(temp.path, url);
    temp.store = await DuckDbStore.open(temp.path);
    duck = temp.store;
    pg = await PostgresStore.open(url);
  });
  afterAll(async () => {
    await pg?.close();
    await schemas.dropAll();
  });

  it('classifies every customer identically as of every date and config of the histories', async () => {
    for (const { asOf, config } of runs) {
      const onDuck = await classifyAll(duck, asOf, config);
      const onPg = await classifyAll(pg, asOf, config);
      expect(plain(onPg.customers), `${asOf} ${JSON.stringify(config)}`).toEqual(plain(onDuck.customers));
      expect(onPg.result.figures).toEqual(onDuck.result.figures);
    }
  });

  it('gives the same profile', async () => {
    for (const customerId of ['lead-7', 'box-subscriber', 'anon-9', 'scored']) {
      const options = { customerId, asOf: '2024-04-01', config: parseConfig({}) };
      if (customerId === 'anon-9') options.asOf = '2024-03-01';
      expect(plain(await customerProfile(pg, options))).toEqual(plain(await customerProfile(duck, options)));
    }
  });
});
