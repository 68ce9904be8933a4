/**
 * Which source column feeds which event field.
 *
 * Sensible defaults let a file with the header `customer_id,timestamp,amount` import as orders with no
 * options; `--map field=column` overrides any of them and `--columns` names the columns of a headerless file.
 */
export const eventFields = [
  'event_id',
  'event',
  'customer_id',
  'anonymous_id',
  'timestamp',
  'amount',
  'currency',
  'rate',
  'order_id',
  'quantity',
  'discount',
  'channel',
  'platform',
] as const;
export type EventField = (typeof eventFields)[number];

/** Column names recognised for each field, compared case-insensitively, ignoring spaces, dashes and underscores. */
export const defaultColumnNames: Record<EventField, readonly string[]> = {
  event_id: ['event_id', 'eventid', 'message_id', 'messageid'],
  event: ['event', 'event_type', 'eventtype', 'event_name', 'kind'],
  customer_id: ['customer_id', 'customerid', 'customer', 'cust_id', 'user_id', 'userid', 'client_id', 'member_id'],
  anonymous_id: ['anonymous_id', 'anonymousid', 'visitor_id', 'device_id'],
  timestamp: ['timestamp', 'date', 'time', 'datetime', 'ts', 'occurred_at', 'created_at', 'order_date', 'purchase_date', 'event_time'],
  amount: ['amount', 'revenue', 'total', 'value', 'sales', 'price', 'dollar_value', 'order_value', 'monetary_value', 'cost'],
  currency: ['currency', 'currency_code'],
  rate: ['rate', 'fx_rate', 'exchange_rate'],
  order_id: ['order_id', 'orderid', 'order', 'order_number', 'transaction_id', 'invoice', 'invoice_no'],
  quantity: ['quantity', 'qty', 'units', 'number_of_cds', 'items'],
  discount: ['discount', 'discount_amount'],
  channel: ['channel', 'utm_medium'],
  platform: ['platform', 'device', 'os'],
};

const normalise = (name: string) => name.toLowerCase().replace(/[\s_-]+/g, '_');

export type ColumnMapping = Partial<Record<EventField, string>>;

/** Parses `--map field=column` options; throws naming the allowed fields on a bad one. */
export function parseMapOptions(options: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  for (const option of options) {
    const [field, ...rest] = option.split('=');
    const column = rest.join('=');
    if (!field || !column) throw new Error(`--map ${JSON.stringify(option)} must look like field=column`);
    if (!(eventFields as readonly string[]).includes(field)) {
      throw new Error(`--map: unknown event field ${JSON.stringify(field)} (fields: ${eventFields.join(', ')})`);
    }
    mapping[field as EventField] = column;
  }
  return mapping;
}

/** Resolves the mapping against the file's columns: explicit `--map` first, then the default names. */
export function resolveMapping(columns: readonly string[], explicit: ColumnMapping = {}): ColumnMapping {
  const mapping: ColumnMapping = {};
  const used = new Set<string>();
  for (const [field, column] of Object.entries(explicit) as [EventField, string][]) {
    if (!columns.includes(column)) {
      throw new Error(`--map ${field}=${column}: the file has no column ${JSON.stringify(column)} (columns: ${columns.join(', ')})`);
    }
    mapping[field] = column;
    used.add(column);
  }
  for (const field of eventFields) {
    if (mapping[field]) continue;
    const wanted = defaultColumnNames[field].map(normalise);
    const match = columns.find((c) => !used.has(c) && wanted.includes(normalise(c)));
    if (match) {
      mapping[field] = match;
      used.add(match);
    }
  }
  return mapping;
}
