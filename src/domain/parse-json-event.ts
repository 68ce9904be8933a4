/**
 * Turns one JSON object (Segment-shaped or flat) into a canonical event, or says which field is wrong.
 *
 * Segment shape: `{ type, event, userId, anonymousId, previousId, messageId, timestamp, properties, traits }`.
 * Flat shape: `{ customer_id, event, timestamp, amount, ...anything else as properties }`.
 */
import { z } from 'zod';
import type { CanonicalEvent } from './event.js';
import { eventKindSchemas, moneyKinds, toEventKind, traitsSchema, type EventKind, type TrackKind } from './event-kinds.js';
import { parseTimestamp, type DateFormat, type DateOrder } from './timestamps.js';

export type ParseResult = { ok: true; event: CanonicalEvent } | { ok: false; field: string; reason: string };

// The event name may come from `event`, `kind`, `name` or (flat rows) `type`; only the field actually used is
// consumed, so a subscription's `kind` or a product's `name` stays a property.
const reserved = new Set([
  'userId', 'user_id', 'customer_id', 'customerId', 'anonymousId', 'anonymous_id',
  'previousId', 'previous_id', 'messageId', 'message_id', 'event_id', 'eventId', 'id', 'timestamp', 'originalTimestamp',
  'sentAt', 'receivedAt', 'properties', 'traits', 'context', 'integrations', 'amount', 'revenue', 'total', 'value',
  'cost', 'currency', 'rate', 'fx_rate', 'order_id', 'orderId', 'channel', 'platform', 'date', 'time', 'ts',
]);

const segmentTypes = new Set(['track', 'identify', 'alias', 'page', 'screen']);
const typedKeys = ['channel', 'platform', 'order_id'] as const;
/** Fields stored in columns of their own rather than in the properties. */
const columnKeys = new Set(['currency', 'rate', 'fx_rate', 'order_id', 'orderId', 'channel', 'platform']);

const decimal = /^-?\d+(\.\d+)?$/;

function firstDefined(obj: Record<string, unknown>, keys: readonly string[]): [string, unknown] | undefined {
  for (const key of keys) if (obj[key] !== undefined && obj[key] !== null && obj[key] !== '') return [key, obj[key]];
  return undefined;
}

function optionalId(obj: Record<string, unknown>, keys: readonly string[]): string | null | { field: string } {
  const found = firstDefined(obj, keys);
  if (!found) return null;
  // An id is a non-blank string or a finite number (checked by hand: this runs several times per event).
  const value = found[1];
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed === '' ? { field: found[0] } : trimmed;
  }
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : { field: found[0] };
}

function issueToReject(prefix: string, error: z.ZodError): { field: string; reason: string } {
  const issue = error.issues[0];
  const path = issue?.path.length ? `${prefix}.${issue.path.join('.')}` : prefix;
  return { field: path, reason: issue?.message ?? 'is not valid' };
}

