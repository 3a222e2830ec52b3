// Template dossiers for the page benchmark: a few dossiers walked through the
// real API (reception, an attached scan, acceptance, proposal, signature,
// hand-over), with the dossier row captured after every step. The seeder
// (seed-page-dossiers.ts) clones them: their snapshots are what the engine
// stored for those states, their events what the engine wrote.
import { pino } from 'pino';
import pg from 'pg';
import { startSystem } from '../server/start-system.ts';

export const templateProcedure = '1.000894'; // marriage registration: nested states, a 5-working-day budget, step budgets

/** The dossier row as the engine left it after one step of the walk (columns as stored). */
export interface TemplateStage {
  row: Record<string, unknown>;
  /** How many events the dossier had after this step. */
  eventCount: number;
}

export interface TemplateWalk {
  /** True for the walk that attaches a scan before acceptance. */
  withAttachment: boolean;
  stages: TemplateStage[];
  events: Array<Record<string, unknown>>;
  steps: Array<Record<string, unknown>>;
  attachments: Array<Record<string, unknown>>;
}

const data = {
  bride: { fullName: 'Nguyễn Thị Hoa', birthDate: '1998-05-12', idNumber: '027198001111', maritalStatusConfirmed: true },
  groom: { fullName: 'Trần Văn Nam', birthDate: '1996-11-03', idNumber: '027196002222', maritalStatusConfirmed: true },
};
// A tiny valid PDF: the attachments API checks the bytes against the media type.
const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

/** Migrates and seeds the demo province into `databaseUrl`, then walks the two template dossiers at hop-thinh. */
export async function walkTemplates(databaseUrl: string): Promise<TemplateWalk[]> {
  const system = await startSystem({ databaseUrl, queue: { kind: 'postgres', url: databaseUrl }, proceduresDir: 'procedures', seedDemo: true, port: 0, host: '127.0.0.1', outboxPollMs: 1000, logger: pino({ level: 'silent' }), http: true, workers: false });
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const tokens: Record<string, string> = {};
    for (const role of ['receiver', 'specialist', 'leader']) {
      const res = await fetch(`${system.url}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: `${role}.hop-thinh`, password: 'demo' }) });
      if (!res.ok) throw new Error(`login ${role}.hop-thinh answered ${res.status}`);
      tokens[role] = ((await res.json()) as { token: string }).token;
    }
    const call = async (role: string, method: string, path: string, body?: unknown, contentType = 'application/json') => {
      const res = await fetch(system.url + path, { method, headers: { authorization: `Bearer ${tokens[role]}`, 'content-type': contentType }, body: body === undefined ? undefined : Buffer.isBuffer(body) ? body : JSON.stringify(body) });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
      return JSON.parse(text) as Record<string, unknown>;
    };
    const walks: TemplateWalk[] = [];
    for (const withAttachment of [false, true]) {
      const stages: TemplateStage[] = [];
      const capture = async (id: string) => {
        const row = (await client.query('SELECT * FROM dossiers WHERE id = $1', [id])).rows[0] as Record<string, unknown>;
        stages.push({ row, eventCount: row.event_seq as number });
      };
      const created = await call('receiver', 'POST', '/v1/dossiers', { procedureCode: templateProcedure, applicant: { fullName: 'Nguyễn Thị Hoa', idNumber: '027198001111' }, data });
      const id = created.id as string;
      await capture(id);
      if (withAttachment) {
        await call('receiver', 'POST', `/v1/dossiers/${id}/attachments?documentId=declaration&fileName=to-khai.pdf`, pdf, 'application/pdf');
        await capture(id);
      }
      for (const [role, type] of [['receiver', 'ACCEPT'], ['specialist', 'PROPOSE_APPROVAL'], ['leader', 'SIGN'], ['receiver', 'HAND_OVER']] as const) {
        await call(role, 'POST', `/v1/dossiers/${id}/events`, { type });
        await capture(id);
      }
      const events = (await client.query('SELECT * FROM dossier_events WHERE dossier_id = $1 ORDER BY seq', [id])).rows as Array<Record<string, unknown>>;
      const steps = (await client.query('SELECT * FROM dossier_steps WHERE dossier_id = $1 ORDER BY id', [id])).rows as Array<Record<string, unknown>>;
      const attachments = (await client.query('SELECT * FROM dossier_attachments WHERE dossier_id = $1 ORDER BY event_seq', [id])).rows as Array<Record<string, unknown>>;
      walks.push({ withAttachment, stages, events, steps, attachments });
    }
    return walks;
  } finally {
    await client.end();
    await system.stop();
  }
}
