// The dossier fields a guard reads: every `data.a.b` member chain in the CEL
// syntax tree (`has(data.a.b)` and `data.?a` included), so the checker can
// compare them with the data schema. Works on the tree, not on the text, so
// `"data.x"` inside a string literal is not mistaken for a reference.
import { Environment, type ASTNode } from '@marcbachmann/cel-js';

// Parsing only: the same variables as compile-guard.ts, no evaluation here.
const environment = new Environment({ enableOptionalTypes: true, homogeneousAggregateLiterals: false })
  .registerVariable('data', 'map')
  .registerVariable('input', 'map')
  .registerVariable('actor', 'map');

/** Macros whose first argument names a variable bound in the body, e.g. `items.exists(data, …)`. */
const BINDING_MACROS = new Set(['all', 'exists', 'exists_one', 'map', 'filter']);

/** Field paths read from `data`, e.g. [["informant", "relationship"]]; empty when the guard does not parse. */
export function listDataReferences(expression: string): string[][] {
  let ast: ASTNode;
  try {
    ast = environment.parse(expression).ast;
  } catch {
    return [];
  }
  const found: string[][] = [];
  const visit = (node: ASTNode, shadowed: boolean): void => {
    const chain = shadowed ? null : memberChain(node);
    if (chain) {
      found.push(chain);
      return;
    }
    if (node.op === 'rcall' && BINDING_MACROS.has(node.args[0])) {
      const [, receiver, args] = node.args;
      visit(receiver, shadowed);
      const binds = args[0]?.op === 'id' && args[0].args === 'data';
      args.forEach((arg, i) => (i === 0 && arg.op === 'id' ? undefined : visit(arg, shadowed || binds)));
      return;
    }
    for (const child of listCelChildren(node)) visit(child, shadowed);
  };
  visit(ast, false);
  return found;
}

/** `data.a.b` → ["a", "b"]; null when the node is not a member chain rooted at `data`. */
function memberChain(node: ASTNode): string[] | null {
  const names: string[] = [];
  let current: ASTNode = node;
  while (current.op === '.' || current.op === '.?') {
    names.unshift(current.args[1]);
    current = current.args[0];
  }
  return current.op === 'id' && current.args === 'data' && names.length > 0 ? names : null;
}

/** The operands of a CEL syntax node, in source order (shared by every walk over guard expressions). */
export function listCelChildren(node: ASTNode): ASTNode[] {
  switch (node.op) {
    case 'value':
    case 'id':
      return [];
    case '.':
    case '.?':
      return [node.args[0]];
    case 'call':
      return node.args[1];
    case 'rcall':
      return [node.args[1], ...node.args[2]];
    case 'list':
      return node.args;
    case 'map':
      return node.args.flat();
    case '!_':
    case '-_':
      return [node.args];
    default:
      return [...node.args];
  }
}
