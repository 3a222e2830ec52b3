// Brings a database to the current schema: our knex migrations (numbered files in
// migrations/, each in a transaction, serialized by knex's migration lock), then
// BullMQ's own schema for its PostgreSQL backend, which it does not create itself.
import { runMigrations as runQueueMigrations } from 'bullmq';
import type { Knex } from 'knex';
import pg from 'pg';
import * as initial from '../../migrations/0001-initial.ts';
import * as attachments from '../../migrations/0002-attachments.ts';
import * as connectors from '../../migrations/0003-connectors.ts';
import * as procedureMigrations from '../../migrations/0004-procedure-migrations.ts';
import * as dossierRatings from '../../migrations/0005-dossier-ratings.ts';
import * as migrationApproval from '../../migrations/0006-migration-approval.ts';
import * as accountsTracking from '../../migrations/0007-accounts-tracking.ts';
import * as notificationDeliveries from '../../migrations/0008-notification-deliveries.ts';
import * as supervision from '../../migrations/0009-supervision.ts';
import * as statisticsSummaries from '../../migrations/0010-statistics-summaries.ts';
import * as deadlineSweep from '../../migrations/0012-deadline-sweep.ts';
import type { Database } from './create-database.ts';

const migrations: Record<string, Knex.Migration> = {
  '0001-initial': initial,
  '0002-attachments': attachments,
  '0003-connectors': connectors,
  '0004-procedure-migrations': procedureMigrations,
  '0005-dossier-ratings': dossierRatings,
  '0006-migration-approval': migrationApproval,
  '0007-accounts-tracking': accountsTracking,
  '0008-notification-deliveries': notificationDeliveries,
  '0009-supervision': supervision,
  '0010-statistics-summaries': statisticsSummaries,
  '0012-deadline-sweep': deadlineSweep,
};

const source: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(migrations).sort(),
  getMigrationName: (name) => name,
  getMigration: async (name) => migrations[name]!,
};

export async function migrateDatabase(db: Database, connectionString: string): Promise<void> {
  await db.migrate.latest({ migrationSource: source });
  const client = new pg.Client({ connectionString });
  // A dropped connection also rejects the pending query; without a listener it would crash the process.
  client.on('error', () => {});
  await client.connect();
  try {
    await runQueueMigrations(client);
  } finally {
    await client.end();
  }
}
