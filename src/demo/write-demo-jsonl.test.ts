import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeDemo } from './generate-demo-events.js';
import { writeDemoJsonl } from './write-demo-jsonl.js';
import { parseJsonEvent } from '../domain/parse-json-event.js';

let folder = '';
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'tenure-demo-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

it('writes one Segment JSON line per event and returns the demo stats', async () => {
  const path = join(folder, 'demo.jsonl');
  const stats = await writeDemoJsonl(path, { customers: 1000, seed: 23 });
  expect(stats).toEqual(describeDemo({ customers: 1000, seed: 23 }));
  const lines = (await readFile(path, 'utf8')).split('\n');
  expect(lines.pop()).toBe('');
  expect(lines.length).toBe(stats.events);
  const first = parseJsonEvent(JSON.parse(lines[0]!));
  expect(first.ok && first.event.eventId).toBe('demo-23-1');
  expect(lines.every((line) => parseJsonEvent(JSON.parse(line)).ok)).toBe(true);
});

it('rejects when the file cannot be written', async () => {
  await expect(writeDemoJsonl(join(folder, 'missing', 'demo.jsonl'), { customers: 10, seed: 1 })).rejects.toThrow(/ENOENT/);
});
