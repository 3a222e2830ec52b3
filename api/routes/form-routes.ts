// Printable forms of a dossier (01 receipt, 02 supplement request, 03 refusal,
// 04 apology and new date, 05 stop notice): which were issued, and one as PDF
// (default) or as an HTML print view (Accept: text/html or ?format=html).
import { Router, type Request } from 'express';
import { fileURLToPath } from 'node:url';
import { notFound } from '../../engine/service/advance-dossier.ts';
import { listDossierForms, readDossierForm } from '../../engine/service/forms/read-dossier-forms.ts';
import { formStylesheetPath, renderFormHtml } from '../../engine/service/forms/render-form-html.ts';
import { renderFormPdf } from '../../engine/service/forms/render-form-pdf.ts';
import type { ServiceContext } from '../../engine/service/service-context.ts';
import { readEnumParameter } from '../input/read-parameters.ts';
import { principalOf } from '../require-principal.ts';
import { isUuid } from '../../engine/service/is-uuid.ts';
import { printableForms } from '../../engine/forms/form-model.ts';
import { ref } from '../openapi/component-schemas.ts';
import type { OperationSpec } from '../openapi/operation-spec.ts';

const stylesheet = fileURLToPath(new URL('../print/form-print.css', import.meta.url));

function dossierId(req: Request): string {
  const id = String(req.params.id);
  if (!isUuid(id)) throw notFound(id);
  return id;
}

const id = { id: { description: 'The dossier id (a UUID).' } };
export const formOperations: OperationSpec[] = [
  { method: 'get', path: '/v1/dossiers/:id/forms', operationId: 'listDossierForms', tag: 'forms', auth: 'bearer', summary: "The forms the dossier's events issued (01 receipt, 02 supplement request, 03 refusal, 04 apology and new date, 05 stop notice)", params: id, responses: { 200: { description: 'Issued forms, each with the event that issued it', schema: ref('IssuedForms') } }, errors: [404] },
  {
    method: 'get', path: '/v1/dossiers/:id/forms/:form', operationId: 'getDossierForm', tag: 'forms', auth: 'bearer', summary: 'One issued form: an A4 PDF (default), or an HTML print view (Accept: text/html or ?format=html)',
    params: { ...id, form: { description: 'The form number (Circular 01/2018/TT-VPCP as amended by Circular 03/2025/TT-VPCP); 404 if unknown or not issued', schema: { type: 'string', enum: [...printableForms] } } },
    query: { format: { description: 'pdf or html; without it, Accept decides (PDF unless text/html is preferred)', schema: { type: 'string', enum: ['pdf', 'html'] } } },
    responses: { 200: { description: 'The form', contentType: 'application/pdf', schema: { type: 'string', contentEncoding: 'binary' }, alternatives: { 'text/html': { type: 'string' } }, headers: { 'Content-Disposition': { description: 'inline; filename="mau-<form>-<receiptCode>.pdf", for the PDF' } } } },
    errors: [400, 404],
  },
];

/** HTML when asked for by ?format= or preferred by Accept; PDF otherwise, also for any type or no Accept at all. */
function wantsHtml(req: Request): boolean {
  if (req.query.format !== undefined) return readEnumParameter(req.query.format, 'format', ['pdf', 'html'] as const) === 'html';
  return req.accepts(['application/pdf', 'text/html']) === 'text/html';
}

/** The print view's stylesheet: public, so a printed page opened outside the console still looks right. */
export function formStylesheetRoutes(): Router {
  const router = Router();
  router.get(formStylesheetPath, (_req, res) => {
    res.type('text/css').sendFile(stylesheet, { maxAge: '5m' });
  });
  return router;
}

export function formRoutes(ctx: ServiceContext): Router {
  const router = Router();
  router.get('/v1/dossiers/:id/forms', async (req, res) => {
    res.json(await listDossierForms(ctx, principalOf(res), dossierId(req)));
  });
  router.get('/v1/dossiers/:id/forms/:form', async (req, res) => {
    const html = wantsHtml(req);
    const model = await readDossierForm(ctx, principalOf(res), dossierId(req), String(req.params.form));
    res.vary('Accept');
    if (html) {
      res.type('text/html; charset=utf-8').send(await renderFormHtml(model));
      return;
    }
    res.type('application/pdf');
    res.set('Content-Disposition', `inline; filename="mau-${model.form}-${model.receiptCode}.pdf"`);
    res.send(await renderFormPdf(model));
  });
  return router;
}
