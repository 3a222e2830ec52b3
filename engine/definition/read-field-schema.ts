// What the data schema says a dossier field can hold, for the static checks that
// reason over data: a literal a guard compares with the field (check-guard-literals.ts)
// and the values, or absence, that could leave a dossier stuck (check-dead-ends.ts).
//
// Follows local `$ref`s and allOf / anyOf / oneOf. Only declared constraints are
// judged (type, enum, const, pattern, minimum, maximum, exclusiveMinimum,
// exclusiveMaximum); a field the schema leaves open can hold anything.

type Schema = Record<string, unknown>;

export interface FieldSchema {
  /** Whether some dossier the schema accepts has this value in the field. */
  canHold(value: unknown): boolean;
  /** The values an enum or const allows, or null when the field is not limited to a list. */
  allowedValues: unknown[] | null;
  /** The JSON types declared for the field (e.g. ["string"]), or null when any type is allowed. */
  types: string[] | null;
  /** Patterns the schema sets on the field (a string must match one of the alternatives' patterns). */
  patterns: string[];
  /** The field, or an object on its path, may be absent: not required and without a default. */
  mayBeMissing: boolean;
}

/** The schema of the field at `path` (["parcel", "disputed"]), or null when the schema does not declare it. */
export function readFieldSchema(root: unknown, path: readonly string[]): FieldSchema | null {
  let parents: Schema[] = [asSchema(root)].filter((s): s is Schema => s !== null);
  let mayBeMissing = false;
  let field: Schema[] = [];
  for (const name of path) {
    field = [];
    let required = false;
    for (const parent of parents) {
      const members = expand(root, parent);
      for (const member of members) {
        const properties = asSchema(member.properties);
        const property = properties ? asSchema(properties[name]) : null;
        if (property) {
          field.push(property);
          if (hasDefault(root, property)) required = true;
        }
      }
      // Required when the object itself or one of the members it must also satisfy lists it.
      if (allOfChain(root, parent).some((m) => Array.isArray(m.required) && m.required.includes(name))) required = true;
    }
    if (field.length === 0) return null;
    if (!required) mayBeMissing = true;
    parents = field;
  }
  return {
    canHold: (value) => field.some((schema) => holds(root, schema, value, 0)),
    allowedValues: collectAllowed(root, field),
    types: collectTypes(root, field),
    patterns: field.flatMap((schema) => expand(root, schema)).flatMap((m) => (typeof m.pattern === 'string' ? [m.pattern] : [])),
    mayBeMissing,
  };
}

function holds(root: unknown, schema: Schema, value: unknown, depth: number): boolean {
  if (depth > 16) return true;
  const ref = typeof schema.$ref === 'string' ? asSchema(resolvePointer(root, schema.$ref)) : null;
  if (ref && !holds(root, ref, value, depth + 1)) return false;
  if (Array.isArray(schema.allOf) && !schema.allOf.every((m) => !asSchema(m) || holds(root, asSchema(m)!, value, depth + 1))) return false;
  for (const key of ['anyOf', 'oneOf'])
    if (Array.isArray(schema[key]) && !(schema[key] as unknown[]).some((m) => !asSchema(m) || holds(root, asSchema(m)!, value, depth + 1))) return false;
  if ('const' in schema && !sameJson(schema.const, value)) return false;
  if (Array.isArray(schema.enum) && !schema.enum.some((v) => sameJson(v, value))) return false;
  const types = typeof schema.type === 'string' ? [schema.type] : Array.isArray(schema.type) ? (schema.type as string[]) : null;
  if (types && !types.some((t) => isOfType(t, value))) return false;
  if (typeof value === 'string' && typeof schema.pattern === 'string' && !safeMatch(schema.pattern, value)) return false;
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) return false;
    if (typeof schema.maximum === 'number' && value > schema.maximum) return false;
    if (typeof schema.exclusiveMinimum === 'number' && value <= schema.exclusiveMinimum) return false;
    if (typeof schema.exclusiveMaximum === 'number' && value >= schema.exclusiveMaximum) return false;
  }
  return true;
}

function collectAllowed(root: unknown, field: Schema[]): unknown[] | null {
  const out: unknown[] = [];
  for (const schema of field) {
    const members = expand(root, schema);
    const lists = members.flatMap((m) => ('const' in m ? [[m.const]] : Array.isArray(m.enum) ? [m.enum as unknown[]] : []));
    if (lists.length === 0) return null;
    for (const v of lists.flat()) if (!out.some((o) => sameJson(o, v)) && holds(root, schema, v, 0)) out.push(v);
  }
  return out;
}

function collectTypes(root: unknown, field: Schema[]): string[] | null {
  const out = new Set<string>();
  for (const schema of field) {
    const declared = expand(root, schema).flatMap((m) => (typeof m.type === 'string' ? [m.type] : Array.isArray(m.type) ? (m.type as string[]) : []));
    if (declared.length === 0) return null;
    declared.forEach((t) => out.add(t));
  }
  return [...out];
}

function hasDefault(root: unknown, schema: Schema): boolean {
  return allOfChain(root, schema).some((m) => 'default' in m);
}

/** The schema and what it must also satisfy: its $ref and allOf members (not the alternatives of anyOf/oneOf). */
function allOfChain(root: unknown, schema: Schema, seen = new Set<unknown>()): Schema[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const out = [schema];
  const ref = typeof schema.$ref === 'string' ? asSchema(resolvePointer(root, schema.$ref)) : null;
  if (ref) out.push(...allOfChain(root, ref, seen));
  if (Array.isArray(schema.allOf)) for (const m of schema.allOf) if (asSchema(m)) out.push(...allOfChain(root, asSchema(m)!, seen));
  return out;
}

/** The schema and every schema it stands for through $ref and allOf/anyOf/oneOf (each once: refs may loop). */
function expand(root: unknown, schema: Schema, seen = new Set<unknown>()): Schema[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const out = [schema];
  const ref = typeof schema.$ref === 'string' ? asSchema(resolvePointer(root, schema.$ref)) : null;
  if (ref) out.push(...expand(root, ref, seen));
  for (const key of ['allOf', 'anyOf', 'oneOf'])
    if (Array.isArray(schema[key])) for (const m of schema[key] as unknown[]) if (asSchema(m)) out.push(...expand(root, asSchema(m)!, seen));
  return out;
}

function isOfType(type: string, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'null':
      return value === null;
    default:
      return true;
  }
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function safeMatch(pattern: string, value: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(value);
  } catch {
    return true;
  }
}

function resolvePointer(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(1).split('/').slice(1)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = asSchema(node)?.[key];
  }
  return node;
}

function asSchema(value: unknown): Schema | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Schema) : null;
}
