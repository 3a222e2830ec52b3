// Callbacks from external systems:
//   POST /v1/connectors/:name/callback   {dossierId, event, data?, idempotencyKey}
// Authenticated by the connector's HMAC signature (X-Motcua-Timestamp,
// X-Motcua-Signature), not by a bearer token, so this router is mounted before
// requirePrincipal. It reads the body as raw bytes: the signature is checked
// over exactly what was sent, before anything is parsed.
import { Router } from 'express';
import { callbackBodySchema, receiveConnectorCallback } from '../../engine/service/connectors/receive-connector-callback.ts';
import { signatureHeader, timestampHeader } from '../../engine/service/connectors/sign-request.ts';
import type { ServiceContext } from '../../engine/service/service-context.ts';
import { maxBodyBytes } from '../input/input-limits.ts';
import { parseJsonBytes } from '../input/read-json-body.ts';
import { readRequestBytes } from '../input/read-request-bytes.ts';
import { ref } from '../openapi/component-schemas.ts';
import type { OperationSpec } from '../openapi/operation-spec.ts';

export const connectorOperations: OperationSpec[] = [
  {
    method: 'post', path: '/v1/connectors/:name/callback', operationId: 'receiveConnectorCallback', tag: 'connectors', auth: 'connector', summary: 'An external system returns its result (signed, no bearer token)',
    params: { name: { description: 'The connector name of procedures/connectors.yaml' } },
    headers: { 'X-Motcua-Timestamp': { description: 'Unix seconds; at most 5 minutes away', required: true, schema: { type: 'string', pattern: '^[0-9]+$' } } },
    body: {
      schema: callbackBodySchema,
      description: 'Checked by the connector service after the signature; the signature covers the exact bytes',
    },
    responses: { 200: { description: 'Where the dossier now stands', schema: ref('CallbackAnswer') } }, errors: [400, 403, 404, 409, 422],
  },
];

export function connectorRoutes(ctx: ServiceContext): Router {
  const router = Router();
  router.post('/v1/connectors/:name/callback', async (req, res) => {
    const body = await readRequestBytes(req, maxBodyBytes);
    const result = await receiveConnectorCallback(ctx, String(req.params.name), {
      timestamp: req.get(timestampHeader),
      signature: req.get(signatureHeader),
      body,
      decode: (bytes) => parseJsonBytes(bytes, 'the callback body'),
    });
    if (result.replayed) res.set('Idempotent-Replayed', 'true');
    res.status(result.status).json(result.body);
  });
  return router;
}
