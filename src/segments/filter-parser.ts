/**
 * The filter language's parser: tokens (filter-tokens.ts) to a checked syntax tree, by recursive descent.
 * Every field is looked up in the catalogue (filter-fields.ts) and every value checked against its
 * field here, so a filter that parses can be compiled without further errors, and a bad one fails with
 * one message naming the column and what was expected.
 *
 *   filter     := or
 *   or         := and ("or" and)*
 *   and        := unary ("and" unary)*
 *   unary      := "not" unary | "(" or ")" | "has" TYPE | condition
 *   condition  := FIELD                                   (a yes/no field: active, high_value, anonymous)
 *               | FIELD op value                           (op: = != <> < <= > >=)
 *               | FIELD ["not"] "in" "(" value ("," value)* ")"
 *               | FIELD "is" ["not"] "null"
 *   value      := NUMBER | "text" | 'text' | WORD          (a bare word is text: an enum value, true, false)
 */
import { activeTypes } from '../lifecycle/classify.js';
import { fieldNames, fields, findField, traitName, type FieldSpec } from './filter-fields.js';
import { at, describeToken, FilterError, tokenize, type Token } from './filter-tokens.js';

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

/** A field of the catalogue, or a trait by name. */
export type FieldRef = { field: FieldSpec } | { trait: string };

export type Literal = { type: 'number'; value: number } | { type: 'text'; value: string } | { type: 'boolean'; value: boolean };

export type FilterNode =
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; operand: FilterNode }
  /** A yes/no field on its own: `active`. */
  | { kind: 'flag'; field: FieldSpec }
  | { kind: 'compare'; field: FieldRef; op: CompareOp; value: Literal }
  | { kind: 'in'; field: FieldRef; values: Literal[]; negated: boolean }
  | { kind: 'null'; field: FieldRef; negated: boolean };

const keywords = new Set(['and', 'or', 'not', 'in', 'is', 'null', 'has']);
const compareOps = new Set(['=', '!=', '<', '<=', '>', '>=']);

export function parseFilter(text: string): FilterNode {
  if (text.trim() === '') throw new FilterError('the filter is empty (e.g. "stage = retention and orders >= 3")', 1);
  return new Parser(tokenize(text)).parse();
}

/** The name of a field reference as the filter writes it. */
export function fieldRefName(ref: FieldRef): string {
  return 'trait' in ref ? `trait.${ref.trait}` : ref.field.name;
}

