/**
 * The purchase models (BG/NBD, Pareto/NBD, MBG/NBD) behind one small interface, so validation, scoring
 * and CLV treat them alike.
 */
import type { RfmCustomer } from '../models/data/index.js';
import { bgnbdExpectedTransactions, bgnbdExpectedTransactionsNewCustomer, bgnbdProbabilityAlive, type BgNbdParams } from '../models/bgnbd/index.js';
import { mbgnbdExpectedTransactions, mbgnbdExpectedTransactionsNewCustomer, mbgnbdProbabilityAlive } from '../models/mbgnbd/index.js';
import { pnbdExpectedTransactions, pnbdExpectedTransactionsNewCustomer, pnbdProbabilityAlive, type ParetoNbdParams } from '../models/pnbd/index.js';

export const purchaseModelNames = ['bgnbd', 'pnbd', 'mbgnbd'] as const;
export type PurchaseModelName = (typeof purchaseModelNames)[number];

export interface FittedPurchaseModel {
  /** Expected repeat purchases in the next t units for a customer with this history. */
  expected(customer: RfmCustomer, t: number): number;
  /** Expected repeat purchases of a customer t units after their first purchase. */
  newCustomer(t: number): number;
  probabilityAlive(customer: RfmCustomer): number;
}

export function purchaseModel(name: PurchaseModelName, params: Record<string, number>): FittedPurchaseModel {
  switch (name) {
    case 'bgnbd': {
      const p = params as unknown as BgNbdParams;
      return { expected: (c, t) => bgnbdExpectedTransactions(p, c, t), newCustomer: (t) => bgnbdExpectedTransactionsNewCustomer(p, t), probabilityAlive: (c) => bgnbdProbabilityAlive(p, c) };
    }
    case 'mbgnbd': {
      const p = params as unknown as BgNbdParams;
      return { expected: (c, t) => mbgnbdExpectedTransactions(p, c, t), newCustomer: (t) => mbgnbdExpectedTransactionsNewCustomer(p, t), probabilityAlive: (c) => mbgnbdProbabilityAlive(p, c) };
    }
    case 'pnbd': {
      const p = params as unknown as ParetoNbdParams;
      return { expected: (c, t) => pnbdExpectedTransactions(p, c, t), newCustomer: (t) => pnbdExpectedTransactionsNewCustomer(p, t), probabilityAlive: (c) => pnbdProbabilityAlive(p, c) };
    }
  }
}

export function parsePurchaseModelName(value: string): PurchaseModelName {
  if ((purchaseModelNames as readonly string[]).includes(value)) return value as PurchaseModelName;
  throw new Error(`--model ${JSON.stringify(value)} is not a purchase model (use ${purchaseModelNames.join(', ')})`);
}
