// Form 04: the leader of the unit holding a late-running dossier apologises to
// the applicant and sets a new appointment date, once — the head of the
// processing agency signs the apology (docs/form-04.md). One transaction: the new due date, the
// audit events, the applicant's notice and the deadline job for the new date.
import { MotcuaError } from '../motcua-error.ts';
import { planExtension } from '../runtime/plan-extension.ts';
import { lockDossier } from '../store/dossier-store.ts';
import { notFound } from './advance-dossier.ts';
import { toDossierView, type DossierView } from './dossier-view.ts';
import { canReadDossier, type Principal } from './principal.ts';
import { applicantNotice, recordDossierEvents } from './record-transition.ts';
import type { ServiceContext } from './service-context.ts';

export interface ExtensionCommand {
  newDueDate: string;
  reason: string;
}

export async function issueExtension(ctx: ServiceContext, principal: Principal, dossierId: string, command: ExtensionCommand): Promise<DossierView> {
  const view = await ctx.db.transaction(async (trx) => {
    const locked = await lockDossier(trx, dossierId);
    if (!locked || !canReadDossier(principal, locked.dossier)) throw notFound(dossierId);
    const d = locked.dossier;
    if (d.currentUnit !== principal.unitId || principal.role !== 'leader')
      throw new MotcuaError('auth.forbidden', `only the leader of ${d.currentUnit}, which holds the dossier, may issue form 04 (the head of the unit signs the apology); you are ${principal.role} of ${principal.unitId}`, { currentUnit: d.currentUnit });
    const now = ctx.now();
    const procedure = await ctx.procedures.get(d.procedureCode, d.procedureVersion, trx);
    const { processingTime, extensionLimit } = procedure.source;
    const { newDueAt } = planExtension(d, command.newDueDate, { now, calendar: ctx.calendar, processingTime, extensionLimit });
    const next = { ...d, dueAt: newDueAt, extendedAt: now, updatedAt: now, version: d.version + 1 };
    const base = { dossierId: d.id, actorId: principal.userId, actorRole: principal.role, unitId: principal.unitId, at: now, fromState: d.state, toState: d.state, statusCode: d.statusCode };
    const from = d.dueAt!.toISOString();
    const to = newDueAt.toISOString();
    const written = await recordDossierEvents(
      trx,
      next,
      [
        { ...base, type: 'EXTENSION_ISSUED', comment: command.reason, payload: { form: '04', reason: command.reason, from, to } },
        { ...base, type: 'DUE_DATE_CHANGED', comment: null, payload: { from, to, reason: 'extension' } },
      ],
      [
        {
          topic: 'notify',
          payload: applicantNotice(d, d.statusCode, {
            vi: `Xin lỗi ông/bà vì hồ sơ chậm so với hẹn (${command.reason}); ngày hẹn trả kết quả mới: ${command.newDueDate}`,
            en: `We apologise: your dossier is late (${command.reason}); the new date for your result is ${command.newDueDate}`,
          }),
        },
        { topic: 'deadline', payload: { kind: 'statutory', dueAt: to } },
        { topic: 'deadline-cancel', payload: { kind: 'statutory', dueAt: from } },
      ],
      now,
      d.version,
    );
    return toDossierView(written, procedure, principal, now, ctx.calendar);
  });
  ctx.outboxWritten();
  return view;
}
