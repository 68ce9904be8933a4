/**
 * What the demo shop sells: a coffee-and-tea catalogue, and the subscription plans.
 *
 * Prices are list prices in USD cents; local (EUR, GBP) shelf prices are derived once here.
 */
import { localCost, localPrice, type Currency } from './money.js';
import { weightedChoice } from './random/weighted-choice.js';

export type { BillingInterval } from '../domain/billing-interval.js';
import type { BillingInterval } from '../domain/billing-interval.js';
export type Category = 'coffee' | 'tea' | 'equipment' | 'accessories' | 'gifts' | 'snacks';

export interface Product {
  id: string;
  name: string;
  category: Category;
  /** Bought again and again (beans, tea, filters) rather than once (a grinder). */
  consumable: boolean;
  listPrice: Readonly<Record<Currency, number>>;
  cost: Readonly<Record<Currency, number>>;
}

// [name, category, list price USD, relative popularity]
const rows: ReadonlyArray<readonly [string, Category, number, number]> = [
  ['House Blend Beans 1kg', 'coffee', 32, 14],
  ['Espresso Roast 1kg', 'coffee', 34, 10],
  ['Ethiopia Yirgacheffe 250g', 'coffee', 16.5, 9],
  ['Colombia Huila 250g', 'coffee', 14, 9],
  ['Kenya AA 250g', 'coffee', 17, 6],
  ['Guatemala Antigua 500g', 'coffee', 22, 6],
  ['Decaf Swiss Water 250g', 'coffee', 13.5, 4],
  ['Cold Brew Blend 500g', 'coffee', 19, 5],
  ['Earl Grey Loose Leaf 100g', 'tea', 9.5, 5],
  ['Sencha Green Tea 100g', 'tea', 11, 4],
  ['Chai Spice 200g', 'tea', 12, 4],
  ['Chamomile 50g', 'tea', 7.5, 3],
  ['Conical Burr Grinder', 'equipment', 129, 1.2],
  ['Hand Grinder', 'equipment', 59, 1.5],
  ['Gooseneck Kettle', 'equipment', 79, 1.2],
  ['Pour-Over Dripper', 'equipment', 24, 2.5],
  ['French Press 1L', 'equipment', 35, 2],
  ['AeroPress', 'equipment', 39.95, 2],
  ['Home Espresso Machine', 'equipment', 449, 0.3],
  ['Cold Brew Maker', 'equipment', 29, 1.2],
  ['Digital Scale', 'equipment', 45, 1],
  ['Milk Frother', 'equipment', 69, 0.8],
  ['Paper Filters (100)', 'accessories', 6.5, 6],
  ['Ceramic Mug', 'accessories', 18, 3],
  ['Travel Tumbler', 'accessories', 27, 2],
  ['Glass Carafe', 'accessories', 32, 1],
  ['Cleaning Tablets', 'accessories', 12, 2],
  ['Coffee Canister', 'accessories', 22, 1.5],
  ['Tasting Flight Gift Box', 'gifts', 45, 1.5],
  ['Barista Starter Kit', 'gifts', 89, 0.7],
  ['Coffee & Chocolate Pairing', 'gifts', 28, 1],
  ['Almond Biscotti', 'snacks', 8, 3],
  ['Dark Chocolate Bar', 'snacks', 5.5, 3],
  ['Vanilla Syrup', 'snacks', 10, 2],
];

// What a unit costs the shop, as a share of its list price.
const costShare: Record<Category, number> = { coffee: 0.45, tea: 0.35, equipment: 0.62, accessories: 0.4, gifts: 0.5, snacks: 0.45 };
const consumables: ReadonlySet<Category> = new Set<Category>(['coffee', 'tea', 'snacks']);
const currencies: readonly Currency[] = ['USD', 'EUR', 'GBP'];

function perCurrency(make: (currency: Currency) => number): Record<Currency, number> {
  return Object.fromEntries(currencies.map((currency) => [currency, make(currency)])) as Record<Currency, number>;
}

