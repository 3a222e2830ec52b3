// The terms of a guard that the data-reasoning checks need, read from the CEL
// syntax tree: every variable path it reads (`data.parcel.disputed`,
// `input.reason`, `actor.role`, `units.competent`) and every comparison of such
// a path with a literal (`data.maritalStatus != "divorcd"`, `data.age >= 18`,
// `data.kind in ["a", "b"]`), with where the literal sits in the expression.
import { Environment, type ASTNode } from '@marcbachmann/cel-js';
import { listCelChildren } from './list-data-references.ts';

const environment = new Environment({ enableOptionalTypes: true, homogeneousAggregateLiterals: false })
  .registerVariable('data', 'map')
  .registerVariable('input', 'map')
  .registerVariable('actor', 'map')
  .registerVariable('units', 'map');

const ROOTS = new Set(['data', 'input', 'actor', 'units']);
const COMPARISONS = new Set(['==', '!=', '<', '<=', '>', '>=', 'in']);
const BINDING_MACROS = new Set(['all', 'exists', 'exists_one', 'map', 'filter']);

export type Literal = string | number | boolean;

export interface GuardComparison {
  /** The compared path with its root, e.g. ["data", "maritalStatus"]. */
  path: string[];
  op: string;
  literal: Literal;
  /** Offsets of the literal in the expression text. */
  start: number;
  end: number;
}

export interface GuardTerms {
  /** Variable paths read, each with its root (["data", "parcel", "disputed"]), each once. */
  paths: string[][];
  comparisons: GuardComparison[];
}

/** Terms of one guard; empty when it does not parse (check-procedure.ts reports that). */
export function listGuardTerms(expression: string): GuardTerms {
  let ast: ASTNode;
  try {
    ast = environment.parse(expression).ast;
  } catch {
    return { paths: [], comparisons: [] };
  }
  const paths = new Map<string, string[]>();
  const comparisons: GuardComparison[] = [];
  const visit = (node: ASTNode, shadowed: ReadonlySet<string>): void => {
    const chain = chainOf(node, shadowed);
    if (chain) {
      paths.set(chain.join('.'), chain);
      return;
    }
    if (COMPARISONS.has(node.op)) {
      const [left, right] = node.args as [ASTNode, ASTNode];
      const leftChain = chainOf(left, shadowed);
      const rightChain = chainOf(right, shadowed);
      if (leftChain) for (const literal of literalsOf(right, node.op === 'in')) comparisons.push({ path: leftChain, op: node.op, ...literal });
      else if (rightChain && node.op !== 'in') for (const literal of literalsOf(left, false)) comparisons.push({ path: rightChain, op: mirror(node.op), ...literal });
    }
    if (node.op === 'rcall' && BINDING_MACROS.has(node.args[0])) {
      const [, receiver, args] = node.args;
      visit(receiver, shadowed);
      const bound = args[0]?.op === 'id' ? new Set([...shadowed, args[0].args]) : shadowed;
      args.forEach((arg, i) => (i === 0 && arg.op === 'id' ? undefined : visit(arg, bound)));
      return;
    }
    for (const child of listCelChildren(node)) visit(child, shadowed);
  };
  visit(ast, new Set());
  return { paths: [...paths.values()], comparisons };
}

/** `data.a.b` → ["data", "a", "b"]; null when the node is not a member chain rooted at a guard variable. */
function chainOf(node: ASTNode, shadowed: ReadonlySet<string>): string[] | null {
  const names: string[] = [];
  let current: ASTNode = node;
  while (current.op === '.' || current.op === '.?') {
    names.unshift(current.args[1]);
    current = current.args[0];
  }
  return current.op === 'id' && ROOTS.has(current.args) && !shadowed.has(current.args) && names.length > 0 ? [current.args, ...names] : null;
}

function literalsOf(node: ASTNode, list: boolean): Array<{ literal: Literal; start: number; end: number }> {
  if (list) return node.op === 'list' ? node.args.flatMap((item) => literalsOf(item, false)) : [];
  const position = node as unknown as { start: number; end: number };
  if (node.op === 'value') {
    const value: unknown = node.args;
    if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') return [{ literal: value, start: position.start, end: position.end }];
    if (typeof value === 'bigint') return [{ literal: Number(value), start: position.start, end: position.end }];
    return [];
  }
  if (node.op === '-_') {
    const inner = literalsOf(node.args, false)[0];
    if (inner && typeof inner.literal === 'number') return [{ literal: -inner.literal, start: position.start, end: inner.end }];
  }
  return [];
}

function mirror(op: string): string {
  return ({ '<': '>', '<=': '>=', '>': '<', '>=': '<=' } as Record<string, string>)[op] ?? op;
}
