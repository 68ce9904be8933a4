/**
 * Conversations that are not tickets: calls, e-mails, chats, social messages and shop visits, inbound and
 * outbound, plus sales follow-ups of new leads. The "support and service" heavy group has many more.
 */
import { DAY, HOUR, MINUTE, minutesUntilOpen } from './calendar.js';
import type { PersonContext } from './person-context.js';
import { poisson } from './random/poisson.js';
import { weightedRecord } from './random/weighted-choice.js';

const pickChannel = weightedRecord({ email: 30, phone: 20, visit: 20, chat: 15, social: 15 });
const pickInbound = weightedRecord({ order_status: 30, product_advice: 35, feedback: 15, account: 20 });
const pickOutbound = weightedRecord({ check_in: 40, win_back: 25, sales_follow_up: 20, survey_invite: 15 });
/** Countries where the shop has a café to visit. */
const withCafe = new Set(['US', 'GB']);

export function contactHistory(context: PersonContext): void {
  const { profile, log, world } = context;
  if (!Number.isFinite(log.identifiedAt)) return;
  const random = context.random.support;
  const offset = profile.identity.country.utcOffset;
  if (profile.prospectPath === 'lead' && random.chance(0.4)) {
    log.add('contact', log.identifiedAt + (1 + 2 * random.next()) * DAY, { channel: 'email', properties: { direction: 'outbound', topic: 'sales_follow_up' } });
  }
  const from = log.identifiedAt;
  const until = Math.min(context.activeUntil, world.window.end);
  if (until <= from) return;
  const perYear = profile.supportHeavy ? 2.5 : profile.segment === 'prospect' ? 0.15 : 0.35;
  const count = poisson(random, (perYear * (until - from)) / (365 * DAY));
  // Regulars get more calls from the shop.
  const outboundShare = context.orders.length >= 3 ? 0.5 : 0.3;
  for (let i = 0; i < count; i++) {
    let at = from + random.next() * (until - from);
    let channel = pickChannel(random);
    if (channel === 'visit' && !withCafe.has(profile.identity.country.code)) channel = 'email';
    const outbound = channel !== 'visit' && random.chance(outboundShare);
    // Calls and visits happen while the shop is open.
    if (channel === 'phone' || channel === 'visit') {
      const wait = minutesUntilOpen(at, offset);
      if (wait > 0) at += wait * MINUTE + random.next() * 8 * HOUR;
    }
    log.add('contact', at, { channel, properties: { direction: outbound ? 'outbound' : 'inbound', topic: outbound ? pickOutbound(random) : pickInbound(random) } });
  }
}
