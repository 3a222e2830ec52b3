// The console's two busiest pages at province scale: N real dossiers
// (BENCH_PAGE_DOSSIERS, default 100,000; seed-page-dossiers.ts), the API in its
// own process (start-api.ts), and a client sending what the console sends, one
// page load after another, logged in as a commune receiver and a specialist.
//   - worklist: GET /v1/worklist?include=procedureFacet (the first page, with the
//     filter's choices), with q= an applicant's name, q= a receipt code, and a
//     procedure chosen (the console's overdue and at-risk chips filter this answer
//     in the browser, so they cost what the first page costs).
//   - dossier page: its one request, GET /v1/dossiers/:id?include=… (the page is
//     loaded when it has answered).
// Baseline from the same run: a primary-key SELECT of one dossier row over a
// pg connection (the round trip floor); target: 300 ms.
import pg from 'pg';
import { fmt, percentile, timeRuns } from './measure.ts';
import { seedPageDossiers, type SeedFigures } from './seed-page-dossiers.ts';
import { startApi } from './start-api.ts';

export const pageTargetMs = 300;

/**
 * The dossier page's requests, sent in parallel: what the console's dossier page
 * (api/console/views/dossier-detail.js, load()) asks for — one request. The one
 * place to change when the page asks differently.
 */
export const dossierPageRequests = (id: string): string[] => [`/v1/dossiers/${id}?include=history,attachments,timeByUnit,forms,procedure`];

/** The worklist page's request in its variants; `pick` is the dossier sampled for this load. */
const worklistVariants: Array<{ name: string; path: (pick: { name: string; code: string }) => string }> = [
  { name: 'first page', path: () => '/v1/worklist?include=procedureFacet' },
  { name: 'q=name', path: (p) => `/v1/worklist?q=${encodeURIComponent(p.name)}&include=procedureFacet` },
  { name: 'q=receipt code', path: (p) => `/v1/worklist?q=${encodeURIComponent(p.code)}&include=procedureFacet` },
  { name: 'procedure chosen', path: () => '/v1/worklist?procedure=marriage-registration&include=procedureFacet' },
];

const users = ['receiver.hop-thinh', 'specialist.hop-thinh'] as const;
const unit = 'hop-thinh';

export interface Percentiles { p50Ms: number; p95Ms: number }

export interface PageFigures {
  seed: SeedFigures;
  loads: number;
  worklistRuns: number;
  /** Per user, per worklist variant. */
  worklist: Record<string, Record<string, Percentiles>>;
  /** Per user. */
  dossier: Record<string, Percentiles>;
  /** The worklist's first page and the dossier page over both users. */
  worklistAll: Percentiles;
  dossierAll: Percentiles;
  baseline: Percentiles;
  chainsVerified: number;
  lines: string[];
}

async function login(url: string, username: string): Promise<string> {
  const res = await fetch(`${url}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'demo' }) });
  if (!res.ok) throw new Error(`login ${username} answered ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

export async function benchPages(databaseUrl: string, options: { dossiers: number; loads: number; worklistRuns: number }): Promise<PageFigures> {
  const seed = await seedPageDossiers(databaseUrl, options.dossiers);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const api = await startApi(databaseUrl);
  try {
    // Random dossiers the unit reads (any state), and open ones to search for.
    const sample = (await client.query(`SELECT id FROM dossiers WHERE receiving_unit = $1 ORDER BY random() LIMIT $2`, [unit, options.loads])).rows.map((r: { id: string }) => r.id);
    const picks = (await client.query(`SELECT applicant->>'fullName' AS name, receipt_code AS code FROM dossiers WHERE current_unit = $1 AND closed_at IS NULL ORDER BY random() LIMIT $2`, [unit, options.worklistRuns + 1])).rows as Array<{ name: string; code: string }>;
    let chainsVerified = 0;
    const get = async (token: string, path: string) => {
      const res = await fetch(api.url + path, { headers: { authorization: `Bearer ${token}` } });
      const text = await res.text();
      if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${text.slice(0, 300)}`);
      return text;
    };
    const worklist: PageFigures['worklist'] = {};
    const dossier: PageFigures['dossier'] = {};
    const all = { worklist: [] as number[], dossier: [] as number[] };
    const lines = [`pages (${fmt(seed.dossiers)} dossiers, ${fmt(seed.open)} open, ${fmt(seed.events)} events, ${fmt(seed.steps)} step visits, ${fmt(seed.attachments)} attachments; seeded in ${fmt(seed.seconds, 1)} s; API in its own process):`];
    for (const username of users) {
      const token = await login(api.url, username);
      worklist[username] = {};
      const parts: string[] = [];
      for (const v of worklistVariants) {
        let found = 0;
        const t = await timeRuns(options.worklistRuns, async (run) => {
          const body = await get(token, v.path(picks[run + 1]!));
          if (run >= 0 && body.length > 12) found += 1; // `{"items":[]}` is 12 characters
        });
        worklist[username][v.name] = { p50Ms: t.p50, p95Ms: t.p95 };
        if (v.name === 'first page') all.worklist.push(...t.ms);
        parts.push(`${v.name} p50 ${fmt(t.p50, 1)} ms, p95 ${fmt(t.p95, 1)} ms (${found}/${options.worklistRuns} non-empty)`);
      }
      lines.push(`  worklist, ${username}: ${parts.join(' · ')}`);
      const t = await timeRuns(options.loads, async (run) => {
        const id = sample[Math.max(0, run)]!;
        const [page] = await Promise.all(dossierPageRequests(id).map((path) => get(token, path)));
        if (run >= 0) {
          if ((JSON.parse(page!) as { included: { history: { chainIntact: boolean } } }).included.history.chainIntact !== true) throw new Error(`the seeded event chain of dossier ${id} does not verify`);
          chainsVerified += 1;
        }
      });
      dossier[username] = { p50Ms: t.p50, p95Ms: t.p95 };
      all.dossier.push(...t.ms);
      lines.push(`  dossier page (${dossierPageRequests(':id').length} request${dossierPageRequests(':id').length > 1 ? 's in parallel' : ''}), ${username}: p50 ${fmt(t.p50, 1)} ms, p95 ${fmt(t.p95, 1)} ms over ${options.loads} random dossiers of ${unit}`);
    }
    const base = await timeRuns(options.loads, (run) => client.query('SELECT * FROM dossiers WHERE id = $1', [sample[Math.max(0, run)]]));
    lines.push(`  baseline: primary-key SELECT of one dossier row over pg, p50 ${fmt(base.p50, 2)} ms, p95 ${fmt(base.p95, 2)} ms; hash chains verified by GET …/history: ${chainsVerified}/${chainsVerified}`);
    const pct = (ms: number[]): Percentiles => ({ p50Ms: percentile(ms, 50), p95Ms: percentile(ms, 95) });
    return {
      seed, loads: options.loads, worklistRuns: options.worklistRuns, worklist, dossier,
      worklistAll: pct(all.worklist), dossierAll: pct(all.dossier), baseline: { p50Ms: base.p50, p95Ms: base.p95 }, chainsVerified, lines,
    };
  } finally {
    await api.stop();
    await client.end();
  }
}
