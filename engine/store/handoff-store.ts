// Handoffs that should have been delivered by now: open visits of handoff
// states, entered before a cut-off. The reconciler delivers them when their
// job was lost or gave up.
import type { Database } from './create-database.ts';

export interface HandoffStateKey {
  procedureCode: string;
  procedureVersion: number;
  state: string;
}

export async function findStaleHandoffs(db: Database, enteredBefore: Date, keys: HandoffStateKey[], limit: number): Promise<Array<{ stepId: number; dossierId: string; state: string; unitId: string; procedureCode: string; procedureVersion: number; units: { receiving: string; competent: string; return: string | null } }>> {
  if (keys.length === 0) return [];
  const result = await db.raw<{ rows: Array<{ id: number; dossier_id: string; state: string; unit_id: string; procedure_code: string; procedure_version: number; receiving_unit: string; competent_unit: string; return_unit: string | null }> }>(
    `SELECT s.id, s.dossier_id, s.state, s.unit_id, d.procedure_code, d.procedure_version, d.receiving_unit, d.competent_unit, d.return_unit
     FROM dossier_steps s JOIN dossiers d ON d.id = s.dossier_id
     JOIN jsonb_to_recordset(CAST(? AS jsonb)) AS k(code text, version int, state text)
       ON k.code = d.procedure_code AND k.version = d.procedure_version AND k.state = s.state
     WHERE s.left_at IS NULL AND s.entered_at < ?
     ORDER BY s.entered_at LIMIT ?`,
    [JSON.stringify(keys.map((k) => ({ code: k.procedureCode, version: k.procedureVersion, state: k.state }))), enteredBefore, limit],
  );
  return result.rows.map((r) => ({ stepId: r.id, dossierId: r.dossier_id, state: r.state, unitId: r.unit_id, procedureCode: r.procedure_code, procedureVersion: r.procedure_version, units: { receiving: r.receiving_unit, competent: r.competent_unit, return: r.return_unit } }));
}
