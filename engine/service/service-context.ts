// What every use case needs, built once per process by the composition root
// (server/) or by a test. `now` is injected so tests drive the clock.
import type { WorkCalendar } from '../calendar/index.ts';
import type { BlobStore } from '../store/blob-store.ts';
import type { Database } from '../store/create-database.ts';
import type { CounterStore } from '../store/rate-limit-store.ts';
import type { Connectors } from './connectors/connector-settings.ts';
import type { ProcedureRegistry } from './procedure-registry.ts';
import type { UnitDirectory } from './unit-directory.ts';

export interface ServiceContext {
  db: Database;
  procedures: ProcedureRegistry;
  units: UnitDirectory;
  calendar: WorkCalendar;
  now: () => Date;
  /** Called after a commit that wrote outbox rows, so the relay need not wait for its next poll. */
  outboxWritten: () => void;
  /** Where attached files are stored, and the largest file accepted, in bytes. */
  attachments: { blobs: BlobStore; maxBytes: number };
  /** External systems of procedures/connectors.yaml, as this deployment configures them. */
  connectors: Connectors;
  /** Failed-attempt counters shared by every API process (logins, tracking checks). */
  counters: CounterStore;
}
