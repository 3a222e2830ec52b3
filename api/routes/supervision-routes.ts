// Supervision, for supervisors and admin (everyone else 403):
//   GET /v1/supervision/overdue     open dossiers past their due date, most late first (?unit=&procedure=&state=&level=&cursor=&limit=)
//   GET /v1/supervision/at-risk     open dossiers due within one working day
//   GET /v1/supervision/counts      overdue and at-risk counts per holding unit
//   GET /v1/supervision/stats       ?from=&to=&groupBy=unit|procedure|month|state and the same filters
//   GET /v1/supervision/reports     stored daily and monthly reports (?kind=&limit=); /:id one report
//   GET /v1/supervision/board       the board's page in one answer: counts, both lists, statistics by procedure with monthly series, catalogue
// Lists, statistics and reports answer JSON, CSV (Accept: text/csv) or XLSX.
import { readIntegerParameter } from '../input/read-parameters.ts';
import { Router } from 'express';
import { getSupervisionReport, listSupervisionReports } from '../../engine/service/supervision/list-reports.ts';
import { readBoard } from '../../engine/service/supervision/read-board.ts';
import { readStatistics } from '../../engine/service/supervision/read-statistics.ts';
import { readWatchCounts, readWatchList } from '../../engine/service/supervision/read-watch-list.ts';
import { tabulateWatchList } from '../../engine/service/supervision/tabulate-watch-list.ts';
import type { ServiceContext } from '../../engine/service/service-context.ts';
import { tabulateStatistics } from '../../engine/supervision/tabulate-statistics.ts';
import { principalOf } from '../require-principal.ts';
import { sendTable } from '../send-table.ts';
import { list, ref } from '../openapi/component-schemas.ts';
import type { OperationSpec } from '../openapi/operation-spec.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const filters = {
  unit: { description: 'Only dossiers this unit, or a unit under it, received, holds or is competent for (403 outside your remit, 404 unknown)' },
  procedure: { description: 'Only this procedure code, e.g. 1.001612', schema: { type: 'string', maxLength: 200 } },
  state: { description: 'Only dossiers in this state, e.g. appraisal', schema: { type: 'string', maxLength: 200 } },
  level: { description: 'Only units of this level', schema: { type: 'string', enum: ['province', 'department', 'commune'] } },
};
const format = { format: { description: 'csv or xlsx: a download instead of JSON (400 for any other value); without it, Accept decides (text/csv, the XLSX media type)', schema: { type: 'string', enum: ['json', 'csv', 'xlsx'] } } };
const download = { 'Content-Disposition': { description: 'attachment; filename=<name>.csv|xlsx, for CSV and XLSX' } };
const table = { 'text/csv': { type: 'string', description: 'UTF-8, one row per item, Vietnamese headers' }, [XLSX]: { type: 'string', contentEncoding: 'binary' } };
const watchList = (kind: 'overdue' | 'at-risk'): OperationSpec => ({
  method: 'get', path: `/v1/supervision/${kind}`, operationId: kind === 'overdue' ? 'listOverdueDossiers' : 'listAtRiskDossiers', tag: 'supervision', auth: 'bearer',
  summary: kind === 'overdue' ? 'Open dossiers past their due date, most late first' : 'Open dossiers due within one working day, most urgent first',
  query: { ...filters, cursor: { description: 'nextCursor of the previous page, unchanged' }, limit: { description: 'At most this many (1–500, default 50)', schema: { type: 'integer', minimum: 1, maximum: 500 } }, ...format },
  responses: { 200: { description: 'One page', schema: ref('WatchList'), alternatives: table, headers: download } }, errors: [400, 403, 404],
});
export const supervisionOperations: OperationSpec[] = [
  watchList('overdue'),
  watchList('at-risk'),
  { method: 'get', path: '/v1/supervision/counts', operationId: 'countWatchedDossiers', tag: 'supervision', auth: 'bearer', summary: 'Overdue and at-risk counts per holding unit', query: filters, responses: { 200: { description: 'Counts', schema: ref('WatchCounts') } }, errors: [400, 403, 404] },
  {
    method: 'get', path: '/v1/supervision/stats', operationId: 'readStatistics', tag: 'supervision', auth: 'bearer', summary: 'Statistics and the Decision 766 indicators of a period (at most 400 days)',
    query: {
      from: { description: 'First local day, YYYY-MM-DD', required: true, schema: { type: 'string', format: 'date' } },
      to: { description: 'Day after the last, YYYY-MM-DD (exclusive)', required: true, schema: { type: 'string', format: 'date' } },
      groupBy: { description: 'Figures per group besides the totals', schema: { type: 'string', enum: ['unit', 'procedure', 'month', 'state'] } },
      ...filters,
      ...format,
    },
    responses: { 200: { description: 'The figures', schema: ref('Statistics'), alternatives: table, headers: download } }, errors: [400, 403, 404],
  },
  {
    method: 'get', path: '/v1/supervision/board', operationId: 'readSupervisionBoard', tag: 'supervision', auth: 'bearer', summary: "The supervisor board's data in one answer",
    description:
      'Each part is exactly what its own endpoint answers for the same filters, under the same rule: `counts` (GET /v1/supervision/counts), `overdue` and `atRisk` (the first page of GET /v1/supervision/overdue and /at-risk), `statistics` (GET /v1/supervision/stats?groupBy=procedure), `monthlyByProcedure` (for each of its groups, in order, the `groups` of GET /v1/supervision/stats?procedure=<key>&groupBy=month), `procedures` (GET /v1/procedures).',
    query: {
      ...filters,
      from: { description: 'First local day, YYYY-MM-DD (default: the first of the month five months before now\'s)', schema: { type: 'string', format: 'date' } },
      to: { description: "Day after the last, YYYY-MM-DD, exclusive (default: the first of next month); at most 400 days after from", schema: { type: 'string', format: 'date' } },
      limit: { description: 'At most this many dossiers in each of overdue and atRisk (1–500, default 50)', schema: { type: 'integer', minimum: 1, maximum: 500 } },
    },
    responses: { 200: { description: 'The board', schema: ref('SupervisionBoard') } }, errors: [400, 403, 404],
  },
  {
    method: 'get', path: '/v1/supervision/reports', operationId: 'listSupervisionReports', tag: 'supervision', auth: 'bearer', summary: 'Stored daily and monthly reports of your remit, newest first',
    query: { kind: { description: 'Only this kind', schema: { type: 'string', enum: ['daily', 'monthly'] } }, limit: { description: 'At most this many (1–1000, default 100)', schema: { type: 'integer', minimum: 1, maximum: 1000 } } },
    responses: { 200: { description: 'Reports, without their figures', schema: list(ref('ReportSummary')) } }, errors: [400, 403],
  },
  {
    method: 'get', path: '/v1/supervision/reports/:id', operationId: 'getSupervisionReport', tag: 'supervision', auth: 'bearer', summary: 'One stored report with its figures', params: { id: { description: 'The report id', schema: { type: 'integer', minimum: 1 } } }, query: format,
    responses: { 200: { description: 'The report', schema: ref('Report'), alternatives: table, headers: download } }, errors: [400, 403, 404],
  },
];