class Parser {
  #i = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): FilterNode {
    const node = this.or();
    const next = this.peek();
    if (next.type !== 'end') throw new FilterError(`unexpected ${describeToken(next)} ${at(next)} (expected and, or, or the end of the filter)`, next.column);
    return node;
  }

  private peek(): Token {
    return this.tokens[this.#i] as Token;
  }

  private next(): Token {
    const token = this.peek();
    if (token.type !== 'end') this.#i++;
    return token;
  }

  private isWord(word: string, token = this.peek()): boolean {
    return token.type === 'word' && token.text.toLowerCase() === word;
  }

  private isOp(op: string, token = this.peek()): boolean {
    return token.type === 'op' && token.text === op;
  }

  private expectOp(op: string, why: string): void {
    const token = this.next();
    if (!this.isOp(op, token)) throw new FilterError(`expected "${op}" ${at(token)} ${why}, found ${describeToken(token)}`, token.column);
  }

  private or(): FilterNode {
    let left = this.and();
    while (this.isWord('or')) {
      this.next();
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): FilterNode {
    let left = this.unary();
    while (this.isWord('and')) {
      this.next();
      left = { kind: 'and', left, right: this.unary() };
    }
    return left;
  }

  private unary(): FilterNode {
    const token = this.peek();
    if (this.isWord('not')) {
      this.next();
      return { kind: 'not', operand: this.unary() };
    }
    if (this.isOp('(')) {
      this.next();
      const inner = this.or();
      this.expectOp(')', `to close the "(" at column ${token.column}`);
      return inner;
    }
    if (this.isWord('has')) {
      this.next();
      const type = this.next();
      const typeField = findField('type') as FieldSpec;
      return { kind: 'compare', field: { field: typeField }, op: '=', value: this.enumValue(typeField, type) };
    }
    return this.condition();
  }

  private condition(): FilterNode {
    const token = this.next();
    if (token.type !== 'word' || keywords.has(token.text.toLowerCase())) {
      throw new FilterError(`expected a field ${at(token)}, found ${describeToken(token)} (fields: ${fieldNames.join(', ')})`, token.column);
    }
    const ref = this.fieldRef(token);
    const name = fieldRefName(ref);
    const spec = 'field' in ref ? ref.field : null;
    const op = this.peek();

    if (this.isWord('is')) {
      this.next();
      const negated = this.isWord('not') ? (this.next(), true) : false;
      const nullToken = this.next();
      if (!this.isWord('null', nullToken)) throw new FilterError(`expected null ${at(nullToken)} after "is${negated ? ' not' : ''}", found ${describeToken(nullToken)}`, nullToken.column);
      if (spec && !spec.nullable) {
        const nullable = fields.filter((f) => f.nullable).map((f) => f.name);
        throw new FilterError(`${name} is never null (is null applies to ${[...nullable, 'trait.<name>'].join(', ')}) at column ${op.column}`, op.column);
      }
      return { kind: 'null', field: ref, negated };
    }
    if (this.isWord('in') || (this.isWord('not') && this.isWord('in', this.tokens[this.#i + 1]))) {
      const negated = this.isWord('not');
      if (negated) this.next();
      this.next();
      if (spec?.kind === 'boolean') throw new FilterError(`${name} is yes or no: write "${name}" or "not ${name}", not in (...) (column ${op.column})`, op.column);
      this.expectOp('(', 'after in');
      const values = [this.value(ref)];
      while (this.isOp(',')) {
        this.next();
        values.push(this.value(ref));
      }
      this.expectOp(')', 'to close the list (or "," for another value)');
      return { kind: 'in', field: ref, values, negated };
    }
    if (op.type === 'op' && compareOps.has(op.text)) {
      this.next();
      const compare = op.text as CompareOp;
      if (spec && spec.kind !== 'number' && compare !== '=' && compare !== '!=') {
        throw new FilterError(`${name} takes = or !=${spec.kind === 'boolean' ? '' : ' or in (...)'}, not ${compare} (column ${op.column})`, op.column);
      }
      return { kind: 'compare', field: ref, op: compare, value: this.value(ref) };
    }
    if (spec?.kind === 'boolean') return { kind: 'flag', field: spec };
    throw new FilterError(
      `expected an operator after ${name} ${at(op)}, found ${describeToken(op)} (= != < <= > >=, in (...)${spec && !spec.nullable ? '' : ', is null, is not null'})`,
      op.column,
    );
  }

  private fieldRef(token: Token & { type: 'word' }): FieldRef {
    const lower = token.text.toLowerCase();
    if (lower.startsWith('trait.')) {
      const trait = token.text.slice('trait.'.length);
      if (!traitName.test(trait)) throw new FilterError(`"${trait}" at column ${token.column + 6} is not a trait name (letters, digits and _)`, token.column + 6);
      return { trait };
    }
    const spec = findField(token.text);
    if (!spec) throw new FilterError(`unknown field "${token.text}" at column ${token.column} (fields: ${fieldNames.join(', ')})`, token.column);
    return { field: spec };
  }

  /** A value for the field: checked against its kind (a number for a number, one of the allowed values for an enum). */
  private value(ref: FieldRef): Literal {
    const token = this.next();
    if (token.type === 'end' || token.type === 'op' || (token.type === 'word' && keywords.has(token.text.toLowerCase()) && token.text.toLowerCase() !== 'null')) {
      throw new FilterError(`expected a value ${at(token)}, found ${describeToken(token)}`, token.column);
    }
    if (token.type === 'word' && token.text.toLowerCase() === 'null') {
      throw new FilterError(`write "is null" or "is not null" to test for a missing value (column ${token.column})`, token.column);
    }
    if ('trait' in ref) {
      if (token.type === 'number') return { type: 'number', value: token.value };
      return { type: 'text', value: token.type === 'string' ? token.value : token.text };
    }
    const spec = ref.field;
    if (spec.kind === 'number') {
      if (token.type !== 'number') throw new FilterError(`${spec.name} takes a number, not ${describeToken(token)} (column ${token.column})`, token.column);
      return { type: 'number', value: token.value };
    }
    if (spec.kind === 'boolean') {
      const text = token.type === 'word' ? token.text.toLowerCase() : '';
      if (text !== 'true' && text !== 'false') throw new FilterError(`${spec.name} is true or false, not ${describeToken(token)} (column ${token.column})`, token.column);
      return { type: 'boolean', value: text === 'true' };
    }
    return this.enumValue(spec, token);
  }

  private enumValue(spec: FieldSpec, token: Token): Literal {
    const allowed = spec.values ?? activeTypes;
    const text = token.type === 'word' || token.type === 'string' ? (token.type === 'word' ? token.text : token.value) : null;
    // RFM segments read with spaces in the docs' table: "need attention" is need_attention.
    const value = text?.toLowerCase().replace(/[\s-]+/g, '_');
    if (value === undefined || !allowed.includes(value)) {
      const shown = token.type === 'end' ? 'nothing' : describeToken(token);
      throw new FilterError(`${shown} ${at(token)} is not ${article(spec.valueName ?? spec.name)} (allowed: ${allowed.join(', ')})`, token.column);
    }
    return { type: 'text', value };
  }
}

const article = (noun: string) => `${/^[aeiouAEIOU]|^RFM/.test(noun) ? 'an' : 'a'} ${noun}`;
