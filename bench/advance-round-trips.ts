// The SQL statements one HTTP advance sends: what the hot path costs in round
// trips. Every statement any pg connection of this process sends while the
// advance is answered is recorded (knex's and named ones alike); `explain`
// also plans each transition write with EXPLAIN (ANALYZE, BUFFERS), first on
// a separate connection in a transaction that is rolled back.
//
// Needs a migrated database with the demo users and bench/fixtures/advance-bench.yaml
// published; it starts a system of its own on it (HTTP, no workers).
import pg from 'pg';
import { pino } from 'pino';
import { startSystem } from '../server/start-system.ts';
import { ApiClient } from '../test/api-client.ts';

export interface AdvanceRoundTrips { status: number; statements: string[]; plans: string[] }

export async function countAdvanceRoundTrips(url: string, options: { explain: boolean }): Promise<AdvanceRoundTrips> {
  const system = await startSystem({ databaseUrl: url, queue: { kind: 'postgres', url }, proceduresDir: 'procedures', seedDemo: true, port: 0, host: '127.0.0.1', outboxPollMs: 60_000, logger: pino({ level: 'silent' }), workers: false });
  try {
    const receiver = await ApiClient.login(system.url, 'receiver.hop-thinh');
    const specialist = await ApiClient.login(system.url, 'specialist.hop-thinh');
    const created = await receiver.post('/v1/dossiers', { procedureCode: 'B.ADVANCE', applicant: { fullName: 'Bench', idNumber: '027090001234' }, data: {} });
    await receiver.post(`/v1/dossiers/${created.body.id}/events`, { type: 'ACCEPT' });
    // The session is verified once, as under load, where a token is looked up at most once per cache window.
    await specialist.get('/v1/me');
    const statements: string[] = [];
    const plans: string[] = [];
    const send = pg.Client.prototype.query as (this: pg.Client, ...args: unknown[]) => unknown;
    let explaining = false;
    (pg.Client.prototype as unknown as { query: unknown }).query = function (this: pg.Client, ...args: unknown[]) {
      const config = args[0] as string | { text: string; values?: unknown[] };
      const text = typeof config === 'string' ? config : config.text;
      if (explaining) return send.apply(this, args);
      statements.push(text.replace(/\s+/g, ' ').trim().slice(0, 110));
      if (!options.explain || !/^\s*WITH d AS/.test(text)) return send.apply(this, args);
      const values = typeof config === 'string' ? (args[1] as unknown[]) : config.values;
      return (async () => {
        explaining = true;
        const other = new pg.Client({ connectionString: url });
        await other.connect();
        await other.query('BEGIN');
        const plan = await other.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, values);
        plans.push(plan.rows.map((r) => r['QUERY PLAN']).join('\n'));
        await other.query('ROLLBACK');
        await other.end();
        explaining = false;
        return send.apply(this, args);
      })();
    };
    try {
      const res = await specialist.post(`/v1/dossiers/${created.body.id}/events`, { type: 'PROPOSE_APPROVAL' });
      return { status: res.status, statements, plans };
    } finally {
      (pg.Client.prototype as unknown as { query: unknown }).query = send;
    }
  } finally {
    await system.stop();
  }
}
