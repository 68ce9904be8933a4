/**
 * Who the demo customers are: country, city, name, e-mail and demographic bands.
 *
 * An identity depends only on (seed, customer index), drawn from its own stream, so that a customer who
 * refers a later one can know the later one's e-mail address before that customer is generated.
 */
import type { Currency } from './money.js';
import { createRandom, type Random } from './random/random.js';
import { weightedChoice, weightedRecord } from './random/weighted-choice.js';
import { Stream } from './streams.js';

export interface Country {
  code: string;
  utcOffset: number;
  /** The currency people there pay in when they choose to pay locally. */
  currency: Currency;
  cities: readonly string[];
}

const countryTable: ReadonlyArray<readonly [Country, number]> = [
  [{ code: 'US', utcOffset: -5, currency: 'USD', cities: ['New York', 'Los Angeles', 'Chicago', 'Houston', 'Seattle', 'Austin', 'Boston', 'Denver', 'Portland', 'Atlanta', 'Miami', 'San Francisco'] }, 72],
  [{ code: 'CA', utcOffset: -5, currency: 'USD', cities: ['Toronto', 'Vancouver', 'Montreal', 'Calgary'] }, 6],
  [{ code: 'AU', utcOffset: 10, currency: 'USD', cities: ['Sydney', 'Melbourne', 'Brisbane'] }, 3],
  [{ code: 'GB', utcOffset: 0, currency: 'GBP', cities: ['London', 'Manchester', 'Bristol', 'Edinburgh', 'Leeds'] }, 8],
  [{ code: 'DE', utcOffset: 1, currency: 'EUR', cities: ['Berlin', 'Munich', 'Hamburg', 'Cologne'] }, 4],
  [{ code: 'FR', utcOffset: 1, currency: 'EUR', cities: ['Paris', 'Lyon', 'Marseille'] }, 3],
  [{ code: 'NL', utcOffset: 1, currency: 'EUR', cities: ['Amsterdam', 'Rotterdam', 'Utrecht'] }, 2],
  [{ code: 'IE', utcOffset: 0, currency: 'EUR', cities: ['Dublin', 'Cork'] }, 1],
  [{ code: 'ES', utcOffset: 1, currency: 'EUR', cities: ['Madrid', 'Barcelona', 'Valencia'] }, 1],
];
const pickCountry = weightedChoice(
  countryTable.map((row) => row[0]),
  countryTable.map((row) => row[1]),
);

const femaleNames = ['Emma', 'Olivia', 'Ava', 'Sophia', 'Mia', 'Amelia', 'Grace', 'Chloe', 'Hannah', 'Lena', 'Sara', 'Julia', 'Maria', 'Anna', 'Laura', 'Zoe', 'Priya', 'Aisha', 'Mei', 'Elena', 'Claire', 'Nora', 'Ines', 'Lucy'];
const maleNames = ['Liam', 'Noah', 'Oliver', 'James', 'Lucas', 'Ethan', 'Daniel', 'Leo', 'Jonas', 'Felix', 'Hugo', 'Mateo', 'David', 'Ben', 'Omar', 'Arjun', 'Wei', 'Samuel', 'Thomas', 'Max', 'Oscar', 'Jack', 'Adam', 'Paul'];
const neutralNames = ['Alex', 'Sam', 'Jordan', 'Taylor', 'Robin', 'Charlie', 'Kai', 'River', 'Jamie', 'Morgan'];
const lastNames = ['Smith', 'Johnson', 'Williams', 'Brown', 'Garcia', 'Miller', 'Davis', 'Martinez', 'Lopez', 'Wilson', 'Anderson', 'Taylor', 'Moore', 'Martin', 'Lee', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Walker', 'Young', 'King', 'Wright', 'Schmidt', 'Muller', 'Dubois', 'Bernard', 'de Vries', 'Jansen', 'Murphy', 'Kelly', 'Fernandez', 'Nguyen', 'Patel', 'Chen', 'Kim', 'Singh', 'Rossi', 'Novak'];

const pickGender = weightedRecord({ female: 49, male: 45, non_binary: 2, undisclosed: 4 });
const pickAgeBand = weightedRecord({ '18-24': 12, '25-34': 28, '35-44': 24, '45-54': 17, '55-64': 12, '65+': 7 });

export interface Identity {
  name: string;
  email: string;
  /** `null` when the customer did not say. */
  gender: string | null;
  ageBand: string;
  country: Country;
  city: string;
}

function pick<T>(random: Random, items: readonly T[]): T {
  return items[random.int(items.length)] as T;
}

/** `cus-0000042` for index 41: the customer id is the 1-based customer number, zero-padded for sorting. */
export function customerIdOf(index: number): string {
  return `cus-${String(index + 1).padStart(7, '0')}`;
}

export function drawIdentity(seed: number, index: number): Identity {
  const random = createRandom(seed, index, Stream.identity);
  const gender = pickGender(random);
  const first = pick(random, gender === 'female' ? femaleNames : gender === 'male' ? maleNames : random.chance(0.5) ? neutralNames : femaleNames);
  const last = pick(random, lastNames);
  const country = pickCountry(random);
  const handle = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '');
  // example.com/.net/.org are reserved for documentation (RFC 2606): demo mail can never reach a person.
  const domain = pick(random, ['example.com', 'example.net', 'example.org']);
  return {
    name: `${first} ${last}`,
    email: `${handle}.${index + 1}@${domain}`,
    gender: gender === 'undisclosed' ? null : gender,
    ageBand: pickAgeBand(random),
    country,
    city: pick(random, country.cities),
  };
}

/** The demo's country by ISO code, e.g. to find a customer's time zone from their identify traits. */
export function countryNamed(code: string): Country | undefined {
  return countryTable.find(([country]) => country.code === code)?.[0];
}
