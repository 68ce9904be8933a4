/**
 * The catalogue of event kinds Tenure understands, each with the zod schema of its properties.
 *
 * Names follow the Segment spec's event names in snake_case ("Order Completed" -> `order_completed`),
 * so that a Segment pipeline can send to Tenure; `toEventKind` maps either spelling.
 * Money fields are decimal strings or numbers and are stored exactly (DECIMAL), never summed as floats.
 */
import { z } from 'zod';

const money = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/, 'must be a decimal number')]);
const nonNegativeMoney = money.refine((value) => Number(value) >= 0, 'must not be negative');
const id = z.union([z.string().min(1), z.number()]).transform(String);

export const contactChannels = ['email', 'social', 'phone', 'visit', 'chat'] as const;
export const subscriptionKinds = ['product', 'service'] as const;
export const billingIntervals = ['day', 'week', 'month', 'quarter', 'year'] as const;

export const lineItemSchema = z.looseObject({
  product_id: id,
  name: z.string().optional(),
  category: z.string().optional(),
  quantity: z.number().int('must be a whole number').positive('must be positive').default(1),
  /** What the customer paid for one unit. */
  price: nonNegativeMoney,
  /** The list (full) price of one unit; `price < list_price` means the item was discounted. */
  list_price: nonNegativeMoney.optional(),
  /** What one unit cost the business. */
  cost: nonNegativeMoney.optional(),
});
export type LineItem = z.infer<typeof lineItemSchema>;

const marketing = { channel: z.string().optional(), platform: z.string().optional(), campaign: z.string().optional() };

const subscription = {
  subscription_id: id.optional(),
  plan: z.string().min(1),
  kind: z.enum(subscriptionKinds).default('service'),
  interval: z.enum(billingIntervals).default('month'),
  interval_count: z.number().int().positive().default(1),
  trial: z.boolean().optional(),
};

/** Properties of each `track` event kind. Unknown extra properties are kept as they are. */
export const eventKindSchemas = {
  order_completed: z.looseObject({
    order_id: id.optional(),
    discount: nonNegativeMoney.optional(),
    products: z.array(lineItemSchema).optional(),
    ...marketing,
  }),
  order_refunded: z.looseObject({ order_id: id.optional(), reason: z.string().optional() }),
  subscription_started: z.looseObject(subscription),
  subscription_renewed: z.looseObject(subscription),
  subscription_changed: z.looseObject({ ...subscription, previous_plan: z.string().optional() }),
  subscription_cancelled: z.looseObject({ ...subscription, plan: z.string().optional(), reason: z.string().optional() }),
  support_ticket_opened: z.looseObject({ ticket_id: id, channel: z.string().optional(), priority: z.string().optional() }),
  support_ticket_resolved: z.looseObject({
    ticket_id: id,
    channel: z.string().optional(),
    first_response_minutes: z.number().nonnegative('must not be negative').optional(),
  }),
  contact: z.looseObject({ channel: z.enum(contactChannels), direction: z.enum(['inbound', 'outbound']).default('inbound') }),
  survey_answered: z.looseObject({
    csat: z.number().int().min(1).max(5).optional(),
    nps: z.number().int().min(0).max(10).optional(),
    comment: z.string().optional(),
    context: z.string().optional(),
  }),
  review_submitted: z.looseObject({ rating: z.number().min(1).max(5), product_id: id.optional(), comment: z.string().optional() }),
  referral_made: z.looseObject({ referred_customer_id: id.optional(), referred_email: z.string().optional() }),
  loyalty_points_earned: z.looseObject({ points: z.number().int().positive('must be positive'), reason: z.string().optional() }),
  loyalty_points_redeemed: z.looseObject({ points: z.number().int().positive('must be positive'), reason: z.string().optional() }),
  marketing_touch: z.looseObject({ ...marketing, channel: z.string().min(1) }),
  page_viewed: z.looseObject({ url: z.string().optional(), ...marketing }),
  product_viewed: z.looseObject({ product_id: id, ...marketing }),
  product_added_to_cart: z.looseObject({ product_id: id, quantity: z.number().int().positive().default(1) }),
  checkout_started: z.looseObject({ order_id: id.optional(), ...marketing }),
  checkout_step_completed: z.looseObject({ step: z.number().int().positive(), step_name: z.string().optional() }),
  signed_up: z.looseObject({ ...marketing }),
  lead_captured: z.looseObject({ ...marketing, source: z.string().optional() }),
  product_used: z.looseObject({ feature: z.string().optional(), quantity: z.number().nonnegative().optional() }),
} as const;

export type TrackKind = keyof typeof eventKindSchemas;
export const trackKinds = Object.keys(eventKindSchemas) as TrackKind[];

/** Customer traits carried by `identify` events (Segment's reserved traits plus ours). */
export const traitsSchema = z.looseObject({
  name: z.string().optional(),
  email: z.string().optional(),
  birthday: z.string().optional(),
  age_band: z.string().optional(),
  gender: z.string().optional(),
  country: z.string().optional(),
  city: z.string().optional(),
  income_band: z.string().optional(),
  signup_date: z.string().optional(),
  acquisition_channel: z.string().optional(),
});

export type EventKind = TrackKind | 'identify' | 'alias';
export const eventKinds: readonly EventKind[] = [...trackKinds, 'identify', 'alias'];

/** Kinds whose `amount` is money the customer paid us (or we paid back). */
export const moneyKinds: ReadonlySet<EventKind> = new Set<EventKind>([
  'order_completed',
  'order_refunded',
  'subscription_started',
  'subscription_renewed',
  'subscription_changed',
  'subscription_cancelled',
  'marketing_touch',
]);

/** Other names sources use for our kinds, after snake-casing. */
export const eventKindAliases: Readonly<Record<string, EventKind>> = {
  order: 'order_completed',
  purchase: 'order_completed',
  refund: 'order_refunded',
  subscription_canceled: 'subscription_cancelled',
  subscription_updated: 'subscription_changed',
  product_added: 'product_added_to_cart',
  page: 'page_viewed',
};

/** Maps "Order Completed", "order completed", "orderCompleted" or "order_completed" to `order_completed`. */
export function toEventKind(name: string): EventKind | undefined {
  const snake = name
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[\s-]+/g, '_')
    .toLowerCase();
  if ((eventKinds as readonly string[]).includes(snake)) return snake as EventKind;
  return eventKindAliases[snake];
}
