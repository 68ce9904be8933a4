/**
 * Subscriptions: a coffee or tea box (kind `product`) or the premium membership (kind `service`, monthly
 * or yearly). Each renews on its billing interval from its anchor; each period ends in cancellation with
 * the subscription's churn probability θ ~ Beta (shifted-beta-geometric), a free first month converts
 * less often, some payments fail, members change tier now and then, and some cancelled ones come back.
 */
import { DAY, HOUR, MINUTE, SECOND, WEEK, addInterval, onLocalDay } from './calendar.js';
import { otherTier, pickProductPlan, pickServicePlan, pickFeature, type Plan } from './catalogue.js';
import { demoParameters } from './demo-parameters.js';
import { centsToDecimal, rateToReporting } from './money.js';
import { nextId, type PersonContext } from './person-context.js';
import { beta } from './random/beta.js';
import { exponential } from './random/exponential.js';
import { gamma } from './random/gamma.js';
import { poisson } from './random/poisson.js';
import type { Random } from './random/random.js';
import { weightedRecord } from './random/weighted-choice.js';

const pickProductReason = weightedRecord({ too_expensive: 30, too_much_coffee: 20, switched_competitor: 15, not_using: 10, moving: 5, other: 20 });
const pickServiceReason = weightedRecord({ not_using: 35, too_expensive: 30, missing_features: 10, switched_competitor: 10, other: 15 });
/** Extra chance that a free first month is not followed by a paid one. */
const trialDropout = 0.3;
const paymentFailure = 0.015;
const tierChange = 0.05;

/** The properties every subscription event carries, plus up to two more (a `null` key adds nothing); no spreads on this hot path. */
function describe(id: string, plan: Plan, key1: string | null, value1: unknown, key2: string | null, value2: unknown): Record<string, unknown> {
  const properties: Record<string, unknown> = { subscription_id: id, plan: plan.id, kind: plan.kind, interval: plan.interval, interval_count: plan.intervalCount };
  if (key1 !== null) properties[key1] = value1;
  if (key2 !== null) properties[key2] = value2;
  return properties;
}

