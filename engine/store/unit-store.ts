// Units of the organisation (province, departments, communes).
import type { Database } from './create-database.ts';
import type { UnitRecord } from './records.ts';

interface UnitRow { id: string; code: string; level: UnitRecord['level']; parent_id: string | null; name_vi: string; name_en: string }

const toRecord = (r: UnitRow): UnitRecord => ({ id: r.id, code: r.code, level: r.level, parentId: r.parent_id, nameVi: r.name_vi, nameEn: r.name_en });

export async function upsertUnits(db: Database, units: UnitRecord[]): Promise<void> {
  if (units.length === 0) return;
  // Parents first, so the foreign key holds whatever order the file lists them in.
  const ordered = orderParentsFirst(units);
  for (const u of ordered)
    await db('units')
      .insert({ id: u.id, code: u.code, level: u.level, parent_id: u.parentId, name_vi: u.nameVi, name_en: u.nameEn })
      .onConflict('id')
      .merge();
}

export async function listUnits(db: Database): Promise<UnitRecord[]> {
  const rows = await db<UnitRow>('units').select('*').orderBy('id');
  return rows.map(toRecord);
}

export async function findUnit(db: Database, id: string): Promise<UnitRecord | null> {
  const row = await db<UnitRow>('units').where({ id }).first();
  return row ? toRecord(row) : null;
}

function orderParentsFirst(units: UnitRecord[]): UnitRecord[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const out: UnitRecord[] = [];
  const seen = new Set<string>();
  const visit = (u: UnitRecord) => {
    if (seen.has(u.id)) return;
    seen.add(u.id);
    const parent = u.parentId ? byId.get(u.parentId) : undefined;
    if (parent) visit(parent);
    out.push(u);
  };
  units.forEach(visit);
  return out;
}
