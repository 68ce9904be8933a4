/**
 * Time units for summaries and models. A month is 30.4375 days (365.25 / 12), so that a "monthly" figure
 * means the same length every time; every output states its unit.
 */
export const timeUnits = { day: 1, week: 7, month: 30.4375 } as const;
export type TimeUnit = keyof typeof timeUnits;

export function parseTimeUnit(value: string): TimeUnit {
  if (value in timeUnits) return value as TimeUnit;
  throw new Error(`unknown time unit ${JSON.stringify(value)} (units: ${Object.keys(timeUnits).join(', ')})`);
}

/** The exclusive end of an as-of day: events before this instant count. */
export function endOfDay(asOf: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(asOf);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!date || Number.isNaN(date.getTime()) || date.getUTCDate() !== Number(match?.[3]) || date.getUTCMonth() !== Number(match?.[2]) - 1) {
    throw new Error(`--as-of ${JSON.stringify(asOf)} is not a date (use YYYY-MM-DD)`);
  }
  return new Date(date.getTime() + 86_400_000);
}

/** The end of a day (the next day's midnight) as a timestamp literal both engines read: `2026-01-02 00:00:00.000`. */
export function endOfDayTimestamp(date: string): string {
  return endOfDay(date).toISOString().replace('T', ' ').replace('Z', '');
}
