// Event data that names documents of the procedure: `missingDocuments` (what a
// supplement request, form 02, asks the applicant for) and `receivedDocuments`
// (what the desk received, listed on the receipt, form 01). Either is optional;
// when sent it must be a non-empty list of distinct document ids of the
// dossier's procedure version, so the printed form never names a document the
// procedure does not have. A document is not both missing and received. On an
// event that issues the receipt (form 01) the received list holds every required
// document: a dossier is accepted only when complete (Decree 61/2018 art. 15.1.b),
// and the slip the applicant keeps must not say otherwise. Pure.
import type { DocumentRequirement } from '../definition/procedure-definition.ts';
import { MotcuaError } from '../motcua-error.ts';

export const documentListFields = ['missingDocuments', 'receivedDocuments'] as const;

/**
 * `issuesReceipt`: the transition taken issues form 01.
 * @throws MotcuaError `transition.input-invalid` naming the field, the bad value and the accepted ids, or the
 * required documents a receipt's list leaves out.
 */
export function checkDocumentLists(eventType: string, input: Record<string, unknown>, documents: readonly DocumentRequirement[], issuesReceipt = false): void {
  const ids = documents.map((d) => d.id);
  for (const field of documentListFields) {
    const value = input[field];
    if (value === undefined) continue;
    const fix = `send a list of document ids of this procedure, e.g. {"type":"${eventType}","data":{"${field}":["${ids[0] ?? 'declaration'}"]}}; accepted: ${ids.join(', ') || 'none (the procedure lists no documents)'}`;
    if (!Array.isArray(value) || value.length === 0)
      throw new MotcuaError('transition.input-invalid', `data.${field} must be a non-empty list of document ids; ${fix}`, { event: eventType, field, accepted: ids });
    const seen = new Set<string>();
    value.forEach((id, i) => {
      if (typeof id !== 'string' || !ids.includes(id))
        throw new MotcuaError('transition.input-invalid', `data.${field}[${i}] ${JSON.stringify(id)} is not a document of this procedure; ${fix}`, { event: eventType, field, value: id, accepted: ids });
      if (seen.has(id)) throw new MotcuaError('transition.input-invalid', `data.${field}[${i}] repeats document '${id}'; name each document once`, { event: eventType, field, value: id });
      seen.add(id);
    });
  }
  const received = input.receivedDocuments as string[] | undefined;
  const missing = input.missingDocuments as string[] | undefined;
  const both = received?.find((id) => missing?.includes(id));
  if (both) throw new MotcuaError('transition.input-invalid', `document '${both}' is in both data.missingDocuments and data.receivedDocuments; a document is either received or missing`, { event: eventType, field: 'receivedDocuments', value: both });
  if (issuesReceipt && received) {
    const left = documents.filter((d) => d.required !== false && !received.includes(d.id)).map((d) => d.id);
    if (left.length)
      throw new MotcuaError('transition.input-invalid', `${eventType} issues the receipt (form 01), which lists the documents received, and a dossier is accepted only when complete; data.receivedDocuments leaves out the required ${left.join(', ')}: add ${left.length > 1 ? 'them' : 'it'}, or ask for a supplement (form 02) instead`, { event: eventType, field: 'receivedDocuments', missing: left });
  }
}
