/**
 * Scenario fields a sweep varies, by dotted path ('capacity.growth.rate', 'yield.array.tilt'): checked against the
 * scenario schema (so a typo gets a "did you mean"), set into a copy of a scenario document, and sampled values
 * written back as the scenario would write them ('1135.2 h', '5.1 %', 31.4).
 */
import { DIMENSIONS, type Dimension } from '../scenario/quantity.ts';
import { ScenarioSchema } from '../scenario/schema.ts';
import { didYouMean } from '../scenario/validate.ts';

interface SchemaNode {
  readonly type?: string;
  readonly anyOf?: readonly SchemaNode[];
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly patternProperties?: Readonly<Record<string, SchemaNode>>;
  readonly items?: SchemaNode;
  readonly 'x-dimension'?: Dimension;
}

/** What a field accepts, for writing sampled values: quantities of these dimensions, and/or plain numbers. */
export interface FieldKind {
  readonly dimensions: readonly Dimension[];
  readonly number: boolean;
  readonly integer: boolean;
}

/** The schema nodes a value at `key` below `node` may match (every branch of a union that has the key). */
function childrenOf(node: SchemaNode, key: string): SchemaNode[] {
  if (node.anyOf) return node.anyOf.flatMap((b) => childrenOf(b, key));
  if (node.properties && Object.hasOwn(node.properties, key)) return [node.properties[key]!];
  if (node.patternProperties) return Object.entries(node.patternProperties).filter(([p]) => new RegExp(p, 'u').test(key)).map(([, s]) => s);
  if (node.type === 'array' && node.items && /^(0|[1-9][0-9]*)$/.test(key)) return [node.items];
  return [];
}

function keysOf(node: SchemaNode): string[] {
  if (node.anyOf) return [...new Set(node.anyOf.flatMap(keysOf))];
  return Object.keys(node.properties ?? {});
}

/** Leaves of a node: the non-union schemas it may be. */
function leaves(node: SchemaNode): SchemaNode[] {
  return node.anyOf ? node.anyOf.flatMap(leaves) : [node];
}

/**
 * The kind of value the scenario field at `path` takes, or a message saying which part of the path is unknown
 * (with the closest known key).
 * @example scenarioFieldKind('capacity.growth.rate') // { dimensions: ['fraction'], number: false, integer: false }
 */
export function scenarioFieldKind(path: string): FieldKind | string {
  const keys = path.split('.');
  let nodes: SchemaNode[] = [ScenarioSchema as unknown as SchemaNode];
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const next = nodes.flatMap((n) => childrenOf(n, key));
    if (next.length === 0) {
      const known = [...new Set(nodes.flatMap(keysOf))];
      const where = i === 0 ? 'a scenario' : `'${keys.slice(0, i).join('.')}'`;
      const hint = didYouMean(key, known);
      return `'${path}' is not a field of the scenario: ${where} has no field '${key}'${hint ? ` (did you mean '${[...keys.slice(0, i), hint].join('.')}'?)` : ''}${known.length > 0 && known.length <= 16 ? `; expected one of ${known.join(', ')}` : ''}`;
    }
    nodes = next;
  }
  const all = nodes.flatMap(leaves);
  const dimensions = [...new Set(all.map((n) => n['x-dimension']).filter((d): d is Dimension => d !== undefined))];
  const number = all.some((n) => n.type === 'number' || n.type === 'integer');
  const integer = number && all.every((n) => n.type !== 'number');
  return { dimensions, number, integer };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A copy of `doc` with `value` at the dotted `path` (mappings on the way created or copied; the rest shared).
 * @example setField({ a: { b: 1, c: 2 } }, 'a.b', 5) // { a: { b: 5, c: 2 } }
 */
export function setField(doc: Readonly<Record<string, unknown>>, path: string, value: unknown): Record<string, unknown> {
  const keys = path.split('.');
  const set = (node: unknown, i: number): Record<string, unknown> => {
    const record = isRecord(node) ? node : {};
    const out: Record<string, unknown> = { ...record };
    // Defined, not assigned: a key such as '__proto__' stays an ordinary key (which the validator then refuses).
    Object.defineProperty(out, keys[i]!, { value: i === keys.length - 1 ? value : set(record[keys[i]!], i + 1), enumerable: true, writable: true, configurable: true });
    return out;
  };
  return set(doc, 0);
}

/**
 * A number in a dimension's internal unit written as a quantity the scenario parser reads back to the same number:
 * '1135.25 h', '0.05 %' for 0.0005, '4500 MW'. Full precision (String of the double), so no rounding enters a case.
 * @example writeQuantity(0.05, 'fraction') // '5 %'
 */
export function writeQuantity(value: number, dimension: Dimension): string {
  if (dimension === 'fraction') return `${String(value * 100)} %`;
  return `${String(value)} ${DIMENSIONS[dimension].internalUnit}`;
}
