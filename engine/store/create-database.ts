// The knex handle every store function takes. One per process (per test file).
import knex, { type Knex } from 'knex';
import pg from 'pg';

// Our bigint ids (events, outbox) stay far below 2^53; numbers are easier to use than strings.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number.parseInt(value, 10));

export type Database = Knex;

export function createDatabase(connectionString: string, options: { poolMax?: number; applicationName?: string } = {}): Database {
  return knex({
    client: 'pg',
    connection: { connectionString, application_name: options.applicationName ?? 'motcua' },
    pool: { min: 0, max: options.poolMax ?? 10 },
    acquireConnectionTimeout: 30_000,
  });
}
