/**
 * Compiles a parsed filter (filter-parser.ts) to a SQL predicate over the facts (`f`), classes (`c`) and
 * traits (`t`) of the members query (segment-members.ts). Field names come from the catalogue's fixed
 * expressions and every value is bound as a parameter (`$n`), so no text of the filter reaches the SQL.
 *
 * The logic is two-valued: a condition on a missing value (a customer without orders has no
 * `days_since_last_order`, one without the trait no `trait.country`) is false, never unknown, so `not`
 * always gives the complement: `not (trait.country = "DE")` includes those without a country, while
 * `trait.country != "DE"` needs a country that is not DE.
 */
import { Params } from '../lifecycle/customer-facts.js';
import { byText, double, type Dialect } from '../store/sql-dialect.js';
import type { FieldSpec } from './filter-fields.js';
import { parseFilter, type CompareOp, type FieldRef, type FilterNode, type Literal } from './filter-parser.js';

export interface CompiledFilter {
  /** The predicate, for a WHERE clause. */
  where: string;
  /** Whether it reads the classification (then the classes table must be joined). */
  classes: boolean;
  /** The traits it reads, in the order of their columns `t.t0`, `t.t1`, ... of the traits subquery. */
  traits: string[];
}

/** Parses and compiles `text`, binding its values in `params` (which may already hold others). */
export function compileFilter(text: string, dialect: Dialect, params: Params): CompiledFilter {
  return compileNode(parseFilter(text), dialect, params);
}

export function compileNode(node: FilterNode, dialect: Dialect, params: Params): CompiledFilter {
  const state = { classes: false, traits: [] as string[] };
  const where = new Compiler(dialect, params, state).node(node);
  return { where, ...state };
}

/** A trait's text as a double, NULL when it is not a number (a trait may hold anything). */
export function traitNumber(dialect: Dialect, expr: string): string {
  if (dialect === 'duckdb') return `TRY_CAST(${expr} AS DOUBLE)`;
  return `CASE WHEN ${expr} ~ '^\\s*[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?\\s*$' THEN CAST(${expr} AS DOUBLE PRECISION) END`;
}

class Compiler {
  constructor(
    private readonly dialect: Dialect,
    private readonly params: Params,
    private readonly state: { classes: boolean; traits: string[] },
  ) {}

  node(node: FilterNode): string {
    switch (node.kind) {
      case 'and':
      case 'or':
        return `(${this.node(node.left)} ${node.kind.toUpperCase()} ${this.node(node.right)})`;
      case 'not':
        return `(NOT ${this.node(node.operand)})`;
      case 'flag':
        return this.definite(this.spec(node.field));
      case 'null':
        return `(${this.expr(node.field)} IS ${node.negated ? 'NOT ' : ''}NULL)`;
      case 'in': {
        const any = node.values.map((value) => this.compare(node.field, '=', value));
        const list = any.length === 1 ? (any[0] as string) : `(${any.join(' OR ')})`;
        return node.negated ? this.definite(`NOT ${list}`) : list;
      }
      case 'compare':
        return this.compare(node.field, node.op, node.value);
    }
  }

  /** TRUE or FALSE, never NULL. */
  private definite(sql: string): string {
    return `coalesce(${sql}, FALSE)`;
  }

  private spec(spec: FieldSpec): string {
    if (spec.source === 'classes') this.state.classes = true;
    return spec.sql;
  }

  private expr(ref: FieldRef): string {
    if ('field' in ref) return this.spec(ref.field);
    let index = this.state.traits.indexOf(ref.trait);
    if (index < 0) index = this.state.traits.push(ref.trait) - 1;
    return `t.t${index}`;
  }

  private compare(ref: FieldRef, op: CompareOp, value: Literal): string {
    const expr = this.expr(ref);
    if ('field' in ref && ref.field.kind === 'boolean') {
      // `active = false`: the negation; `active != true` likewise.
      const wanted = (value as { value: boolean }).value === (op === '=');
      return this.definite(wanted ? expr : `NOT ${expr}`);
    }
    if ('field' in ref && ref.field.kind === 'types') {
      // The types column is ",loyal,contact,": a type is in it when ",type," is.
      const like = `${expr} LIKE ${this.params.add(`%,${String(value.value)},%`)}`;
      return this.definite(op === '=' ? like : `NOT ${like}`);
    }
    if (value.type === 'number') {
      const left = 'trait' in ref ? traitNumber(this.dialect, expr) : expr;
      return this.definite(`${left} ${op} ${double(this.dialect, this.params.add(value.value))}`);
    }
    const param = `CAST(${this.params.add(String(value.value))} AS VARCHAR)`;
    // Text in byte order on both engines (PostgreSQL's collation would order it otherwise).
    const ordered = op === '=' || op === '!=' ? `${expr} ${op} ${param}` : `${byText(this.dialect, expr)} ${op} ${byText(this.dialect, param)}`;
    return this.definite(ordered);
  }
}
