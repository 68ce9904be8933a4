/**
 * Starting points for three kinds of business. A config file picks one with `"preset"`, and its own
 * settings override the preset's; the shop's are the schema's defaults. docs/config.md explains each.
 */
import type { ConfigInput, PresetName } from './config-schema.js';

type PresetSettings = Omit<ConfigInput, 'preset'>;

export const presets: Readonly<Record<PresetName, PresetSettings>> = {
  // A shop: a purchase, a support ticket or an inbound contact in the last 30 days makes a customer active.
  shop: {},
  // A subscription service: active while subscribed, whatever the customer last did; usage, renewals and
  // support also count. Loyal members have paid a year of monthly renewals; a comeback is a re-subscription.
  subscription: {
    activity: {
      window: 30,
      kinds: ['subscription_started', 'subscription_renewed', 'product_used', 'support_ticket_opened', 'contact', 'order_completed'],
      whileSubscribed: true,
    },
    types: { loyal: { windowDays: 365, minPurchases: 10, minSpanDays: 270 } },
    stages: { retentionWindowDays: 400 },
    status: { lapsedAfterDays: 90, reactivationWindowDays: 60 },
  },
  // A B2B service business: few, large, planned purchases and much talking. A quarter's window, contacts
  // and meetings keep an account active, and an account lapses after a year of silence.
  b2b_service: {
    activity: {
      window: 90,
      kinds: ['order_completed', 'subscription_started', 'subscription_renewed', 'contact', 'support_ticket_opened', 'product_used'],
      whileSubscribed: true,
    },
    types: {
      loyal: { windowDays: 730, minPurchases: 3, minSpanDays: 180 },
      supportService: { minTickets: 3 },
      contact: { minContacts: 2 },
    },
    stages: { retentionWindowDays: 730, advocacy: { windowDays: 730 } },
    status: { lapsedAfterDays: 365, reactivationWindowDays: 180 },
    highValue: { minFullPriceShare: 0.5, minOrders: 2, minSpanDays: 90 },
    rfm: { windowDays: 730 },
  },
};
