/**
 * What the whole demo shares while it runs: its options, its window and the referrals waiting for the
 * customers they bring in. Everything else lives per person and is dropped once the person is yielded.
 */
import type { DemoWindow } from './calendar.js';
import { ReferralBook } from './referral-book.js';

export interface World {
  seed: number;
  customers: number;
  window: DemoWindow;
  referrals: ReferralBook;
}

export function createWorld(seed: number, customers: number, window: DemoWindow): World {
  return { seed, customers, window, referrals: new ReferralBook(customers) };
}
