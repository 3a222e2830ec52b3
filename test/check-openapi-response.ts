// Every response the test client sees is checked against the OpenAPI document
// the server serves, with a standard OpenAPI validator (openapi-backend):
// the status must be documented (successes explicitly; errors as
// problem+json), the content type must be one the document names for it, and
// a JSON body must match the schema. A request to an undocumented path is left
// to api/openapi/openapi-coverage.test.ts.
import { OpenAPIBackend, type Document } from 'openapi-backend';
import addFormatsModule from 'ajv-formats';
import type { Ajv } from 'ajv';
import { apiOperations } from '../api/openapi/api-operations.ts';
import { openApiDocument } from '../api/routes/openapi-routes.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

type Responses = Record<string, { content?: Record<string, { schema?: unknown }> }>;

let backend: Promise<OpenAPIBackend> | null = null;

function loadBackend(): Promise<OpenAPIBackend> {
  backend ??= (async () => {
    const document = structuredClone(openApiDocument(apiOperations)) as unknown as { paths: Record<string, Record<string, { responses: Responses }>>; components: { responses: Responses } };
    // openapi-backend compiles response schemas from `application/json` only: let it read problem+json the same way.
    const alias = (responses: Responses) => {
      for (const r of Object.values(responses)) if (r.content?.['application/problem+json'] && !r.content['application/json']) r.content['application/json'] = r.content['application/problem+json'];
    };
    inlineReferences(document);
    alias(document.components.responses);
    for (const item of Object.values(document.paths)) for (const op of Object.values(item)) alias(op.responses);
    // quick: validators are compiled per operation when first used. Compiling all of them
    // up front blocks the event loop for seconds, long enough for the server to close an
    // idle keep-alive socket that fetch then reuses ("other side closed").
    const api = new OpenAPIBackend({ definition: document as unknown as Document, strict: true, validate: true, quick: true, customizeAjv: (ajv) => addFormats(ajv as unknown as Ajv) as unknown as typeof ajv });
    // Its document check (openapi-schema-validator) predates OpenAPI 3.1.0 final and refuses
    // jsonSchemaDialect, info.summary, license.identifier and 2020-12 keywords; the document
    // itself is checked by Redocly (npm run lint:openapi). Here it only validates responses.
    (api as unknown as { validateDefinition: () => unknown }).validateDefinition = () => document;
    await api.init();
    return api;
  })();
  return backend;
}

/**
 * Replaces every local `$ref` (`#/components/…`) with a copy of what it names, so
 * validators can be compiled one operation at a time (quick mode does not
 * dereference the document). The document has no recursive schemas.
 */
function inlineReferences(document: object): void {
  const resolve = (ref: string): unknown => ref.slice(2).split('/').reduce<any>((node, key) => node?.[key], document);
  const walk = (node: unknown, depth: number): unknown => {
    if (depth > 64) throw new Error('the OpenAPI document nests references more than 64 deep: is a schema recursive?');
    if (Array.isArray(node)) return node.map((n) => walk(n, depth));
    if (!node || typeof node !== 'object') return node;
    const ref = (node as { $ref?: unknown }).$ref;
    if (typeof ref === 'string' && ref.startsWith('#/')) return walk(structuredClone(resolve(ref)), depth + 1);
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v, depth)]));
  };
  const doc = document as { paths: unknown; components: Record<string, unknown> };
  doc.paths = walk(doc.paths, 0);
  doc.components = walk(doc.components, 0) as Record<string, unknown>;
}

export async function checkOpenApiResponse(method: string, url: string, status: number, headers: Headers, body: unknown): Promise<void> {
  const api = await loadBackend();
  const { pathname } = new URL(url);
  const operation = api.matchOperation({ method, path: pathname, headers: {} });
  if (!operation) return;
  const where = `${method} ${pathname} → ${status} (${operation.operationId})`;
  const responses = operation.responses as unknown as Responses;
  const documented = responses[String(status)] ?? (status >= 400 ? responses.default : undefined);
  if (!documented) throw new Error(`OpenAPI: ${where}: status ${status} is not documented (documented: ${Object.keys(responses).join(', ')})`);
  const type = (headers.get('content-type') ?? '').split(';')[0]!.trim();
  if (status >= 400 && type !== 'application/problem+json') throw new Error(`OpenAPI: ${where}: an error must be application/problem+json, not ${type || 'no content type'}`);
  const types = Object.keys(documented.content ?? {}).filter((t) => t !== 'application/json' || status < 400);
  if (types.length > 0 && !types.includes(type)) throw new Error(`OpenAPI: ${where}: content type ${type || 'none'} is not one of ${types.join(', ')}`);
  if (!type.endsWith('json')) return;
  const result = api.validateResponse(body, operation, status);
  if (result.errors?.length) throw new Error(`OpenAPI: ${where}: the body does not match the document: ${JSON.stringify(result.errors.slice(0, 5))}`);
}
