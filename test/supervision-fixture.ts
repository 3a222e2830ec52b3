// A hand-computed supervision fixture, written straight into the tables (the
// statistics read the store; how the rows got there is the engine's business,
// tested elsewhere). Times are Asia/Ho_Chi_Minh; office hours 07:30–11:30 and
// 13:00–17:00, so one working day is 8 hours. "Now" is Monday 16 March 2026 09:00.
//
// Hợp Thịnh commune, household business registration (1.001612 v2, 3 working days):
//  D1 early     received Mon 02.03 09:00, due Thu 05.03 09:00, result ready Tue 03.03 16:00 (13.5 h = 1.69 d); online, paid online, digitized, rated 5
//  D2 on time   received Tue 03.03 10:00, due Fri 06.03 10:00, result ready Fri 06.03 09:00 (23 h = 2.88 d); rated 4
//  D3 late      received Wed 04.03 08:00, due Mon 09.03 08:00, result ready Tue 10.03 15:00 (37.5 h = 4.69 d); rated 2
//  D4 Tết       received Thu 12.02 14:00, due Tue 24.02 14:00 (Tết 14–22.02 not counted), ready Mon 23.02 10:00 (13.5 h = 1.69 d): early
//  D5 supplement received Mon 02.03 08:00; supplement requested Tue 03.03 10:00, complete Thu 05.03 10:00 (clock reset: due Tue 10.03 10:00,
//               it was Thu 05.03 08:00); ready Mon 09.03 15:00: early; 45.5 h − 16 h supplement = 29.5 h = 3.69 d
//  D6 form 04   received Wed 04.03 09:00, due Mon 09.03 09:00, form 04 Thu 05.03 15:00 → new due Thu 12.03 17:00; ready Thu 12.03 11:00: on time (50 h = 6.25 d)
//  D7 overdue   received Mon 09.03 09:00, due Thu 12.03 09:00, still in appraisal: 16 working hours late now
//  D9 refused   received Tue 10.03 09:00, refused at reception 09:30 (never accepted)
//  D10          received Tue 20.01, closed Thu 22.01: before the period, never counted
//  D12 at risk  received Wed 11.03 09:00, due Mon 16.03 15:00: 4.5 working hours left
// First land-use certificate (1.012753 v1), received at Hợp Thịnh, decided by the Land Registration Office:
//  D8           received Mon 23.02 09:00, due Mon 23.03 09:00; commune 1 h + office 2.5 h + 53.5 h + 7 h + 2 h, back at the
//               commune 1.5 h + 3.5 h; result ready Thu 05.03 14:00 (67.5 h = 8.44 d): early. Digitized components and result.
// Kinh Bắc ward (outside Hợp Thịnh's remit):
//  D11 overdue  received Mon 09.03 10:00, due Thu 12.03 10:00, still in appraisal: 15 working hours late now
import { randomUUID } from 'node:crypto';
import type { Database } from '../engine/store/create-database.ts';

export const fixtureNow = '2026-03-16T09:00:00+07:00';

const at = (local: string) => new Date(`${local}:00+07:00`);

interface FixtureDossier {
  key: string;
  procedure?: '1.001612' | '1.012753';
  state: string;
  statusCode: number;
  receiving?: string;
  competent?: string;
  current?: string;
  receivedAt: string;
  dueAt: string | null;
  finishedAt?: string;
  closedAt?: string;
  outcome?: string;
  extendedAt?: string;
  channel?: 'desk' | 'online';
  paidOnline?: boolean;
  digitized?: boolean;
  rating?: number;
  visits: Array<[state: string, unit: string, entered: string, left: string | null]>;
}

