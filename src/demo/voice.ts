/**
 * What customers say: product reviews after some orders, NPS surveys now and then. Both follow the
 * person's satisfaction and what happened to them lately (slow tickets, damaged parcels).
 */
import { DAY, SECOND } from './calendar.js';
import type { PersonContext } from './person-context.js';
import { standardNormal } from './random/normal.js';
import type { Random } from './random/random.js';

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/** Sum of experience scores in (from, to]. */
function experienceBetween(context: PersonContext, from: number, to: number): number {
  let sum = 0;
  for (const e of context.experiences) if (e.at > from && e.at <= to) sum += e.score;
  return sum;
}

const npsComments: Record<'detractor' | 'passive' | 'promoter', readonly string[]> = {
  detractor: ['Delivery took too long.', 'Support was slow to answer.', 'Too expensive for what it is.'],
  passive: ['Good coffee, shipping could be faster.', 'Fine overall.'],
  promoter: ['Best beans I have found.', 'Love the subscription.', 'Great service, fast delivery.'],
};

function reviews(context: PersonContext, random: Random): void {
  const { profile, log } = context;
  // Very happy and very unhappy customers write more reviews (the J-shaped distribution of ratings).
  const chance = 0.05 + 0.04 * Math.min(1, Math.abs(profile.satisfaction));
  for (const order of context.orders) {
    if (!random.chance(chance)) continue;
    const at = order.at + (5 + 15 * random.next()) * DAY;
    const line = order.lines[random.int(order.lines.length)];
    if (!line) continue;
    const trouble = experienceBetween(context, order.at, at) < 0 ? 1.5 : 0;
    const rating = clamp(Math.round(4.1 + 0.8 * profile.satisfaction - trouble + 0.8 * standardNormal(random)), 1, 5);
    log.add('review_submitted', at, { platform: profile.platform, properties: { rating, product_id: line.product.id } });
    if (profile.hasAccount) {
      context.points += 50;
      log.add('loyalty_points_earned', at + SECOND, { properties: { points: 50, reason: 'review' } });
    }
  }
}

function npsSurveys(context: PersonContext, random: Random): void {
  const { profile, log, world } = context;
  const firstPaid = context.orders[0]?.at ?? context.subscriptionSpans[0]?.start;
  if (firstPaid === undefined) return;
  const until = Math.min(context.activeUntil + 30 * DAY, world.window.end);
  for (let at = firstPaid + (60 + 60 * random.next()) * DAY; at < until; at += (150 + 60 * random.next()) * DAY) {
    if (!random.chance(0.25)) continue;
    const ordersSoFar = context.orders.filter((order) => order.at < at).length;
    const recent = experienceBetween(context, at - 120 * DAY, at);
    const nps = clamp(Math.round(7.4 + 1.5 * profile.satisfaction + 0.3 * Math.log1p(ordersSoFar) + 1.2 * recent + 1.2 * standardNormal(random)), 0, 10);
    const properties: Record<string, unknown> = { nps, context: 'nps' };
    if (random.chance(0.2)) {
      const band = nps <= 6 ? 'detractor' : nps <= 8 ? 'passive' : 'promoter';
      const options = npsComments[band];
      properties.comment = options[random.int(options.length)];
    }
    log.add('survey_answered', at, { channel: 'email', properties });
  }
}

export function voiceHistory(context: PersonContext): void {
  if (!Number.isFinite(context.log.identifiedAt)) return;
  const random = context.random.voice;
  reviews(context, random);
  npsSurveys(context, random);
}
