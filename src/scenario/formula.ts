/**
 * `formula` growth models: a mathjs expression in `year` that gives a power, evaluated in a restricted
 * language — numbers, units, + − × ÷ ^, parentheses and a few functions. Assignments, function definitions,
 * other symbols and any other function are refused before evaluation, so a scenario file cannot run code.
 */
import { formulaMath, FORMULA_FUNCTIONS } from './math.ts';
import { QuantityError } from './quantity.ts';

import type { MathNode } from 'mathjs';

const ALLOWED_NODE_TYPES = new Set(['ConstantNode', 'SymbolNode', 'OperatorNode', 'ParenthesisNode', 'FunctionNode']);

/** Longest formula accepted, in characters: a growth formula is a line (the longest shipped is 40), never a page. */
export const MAX_FORMULA_LENGTH = 500;
/** Most parts (numbers, names, operators) a formula may have; mathjs parses and evaluates by recursion. */
export const MAX_FORMULA_NODES = 200;

/** Compiles a formula into year → MW; throws QuantityError naming the first disallowed part. */
export function compileCapacityFormula(expression: string): (year: number) => number {
  if (expression.length > MAX_FORMULA_LENGTH) {
    throw new QuantityError(`the expression is ${expression.length} characters long; at most ${MAX_FORMULA_LENGTH} are accepted (a growth formula fits on a line)`);
  }
  const math = formulaMath();
  let root: MathNode;
  try {
    root = math.parse(expression) as MathNode;
  } catch (e) {
    throw new QuantityError(`cannot parse the expression: ${(e as Error).message}`);
  }
  let nodes = 0;
  root.traverse(() => void nodes++);
  if (nodes > MAX_FORMULA_NODES) throw new QuantityError(`the expression has ${nodes} parts; at most ${MAX_FORMULA_NODES} are accepted`);
  const problems: string[] = [];
  root.traverse((node: MathNode, _path: string, parent: MathNode | null) => {
    if (!ALLOWED_NODE_TYPES.has(node.type)) {
      problems.push(`'${node.toString()}' is not allowed (only numbers, units, year, + - * / ^ and ${FORMULA_FUNCTIONS.join(', ')})`);
      return;
    }
    if (node.type === 'FunctionNode') {
      const name = (node as unknown as { fn: { name?: string } }).fn.name ?? '';
      if (!FORMULA_FUNCTIONS.includes(name)) problems.push(`function '${name}' is not allowed (allowed: ${FORMULA_FUNCTIONS.join(', ')})`);
    }
    if (node.type === 'SymbolNode') {
      const name = (node as unknown as { name: string }).name;
      const isCallee = parent?.type === 'FunctionNode' && (parent as unknown as { fn: MathNode }).fn === node;
      if (!isCallee && name !== 'year' && !math.Unit.isValuelessUnit(name)) problems.push(`unknown name '${name}' (the only variable is 'year')`);
    }
  });
  if (problems.length > 0) throw new QuantityError(problems[0]!);
  const compiled = root.compile();
  return (year: number) => {
    const value: unknown = compiled.evaluate({ year });
    if (!(value instanceof math.Unit) || !value.equalBase(math.unit('1 W'))) {
      throw new QuantityError(`expected the expression to give a power such as '1125 MW * 1.587^(year - 2022)', got ${value instanceof math.Unit ? `'${value.toString()}'` : String(value)} for year ${year}`);
    }
    return value.toNumber('MW');
  };
}
