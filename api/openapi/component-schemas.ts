// The shapes of what the API answers, for the OpenAPI document. Objects list
// the fields clients rely on as required; extra fields are allowed so adding a
// field is not a breaking change. Request shapes are not here: each routes file
// declares its own, next to the route that validates with it.
import { problemTypes } from '../problem-types.ts';
import type { JsonSchema } from './operation-spec.ts';

const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
const str: JsonSchema = { type: 'string' };
const int: JsonSchema = { type: 'integer' };
const bool: JsonSchema = { type: 'boolean' };
const time: JsonSchema = { type: 'string', format: 'date-time' };
const nullable = (schema: JsonSchema): JsonSchema => ({ anyOf: [schema, { type: 'null' }] });
const object = (properties: Record<string, JsonSchema>, required: string[] = Object.keys(properties)): JsonSchema => ({ type: 'object', required, properties });
const list = (item: JsonSchema): JsonSchema => object({ items: { type: 'array', items: item } });
const freeObject: JsonSchema = { type: 'object' };

export { ref, list };

export const componentSchemas: Record<string, JsonSchema> = {
  Problem: {
    type: 'object',
    description: 'RFC 9457 problem details. `code` is stable; further members (errors, acceptedEvents, …) depend on it.',
    required: ['type', 'title', 'status', 'detail', 'code'],
    properties: {
      type: { type: 'string', format: 'uri' },
      title: str,
      status: { type: 'integer', minimum: 400, maximum: 599 },
      detail: { type: 'string', description: 'What was wrong and how to fix it.' },
      instance: str,
      code: { type: 'string', enum: Object.keys(problemTypes) },
      errors: { type: 'array', items: object({ path: str, message: str }) },
    },
  },
  LocalizedText: object({ vi: str, en: str }),
  Unit: object({ id: str, code: str, level: { type: 'string', enum: ['province', 'department', 'commune'] }, parent: nullable(str), name: ref('LocalizedText') }),
  Me: object({ username: str, role: str, unit: object({ id: str, code: str, level: str, name: ref('LocalizedText') }) }),
  Session: object({ token: str, expiresAt: time, user: object({ username: str, role: str, unit: str }) }),
  AvailableEvent: object({
    type: str,
    target: str,
    requires: { type: 'array', items: str },
    form: nullable(str),
    label: { ...nullable(ref('LocalizedText')), description: "The button text from the definition's `label`; null when it has none." },
    targetTitle: { ...nullable(ref('LocalizedText')), description: 'The `title` of the state the event leads to; null when it has none.' },
  }),
  Dossier: object({
    id: { type: 'string', format: 'uuid' },
    receiptCode: { type: 'string', description: '<unit code>-YYMMDD-NNNN' },
    procedureCode: str,
    procedureVersion: int,
    procedureName: ref('LocalizedText'),
    state: str,
    stateTitle: { ...nullable(ref('LocalizedText')), description: "The officer-facing title of the state (the definition's `title`); null when it has none." },
    statusCode: { type: 'integer', minimum: 1, maximum: 10, description: 'The national public service portal status (1–10).' },
    statusText: nullable(ref('LocalizedText')),
    version: int,
    receivedAt: time,
    dueAt: nullable(time),
    stepDueAt: nullable(time),
    clockPaused: bool,
    overdue: bool,
    atRisk: bool,
    extendedAt: nullable(time),
    receivingUnit: str,
    competentUnit: str,
    currentUnit: str,
    returnUnit: str,
    outcome: nullable(str),
    closedAt: nullable(time),
    applicant: ref('Applicant'),
    data: freeObject,
    availableEvents: { type: 'array', items: ref('AvailableEvent') },
  }),
  Applicant: {
    type: 'object',
    required: ['fullName', 'idNumber'],
    properties: {
      fullName: { type: 'string', maxLength: 200 },
      idNumber: { type: 'string', pattern: '^[0-9]{12}$', description: 'The 12-digit personal identification number.' },
      phone: { type: 'string', description: 'SMS and Zalo notifications go here.' },
      email: { type: 'string', description: 'Email notifications go here (optional).' },
    },
  },
  History: object({
    dossierId: str,
    receiptCode: str,
    chainIntact: bool,
    events: {
      type: 'array',
      items: object({ seq: int, type: str, at: time, actorRole: str, actorId: nullable(str), unit: nullable(str), fromState: nullable(str), toState: str, statusCode: int, comment: nullable(str), payload: freeObject, hash: str }),
    },
  }),
  TimeByUnit: object({
    dossierId: str,
    visits: { type: 'array', items: object({ state: str, unit: str, enteredAt: time, leftAt: nullable(time), dueAt: nullable(time), workingMinutes: { type: 'number' }, late: bool }) },
    units: { type: 'array', items: object({ unit: str, workingMinutes: { type: 'number' }, lateVisits: int }) },
  }),
  Attachment: object({
    id: str, dossierId: str, documentId: str, fileName: str, mediaType: { type: 'string', enum: ['application/pdf', 'image/jpeg', 'image/png'] }, size: int,
    sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' }, uploadedBy: object({ userId: str, username: str }), unit: str, uploadedAt: time, eventSeq: int, href: str,
  }),
  Attachments: object({
    dossierId: str,
    receiptCode: str,
    items: { type: 'array', items: ref('Attachment') },
    documents: { type: 'array', items: freeObject },
    missingRequired: { type: 'array', items: str },
    result: object({ present: bool, attachmentIds: { type: 'array', items: str } }),
  }),
  ProcedureSummary: object({ code: str, version: int, name: ref('LocalizedText'), sector: nullable(str), level: str, processingTime: freeObject, borderless: bool, checksum: str, publishedAt: nullable(time) }),
  Procedure: {
    allOf: [ref('ProcedureSummary'), object({ dataSchema: freeObject, documents: { type: 'array' }, roles: { type: 'array' }, legalBasis: { type: 'array' }, fees: { type: 'array' }, states: { type: 'array', items: freeObject } })],
  },
  ProcedureVersion: object({ code: str, version: int, status: { type: 'string', enum: ['draft', 'published'] }, checksum: str, sourceFile: str, createdAt: time, publishedAt: nullable(time) }),
  ProcedureVersionSource: {
    allOf: [ref('ProcedureVersion'), object({ name: ref('LocalizedText'), dataSchema: freeObject, documents: { type: 'array' }, roles: { type: 'array' }, processingTime: freeObject, source: { type: 'string', description: 'The YAML as stored.' } })],
  },
  MigrationReport: object({
    migrationId: int, code: str, fromVersion: int, toVersion: int, dryRun: bool, applied: bool,
    dossiers: { type: 'array', items: { type: 'object', required: ['dossierId', 'receiptCode', 'fromState', 'toState'], properties: { dossierId: str, receiptCode: str, fromState: str, toState: str } } },
    problems: { type: 'array', items: object({ dossierId: str, receiptCode: str, problem: str }) },
  }),
  DeadLetter: object({
    id: int, status: { type: 'string', enum: ['open', 'resolved'] }, connector: str, dossierId: str, receiptCode: str, procedureCode: str, state: str, stepId: int, fromUnit: str,
    lastError: str, attempts: int, failedAt: time, resolvedAt: nullable(time), resolvedBy: nullable(str), retryJobId: nullable(str),
  }),
  FailedNotification: object({ id: int, dossierId: str, receiptCode: str, channel: { type: 'string', enum: ['email', 'sms', 'zalo'] }, address: str, subject: str, attempts: int, lastError: nullable(str), failedAt: nullable(time) }),
  CallbackAnswer: object({ dossierId: str, receiptCode: str, event: str, state: str, statusCode: int, version: int }),
};
