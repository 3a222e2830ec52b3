// How a routes file documents its operations, next to the routes themselves.
// The request schema an operation declares is the same object its route hands
// to bodyValidator: the document and the validation cannot drift apart.
// build-openapi-document.ts turns the specs into OpenAPI 3.1.

/** A JSON Schema (2020-12 vocabulary, kept to keywords ajv's default draft also reads). */
export type JsonSchema = Record<string, unknown>;

export interface ParameterSpec {
  description: string;
  schema?: JsonSchema;
  required?: boolean;
}

export interface ResponseSpec {
  description: string;
  /** Default application/json; e.g. text/plain, application/octet-stream. */
  contentType?: string | string[];
  schema?: JsonSchema;
  /** Further representations of the same answer, by content type (e.g. text/csv), each with its own schema. */
  alternatives?: Record<string, JsonSchema>;
  headers?: Record<string, ParameterSpec>;
}

export interface OperationSpec {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** The Express path pattern, e.g. /v1/dossiers/:id. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  /** bearer: Authorization: Bearer <token> (login token, or METRICS_TOKEN for /metrics); connector: HMAC signature headers; none: public. */
  auth: 'bearer' | 'connector' | 'none';
  /** Path parameters by name (default: a string). */
  params?: Record<string, ParameterSpec>;
  query?: Record<string, ParameterSpec>;
  headers?: Record<string, ParameterSpec>;
  /** Accepts an Idempotency-Key header (with-idempotency.ts). */
  idempotent?: boolean;
  body?: { schema: JsonSchema; contentType?: string | string[]; description?: string };
  responses: Record<number, ResponseSpec>;
  /** HTTP statuses of the problem+json errors this operation answers, besides 401 (bearer), 500 and any other (default). */
  errors: number[];
}
