// Builds the OpenAPI 3.1 document from the operations each routes file
// declares (api-operations.ts) and the problem table (problem-types.ts): the
// request schemas are the ones the routes validate with, the error statuses
// and codes the ones send-problem.ts answers with.
import { problemTypes } from '../problem-types.ts';
import { componentSchemas, ref } from './component-schemas.ts';
import type { JsonSchema, OperationSpec, ParameterSpec, ResponseSpec } from './operation-spec.ts';

export interface OpenApiDocument {
  openapi: '3.1.0';
  paths: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

/** Express `/v1/dossiers/:id` → OpenAPI `/v1/dossiers/{id}`. */
export function toOpenApiPath(expressPath: string): string {
  return expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

export function buildOpenApiDocument(operations: readonly OperationSpec[], info: { version: string }): OpenApiDocument {
  const paths: Record<string, Record<string, unknown>> = {};
  const ids = new Set<string>();
  const used = new Set<number>();
  for (const op of operations) {
    if (ids.has(op.operationId)) throw new Error(`operationId ${op.operationId} is declared twice; give ${op.method.toUpperCase()} ${op.path} its own`);
    ids.add(op.operationId);
    const path = toOpenApiPath(op.path);
    (paths[path] ??= {})[op.method] = describeOperation(op, used);
  }
  const tags = [...new Set(operations.map((o) => o.tag))].sort().map((name) => ({ name, description: tagDescriptions[name] ?? name }));
  return {
    openapi: '3.1.0',
    info: {
      title: 'motcua API',
      version: info.version,
      summary: 'Workflow engine for Vietnam’s one-stop administrative procedures.',
      description: 'Dossiers, procedures and their versions, attachments, connectors and notifications. Every error is RFC 9457 `application/problem+json` with a stable `code`.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    servers: [{ url: '/', description: 'This deployment' }],
    tags,
    paths,
    components: {
      schemas: componentSchemas,
      responses: problemResponses(used),
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'A token from POST /v1/auth/login (for GET /metrics: METRICS_TOKEN, or an admin token).' },
        connectorSignature: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Motcua-Signature',
          description: 'sha256=<hex HMAC-SHA256 of "<X-Motcua-Timestamp>.<body>" with the connector’s shared secret>.',
        },
      },
    },
  };
}

const tagDescriptions: Record<string, string> = {
  auth: 'Login, logout, your password and who you are',
  accounts: 'Administrators: accounts and API keys',
  worklist: 'The desk: what waits on my unit and role, claims and assignments',
  tracking: 'Citizens, without an account: tracking and rating a dossier',
  procedures: 'The catalogue of published procedures',
  authoring: 'Policy authors: drafts, versions, publishing, migrations',
  dossiers: 'Reception, reading and advancing dossiers',
  attachments: 'Scanned documents and results',
  forms: 'Printable forms 01–05 of a dossier, as PDF or an HTML print view',
  connectors: 'External systems: callbacks and the dead-letter list',
  notifications: 'Notifications to applicants',
  supervision: 'Supervisors: overdue and at-risk dossiers, statistics and periodic reports',
  operations: 'Health, readiness, metrics and this document',
};

function describeOperation(op: OperationSpec, used: Set<number>): Record<string, unknown> {
  const parameters: unknown[] = [];
  for (const name of [...op.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!)) {
    const p = op.params?.[name];
    parameters.push({ name, in: 'path', required: true, description: p?.description ?? name, schema: p?.schema ?? { type: 'string' } });
  }
  for (const [name, p] of Object.entries(op.query ?? {})) parameters.push(parameter(name, 'query', p));
  for (const [name, p] of Object.entries(op.headers ?? {})) parameters.push(parameter(name, 'header', p));
  if (op.idempotent)
    parameters.push(parameter('Idempotency-Key', 'header', { description: 'A repeat with the same key returns the first answer (with `Idempotent-Replayed: true`) and changes nothing.', schema: { type: 'string', minLength: 1, maxLength: 200 } }));

  const responses: Record<string, unknown> = {};
  for (const [status, r] of Object.entries(op.responses)) responses[status] = response(r);
  const errors = new Set(op.errors);
  if (op.auth !== 'none') errors.add(401);
  errors.add(500);
  for (const status of errors) used.add(status);
  for (const status of [...errors].sort((a, b) => a - b)) responses[String(status)] = { $ref: `#/components/responses/Problem${status}` };
  responses.default = { $ref: '#/components/responses/ProblemDefault' };

  return {
    operationId: op.operationId,
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    tags: [op.tag],
    security: op.auth === 'bearer' ? [{ bearerAuth: [] }] : op.auth === 'connector' ? [{ connectorSignature: [] }] : [],
    ...(parameters.length ? { parameters } : {}),
    ...(op.body ? { requestBody: { required: true, ...(op.body.description ? { description: op.body.description } : {}), content: content(op.body.contentType, op.body.schema) } } : {}),
    responses,
  };
}

function parameter(name: string, where: 'query' | 'header', p: ParameterSpec): Record<string, unknown> {
  return { name, in: where, required: p.required ?? false, description: p.description, schema: p.schema ?? { type: 'string' } };
}

function content(type: string | string[] | undefined, schema: JsonSchema | undefined): Record<string, unknown> {
  const types = type === undefined ? ['application/json'] : Array.isArray(type) ? type : [type];
  return Object.fromEntries(types.map((t) => [t, schema ? { schema } : {}]));
}

function response(r: ResponseSpec): Record<string, unknown> {
  return {
    description: r.description,
    ...(r.headers ? { headers: Object.fromEntries(Object.entries(r.headers).map(([name, h]) => [name, { description: h.description, schema: h.schema ?? { type: 'string' } }])) } : {}),
    ...(r.schema || r.contentType ? { content: { ...content(r.contentType, r.schema), ...Object.fromEntries(Object.entries(r.alternatives ?? {}).map(([t, schema]) => [t, { schema }])) } } : {}),
  };
}

/** One response per error status in use, naming every code that answers with it (the one table in problem-types.ts). */
function problemResponses(used: Set<number>): Record<string, unknown> {
  const byStatus = new Map<number, string[]>([...used].map((s) => [s, []]));
  for (const [code, t] of Object.entries(problemTypes)) if (used.has(t.status)) byStatus.get(t.status)!.push(`\`${code}\` (${t.title})`);
  const out: Record<string, unknown> = {};
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b))
    out[`Problem${status}`] = {
      description: codes.length ? `Problem: ${codes.join(', ')}.` : 'Problem.',
      ...(status === 429 ? { headers: { 'Retry-After': { description: 'Seconds until the next attempt is counted (RFC 9110 §10.2.3).', schema: { type: 'integer', minimum: 1 } } } } : {}),
      content: { 'application/problem+json': { schema: ref('Problem') } },
    };
  out.ProblemDefault = { description: 'Any other error, as problem+json.', content: { 'application/problem+json': { schema: ref('Problem') } } };
  return out;
}
