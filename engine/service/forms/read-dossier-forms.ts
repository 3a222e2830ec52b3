// The forms a dossier's events have issued, and the content of one of them,
// under the dossier's own read rule (a dossier the caller may not read is "not
// found"). Gathers the facts; the content itself is engine/forms/ (pure).
import { buildFormModel, titleOfForm } from '../../forms/build-form-model.ts';
import { findIssuedForms, type IssuedForm } from '../../forms/find-issued-forms.ts';
import { printableForms, type FormCode, type FormModel, type UnitNames } from '../../forms/form-model.ts';
import { MotcuaError } from '../../motcua-error.ts';
import { findDossier } from '../../store/dossier-store.ts';
import { listEvents } from '../../store/event-store.ts';
import { findDisplayName } from '../../store/find-display-name.ts';
import type { DossierEventRecord, DossierRecord } from '../../store/records.ts';
import { notFound } from '../advance-dossier.ts';
import { canReadDossier, type Principal } from '../principal.ts';
import type { ServiceContext } from '../service-context.ts';

export interface IssuedFormView {
  form: FormCode;
  title: string;
  /** The event that issued it (its latest issue) and when. */
  event: string;
  seq: number;
  issuedAt: string;
  href: string;
}

export async function listDossierForms(ctx: ServiceContext, principal: Principal, dossierId: string): Promise<{ dossierId: string; receiptCode: string; items: IssuedFormView[] }> {
  const { dossier, issued } = await readIssued(ctx, principal, dossierId);
  return {
    dossierId,
    receiptCode: dossier.receiptCode,
    items: issued.map((i) => ({ form: i.form, title: titleOfForm(i.form), event: i.event.type, seq: i.event.seq, issuedAt: i.event.at.toISOString(), href: `/v1/dossiers/${dossierId}/forms/${i.form}` })),
  };
}

/**
 * @throws MotcuaError `dossier.not-found` (absent or not readable), `form.unknown`
 *   (not a printable form code), `form.not-issued` (no event of this dossier issued it).
 */
export async function readDossierForm(ctx: ServiceContext, principal: Principal, dossierId: string, form: string): Promise<FormModel> {
  if (!(printableForms as readonly string[]).includes(form))
    throw new MotcuaError('form.unknown', `'${form}' is not a printable form; motcua prints forms ${printableForms.join(', ')} (Circular 01/2018/TT-VPCP as amended by Circular 03/2025/TT-VPCP)`, { form, accepted: [...printableForms] });
  const { dossier, issued } = await readIssued(ctx, principal, dossierId);
  const issue = issued.find((i) => i.form === form);
  if (!issue) {
    const have = issued.map((i) => i.form);
    throw new MotcuaError('form.not-issued', `form ${form} was not issued for dossier ${dossier.receiptCode}; ${have.length ? `its events issued forms ${have.join(', ')}` : 'its events issued no form yet'} (GET /v1/dossiers/${dossierId}/forms lists them)`, { form, issued: have });
  }
  const procedure = await ctx.procedures.get(dossier.procedureCode, dossier.procedureVersion);
  const issuingUnit = issue.event.unitId ?? dossier.receivingUnit;
  return buildFormModel({
    form: issue.form,
    event: issue.event,
    officerName: issue.event.actorId ? await findDisplayName(ctx.db, issue.event.actorId) : null,
    dueAt: issue.dueAt,
    dossier: { receiptCode: dossier.receiptCode, receivedAt: dossier.receivedAt, applicant: dossier.applicant as FormApplicant },
    procedure: { code: procedure.code, name: procedure.source.name, documents: procedure.source.documents ?? [], processingTime: procedure.source.processingTime },
    units: { issuing: await namesOf(ctx, issuingUnit), receiving: await namesOf(ctx, dossier.receivingUnit), returning: await namesOf(ctx, dossier.returnUnit ?? dossier.receivingUnit) },
    offsetMs: ctx.calendar.offsetMs,
  });
}

type FormApplicant = { fullName: string; idNumber?: string; phone?: string; email?: string };

async function readIssued(ctx: ServiceContext, principal: Principal, dossierId: string): Promise<{ dossier: DossierRecord; issued: Array<IssuedForm<DossierEventRecord>> }> {
  const dossier = await findDossier(ctx.db, dossierId);
  if (!dossier || !canReadDossier(principal, dossier)) throw notFound(dossierId);
  const events = await listEvents(ctx.db, dossierId);
  return { dossier, issued: findIssuedForms(events) };
}

async function namesOf(ctx: ServiceContext, unitId: string): Promise<UnitNames> {
  const unit = await ctx.units.get(unitId);
  const parent = unit.parentId ? await ctx.units.get(unit.parentId) : null;
  // The province's name carries its service center after a dash; the header names the authority only.
  return { name: unit.nameVi, parentName: parent ? parent.nameVi.split(' — ')[0]! : null };
}
