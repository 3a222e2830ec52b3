// What the engine knows about the external systems of procedures/connectors.yaml:
// the declaration (data, from the catalogue) and this deployment's settings of
// it (its URL and shared secret, from the environment). A connector without a
// URL or secret is still known: its handoffs fail with a reason that says which
// variable to set, and land in the dead-letter list.
import type { ConnectorJob } from './connector-job.ts';

/** One connector as declared in procedures/connectors.yaml. */
export interface ConnectorDefinition {
  name: string;
  description: string;
  url: string | null;
  timeoutMs: number;
  maxAttempts: number;
  /** Events its callback may fire. */
  events: string[];
}

/** A connector as this deployment runs it. */
export interface ConnectorSettings extends ConnectorDefinition {
  /** The shared HMAC key (CONNECTOR_<NAME>_SECRET); null: not configured here. */
  secret: string | null;
}

/** Per-connector settings from the environment, keyed by connector name. */
export type ConnectorEnv = Record<string, { url?: string; secret?: string }>;

/** The connectors of a running system, as the services and workers use them. */
export interface Connectors {
  settings: ReadonlyMap<string, ConnectorSettings>;
  /** Where the external system posts its result: <public URL>/v1/connectors/<name>/callback. */
  callbackUrl(name: string): string;
  /** Queues the delivery of a handoff to its connector; the connector worker sends it. */
  dispatch(job: ConnectorJob): Promise<void>;
}

/** The environment variable that configures `setting` of a connector, e.g. CONNECTOR_LAND_REGISTRY_SECRET. */
export function connectorVariable(name: string, setting: 'URL' | 'SECRET'): string {
  return `CONNECTOR_${name.toUpperCase().replace(/-/g, '_')}_${setting}`;
}
