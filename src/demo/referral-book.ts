/**
 * Referrals made by earlier customers that a later customer will answer.
 *
 * Customers are generated one after another, so a referrer cannot wait for the friend it brings in.
 * Instead it books the next free customer slot: that later customer starts as a referral at the booked
 * time, and the referrer already knows its customer id and e-mail. Bookings are taken in order and
 * removed when used, so the book holds only the few referrals not yet reached (bounded memory).
 */
export interface Booking {
  referrerId: string;
  /** When the referred person first comes in. */
  arrivesAt: number;
}

export class ReferralBook {
  private nextFree = 0;
  private readonly pending = new Map<number, Booking>();

  constructor(private readonly customers: number) {}

  /** Books a slot after `fromIndex` for a referred person, or returns `undefined` when no customer slot is left. */
  book(fromIndex: number, booking: Booking): number | undefined {
    const slot = Math.max(this.nextFree, fromIndex + 1);
    if (slot >= this.customers) return undefined;
    this.nextFree = slot + 1;
    this.pending.set(slot, booking);
    return slot;
  }

  /** The booking for this customer slot, if a referrer made one (each is handed out once). */
  take(index: number): Booking | undefined {
    const booking = this.pending.get(index);
    if (booking) this.pending.delete(index);
    return booking;
  }

  get size(): number {
    return this.pending.size;
  }
}
