// Request bodies are checked against a JSON Schema before any service call;
// a mismatch is a 400 naming every wrong field. The body has already passed the
// input boundary (api/input/): text is UTF-8 without NUL, in NFC, and bounded.
// Every integer field without a maximum gets PostgreSQL's integer range, so no
// number reaches the database that it would refuse.
import { Ajv, type JSONSchemaType, type ValidateFunction } from 'ajv';
import { MotcuaError } from '../engine/motcua-error.ts';
import { maxIntegerParameter } from './input/input-limits.ts';

const ajv = new Ajv({ allErrors: true, strict: false });

export function bodyValidator<T>(schema: JSONSchemaType<T> | Record<string, unknown>): (body: unknown) => T {
  const validate = ajv.compile(boundIntegers(structuredClone(schema))) as ValidateFunction<T>;
  return (body) => {
    if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body))
      throw new MotcuaError('request.invalid', 'the body must be a JSON object; send Content-Type: application/json');
    if (validate(body)) return body;
    const errors = (validate.errors ?? []).map((e) => {
      const missing = e.keyword === 'required' ? `/${String((e.params as { missingProperty: string }).missingProperty)}` : '';
      const extra = e.keyword === 'additionalProperties' ? `/${String((e.params as { additionalProperty: string }).additionalProperty)}` : '';
      const allowed = e.keyword === 'enum' ? (e.params as { allowedValues: unknown[] }).allowedValues : null;
      const message = missing ? 'is required' : extra ? 'is not a known field' : allowed ? `must be one of: ${allowed.map(String).join(', ')}` : (e.message ?? 'is not valid');
      return { path: `${e.instancePath}${missing}${extra}`, message };
    });
    throw new MotcuaError('request.invalid', `the request body is not valid: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`, { errors });
  };
}

function boundIntegers<S>(schema: S): S {
  if (Array.isArray(schema)) schema.forEach(boundIntegers);
  else if (schema && typeof schema === 'object') {
    const node = schema as Record<string, unknown>;
    if (node.type === 'integer' && node.maximum === undefined) node.maximum = maxIntegerParameter;
    Object.values(node).forEach(boundIntegers);
  }
  return schema;
}
