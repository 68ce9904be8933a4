/**
 * The lookalike model: naive Bayes over categorical attributes, fitted on the counts of each attribute
 * value among high-value customers (H) and among the other customers who have ordered (O), so fitting
 * costs the number of attribute values, not the number of customers. Pure; docs/lookalikes.md says it in
 * words.
 *
 * For attribute a with value v, with Laplace (add-one) smoothing over the K_a values of a seen among
 * customers, and n_{H,a}, n_{O,a} the customers of each group whose value of a is known:
 *
 *   P(v | H) = (count_H(v) + 1) / (n_{H,a} + K_a),    P(v | O) likewise,
 *   w(a, v)  = log P(v | H) - log P(v | O)             (the value's log-likelihood ratio; exp(w) is its lift)
 *
 * A prospect x with values v_a scores
 *
 *   logit(x) = log(n_H / n_O) + sum_a w(a, v_a),       P(H | x) = 1 / (1 + exp(-logit(x)))
 *
 * the posterior probability that someone who looked like x before buying turns out high value, assuming
 * the attributes independent given the group (Hastie, Tibshirani & Friedman, The Elements of Statistical
 * Learning, 2nd ed., 2009, section 6.6.3; Manning, Raghavan & Schütze, Introduction to Information
 * Retrieval, 2008, ch. 13 for the add-one smoothing). The w's are the model's explanation: each is how
 * much more (or less) common the value is among high-value customers, and a prospect's drivers are its
 * largest terms of the sum. A missing trait, or a value no customer has, adds nothing: no evidence
 * either way (with add-one smoothing an unseen value would get log((n_{O,a} + K)/(n_{H,a} + K)), an
 * artefact of the group sizes rather than of the value).
 *
 * Rare values are not judged: a value held by fewer than `minValueCustomers(n_H + n_O)` customers (30, or
 * 1% of the customers when that is fewer) is left out like an unseen one, neither weighted nor counted in
 * K_a and the n's. On the demo business, without this rule one customer in 3,000 with 2-4 support tickets
 * (none of them high value, where 0.06 were expected) came out "8.3x as common among high-value
 * customers": add-one smoothing adds far more to a small group's shares than to a large one's, and the
 * ratio of two tiny shares is noise.
 *
 * Drivers leave out values whose lift is within 10% of 1 (`minDriverLift`): they move the score too
 * little to be a reason.
 *
 * Why naive Bayes over, say, logistic regression: it fits in closed form on the value counts (sufficient
 * statistics), each weight reads as a lift a growth team can check against the counts, and with small
 * high-value groups its bias (independence) costs less than logistic regression's variance (Ng & Jordan,
 * "On discriminative vs. generative classifiers", NIPS 2001).
 */

/** How many people of each group have one attribute value. */
export interface ValueCount {
  attribute: string;
  value: string;
  high: number;
  others: number;
  prospects: number;
}

/** One attribute value in the fitted model. */
export interface AttributeValue extends ValueCount {
  /** Shares of the group's customers whose value of the attribute is known (unsmoothed). */
  highShare: number;
  othersShare: number;
  /** The smoothed likelihood ratio P(v | H) / P(v | O), and its log (the value's weight). */
  lift: number;
  logLikelihoodRatio: number;
}

export interface LookalikeModel {
  /** The fewest customers a value needs to be weighted (minValueCustomers). */
  minValueCustomers: number;
  highValueCustomers: number;
  otherCustomers: number;
  /** log(n_H / n_O): the logit of someone about whom nothing is known. */
  priorLogit: number;
  /** Every attribute value seen among customers, largest weight first. */
  values: AttributeValue[];
  /** attribute -> value -> the value; values seen only among prospects are absent. */
  byAttribute: Map<string, Map<string, AttributeValue>>;
}

/** The fewest customers (who have ordered) a value needs to be judged: 30, or 1% of them when fewer, at least 1. */
export function minValueCustomers(customers: number): number {
  return Math.max(1, Math.min(30, Math.ceil(customers / 100)));
}

/** A driver's lift must differ from 1 by at least this factor (either way). */
export const minDriverLift = 1.1;

