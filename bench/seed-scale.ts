// What the province-scale seeders share: the demo province's communes (the
// units dossiers are spread over), the session settings for bulk inserts, and
// the statistics PostgreSQL plans with once the rows are in.
export const demoCommunes = ['hop-thinh', 'kinh-bac', 'tu-son', 'bac-giang'] as const;

/** Anything that runs SQL text: a knex instance's raw, or a pg client's query. */
export type RunSql = (sql: string) => Promise<unknown>;

/** Bulk inserts need no durability until the benchmark starts: a crash discards the scratch database anyway. */
export async function beginBulkSeed(run: RunSql): Promise<void> {
  await run('SET synchronous_commit = off');
}

/** Fresh statistics and visibility maps, as autovacuum would leave them, before anything is measured. */
export async function analyzeSeeded(run: RunSql, tables: string[]): Promise<void> {
  for (const table of tables) await run(`VACUUM ANALYZE ${table}`);
}
