// HTTP advance as an operator would measure it: the API in its own process
// (`npm start` with PROCESS_ROLE=api), the workers in another
// (PROCESS_ROLE=worker) relaying and firing what the transitions schedule, and
// the load from a third (bench/load-advance.ts, autocannon). Measured: the
// procedure whose steps have budgets (every transition cancels one step
// deadline and schedules another) beside the same procedure without budgets,
// the peak RSS of the API and worker processes, and — the floor — the same
// write pattern as plain SQL through pgbench at the same concurrency.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { startSystem } from '../server/start-system.ts';
import { ApiClient } from '../test/api-client.ts';
import { publishTestProcedure } from '../test/publish-test-procedure.ts';
import { countAdvanceRoundTrips } from './advance-round-trips.ts';
import { runSqlFloor, type SqlFloor } from './sql-floor.ts';

export interface LoadResult { requests: number; perSecond: number; p50Ms: number; p99Ms: number; failed: number }

/** CPU time (user + system, every thread) one process spent per answered request of a load, in µs; null where /proc is not there. */
export interface CpuPerRequest { apiUs: number | null; workerUs: number | null }

export interface AdvanceFigures {
  withDeadlines: LoadResult & { cpu: CpuPerRequest };
  withoutDeadlines: LoadResult & { cpu: CpuPerRequest };
  sqlFloor: SqlFloor | null;
  rss: { apiMb: number | null; workerMb: number | null };
  /** SQL statements (each one round trip) one advance sends, counted in-process on the same database. */
  roundTrips: number;
}

const node = (script: string) => ['--import', 'tsx', script];
// BENCH_CPU_PROF=1: the API and worker processes write V8 CPU profiles to bench/results/profiles.
const profiled = (script: string) => (process.env.BENCH_CPU_PROF === '1' ? ['--cpu-prof', '--cpu-prof-dir=bench/results/profiles', ...node(script)] : node(script));

export async function benchHttpAdvance(databaseUrl: string, options: { seconds: number; connections: number }): Promise<AdvanceFigures> {
  // Migrate, seed the demo users and publish the two bench procedures once, before the processes start.
  const setup = await startSystem({ databaseUrl, queue: { kind: 'postgres', url: databaseUrl }, proceduresDir: 'procedures', seedDemo: true, port: 0, host: '127.0.0.1', outboxPollMs: 1000, logger: pino({ level: 'silent' }), http: false, workers: false });
  await publishTestProcedure(setup.db, 'bench/fixtures/advance-bench.yaml');
  await publishTestProcedure(setup.db, 'bench/fixtures/advance-bench-plain.yaml');
  await setup.stop();
  const trips = await countAdvanceRoundTrips(databaseUrl, { explain: false });
  if (trips.status !== 200) throw new Error(`the counted advance answered ${trips.status}`);

  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const env = { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', QUEUE_BACKEND: 'postgres', SEED_DEMO: 'true', LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info' };
  // The processes' logs go to a file, as to a log collector (BENCH_VERBOSE=1: to this terminal).
  const logFile = openSync(join(tmpdir(), `motcua-bench-${port}.log`), 'w');
  const output = process.env.BENCH_VERBOSE === '1' ? 'inherit' : logFile;
  const api = spawn(process.execPath, profiled('server/main.ts'), { env: { ...env, PROCESS_ROLE: 'api' }, stdio: ['ignore', output, 'inherit'] });
  const worker = spawn(process.execPath, profiled('server/main.ts'), { env: { ...env, PROCESS_ROLE: 'worker', OUTBOX_POLL_MS: '200' }, stdio: ['ignore', output, 'inherit'] });
  try {
    const url = `http://127.0.0.1:${port}`;
    await waitUntilReady(url, api);
    const receiver = await ApiClient.login(url, 'receiver.hop-thinh');
    const specialist = await ApiClient.login(url, 'specialist.hop-thinh');
    const leader = await ApiClient.login(url, 'leader.hop-thinh');
    const tokens = { specialist: tokenOf(specialist), leader: tokenOf(leader) };
    const load = async (procedureCode: string) => {
      const dossiers: string[] = [];
      for (let i = 0; i < options.connections * 2; i++) {
        const created = await receiver.post('/v1/dossiers', { procedureCode, applicant: { fullName: 'Bench', idNumber: '027090001234' }, data: {} });
        if (created.status !== 201) throw new Error(`creating a ${procedureCode} dossier failed: ${created.status} ${JSON.stringify(created.body)}`);
        await receiver.post(`/v1/dossiers/${created.body.id}/events`, { type: 'ACCEPT' });
        dossiers.push(created.body.id);
      }
      // CPU time is what the machine's noise leaves stable: throughput moves with whatever else runs on it.
      const before = { api: cpuSeconds(api), worker: cpuSeconds(worker) };
      const result = await runLoad({ url, seconds: options.seconds, connections: options.connections, dossiers, ...tokens });
      const perRequest = (start: number | null, child: ChildProcess) => {
        const end = cpuSeconds(child);
        return start === null || end === null || result.requests === 0 ? null : ((end - start) / result.requests) * 1e6;
      };
      return { ...result, cpu: { apiUs: perRequest(before.api, api), workerUs: perRequest(before.worker, worker) } };
    };
    // Warm the JIT and the pools, then measure each variant.
    await runLoad({ url, seconds: 2, connections: options.connections, dossiers: await createWarmup(receiver, options.connections), ...tokens });
    const withDeadlines = await load('B.ADVANCE');
    const withoutDeadlines = await load('B.ADVANCE-PLAIN');
    const rss = { apiMb: peakRssMb(api), workerMb: peakRssMb(worker) };
    const sqlFloor = await runSqlFloor(databaseUrl, options);
    return { withDeadlines, withoutDeadlines, sqlFloor, rss, roundTrips: trips.statements.length };
  } finally {
    await stopProcess(api);
    await stopProcess(worker);
    closeSync(logFile);
    rmSync(join(tmpdir(), `motcua-bench-${port}.log`), { force: true });
  }
}

async function createWarmup(receiver: ApiClient, connections: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < connections * 2; i++) {
    const created = await receiver.post('/v1/dossiers', { procedureCode: 'B.ADVANCE', applicant: { fullName: 'Bench', idNumber: '027090001234' }, data: {} });
    await receiver.post(`/v1/dossiers/${created.body.id}/events`, { type: 'ACCEPT' });
    ids.push(created.body.id);
  }
  return ids;
}

function tokenOf(client: ApiClient): string {
  return (client as unknown as { token: string }).token;
}

function runLoad(input: { url: string; seconds: number; connections: number; dossiers: string[]; specialist: string; leader: string }): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...node('bench/load-advance.ts'), JSON.stringify(input)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`the load generator exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').at(-1)!) as LoadResult);
    });
  });
}

async function waitUntilReady(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the API process exited with ${child.exitCode} while starting`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the API process did not become ready in 150 s');
}

const clockTicks = (() => {
  const out = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  return Number(out.stdout?.trim()) || 100;
})();

/** User + system CPU time of a running child so far (all its threads: JavaScript, GC, libuv), in s; null where /proc is not there. */
function cpuSeconds(child: ChildProcess): number | null {
  try {
    // Fields after the parenthesised command name: utime and stime are the 12th and 13th (proc(5)).
    const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / clockTicks;
  } catch {
    return null;
  }
}

/** Peak resident set (VmHWM) of a running child, in MB; null where /proc is not there. */
function peakRssMb(child: ChildProcess): number | null {
  try {
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.on('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
