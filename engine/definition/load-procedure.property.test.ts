// Property: whatever text an author saves, the validator answers — a compiled
// procedure, or at least one positioned diagnostic — and never throws.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadProcedure, type LoadResult } from './load-procedure.ts';

const context = { units: new Set(['hop-thinh', 'vpdk-dat-dai', 'so-xay-dung', 'so-nong-nghiep-moi-truong']), calendars: new Set(['vn']) };

const seeds = [
  readFileSync(new URL('./fixtures/valid.yaml', import.meta.url), 'utf8'),
  readFileSync(new URL('../../procedures/birth-registration.yaml', import.meta.url), 'utf8'),
  readFileSync(new URL('./fixtures/parallel.yaml', import.meta.url), 'utf8'),
];

function expectAnswer(result: LoadResult): void {
  if (result.ok) {
    expect(result.diagnostics).toEqual([]);
    return;
  }
  expect(result.diagnostics.length).toBeGreaterThan(0);
  for (const d of result.diagnostics) {
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.col).toBeGreaterThanOrEqual(1);
    expect(d.message.length).toBeGreaterThan(0);
  }
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = Array<string | number>;

/** Every path to a value inside the document, the root excluded. */
function pathsOf(value: Json, prefix: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => [[...prefix, i], ...pathsOf(v, [...prefix, i])]);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...pathsOf(v, [...prefix, k])]);
  return [];
}

function parentOf(root: Json, path: Path): { parent: Json; key: string | number } {
  let node = root;
  for (const segment of path.slice(0, -1)) node = (node as Record<string, Json>)[segment as string]!;
  return { parent: node, key: path[path.length - 1]! };
}

const replacements: Json[] = [null, true, 0, -1, 1.5, 11, '', 'x', 'Reception', 'data.nope == 1', '(((', [], [1], {}, { target: 'nowhere' }, { type: 'final' }];

const mutation = fc.record({
  seed: fc.constantFrom(...seeds),
  pick: fc.nat(),
  op: fc.constantFrom('delete', 'replace', 'rename-key', 'retarget', 'duplicate'),
  replacement: fc.constantFrom(...replacements),
  name: fc.constantFrom('processing', 'refused', 'ghost', 'reception', 'ACCEPT', 'type', 'states', 'on'),
});

function mutate({ seed, pick, op, replacement, name }: { seed: string; pick: number; op: string; replacement: Json; name: string }): string {
  const root = loadJson(seed);
  const paths = pathsOf(root);
  const path = paths[pick % paths.length]!;
  const { parent, key } = parentOf(root, path);
  const holder = parent as Record<string | number, Json>;
  if (op === 'delete') {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete holder[key];
  } else if (op === 'replace') {
    holder[key] = replacement;
  } else if (op === 'rename-key' && !Array.isArray(parent)) {
    const value = holder[key]!;
    delete holder[key];
    holder[name] = value;
  } else if (op === 'retarget') {
    holder[key] = typeof holder[key] === 'string' ? name : replacement;
  } else if (op === 'duplicate' && Array.isArray(parent)) {
    parent.push(structuredClone(parent[key as number]!));
  } else {
    holder[key] = replacement;
  }
  return stringify(root);
}

function loadJson(text: string): Json {
  const result = loadProcedure(text, 'seed.yaml');
  if (!result.ok) throw new Error('seed must be valid');
  return structuredClone(result.procedure.source) as unknown as Json;
}

describe('loadProcedure never throws', () => {
  it('on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => expectAnswer(loadProcedure(text, 'any.yaml', context))),
      { numRuns: 500 },
    );
  });

  it('on text made of YAML punctuation and keys', () => {
    const token = fc.constantFrom('\n', '  ', ': ', '- ', '{', '}', '[', ']', ',', '&a ', '*a', '!!str ', '"', "'", '#', '|', '>', 'states', 'on', 'target', 'code', 'initial', '1', 'x');
    fc.assert(
      fc.property(fc.array(token, { maxLength: 60 }), (tokens) => expectAnswer(loadProcedure(tokens.join(''), 'any.yaml', context))),
      { numRuns: 500 },
    );
  });

  it('on mutations of valid definitions', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 2 }), (steps) => {
        let text = '';
        let current = steps[0]!.seed;
        for (const step of steps) {
          text = mutate({ ...step, seed: current });
          const result = loadProcedure(text, 'mutated.yaml', context);
          expectAnswer(result);
          if (!result.ok) break;
          current = text;
        }
      }),
      // Each load compiles the data schema with ajv (~30 ms): a few hundred runs. No time limit of its own:
      // the machine is shared, and a slow run is not a failure.
      { numRuns: 250 },
    );
  });

  it('on valid definitions cut off at any line', () => {
    fc.assert(
      fc.property(fc.constantFrom(...seeds), fc.nat(), (seed, at) => {
        const lines = seed.split('\n');
        expectAnswer(loadProcedure(lines.slice(0, at % lines.length).join('\n'), 'cut.yaml', context));
      }),
      { numRuns: 200 },
    );
  });
});
