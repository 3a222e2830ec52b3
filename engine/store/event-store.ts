// The append-only audit trail. Each event stores the hash of the one before it
// (per dossier), so editing or removing any event breaks every hash after it.
import { canonicalJson as canonicalize } from '../canonical-json.js';
import { createHash } from 'node:crypto';
import type { Database } from './create-database.ts';
import type { DossierEventRecord } from './records.ts';

export type NewDossierEvent = Omit<DossierEventRecord, 'id' | 'seq' | 'payloadHash' | 'prevHash' | 'hash'>;

interface EventRow {
  id: number; dossier_id: string; seq: number; type: string; actor_id: string | null; actor_role: string; unit_id: string | null;
  at: Date; from_state: string | null; to_state: string; status_code: number; comment: string | null;
  payload: Record<string, unknown>; payload_hash: string; prev_hash: string | null; hash: string;
}

const toRecord = (r: EventRow): DossierEventRecord => ({
  id: r.id, dossierId: r.dossier_id, seq: r.seq, type: r.type, actorId: r.actor_id, actorRole: r.actor_role, unitId: r.unit_id,
  at: r.at, fromState: r.from_state, toState: r.to_state, statusCode: r.status_code, comment: r.comment,
  payload: r.payload, payloadHash: r.payload_hash, prevHash: r.prev_hash, hash: r.hash,
});

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function hashEvent(e: Omit<DossierEventRecord, 'id' | 'hash'>): string {
  const body = canonicalize({
    dossierId: e.dossierId, seq: e.seq, type: e.type, actorId: e.actorId, actorRole: e.actorRole, unitId: e.unitId,
    at: e.at.toISOString(), fromState: e.fromState, toState: e.toState, statusCode: e.statusCode, comment: e.comment,
    payloadHash: e.payloadHash, prevHash: e.prevHash,
  });
  return sha256(body!);
}

export type ChainedEvent = Omit<DossierEventRecord, 'id'>;

/**
 * Gives new events their place in the dossier's chain after `head` (the seq and
 * hash of its last event): sequence numbers, payload hashes and chained hashes.
 * The caller writes them while holding the dossier's row lock.
 */
export function chainEvents(dossierId: string, head: { seq: number; hash: string | null }, events: NewDossierEvent[]): ChainedEvent[] {
  let seq = head.seq;
  let prevHash = head.hash;
  return events.map((e) => {
    seq += 1;
    const payloadHash = sha256(canonicalize(e.payload) ?? 'null');
    const chained = { ...e, dossierId, seq, payloadHash, prevHash, hash: '' };
    chained.hash = hashEvent(chained);
    prevHash = chained.hash;
    return chained;
  });
}

export async function listEvents(db: Database, dossierId: string): Promise<DossierEventRecord[]> {
  const rows = (await db('dossier_events').where({ dossier_id: dossierId }).orderBy('seq')) as EventRow[];
  return rows.map(toRecord);
}

/** Recomputes the chain; returns the first event whose hash does not match, or null when intact. */
export function verifyChain(events: DossierEventRecord[]): DossierEventRecord | null {
  let prev: string | null = null;
  for (const e of events) {
    const payloadHash = sha256(canonicalize(e.payload) ?? 'null');
    if (e.prevHash !== prev || e.payloadHash !== payloadHash || hashEvent(e) !== e.hash) return e;
    prev = e.hash;
  }
  return null;
}
