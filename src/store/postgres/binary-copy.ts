/**
 * COPY's binary format, for moving batches of rows between JavaScript and PostgreSQL: per row the field
 * count, then each field's length (-1 for NULL) and its bytes in the type's binary form. Doubles travel as
 * their eight bytes, so each engine stores and returns exactly the double the other computed, with no text
 * in between; writing and parsing text costs several times more.
 *
 * The column types must be the table's or the query's own: binary COPY does not convert, and a field whose
 * length does not fit its type is refused rather than misread.
 * See https://www.postgresql.org/docs/current/sql-copy.html#id-1.9.3.55.9.4
 */
import type { ColumnData, ColumnType, TableColumn } from '../table-columns.js';

/** The file header: signature, flags (none), header extension length (0). */
const header = Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)]);
const signatureLength = 11;
const fixedLength: Record<ColumnType, number> = { integer: 4, double: 8, varchar: 0 };

/** Rows given column by column (each as long as the first) as one binary COPY file. */
export function encodeBinaryCopy(columns: readonly TableColumn[], values: readonly ColumnData[]): Buffer {
  const rows = values[0]?.length ?? 0;
  // An upper bound: a UTF-16 code unit never takes more than 3 bytes in UTF-8.
  let size = header.length + 2 + rows * 2;
  for (const [c, column] of columns.entries()) {
    const data = values[c] as ColumnData;
    size += rows * (4 + fixedLength[column.type]);
    if (column.type === 'varchar') for (let i = 0; i < rows; i++) size += 3 * String(data[i] ?? '').length;
  }
  const buffer = Buffer.allocUnsafe(size);
  let at = header.copy(buffer, 0);
  for (let i = 0; i < rows; i++) {
    at = buffer.writeInt16BE(columns.length, at);
    for (let c = 0; c < columns.length; c++) {
      const value = (values[c] as ColumnData)[i];
      if (value === null || value === undefined) {
        at = buffer.writeInt32BE(-1, at);
        continue;
      }
      switch ((columns[c] as TableColumn).type) {
        case 'integer':
          at = buffer.writeInt32BE(4, at);
          at = buffer.writeInt32BE(value as number, at);
          break;
        case 'double':
          at = buffer.writeInt32BE(8, at);
          at = buffer.writeDoubleBE(value as number, at);
          break;
        case 'varchar': {
          const length = buffer.write(String(value), at + 4, 'utf8');
          buffer.writeInt32BE(length, at);
          at += 4 + length;
          break;
        }
      }
    }
  }
  at = buffer.writeInt16BE(-1, at);
  return buffer.subarray(0, at);
}

/** A binary COPY file back into columns: numbers for integer and double columns, strings for varchar, null for NULL. */
export function decodeBinaryCopy(buffer: Buffer, columns: readonly TableColumn[]): { columns: unknown[][]; rows: number } {
  if (buffer.length === 0) return { columns: columns.map(() => []), rows: 0 };
  if (buffer.compare(header, 0, signatureLength, 0, signatureLength) !== 0) throw new Error('not a binary COPY file: the signature is missing');
  const out: unknown[][] = columns.map(() => []);
  let at = signatureLength + 4;
  at += 4 + buffer.readInt32BE(at);
  let rows = 0;
  for (;;) {
    const fields = buffer.readInt16BE(at);
    at += 2;
    if (fields === -1) break;
    if (fields !== columns.length) throw new Error(`binary COPY row ${rows + 1} has ${fields} fields, not ${columns.length}`);
    for (let c = 0; c < fields; c++) {
      const length = buffer.readInt32BE(at);
      at += 4;
      const target = out[c] as unknown[];
      if (length === -1) {
        target.push(null);
        continue;
      }
      const column = columns[c] as TableColumn;
      if (column.type !== 'varchar' && length !== fixedLength[column.type]) throw new Error(`column ${column.name} is not ${column.type}: its values have ${length} bytes`);
      target.push(column.type === 'integer' ? buffer.readInt32BE(at) : column.type === 'double' ? buffer.readDoubleBE(at) : buffer.toString('utf8', at, at + length));
      at += length;
    }
    rows++;
  }
  return { columns: out, rows };
}
