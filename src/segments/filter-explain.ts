/**
 * A parsed filter in words, for `tenure segments check`: the condition with its grouping made explicit,
 * the fields it reads with their meaning, and what running it costs (whether everyone is classified).
 */
import { fieldRefName, parseFilter, type FieldRef, type FilterNode, type Literal } from './filter-parser.js';

export interface FilterExplanation {
  /** The filter with every group in parentheses, as it is read. */
  reads: string;
  fields: { name: string; source: 'facts' | 'classification' | 'trait'; meaning: string }[];
  /** Whether the members query classifies everyone first. */
  classifies: boolean;
}

/** A value as the filter would write it: an enum value bare, other text quoted. */
const literal = (ref: FieldRef, value: Literal) =>
  value.type === 'text' && ('trait' in ref || (ref.field.kind !== 'enum' && ref.field.kind !== 'types')) ? JSON.stringify(value.value) : String(value.value);

function words(node: FilterNode, top = true): string {
  const group = (s: string) => (top ? s : `(${s})`);
  switch (node.kind) {
    case 'and':
    case 'or':
      return group(`${words(node.left, false)} ${node.kind} ${words(node.right, false)}`);
    case 'not':
      return `not ${words(node.operand, false)}`;
    case 'flag':
      return node.field.name;
    case 'null':
      return `${fieldRefName(node.field)} is ${node.negated ? 'not ' : ''}null`;
    case 'in':
      return `${fieldRefName(node.field)} ${node.negated ? 'not ' : ''}in (${node.values.map((v) => literal(node.field, v)).join(', ')})`;
    case 'compare':
      return `${fieldRefName(node.field)} ${node.op} ${literal(node.field, node.value)}`;
  }
}

function refs(node: FilterNode, out: FieldRef[]): FieldRef[] {
  switch (node.kind) {
    case 'and':
    case 'or':
      return refs(node.right, refs(node.left, out));
    case 'not':
      return refs(node.operand, out);
    case 'flag':
      out.push({ field: node.field });
      return out;
    default:
      out.push(node.field);
      return out;
  }
}

export function explainFilter(text: string): FilterExplanation {
  const node = parseFilter(text);
  const seen = new Map<string, FilterExplanation['fields'][number]>();
  for (const ref of refs(node, [])) {
    const name = fieldRefName(ref);
    if (seen.has(name)) continue;
    if ('trait' in ref) seen.set(name, { name, source: 'trait', meaning: `the trait ${ref.trait} from the latest identify event carrying it, as of the date` });
    else seen.set(name, { name, source: ref.field.source === 'classes' ? 'classification' : 'facts', meaning: ref.field.meaning });
  }
  const fields = [...seen.values()];
  return { reads: words(node), fields, classifies: fields.some((f) => f.source === 'classification') };
}
