// The applicant block every dossier carries: who filed it and how to reach them.
// The 12-digit personal identification number links the dossier to VNeID.
import { Ajv } from 'ajv';
import { MotcuaError } from '../motcua-error.ts';

export interface Applicant {
  fullName: string;
  idNumber: string;
  phone?: string;
  email?: string;
}

const validate = new Ajv({ allErrors: true }).compile({
  type: 'object',
  additionalProperties: false,
  required: ['fullName', 'idNumber'],
  properties: {
    fullName: { type: 'string', minLength: 1, maxLength: 200 },
    idNumber: { type: 'string', pattern: '^[0-9]{12}$' },
    phone: { type: 'string', pattern: '^\\+?[0-9 .-]{8,20}$' },
    email: { type: 'string', maxLength: 200 },
  },
});

export function validateApplicant(value: unknown): Applicant & Record<string, unknown> {
  if (validate(value)) return value as Applicant & Record<string, unknown>;
  const errors = (validate.errors ?? []).map((e) => {
    const missing = e.keyword === 'required' ? `/${String((e.params as { missingProperty: string }).missingProperty)}` : '';
    const path = `/applicant${e.instancePath}${missing}`;
    const message = missing ? 'is required' : e.instancePath === '/idNumber' ? 'must be the 12-digit personal identification number' : (e.message ?? 'is not valid');
    return { path, message };
  });
  throw new MotcuaError('dossier.data-invalid', `the applicant is not valid: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`, { errors });
}
