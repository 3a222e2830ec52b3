// When a value fails a `oneOf`, ajv reports every branch's errors, and "is not
// valid" helps nobody. An author who wrote a mapping meant the mapping branch:
// this picks the one branch whose kind (string, object, list…, and for objects
// the keys present) matches what was written, so its own errors ("missing
// 'target'", "unknown key 'rolse'") can be reported instead. Returns null when
// the value fits the kind of several branches, or of none.

type Schema = Record<string, unknown>;

export function pickOneOfBranch(branches: unknown, value: unknown, root: Schema): Schema | null {
  if (!Array.isArray(branches)) return null;
  const byKind = branches.filter((b): b is Schema => isSchema(b) && kindMatches(b, value, root, 0));
  if (byKind.length === 1) return byKind[0]!;
  if (byKind.length === 0 || !isPlainObject(value)) return null;
  // Several object branches (e.g. workingDays | workingHours | sameDay): the one whose required keys were all written.
  const keys = Object.keys(value);
  const complete = byKind.filter((b) => requiredOf(b, root).every((k) => keys.includes(k)) && requiredOf(b, root).length > 0);
  if (complete.length === 1) return complete[0]!;
  const touched = byKind.filter((b) => keys.some((k) => propertiesOf(b, root).includes(k)));
  return touched.length === 1 ? touched[0]! : null;
}

function kindMatches(schema: Schema, value: unknown, root: Schema, depth: number): boolean {
  if (depth > 16) return false;
  const target = resolve(schema, root);
  if (!target) return false;
  if (Array.isArray(target.oneOf)) return target.oneOf.some((b) => isSchema(b) && kindMatches(b, value, root, depth + 1));
  if ('const' in target) return typeof target.const === typeof value;
  if (Array.isArray(target.enum)) return target.enum.some((v) => typeof v === typeof value);
  if (typeof target.type === 'string') return typeMatches(target.type, value);
  if (target.properties || target.required) return isPlainObject(value);
  return true;
}

function typeMatches(type: string, value: unknown): boolean {
  switch (type) {
    case 'object':
      return isPlainObject(value);
    case 'array':
      return Array.isArray(value);
    case 'integer':
    case 'number':
      return typeof value === 'number';
    case 'null':
      return value === null;
    default:
      return typeof value === type;
  }
}

function resolve(schema: Schema, root: Schema): Schema | null {
  if (typeof schema.$ref !== 'string') return schema;
  const match = /^#\/definitions\/([^/]+)$/.exec(schema.$ref);
  const definitions = root.definitions as Record<string, unknown> | undefined;
  const target = match && definitions ? definitions[match[1]!] : undefined;
  return isSchema(target) ? target : null;
}

function requiredOf(schema: Schema, root: Schema): string[] {
  const target = resolve(schema, root);
  return Array.isArray(target?.required) ? (target.required as string[]) : [];
}

function propertiesOf(schema: Schema, root: Schema): string[] {
  const target = resolve(schema, root);
  return isSchema(target?.properties) ? Object.keys(target.properties) : [];
}

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
