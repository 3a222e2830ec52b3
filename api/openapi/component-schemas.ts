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

/** The `included` member of an answer to ?include=: only the parts named there, each optional. */
function includedParts(properties: Record<string, JsonSchema>): JsonSchema {
  return { type: 'object', properties: { included: { type: 'object', description: 'Only with ?include=, and only the parts named there.', additionalProperties: false, properties } } };
}

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
  Me: {
    ...object({ username: str, role: str, unit: object({ id: str, code: str, level: str, name: ref('LocalizedText') }) }),
    properties: {
      username: str,
      role: str,
      unit: object({ id: str, code: str, level: str, name: ref('LocalizedText') }),
      included: { type: 'object', description: 'Only with ?include=units.', additionalProperties: false, required: ['units'], properties: { units: { type: 'array', items: ref('Unit') } } },
    },
  },
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
    workingMinutesLeft: { ...nullable({ type: 'number' }), description: 'Working minutes until the due date (negative once overdue); null with no due date, the clock paused, or the dossier closed.' },
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
  DossierWithParts: {
    allOf: [
      ref('Dossier'),
      includedParts({ history: ref('History'), attachments: ref('Attachments'), timeByUnit: ref('TimeByUnit'), forms: ref('IssuedForms'), procedure: ref('Procedure') }),
    ],
  },
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
      items: object({ seq: int, type: str, at: time, actorRole: str, actorId: nullable(str), actorName: { ...nullable(str), description: "The acting officer's username; null for the system and connectors." }, unit: nullable(str), fromState: nullable(str), toState: str, statusCode: int, comment: nullable(str), payload: freeObject, hash: str }),
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
    allOf: [
      ref('ProcedureSummary'),
      object({ dataSchema: freeObject, documents: { type: 'array' }, roles: { type: 'array' }, legalBasis: { type: 'array' }, fees: { type: 'array' }, states: { type: 'array', items: freeObject } }),
      includedParts({ versions: { type: 'array', items: ref('ProcedureVersion') }, diagram: { type: 'string', description: 'The SVG document, as GET /v1/procedures/:code/diagram.svg answers it.' } }),
    ],
  },
  ProcedureVersion: object({ code: str, version: int, status: { type: 'string', enum: ['draft', 'published'] }, checksum: str, sourceFile: str, createdAt: time, publishedAt: nullable(time) }),
  ProcedureVersionSource: {
    allOf: [ref('ProcedureVersion'), object({ name: ref('LocalizedText'), dataSchema: freeObject, documents: { type: 'array' }, roles: { type: 'array' }, processingTime: freeObject, source: { type: 'string', description: 'The YAML as stored.' } })],
  },
  MigrationReport: { allOf: [object({ migrationId: int }), ref('MigrationPlanReport')] },
  MigrationPlanReport: {
    ...object({
      code: str, fromVersion: int, toVersion: int, dryRun: bool,
      status: { type: 'string', enum: ['dry-run', 'proposed', 'applied'], description: 'dry-run: nothing moved; proposed: waits for a second person; applied: done.' },
      applied: bool,
      mappings: { type: 'array', items: object({ from: str, to: str, move: { type: 'string', enum: ['counterpart', 'backwards', 'forwards', 'final', 'unplaced', 'unknown'] }, skips: { type: 'array', items: object({ state: str, event: str, roles: nullable({ type: 'array', items: str }) }) }, problem: nullable(str) }) },
      dossiers: { type: 'array', items: ref('MigrationDossier') },
      problems: { type: 'array', items: object({ dossierId: str, receiptCode: str, problem: str }) },
    }),
    description: 'The plan of a migration: per state mapping its verdict, per dossier where it would stand, and every problem.',
  },
  MigrationDossier: object(
    {
      dossierId: str, receiptCode: str, fromState: str, toState: str, toValue: { description: 'The XState state value after the move.' }, fromStatus: int, toStatus: int, toUnit: str,
      moves: { type: 'array', items: object({ from: str, to: str, move: { type: 'string', enum: ['counterpart', 'backwards'] }, entered: bool }) },
      stepChanges: { type: 'array', items: object({ stepId: int, fromState: str, toState: str, dueFrom: nullable(time), dueTo: nullable(time) }) },
      dueFrom: nullable(time), dueTo: nullable(time), clockPaused: bool,
    },
    ['dossierId', 'receiptCode', 'fromState', 'toState', 'fromStatus', 'toStatus', 'toUnit', 'moves', 'stepChanges', 'dueFrom', 'dueTo', 'clockPaused'],
  ),
  /** The plan as proposed (or the dry run), and once applied, what the apply did (planned again at approval; null until then). */
  ProcedureMigration: object({
    migrationId: int, code: str, fromVersion: int, toVersion: int,
    status: { type: 'string', enum: ['dry-run', 'proposed', 'applied'] },
    stateMap: { type: 'object', additionalProperties: str },
    proposedBy: str, proposedAt: time, approvedBy: nullable(str), approvedAt: nullable(time),
    // Plain references, no sibling keywords: a dereferencer may merge siblings into a shallow copy sharing the target's arrays.
    report: ref('MigrationPlanReport'),
    appliedReport: nullable(ref('MigrationReport')),
  }),
  DeadLetter: object({
    id: int, status: { type: 'string', enum: ['open', 'resolved'] }, connector: str, dossierId: str, receiptCode: str, procedureCode: str, state: str, stepId: int, fromUnit: str,
    lastError: str, attempts: int, failedAt: time, resolvedAt: nullable(time), resolvedBy: nullable(str), retryJobId: nullable(str),
  }),
  FailedNotification: object({ id: int, dossierId: str, receiptCode: str, channel: { type: 'string', enum: ['email', 'sms', 'zalo'] }, address: str, subject: str, attempts: int, lastError: nullable(str), failedAt: nullable(time) }),
  CallbackAnswer: object({ dossierId: str, receiptCode: str, event: str, state: str, statusCode: int, version: int }),
  WatchedDossier: object({
    id: { type: 'string', format: 'uuid' }, receiptCode: str, procedureCode: str, procedureName: ref('LocalizedText'), state: str, stateTitle: ref('LocalizedText'),
    statusCode: { type: 'integer', minimum: 1, maximum: 10 },
    heldBy: object({ unit: str, name: ref('LocalizedText'), since: time }),
    receivingUnit: str, competentUnit: str, dueAt: nullable(time), stepDueAt: nullable(time),
    watchedDue: { type: 'string', enum: ['statutory', 'step'], description: "Which due date watches the dossier: the statutory one or its step's own." },
    watchDueAt: time,
    workingHoursLate: { type: 'number', description: 'Working hours past watchDueAt (negative: hours left).' },
    clockPaused: bool,
    apologyIssued: { type: 'boolean', description: 'Form 04 (apology and new date) was issued.' },
  }),
  WatchList: object({ items: { type: 'array', items: ref('WatchedDossier') }, nextCursor: { ...nullable(str), description: 'Pass as ?cursor= for the next page; null on the last.' } }),
  WatchCounts: object({ asOf: time, units: { type: 'array', items: object({ unit: str, name: ref('LocalizedText'), overdue: int, atRisk: int }) } }),
  Indicator: object({
    id: { type: 'string', enum: ['on-time', 'online-submission', 'online-payment', 'electronic-result', 'digitization', 'satisfaction'] },
    group: { type: 'string', enum: ['progress', 'online', 'digitization', 'satisfaction'] },
    value: { ...nullable({ type: 'number', minimum: 0, maximum: 1 }), description: 'A share 0..1; null when its denominator is zero.' },
    fullAt: { type: 'number' },
    maxPoints: nullable({ type: 'number' }),
    points: nullable({ type: 'number' }),
  }),
  Figures: {
    ...object({
      received: object({ total: int, desk: int, online: int, post: int }),
      processed: int,
      notAccepted: int,
      finished: object({ total: int, early: int, onTime: int, late: int }),
      open: object({ withinTime: int, overdue: int }),
      onTimeRate: nullable({ type: 'number' }),
      processingDays: object({ average: nullable({ type: 'number' }), p90: nullable({ type: 'number' }) }),
      apologies: int,
      shares: object({ digitizedComponents: nullable({ type: 'number' }), digitizedResults: nullable({ type: 'number' }), receivedOnline: nullable({ type: 'number' }), paidOnline: nullable({ type: 'number' }) }),
      satisfaction: object({ ratings: int, averageScore: nullable({ type: 'number' }), satisfied: int, dissatisfied: int }),
      indicators: { type: 'array', items: ref('Indicator') },
      pointsByGroup: object({ progress: { type: 'number' }, online: { type: 'number' }, digitization: { type: 'number' }, satisfaction: { type: 'number' } }),
      timeByState: { type: 'array', items: object({ procedureCode: str, state: str, visits: int, workingDays: { type: 'number' }, averageDays: { type: 'number' } }) },
      timeByUnit: { type: 'array', items: object({ unit: str, visits: int, workingDays: { type: 'number' } }) },
    }),
    description: 'One-stop-shop statistics and the Decision 766/QĐ-TTg indicators; every definition is in docs/statistics.md.',
  },
  Statistics: object({
    from: { type: 'string', format: 'date' },
    to: { type: 'string', format: 'date', description: 'Exclusive.' },
    asOf: time,
    totals: ref('Figures'),
    groupBy: nullable({ type: 'string', enum: ['unit', 'procedure', 'month', 'state'] }),
    groups: { type: 'array', items: object({ key: str, figures: ref('Figures') }) },
  }),
  SupervisionBoard: object({
    asOf: time,
    counts: ref('WatchCounts'),
    overdue: ref('WatchList'),
    atRisk: ref('WatchList'),
    statistics: ref('Statistics'),
    monthlyByProcedure: { type: 'array', description: 'One series per group of statistics, in its order.', items: object({ key: str, groups: { type: 'array', items: object({ key: str, figures: ref('Figures') }) } }) },
    procedures: { type: 'array', items: ref('ProcedureSummary') },
  }),
  ReportSummary: object({
    id: int, unit: str, kind: { type: 'string', enum: ['daily', 'monthly'] },
    periodStart: { type: 'string', format: 'date' }, periodEnd: { type: 'string', format: 'date', description: 'Exclusive.' },
    computedBy: str, computedAt: time,
    checksum: { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the canonical JSON of the figures.' },
  }),
  Report: { allOf: [ref('ReportSummary'), object({ figures: ref('Statistics') })] },
  IssuedForms: object({
    dossierId: { type: 'string', format: 'uuid' },
    receiptCode: str,
    items: { type: 'array', items: object({ form: { type: 'string', enum: ['01', '02', '03', '04', '05'] }, title: str, event: { type: 'string', description: 'The event that issued it (its latest issue)' }, seq: int, issuedAt: time, href: str }) },
  }),
  Diagnostic: object({ file: str, line: int, col: int, message: str, path: { type: 'string', description: 'Where in the document, e.g. states.reception.on.ACCEPT.target' } }, ['file', 'line', 'col', 'message']),
  ScenarioRun: object({
    procedureFile: str,
    scenarioFile: str,
    diagnostics: { type: 'array', items: ref('Diagnostic'), description: 'Problems that stopped the run: the definition or the scenario file does not load.' },
    results: {
      type: 'array',
      items: object({
        name: str, line: int, col: int, steps: int,
        failure: nullable(object({ step: { type: 'integer', description: '0 for given, else the 1-based step' }, description: str, line: int, col: int, mismatches: { type: 'array', items: object({ field: str, expected: str, actual: str }) } })),
      }),
    },
  }),
  PasswordChanged: object({ sessionsEnded: { type: 'integer', minimum: 0, description: "The account's other sessions that ended; the caller's own stays." } }),
  AccountState: object({ username: str, active: bool, sessionsEnded: { type: 'integer', minimum: 0, description: 'Sessions ended by this call (0 when enabling).' } }),
  ApiKey: object({
    id: { type: 'string', format: 'uuid' },
    name: str,
    unit: str,
    roles: { type: 'array', minItems: 1, items: { type: 'string', enum: ['receiver', 'specialist', 'leader', 'supervisor'] } },
    createdAt: time,
    revokedAt: nullable(time),
  }),
  NewApiKey: {
    allOf: [ref('ApiKey'), object({ key: { type: 'string', pattern: '^mck_', description: 'The bearer secret, shown this once; only its SHA-256 is stored.' } })],
  },
  Tracking: {
    ...object({
      receiptCode: str,
      procedure: object({ code: str, name: ref('LocalizedText') }),
      statusCode: { type: 'integer', minimum: 1, maximum: 10 },
      status: ref('LocalizedText'),
      receivedAt: time,
      appointmentAt: { ...nullable(time), description: 'The date the result is promised for; null before acceptance, while waiting for the applicant, and once closed.' },
      closedAt: nullable(time),
      timeline: { type: 'array', items: object({ at: time, statusCode: { type: 'integer', minimum: 1, maximum: 10 }, status: ref('LocalizedText') }) },
      rating: object({ canRate: bool, score: nullable({ type: 'integer', minimum: 1, maximum: 5 }) }),
    }),
    description: 'What the citizen sees: no name, identity number, phone, form data, officer or comment.',
  },
  Rating: object({ receiptCode: str, score: { type: 'integer', minimum: 1, maximum: 5 }, comment: nullable(str), ratedAt: time }),
  Claim: nullable(object({ username: str, claimedAt: time })),
  ProcedureFacetEntry: object({ code: str, name: ref('LocalizedText'), count: { type: 'integer', minimum: 1 } }),
  WorklistItem: { allOf: [ref('Dossier'), object({ claim: ref('Claim') })] },
  ClaimState: object({ dossierId: { type: 'string', format: 'uuid' }, receiptCode: str, claim: ref('Claim') }),
};
