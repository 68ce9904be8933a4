/**
 * One subscription's MRR spans and a customer's movements, on the edge cases a finance lead asks about:
 * upgrades and downgrades mid-period, cancel then come back in the same month, pauses, late renewals,
 * yearly plans spread over the months, trials, two subscriptions at once. Money is in units of 1/10,000:
 * 30.00 is 300,000.
 */
import { describe, expect, it } from 'vitest';
import { mrrMovements } from './mrr-movements.js';
import { subscriptionTimeline, type SubscriptionEvent, type SubscriptionTimeline, type TimelineRules } from './subscription-timeline.js';

const day = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;
const money = (value: number) => Math.round(value * 10_000);

function sub(kind: SubscriptionEvent['kind'], date: string, fields: Partial<SubscriptionEvent> = {}): SubscriptionEvent {
  return { day: day(date), kind, plan: 'basic', subscriptionKind: 'service', amount: kind === 'cancelled' ? null : money(30), interval: 'month', intervalCount: 1, trial: false, status: null, ...fields };
}

/** The renewals due as day and outcome only. */
const dues = (timeline: SubscriptionTimeline) => timeline.renewalsDue.map(({ day, renewed }) => ({ day, renewed }));

const rules = (overrides: Partial<TimelineRules> = {}): TimelineRules => ({ graceDays: 3, accessAfterCancel: 'period_end', lastDay: day('2026-12-31'), ...overrides });

