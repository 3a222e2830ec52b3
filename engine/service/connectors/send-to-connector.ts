// Delivering a connector handoff: the connector worker calls this once per
// attempt. The dossier goes to the external system with an Idempotency-Key
// fixed per visit (handoff-<stepId>), so however often an attempt is repeated
// (a retry, a worker killed after the peer answered) the peer can keep one copy;
// once the peer accepts, deliverHandoff moves the dossier on, once per visit.
import { listAttachments } from '../../store/attachment-store.ts';
import { hasDeadLetterForJob } from '../../store/dead-letter-store.ts';
import { readDossierForUpdate } from '../../store/dossier-store.ts';
import { MotcuaError } from '../../motcua-error.ts';
import { deliverHandoff } from '../deliver-handoff.ts';
import type { ServiceContext } from '../service-context.ts';
import { buildHandoffRequest } from './build-handoff-request.ts';
import { handoffIdempotencyKey, type ConnectorJob } from './connector-job.ts';
import { postToConnector } from './post-to-connector.ts';
import { missingConnectorSetting } from './resolve-connectors.ts';

export type ConnectorOutcome = 'delivered' | 'already-delivered' | 'already-dead-lettered';

/**
 * Throws connector.request-failed or connector.not-configured when the peer did
 * not accept; `details.retryable` says whether another attempt can help.
 */
export async function sendToConnector(ctx: ServiceContext, job: ConnectorJob, jobId: string): Promise<ConnectorOutcome> {
  // The last attempt recorded its dead letter, then the worker died before the queue heard: it is over.
  if (await hasDeadLetterForJob(ctx.db, jobId)) return 'already-dead-lettered';
  const read = await readDossierForUpdate(ctx.db, job.dossierId);
  // Delivered by an earlier attempt (or the dossier moved on): nothing to send again.
  if (!read || !read.openSteps.some((s) => s.id === job.stepId)) return 'already-delivered';

  const connector = ctx.connectors.settings.get(job.connector);
  const retry = 'restart, then retry the dead letter (POST /v1/dead-letters/:id/retry)';
  if (!connector)
    throw new MotcuaError('connector.not-configured', `connector '${job.connector}' is not declared in procedures/connectors.yaml; declare it, ${retry}`, { connector: job.connector, retryable: false });
  const { url, secret } = connector;
  if (!url || !secret) throw new MotcuaError('connector.not-configured', `${missingConnectorSetting(connector)}; ${retry}`, { connector: job.connector, retryable: false });

  const attachments = await listAttachments(ctx.db, job.dossierId);
  const idempotencyKey = handoffIdempotencyKey(job.stepId);
  const body = buildHandoffRequest(read.dossier, job, attachments, { url: ctx.connectors.callbackUrl(connector.name), events: connector.events });
  await postToConnector({ ...connector, url, secret }, { idempotencyKey, body: JSON.stringify(body), now: ctx.now() });
  // The audit event records what was sent: the key the peer saw and the documents by hash.
  return deliverHandoff(ctx, { dossierId: job.dossierId, stepId: job.stepId, state: job.state, from: job.from, to: { connector: job.connector } }, { idempotencyKey, attachments: attachments.map((a) => a.sha256) });
}
