// Makes the procedure's data-schema errors say what to send: ajv's "must be
// equal to one of the allowed values" names none of them, so a receiver could
// only guess. The allowed values are read from the procedure's own schema at
// the failing path.
import type { DataError } from '../definition/compiled-procedure.ts';

const vagueEnum = 'must be equal to one of the allowed values';
const vagueConst = 'must be equal to constant';

/** `errors` with every enum (and const) failure listing its allowed values, e.g. `must be one of: male, female`. */
export function explainDataErrors(schema: unknown, errors: DataError[]): DataError[] {
  return errors.map((e) => {
    if (e.message !== vagueEnum && e.message !== vagueConst) return e;
    const node = schemaAt(schema, e.path) as { enum?: unknown[]; const?: unknown } | undefined;
    if (Array.isArray(node?.enum)) return { ...e, message: `must be one of: ${node.enum.map(show).join(', ')}` };
    if (node && 'const' in node) return { ...e, message: `must be ${show(node.const)}` };
    return e;
  });
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The sub-schema describing the value at JSON Pointer `path`, following properties and items only. */
function schemaAt(schema: unknown, path: string): unknown {
  let node = schema as Record<string, unknown> | undefined;
  for (const raw of path.split('/').slice(1)) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (!node || typeof node !== 'object') return undefined;
    const properties = node.properties as Record<string, unknown> | undefined;
    if (properties && Object.hasOwn(properties, key)) node = properties[key] as Record<string, unknown>;
    else if (/^\d+$/.test(key) && node.items && typeof node.items === 'object') node = node.items as Record<string, unknown>;
    else return undefined;
  }
  return node;
}
