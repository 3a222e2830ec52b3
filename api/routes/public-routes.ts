// Citizens' tracking, without an account: the receipt code and the last four
// digits of the applicant's phone.
//   GET  /v1/public/dossiers/:receiptCode?check=NNNN            status, public steps, appointment date
//   POST /v1/public/dossiers/:receiptCode/rating?check=NNNN     {score: 1..5, comment?} once, after the result is returned
// A miss answers the same bytes whatever the code (the problem's `instance` is
// the route, not the URL), so the answer tells nothing about which codes exist.
import { Router, type Request, type Response } from 'express';
import { isMotcuaError, MotcuaError } from '../../engine/motcua-error.ts';
import type { ServiceContext } from '../../engine/service/service-context.ts';
import { rateDossier } from '../../engine/service/tracking/rate-dossier.ts';
import { trackDossier } from '../../engine/service/tracking/track-dossier.ts';
import type { TrackingKey } from '../../engine/service/tracking/find-tracked-dossier.ts';
import { ref } from '../openapi/component-schemas.ts';
import type { OperationSpec } from '../openapi/operation-spec.ts';
import { sendProblem } from '../send-problem.ts';
import { bodyValidator } from '../validate-body.ts';

const ratingBody = {
  type: 'object',
  additionalProperties: false,
  required: ['score'],
  properties: { score: { type: 'integer', minimum: 1, maximum: 5 }, comment: { type: 'string', maxLength: 2000 } },
};
const parseRating = bodyValidator<{ score: number; comment?: string }>(ratingBody);

const receiptCode = { receiptCode: { description: 'The receipt code on the receipt slip (form 01), e.g. HOP-THINH-260302-0001' } };
const check = { check: { description: "The last four digits of the phone number given at reception (400 if not four digits)", required: true, schema: { type: 'string', pattern: '^[0-9]{4}$' } } };
const guessing =
  'An unknown receipt code and wrong check digits answer the same 404, byte for byte. Misses are limited per receipt code and per client address: 429 with Retry-After.';
export const publicOperations: OperationSpec[] = [
  { method: 'get', path: '/v1/public/dossiers/:receiptCode', operationId: 'trackDossier', tag: 'tracking', auth: 'none', summary: "A citizen follows their dossier: status, public steps, appointment date — no personal data", description: guessing, params: receiptCode, query: check, responses: { 200: { description: 'The citizen view', schema: ref('Tracking'), headers: { 'Cache-Control': { description: 'no-store' } } } }, errors: [400, 404, 429] },
  {
    method: 'post', path: '/v1/public/dossiers/:receiptCode/rating', operationId: 'rateDossier', tag: 'tracking', auth: 'none', summary: 'A citizen rates the handling, once, after the result is returned (status 10)', description: guessing, params: receiptCode, query: check,
    body: { schema: ratingBody }, responses: { 201: { description: 'Rated', schema: ref('Rating') } }, errors: [400, 404, 409, 429],
  },
];

function trackingKey(req: Request): TrackingKey {
  const check = req.query.check;
  if (typeof check !== 'string' || !/^\d{4}$/.test(check)) throw new MotcuaError('request.invalid', 'check must be the last four digits of the phone number given at reception, e.g. ?check=5678');
  return { receiptCode: String(req.params.receiptCode).slice(0, 64), check, clientAddress: req.ip ?? 'unknown' };
}

/** Misses and refusals answered with one body for every receipt code. */
async function answer(req: Request, res: Response, route: string, body: () => Promise<{ status: number; json: unknown }>): Promise<void> {
  res.set('Cache-Control', 'no-store');
  try {
    const { status, json } = await body();
    res.status(status).json(json);
  } catch (error) {
    if (isMotcuaError(error) && (error.code === 'tracking.not-found' || error.code === 'rate.limited')) return sendProblem(res, error, route);
    throw error;
  }
}

export function publicRoutes(ctx: ServiceContext): Router {
  const router = Router();
  router.get('/v1/public/dossiers/:receiptCode', (req, res) =>
    answer(req, res, '/v1/public/dossiers/{receiptCode}', async () => ({ status: 200, json: await trackDossier(ctx, trackingKey(req)) })),
  );
  router.post('/v1/public/dossiers/:receiptCode/rating', (req, res) =>
    answer(req, res, '/v1/public/dossiers/{receiptCode}/rating', async () => {
      const key = trackingKey(req);
      return { status: 201, json: await rateDossier(ctx, key, parseRating(req.body)) };
    }),
  );
  return router;
}
