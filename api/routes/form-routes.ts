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

const stylesheet = fileURLToPath(new URL('../print/form-print.css', import.meta.url));
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function dossierId(req: Request): string {
  const id = String(req.params.id);
  if (!uuid.test(id)) throw notFound(id);
  return id;
}

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
