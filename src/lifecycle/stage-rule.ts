/**
 * The stage rule (docs/lifecycle.md, "Stage"): the furthest stage whose facts hold as of a date, from a
 * handful of yes/no signs. Shared by the classification as of one date (classify.ts) and the stage
 * timeline (stage-timeline.ts), which evaluates it on every day a customer's stage may change, so the two
 * can never disagree on what a stage means.
 */
import type { TenureConfig } from '../config/config-schema.js';
import type { Stage } from './classify.js';

export interface StageSigns {
  /** An order or a subscription payment, ever. */
  converted: boolean;
  /** The loyal pattern (types.loyal) within its window. */
  loyalPattern: boolean;
  /** Advocacy within its window: a referral, a good review, a promoter's latest NPS. */
  advocacy: boolean;
  /** A repeat order (any but the first) or a renewal within the retention window. */
  repeatPurchase: boolean;
  /** Direct contact or a lead (stages.acquisitionKinds), ever. */
  direct: boolean;
}

export function stageOf(signs: StageSigns): Stage {
  if (signs.converted) {
    if (signs.loyalPattern && signs.advocacy) return 'loyalty';
    return signs.repeatPurchase || signs.loyalPattern ? 'retention' : 'conversion';
  }
  return signs.direct ? 'acquisition' : 'reach';
}

/** Enough purchases (orders and subscription payments) in the loyal window, spread over enough days. */
export function isLoyalPattern(purchases: number, spanDays: number, config: TenureConfig): boolean {
  return purchases >= config.types.loyal.minPurchases && spanDays >= config.types.loyal.minSpanDays;
}
