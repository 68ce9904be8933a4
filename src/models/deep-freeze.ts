/**
 * Freezes an object and every object or array inside it, so that a fit handed out as plain data cannot be
 * changed by whoever holds it (an interval included).
 *
 * @returns the same value, frozen
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