const dossiers: FixtureDossier[] = [
  { key: 'D1', state: 'returned', statusCode: 10, receivedAt: '2026-03-02T09:00', dueAt: '2026-03-05T09:00', finishedAt: '2026-03-03T16:00', closedAt: '2026-03-04T08:00', outcome: 'approved', channel: 'online', paidOnline: true, digitized: true, rating: 5,
    visits: [['appraisal', 'hop-thinh', '2026-03-02T09:00', '2026-03-03T16:00'], ['result-ready', 'hop-thinh', '2026-03-03T16:00', '2026-03-04T08:00']] },
  { key: 'D2', state: 'returned', statusCode: 10, receivedAt: '2026-03-03T10:00', dueAt: '2026-03-06T10:00', finishedAt: '2026-03-06T09:00', closedAt: '2026-03-06T10:30', outcome: 'approved', rating: 4,
    visits: [['appraisal', 'hop-thinh', '2026-03-03T10:00', '2026-03-06T09:00'], ['result-ready', 'hop-thinh', '2026-03-06T09:00', '2026-03-06T10:30']] },
  { key: 'D3', state: 'returned', statusCode: 10, receivedAt: '2026-03-04T08:00', dueAt: '2026-03-09T08:00', finishedAt: '2026-03-10T15:00', closedAt: '2026-03-10T16:00', outcome: 'approved', rating: 2,
    visits: [['appraisal', 'hop-thinh', '2026-03-04T08:00', '2026-03-10T15:00'], ['result-ready', 'hop-thinh', '2026-03-10T15:00', '2026-03-10T16:00']] },
  { key: 'D4', state: 'returned', statusCode: 10, receivedAt: '2026-02-12T14:00', dueAt: '2026-02-24T14:00', finishedAt: '2026-02-23T10:00', closedAt: '2026-02-24T09:00', outcome: 'approved',
    visits: [['appraisal', 'hop-thinh', '2026-02-12T14:00', '2026-02-23T10:00'], ['result-ready', 'hop-thinh', '2026-02-23T10:00', '2026-02-24T09:00']] },
  { key: 'D5', state: 'returned', statusCode: 10, receivedAt: '2026-03-02T08:00', dueAt: '2026-03-10T10:00', finishedAt: '2026-03-09T15:00', closedAt: '2026-03-09T16:00', outcome: 'approved',
    visits: [['appraisal', 'hop-thinh', '2026-03-02T08:00', '2026-03-03T10:00'], ['awaiting-supplement-in-appraisal', 'hop-thinh', '2026-03-03T10:00', '2026-03-05T10:00'], ['appraisal', 'hop-thinh', '2026-03-05T10:00', '2026-03-09T15:00'], ['result-ready', 'hop-thinh', '2026-03-09T15:00', '2026-03-09T16:00']] },
  { key: 'D6', state: 'returned', statusCode: 10, receivedAt: '2026-03-04T09:00', dueAt: '2026-03-12T17:00', extendedAt: '2026-03-05T15:00', finishedAt: '2026-03-12T11:00', closedAt: '2026-03-12T14:00', outcome: 'approved',
    visits: [['appraisal', 'hop-thinh', '2026-03-04T09:00', '2026-03-12T11:00'], ['result-ready', 'hop-thinh', '2026-03-12T11:00', '2026-03-12T14:00']] },
  { key: 'D7', state: 'appraisal', statusCode: 4, receivedAt: '2026-03-09T09:00', dueAt: '2026-03-12T09:00', visits: [['appraisal', 'hop-thinh', '2026-03-09T09:00', null]] },
  { key: 'D8', procedure: '1.012753', state: 'returned', statusCode: 10, competent: 'vpdk-dat-dai', receivedAt: '2026-02-23T09:00', dueAt: '2026-03-23T09:00', finishedAt: '2026-03-05T14:00', closedAt: '2026-03-06T08:00', outcome: 'approved', digitized: true,
    visits: [
      ['transfer', 'hop-thinh', '2026-02-23T09:00', '2026-02-23T10:00'],
      ['arrived-at-land-office', 'vpdk-dat-dai', '2026-02-23T10:00', '2026-02-23T14:00'],
      ['review', 'vpdk-dat-dai', '2026-02-23T14:00', '2026-03-04T10:00'],
      ['signature', 'vpdk-dat-dai', '2026-03-04T10:00', '2026-03-05T09:00'],
      ['return-transfer', 'vpdk-dat-dai', '2026-03-05T09:00', '2026-03-05T11:00'],
      ['result-arrived', 'hop-thinh', '2026-03-05T11:00', '2026-03-05T14:00'],
      ['result-ready', 'hop-thinh', '2026-03-05T14:00', '2026-03-06T08:00'],
    ] },
  { key: 'D9', state: 'refused', statusCode: 3, receivedAt: '2026-03-10T09:00', dueAt: null, closedAt: '2026-03-10T09:30', outcome: 'refused-at-reception', visits: [['reception', 'hop-thinh', '2026-03-10T09:00', '2026-03-10T09:30']] },
  { key: 'D10', state: 'returned', statusCode: 10, receivedAt: '2026-01-20T09:00', dueAt: '2026-01-23T09:00', finishedAt: '2026-01-22T09:00', closedAt: '2026-01-22T10:00', outcome: 'approved', visits: [['appraisal', 'hop-thinh', '2026-01-20T09:00', '2026-01-22T09:00']] },
  { key: 'D11', state: 'appraisal', statusCode: 4, receiving: 'kinh-bac', competent: 'kinh-bac', current: 'kinh-bac', receivedAt: '2026-03-09T10:00', dueAt: '2026-03-12T10:00', visits: [['appraisal', 'kinh-bac', '2026-03-09T10:00', null]] },
  { key: 'D12', state: 'appraisal', statusCode: 4, receivedAt: '2026-03-11T09:00', dueAt: '2026-03-16T15:00', visits: [['appraisal', 'hop-thinh', '2026-03-11T09:00', null]] },
];

