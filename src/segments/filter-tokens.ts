/**
 * The filter language's tokenizer: a filter's text to words, numbers, strings and operators, each with the
 * column (1-based) it starts at, so every error can say where it is. Also the one error type of the
 * language, `FilterError`, whose message is a single line naming the problem and the column.
 */

export class FilterError extends Error {
  override readonly name = 'FilterError';
  constructor(
    message: string,
    /** 1-based column of the problem; the filter's length + 1 at its end. */
    readonly column: number,
  ) {
    super(message);
  }
}

export type Token =
  | { type: 'word'; text: string; column: number }
  | { type: 'number'; value: number; text: string; column: number }
  | { type: 'string'; value: string; column: number }
  | { type: 'op'; text: '=' | '!=' | '<' | '<=' | '>' | '>=' | '(' | ')' | ','; column: number }
  | { type: 'end'; column: number };

/** A word: letters, digits and underscores, not starting with a digit, with dotted parts (`rfm.r`, `trait.country`). */
const word = /[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*/y;
const number = /-?(?:\d+(?:\.\d+)?|\.\d+)(?![A-Za-z0-9_.])/y;
const operators = ['!=', '<=', '>=', '<>', '=', '<', '>', '(', ')', ','] as const;

/** How a token reads in an error message. */
export function describeToken(token: Token): string {
  switch (token.type) {
    case 'end':
      return 'the end of the filter';
    case 'string':
      return JSON.stringify(token.value);
    case 'number':
      return token.text;
    default:
      return `"${token.text}"`;
  }
}

/** Where a token is, for an error message: `at column N`, or `at the end`. */
export function at(token: Token): string {
  return token.type === 'end' ? 'at the end' : `at column ${token.column}`;
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const column = i + 1;
    if (ch === '"' || ch === "'") {
      // A quote inside a string is written twice ('it''s') or escaped with a backslash.
      let value = '';
      let j = i + 1;
      for (;;) {
        if (j >= text.length) throw new FilterError(`unterminated string starting at column ${column} (close it with ${ch})`, column);
        const c = text[j] as string;
        if (c === '\\' && j + 1 < text.length) {
          value += text[j + 1];
          j += 2;
        } else if (c === ch && text[j + 1] === ch) {
          value += ch;
          j += 2;
        } else if (c === ch) {
          j++;
          break;
        } else {
          value += c;
          j++;
        }
      }
      tokens.push({ type: 'string', value, column });
      i = j;
      continue;
    }
    number.lastIndex = i;
    const n = number.exec(text);
    if (n) {
      tokens.push({ type: 'number', value: Number(n[0]), text: n[0], column });
      i += n[0].length;
      continue;
    }
    word.lastIndex = i;
    const w = word.exec(text);
    if (w) {
      tokens.push({ type: 'word', text: w[0], column });
      i += w[0].length;
      continue;
    }
    const op = operators.find((o) => text.startsWith(o, i));
    if (op) {
      tokens.push({ type: 'op', text: op === '<>' ? '!=' : op, column });
      i += op.length;
      continue;
    }
    throw new FilterError(`unexpected "${ch}" at column ${column} (expected a field, a value, an operator = != < <= > >=, a parenthesis or a comma)`, column);
  }
  tokens.push({ type: 'end', column: text.length + 1 });
  return tokens;
}