export function supervisionRoutes(ctx: ServiceContext): Router {
  const router = Router();
  for (const kind of ['overdue', 'at-risk'] as const)
    router.get(`/v1/supervision/${kind}`, async (req, res) => {
      const page = await readWatchList(ctx, principalOf(res), kind, req.query);
      await sendTable(req, res, kind, page, () => tabulateWatchList(page.items));
    });
  router.get('/v1/supervision/counts', async (req, res) => {
    res.json(await readWatchCounts(ctx, principalOf(res), req.query));
  });
  router.get('/v1/supervision/stats', async (req, res) => {
    const stats = await readStatistics(ctx, principalOf(res), req.query);
    await sendTable(req, res, `stats-${stats.from}-${stats.to}`, stats, () => tabulateStatistics(stats));
  });
  router.get('/v1/supervision/board', async (req, res) => {
    res.json(await readBoard(ctx, principalOf(res), req.query));
  });
  router.get('/v1/supervision/reports', async (req, res) => {
    res.json({ items: await listSupervisionReports(ctx, principalOf(res), req.query) });
  });
  router.get('/v1/supervision/reports/:id', async (req, res) => {
    const report = await getSupervisionReport(ctx, principalOf(res), readIntegerParameter(req.params.id, 'id', { min: 1 }));
    await sendTable(req, res, `report-${report.unit}-${report.kind}-${report.periodStart}`, report, () => tabulateStatistics(report.figures));
  });
  return router;
}
