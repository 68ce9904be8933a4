/**
 * Builds the one SELECT that turns raw text columns into canonical, typed event columns plus a reject
 * reason, so that a whole file is checked in a single vectorised pass inside the database.
 *
 * The checks mirror `parseJsonEvent` (the zod path for JSON input); `normalize-sql.test.ts` keeps the two
 * in step by feeding the same bad rows through both.
 */
import { eventKindAliases, eventKinds, moneyKinds } from '../domain/event-kinds.js';
import type { DateFormat, DateOrder } from '../domain/timestamps.js';
import type { ColumnMapping, EventField } from './column-mapping.js';
import { timestampSql } from './timestamp-sql.js';

export const sqlString = (text: string) => `'${text.replace(/'/g, "''")}'`;

export interface NormalizeOptions {
  mapping: ColumnMapping;
  /** SQL reading one source column as trimmed text (NULL when empty). */
  column: (name: string) => string;
  /** Source columns not mapped to an event field; they become the event's properties. */
  extraColumns: readonly string[];
  dateOrder: DateOrder;
  dateFormat?: DateFormat | undefined;
  /** Extra reject conditions of the reader, first in the chain (e.g. a whitespace row with too many fields). */
  readerChecks?: ReadonlyArray<{ when: string; field: string; reason: string }>;
  /** Extra source expressions the reader checks need, carried through as `name` (e.g. `parts` as `raw_parts`). */
  carry?: Readonly<Record<string, string>>;
}

/**
 * SQL of `toEventKind`: snake-cases a name and maps it to a known kind or NULL. Lists are tested with
 * list_contains rather than IN: DuckDB plans a long IN list as a join, which also hides the statement's
 * progress behind the list's few rows.
 */
function kindSql(raw: string): string {
  const snake = `lower(regexp_replace(regexp_replace(${raw}, '([a-z0-9])([A-Z])', '\\1_\\2', 'g'), '[\\s-]+', '_', 'g'))`;
  const known = eventKinds.map(sqlString).join(', ');
  const aliases = Object.entries(eventKindAliases)
    .map(([from, to]) => `WHEN ${sqlString(from)} THEN ${sqlString(to)}`)
    .join(' ');
  return `CASE WHEN list_contains([${known}], ${snake}) THEN ${snake} ELSE CASE ${snake} ${aliases} END END`;
}

