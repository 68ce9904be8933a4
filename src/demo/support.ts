/**
 * Support tickets and what follows them: first response times that depend on the channel and on whether
 * the desk is open (Monday to Friday, 8:00 to 20:00 local), resolution, a CSAT answer for some, and
 * refunds for damaged or wrong items. A "support and service" heavy group opens many more tickets.
 */
import { DAY, MINUTE, HOUR, minutesUntilOpen } from './calendar.js';
import { centsToDecimal } from './money.js';
import { nextId, type OrderRecord, type PersonContext } from './person-context.js';
import { exponential } from './random/exponential.js';
import { gamma } from './random/gamma.js';
import { standardNormal } from './random/normal.js';
import { poisson } from './random/poisson.js';
import type { Random } from './random/random.js';
import { weightedRecord } from './random/weighted-choice.js';

const pickTicketChannel = weightedRecord({ email: 45, chat: 30, phone: 15, social: 10 });
const pickOrderIssue = weightedRecord({ late_delivery: 35, order_question: 35, damaged_item: 20, wrong_item: 10 });
const priorityOf: Record<string, string> = { damaged_item: 'high', wrong_item: 'high', billing: 'high', late_delivery: 'normal', order_question: 'normal', account: 'normal', product_question: 'low', feedback: 'low' };

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/** Minutes to the first answer while the desk is open, by channel. */
function openHoursResponse(random: Random, channel: string): number {
  if (channel === 'chat') return 0.5 + exponential(random, 1 / 3);
  if (channel === 'phone') return exponential(random, 1 / 2);
  if (channel === 'social') return gamma(random, 2, 30);
  return gamma(random, 2, 45);
}

/** Opens a ticket around `at` and records its resolution and maybe a CSAT answer; returns when it was resolved. */
export function openTicket(context: PersonContext, random: Random, at: number, topic: string, orderId: string | null): number {
  const { log, profile } = context;
  const offset = profile.identity.country.utcOffset;
  const channel = pickTicketChannel(random);
  let opened = at;
  // Nobody answers the phone at night: the call happens once the desk opens.
  if (channel === 'phone') {
    const wait = minutesUntilOpen(opened, offset);
    if (wait > 0) opened += wait * MINUTE + exponential(random, 1 / (90 * MINUTE));
  }
  const closedFor = minutesUntilOpen(opened, offset);
  const response = Math.round(closedFor + openHoursResponse(random, channel));
  const solvedAtOnce = (channel === 'chat' || channel === 'phone') && random.chance(0.6);
  const handling = solvedAtOnce ? (5 + 25 * random.next()) * MINUTE : gamma(random, 1.5, DAY / 1.5);
  const resolvedAt = opened + response * MINUTE + handling;
  const ticketId = nextId(context, 'tkt', 'ticket');
  log.add('support_ticket_opened', opened, { channel, platform: channel === 'chat' ? profile.platform : null, orderId, properties: { ticket_id: ticketId, priority: priorityOf[topic] ?? 'normal', topic } });
  log.add('support_ticket_resolved', resolvedAt, { channel, properties: { ticket_id: ticketId, first_response_minutes: response, resolution_hours: Math.round((resolvedAt - opened) / HOUR) } });

  const slow = response > 8 * 60 || handling > 3 * DAY;
  context.experiences.push({ at: resolvedAt, score: slow ? -1 : 0.3 });
  if (random.chance(profile.supportHeavy ? 0.45 : 0.35)) {
    const penalty = (response > 8 * 60 ? 0.8 : 0) + (response > 24 * 60 ? 0.6 : 0) + (handling > 2 * DAY ? 0.5 : 0);
    const csat = clamp(Math.round(4.1 + 0.6 * profile.satisfaction - penalty + 0.7 * standardNormal(random)), 1, 5);
    log.add('survey_answered', resolvedAt + MINUTE + exponential(random, 1 / (3 * HOUR)), { channel: 'email', properties: { csat, context: 'support', ticket_id: ticketId } });
  }
  return resolvedAt;
}

function refund(context: PersonContext, order: OrderRecord, at: number, cents: number, reason: string): void {
  context.log.add('order_refunded', at, {
    amount: centsToDecimal(Math.min(cents, order.amount)),
    currency: order.currency,
    rate: order.rate,
    orderId: order.orderId,
    properties: { reason },
  });
}

/** What may go wrong after an order: a question, a late or damaged parcel (with a refund), or a return. */
function orderAftercare(context: PersonContext, random: Random, order: OrderRecord): void {
  if (order.amount <= 0) return;
  if (random.chance(context.profile.supportHeavy ? 0.15 : 0.06)) {
    const topic = pickOrderIssue(random);
    const delay = topic === 'order_question' ? exponential(random, 1 / DAY) : topic === 'late_delivery' ? (6 + 6 * random.next()) * DAY : (2 + 6 * random.next()) * DAY;
    const resolved = openTicket(context, random, order.at + delay, topic, order.orderId);
    if (topic === 'damaged_item' || topic === 'wrong_item') {
      context.experiences.push({ at: order.at + delay, score: -1 });
      const line = order.lines[random.int(order.lines.length)];
      if (line && random.chance(0.85)) refund(context, order, resolved + exponential(random, 1 / DAY), line.price * line.quantity, topic);
    } else if (topic === 'late_delivery') {
      context.experiences.push({ at: order.at + delay, score: -0.5 });
      if (random.chance(0.25)) refund(context, order, resolved + HOUR, Math.max(100, Math.round(order.amount / 10)), 'late_delivery_goodwill');
    }
  } else if (random.chance(0.02)) {
    refund(context, order, order.at + (5 + 20 * random.next()) * DAY, order.amount, 'changed_mind');
  }
}

const pickGeneralTopic = weightedRecord({ product_question: 40, account: 30, feedback: 15, billing: 15 });

export function supportHistory(context: PersonContext): void {
  const { profile, log, world } = context;
  if (!Number.isFinite(log.identifiedAt)) return;
  const random = context.random.support;
  for (const order of context.orders) orderAftercare(context, random, order);

  const from = log.identifiedAt;
  const until = Math.min(context.activeUntil, world.window.end);
  if (until <= from) return;
  const perYear = profile.segment === 'prospect' ? 0.1 : profile.supportHeavy ? 2 : 0.25;
  const tickets = poisson(random, (perYear * (until - from)) / (365 * DAY));
  for (let i = 0; i < tickets; i++) {
    let topic = pickGeneralTopic(random);
    if (topic === 'billing' && context.subscriptionSpans.length === 0) topic = 'account';
    openTicket(context, random, from + random.next() * (until - from), topic, null);
  }
}
