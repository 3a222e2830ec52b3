// Digitized documents of a dossier:
//   POST /v1/dossiers/:id/attachments?documentId=…&fileName=…   raw body, Content-Type application/pdf | image/jpeg | image/png
//   GET  /v1/dossiers/:id/attachments                           list, and which documents are present and digitized
//   GET  /v1/dossiers/:id/attachments/:attachmentId             the file, checked against its SHA-256 before it is sent
// The body is the file itself (no multipart): the route streams it to the
// service, which stores it without holding it in memory.
import { Router, type Request } from 'express';
import { pipeline } from 'node:stream/promises';
import { notFound } from '../../engine/service/advance-dossier.ts';
import { attachDocument } from '../../engine/service/attachments/attach-document.ts';
import { getAttachments } from '../../engine/service/attachments/get-attachments.ts';
import { openAttachment } from '../../engine/service/attachments/open-attachment.ts';
import type { ServiceContext } from '../../engine/service/service-context.ts';
import { isMotcuaError } from '../../engine/motcua-error.ts';
import { ref } from '../openapi/component-schemas.ts';
import type { OperationSpec } from '../openapi/operation-spec.ts';
import { principalOf } from '../require-principal.ts';
import { isUuid } from '../../engine/service/is-uuid.ts';

const ids = { id: { description: 'The dossier id (a UUID).' }, attachmentId: { description: 'The attachment id' } };
const mediaTypes = ['application/pdf', 'image/jpeg', 'image/png'];
export const attachmentOperations: OperationSpec[] = [
  {
    method: 'post', path: '/v1/dossiers/:id/attachments', operationId: 'attachDocument', tag: 'attachments', auth: 'bearer', summary: 'Attach a scanned component or the result (raw file body)',
    params: ids,
    query: { documentId: { description: "A document id of the procedure, or 'result'", required: true }, fileName: { description: 'Shown on download (default <documentId>.<ext>)' } },
    body: { contentType: mediaTypes, schema: { type: 'string', contentEncoding: 'binary' }, description: 'The file; its type is checked from the content' },
    responses: { 200: { description: 'The same file was already attached', schema: ref('Attachment') }, 201: { description: 'Attached', schema: ref('Attachment'), headers: { Location: { description: 'The file' } } } },
    errors: [400, 403, 404, 409, 413, 415, 422],
  },
  { method: 'get', path: '/v1/dossiers/:id/attachments', operationId: 'listAttachments', tag: 'attachments', auth: 'bearer', summary: 'The documents checklist and the attached files', params: ids, responses: { 200: { description: 'Attachments', schema: ref('Attachments') } }, errors: [404] },
  {
    method: 'get', path: '/v1/dossiers/:id/attachments/:attachmentId', operationId: 'getAttachment', tag: 'attachments', auth: 'bearer', summary: 'One file, its SHA-256 verified on read', params: ids,
    responses: { 200: { description: 'The file', contentType: mediaTypes, schema: { type: 'string', contentEncoding: 'binary' }, headers: { 'Repr-Digest': { description: 'sha-256 of the file (RFC 9530)' } } } }, errors: [404],
  },
];

function dossierId(req: Request): string {
  const id = String(req.params.id);
  // Not a UUID cannot name a dossier: answer 404 without asking the database.
  if (!isUuid(id)) throw notFound(id);
  return id;
}

function declaredLength(req: Request): number | null {
  const raw = req.get('content-length');
  const length = raw === undefined ? NaN : Number(raw);
  return Number.isSafeInteger(length) && length >= 0 ? length : null;
}

export function attachmentRoutes(ctx: ServiceContext): Router {
  const router = Router();

  router.post('/v1/dossiers/:id/attachments', async (req, res) => {
    const result = await attachDocument(ctx, principalOf(res), dossierId(req), {
      documentId: req.query.documentId,
      fileName: req.query.fileName,
      contentType: req.get('content-type'),
      contentLength: declaredLength(req),
      content: req,
    });
    res.location(result.body.href);
    res.status(result.status).json(result.body);
  });

  router.get('/v1/dossiers/:id/attachments', async (req, res) => {
    res.json(await getAttachments(ctx, principalOf(res), dossierId(req)));
  });

  router.get('/v1/dossiers/:id/attachments/:attachmentId', async (req, res) => {
    let opened;
    try {
      opened = await openAttachment(ctx, principalOf(res), dossierId(req), String(req.params.attachmentId));
    } catch (error) {
      // Damaged storage needs an operator, not only an answer to the client.
      if (isMotcuaError(error) && error.code === 'attachment.corrupt') req.log.error({ err: error, ...error.details, store: ctx.attachments.blobs.location }, 'attachment failed its integrity check');
      throw error;
    }
    const { attachment, stream } = opened;
    res.attachment(attachment.fileName);
    res.set({
      'Content-Type': attachment.mediaType,
      'Content-Length': String(attachment.size),
      // RFC 9530: the client can check what it received against the hash the audit trail records.
      'Repr-Digest': `sha-256=:${Buffer.from(attachment.sha256, 'hex').toString('base64')}:`,
      'X-Content-Type-Options': 'nosniff',
      // Personal documents, often opened on shared counter computers: no cache keeps a copy.
      'Cache-Control': 'private, no-store',
    });
    try {
      await pipeline(stream, res);
    } catch (error) {
      // The status line is out: the connection is cut (pipeline destroyed it), so a
      // client never takes a shortened or changed file for the whole one.
      req.log.warn({ err: error, attachmentId: attachment.id }, 'attachment download ended early');
    }
  });

  return router;
}
