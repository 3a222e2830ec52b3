// An external system returns its result: POST /v1/connectors/<name>/callback,
// signed with the connector's secret. The event it names is fired as the system
// on a dossier that was delivered to that connector, if the connector may fire
// it (connectors.yaml `events`). In one transaction holding the key's lock and
// the dossier's lock, the event is applied and the answer is stored under the
// connector and the callback's idempotencyKey: a repeat returns that answer and
// fires nothing.
import { Ajv } from 'ajv';
import { canonicalJson as canonicalize } from '../../canonical-json.js';
import { createHash } from 'node:crypto';
import { handoffDeliveredEvent } from '../../definition/procedure-definition.ts';
import { MotcuaError } from '../../motcua-error.ts';
import { findCallback, insertCallback, lockCallbackKey, wasDeliveredToConnector } from '../../store/connector-callback-store.ts';
import { lockDossier } from '../../store/dossier-store.ts';
import { applyEvent } from '../advance-dossier.ts';
import type { ServiceContext } from '../service-context.ts';
import { connectorVariable } from './connector-settings.ts';
import { verifySignedRequest } from './sign-request.ts';

export interface CallbackCommand {
  dossierId: string;
  event: string;
  data?: Record<string, unknown>;
  idempotencyKey: string;
}

/** What the external system is told: where the dossier now stands. */
export interface CallbackAnswer {
  dossierId: string;
  receiptCode: string;
  event: string;
  state: string;
  statusCode: number;
  version: number;
}

export interface CallbackResult {
  status: number;
  body: CallbackAnswer;
  replayed: boolean;
}

/** The callback body, checked once the signature holds; the OpenAPI document shows this same schema. */
export const callbackBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['dossierId', 'event', 'idempotencyKey'],
  properties: {
    dossierId: { type: 'string', pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' },
    event: { type: 'string', pattern: '^[A-Z][A-Z0-9_]*$' },
    data: { type: 'object' },
    idempotencyKey: { type: 'string', minLength: 1, maxLength: 200 },
  },
};
const validate = new Ajv({ allErrors: true }).compile<CallbackCommand>(callbackBodySchema);

export interface CallbackRequest {
  timestamp: string | undefined;
  signature: string | undefined;
  body: Buffer;
  /**
   * Turns the verified bytes into a JSON value: the API's input boundary (strict
   * UTF-8, no NUL, bounded depth, NFC), so a callback is held to the same rules
   * as every other request.
   */
  decode: (body: Buffer) => unknown;
}

export async function receiveConnectorCallback(ctx: ServiceContext, name: string, request: CallbackRequest): Promise<CallbackResult> {
  const connector = ctx.connectors.settings.get(name);
  // The caller is not yet authenticated: the answer names no other connector.
  if (!connector) throw new MotcuaError('connector.not-found', `no connector '${name}' in this deployment; check the name in the callback URL you were given`, { connector: name });
  if (!connector.secret)
    throw new MotcuaError('connector.not-configured', `connector '${name}' has no shared secret in this deployment, so no callback can be verified; the operator sets ${connectorVariable(name, 'SECRET')}`, { connector: name });
  // Nothing in the body is trusted, or even parsed, before the signature holds.
  verifySignedRequest(connector.secret, request, ctx.now());
  const command = parseCommand(request.decode(request.body));
  if (!connector.events.includes(command.event))
    throw new MotcuaError('connector.event-not-allowed', `connector '${name}' may fire ${connector.events.join(', ') || 'no event'}, not ${command.event}; list it under events: in procedures/connectors.yaml if it should`, { connector: name, event: command.event, allowedEvents: connector.events });

  const requestHash = createHash('sha256').update(canonicalize({ dossierId: command.dossierId, event: command.event, data: command.data ?? {} }) ?? '').digest('hex');
  const result = await ctx.db.transaction(async (trx): Promise<CallbackResult> => {
    await lockCallbackKey(trx, name, command.idempotencyKey);
    const stored = await findCallback(trx, name, command.idempotencyKey);
    if (stored) {
      if (stored.requestHash !== requestHash)
        throw new MotcuaError('idempotency.key-reused', `idempotencyKey '${command.idempotencyKey}' was already used by ${name} for a different callback; use a new key for a new result`, { key: command.idempotencyKey });
      return { status: stored.status, body: stored.body as CallbackAnswer, replayed: true };
    }
    const locked = await lockDossier(trx, command.dossierId);
    if (!locked || !(await wasDeliveredToConnector(trx, command.dossierId, name, handoffDeliveredEvent)))
      throw new MotcuaError('dossier.not-found', `no dossier ${command.dossierId} was delivered to connector '${name}'; send the dossierId of a handoff request you accepted`, { dossierId: command.dossierId });
    const next = await applyEvent(ctx, trx, locked, { type: command.event, data: command.data ?? {}, comment: `result from connector ${name}` }, { role: 'system', unit: locked.dossier.currentUnit }, null);
    const body: CallbackAnswer = { dossierId: next.id, receiptCode: next.receiptCode, event: command.event, state: next.state, statusCode: next.statusCode, version: next.version };
    await insertCallback(trx, { connector: name, key: command.idempotencyKey, dossierId: next.id, event: command.event, response: { requestHash, status: 200, body }, at: ctx.now() });
    return { status: 200, body, replayed: false };
  });
  if (!result.replayed) ctx.outboxWritten();
  return result;
}

function parseCommand(value: unknown): CallbackCommand {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new MotcuaError('request.invalid', 'the body must be a JSON object: {dossierId, event, data?, idempotencyKey}');
  if (validate(value)) return value;
  const errors = (validate.errors ?? []).map((e) => {
    const missing = e.keyword === 'required' ? `/${String((e.params as { missingProperty: string }).missingProperty)}` : '';
    const extra = e.keyword === 'additionalProperties' ? `/${String((e.params as { additionalProperty: string }).additionalProperty)}` : '';
    return { path: `${e.instancePath}${missing}${extra}`, message: missing ? 'is required' : extra ? 'is not a known field' : (e.message ?? 'is not valid') };
  });
  throw new MotcuaError('request.invalid', `the callback body is not valid: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`, { errors });
}
