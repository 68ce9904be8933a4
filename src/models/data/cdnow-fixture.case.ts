import { readFileSync } from 'node:fs';

/**
 * Test fixture: the CDNOW calibration summary (2,357 customers, weeks) from
 * ../shared/data/cdnow/cdnow_customers_summary.csv (columns ID, frequency,
 * recency, T; see shared/data/README.md). Test-only (*.case.ts is left out of builds).
 */
export function loadCdnowSummary(): { id: string[]; frequency: number[]; recency: number[]; T: number[] } {
  const url = new URL('../../../../shared/data/cdnow/cdnow_customers_summary.csv', import.meta.url);
  const lines = readFileSync(url, 'utf8').trim().split(/\r?\n/).slice(1);
  const id: string[] = [];
  const frequency: number[] = [];
  const recency: number[] = [];
  const T: number[] = [];
  for (const line of lines) {
    const [i, f, r, t] = line.split(',');
    id.push(i as string);
    frequency.push(Number(f));
    recency.push(Number(r));
    T.push(Number(t));
  }
  return { id, frequency, recency, T };
}