/** Inserts the fixture; returns the ids and receipt codes by key (D1 … D12). */
export async function seedSupervisionFixture(db: Database): Promise<Record<string, { id: string; receiptCode: string }>> {
  const user = (await db('users').where({ username: 'specialist.hop-thinh' }).first()) as { id: string };
  const out: Record<string, { id: string; receiptCode: string }> = {};
  let n = 0;
  for (const d of dossiers) {
    n += 1;
    const id = randomUUID();
    const receiving = d.receiving ?? 'hop-thinh';
    const receiptCode = `${receiving === 'hop-thinh' ? 'H04.101' : 'H04.102'}-${d.receivedAt.slice(2, 10).replace(/-/g, '')}-${String(n).padStart(4, '0')}`;
    const procedure = d.procedure ?? '1.001612';
    const closed = d.closedAt ? at(d.closedAt) : null;
    await db('dossiers').insert({
      id, receipt_code: receiptCode, procedure_code: procedure, procedure_version: procedure === '1.001612' ? 2 : 1,
      state: d.state, status_code: d.statusCode, snapshot: JSON.stringify({ value: d.state, status: closed ? 'done' : 'active' }), applicant: JSON.stringify({ fullName: `Người nộp ${d.key}` }), data: JSON.stringify({}),
      receiving_unit: receiving, competent_unit: d.competent ?? receiving, current_unit: d.current ?? (closed ? receiving : receiving), return_unit: null,
      outcome: d.outcome ?? null, received_at: at(d.receivedAt), due_at: d.dueAt ? at(d.dueAt) : null, step_due_at: null, paused_at: null, closed_at: closed,
      extended_at: d.extendedAt ? at(d.extendedAt) : null, channel: d.channel ?? 'desk', paid_online: d.paidOnline ?? false,
      updated_at: closed ?? at(d.receivedAt), version: 1, event_seq: d.finishedAt ? 1 : 0,
    });
    if (d.finishedAt)
      await db('dossier_events').insert({ dossier_id: id, seq: 1, type: 'SIGN', actor_role: 'leader', unit_id: d.competent ?? receiving, at: at(d.finishedAt), from_state: 'signature', to_state: 'result-ready', status_code: 9, payload: JSON.stringify({}), payload_hash: 'x', hash: `h-${d.key}` });
    for (const [state, unit, entered, left] of d.visits) await db('dossier_steps').insert({ dossier_id: id, state, unit_id: unit, entered_at: at(entered), left_at: left ? at(left) : null });
    if (d.digitized) {
      const attachment = { dossier_id: id, file_name: 'scan.pdf', media_type: 'application/pdf', size: 1000, uploaded_by: user.id, unit_id: receiving, uploaded_at: at(d.receivedAt), event_seq: 1 };
      await db('dossier_attachments').insert([
        { ...attachment, id: randomUUID(), document_id: 'application', sha256: 'a'.repeat(64) },
        { ...attachment, id: randomUUID(), document_id: 'result', sha256: 'b'.repeat(64) },
      ]);
    }
    if (d.rating) await db('dossier_ratings').insert({ dossier_id: id, score: d.rating, comment: null, rated_at: at(d.closedAt!) });
    out[d.key] = { id, receiptCode };
  }
  // D8 went back and forth: the commune holds it at the end.
  await db('dossiers').where({ id: out.D8!.id }).update({ current_unit: 'hop-thinh', return_unit: 'hop-thinh' });
  return out;
}
