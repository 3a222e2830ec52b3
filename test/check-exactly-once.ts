// The exactly-once checker of the fault and scale-out suites: compares the
// audit trail in PostgreSQL with what clients were told. A ledger records every
// request a test client sent and every one it saw acknowledged (2xx); the
// checker then finds, as one list of plain sentences (empty when all is well):
// an acknowledged transition missing, a transition recorded more often than it
// was sent, a due deadline recorded other than once, a handoff delivered other
// than once, a notification effect carried out other than once, a broken chain.
import pg from 'pg';
import { verifyChain } from '../engine/store/event-store.ts';
import type { DossierEventRecord } from '../engine/store/records.ts';
import type { ApiClient } from './api-client.ts';

/** What the clients of one test sent and were told, per dossier and event type. */
export class ClientLedger {
  /** Dossier ids whose creation was acknowledged (201). */
  readonly created: string[] = [];
  private sent = new Map<string, number>();
  private acknowledged = new Map<string, { count: number; toStates: Set<string> }>();

  /** Files a dossier; its id when acknowledged, null when the request failed or was refused. */
  async create(client: ApiClient, body: unknown): Promise<string | null> {
    try {
      const res = await client.post('/v1/dossiers', body);
      if (res.status !== 201) return null;
      this.created.push(res.body.id);
      return res.body.id as string;
    } catch {
      return null; // the process died or the connection broke: not acknowledged
    }
  }

  /** Sends an event once (never retried: a retry without a key may lawfully apply twice); true when acknowledged. */
  async send(client: ApiClient, dossierId: string, type: string): Promise<boolean> {
    const key = `${dossierId}|${type}`;
    this.sent.set(key, (this.sent.get(key) ?? 0) + 1);
    try {
      const res = await client.post(`/v1/dossiers/${dossierId}/events`, { type });
      if (res.status !== 200) return false;
      const entry = this.acknowledged.get(key) ?? { count: 0, toStates: new Set<string>() };
      entry.count += 1;
      entry.toStates.add(res.body.state);
      this.acknowledged.set(key, entry);
      return true;
    } catch {
      return false;
    }
  }

  entries(): Array<{ dossierId: string; type: string; sent: number; acknowledged: number; toStates: Set<string> }> {
    return [...this.sent].map(([key, sent]) => {
      const [dossierId, type] = key.split('|') as [string, string];
      const ack = this.acknowledged.get(key);
      return { dossierId, type, sent, acknowledged: ack?.count ?? 0, toStates: ack?.toStates ?? new Set() };
    });
  }

  get acknowledgedCount(): number {
    return this.created.length + [...this.acknowledged.values()].reduce((n, e) => n + e.count, 0);
  }
}

export interface Expectations {
  /** Dossiers whose statutory due date the test made fall due: one OVERDUE event each. */
  dueDossiers?: string[];
  /** Dossiers handed from one unit to another: one HANDOFF_DELIVERED each, and no longer in `handoffState`. */
  handoffDossiers?: string[];
  handoffState?: string;
}

interface EventRow {
  dossier_id: string; seq: number; type: string; actor_id: string | null; actor_role: string; unit_id: string | null; at: Date;
  from_state: string | null; to_state: string; status_code: number; comment: string | null; payload: Record<string, unknown>;
  payload_hash: string; prev_hash: string | null; hash: string;
}

