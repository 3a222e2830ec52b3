// Walking the state tree of a procedure (names are unique, each state knows its
// parent): shared by the diagram renderers, which draw an edge inside the
// innermost state that contains both of its ends.
import type { StateNode } from './procedure-definition.ts';

export function ancestors(name: string, states: ReadonlyMap<string, StateNode>): string[] {
  const out: string[] = [];
  for (let s = states.get(name); s?.parent; s = states.get(s.parent)) out.push(s.parent);
  return out;
}

/** The innermost state strictly above both (null: the machine). */
export function commonScope(a: string, b: string, states: ReadonlyMap<string, StateNode>): string | null {
  const above = ancestors(b, states);
  return ancestors(a, states).find((x) => above.includes(x)) ?? null;
}

/** The ancestor of `name` (or `name` itself) that is a direct child of `scope`. */
export function childOf(scope: string | null, name: string, states: ReadonlyMap<string, StateNode>): string {
  for (let s = states.get(name); s; s = s.parent ? states.get(s.parent) : undefined) if (s.parent === scope) return s.name;
  return name;
}
