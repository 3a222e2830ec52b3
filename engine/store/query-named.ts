// Named (server-side prepared) statements for the hot path. knex sends every
// statement unnamed, so PostgreSQL plans it again each time: for the
// one-statement transition write that was 1.2 ms of planning against 0.12 ms
// of execution (EXPLAIN (ANALYZE, BUFFERS), PostgreSQL 15). A named statement
// is parsed once per connection and, after five runs, may use a cached
// generic plan (PostgreSQL docs, "PREPARE", plan_cache_mode).
//
// The SQL is a constant of the calling store module with knex-style `:name`
// placeholders; each occurrence becomes its own `$n`, as knex binds them.
// Only for statements whose result columns cannot change under a migration
// (no `SELECT *`): a cached plan whose result type changed fails.
import type { Database } from './create-database.ts';

interface Positional { text: string; keys: string[] }
interface PgConnection { query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }> }
interface PoolClient { acquireConnection(): Promise<PgConnection>; releaseConnection(connection: PgConnection): Promise<unknown> }

const statements = new Map<string, Positional>();

/**
 * Runs `sql` as the named statement `name` on `db` (the root handle or a
 * transaction, whose connection it then uses). The same name must always
 * come with the same SQL. Returns pg's rows.
 */
export async function queryNamed<R>(db: Database, name: string, sql: string, bindings: Record<string, unknown>): Promise<{ rows: R[] }> {
  let statement = statements.get(name);
  if (!statement) {
    statement = toPositional(sql, bindings);
    statements.set(name, statement);
  }
  const client = db.client as unknown as PoolClient;
  const connection = await client.acquireConnection();
  try {
    const result = await connection.query({ name, text: statement.text, values: statement.keys.map((k) => bindings[k]) });
    return result as { rows: R[] };
  } finally {
    await client.releaseConnection(connection);
  }
}

/** `:key` (not `::type`, and only keys the bindings have — `'HH24:MI'` stays text) to `$n`. */
function toPositional(sql: string, bindings: Record<string, unknown>): Positional {
  const keys: string[] = [];
  const text = sql.replace(/(?<!:):([A-Za-z]\w*)/g, (match, key: string) => {
    if (!Object.prototype.hasOwnProperty.call(bindings, key)) return match;
    keys.push(key);
    return `$${keys.length}`;
  });
  return { text, keys };
}
