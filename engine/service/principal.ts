// Who is calling: the authenticated user (or API key) with their role and unit,
// and the one read rule every dossier endpoint applies — in code here for single
// dossiers, and as the same scope in SQL for lists (dossier-store listDossiers).
import type { DossierRecord, UnitRecord } from '../store/records.ts';

export interface Principal {
  userId: string;
  username: string;
  role: string;
  unitId: string;
  unitLevel: UnitRecord['level'];
  /** A supervisor's remit: their unit and every unit under it (filled in at authentication). */
  supervisedUnits?: string[];
}

/**
 * Which dossiers a principal may read:
 * - officers (receiver, specialist, leader, and API keys acting in those roles):
 *   dossiers their unit received, is competent for, holds now or returns the result at;
 * - supervisors: the same for their unit and every unit under it (a commune
 *   supervisor their commune; the province's supervisors the whole province);
 * - policy authors and administrators: none. They manage definitions and
 *   accounts; citizens' data is not theirs to read (Decree 13/2023/NĐ-CP on
 *   personal data: processing limited to its purpose).
 */
export type ReadScope = { kind: 'all' } | { kind: 'units'; units: string[] } | { kind: 'none' };

const noDossierRoles = new Set(['author', 'admin']);

export function readScope(p: Principal): ReadScope {
  if (noDossierRoles.has(p.role)) return { kind: 'none' };
  if (p.role === 'supervisor') return p.unitLevel === 'province' ? { kind: 'all' } : { kind: 'units', units: p.supervisedUnits ?? [p.unitId] };
  return { kind: 'units', units: [p.unitId] };
}

export function canReadDossier(p: Principal, d: Pick<DossierRecord, 'receivingUnit' | 'competentUnit' | 'currentUnit' | 'returnUnit'>): boolean {
  const scope = readScope(p);
  if (scope.kind !== 'units') return scope.kind === 'all';
  return [d.receivingUnit, d.competentUnit, d.currentUnit, d.returnUnit].some((u) => u !== null && scope.units.includes(u));
}

/** Province-wide readers of operational records that hold no citizen data (dead letters): administrators and the province's supervisors. */
export function seesWholeProvince(p: Principal): boolean {
  return p.role === 'admin' || (p.role === 'supervisor' && p.unitLevel === 'province');
}

/** A unit and every unit under it, from the organisation tree. */
export function listUnitSubtree(units: Map<string, UnitRecord>, root: string): string[] {
  const out = [root];
  for (let i = 0; i < out.length; i++) for (const u of units.values()) if (u.parentId === out[i] && !out.includes(u.id)) out.push(u.id);
  return out;
}

/** The units a dossier's states resolve against. */
export function unitsOf(d: Pick<DossierRecord, 'receivingUnit' | 'competentUnit' | 'returnUnit'>): { receiving: string; competent: string; return: string | null } {
  return { receiving: d.receivingUnit, competent: d.competentUnit, return: d.returnUnit };
}
