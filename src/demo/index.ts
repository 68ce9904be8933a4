/**
 * The demo business generator: a seeded, realistic coffee shop with subscriptions, streamed as canonical
 * events for tests, benchmarks and `tenure demo`.
 *
 * @example
 * import { generateDemoEvents, toSegmentJson } from './demo/index.js';
 * for (const event of generateDemoEvents({ customers: 1000, seed: 1 })) console.log(toSegmentJson(event));
 */
export { demoWindow, type DemoWindow } from './calendar.js';
export { demoParameters, demoShares } from './demo-parameters.js';
export { defaultDemoOptions, resolveDemoOptions, type DemoOptions } from './demo-options.js';
export { emptyDemoStats, type DemoStats } from './demo-stats.js';
export { describeDemo, generateDemoEvents } from './generate-demo-events.js';
export { toSegmentJson } from './to-segment-json.js';
export { writeDemoJsonl } from './write-demo-jsonl.js';
