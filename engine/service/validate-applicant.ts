// The applicant block every dossier carries: who filed it and how to reach them.
// The 12-digit personal identification number links the dossier to VNeID; its
// shape (province, century/sex digit, birth year) is checked here too.
import { Ajv } from 'ajv';
import { MotcuaError } from '../motcua-error.ts';
import { checkPersonalId } from './check-personal-id.ts';

export interface Applicant {
  fullName: string;
  idNumber: string;
  phone?: string;
  /** Where email notifications of each status change go; without it the applicant gets SMS/Zalo only. */
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
    email: { type: 'string', maxLength: 200, pattern: '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$' },
  },
});

/** `now` decides which birth years lie in the future; callers with an injected clock pass it. */
export function validateApplicant(value: unknown, now: Date): Applicant & Record<string, unknown> {
  const valid = validate(value);
  const errors = (validate.errors ?? []).map((e) => {
    const missing = e.keyword === 'required' ? `/${String((e.params as { missingProperty: string }).missingProperty)}` : '';
    const path = `/applicant${e.instancePath}${missing}`;
    const message = missing ? 'is required' : e.instancePath === '/idNumber' ? 'must be the 12-digit personal identification number' : e.instancePath === '/email' && e.keyword === 'pattern' ? 'must be an email address such as an@example.vn' : (e.message ?? 'is not valid');
    return { path, message };
  });
  // Every problem at once: a wrong phone number does not hide a wrong id number.
  const idNumber = (value as { idNumber?: unknown } | null)?.idNumber;
  if (typeof idNumber === 'string' && /^[0-9]{12}$/.test(idNumber)) {
    const id = checkPersonalId(idNumber, now);
    if (!id.ok) errors.push(...id.problems.map((message) => ({ path: '/applicant/idNumber', message })));
  }
  if (valid && errors.length === 0) return value as Applicant & Record<string, unknown>;
  throw new MotcuaError('dossier.data-invalid', `the applicant is not valid: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`, { errors });
}
