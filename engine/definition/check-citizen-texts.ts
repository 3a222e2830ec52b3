// The applicant follows the dossier through the citizen text of the state it is
// in (the runtime reads the active leaf's own `citizenText`; the national portal
// pushes it on every status change, Decree 224/2026). A step without one makes
// the applicant's status text go blank mid-way, so every state a dossier can
// rest in — every atomic state that is not final — must say something.
import type { Report } from './check-data-references.ts';
import type { StateNode } from './procedure-definition.ts';

export function checkCitizenTexts(states: ReadonlyMap<string, StateNode>, report: Report): void {
  for (const state of states.values()) {
    if (state.kind !== 'atomic' || state.citizenText) continue;
    report(
      state.sourcePath,
      `state '${state.name}' has no citizen text, so the applicant's status text is blank while the dossier is there; add citizenText: { vi: …, en: … } saying what happens at this step`,
      true,
    );
  }
}
