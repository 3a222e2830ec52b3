// Deadline jobs are named after what they watch, so the job of a step or of a
// statutory due date can be found again and removed when the step ends, the
// clock pauses or resets, or the date moves: `step-<visit id>-<due time in ms>`,
// or `statutory-<dossier id>-<due time in ms>`. The due time is part of the id
// because a date can move (a migration, an extension) and the new job must not
// collide with the old one.
export function deadlineJobId(dossierId: string | null, payload: Record<string, unknown>): string {
  const due = Date.parse(String(payload.dueAt));
  if (payload.kind === 'step') return `step-${String(payload.stepId)}-${due}`;
  return `statutory-${dossierId}-${due}`;
}
