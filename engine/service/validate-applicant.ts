// The applicant block every dossier carries: who filed it and how to reach them.
// The 12-digit personal identification number links the dossier to VNeID; its
// shape (province, century/sex digit, birth year) is checked here too.
import { Ajv } from 'ajv';
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

/** Every problem with the applicant block, each with its path under /applicant; empty when it is valid. `now` decides which birth years lie in the future. */
export function findApplicantErrors(value: unknown, now: Date): Array<{ path: string; message: string }> {
  const valid = validate(value);
  const errors = (validate.errors ?? []).map((e) => {
    const missing = e.keyword === 'required' ? `/${String((e.params as { missingProperty: string }).missingProperty)}` : '';
    const path = `/applicant${e.instancePath}${missing}`;
    const extra = e.keyword === 'additionalProperties' ? String((e.params as { additionalProperty: string }).additionalProperty) : '';
    if (extra) return { path: `${path}/${extra}`, message: 'is not a field of the applicant (fullName, idNumber, phone, email); remove it or check its spelling' };
    const message = missing ? 'is required' : e.instancePath === '/idNumber' ? 'must be the 12-digit personal identification number' : e.instancePath === '/email' && e.keyword === 'pattern' ? 'must be an email address such as an@example.vn' : e.keyword === 'type' && e.instancePath === '' ? 'must be an object {fullName, idNumber, phone?, email?}' : (e.message ?? 'is not valid');
    return { path, message };
  });
  // Every problem at once: a wrong phone number does not hide a wrong id number.
  const idNumber = (value as { idNumber?: unknown } | null)?.idNumber;
  if (typeof idNumber === 'string' && /^[0-9]{12}$/.test(idNumber)) {
    const id = checkPersonalId(idNumber, now);
    if (!id.ok) errors.push(...id.problems.map((message) => ({ path: '/applicant/idNumber', message })));
  }
  if (!valid && errors.length === 0) errors.push({ path: '/applicant', message: 'is not valid' });
  return errors;
}
