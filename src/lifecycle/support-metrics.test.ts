/**
 * Customer service metrics: every figure worked out by hand on a small ticket history, on DuckDB and on
 * PostgreSQL when TENURE_TEST_POSTGRES_URL is set; and `tenure support` on the same history.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CanonicalEvent } from '../domain/event.js';
import type { EventKind } from '../domain/event-kinds.js';
import { appendEvents } from '../ingest/append-events.js';
import { runCli } from '../testing/run-cli.js';
import { engineTitle, testEngines, type TestStore } from '../testing/test-stores.js';
import { percentile, supportMetrics, type SupportMetrics } from './support-metrics.js';

function event(kind: EventKind, customerId: string, at: string, properties: Record<string, unknown>): CanonicalEvent {
  return {
    eventId: null, kind, customerId, anonymousId: null, occurredAt: new Date(`${at}:00Z`), amount: null, currency: null, rate: null,
    orderId: null, channel: null, platform: null, fullPrice: null, properties,
  };
}
// Imports put a ticket's channel in the events' channel column (the opening here); an event made in code
// may carry it in its properties only (the resolution here): both count.
const opened = (id: string, at: string, channel: string) => ({ ...event('support_ticket_opened', 'a', at, { ticket_id: id, priority: 'normal' }), channel });
const resolved = (id: string, at: string, minutes: number, channel?: string) =>
  event('support_ticket_resolved', 'b', at, { ticket_id: id, first_response_minutes: minutes, ...(channel ? { channel } : {}) });

// The range is Monday 2024-03-04 to Sunday 2024-03-10.
const history: CanonicalEvent[] = [
  opened('t7', '2024-02-20T10:00', 'email'), // before the range, never resolved: open at the end
  opened('t0', '2024-03-01T09:00', 'email'), // before the range, resolved in it
  resolved('t0', '2024-03-05T09:00', 30),
  opened('t1', '2024-03-04T09:00', 'email'), // Mon 9h: 10 min, 4 h
  resolved('t1', '2024-03-04T13:00', 10),
  opened('t1', '2024-03-06T10:00', 'email'), // a second opening: the first one counts
  opened('t2', '2024-03-04T09:30', 'chat'), // Mon 9h: 2 min, 0.5 h
  resolved('t2', '2024-03-04T10:00', 2, 'chat'),
  opened('t3', '2024-03-05T22:00', 'email'), // Tue 22h: 60 min, 48 h
  resolved('t3', '2024-03-07T22:00', 60),
  opened('t4', '2024-03-06T03:00', 'phone'), // Wed 3h: 20 min, 2 h
  resolved('t4', '2024-03-06T05:00', 20),
  opened('t5', '2024-03-09T14:00', 'chat'), // Sat 14h: open at the end
  opened('t6', '2024-03-10T23:00', 'email'), // Sun 23h: resolved after the range, so open at the end
  resolved('t6', '2024-03-11T01:00', 5),
  opened('t8', '2024-03-11T08:00', 'chat'), // after the range
  resolved('t9', '2024-03-08T12:00', 5, 'chat'), // resolved in the range, never seen opened: chat by its resolution
  event('survey_answered', 'a', '2024-03-04T15:00', { csat: 5, context: 'support', ticket_id: 't1' }),
  event('survey_answered', 'a', '2024-03-06T15:00', { csat: 4, context: 'support', ticket_id: 't4' }),
  event('survey_answered', 'b', '2024-03-08T15:00', { csat: 2, context: 'support', ticket_id: 't3' }),
  event('survey_answered', 'b', '2024-03-08T16:00', { nps: 3, context: 'support' }), // no CSAT
  event('survey_answered', 'b', '2024-03-08T17:00', { csat: 1, context: 'purchase' }), // not after support
  event('survey_answered', 'b', '2024-03-11T15:00', { csat: 1, context: 'support', ticket_id: 't6' }), // after the range
];

const stats = (count: number, median: number | null, p90: number | null) => ({ count, median, p90 });

function expectByHand(result: SupportMetrics) {
  // Tickets opened in the range and resolved by its end: first responses 2, 10, 20, 60; resolutions 0.5, 2, 4, 48 hours.
  // percentile_cont(0.9) of four values sits 0.7 of the way from the third to the fourth.
  const { firstResponseMinutes: fr, resolutionHours: rh, ...counts } = result.overall;
  expect(counts).toEqual({ opened: 6, resolved: 6, openAtEnd: 3 });
  expect(fr).toMatchObject({ count: 4, median: 15 });
  expect(fr.p90).toBeCloseTo(20 + 0.7 * 40, 9);
  expect(rh).toMatchObject({ count: 4, median: 3 });
  expect(rh.p90).toBeCloseTo(4 + 0.7 * 44, 9);
  expect(result.byChannel.map((c) => c.channel)).toEqual(['chat', 'email', 'phone']);
  const [chat, email, phone] = result.byChannel;
  expect(chat).toEqual({ channel: 'chat', opened: 2, resolved: 2, openAtEnd: 1, firstResponseMinutes: stats(1, 2, 2), resolutionHours: stats(1, 0.5, 0.5) });
  expect(email).toMatchObject({ channel: 'email', opened: 3, resolved: 3, openAtEnd: 2 });
  expect(email?.firstResponseMinutes).toMatchObject({ count: 2, median: 35 });
  expect(email?.firstResponseMinutes.p90).toBeCloseTo(10 + 0.9 * 50, 9);
  expect(email?.resolutionHours).toMatchObject({ count: 2, median: 26 });
  expect(email?.resolutionHours.p90).toBeCloseTo(4 + 0.9 * 44, 9);
  expect(phone).toEqual({ channel: 'phone', opened: 1, resolved: 1, openAtEnd: 0, firstResponseMinutes: stats(1, 20, 20), resolutionHours: stats(1, 2, 2) });
  expect(result.byHour).toHaveLength(24);
  expect(result.byHour.filter((h) => h.opened > 0)).toEqual([
    { slot: 3, opened: 1, medianFirstResponseMinutes: 20 },
    { slot: 9, opened: 2, medianFirstResponseMinutes: 6 },
    { slot: 14, opened: 1, medianFirstResponseMinutes: null },
    { slot: 22, opened: 1, medianFirstResponseMinutes: 60 },
    { slot: 23, opened: 1, medianFirstResponseMinutes: null },
  ]);
  expect(result.byHour[0]).toEqual({ slot: 0, opened: 0, medianFirstResponseMinutes: null });
  expect(result.byDayOfWeek).toEqual([
    { slot: 1, opened: 2, medianFirstResponseMinutes: 6 },
    { slot: 2, opened: 1, medianFirstResponseMinutes: 60 },
    { slot: 3, opened: 1, medianFirstResponseMinutes: 20 },
    { slot: 4, opened: 0, medianFirstResponseMinutes: null },
    { slot: 5, opened: 0, medianFirstResponseMinutes: null },
    { slot: 6, opened: 1, medianFirstResponseMinutes: null },
    { slot: 7, opened: 1, medianFirstResponseMinutes: null },
  ]);
  expect(result.csat).toEqual({ answers: 3, average: 11 / 3, satisfiedShare: 2 / 3 });
}

const results: SupportMetrics[] = [];

for (const engine of testEngines) {
  describe.skipIf(engine.skip)(engineTitle(engine, 'supportMetrics'), () => {
    let hand: TestStore;
    beforeAll(async () => {
      hand = await engine.open();
      await appendEvents(hand.store, history, { source: 'test' });
    });
    afterAll(async () => hand?.cleanup());

    it('computes the week of 2024-03-04 by hand', async () => {
      const result = await supportMetrics(hand.store, { from: '2024-03-04', to: '2024-03-10' });
      expectByHand(result);
      // Both engines give the very same numbers, percentiles included.
      if (results.length > 0) expect(result).toEqual(results[0]);
      results.push(result);
    });

    it('is empty on a range without support', async () => {
      const result = await supportMetrics(hand.store, { from: '2023-01-01', to: '2023-01-31' });
      expect(result.overall).toEqual({ opened: 0, resolved: 0, openAtEnd: 0, firstResponseMinutes: stats(0, null, null), resolutionHours: stats(0, null, null) });
      expect(result.byChannel).toEqual([]);
      expect(result.csat).toEqual({ answers: 0, average: null, satisfiedShare: null });
    });

    it('rejects a bad range', async () => {
      await expect(supportMetrics(hand.store, { from: '2024-03-10', to: '2024-03-04' })).rejects.toThrow(/after/);
      await expect(supportMetrics(hand.store, { from: '2024-02-30', to: '2024-03-04' })).rejects.toThrow('--from "2024-02-30" is not a date');
    });

    if (engine.name === 'DuckDB') {
      it('prints as JSON and as tables with tenure support', async () => {
        const path = `${hand.dir}/tenure.duckdb`;
        await hand.store.close();
        const run = (...args: string[]) => runCli('support', '--db', path, ...args);
        const json = await run('--from', '2024-03-04', '--to', '2024-03-10', '--json');
        expect(json.code).toBe(0);
        expectByHand(JSON.parse(json.out));
        const table = await run('--from', '2024-03-04', '--to', '2024-03-10');
        expect(table.code).toBe(0);
        expect(table.out).toContain('customer service, 2024-03-04 to 2024-03-10');
        expect(table.out).toMatch(/email\s+3\s+3\s+2/);
        expect(table.out).toMatch(/Mon\s+2\s+6/);
        expect(table.out).toContain('CSAT after support: 3 answers, average 3.67, 66.7% rated 4 or 5');
      });
    }
  });
}

describe('percentile', () => {
  // The order statistics as orderStatsSql hands them over: ranks floor and ceil of (n - 1) * p.
  const picked = (values: number[], tenth: number) => {
    const n = values.length;
    const ranks = [Math.floor(((n - 1) * tenth) / 10), Math.ceil(((n - 1) * tenth) / 10)];
    return values.map((x, i) => ({ n, i, x })).filter((r) => ranks.includes(r.i));
  };
  it('interpolates between the closest ranks as percentile_cont does', () => {
    expect(percentile([], 5)).toBeNull();
    expect(percentile(picked([7], 9), 9)).toBe(7);
    expect(percentile(picked([1, 4], 5), 5)).toBe(2.5);
    expect(percentile(picked([1, 4], 9), 9)).toBeCloseTo(3.7, 12);
    const eleven = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 100];
    expect(percentile(picked(eleven, 5), 5)).toBe(5);
    expect(percentile(picked(eleven, 9), 9)).toBe(9); // (11 - 1) * 0.9 is rank 9 exactly
  });
});
