// A procedure as a Mermaid `stateDiagram-v2`: every state with its status code,
// unit and budget; every transition with its event, roles, form and guard;
// compound and parallel states as nested blocks (regions split by `--`).
//
// Mermaid cannot draw an arrow between states of different composite blocks, so
// such a transition is drawn between the outermost blocks that differ, and its
// label names the real source and target.
import { liftTransitions } from './state-tree.ts';
import { describeState, describeStateName, describeTransition } from './describe-state.ts';
import type { CompiledProcedure } from './compiled-procedure.ts';
import type { StateNode } from './procedure-definition.ts';

export function renderMermaid(procedure: CompiledProcedure): string {
  const { states, source } = procedure;
  const lines = ['---', `title: ${clean(`${source.name.en} (${source.code} v${source.version})`)}`, '---', 'stateDiagram-v2', '  direction TB'];
  const edges = groupEdges(states);

  const emitScope = (scope: StateNode | null, indent: string): void => {
    const children = scope ? scope.children : [...states.values()].filter((s) => s.parent === null).map((s) => s.name);
    for (const name of children) {
      const state = states.get(name)!;
      if (state.children.length === 0) {
        lines.push(`${indent}state "${clean(describeStateName(state))}" as ${idOf(name)}`, `${indent}${idOf(name)} : ${clean(describeState(state, states))}`);
        continue;
      }
      lines.push(`${indent}state "${clean(`${describeStateName(state)} · ${describeState(state, states)}`)}" as ${idOf(name)} {`);
      if (state.kind === 'parallel')
        state.children.forEach((region, i) => {
          if (i > 0) lines.push(`${indent}  --`);
          emitRegion(states.get(region)!, `${indent}  `);
        });
      else emitScope(state, `${indent}  `);
      lines.push(`${indent}}`);
    }
    const initial = scope ? scope.initial : source.initial;
    if (initial && states.has(initial)) lines.push(`${indent}[*] --> ${idOf(initial)}`);
    for (const edge of edges.get(scope?.name ?? null) ?? []) lines.push(`${indent}${idOf(edge.from)} --> ${idOf(edge.to)} : ${clean(edge.label)}`);
    for (const name of children) if (states.get(name)!.kind === 'final') lines.push(`${indent}${idOf(name)} --> [*]`);
  };

  // A region is drawn as its own block so each region's [*] start is separate.
  const emitRegion = (region: StateNode, indent: string): void => {
    if (region.children.length === 0) {
      lines.push(`${indent}state "${clean(describeStateName(region))}" as ${idOf(region.name)}`, `${indent}${idOf(region.name)} : ${clean(describeState(region, states))}`);
      return;
    }
    lines.push(`${indent}state "${clean(describeStateName(region))}" as ${idOf(region.name)} {`);
    emitScope(region, `${indent}  `);
    lines.push(`${indent}}`);
  };

  emitScope(null, '  ');
  return lines.join('\n') + '\n';
}

interface Edge {
  from: string;
  to: string;
  label: string;
}

/** Edges grouped by the innermost composite state that holds both ends (null: the top level). */
function groupEdges(states: ReadonlyMap<string, StateNode>): Map<string | null, Edge[]> {
  const out = new Map<string | null, Edge[]>();
  for (const { transition: t, scope, from, to, note } of liftTransitions(states)) {
    const list = out.get(scope) ?? [];
    list.push({ from, to, label: describeTransition(t) + note });
    out.set(scope, list);
  }
  return out;
}


function idOf(name: string): string {
  return name.replace(/-/g, '_');
}

/** Mermaid reads `;`, `#`, quotes, braces and angle brackets as syntax; these stand-ins read the same to a person. */
function clean(text: string): string {
  return text
    .replace(/\r?\n/g, ' ')
    .replace(/"/g, "'")
    .replace(/;/g, ',')
    .replace(/#/g, 'no. ')
    .replace(/\{/g, '(')
    .replace(/\}/g, ')')
    .replace(/<=/g, '≤')
    .replace(/>=/g, '≥')
    .replace(/!=/g, '≠')
    .replace(/</g, '‹')
    .replace(/>/g, '›')
    .replace(/&&/g, 'and')
    .replace(/\|\|/g, 'or');
}
