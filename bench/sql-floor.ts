// The floor under HTTP advance: the same write pattern as plain SQL, run by
// pgbench (PostgreSQL's own client) at the same concurrency on the same server
// — lock the dossier, update it, insert the audit event, cancel the step's
// deadline and insert the next one, insert an outbox row. Null when pgbench is
// not installed (it ships with the PostgreSQL client tools).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface SqlFloor { perSecond: number; meanMs: number }

const transaction = `
BEGIN;
SELECT version, state FROM bench_dossiers WHERE id = :client_id FOR UPDATE;
UPDATE bench_dossiers SET state = CASE state WHEN 'processing' THEN 'signature' ELSE 'processing' END, snapshot = jsonb_build_object('value', state), version = version + 1, updated_at = now() WHERE id = :client_id;
INSERT INTO bench_events (dossier_id, seq, type, payload, hash) SELECT id, version, 'MOVE', '{"input":{}}', md5(id::text || version) FROM bench_dossiers WHERE id = :client_id;
UPDATE bench_deadlines SET cancelled_at = now() WHERE dossier_id = :client_id AND cancelled_at IS NULL;
INSERT INTO bench_deadlines (dossier_id, due_at) VALUES (:client_id, now() + interval '4 hours');
INSERT INTO bench_outbox (dossier_id, topic, payload, created_at) VALUES (:client_id, 'deadline', '{"kind":"step"}', now());
END;
`;

/** Statements of one floor transaction (BEGIN … END), each a round trip under pgbench -M prepared. */
export const sqlFloorStatements = transaction.trim().split('\n').length;

export function pgbenchAvailable(): boolean {
  return spawnSync('pgbench', ['--version'], { stdio: 'ignore' }).status === 0;
}

export async function runSqlFloor(databaseUrl: string, options: { seconds: number; connections: number }): Promise<SqlFloor | null> {
  if (!pgbenchAvailable()) return null;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query(`
    CREATE TABLE bench_dossiers (id int PRIMARY KEY, version int NOT NULL, state text NOT NULL, snapshot jsonb NOT NULL, updated_at timestamptz NOT NULL);
    CREATE TABLE bench_events (id bigserial PRIMARY KEY, dossier_id int NOT NULL REFERENCES bench_dossiers(id), seq int NOT NULL, type text NOT NULL, payload jsonb NOT NULL, hash text NOT NULL, UNIQUE (dossier_id, seq));
    CREATE TABLE bench_deadlines (id bigserial PRIMARY KEY, dossier_id int NOT NULL REFERENCES bench_dossiers(id), due_at timestamptz NOT NULL, cancelled_at timestamptz);
    CREATE INDEX ON bench_deadlines (dossier_id) WHERE cancelled_at IS NULL;
    CREATE TABLE bench_outbox (id bigserial PRIMARY KEY, dossier_id int NOT NULL, topic text NOT NULL, payload jsonb NOT NULL, created_at timestamptz NOT NULL, relayed_at timestamptz);
    INSERT INTO bench_dossiers SELECT i, 1, 'processing', '{"value":"processing"}', now() FROM generate_series(0, ${options.connections - 1}) AS i;`);
  await client.end();
  const dir = await mkdtemp(join(tmpdir(), 'motcua-pgbench-'));
  try {
    const script = join(dir, 'advance.sql');
    await writeFile(script, transaction);
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn('pgbench', ['-n', '-M', 'prepared', '-c', String(options.connections), '-j', '2', '-T', String(options.seconds), '-f', script, databaseUrl], { stdio: ['ignore', 'pipe', 'pipe'] });
      let text = '';
      child.stdout.on('data', (c: Buffer) => (text += c.toString()));
      child.stderr.on('data', (c: Buffer) => (text += c.toString()));
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`pgbench exited with ${code}: ${text}`))));
    });
    const tps = /tps = ([\d.]+)/.exec(out)?.[1];
    const latency = /latency average = ([\d.]+) ms/.exec(out)?.[1];
    if (!tps || !latency) throw new Error(`pgbench printed no tps: ${out}`);
    return { perSecond: Number(tps), meanMs: Number(latency) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
