/**
 * The demo business as a stream of canonical events, person after person, in bounded memory.
 */
import { demoWindow } from './calendar.js';
import { resolveDemoOptions, type DemoOptions } from './demo-options.js';
import { countEvent, countPerson, emptyDemoStats, type DemoStats } from './demo-stats.js';
import { simulatePerson } from './simulate-person.js';
import { createWorld } from './world.js';
import type { CanonicalEvent } from '../domain/event.js';

/**
 * Yields every event of the demo business, one person after another; within a person in time order.
 * Event ids are `demo-<seed>-<n>`, so loading the same demo twice is idempotent.
 * Pass `stats` (from `emptyDemoStats()`) to have it filled as events are yielded.
 *
 * @example
 * for (const event of generateDemoEvents({ customers: 100, seed: 7 })) store(event);
 */
export function* generateDemoEvents(options: DemoOptions = {}, stats?: DemoStats): Generator<CanonicalEvent> {
  const { customers, seed, end, years } = resolveDemoOptions(options);
  const world = createWorld(seed, customers, demoWindow(end, years));
  let number = 0;
  for (let index = 0; index < customers; index++) {
    const events = simulatePerson(world, index);
    if (stats) countPerson(stats, events);
    for (const event of events) {
      number += 1;
      event.eventId = `demo-${seed}-${number}`;
      if (stats) countEvent(stats, event);
      yield event;
    }
  }
}

/** Runs the demo without keeping its events and returns what it would produce. */
export function describeDemo(options: DemoOptions = {}): DemoStats {
  const stats = emptyDemoStats();
  for (const _event of generateDemoEvents(options, stats));
  return stats;
}
