/**
 * Names of each customer's independent random streams.
 *
 * Each part of the simulation draws from its own stream (seeded by seed, customer index and this number),
 * so that changing how, say, support tickets are drawn leaves who buys what untouched.
 */
export const Stream = {
  identity: 1,
  profile: 2,
  acquisition: 3,
  purchases: 4,
  subscriptions: 5,
  support: 6,
  voice: 7,
} as const;
