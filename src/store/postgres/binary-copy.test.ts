import { describe, expect, it } from 'vitest';
import type { TableColumn } from '../table-columns.js';
import { decodeBinaryCopy, encodeBinaryCopy } from './binary-copy.js';

const columns: readonly TableColumn[] = [
  { name: 'id', type: 'integer' },
  { name: 'name', type: 'varchar' },
  { name: 'value', type: 'double' },
];

describe('binary COPY', () => {
  it('round-trips integers, text and doubles bit for bit, NULLs included', () => {
    const values = [[1, -2147483648, null], ['a', '𝄞 ü\t\\', null], [0.1 + 0.2, -0, Number.NaN]];
    const encoded = encodeBinaryCopy(columns, values);
    // The signature, then flags and header extension, then 3 rows, then the trailer.
    expect(encoded.subarray(0, 11).toString('latin1')).toBe('PGCOPY\n\xff\r\n\0');
    expect(encoded.readInt16BE(encoded.length - 2)).toBe(-1);
    const decoded = decodeBinaryCopy(encoded, columns);
    expect(decoded.rows).toBe(3);
    expect(decoded.columns).toEqual(values);
    expect(Object.is(decoded.columns[2]?.[1], -0)).toBe(true);
  });

  it('refuses a field whose length does not fit its declared type rather than misreading it', () => {
    const encoded = encodeBinaryCopy([{ name: 'n', type: 'integer' }], [[7]]);
    expect(() => decodeBinaryCopy(encoded, [{ name: 'n', type: 'double' }])).toThrow('column n is not double: its values have 4 bytes');
    expect(decodeBinaryCopy(Buffer.alloc(0), columns)).toEqual({ columns: [[], [], []], rows: 0 });
  });
});