export const products: readonly Product[] = rows.map(([name, category, usd, _popularity], i) => {
  const listUsd = Math.round(usd * 100);
  const costUsd = Math.round(listUsd * costShare[category]);
  return {
    id: `sku-${1001 + i}`,
    name,
    category,
    consumable: consumables.has(category) || name.startsWith('Paper Filters'),
    listPrice: perCurrency((currency) => localPrice(listUsd, currency)),
    cost: perCurrency((currency) => localCost(costUsd, currency)),
  };
});

/** Any product, in proportion to how often it sells. */
export const pickProduct = weightedChoice(
  products,
  rows.map((row) => row[3]),
);

/** A product people come back for: the first thing a regular buys again. */
export const pickFavourite = weightedChoice(
  products.filter((product) => product.consumable),
  rows.filter((_, i) => products[i]?.consumable).map((row) => row[3]),
);

/** The cheapest product, to top up a basket. */
export const cheapestProduct: Product = products.reduce((a, b) => (b.listPrice.USD < a.listPrice.USD ? b : a));

export type SubscriptionKind = 'product' | 'service';

export interface Plan {
  id: string;
  kind: SubscriptionKind;
  interval: BillingInterval;
  intervalCount: number;
  price: Readonly<Record<Currency, number>>;
  /** Plans of one family are upgrades or downgrades of each other (same interval, so the billing anchor stays). */
  family: string;
  tier: number;
}

function plan(id: string, kind: SubscriptionKind, interval: BillingInterval, intervalCount: number, usd: number, family: string, tier: number): Plan {
  const cents = Math.round(usd * 100);
  return { id, kind, interval, intervalCount, price: perCurrency((currency) => localPrice(cents, currency)), family, tier };
}

export const plans: readonly Plan[] = [
  plan('coffee-box', 'product', 'month', 1, 24, 'coffee-box', 1),
  plan('coffee-box-duo', 'product', 'month', 1, 42, 'coffee-box', 2),
  plan('coffee-box-fortnightly', 'product', 'week', 2, 13, 'coffee-box-fortnightly', 1),
  plan('tea-club-quarterly', 'product', 'quarter', 1, 45, 'tea-club', 1),
  plan('premium-monthly', 'service', 'month', 1, 9.99, 'premium-monthly', 1),
  plan('premium-plus-monthly', 'service', 'month', 1, 19.99, 'premium-monthly', 2),
  plan('premium-yearly', 'service', 'year', 1, 99, 'premium-yearly', 1),
  plan('premium-plus-yearly', 'service', 'year', 1, 199, 'premium-yearly', 2),
];

const planById = new Map(plans.map((p) => [p.id, p]));

/** A plan by id; throws on a typo, which only a code change can cause. */
export function planNamed(id: string): Plan {
  const found = planById.get(id);
  if (!found) throw new Error(`unknown demo plan ${id}`);
  return found;
}

/** The other tier in the same family (the upgrade or the downgrade), if there is one. */
export function otherTier(current: Plan): Plan | undefined {
  return plans.find((p) => p.family === current.family && p.tier !== current.tier);
}

export const pickProductPlan = weightedChoice(
  ['coffee-box', 'coffee-box-duo', 'coffee-box-fortnightly', 'tea-club-quarterly'].map(planNamed),
  [50, 12, 23, 15],
);
export const pickServicePlan = weightedChoice(
  ['premium-monthly', 'premium-plus-monthly', 'premium-yearly', 'premium-plus-yearly'].map(planNamed),
  [52, 13, 27, 8],
);

/** Features of the premium membership, as `product_used` reports them, and how often each is used. */
export const pickFeature = weightedChoice(
  ['brew_guide', 'video_class', 'member_pricing', 'free_shipping', 'recipe_library', 'live_tasting'],
  [30, 15, 20, 15, 15, 5],
);
