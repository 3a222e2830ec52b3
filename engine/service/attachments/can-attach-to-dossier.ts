// Who may attach files to a dossier: an officer of the procedure (a role that
// acts on it, such as receiver, specialist or leader) at the unit holding the
// dossier now, or at the desk that received it, which scans what the applicant
// brings and the result it hands back. Reading follows the dossier's own read
// scope (canReadDossier). Pure.
import type { DossierRecord } from '../../store/records.ts';
import type { Principal } from '../principal.ts';

export function canAttachToDossier(p: Principal, d: Pick<DossierRecord, 'receivingUnit' | 'currentUnit'>, officerRoles: readonly string[]): boolean {
  return officerRoles.includes(p.role) && (p.unitId === d.currentUnit || p.unitId === d.receivingUnit);
}
