// Policy authors: drafts (YAML body), publishing, versions, and explicit
// migration of in-flight dossiers between versions.
import { Router } from 'express';
import { listProcedureVersions, publishProcedure, saveProcedureDraft } from '../../engine/service/author-procedures.ts';
import { migrateDossiers, type MigrationCommand } from '../../engine/service/migrate-dossiers.ts';
import { runVersionScenarios } from '../../engine/service/run-version-scenarios.ts';
import type { ServiceContext } from '../../engine/service/service-context.ts';
import { MotcuaError } from '../../engine/motcua-error.ts';
import type { ProcedureVersionRecord } from '../../engine/store/records.ts';
import { principalOf } from '../require-principal.ts';
import { bodyValidator } from '../validate-body.ts';
import { readIntegerParameter } from '../input/read-parameters.ts';
import { readTextBody } from '../input/read-text-body.ts';

const yamlTypes = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/plain'];

const parseMigration = bodyValidator<MigrationCommand>({
  type: 'object',
  additionalProperties: false,
  required: ['fromVersion', 'toVersion', 'dryRun'],
  properties: {
    fromVersion: { type: 'integer', minimum: 1 },
    toVersion: { type: 'integer', minimum: 1 },
    stateMap: { type: 'object', additionalProperties: { type: 'string' } },
    dryRun: { type: 'boolean' },
  },
});

function versionOf(raw: string): number {
  return readIntegerParameter(raw, 'version', { min: 1 });
}

function describe(v: ProcedureVersionRecord) {
  return { code: v.code, version: v.version, status: v.status, checksum: v.checksum, sourceFile: v.sourceFile, createdAt: v.createdAt.toISOString(), publishedAt: v.publishedAt?.toISOString() ?? null };
}

export function authoringRoutes(ctx: ServiceContext): Router {
  const router = Router();
  router.post('/v1/procedures', async (req, res) => {
    const yaml = await readTextBody(req, yamlTypes);
    if (yaml === null || yaml.trim() === '')
      throw new MotcuaError('request.invalid', 'send the procedure as YAML text with Content-Type: application/yaml');
    const fileName = typeof req.query.file === 'string' && /^[\w./-]{1,200}$/.test(req.query.file) ? req.query.file : 'draft.yaml';
    const draft = await saveProcedureDraft(ctx, principalOf(res), yaml, fileName);
    res.status(201).location(`/v1/procedures/${encodeURIComponent(draft.code)}/versions/${draft.version}`).json(describe(draft));
  });
  router.get('/v1/procedures/:code/versions', async (req, res) => {
    res.json({ items: (await listProcedureVersions(ctx, req.params.code)).map(describe) });
  });
  router.get('/v1/procedures/:code/versions/:version', async (req, res) => {
    const version = versionOf(req.params.version);
    const procedure = await ctx.procedures.get(req.params.code, version);
    const record = (await listProcedureVersions(ctx, req.params.code)).find((v) => v.version === version)!;
    res.json({ ...describe(record), name: procedure.source.name, dataSchema: procedure.source.data, documents: procedure.source.documents ?? [], roles: procedure.source.roles, processingTime: procedure.source.processingTime, source: record.sourceYaml });
  });
  router.post('/v1/procedures/:code/versions/:version/publish', async (req, res) => {
    res.json(describe(await publishProcedure(ctx, principalOf(res), req.params.code, versionOf(req.params.version))));
  });
  // Scenario tests (YAML body, the *.scenarios.yaml format) run against a stored version; nothing is written.
  router.post('/v1/procedures/:code/versions/:version/scenarios', async (req, res) => {
    const yaml = await readTextBody(req, yamlTypes);
    if (yaml === null || yaml.trim() === '') throw new MotcuaError('request.invalid', 'send the scenarios as YAML text with Content-Type: application/yaml');
    res.json(await runVersionScenarios(ctx, principalOf(res), req.params.code, versionOf(req.params.version), yaml));
  });
  router.post('/v1/procedures/:code/migrations', async (req, res) => {
    res.json(await migrateDossiers(ctx, principalOf(res), req.params.code, parseMigration(req.body)));
  });
  return router;
}
