// Officers see every step a dossier passes through and every event on its
// timeline and buttons; without a `title` (state) or `label` (event) they see the
// raw id (`awaiting-supplement`, `ASK_SUPPLEMENT`). The one-stop desk works in
// Vietnamese, so a missing Vietnamese title is reported — as a warning: the
// definition still runs, and the console falls back to the id.
import type { Report } from './check-data-references.ts';
import { doneEvent, type StateNode } from './procedure-definition.ts';

export function checkTitles(states: ReadonlyMap<string, StateNode>, report: Report): void {
  for (const state of states.values()) {
    if (!state.title?.vi) report(state.sourcePath, `state '${state.name}' has no Vietnamese title, so officers see the id '${state.name}'; add title: { vi: …, en: … }`, true);
    const seen = new Set<string>();
    for (const t of state.transitions) {
      if (t.event === '' || t.event === doneEvent || seen.has(t.event)) continue;
      seen.add(t.event);
      if (state.transitions.some((other) => other.event === t.event && other.label?.vi)) continue;
      report([...state.sourcePath, 'on', t.event], `event ${t.event} of state '${state.name}' has no Vietnamese label, so officers see the id '${t.event}'; add label: { vi: …, en: … } to its transition`, true);
    }
  }
}