/** Fits the model on the value counts and the groups' sizes. */
export function fitLookalike(counts: readonly ValueCount[], groups: { high: number; others: number }): LookalikeModel {
  const perAttribute = new Map<string, ValueCount[]>();
  const support = minValueCustomers(groups.high + groups.others);
  for (const count of counts) {
    if (count.high + count.others < support) continue; // too rare to judge (or seen only among prospects): no evidence
    const list = perAttribute.get(count.attribute) ?? [];
    list.push(count);
    perAttribute.set(count.attribute, list);
  }
  const values: AttributeValue[] = [];
  const byAttribute = new Map<string, Map<string, AttributeValue>>();
  for (const [attribute, list] of perAttribute) {
    const k = list.length;
    const knownHigh = list.reduce((s, c) => s + c.high, 0);
    const knownOthers = list.reduce((s, c) => s + c.others, 0);
    const map = new Map<string, AttributeValue>();
    for (const count of list) {
      const logLikelihoodRatio = Math.log((count.high + 1) / (knownHigh + k)) - Math.log((count.others + 1) / (knownOthers + k));
      const value: AttributeValue = {
        ...count,
        highShare: knownHigh > 0 ? count.high / knownHigh : 0,
        othersShare: knownOthers > 0 ? count.others / knownOthers : 0,
        lift: Math.exp(logLikelihoodRatio),
        logLikelihoodRatio,
      };
      map.set(count.value, value);
      values.push(value);
    }
    byAttribute.set(attribute, map);
  }
  values.sort((a, b) => b.logLikelihoodRatio - a.logLikelihoodRatio || a.attribute.localeCompare(b.attribute) || a.value.localeCompare(b.value));
  return {
    minValueCustomers: support,
    highValueCustomers: groups.high,
    otherCustomers: groups.others,
    priorLogit: Math.log(groups.high / groups.others),
    values,
    byAttribute,
  };
}

/** One attribute value's part in a prospect's score. */
export interface Driver {
  attribute: string;
  value: string;
  /** The value's weight, added to the prospect's logit. */
  contribution: number;
  lift: number;
  /** "channel = referral: 3.1x as common among high-value customers". */
  text: string;
}

/** The prospect's logit: the prior plus the weight of each of its known values. */
export function logitOf(model: LookalikeModel, attributes: ReadonlyMap<string, string>): number {
  let logit = model.priorLogit;
  for (const [attribute, value] of attributes) logit += model.byAttribute.get(attribute)?.get(value)?.logLikelihoodRatio ?? 0;
  return logit;
}

export const probabilityOf = (logit: number): number => 1 / (1 + Math.exp(-logit));

/** How a lift reads: "3.1x as common" above 1, "0.40x as common" below. */
export function liftText(lift: number): string {
  return `${lift >= 1 ? lift.toFixed(1) : lift.toFixed(2)}x as common among high-value customers`;
}

/**
 * The prospect's drivers: its values with the largest positive weights (up to `positive`), then those
 * with the largest negative ones (up to `negative`); values with a lift within 10% of 1 are left out.
 */
export function driversOf(model: LookalikeModel, attributes: ReadonlyMap<string, string>, positive = 3, negative = 2): Driver[] {
  const terms: AttributeValue[] = [];
  for (const [attribute, value] of attributes) {
    const known = model.byAttribute.get(attribute)?.get(value);
    if (known && Math.abs(known.logLikelihoodRatio) >= Math.log(minDriverLift)) terms.push(known);
  }
  const driver = (v: AttributeValue): Driver => ({
    attribute: v.attribute,
    value: v.value,
    contribution: v.logLikelihoodRatio,
    lift: v.lift,
    text: `${v.attribute} = ${v.value}: ${liftText(v.lift)}`,
  });
  const up = terms.filter((t) => t.logLikelihoodRatio > 0).sort((a, b) => b.logLikelihoodRatio - a.logLikelihoodRatio || a.attribute.localeCompare(b.attribute));
  const down = terms.filter((t) => t.logLikelihoodRatio < 0).sort((a, b) => a.logLikelihoodRatio - b.logLikelihoodRatio || a.attribute.localeCompare(b.attribute));
  return [...up.slice(0, positive).map(driver), ...down.slice(0, negative).map(driver)];
}

/**
 * Percentile among the prospects, 0 to 100: the share of the other prospects scoring strictly lower,
 * times 100 (ties share a percentile: the lowest score is 0, a lone prospect 100).
 */
export function percentileOf(logit: number, sortedLogits: Float64Array): number {
  const n = sortedLogits.length;
  if (n <= 1) return 100;
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sortedLogits[mid] as number) < logit) lo = mid + 1;
    else hi = mid;
  }
  return (100 * lo) / (n - 1);
}
