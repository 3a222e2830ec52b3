// Supervision, for supervisors and admin (everyone else 403):
//   GET /v1/supervision/overdue     open dossiers past their due date, most late first (?unit=&procedure=&state=&level=&cursor=&limit=)
//   GET /v1/supervision/at-risk     open dossiers due within one working day
//   GET /v1/supervision/counts      overdue and at-risk counts per holding unit
//   GET /v1/supervision/stats       ?from=&to=&groupBy=unit|procedure|month|state and the same filters
//   GET /v1/supervision/reports     stored daily and monthly reports (?kind=&limit=); /:id one report
// Lists, statistics and reports answer JSON, CSV (Accept: text/csv) or XLSX.
import { Router } from 'express';
import { getSupervisionReport, listSupervisionReports } from '../../engine/service/supervision/list-reports.ts';
import { readStatistics } from '../../engine/service/supervision/read-statistics.ts';
import { readWatchCounts, readWatchList } from '../../engine/service/supervision/read-watch-list.ts';
import { tabulateWatchList } from '../../engine/service/supervision/tabulate-watch-list.ts';
import type { ServiceContext } from '../../engine/service/service-context.ts';
import { tabulateStatistics } from '../../engine/supervision/tabulate-statistics.ts';
import { principalOf } from '../require-principal.ts';
import { sendTable } from '../send-table.ts';

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
  router.get('/v1/supervision/reports', async (req, res) => {
    res.json({ items: await listSupervisionReports(ctx, principalOf(res), req.query) });
  });
  router.get('/v1/supervision/reports/:id', async (req, res) => {
    const report = await getSupervisionReport(ctx, principalOf(res), Number(req.params.id));
    await sendTable(req, res, `report-${report.unit}-${report.kind}-${report.periodStart}`, report, () => tabulateStatistics(report.figures));
  });
  return router;
}