describe('subscription timeline', () => {
  it('runs from the start to the end of the last period paid for, after a cancellation', () => {
    const timeline = subscriptionTimeline([sub('started', '2026-01-10'), sub('renewed', '2026-02-10'), sub('renewed', '2026-03-10'), sub('cancelled', '2026-03-20')], rules());
    expect(timeline.spans).toEqual([{ from: day('2026-01-10'), to: day('2026-04-10'), mrr: money(30), plan: 'basic', subscriptionKind: 'service' }]);
    // Due on 10 February and 10 March (renewed), and on 10 April (cancelled, so not).
    expect(dues(timeline)).toEqual([
      { day: day('2026-02-10'), renewed: true },
      { day: day('2026-03-10'), renewed: true },
      { day: day('2026-04-10'), renewed: false },
    ]);
    expect(mrrMovements(timeline.spans).map((m) => [m.type, m.delta])).toEqual([['new', money(30)], ['churn', -money(30)]]);
    // Three periods paid, then it ended: what the plan's sBG model is fitted on.
    expect(timeline.lifetimes).toEqual([{ payments: 3, ended: true, plan: 'basic', amount: money(30), interval: 'month', intervalCount: 1 }]);
  });

  it('ends at once with accessAfterCancel: none', () => {
    const timeline = subscriptionTimeline([sub('started', '2026-01-10'), sub('cancelled', '2026-01-20')], rules({ accessAfterCancel: 'none' }));
    expect(timeline.spans).toEqual([{ from: day('2026-01-10'), to: day('2026-01-20'), mrr: money(30), plan: 'basic', subscriptionKind: 'service' }]);
  });

  it('changes MRR on the day of an upgrade or a downgrade mid-period', () => {
    const timeline = subscriptionTimeline(
      [sub('started', '2026-01-10'), sub('changed', '2026-01-25', { plan: 'pro', amount: money(50) }), sub('changed', '2026-02-05', { plan: 'lite', amount: money(20) })],
      rules(),
    );
    expect(timeline.spans.map((s) => [s.plan, s.mrr])).toEqual([['basic', money(30)], ['pro', money(50)], ['lite', money(20)]]);
    // 0 -> 30 new, 30 -> 50 expansion, 50 -> 20 contraction; still live on 31 December? No: never renewed,
    // so the period paid on 10 January ran out on 10 February.
    expect(mrrMovements(timeline.spans).map((m) => [m.type, m.delta])).toEqual([
      ['new', money(30)],
      ['expansion', money(20)],
      ['contraction', -money(30)],
      ['churn', -money(20)],
    ]);
    expect(timeline.spans.at(-1)?.to).toBe(day('2026-02-10'));
  });

  it('continues through a renewal paid within the grace days, and churns when it comes later', () => {
    // Due 10 February; paid on the 12th, two days late (grace 3): as if on time.
    const onTime = subscriptionTimeline([sub('started', '2026-01-10'), sub('renewed', '2026-02-12')], rules({ lastDay: day('2026-02-28') }));
    expect(onTime.spans).toEqual([{ from: day('2026-01-10'), to: null, mrr: money(30), plan: 'basic', subscriptionKind: 'service' }]);
    expect(dues(onTime)).toEqual([{ day: day('2026-02-10'), renewed: true }]);
    // Paid on the 15th, five days late: it ran out on the 10th and starts again on the 15th.
    const late = subscriptionTimeline([sub('started', '2026-01-10'), sub('renewed', '2026-02-15')], rules({ lastDay: day('2026-02-28') }));
    expect(late.spans.map((s) => [s.from, s.to])).toEqual([[day('2026-01-10'), day('2026-02-10')], [day('2026-02-15'), null]]);
    expect(dues(late)).toEqual([{ day: day('2026-02-10'), renewed: false }]);
    expect(mrrMovements(late.spans).map((m) => m.type)).toEqual(['new', 'churn', 'reactivation']);
    expect(late.lifetimes.map((l) => [l.payments, l.ended])).toEqual([[1, true], [1, false]]);
  });

  it('keeps a period open while its renewal may still come within the grace days', () => {
    // Due 10 February; the range ends on the 12th, inside the 3 grace days: still counted.
    const pending = subscriptionTimeline([sub('started', '2026-01-10')], rules({ lastDay: day('2026-02-12') }));
    expect(pending.spans[0]?.to).toBeNull();
    expect(pending.renewalsDue).toEqual([]);
    // On the 13th the grace has passed (the 10th, 11th and 12th were the grace days): it ran out on the 10th.
    const over = subscriptionTimeline([sub('started', '2026-01-10')], rules({ lastDay: day('2026-02-13') }));
    expect(over.spans[0]?.to).toBe(day('2026-02-10'));
    // Both record the wait: a range ending on the 10th, 11th or 12th sees the renewal still to come.
    expect(pending.waits).toEqual([{ from: day('2026-02-10'), until: day('2026-02-13') }]);
    expect(over.waits).toEqual(pending.waits);
  });

  it('records a wait up to the late renewal that ended it, and none for a renewal on time or a cancellation', () => {
    const late = subscriptionTimeline([sub('started', '2026-01-10'), sub('renewed', '2026-02-12')], rules());
    expect(late.waits).toEqual([
      { from: day('2026-02-10'), until: day('2026-02-12') },
      // The period paid on 12 February ran out on 10 March, and no renewal came.
      { from: day('2026-03-10'), until: day('2026-03-13') },
    ]);
    const cancelled = subscriptionTimeline([sub('started', '2026-01-10'), sub('renewed', '2026-02-09'), sub('cancelled', '2026-02-20')], rules());
    expect(cancelled.waits).toEqual([]);
    expect(subscriptionTimeline([sub('started', '2026-01-10')], rules({ graceDays: 0 })).waits).toEqual([]);
  });

  it('gives each renewal due the plan of the period that ran out', () => {
    const timeline = subscriptionTimeline([sub('started', '2026-01-10'), sub('renewed', '2026-02-10', { plan: 'pro', amount: money(50) })], rules({ lastDay: day('2026-02-28') }));
    expect(timeline.renewalsDue).toEqual([{ day: day('2026-02-10'), renewed: true, plan: 'basic', subscriptionKind: 'service' }]);
  });

  it('spreads a yearly plan over the months of its year', () => {
    const timeline = subscriptionTimeline([sub('started', '2026-01-15', { amount: money(120), interval: 'year' })], rules());
    // 120 a year is 10 a month, from 15 January, still running at the end of 2026 (paid through 15 January 2027).
    expect(timeline.spans).toEqual([{ from: day('2026-01-15'), to: null, mrr: money(10), plan: 'basic', subscriptionKind: 'service' }]);
    const twoYears = subscriptionTimeline([sub('started', '2026-01-15', { amount: money(120), interval: 'year' })], rules({ lastDay: day('2027-03-31') }));
    expect(twoYears.spans[0]?.to).toBe(day('2027-01-15'));
  });

  it('normalises weekly, quarterly and multi-month intervals to a month', () => {
    const mrrOf = (fields: Partial<SubscriptionEvent>) => subscriptionTimeline([sub('started', '2026-01-01', fields)], rules()).spans[0]?.mrr;
    expect(mrrOf({ amount: money(12), interval: 'week' })).toBe(money(52)); // 12 x 52 / 12
    expect(mrrOf({ amount: money(90), interval: 'quarter' })).toBe(money(30));
    expect(mrrOf({ amount: money(90), interval: 'month', intervalCount: 6 })).toBe(money(15));
  });

  it('is worth nothing while paused, and does not run out', () => {
    const timeline = subscriptionTimeline(
      [sub('started', '2026-01-01'), sub('changed', '2026-01-15', { status: 'paused', amount: null }), sub('changed', '2026-03-01', { status: 'active', amount: null })],
      rules({ lastDay: day('2026-03-20') }),
    );
    // Paused from 15 January to 1 March (past the 1 February renewal date: the pause stops the clock), then
    // a new period from 1 March.
    expect(timeline.spans.map((s) => [s.from, s.to, s.mrr])).toEqual([[day('2026-01-01'), day('2026-01-15'), money(30)], [day('2026-03-01'), null, money(30)]]);
    expect(timeline.renewalsDue).toEqual([]);
  });

  it('counts a trial as worth nothing until its first payment', () => {
    const converted = subscriptionTimeline([sub('started', '2026-01-01', { trial: true, amount: 0 }), sub('renewed', '2026-02-01')], rules({ lastDay: day('2026-02-20') }));
    expect(converted.spans).toEqual([{ from: day('2026-02-01'), to: null, mrr: money(30), plan: 'basic', subscriptionKind: 'service' }]);
    expect(converted.trials).toEqual([{ started: day('2026-01-01'), converted: day('2026-02-01'), plan: 'basic', subscriptionKind: 'service' }]);
    expect(converted.renewalsDue).toEqual([]);
    const lapsed = subscriptionTimeline([sub('started', '2026-01-01', { trial: true, amount: 0 })], rules({ lastDay: day('2026-02-20') }));
    // The trial ran out on 1 February and nothing came within the grace days: a wait from the 1st to the 4th.
    expect(lapsed).toEqual({
      spans: [],
      renewalsDue: [],
      trials: [{ started: day('2026-01-01'), converted: null, plan: 'basic', subscriptionKind: 'service' }],
      lifetimes: [],
      waits: [{ from: day('2026-02-01'), until: day('2026-02-04') }],
    });
    expect(converted.lifetimes).toEqual([{ payments: 1, ended: false, plan: 'basic', amount: money(30), interval: 'month', intervalCount: 1 }]);
  });
});

