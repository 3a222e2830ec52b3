// The parts of a dossier a page shows beside it — history, attachments, time
// by unit, issued forms, its procedure — read in one call for GET
// /v1/dossiers/:id?include=…. Each part comes from the very service its own
// endpoint calls, so it obeys the same read rule (principal.ts canReadDossier:
// a dossier the caller may not read is "not found", whichever part is asked).
import { getAttachments, type AttachmentsView } from '../attachments/get-attachments.ts';
import { listDossierForms } from '../forms/read-dossier-forms.ts';
import { readPublishedProcedure, type ProcedureView } from '../procedures/read-published-procedures.ts';
import { getHistory, type HistoryView } from '../read-dossiers.ts';
import { readTimeByUnit, type TimeByUnitView } from '../read-time-by-unit.ts';
import type { Principal } from '../principal.ts';
import type { ServiceContext } from '../service-context.ts';

export const dossierParts = ['history', 'attachments', 'timeByUnit', 'forms', 'procedure'] as const;
export type DossierPart = (typeof dossierParts)[number];

export interface DossierParts {
  history?: HistoryView;
  attachments?: AttachmentsView;
  timeByUnit?: TimeByUnitView;
  forms?: Awaited<ReturnType<typeof listDossierForms>>;
  /** The version of its procedure the dossier follows (its documents, data schema and states), as GET /v1/procedures/:code shows a version. */
  procedure?: ProcedureView;
}

/**
 * The parts named in `include` of the dossier `id` which follows `pinned`
 * (code and version), concurrently (one HTTP round trip; each part its own short
 * queries). Errors: dossier.not-found (absent or not readable), as each part's
 * own endpoint answers.
 */
export async function readDossierParts(ctx: ServiceContext, principal: Principal, id: string, pinned: { code: string; version: number }, include: ReadonlySet<DossierPart>): Promise<DossierParts> {
  const want = <T>(part: DossierPart, read: () => Promise<T>): Promise<T | undefined> => (include.has(part) ? read() : Promise.resolve(undefined));
  const [history, attachments, timeByUnit, forms, procedure] = await Promise.all([
    want('history', () => getHistory(ctx, principal, id)),
    want('attachments', () => getAttachments(ctx, principal, id)),
    want('timeByUnit', () => readTimeByUnit(ctx, principal, id)),
    want('forms', () => listDossierForms(ctx, principal, id)),
    want('procedure', () => readPublishedProcedure(ctx, pinned.code, pinned.version)),
  ]);
  const out: DossierParts = {};
  if (history) out.history = history;
  if (attachments) out.attachments = attachments;
  if (timeByUnit) out.timeByUnit = timeByUnit;
  if (forms) out.forms = forms;
  if (procedure) out.procedure = procedure;
  return out;
}
