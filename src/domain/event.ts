/**
 * The canonical event: one row of the append-only event log.
 *
 * Every input (CSV row, JSON line, Parquet row, API call, demo generator) becomes this shape before it
 * is stored. Money stays a decimal string until the database stores it as DECIMAL.
 */
import type { EventKind } from './event-kinds.js';

export interface CanonicalEvent {
  /** The source's own id; `null` when the source has none and the id is derived from the content. */
  eventId: string | null;
  kind: EventKind;
  customerId: string | null;
  /** A prospect seen before they are known; linked to a customer by an identify or alias event. */
  anonymousId: string | null;
  occurredAt: Date;
  /** Money value of the event (order revenue, refund, subscription amount, marketing cost) as a decimal string. */
  amount: string | null;
  /** ISO 4217 code of `amount`; `null` means the store's reporting currency. */
  currency: string | null;
  /** Exchange rate to the reporting currency, when the source gives one. */
  rate: string | null;
  orderId: string | null;
  channel: string | null;
  platform: string | null;
  /** `false` when any discount applied (order discount or a line item paid below list price). */
  fullPrice: boolean | null;
  properties: Record<string, unknown> | null;
}

/** A row that could not be stored, with where and why. */
export interface Reject {
  /** 1-based data row (CSV: the first row after the header is 1) or line number (JSONL). */
  row: number;
  field: string;
  reason: string;
}
