import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cdnowStore } from '../testing/cdnow-store.js';
import { engineTitle, testEngines, type TestStore } from '../testing/test-stores.js';
import { sharedData } from '../testing/temp-store.js';
import { holdoutValidation } from './holdout-validation.js';

/** Repeat-transaction days per customer counted straight from the raw sample file, independently of SQL. */
function countFromRawFile(): { calibrationRepeats: number; holdoutRepeats: number } {
  const days = new Map<string, Set<string>>();
  for (const line of readFileSync(sharedData('cdnow/CDNOW_sample.txt'), 'utf8').split(/\r?\n/)) {
    const [, id, date] = line.trim().split(/\s+/);
    if (!id || !date) continue;
    const set = days.get(id) ?? new Set<string>();
    set.add(date);
    days.set(id, set);
  }
  let calibrationRepeats = 0;
  let holdoutRepeats = 0;
  for (const set of days.values()) {
    const sorted = [...set].sort();
    calibrationRepeats += sorted.filter((d) => d <= '19970930').length - 1;
    holdoutRepeats += sorted.filter((d) => d > '19970930' && d <= '19980630').length;
  }
  return { calibrationRepeats, holdoutRepeats };
}

for (const engine of testEngines) {
  describe.skipIf(Boolean(engine.skip))(engineTitle(engine, 'holdoutValidation on CDNOW (39 weeks calibration, 39 weeks holdout)'), () => {
    let cdnow: TestStore;
    beforeAll(async () => {
      cdnow = await cdnowStore(engine);
    });
    afterAll(async () => cdnow?.cleanup());

    it('fits the published BG/NBD parameters on the calibration period and counts the holdout exactly', async () => {
      const report = await holdoutValidation(cdnow.store, { calibrationEnd: '1997-09-30', holdoutEnd: '1998-06-30', unit: 'week' });
      // Fader, Hardie & Lee (2005): r = 0.243, alpha = 4.414, a = 0.793, b = 2.426, LL = -9582.4.
      expect(report.fit.params.r).toBeCloseTo(0.243, 3);
      expect(report.fit.params.alpha).toBeCloseTo(4.414, 2);
      expect(report.fit.params.a).toBeCloseTo(0.793, 2);
      expect(report.fit.params.b).toBeCloseTo(2.426, 2);
      expect(report.fit.logLikelihood).toBeCloseTo(-9582.4, 0);
      expect(report.calibration).toMatchObject({ start: '1997-01-01', end: '1997-09-30', customers: 2357 });

      const raw = countFromRawFile();
      const holdout = report.holdout;
      expect(holdout?.length).toBe(39);
      expect(holdout?.total.actual).toBe(raw.holdoutRepeats);
      expect(holdout?.byFrequency.map((r) => r.frequency)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      expect(holdout?.byFrequency.reduce((s, r) => s + r.customers, 0)).toBe(2357);
      const tracking = holdout?.tracking ?? [];
      expect(tracking).toHaveLength(78);
      expect(tracking.at(-1)?.actualCumulative).toBe(raw.calibrationRepeats + raw.holdoutRepeats);
      expect(tracking.find((t) => t.end === '1997-09-30')?.actualCumulative ?? tracking[38]?.actualCumulative).toBe(raw.calibrationRepeats);
      // Before the calibration end the naive baseline has nothing to say; after it, it starts from the actual count.
      expect(tracking[0]?.naiveCumulative).toBeNull();
      // Each frequency group's model mean must rise with frequency for the low groups (more past purchases, more future ones).
      const means = holdout?.byFrequency.map((r) => r.model) ?? [];
      expect(means[1]).toBeGreaterThan(means[0] ?? Infinity);
    });

    it('says plainly when there is too little data', async () => {
      await expect(holdoutValidation(cdnow.store, { calibrationEnd: '1997-01-10' })).rejects.toThrow(/too little data.*at least 4 are needed/);
    });
  });
}