export function parseJsonEvent(input: unknown, options: { dateOrder?: DateOrder; dateFormat?: DateFormat } = {}): ParseResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, field: '(row)', reason: 'is not a JSON object' };
  }
  const obj = input as Record<string, unknown>;
  const segmentType = typeof obj.type === 'string' ? obj.type.toLowerCase() : undefined;

  let kind: EventKind | undefined;
  let kindField = 'type';
  if (segmentType === 'identify') kind = 'identify';
  else if (segmentType === 'alias') kind = 'alias';
  else if (segmentType === 'page' || segmentType === 'screen') kind = 'page_viewed';
  else {
    const named = firstDefined(obj, ['event', 'kind', 'name', ...(segmentType === 'track' ? [] : ['type'])]);
    if (!named) kind = 'order_completed';
    else {
      kindField = named[0];
      kind = typeof named[1] === 'string' ? toEventKind(named[1]) : undefined;
      if (!kind) return { ok: false, field: kindField, reason: `unknown event kind ${JSON.stringify(named[1])}` };
    }
  }

  const customerId = optionalId(obj, ['userId', 'user_id', 'customer_id', 'customerId']);
  if (customerId && typeof customerId === 'object') return { ok: false, field: customerId.field, reason: 'is not a valid id' };
  let anonymousId = optionalId(obj, ['anonymousId', 'anonymous_id', ...(kind === 'alias' ? ['previousId', 'previous_id'] : [])]);
  if (anonymousId && typeof anonymousId === 'object') return { ok: false, field: anonymousId.field, reason: 'is not a valid id' };
  if (kind === 'alias') {
    const previous = optionalId(obj, ['previousId', 'previous_id']);
    if (previous && typeof previous === 'string') anonymousId = previous;
  }
  if (customerId === null && anonymousId === null) {
    return { ok: false, field: 'customer_id', reason: 'is missing: an event needs a customer id (userId) or an anonymous id' };
  }
  const eventId = optionalId(obj, ['messageId', 'message_id', 'event_id', 'eventId', 'id']);
  if (eventId && typeof eventId === 'object') return { ok: false, field: eventId.field, reason: 'is not a valid id' };

  const tsField = firstDefined(obj, ['timestamp', 'originalTimestamp', 'date', 'time', 'ts', 'sentAt', 'receivedAt']);
  if (!tsField) return { ok: false, field: 'timestamp', reason: 'is missing' };
  const occurredAt = parseTimestamp(tsField[1], options.dateOrder, options.dateFormat);
  if (!occurredAt) return { ok: false, field: tsField[0], reason: `cannot read ${JSON.stringify(tsField[1])} as a date` };

  const nested = obj.properties ?? obj.traits;
  if (nested !== undefined && (typeof nested !== 'object' || nested === null || Array.isArray(nested))) {
    return { ok: false, field: obj.properties !== undefined ? 'properties' : 'traits', reason: 'must be a JSON object' };
  }
  // Money, currency, order id, channel and platform may sit at the top level or in the properties; the
  // top level wins. (Looked up in place rather than by merging objects: this runs once per event.)
  const inner = (nested ?? {}) as Record<string, unknown>;
  const present = (value: unknown) => value !== undefined && value !== null && value !== '';
  const look = (keys: readonly string[]): [string, unknown] | undefined => {
    for (const key of keys) {
      if (present(obj[key])) return [key, obj[key]];
      if (present(inner[key])) return [key, inner[key]];
    }
    return undefined;
  };
  const text = (keys: readonly string[]): string | null => {
    const found = look(keys);
    return found ? String(found[1]) : null;
  };

  const amountField = look(kind === 'marketing_touch' ? ['cost', 'amount'] : ['revenue', 'amount', 'total', 'value']);
  let amount: string | null = null;
  if (amountField) {
    const raw = amountField[1];
    const value = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
    if (!decimal.test(value)) return { ok: false, field: amountField[0], reason: `${JSON.stringify(raw)} is not a number` };
    if (moneyKinds.has(kind) && Number(value) < 0) return { ok: false, field: amountField[0], reason: 'must not be negative' };
    amount = value;
  }
  if (kind === 'order_completed' && amount === null) {
    return { ok: false, field: 'revenue', reason: 'is missing: an order needs its amount' };
  }
  const currency = text(['currency'])?.toUpperCase() ?? null;
  if (currency !== null && !/^[A-Z]{3}$/.test(currency)) return { ok: false, field: 'currency', reason: `${JSON.stringify(currency)} is not an ISO 4217 code` };
  const rate = text(['rate', 'fx_rate']);
  if (rate !== null && !(decimal.test(rate) && Number(rate) > 0)) return { ok: false, field: 'rate', reason: 'must be a positive number' };

  // What the kind's schema checks: the nested properties and the top level's other fields, including the
  // typed ones (channel, platform, order id), but not the event's name or its amount.
  const consumed = new Set([kindField, ...(amountField ? [amountField[0]] : [])]);
  if (segmentType && segmentTypes.has(segmentType)) consumed.add('type');
  const checked: Record<string, unknown> = {};
  for (const key in inner) if (!consumed.has(key)) checked[key] = inner[key];
  for (const key in obj) if (!reserved.has(key) && !consumed.has(key)) checked[key] = obj[key];
  for (const key of typedKeys) {
    const value = obj[key] ?? (key === 'order_id' ? obj.orderId : undefined);
    if (value !== undefined && value !== null && checked[key] === undefined) checked[key] = value;
  }
  if (kind === 'identify') {
    const traits = traitsSchema.safeParse(checked);
    if (!traits.success) return { ok: false, ...issueToReject('traits', traits.error) };
  } else if (kind !== 'alias') {
    const schema = eventKindSchemas[kind as TrackKind];
    const result = schema.safeParse(checked);
    if (!result.success) return { ok: false, ...issueToReject('properties', result.error) };
  }

  const discount = look(['discount']);
  const items = Array.isArray(checked.products) ? (checked.products as Array<Record<string, unknown>>) : [];
  const fullPrice =
    kind === 'order_completed'
      ? !(discount && Number(discount[1]) > 0) && items.every((i) => i.list_price === undefined || Number(i.price) >= Number(i.list_price))
      : null;
  // The typed fields have columns of their own; the rest stays as the event's properties.
  const properties: Record<string, unknown> = {};
  let propertyCount = 0;
  for (const key in checked) {
    if (columnKeys.has(key)) continue;
    properties[key] = checked[key];
    propertyCount++;
  }

  return {
    ok: true,
    event: {
      eventId: (eventId as string | null) ?? null,
      kind,
      customerId: customerId as string | null,
      anonymousId: anonymousId as string | null,
      occurredAt,
      amount,
      currency,
      rate,
      orderId: text(['order_id', 'orderId']),
      channel: text(['channel']),
      platform: text(['platform']),
      fullPrice,
      properties: propertyCount > 0 ? properties : null,
    },
  };
}