/** One subscription from `start` until it ends; returns when access ended, or `Infinity` while still active. */
function runSubscription(context: PersonContext, random: Random, first: Plan, start: number, churn: number, reactivated: boolean): number {
  const { log, profile, world } = context;
  const currency = profile.currency;
  const id = nextId(context, 'sub', 'subscription');
  const trial = first.kind === 'service' && first.interval === 'month' && !reactivated && random.chance(0.35);
  let plan = first;
  // Renewal dates, computed once each. A tier change stays in the plan family, which shares one interval,
  // so the dates do not depend on the current plan.
  const bounds: number[] = [start];
  const step = (k: number): number => {
    while (bounds.length <= k) bounds.push(addInterval(start, first.interval, first.intervalCount * bounds.length));
    return bounds[k] as number;
  };

  // Decide up front how many periods it lasts, so that usage can fade before a cancellation.
  let lastPeriod = Number.POSITIVE_INFINITY;
  let failed = false;
  for (let k = 1; step(k - 1) < world.window.end; k++) {
    if (random.chance(churn + (trial && k === 1 ? trialDropout : 0))) {
      lastPeriod = k;
      break;
    }
    if (random.chance(paymentFailure)) {
      lastPeriod = k;
      failed = true;
      break;
    }
  }

  log.add('subscription_started', start, {
    amount: centsToDecimal(trial ? 0 : plan.price[currency]),
    currency,
    rate: rateToReporting(currency, start),
    platform: profile.platform,
    properties: describe(id, plan, trial ? 'trial' : null, true, reactivated ? 'reactivated' : null, true),
  });
  const usageRate = plan.kind === 'service' ? gamma(random, 2, 0.3) : 0;
  for (let k = 1; ; k++) {
    const from = step(k - 1);
    const to = step(k);
    const length = to - from;
    if (usageRate > 0) {
      // Members use the service less in the two periods before they cancel: the signal churn models look for.
      const fading = k >= lastPeriod - 1 ? 0.35 : 1;
      const uses = poisson(random, (usageRate * fading * Math.min(length, world.window.end - from)) / WEEK);
      for (let u = 0; u < uses; u++) {
        log.add('product_used', from + random.next() * length, { platform: profile.platform, properties: { feature: pickFeature(random), quantity: 1 + poisson(random, 0.4) } });
      }
    }
    if (k === lastPeriod) {
      const at = failed ? to + 3 * DAY : from + length * (0.2 + 0.75 * random.next());
      const reason = failed ? 'payment_failed' : plan.kind === 'product' ? pickProductReason(random) : pickServiceReason(random);
      log.add('subscription_cancelled', at, { platform: failed ? null : profile.platform, properties: describe(id, plan, 'reason', reason, 'ends_at', new Date(to).toISOString()) });
      return to;
    }
    const other = otherTier(plan);
    if (other && k > 1 && random.chance(tierChange)) {
      const at = from + length * (0.1 + 0.8 * random.next());
      // Happier members upgrade; others step down.
      const upgrade = other.tier > plan.tier;
      if (upgrade === random.chance(0.4 + 0.2 * Math.tanh(profile.satisfaction))) {
        const charge = upgrade ? Math.max(1, Math.round(((other.price[currency] - plan.price[currency]) * (to - at)) / length)) : null;
        log.add('subscription_changed', at, {
          amount: charge === null ? null : centsToDecimal(charge),
          currency: charge === null ? null : currency,
          rate: charge === null ? null : rateToReporting(currency, at),
          platform: profile.platform,
          properties: {
            ...describe(id, other, 'previous_plan', plan.id, 'change', upgrade ? 'upgrade' : 'downgrade'),
            price: centsToDecimal(other.price[currency]),
          },
        });
        plan = other;
      }
    }
    if (to >= world.window.end) return Number.POSITIVE_INFINITY;
    log.add('subscription_renewed', to, {
      amount: centsToDecimal(plan.price[currency]),
      currency,
      rate: rateToReporting(currency, to),
      properties: describe(id, plan, 'period', k + 1, null, null),
    });
  }
}

export function subscriptionHistory(context: PersonContext): void {
  const { profile, log, world } = context;
  if (profile.subscription === null) return;
  const random = context.random.subscriptions;
  const offset = profile.identity.country.utcOffset;
  let start: number;
  if (profile.segment === 'member') {
    // Signed up, then looked at the plans (the page view below) before subscribing.
    start = log.identifiedAt + SECOND * (90 + random.int(300));
  } else {
    const first = context.orders[0];
    if (!first) return;
    // Some add the subscription at checkout of their first order, the others come back for it.
    start = random.chance(0.4) ? first.at + SECOND * (30 + random.int(120)) : onLocalDay(random, first.at + exponential(random, 1 / (60 * DAY)), offset);
    if (start <= first.at) start = first.at + MINUTE * 5;
  }
  let plan = profile.subscription === 'product' ? pickProductPlan(random) : pickServicePlan(random);
  const prior = demoParameters.sbg[plan.interval];
  const churn = beta(random, prior.alpha, prior.beta);
  for (let reactivations = 0; start < world.window.end; reactivations++) {
    log.add('page_viewed', start - SECOND * (15 + random.int(60)), { platform: profile.platform, channel: 'direct', properties: { url: 'https://shop.example.com/subscriptions' } });
    const ended = runSubscription(context, random, plan, start, churn, reactivations > 0);
    context.subscriptionSpans.push({ start, end: Math.min(ended, world.window.end) });
    context.activeUntil = Math.max(context.activeUntil, Math.min(ended, world.window.end) + 30 * DAY);
    if (ended >= world.window.end || reactivations >= 2) return;
    if (!random.chance(0.15 + (profile.satisfaction > 0.5 ? 0.1 : 0))) return;
    start = onLocalDay(random, ended + exponential(random, 1 / (60 * DAY)) + HOUR, offset);
    if (start <= ended) start = ended + HOUR;
    if (random.chance(0.3)) plan = otherTier(plan) ?? plan;
  }
}