/** The SELECT list (without FROM) producing the staged columns. */
function normalizeSelect(options: NormalizeOptions): { inner: string; typed: string; reject: string } {
  const { mapping, column } = options;
  // The inner select reads each mapped column once as raw_<field>; typed values and checks use those names,
  // which cannot clash with the source's own column names the way plain aliases such as `amount` would.
  const source = (field: EventField) => (mapping[field] ? column(mapping[field]) : 'NULL::VARCHAR');
  const raw = (field: EventField) => `raw_${field}`;
  const shown = (expr: string) => `'"' || ${expr} || '"'`;

  const kind = mapping.event ? kindSql(raw('event')) : `'order_completed'`;
  const ts = timestampSql('raw_timestamp', { dateOrder: options.dateOrder, format: options.dateFormat });
  const amount = `TRY_CAST(raw_amount AS DECIMAL(18,4))`;
  const quantity = `TRY_CAST(raw_quantity AS BIGINT)`;
  const discount = `TRY_CAST(raw_discount AS DECIMAL(18,4))`;
  const rate = `TRY_CAST(raw_rate AS DECIMAL(18,8))`;
  const currency = `upper(raw_currency)`;
  const money = [...moneyKinds].map(sqlString).join(', ');
  const dateHint = options.dateFormat
    ? ` (expected ${options.dateFormat.text})`
    : ` (accepted: ISO 8601, YYYYMMDD, ${options.dateOrder === 'mdy' ? 'MM/DD/YYYY' : 'DD/MM/YYYY'}; use --date-format for others)`;

  const checks: Array<{ when: string; field: string; reason: string }> = [
    ...(options.readerChecks ?? []),
    ...(mapping.event ? [{ when: `${raw('event')} IS NULL`, field: mapping.event, reason: `'is missing: the event kind'` }] : []),
    ...(mapping.event ? [{ when: `kind IS NULL`, field: mapping.event, reason: `'unknown event kind ' || ${shown(raw('event'))}` }] : []),
    {
      when: `${raw('customer_id')} IS NULL AND ${raw('anonymous_id')} IS NULL`,
      field: mapping.customer_id ?? 'customer_id',
      reason: `'is missing: an event needs a customer id or an anonymous id'`,
    },
    { when: `${raw('timestamp')} IS NULL`, field: mapping.timestamp ?? 'timestamp', reason: `'is missing'` },
    { when: `occurred_at IS NULL`, field: mapping.timestamp ?? 'timestamp', reason: `'cannot read ' || ${shown(raw('timestamp'))} || ' as a date${dateHint}'` },
    { when: `kind = 'order_completed' AND ${raw('amount')} IS NULL`, field: mapping.amount ?? 'amount', reason: `'is missing: an order needs its amount'` },
    { when: `${raw('amount')} IS NOT NULL AND amount IS NULL`, field: mapping.amount ?? 'amount', reason: `${shown(raw('amount'))} || ' is not a number'` },
    { when: `amount < 0 AND list_contains([${money}], kind)`, field: mapping.amount ?? 'amount', reason: `'must not be negative'` },
    { when: `${raw('quantity')} IS NOT NULL AND quantity IS NULL`, field: mapping.quantity ?? 'quantity', reason: `${shown(raw('quantity'))} || ' is not a whole number'` },
    { when: `quantity < 0`, field: mapping.quantity ?? 'quantity', reason: `'must not be negative'` },
    { when: `${raw('discount')} IS NOT NULL AND (discount IS NULL OR discount < 0)`, field: mapping.discount ?? 'discount', reason: `${shown(raw('discount'))} || ' is not a non-negative number'` },
    { when: `currency IS NOT NULL AND NOT regexp_full_match(currency, '[A-Z]{3}')`, field: mapping.currency ?? 'currency', reason: `${shown(raw('currency'))} || ' is not an ISO 4217 currency code'` },
    { when: `${raw('rate')} IS NOT NULL AND (rate IS NULL OR rate <= 0)`, field: mapping.rate ?? 'rate', reason: `'must be a positive number'` },
  ];
  const reject = `CASE ${checks.map((c) => `WHEN ${c.when} THEN ${sqlString(c.field)} || chr(31) || ${c.reason}`).join('\n      ')} END`;

  const propertyPairs = [
    ...(mapping.quantity ? [`'quantity', ${quantity}`] : []),
    ...(mapping.discount ? [`'discount', ${discount}`] : []),
    ...options.extraColumns.map((c, i) => `${sqlString(c)}, extra_${i}`),
  ];
  const properties = propertyPairs.length > 0 ? `json_object(${propertyPairs.join(', ')})` : 'NULL::JSON';

  const fields: EventField[] = ['event', 'event_id', 'customer_id', 'anonymous_id', 'timestamp', 'amount', 'quantity', 'discount', 'currency', 'rate', 'order_id', 'channel', 'platform'];
  const inner = fields.map((f) => `${source(f)} AS raw_${f}`).join(',\n    ');
  const extras = options.extraColumns.map((c, i) => `${column(c)} AS extra_${i}`).join(',\n    ');
  const typed = `
    ${kind} AS kind,
    raw_event_id AS event_id,
    raw_customer_id AS customer_id,
    raw_anonymous_id AS anonymous_id,
    ${ts} AS occurred_at,
    ${amount} AS amount,
    ${quantity} AS quantity,
    ${discount} AS discount,
    ${currency} AS currency,
    ${rate} AS rate,
    raw_order_id AS order_id,
    raw_channel AS channel,
    raw_platform AS platform,
    ${properties} AS properties`;
  return { inner: extras ? `${inner},\n    ${extras}` : inner, typed, reject };
}

