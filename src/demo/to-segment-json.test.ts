import { isDeepStrictEqual } from 'node:util';
import { expect, it } from 'vitest';
import { generateDemoEvents } from './generate-demo-events.js';
import { toSegmentJson } from './to-segment-json.js';
import { parseJsonEvent } from '../domain/parse-json-event.js';
import type { CanonicalEvent } from '../domain/event.js';

it('turns every demo event into a Segment message that parseJsonEvent reads back unchanged', () => {
  const mismatches: Array<{ event: CanonicalEvent; parsed: unknown }> = [];
  let count = 0;
  for (const event of generateDemoEvents({ customers: 5000, seed: 19 })) {
    count += 1;
    // Through JSON text too, as `tenure demo --out` writes it. isDeepStrictEqual rather than one expect per
    // event: 120,000 expects would take longer than the parsing.
    const parsed = parseJsonEvent(JSON.parse(JSON.stringify(toSegmentJson(event))));
    if (!parsed.ok) mismatches.push({ event, parsed });
    else if (!isDeepStrictEqual(parsed.event, event)) mismatches.push({ event, parsed: parsed.event });
    if (mismatches.length > 3) break;
  }
  expect(mismatches).toEqual([]);
  expect(count).toBeGreaterThan(50_000);
});

it('uses Segment call types and event names', () => {
  const seen = new Map<string, Record<string, unknown>>();
  for (const event of generateDemoEvents({ customers: 300, seed: 19 })) seen.set(event.kind, toSegmentJson(event));
  expect(seen.get('identify')).toMatchObject({ type: 'identify', traits: expect.objectContaining({ email: expect.any(String) }) });
  expect(seen.get('alias')).toMatchObject({ type: 'alias', userId: expect.any(String), previousId: expect.stringMatching(/^anon-/) });
  expect(seen.get('page_viewed')).toMatchObject({ type: 'page' });
  expect(seen.get('order_completed')).toMatchObject({ type: 'track', event: 'Order Completed', properties: { revenue: expect.any(String), order_id: expect.any(String) } });
  expect(seen.get('marketing_touch')).toMatchObject({ event: 'Marketing Touch' });
});
