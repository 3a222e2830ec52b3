// Request bodies are checked against a JSON Schema before any service call;
// a mismatch is a 400 naming every wrong field.
import { Ajv, type JSONSchemaType, type ValidateFunction } from 'ajv';
import { MotcuaError } from '../engine/motcua-error.ts';

const ajv = new Ajv({ allErrors: true, strict: false });

export function bodyValidator<T>(schema: JSONSchemaType<T> | Record<string, unknown>): (body: unknown) => T {
  const validate = ajv.compile(schema) as ValidateFunction<T>;
  return (body) => {
    if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body))
      throw new MotcuaError('request.invalid', 'the body must be a JSON object; send Content-Type: application/json');
    if (validate(body)) return body;
    const errors = (validate.errors ?? []).map((e) => {
      const missing = e.keyword === 'required' ? `/${String((e.params as { missingProperty: string }).missingProperty)}` : '';
      const extra = e.keyword === 'additionalProperties' ? `/${String((e.params as { additionalProperty: string }).additionalProperty)}` : '';
      return { path: `${e.instancePath}${missing}${extra}`, message: missing ? 'is required' : extra ? 'is not a known field' : (e.message ?? 'is not valid') };
    });
    throw new MotcuaError('request.invalid', `the request body is not valid: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`, { errors });
  };
}
