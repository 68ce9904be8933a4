/**
 * Orders: what goes in the basket, what it costs after sales, coupons and loyalty credit, and the
 * `order_completed` event with its loyalty points. All money is integer cents of the order's currency,
 * so `amount = sum(price * quantity) - discount` holds exactly.
 */
import { SECOND } from './calendar.js';
import { cheapestProduct, pickProduct, type Product } from './catalogue.js';
import { demoParameters } from './demo-parameters.js';
import { centsToDecimal, localCost, rateToReporting, toReportingCents, type Currency } from './money.js';
import { nextId, type LineDraft, type OrderRecord, type PersonContext } from './person-context.js';
import { gamma } from './random/gamma.js';
import type { Random } from './random/random.js';

export interface OrderDraft {
  orderId: string;
  lines: LineDraft[];
  subtotal: number;
  discount: number;
  coupon: string | null;
  /** Loyalty points turned into credit on this order. */
  pointsRedeemed: number;
  amount: number;
  currency: Currency;
  rate: string | null;
  /** No coupon, no credit, no item below list price. */
  fullPrice: boolean;
}

/** 500 points buy 5 USD of credit. */
const pointsPerRedemption = 500;
const saleCuts = [0.1, 0.15, 0.2, 0.25, 0.3];

/** One Gamma-Gamma draw of what this customer means to spend now, in USD cents (kept between 4 and 1,500 USD). */
function targetSpend(context: PersonContext, random: Random): number {
  const dollars = gamma(random, demoParameters.gammaGamma.p, 1 / context.profile.spendRate);
  return Math.round(Math.min(1500, Math.max(4, dollars)) * 100);
}

/**
 * Fills a basket up to about `target` USD cents: products by popularity, more units of cheap
 * consumables, and the customer's favourite on many repeat orders. Prices are discrete, so the basket
 * only approximates the target.
 */
function fillBasket(context: PersonContext, random: Random, target: number, repeat: boolean): Map<Product, number> {
  const basket = new Map<Product, number>();
  let remaining = target;
  const add = (product: Product, quantity: number): void => {
    basket.set(product, (basket.get(product) ?? 0) + quantity);
    remaining -= product.listPrice.USD * quantity;
  };
  if (repeat && random.chance(0.55)) add(context.profile.favourite, 1);
  for (let tries = 0; tries < 14 && basket.size < 6 && remaining > 400; tries++) {
    const product = pickProduct(random);
    const unit = product.listPrice.USD;
    // Something far above the budget is skipped, except a first item well within reach of it.
    if (unit > remaining * (basket.size === 0 ? 1.6 : 1.25)) continue;
    const most = Math.max(1, Math.min(4, Math.floor(remaining / unit)));
    add(product, product.consumable ? 1 + random.int(most) : 1);
  }
  if (basket.size === 0) add(cheapestProduct, 1);
  return basket;
}

/** Builds the next order at `at`: basket, sale prices, coupon and loyalty credit. */
export function draftOrder(context: PersonContext, random: Random, at: number, coupon: string | null): OrderDraft {
  const { profile } = context;
  const currency = profile.currency;
  const repeat = context.orders.length > 0;
  const basket = fillBasket(context, random, targetSpend(context, random), repeat);
  const onSale = random.chance(profile.discountAffinity * 0.45);
  const lines: LineDraft[] = [];
  let subtotal = 0;
  for (const [product, quantity] of basket) {
    const list = product.listPrice[currency];
    const cut = onSale && random.chance(0.6) ? (saleCuts[random.int(saleCuts.length)] as number) : 0;
    const price = cut > 0 ? Math.round(list * (1 - cut)) : list;
    lines.push({ product, quantity, price });
    subtotal += price * quantity;
  }

  let discount = 0;
  let appliedCoupon = coupon;
  if (appliedCoupon === null && random.chance(profile.discountAffinity * 0.35)) {
    appliedCoupon = random.chance(0.5) ? 'SPRING15' : subtotal >= 3000 ? 'TAKE5' : 'SAVE10';
  }
  if (appliedCoupon === 'TAKE5') discount += localCost(500, currency);
  else if (appliedCoupon !== null) discount += Math.round((subtotal * Number(appliedCoupon.replace(/\D/g, ''))) / 100);

  let pointsRedeemed = 0;
  if (context.points >= pointsPerRedemption && random.chance(0.5)) {
    pointsRedeemed = pointsPerRedemption;
    discount += localCost(500, currency);
  }
  discount = Math.min(discount, subtotal);
  const fullPrice = discount === 0 && lines.every((line) => line.price >= line.product.listPrice[currency]);
  return {
    orderId: nextId(context, 'ord', 'order'),
    lines,
    subtotal,
    discount,
    coupon: appliedCoupon,
    pointsRedeemed,
    amount: subtotal - discount,
    currency,
    rate: rateToReporting(currency, at),
    fullPrice,
  };
}

/** Records the order at `at` (credit redeemed just before, points earned just after) and returns it. */
export function placeOrder(context: PersonContext, draft: OrderDraft, at: number, channel: string): OrderRecord {
  const { log, profile } = context;
  const currency = draft.currency;
  if (draft.pointsRedeemed > 0) {
    context.points -= draft.pointsRedeemed;
    log.add('loyalty_points_redeemed', at - SECOND, { orderId: draft.orderId, properties: { points: draft.pointsRedeemed, reason: 'order_credit' } });
  }
  const properties: Record<string, unknown> = {
    products: draft.lines.map((line) => ({
      product_id: line.product.id,
      name: line.product.name,
      category: line.product.category,
      quantity: line.quantity,
      price: centsToDecimal(line.price),
      list_price: centsToDecimal(line.product.listPrice[currency]),
      cost: centsToDecimal(line.product.cost[currency]),
    })),
    subtotal: centsToDecimal(draft.subtotal),
  };
  if (draft.discount > 0) properties.discount = centsToDecimal(draft.discount);
  if (draft.coupon !== null) properties.coupon = draft.coupon;
  log.add('order_completed', at, {
    amount: centsToDecimal(draft.amount),
    currency,
    rate: draft.rate,
    orderId: draft.orderId,
    channel,
    platform: profile.platform,
    fullPrice: draft.fullPrice,
    properties,
  });
  // Members of the loyalty programme (people with an account) get one point per whole dollar paid,
  // counted in the reporting currency whatever the order's currency.
  const points = profile.hasAccount ? Math.floor(toReportingCents(draft.amount, draft.rate) / 100) : 0;
  if (points > 0) {
    context.points += points;
    log.add('loyalty_points_earned', at + SECOND, { orderId: draft.orderId, properties: { points, reason: 'order' } });
  }
  const record: OrderRecord = { orderId: draft.orderId, at, amount: draft.amount, currency, rate: draft.rate, lines: draft.lines };
  context.orders.push(record);
  return record;
}
