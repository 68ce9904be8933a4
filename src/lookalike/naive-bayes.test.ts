/** The lookalike model's arithmetic without a store: weights, rare values, drivers, percentiles, trait bands. */
import { describe, expect, it } from 'vitest';
import { bandLabel, bandOf, traitUse } from './attributes.js';
import { driversOf, fitLookalike, logitOf, minValueCustomers, percentileOf } from './naive-bayes.js';

describe('fitLookalike', () => {
  it('weighs each value by its smoothed likelihood ratio and leaves rare values out', () => {
    // 100 high-value and 900 other customers: a value needs min(30, 1% of 1,000) = 10 customers.
    expect(minValueCustomers(1000)).toBe(10);
    expect(minValueCustomers(12)).toBe(1);
    expect(minValueCustomers(1_000_000)).toBe(30);
    const model = fitLookalike(
      [
        { attribute: 'channel', value: 'referral', high: 60, others: 200, prospects: 5 },
        { attribute: 'channel', value: 'ads', high: 40, others: 695, prospects: 5 },
        { attribute: 'channel', value: 'tv', high: 0, others: 5, prospects: 1 }, // 5 customers: too rare
        { attribute: 'channel', value: 'radio', high: 0, others: 0, prospects: 3 }, // prospects only
      ],
      { high: 100, others: 900 },
    );
    // K = 2 judged values; known: 100 high, 895 others.
    // referral: log(61 / 102) - log(201 / 897); ads: log(41 / 102) - log(696 / 897). Prior log(100 / 900).
    const referral = Math.log(61 / 102) - Math.log(201 / 897);
    const ads = Math.log(41 / 102) - Math.log(696 / 897);
    expect(model.values.map((v) => [v.value, v.logLikelihoodRatio])).toEqual([['referral', referral], ['ads', ads]]);
    expect(model.values[0]?.lift).toBeCloseTo(Math.exp(referral), 12);
    expect(model.priorLogit).toBe(Math.log(100 / 900));
    // An unjudged value adds nothing: the prior alone.
    expect(logitOf(model, new Map([['channel', 'tv']]))).toBe(Math.log(100 / 900));
    expect(logitOf(model, new Map([['channel', 'referral']]))).toBeCloseTo(Math.log(100 / 900) + referral, 12);
  });

  it('names the drivers, largest first, leaving out lifts within 10% of 1', () => {
    const model = fitLookalike(
      [
        { attribute: 'country', value: 'DE', high: 8, others: 2, prospects: 0 },
        { attribute: 'country', value: 'FR', high: 2, others: 8, prospects: 0 },
        { attribute: 'platform', value: 'ios', high: 5, others: 5, prospects: 0 },
        { attribute: 'platform', value: 'web', high: 5, others: 5, prospects: 0 },
        { attribute: 'age', value: 'under 30', high: 3, others: 6, prospects: 0 },
        { attribute: 'age', value: '30 or more', high: 7, others: 4, prospects: 0 },
      ],
      { high: 10, others: 10 },
    );
    // DE: log(9/12) - log(3/12) = log 3; platform ios: log(6/12) - log(6/12) = 0; age 30+: log(8/12) - log(5/12) = log 1.6.
    const drivers = driversOf(model, new Map([['country', 'DE'], ['platform', 'ios'], ['age', '30 or more']]));
    expect(drivers.map((d) => d.text)).toEqual([
      'country = DE: 3.0x as common among high-value customers',
      'age = 30 or more: 1.6x as common among high-value customers',
    ]);
    expect(drivers[0]?.contribution).toBeCloseTo(Math.log(3), 12);
    // FR: log(3/12) - log(9/12) = -log 3; under 30: log(4/12) - log(7/12) = log(4/7).
    expect(driversOf(model, new Map([['country', 'FR'], ['age', 'under 30']])).map((d) => [d.value, d.lift.toFixed(4)])).toEqual([
      ['FR', (1 / 3).toFixed(4)],
      ['under 30', (4 / 7).toFixed(4)],
    ]);
  });
});

describe('percentileOf', () => {
  it('is the share of the other prospects scoring lower, ties sharing', () => {
    const sorted = Float64Array.from([-1, 0, 0, 2]);
    expect(percentileOf(-1, sorted)).toBe(0);
    expect(percentileOf(0, sorted)).toBe(100 / 3); // one of the three others is lower
    expect(percentileOf(2, sorted)).toBe(100);
    expect(percentileOf(5, Float64Array.from([5]))).toBe(100);
  });
});

describe('trait attributes', () => {
  it('keeps few-valued traits as categories, bands numbers, and leaves out ids', () => {
    expect(traitUse({ key: 'country', distinctValues: 12, people: 50, numeric: false, quantiles: [null, null, null] })).toMatchObject({ use: 'category' });
    expect(traitUse({ key: 'city', distinctValues: 21, people: 50, numeric: false, quantiles: [null, null, null] })).toMatchObject({ use: 'ignored', reason: '21 distinct values, more than 20' });
    expect(traitUse({ key: 'email', distinctValues: 3, people: 3, numeric: false, quantiles: [null, null, null] })).toMatchObject({ use: 'ignored', reason: 'an identifier' });
    // A number with few values is a category; with many, quartile bands with the tied cut points merged.
    expect(traitUse({ key: 'seats', distinctValues: 3, people: 50, numeric: true, quantiles: [1, 2, 3] })).toMatchObject({ use: 'category' });
    expect(traitUse({ key: 'age', distinctValues: 40, people: 50, numeric: true, quantiles: [30, 30, 52] })).toMatchObject({ use: 'bands', cuts: [30, 52] });
  });

  it('puts a number in its band and names the band', () => {
    const cuts = [22, 25, 52];
    expect([10, 22, 24.9, 25, 51, 52, 90].map((v) => bandOf(v, cuts))).toEqual([0, 1, 1, 2, 2, 3, 3]);
    expect([0, 1, 2, 3].map((b) => bandLabel(b, cuts))).toEqual(['under 22', '22 to under 25', '25 to under 52', '52 or more']);
    expect(bandLabel(1, [0.125])).toBe('0.125 or more');
  });
});
