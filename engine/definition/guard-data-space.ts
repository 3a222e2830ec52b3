// The values worth trying for what guards read, so the checks of
// check-eventless-cycles.ts and check-dead-ends.ts can look for data that makes
// a set of guards true or false together — and name it in their message.
//
// Guards are evaluated by the same compiled CEL programs the runtime uses, so a
// missing field behaves exactly as at run time (the guard reading it is false,
// and so is its negation). Candidates for a data field: absent (when the schema
// lets it be), every literal a guard compares it with (and its neighbours for
// numbers), the values of its enum or const, and one value of each declared
// type; all filtered by what the schema allows. The search is bounded: past
// `limit` combinations it gives up (finds nothing) rather than run long.
import type { CompiledGuard, GuardScope } from './compile-guard.ts';
import { listGuardTerms, type GuardTerms } from './list-guard-terms.ts';
import { readFieldSchema } from './read-field-schema.ts';

/** A value for one variable path: absent, or present with a value. */
export type Candidate = { present: false } | { present: true; value: unknown };

/** Values by dotted path ("data.parcel.disputed"). */
export type Assignment = ReadonlyMap<string, Candidate>;

const ABSENT: Candidate = { present: false };
const SEARCH_LIMIT = 4096;

export class GuardDataSpace {
  private readonly terms = new Map<string, GuardTerms>();
  private readonly literals = new Map<string, unknown[]>();
  private readonly candidates = new Map<string, Candidate[]>();

  constructor(
    private readonly dataSchema: unknown,
    private readonly guards: ReadonlyMap<string, CompiledGuard>,
  ) {
    for (const expression of guards.keys())
      for (const c of this.termsOf(expression).comparisons) {
        const key = c.path.join('.');
        const list = this.literals.get(key) ?? [];
        list.push(c.literal);
        if (typeof c.literal === 'number') list.push(c.literal + 1, c.literal - 1);
        this.literals.set(key, list);
      }
  }

  /** Variable paths a guard reads, with their root; prefixes of longer paths dropped (setting the longer one sets them). */
  pathsOf(expression: string): string[] {
    const all = this.termsOf(expression).paths.map((p) => p.join('.'));
    return all.filter((p) => !all.some((q) => q !== p && q.startsWith(`${p}.`)));
  }

  /** Whether the guard is true for this assignment (unassigned paths absent); unknown guards count as false. */
  holds(expression: string, assignment: Assignment): boolean {
    const guard = this.guards.get(expression);
    return guard !== undefined && guard.evaluate(toScope(assignment)).ok;
  }

  /** Whether some values of the paths the assignment leaves open make the guard true. */
  canHold(expression: string, fixed: Assignment): boolean {
    const open = this.pathsOf(expression).filter((p) => !fixed.has(p));
    for (const assignment of this.assignments(open, fixed)) if (this.holds(expression, assignment)) return true;
    return false;
  }

  /** Every combination of candidates for `paths`, on top of `base`; at most SEARCH_LIMIT of them. */
  *assignments(paths: readonly string[], base: Assignment = new Map()): Generator<Assignment> {
    const lists = paths.map((p) => this.candidatesOf(p));
    let total = 1;
    for (const list of lists) total *= list.length;
    if (total > SEARCH_LIMIT) return;
    const index = paths.map(() => 0);
    for (let n = 0; n < total; n++) {
      const assignment = new Map(base);
      paths.forEach((p, i) => assignment.set(p, lists[i]![index[i]!]!));
      yield assignment;
      for (let i = 0; i < index.length; i++) {
        index[i]!++;
        if (index[i]! < lists[i]!.length) break;
        index[i] = 0;
      }
    }
  }

  /**
   * The assignment without the paths whose value does not matter: those for which
   * `still` holds whatever their candidate, the others kept. For naming in a message only
   * the data that makes the difference.
   */
  keepRelevant(assignment: Assignment, still: (a: Assignment) => boolean): Assignment {
    const kept = new Map(assignment);
    for (const path of assignment.keys()) {
      const irrelevant = this.candidatesOf(path).every((candidate) => still(new Map(kept).set(path, candidate)));
      if (irrelevant) kept.delete(path);
    }
    return kept;
  }

  private candidatesOf(path: string): Candidate[] {
    let list = this.candidates.get(path);
    if (list) return list;
    const [root, ...rest] = path.split('.');
    const literals = this.literals.get(path) ?? [];
    const values: unknown[] = [...literals];
    let absent = true;
    let present: unknown[];
    if (root === 'data') {
      const field = readFieldSchema(this.dataSchema, rest);
      if (field) {
        values.push(...(field.allowedValues ?? []));
        for (const type of field.types ?? ['boolean', 'number', 'string']) values.push(...sampleOf(type));
        absent = field.mayBeMissing;
        present = values.filter((v) => field.canHold(v));
      } else {
        present = [...values, true, false, 0, 'x'];
      }
    } else {
      // input may lack any field; who acts and the dossier's units are always there, as strings.
      absent = root === 'input';
      present = [...values, ...(root === 'input' ? [true, false, 0, 'x'] : ['unit-a', 'unit-b'])];
    }
    // Present values first: a dead end that any value reaches is named by that value, not only by absence.
    list = [...dedupe(present).map((value) => ({ present: true as const, value })), ...(absent ? [ABSENT] : [])];
    this.candidates.set(path, list);
    return list;
  }

  private termsOf(expression: string): GuardTerms {
    let terms = this.terms.get(expression);
    if (!terms) this.terms.set(expression, (terms = listGuardTerms(expression)));
    return terms;
  }
}

/** "data.parcel.disputed is missing and data.kind is \"c\"" (the event's input, actor and units too, when they matter). */
export function describeAssignment(assignment: Assignment): string {
  const parts = [...assignment].map(([path, c]) => {
    const name = path.startsWith('data.') ? path : `the event's ${path}`;
    return c.present ? `${name} is ${JSON.stringify(c.value)}` : `${name} is missing`;
  });
  return parts.join(' and ');
}

function toScope(assignment: Assignment): GuardScope {
  const roots: Record<string, Record<string, unknown>> = { data: {}, input: {}, actor: { role: 'role-a', unit: 'unit-a' }, units: { receiving: 'unit-a', competent: 'unit-a', return: 'unit-a' } };
  for (const [path, candidate] of assignment) {
    if (!candidate.present) continue;
    const [root, ...rest] = path.split('.');
    let node = roots[root!]!;
    for (const name of rest.slice(0, -1)) {
      const next = node[name];
      node = (node[name] = typeof next === 'object' && next !== null && !Array.isArray(next) ? next : {}) as Record<string, unknown>;
    }
    node[rest[rest.length - 1]!] = candidate.value;
  }
  return roots as unknown as GuardScope;
}

function sampleOf(type: string): unknown[] {
  switch (type) {
    case 'boolean':
      return [true, false];
    case 'integer':
    case 'number':
      return [0, 1];
    case 'string':
      return ['x'];
    case 'array':
      return [[], ['x']];
    case 'object':
      return [{}];
    default:
      return [null];
  }
}

function dedupe(values: unknown[]): unknown[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = JSON.stringify(v);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
