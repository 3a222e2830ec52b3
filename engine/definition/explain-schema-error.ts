// Shared by every YAML file the catalogue validates with a JSON Schema
// (procedures, scenarios, connectors): an ajv error's JSON pointer as a YAML
// path, and the plain messages for the keywords every schema uses. Callers
// handle their own special cases first and fall back to this.
import type { ErrorObject } from 'ajv';
import type { Diagnostic } from './diagnostic.ts';
import { diagnosticAt, type PathSegment, type YamlSource } from './yaml-source.ts';

export function pointerToPath(pointer: string): PathSegment[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

export function article(type: string): string {
  return (/^[aeiou]/.test(type) ? 'an ' : 'a ') + type;
}

/** `where` names the place, e.g. `'states.reception'` or `the procedure`. */
export function explainSchemaError(source: YamlSource, error: ErrorObject, path: PathSegment[], where: string): Diagnostic {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const allowed = Object.keys((error.parentSchema as { properties?: object })?.properties ?? {});
      return diagnosticAt(source, [...path, key], `unknown key '${key}' in ${where}; allowed keys: ${allowed.join(', ')}`, { key: true });
    }
    case 'required':
      return diagnosticAt(source, path, `${where} is missing '${String(params.missingProperty)}'; add it`);
    case 'enum':
      return diagnosticAt(source, path, `${where} ${describeValueError(error)}`);
    case 'type':
      return diagnosticAt(source, path, `${where} must be ${article(String(params.type))}`);
    case 'const':
      return diagnosticAt(source, path, `${where} must be ${JSON.stringify(params.allowedValue)}`);
    default:
      return diagnosticAt(source, path, `${where} ${error.message ?? 'is not valid'}`);
  }
}

/**
 * An ajv value error in words that name the fix: an enum lists its allowed
 * values (ajv says only "must be equal to one of the allowed values"), a const
 * names its value; any other keyword keeps ajv's own message.
 */
export function describeValueError(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'enum') return `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  if (error.keyword === 'const') return `must be ${JSON.stringify(params.allowedValue)}`;
  return error.message ?? 'is not valid';
}
