/**
 * What a `tenure.config.json` (or `.yaml`) may say, with the defaults that suit a shop. Every setting is
 * optional; a file only names what differs. See docs/config.md for each setting and the presets.
 *
 * Each section is a strict object, so a misspelt setting is an error that lists the allowed names rather
 * than a setting silently ignored.
 */
import { z } from 'zod';
import { eventKinds, type EventKind } from '../domain/event-kinds.js';

const kindList = eventKinds.join(', ');

/** A strict object whose unknown keys are reported with the allowed ones; missing sections take their defaults. */
function section<Shape extends z.ZodRawShape>(shape: Shape) {
  const allowed = Object.keys(shape).join(', ');
  return z
    .strictObject(shape, {
      error: (issue) => {
        if (issue.code === 'unrecognized_keys') return `unknown setting (allowed: ${allowed})`;
        if (issue.code === 'invalid_type') return `must be an object with the settings ${allowed}`;
        return undefined;
      },
    })
    // Every setting has a default, so an absent section is an empty one.
    .prefault({} as never);
}

const days = (fallback: number) =>
  z.number({ error: 'must be a positive number of days' }).int('must be a whole number of days').positive('must be a positive number of days').default(fallback);
const daysOrZero = (fallback: number) =>
  z.number({ error: 'must be a number of days, 0 or more' }).int('must be a whole number of days').nonnegative('must be a number of days, 0 or more').default(fallback);
const count = (fallback: number) =>
  z.number({ error: 'must be a whole number, 1 or more' }).int('must be a whole number, 1 or more').positive('must be a whole number, 1 or more').default(fallback);
const share = (fallback: number) =>
  z.number({ error: 'must be a share from 0 to 1' }).min(0, 'must be a share from 0 to 1').max(1, 'must be a share from 0 to 1').default(fallback);

const eventKind = z.enum(eventKinds as [EventKind, ...EventKind[]], {
  error: (issue) => `${JSON.stringify(issue.input)} is not an event kind (allowed: ${kindList})`,
});
// Unique, so a kind's position in the list fits the five bits the facts query packs it into.
const kinds = (fallback: EventKind[]) =>
  z
    .array(eventKind, { error: `must be a list of event kinds (allowed: ${kindList})` })
    .min(1, 'must name at least one event kind')
    .refine((list) => new Set(list).size === list.length, 'names an event kind twice')
    .default(fallback);

export const configSchema = section({
  /** Which presets' defaults apply under the file's own settings (see presets.ts). */
  preset: z.enum(['shop', 'subscription', 'b2b_service'], { error: (issue) => `${JSON.stringify(issue.input)} is not a preset (allowed: shop, subscription, b2b_service)` }).default('shop'),
  activity: section({
    /** A customer is active when an activity event falls on the as-of day or the window - 1 days before it. */
    window: days(30),
    /** The event kinds that make a customer active. A contact counts when inbound (not `direction: outbound`). */
    kinds: kinds(['order_completed', 'support_ticket_opened', 'contact']),
    /** Whether a live subscription keeps its customer active however long ago the last event was. */
    whileSubscribed: z.boolean({ error: 'must be true or false' }).default(false),
  }),
  subscriptions: section({
    /** Days a renewal may be late before the subscription counts as ended. */
    graceDays: daysOrZero(3),
    /** After a cancellation: access lasts to the end of the period paid for, or ends at once. */
    accessAfterCancel: z.enum(['period_end', 'none'], { error: 'must be "period_end" or "none"' }).default('period_end'),
  }),
  types: section({
    /** Loyal: repeat purchases (orders and subscription payments) over a long time, within the window. */
    loyal: section({ windowDays: days(365), minPurchases: count(4), minSpanDays: daysOrZero(90) }),
    /** Support & service: frequent support tickets within the activity window. */
    supportService: section({ minTickets: count(2) }),
    /** Contact: inbound contacts (email, social, phone, visit, chat) within the activity window. */
    contact: section({ minContacts: count(1) }),
  }),
  stages: section({
    /** Direct contact or a lead: moves a prospect from reach to acquisition. */
    acquisitionKinds: kinds(['lead_captured', 'signed_up', 'identify', 'contact', 'support_ticket_opened', 'survey_answered']),
    /** Retention: a repeat purchase or a renewal within this many days. */
    retentionWindowDays: days(365),
    /** Loyalty: the loyal purchase pattern plus advocacy (a referral, a good review, a promoter NPS) within the window. */
    advocacy: section({
      windowDays: days(365),
      minReviewRating: z.number({ error: 'must be a rating from 1 to 5' }).min(1, 'must be a rating from 1 to 5').max(5, 'must be a rating from 1 to 5').default(4),
      minNps: z.number({ error: 'must be a score from 0 to 10' }).int('must be a whole score from 0 to 10').min(0, 'must be a score from 0 to 10').max(10, 'must be a score from 0 to 10').default(9),
    }),
  }),
  status: section({
    /** Lapsed: no activity for this many days. */
    lapsedAfterDays: days(180),
    /** Reactivated: came back within this many days after a lapse. At most lapsedAfterDays. */
    reactivationWindowDays: days(90),
    /** At risk when the latest model scores give a probability alive below this. */
    atRiskProbabilityAlive: share(0.5),
    /** Without scores: at risk when the time since the last activity exceeds this multiple of the customer's own mean gap between purchases. */
    atRiskRhythmMultiple: z.number({ error: 'must be a number above 1' }).gt(1, 'must be a number above 1').default(2),
  }),
  highValue: section({
    /** Share of orders bought at full price. */
    minFullPriceShare: share(0.8),
    minOrders: count(3),
    /** Days from the first to the last order. */
    minSpanDays: daysOrZero(60),
  }),
  profitability: section({
    /** What one support ticket costs to handle, in the reporting currency: the cost to serve. 0: not counted. */
    supportTicketCost: z.number({ error: 'must be an amount of money, 0 or more' }).nonnegative('must be an amount of money, 0 or more').default(0),
    /** Which marketing touch before the first purchase gets the credit for acquiring a customer. */
    attribution: z.enum(['first_touch', 'last_touch'], { error: 'must be "first_touch" or "last_touch"' }).default('first_touch'),
  }),
  rfm: section({
    /** Frequency and monetary value over this many days; `null` for the whole history. */
    windowDays: z.union([z.number().int().positive(), z.null()], { error: 'must be a positive whole number of days or null (the whole history)' }).default(null),
    /** Monetary value: total revenue, or the average order value. */
    monetary: z.enum(['total', 'average'], { error: 'must be "total" or "average"' }).default('total'),
  }),
}).superRefine((config, context) => {
  const { reactivationWindowDays, lapsedAfterDays } = config.status;
  // Checked only when both are valid on their own: their own problems are reported already.
  if (Number.isInteger(lapsedAfterDays) && lapsedAfterDays > 0 && reactivationWindowDays > lapsedAfterDays) {
    context.addIssue({
      code: 'custom',
      path: ['status', 'reactivationWindowDays'],
      message: `must be at most status.lapsedAfterDays (${lapsedAfterDays}): a comeback is seen across the start of that window`,
    });
  }
});

export type TenureConfig = z.output<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;
export type PresetName = TenureConfig['preset'];
