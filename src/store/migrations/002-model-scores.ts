/**
 * Model fits and the per-customer scores made from them. Both are derived: a fit is plain JSON with the
 * date range of its inputs, and scores name the fit they came from, so any figure can be traced back.
 */
export const name = 'model-scores';

export const statements = [
  `CREATE TABLE model_fits (
     fit_id INTEGER PRIMARY KEY,
     created_at TIMESTAMP NOT NULL,
     as_of DATE NOT NULL,
     data_from DATE,
     data_to DATE NOT NULL,
     purchase_model VARCHAR NOT NULL,
     spend_model VARCHAR,
     -- The time unit the models were fitted in, in days (7: weeks).
     model_unit_days DOUBLE NOT NULL,
     purchase_fit JSON NOT NULL,
     spend_fit JSON,
     options JSON NOT NULL
   )`,
  `CREATE TABLE customer_scores (
     fit_id INTEGER NOT NULL,
     customer_id VARCHAR NOT NULL,
     -- Expected repeat purchases over the horizon, probability of being alive at the as-of date.
     expected_purchases DOUBLE NOT NULL,
     probability_alive DOUBLE NOT NULL,
     -- Gamma-Gamma conditional expected order value, in the reporting currency.
     expected_order_value DOUBLE,
     -- Discounted margin over the horizon, in the reporting currency.
     clv DOUBLE,
     historical_revenue DOUBLE NOT NULL
   )`,
];