/** Every way the database disagrees with the ledger and the expectations; [] when none. */
export async function checkExactlyOnce(databaseUrl: string, ledger: ClientLedger, expectations: Expectations = {}): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const problems: string[] = [];
    const events = (await client.query<EventRow>('SELECT * FROM dossier_events ORDER BY dossier_id, seq')).rows;
    const byDossier = new Map<string, EventRow[]>();
    for (const e of events) byDossier.set(e.dossier_id, [...(byDossier.get(e.dossier_id) ?? []), e]);
    const dossiers = (await client.query<{ id: string; state: string; event_seq: number }>('SELECT id, state, event_seq FROM dossiers')).rows;
    const count = (id: string, type: string) => (byDossier.get(id) ?? []).filter((e) => e.type === type).length;

    for (const id of ledger.created) if (!byDossier.has(id)) problems.push(`dossier ${id}: its creation was acknowledged (201) but it has no events`);
    for (const d of dossiers) {
      const own = byDossier.get(d.id) ?? [];
      if (count(d.id, 'RECEIVED') !== 1) problems.push(`dossier ${d.id}: ${count(d.id, 'RECEIVED')} RECEIVED events, expected 1`);
      const broken = verifyChain(own.map(toRecord));
      if (broken) problems.push(`dossier ${d.id}: hash chain broken at seq ${broken.seq} (${broken.type})`);
      const last = own.at(-1)?.seq ?? 0;
      if (last !== d.event_seq || own.some((e, i) => e.seq !== i + 1)) problems.push(`dossier ${d.id}: event seqs ${own.map((e) => e.seq).join(',')} do not run 1..${d.event_seq}`);
    }
    for (const e of ledger.entries()) {
      const recorded = count(e.dossierId, e.type);
      if (recorded < e.acknowledged) problems.push(`dossier ${e.dossierId}: ${e.type} acknowledged ${e.acknowledged}× but recorded ${recorded}× (an acknowledged transition was lost)`);
      if (recorded > e.sent) problems.push(`dossier ${e.dossierId}: ${e.type} sent ${e.sent}× but recorded ${recorded}× (applied twice)`);
      const told = (byDossier.get(e.dossierId) ?? []).filter((x) => x.type === e.type).map((x) => x.to_state);
      for (const state of e.toStates) if (!told.includes(state)) problems.push(`dossier ${e.dossierId}: the client was told ${e.type} led to '${state}', the log says ${JSON.stringify(told)}`);
    }

    const overdue = events.filter((e) => e.type === 'OVERDUE');
    const seen = new Map<string, number>();
    for (const e of overdue) {
      const key = `${e.dossier_id} ${String(e.payload.scope)} ${String(e.payload.dueAt)} ${String(e.payload.state)}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    for (const [key, n] of seen) if (n > 1) problems.push(`deadline ${key}: recorded ${n}× (OVERDUE events), expected once`);
    for (const id of expectations.dueDossiers ?? []) {
      const n = overdue.filter((e) => e.dossier_id === id && e.payload.scope === 'statutory').length;
      if (n !== 1) problems.push(`dossier ${id}: its statutory deadline fell due and is recorded ${n}×, expected once`);
    }

    const states = new Map(dossiers.map((d) => [d.id, d.state]));
    for (const id of expectations.handoffDossiers ?? []) {
      const n = count(id, 'HANDOFF_DELIVERED');
      if (n !== 1) problems.push(`dossier ${id}: HANDOFF_DELIVERED recorded ${n}×, expected once`);
      if (states.get(id) === expectations.handoffState) problems.push(`dossier ${id}: still in '${expectations.handoffState}', its handoff was never delivered`);
    }

    const unrelayed = Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM outbox WHERE relayed_at IS NULL')).rows[0]!.n);
    if (unrelayed > 0) problems.push(`outbox: ${unrelayed} committed effects never relayed`);
    const notify = (await client.query<{ effects: string; notifications: string; doubled: string }>(`
      SELECT (SELECT count(*) FROM outbox WHERE topic = 'notify') AS effects,
             (SELECT count(*) FROM notifications) AS notifications,
             (SELECT count(*) FROM (SELECT outbox_id FROM notifications GROUP BY outbox_id HAVING count(*) > 1) x) AS doubled`)).rows[0]!;
    // Counts come back as strings, or as numbers where the process parses int8 (the application does): compared as numbers.
    if (Number(notify.effects) !== Number(notify.notifications)) problems.push(`notifications: ${notify.effects} notify effects committed, ${notify.notifications} notifications made`);
    if (Number(notify.doubled) !== 0) problems.push(`notifications: ${notify.doubled} notify effects carried out more than once`);
    return problems;
  } finally {
    await client.end();
  }
}

const toRecord = (r: EventRow): DossierEventRecord => ({
  id: 0, dossierId: r.dossier_id, seq: r.seq, type: r.type, actorId: r.actor_id, actorRole: r.actor_role, unitId: r.unit_id, at: r.at,
  fromState: r.from_state, toState: r.to_state, statusCode: r.status_code, comment: r.comment, payload: r.payload,
  payloadHash: r.payload_hash, prevHash: r.prev_hash, hash: r.hash,
});
