// Which forms a dossier's audit trail has issued: a transition carrying `form`
// records it in its payload (`{input, form, currentUnit}`), form 04 is the
// EXTENSION_ISSUED event (`{form: '04', reason, from, to}`). A form issued again
// (form 01 after a supplement) is printed from its latest issue. Pure.
import { printableForms, type FormCode, type FormEvent } from './form-model.ts';

export interface IssuedForm<E extends FormEvent = FormEvent> {
  form: FormCode;
  event: E;
  /** The statutory due date set by the same command (the DUE_DATE_CHANGED events written with it), else null. */
  dueAt: Date | null;
}

/** `events` in sequence order; the result is ordered by form code. */
export function findIssuedForms<E extends FormEvent>(events: readonly E[]): Array<IssuedForm<E>> {
  const latest = new Map<FormCode, IssuedForm<E>>();
  events.forEach((e, i) => {
    const form = e.payload.form;
    if (typeof form !== 'string' || !(printableForms as readonly string[]).includes(form)) return;
    latest.set(form as FormCode, { form: form as FormCode, event: e, dueAt: dueDateSetWith(events, i) });
  });
  return [...latest.values()].sort((a, b) => a.form.localeCompare(b.form));
}

function dueDateSetWith(events: readonly FormEvent[], index: number): Date | null {
  const issuing = events[index]!;
  for (const e of events.slice(index + 1)) {
    // The events of one command share its time; the next command's events end the search.
    if (e.type !== 'DUE_DATE_CHANGED' || e.at.getTime() !== issuing.at.getTime()) break;
    const to = e.payload.to;
    if (typeof to === 'string') return new Date(to);
  }
  return null;
}
