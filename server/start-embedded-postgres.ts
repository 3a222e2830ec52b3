// The embedded PostgreSQL server behind `npm start` when no DATABASE_URL is
// given: its data reached as <dataDir>/pg (see embedded-postgres/place-cluster.ts
// for where it really lives when run as root), its log in <dataDir>/postgresql.log,
// a password generated once and kept (mode 0600) in <dataDir>/pg-password, on a
// free port unless one is given. The server runs in a session of its own and
// stops only through stop(), after the caller has closed its connections.
import { randomBytes } from 'node:crypto';
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { EmbeddedPostgresError } from './embedded-postgres/embedded-postgres-error.ts';
import { findServerUser } from './embedded-postgres/find-server-user.ts';
import { initialiseCluster } from './embedded-postgres/initialise-cluster.ts';
import { placeBinaries } from './embedded-postgres/place-binaries.ts';
import { placeCluster } from './embedded-postgres/place-cluster.ts';
import { spawnPostgres } from './embedded-postgres/spawn-postgres.ts';

/** Where the server's binaries and data go when run as root from a folder its user cannot reach. */
export const defaultSharedDir = '/var/lib/motcua';

export interface EmbeddedServer {
  url: string;
  /** The cluster's real folder (the target of <dataDir>/pg when that is a link). */
  databaseDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number | null;
  database: string;
  /** Notable events (a cluster created, an unfinished one redone), one line each. */
  log: (line: string) => void;
  maxConnections?: number;
  sharedDir?: string;
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const dataDir = resolve(options.dataDir);
  const sharedDir = options.sharedDir ?? defaultSharedDir;
  const user = await findServerUser();
  const binaries = await placeBinaries(user, sharedDir);
  const databaseDir = await placeCluster(dataDir, user, sharedDir);
  const passwordFile = join(dataDir, 'pg-password');
  const existing = await readdir(databaseDir).catch(() => [] as string[]);
  let password: string;
  if (existing.includes('PG_VERSION')) {
    password = await readFile(passwordFile, 'utf8').then(
      (text) => text.trim(),
      () => {
        throw new EmbeddedPostgresError(`${passwordFile} is missing, so the PostgreSQL data in ${databaseDir} cannot be opened; restore the file, or move the data aside (mv ${databaseDir} ${databaseDir}.old) to start with a new, empty database`);
      },
    );
  } else {
    if (existing.length > 0)
      throw new EmbeddedPostgresError(`${databaseDir} holds files but no PostgreSQL data (no PG_VERSION): left by an interrupted first start of an earlier version? If it holds nothing you need, remove it (rm -rf ${databaseDir}) and start again`);
    options.log(`first start: creating the PostgreSQL data folder ${databaseDir}`);
    password = randomBytes(18).toString('base64url');
    await initialiseCluster({
      initdb: binaries.initdb,
      databaseDir,
      user,
      superuser: 'postgres',
      password,
      beforeCommit: async () => {
        await writeFile(`${passwordFile}.new`, password, { mode: 0o600 });
        await rename(`${passwordFile}.new`, passwordFile);
      },
    });
  }
  const port = options.port ?? (await findFreePort());
  const server = await spawnPostgres({
    postgres: binaries.postgres,
    databaseDir,
    port,
    user,
    logFile: join(dataDir, 'postgresql.log'),
    // TCP on loopback only; no Unix socket, so nothing is left in /tmp.
    flags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', `max_connections=${options.maxConnections ?? 100}`],
  });
  try {
    await createDatabaseIfMissing({ port, password, database: options.database });
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${options.database}`,
    databaseDir,
    stop: () => server.stop(),
  };
}

async function createDatabaseIfMissing(options: { port: number; password: string; database: string }): Promise<void> {
  const client = new pg.Client({ host: '127.0.0.1', port: options.port, user: 'postgres', password: options.password, database: 'postgres' });
  // A connection error also rejects the pending call; without a listener it would crash the process.
  client.on('error', () => {});
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [options.database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(options.database)}`);
  } finally {
    await client.end();
  }
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