describe('MRR movements of a customer', () => {
  const span = (from: string, to: string | null, mrr: number, plan = 'basic') => ({ from: day(from), to: to === null ? null : day(to), mrr: money(mrr), plan, subscriptionKind: 'service' as const });

  it('counts a second subscription as expansion, cancelling one of two as contraction, the last as churn', () => {
    const movements = mrrMovements([span('2026-01-01', '2026-05-01', 30), span('2026-02-01', '2026-03-01', 20)]);
    expect(movements.map((m) => [m.type, m.delta / 10_000, m.after / 10_000])).toEqual([
      ['new', 30, 30],
      ['expansion', 20, 50],
      ['contraction', -20, 30],
      ['churn', -30, 0],
    ]);
  });

  it('nets the changes of one day into one movement', () => {
    // Sub A (30) ends and sub B (30) starts on 1 March: no movement; B is 50 from 1 April: expansion of 20.
    expect(mrrMovements([span('2026-01-01', '2026-03-01', 30), span('2026-03-01', null, 30)]).map((m) => m.type)).toEqual(['new']);
    expect(mrrMovements([span('2026-01-01', '2026-03-01', 30), span('2026-03-01', null, 50)]).map((m) => [m.type, m.delta / 10_000])).toEqual([['new', 30], ['expansion', 20]]);
  });

  it('counts cancel then come back in the same month as churn then reactivation', () => {
    const movements = mrrMovements([span('2026-01-01', '2026-01-10', 30), span('2026-01-20', null, 30)]);
    expect(movements.map((m) => [m.type, m.delta / 10_000])).toEqual([['new', 30], ['churn', -30], ['reactivation', 30]]);
    // Opening 0 + 30 - 30 + 30 = closing 30.
    expect(movements.reduce((sum, m) => sum + m.delta, 0)).toBe(money(30));
  });
});
