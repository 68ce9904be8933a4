import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedData } from '../testing/temp-store.js';
import { fitFromFile } from './fit-from-file.js';

describe('fitFromFile', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tenure-fit-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('fits BG/NBD to the published CDNOW summary without any store', async () => {
    const fit = await fitFromFile('bgnbd', sharedData('cdnow/cdnow_customers_summary.csv'));
    // Fader, Hardie & Lee (2005): r = 0.243, alpha = 4.414, a = 0.793, b = 2.426, LL = -9582.4.
    expect(fit.params.r).toBeCloseTo(0.243, 3);
    expect(fit.params.alpha).toBeCloseTo(4.414, 2);
    expect(fit.params.a).toBeCloseTo(0.793, 2);
    expect(fit.params.b).toBeCloseTo(2.426, 2);
    expect(fit.logLikelihood).toBeCloseTo(-9582.4, 0);
    expect(fit).toMatchObject({ model: 'bgnbd', customers: 2357 });
  });

  it("reads the literature's column names and says which columns a file lacks", async () => {
    const spends = join(dir, 'spends.csv');
    writeFileSync(spends, 'x,zbar\n1,10\n2,12.5\n0,0\n');
    await expect(fitFromFile('bgnbd', spends)).rejects.toThrow(/has no column recency, T .*needs frequency, recency, T/);
  });
});
