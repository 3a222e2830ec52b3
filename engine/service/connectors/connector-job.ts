// A connector handoff waiting to be sent: the visit of the handoff state it
// belongs to, and, for a supervisor's retry, the dead letter it retries. Its job
// id is derived from both, so the same handoff is queued once per visit (and
// once per retry) however often the handoff worker runs.

export interface ConnectorJob {
  dossierId: string;
  /** The visit of the handoff state; the Idempotency-Key the peer sees is handoff-<stepId>. */
  stepId: number;
  state: string;
  /** The unit handing the dossier over. */
  from: string;
  connector: string;
  /** The dead letter this job retries; null for the first delivery. */
  retryOf: number | null;
}

export function connectorJobId(job: Pick<ConnectorJob, 'stepId' | 'retryOf'>): string {
  return job.retryOf === null ? `connector-${job.stepId}` : `connector-${job.stepId}-retry-${job.retryOf}`;
}

/** Stable across retries and re-sends of one visit, so the external system can drop duplicates. */
export function handoffIdempotencyKey(stepId: number): string {
  return `handoff-${stepId}`;
}
