// Expands the YAML shorthands (a bare target string, a single transition or a
// list) into one flat table of uniquely named states, each knowing its parent.
// Reports duplicate names; everything else is checked in check-procedure.ts.
import type { Diagnostic } from './diagnostic.ts';
import { doneEvent, type ProcedureSource, type StateNode, type StateSource, type Transition, type TransitionSource, type TransitionsSource } from './procedure-definition.ts';
import { diagnosticAt, type YamlSource } from './yaml-source.ts';

export function normalizeStates(procedure: ProcedureSource, source: YamlSource | null): { states: Map<string, StateNode>; diagnostics: Diagnostic[] } {
  const states = new Map<string, StateNode>();
  const diagnostics: Diagnostic[] = [];

  const visit = (children: Record<string, StateSource>, parent: string | null, basePath: string[]): void => {
    for (const [name, raw] of Object.entries(children)) {
      const path = [...basePath, name];
      if (states.has(name)) {
        if (source) diagnostics.push(diagnosticAt(source, path, `state name '${name}' is used twice (first at ${states.get(name)!.sourcePath.join('.')}); state names must be unique in a procedure — rename one`, { key: true }));
        continue;
      }
      const childNames = raw.states ? Object.keys(raw.states) : [];
      const kind: StateNode['kind'] = raw.type === 'final' ? 'final' : raw.type === 'parallel' ? 'parallel' : childNames.length > 0 ? 'compound' : 'atomic';
      const transitions: Transition[] = [];
      for (const [event, spec] of Object.entries(raw.on ?? {})) transitions.push(...expand(event, name, spec, [...path, 'on', event]));
      if (raw.always !== undefined) transitions.push(...expand('', name, raw.always, [...path, 'always']));
      if (raw.onDone !== undefined) transitions.push(...expand(doneEvent, name, raw.onDone, [...path, 'onDone']));
      states.set(name, {
        name,
        parent,
        kind,
        unit: raw.unit ?? null,
        status: raw.status ?? null,
        title: raw.title ?? null,
        citizenText: raw.citizenText ?? null,
        budget: raw.budget ?? null,
        clock: raw.clock ?? 'runs',
        onOverdue: raw.onOverdue ? { notify: raw.onOverdue.notify ?? [], send: raw.onOverdue.send ?? null } : null,
        handoff: raw.handoff ?? null,
        outcome: raw.outcome ?? null,
        initial: raw.initial ?? null,
        children: childNames,
        transitions,
        sourcePath: path,
      });
      if (raw.states) visit(raw.states, name, [...path, 'states']);
    }
  };
  visit(procedure.states, null, ['states']);
  return { states, diagnostics };
}

function expand(event: string, source: string, spec: TransitionsSource, path: Array<string | number>): Transition[] {
  const list = Array.isArray(spec) ? spec : [spec];
  return list.map((item, index) => {
    const t: TransitionSource = typeof item === 'string' ? { target: item } : item;
    return {
      event,
      source,
      target: t.target,
      roles: t.roles ?? null,
      when: t.when ?? null,
      message: t.message ?? null,
      form: t.form ?? null,
      requires: t.requires ?? [],
      clock: t.clock ?? null,
      label: t.label ?? null,
      sourcePath: Array.isArray(spec) ? [...path, index] : path,
    };
  });
}
