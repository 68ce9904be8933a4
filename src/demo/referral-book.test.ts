import { expect, it } from 'vitest';
import { ReferralBook } from './referral-book.js';

it('books the next free slot after the referrer, hands each booking out once, and never past the last customer', () => {
  const book = new ReferralBook(5);
  expect(book.book(0, { referrerId: 'a', arrivesAt: 1 })).toBe(1);
  expect(book.book(0, { referrerId: 'a', arrivesAt: 2 })).toBe(2);
  expect(book.book(3, { referrerId: 'b', arrivesAt: 3 })).toBe(4);
  expect(book.book(3, { referrerId: 'b', arrivesAt: 4 })).toBeUndefined();
  expect(book.size).toBe(3);
  expect(book.take(2)).toEqual({ referrerId: 'a', arrivesAt: 2 });
  expect(book.take(2)).toBeUndefined();
  expect(book.take(3)).toBeUndefined();
  expect(book.size).toBe(2);
});
