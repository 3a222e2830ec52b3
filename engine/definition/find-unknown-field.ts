// Looks a field path (["informant", "relationship"]) up in the dossier's data
// schema, to catch guards and rules that name a field nobody declared — usually
// a typo that would make the guard silently false at run time.
//
// Only declared structure is judged: an object schema without `properties`, or
// with `additionalProperties: true` or a schema there, accepts any name, and the
// walk stops at anything that is not an object schema. Local `$ref`s and the
// members of allOf / anyOf / oneOf are followed.

export interface UnknownField {
  /** Index in the path of the first name the schema does not declare. */
  index: number;
  /** Names the schema declares at that level, sorted. */
  known: string[];
}

export function findUnknownField(root: unknown, path: readonly string[]): UnknownField | null {
  let current: unknown[] = [root];
  for (let index = 0; index < path.length; index++) {
    const name = path[index]!;
    const alternatives = current.flatMap((schema) => expand(root, schema));
    const next: unknown[] = [];
    const known = new Set<string>();
    let open = false;
    for (const schema of alternatives) {
      const properties = objectAt(schema, 'properties');
      const patterns = objectAt(schema, 'patternProperties');
      const additional = isObject(schema) ? schema.additionalProperties : undefined;
      if (properties) Object.keys(properties).forEach((k) => known.add(k));
      if (properties && Object.hasOwn(properties, name)) next.push(properties[name]);
      else if (patterns && Object.keys(patterns).some((p) => safeTest(p, name))) open = true;
      else if (isObject(additional)) next.push(additional);
      else if (additional === true || (!properties && !patterns && !composes(schema))) open = true;
    }
    const declared = alternatives.some((schema) => objectAt(schema, 'properties') || objectAt(schema, 'patternProperties'));
    if (next.length === 0) return open || !declared ? null : { index, known: [...known].sort() };
    if (open) return null;
    current = next;
  }
  return null;
}

/** A schema and, through $ref and allOf/anyOf/oneOf, every schema it stands for (each once: refs may loop). */
function expand(root: unknown, schema: unknown, seen = new Set<unknown>()): unknown[] {
  if (!isObject(schema) || seen.has(schema)) return [];
  seen.add(schema);
  const out: unknown[] = [schema];
  if (typeof schema.$ref === 'string') out.push(...expand(root, resolvePointer(root, schema.$ref), seen));
  for (const key of ['allOf', 'anyOf', 'oneOf'])
    if (Array.isArray(schema[key])) for (const member of schema[key] as unknown[]) out.push(...expand(root, member, seen));
  return out;
}

/** Whether the schema stands for others (its own keys are not the whole story). */
function composes(schema: unknown): boolean {
  return isObject(schema) && ['$ref', 'allOf', 'anyOf', 'oneOf'].some((k) => k in schema);
}

function resolvePointer(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(1).split('/').slice(1)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = isObject(node) ? node[key] : undefined;
  }
  return node;
}

function objectAt(schema: unknown, key: string): Record<string, unknown> | null {
  const value = isObject(schema) ? schema[key] : undefined;
  return isObject(value) ? value : null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function safeTest(pattern: string, name: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(name);
  } catch {
    return true;
  }
}
