// Schema validation of a definition (procedures/schema/procedure.schema.json),
// with ajv's raw errors turned into one positioned, fix-naming message each.
import { Ajv, type ErrorObject } from 'ajv';
import procedureSchema from '../../procedures/schema/procedure.schema.json' with { type: 'json' };
import type { Diagnostic } from './diagnostic.ts';
import { article, explainSchemaError, pointerToPath } from './explain-schema-error.ts';
import { pickOneOfBranch } from './pick-one-of-branch.ts';
import { diagnosticAt, type PathSegment, type YamlSource } from './yaml-source.ts';

let validator: ReturnType<Ajv['compile']> | null = null;

function getValidator(): ReturnType<Ajv['compile']> {
  // Compiled once per process: ajv compilation costs far more than validation.
  validator ??= new Ajv({ allErrors: true, strict: false, verbose: true }).compile(procedureSchema);
  return validator;
}

export function checkSchema(source: YamlSource): Diagnostic[] {
  const validate = getValidator();
  if (validate(source.value)) return [];
  return explainErrors(source, validate.errors ?? []);
}

function explainErrors(source: YamlSource, errors: ErrorObject[], base: PathSegment[] = []): Diagnostic[] {
  // A failed oneOf produces one error per branch plus the oneOf itself; the branch
  // errors only confuse an author. When the value's kind singles out one branch
  // (a mapping was written, so the mapping branch was meant), report that branch's
  // own errors; otherwise keep the oneOf error and drop errors nested in it.
  const oneOfPaths = errors.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath);
  const resolved = new Map<string, Diagnostic[]>();
  for (const error of [...errors].filter((e) => e.keyword === 'oneOf').sort((a, b) => a.instancePath.length - b.instancePath.length)) {
    if ([...resolved.keys()].some((p) => error.instancePath === p || error.instancePath.startsWith(p + '/'))) continue;
    const branch = pickOneOfBranch(error.schema, error.data, procedureSchema as Record<string, unknown>);
    if (branch) resolved.set(error.instancePath, explainBranch(source, branch, error.data, [...base, ...pointerToPath(error.instancePath)]));
  }
  const inResolved = (e: ErrorObject) => [...resolved.keys()].some((p) => e.instancePath === p || e.instancePath.startsWith(p + '/'));
  // propertyNames reports the failing name's pattern error at the object's own path; the propertyNames error says it better.
  const namedPaths = new Set(errors.filter((e) => e.keyword === 'propertyNames').map((e) => e.instancePath));
  const kept = errors.filter((e) => {
    if (inResolved(e)) return false;
    if (e.keyword === 'pattern' && namedPaths.has(e.instancePath) && typeof e.data === 'string' && e.data !== valueAt(source.value, [...base, ...pointerToPath(e.instancePath)])) return false;
    if (e.keyword === 'oneOf') return !oneOfPaths.some((p) => p !== e.instancePath && e.instancePath.startsWith(p + '/'));
    return !oneOfPaths.some((p) => e.instancePath === p || e.instancePath.startsWith(p + '/')) || !e.schemaPath.includes('oneOf');
  });
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  const add = (d: Diagnostic) => {
    const key = `${d.line}:${d.col}:${d.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(d);
  };
  for (const error of kept) add(describe(source, error, [...base, ...pointerToPath(error.instancePath)], errors));
  for (const list of resolved.values()) list.forEach(add);
  return out;
}

const branchValidators = new WeakMap<object, ReturnType<Ajv['compile']>>();

function explainBranch(source: YamlSource, branch: Record<string, unknown>, value: unknown, base: PathSegment[]): Diagnostic[] {
  let validate = branchValidators.get(branch);
  if (!validate) {
    // allOf, not a sibling $ref: draft-07 ignores keys beside a $ref.
    validate = new Ajv({ allErrors: true, strict: false, verbose: true }).compile({ allOf: [branch], definitions: procedureSchema.definitions });
    branchValidators.set(branch, validate);
  }
  if (validate(value)) return [];
  return explainErrors(source, validate.errors ?? [], base);
}

function valueAt(value: unknown, path: PathSegment[]): unknown {
  let node = value;
  for (const segment of path) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[String(segment)] : undefined;
  return node;
}

function describe(source: YamlSource, error: ErrorObject, path: PathSegment[], all: ErrorObject[]): Diagnostic {
  const where = path.length ? `'${path.join('.')}'` : 'the procedure';
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'type':
      return diagnosticAt(source, path, `${where} must be ${article(String(params.type))}${hint(path)}`);
    case 'pattern':
      return diagnosticAt(source, path, `${where} ${patternHint(path, String(params.pattern))}`);
    case 'propertyNames': {
      const name = String(params.propertyName);
      const pattern = all.find((e) => e.keyword === 'pattern' && e.instancePath === error.instancePath && e.data === name)?.params as { pattern?: string } | undefined;
      if (!pattern?.pattern) return diagnosticAt(source, path, `${where} has an invalid name: ${error.message ?? ''}`);
      return diagnosticAt(source, [...path, name], `'${name}' in ${where} ${patternHint([...path, name], pattern.pattern)}`, { key: true });
    }
    case 'oneOf': {
      const description = (error.parentSchema as { description?: string })?.description;
      return diagnosticAt(source, path, `${where} is not valid${description ? `: ${description}` : ''}`);
    }
    default:
      return explainSchemaError(source, error, path, where);
  }
}

function hint(path: PathSegment[]): string {
  return path[0] === 'code' ? ' (quote it: "1.001193")' : '';
}

function patternHint(path: PathSegment[], pattern: string): string {
  const last = path[path.length - 1];
  if (path[0] === 'states' && typeof last === 'string' && path.length >= 2 && path[path.length - 2] === 'on')
    return `is not an event name: write events in UPPER_SNAKE_CASE, e.g. ACCEPT`;
  if (pattern === '^[a-z][a-z0-9-]*$') return 'must be lower-case kebab-case, e.g. awaiting-supplement';
  return `must match ${pattern}`;
}
