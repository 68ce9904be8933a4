/**
 * Visits to the shop: a landing page, product views, and the checkout funnel
 * (product_viewed -> product_added_to_cart -> checkout_started -> checkout_step_completed -> order_completed)
 * with the drop-off of a real shop: most visits end after a few views, many carts are abandoned.
 */
import { SECOND } from './calendar.js';
import { pickProduct, type Product } from './catalogue.js';
import { centsToDecimal } from './money.js';
import type { OrderDraft } from './orders.js';
import { nextId, type PersonContext } from './person-context.js';
import { exponential } from './random/exponential.js';
import { poisson } from './random/poisson.js';
import type { Random } from './random/random.js';
import { weightedRecord } from './random/weighted-choice.js';

const shop = 'https://shop.example.com';
const pickPaymentMethod = weightedRecord({ card: 62, paypal: 20, apple_pay: 12, google_pay: 6 });

export interface VisitSource {
  /** How they arrived (acquisition channel, `email`, `direct`...). */
  channel: string;
  campaign: string | null;
}

/** Seconds spent on a page, at least 5. */
function dwell(random: Random, meanSeconds: number): number {
  return (5 + exponential(random, 1 / meanSeconds)) * SECOND;
}

function landingUrl(source: VisitSource, random: Random): string {
  if (source.campaign && source.channel !== 'organic' && source.channel !== 'direct') return `${shop}/lp/${source.campaign}`;
  if (source.channel === 'organic') return random.chance(0.6) ? `${shop}/blog/brew-guides` : `${shop}/`;
  return `${shop}/`;
}

function landing(context: PersonContext, random: Random, at: number, source: VisitSource): void {
  const properties: Record<string, unknown> = { url: landingUrl(source, random) };
  if (source.campaign) properties.campaign = source.campaign;
  context.log.add('page_viewed', at, { channel: source.channel, platform: context.profile.platform, properties });
}

function viewProduct(context: PersonContext, at: number, product: Product, channel: string | null): void {
  context.log.add('product_viewed', at, {
    channel,
    platform: context.profile.platform,
    properties: {
      product_id: product.id,
      name: product.name,
      category: product.category,
      price: centsToDecimal(product.listPrice[context.profile.currency]),
      url: `${shop}/products/${product.id}`,
    },
  });
}

function addToCart(context: PersonContext, at: number, product: Product, quantity: number, price: number): void {
  context.log.add('product_added_to_cart', at, {
    platform: context.profile.platform,
    properties: { product_id: product.id, name: product.name, quantity, price: centsToDecimal(price) },
  });
}

/**
 * A visit that does not end in an order. `allowCart` lets it go as far as an abandoned cart or checkout.
 * Returns when the visit ended.
 */
export function browse(context: PersonContext, random: Random, start: number, source: VisitSource, allowCart: boolean): number {
  const { profile, log } = context;
  let at = start;
  landing(context, random, at, source);
  const views = 1 + poisson(random, 0.45);
  let last: Product = profile.favourite;
  for (let i = 0; i < views; i++) {
    at += dwell(random, 40);
    last = i === 0 && random.chance(0.3) ? profile.favourite : pickProduct(random);
    viewProduct(context, at, last, source.channel);
  }
  if (!allowCart || !random.chance(0.3)) return at;
  at += dwell(random, 30);
  const quantity = last.consumable && random.chance(0.25) ? 2 : 1;
  addToCart(context, at, last, quantity, last.listPrice[profile.currency]);
  if (!random.chance(0.4)) return at;
  at += dwell(random, 60);
  // A checkout gets its order id when it starts; an abandoned one leaves a gap in the order numbers.
  log.add('checkout_started', at, { orderId: nextId(context, 'ord', 'order'), channel: source.channel, platform: profile.platform, properties: { item_count: 1 } });
  if (!random.chance(0.5)) return at;
  at += dwell(random, 50);
  log.add('checkout_step_completed', at, { platform: profile.platform, properties: { step: 1, step_name: 'shipping' } });
  return at;
}

/**
 * How a buying visit begins: `new` lands on a page, `continued` goes on from the visit in which the person
 * just identified (no new landing), `quick` is a "buy again" from the order history without product views.
 */
export type BuyingVisit = 'new' | 'continued' | 'quick';

/** The visit that ends in `draft` being ordered: product views, carts, checkout and its steps. Returns the time the order completes. */
export function visitAndOrder(context: PersonContext, random: Random, start: number, source: VisitSource, draft: OrderDraft, visit: BuyingVisit): number {
  const { profile, log } = context;
  const quick = visit === 'quick';
  let at = start;
  if (visit === 'new') landing(context, random, at, source);
  if (!quick) {
    if (random.chance(0.2)) {
      at += dwell(random, 40);
      viewProduct(context, at, pickProduct(random), source.channel);
    }
  } else {
    log.add('page_viewed', at, { channel: source.channel, platform: profile.platform, properties: { url: `${shop}/account/orders` } });
  }
  draft.lines.forEach((line, i) => {
    // Shoppers open the page of what they came for; extras go into the cart from listings.
    if (!quick && random.chance(i === 0 ? 0.75 : 0.25)) {
      at += dwell(random, 45);
      viewProduct(context, at, line.product, source.channel);
    }
    at += dwell(random, 20);
    addToCart(context, at, line.product, line.quantity, line.price);
  });
  at += dwell(random, 60);
  log.add('checkout_started', at, { orderId: draft.orderId, channel: source.channel, platform: profile.platform, properties: { item_count: draft.lines.length } });
  // Returning customers with an account mostly have their address saved and skip the shipping step.
  if (!(profile.hasAccount && context.orders.length > 0 && random.chance(0.7))) {
    at += dwell(random, 50);
    log.add('checkout_step_completed', at, { platform: profile.platform, properties: { step: 1, step_name: 'shipping' } });
  }
  at += dwell(random, 40);
  log.add('checkout_step_completed', at, { platform: profile.platform, properties: { step: 2, step_name: 'payment', payment_method: pickPaymentMethod(random) } });
  return at + dwell(random, 10);
}
