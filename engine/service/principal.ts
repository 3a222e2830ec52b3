// Who is calling: the authenticated user with their role and unit, and the
// read-scope rule every dossier query applies.
import type { DossierRecord, UnitRecord } from '../store/records.ts';

export interface Principal {
  userId: string;
  username: string;
  role: string;
  unitId: string;
  unitLevel: UnitRecord['level'];
}

/** Province-wide readers: administrators and the province's own supervisors. */
export function seesWholeProvince(p: Principal): boolean {
  return p.role === 'admin' || (p.role === 'supervisor' && p.unitLevel === 'province');
}

export function canReadDossier(p: Principal, d: Pick<DossierRecord, 'receivingUnit' | 'competentUnit' | 'currentUnit' | 'returnUnit'>): boolean {
  if (seesWholeProvince(p)) return true;
  if (p.role === 'author') return false;
  return p.unitId === d.receivingUnit || p.unitId === d.competentUnit || p.unitId === d.currentUnit || p.unitId === d.returnUnit;
}

/** The units a dossier's states resolve against. */
export function unitsOf(d: Pick<DossierRecord, 'receivingUnit' | 'competentUnit' | 'returnUnit'>): { receiving: string; competent: string; return: string | null } {
  return { receiving: d.receivingUnit, competent: d.competentUnit, return: d.returnUnit };
}