/** Every column of the staged table, with its type; a reader may leave out the ones it has no data for. */
export const stagedColumns = {
  kind: 'VARCHAR',
  event_id: 'VARCHAR',
  customer_id: 'VARCHAR',
  anonymous_id: 'VARCHAR',
  occurred_at: 'TIMESTAMP',
  amount: 'DECIMAL(18,4)',
  currency: 'VARCHAR',
  rate: 'DECIMAL(18,8)',
  order_id: 'VARCHAR',
  channel: 'VARCHAR',
  platform: 'VARCHAR',
  full_price: 'BOOLEAN',
  properties: 'JSON',
} as const;
export type StagedColumn = keyof typeof stagedColumns;

/**
 * The full statement: SELECT staged columns FROM (typed FROM (raw FROM source)).
 *
 * Only the columns the file feeds are selected: in-memory temp tables are not compressed, so a column of
 * NULLs or of one constant would cost as much as real data (gigabytes at ten million rows). The
 * `staged_rows` view adds the missing ones back as constants. The reject is one text, `field \x1f reason`.
 */
export function normalizeQuery(options: NormalizeOptions, sourceRelation: string): { sql: string; columns: StagedColumn[]; constants: Partial<Record<StagedColumn, string>> } {
  const { inner, typed, reject } = normalizeSelect(options);
  const carried = Object.entries(options.carry ?? {});
  const rawNames = [...carried.map(([name]) => name), ...['event', 'event_id', 'customer_id', 'anonymous_id', 'timestamp', 'amount', 'quantity', 'discount', 'currency', 'rate', 'order_id', 'channel', 'platform'].map((f) => `raw_${f}`)];
  const carriedInner = carried.map(([name, expr]) => `${expr} AS ${name}, `).join('');
  const { mapping } = options;
  const fed: Record<StagedColumn, boolean> = {
    kind: Boolean(mapping.event),
    event_id: Boolean(mapping.event_id),
    customer_id: Boolean(mapping.customer_id),
    anonymous_id: Boolean(mapping.anonymous_id),
    occurred_at: true,
    amount: Boolean(mapping.amount),
    currency: Boolean(mapping.currency),
    rate: Boolean(mapping.rate),
    order_id: Boolean(mapping.order_id),
    channel: Boolean(mapping.channel),
    platform: Boolean(mapping.platform),
    full_price: Boolean(mapping.event || mapping.discount),
    properties: Boolean(mapping.quantity || mapping.discount || options.extraColumns.length > 0),
  };
  const columns = (Object.keys(stagedColumns) as StagedColumn[]).filter((c) => fed[c]);
  const constants: Partial<Record<StagedColumn, string>> = {
    kind: `'order_completed'`,
    // Without an event column every row is an order, and without a discount column a full-price one.
    full_price: mapping.event ? 'NULL' : 'TRUE',
  };
  const expressions: Record<StagedColumn, string> = {
    kind: 'kind', event_id: 'event_id', customer_id: 'customer_id', anonymous_id: 'anonymous_id', occurred_at: 'occurred_at',
    amount: 'amount', currency: 'currency', rate: 'rate', order_id: 'order_id', channel: 'channel', platform: 'platform',
    full_price: `CASE WHEN kind = 'order_completed' THEN coalesce(discount, 0) = 0 END`, properties: 'properties',
  };
  const sql = `SELECT ${columns.map((c) => `${expressions[c]} AS ${c}`).join(', ')},
      ${reject} AS reject
    FROM (SELECT ${rawNames.join(', ')}, ${typed} FROM (SELECT ${carriedInner}${inner} FROM ${sourceRelation}) raw_rows) typed_rows`;
  return { sql, columns, constants };
}
