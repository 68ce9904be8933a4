/**
 * The true parameters behind the demo business, so that tests and benchmarks can check that a fitted
 * model recovers roughly what generated the data.
 */
export const demoParameters = {
  /**
   * BG/NBD for orders, time in weeks: purchase rate λ ~ Gamma(shape r, rate alpha), drop-out probability
   * after each repeat order p ~ Beta(a, b). CDNOW's fit is r 0.243, alpha 4.414, a 0.793, b 2.426
   * (Fader, Hardie and Lee 2005, "Counting your customers the easy way"); these are a little more active.
   */
  bgnbd: { r: 0.28, alpha: 3.8, a: 0.8, b: 2.6 },
  /**
   * Gamma-Gamma for order value in USD: each customer's order values ~ Gamma(shape p, rate ν), with
   * ν ~ Gamma(shape q, rate gamma), so mean spend is p * gamma / (q - 1) ≈ 47 USD. The basket only
   * approximates each draw (prices are discrete), so a fit comes close to these rather than exactly.
   */
  gammaGamma: { p: 6, q: 3.8, gamma: 22 },
  /**
   * Shifted-beta-geometric churn per billing period: θ ~ Beta(alpha, beta) per subscription, then each
   * period ends in cancellation with probability θ (Fader and Hardie 2007, "How to project customer retention").
   */
  sbg: {
    day: { alpha: 0.7, beta: 8 },
    week: { alpha: 0.7, beta: 8 },
    month: { alpha: 0.8, beta: 4.2 },
    quarter: { alpha: 0.9, beta: 3.4 },
    year: { alpha: 1.2, beta: 2.8 },
  },
} as const;

/** What share of people become what; the demo tests check the generated shares fall near these. */
export const demoShares = {
  /** People who never buy anything nor subscribe (35%), split by how far they get. */
  prospect: 0.35,
  prospectPaths: { anonymous: 30, lead: 35, signup: 35 },
  /** Of the people who pay: subscription only, without orders. */
  memberOfPaying: 0.06,
  /** Of buyers: also take a subscription at some point. */
  subscriberOfBuyers: 0.18,
  /** A "support and service" heavy group that opens many tickets and calls often. */
  supportHeavy: 0.1,
} as const;
