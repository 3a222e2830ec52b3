// Policy authors: drafts (YAML body), publishing, versions, and explicit
// migration of in-flight dossiers between versions.
import express, { Router } from 'express';
import { listProcedureVersions, publishProcedure, saveProcedureDraft } from '../../engine/service/author-procedures.ts';
import { approveMigration } from '../../engine/service/approve-migration.ts';
import { migrateDossiers, type MigrationCommand } from '../../engine/service/migrate-dossiers.ts';
import { readMigration } from '../../engine/service/read-procedure-migration.ts';
import type { ServiceContext } from '../../engine/service/service-context.ts';
import { MotcuaError } from '../../engine/motcua-error.ts';
import type { ProcedureVersionRecord } from '../../engine/store/records.ts';
import { principalOf } from '../require-principal.ts';
import { bodyValidator } from '../validate-body.ts';

const yamlBody = express.text({ type: ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/plain'], limit: '1mb' });

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
  const version = Number(raw);
  if (!Number.isInteger(version) || version < 1) throw new MotcuaError('request.invalid', `version '${raw}' is not a whole number ≥ 1`);
  return version;
}

function migrationIdOf(raw: string): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id < 1) throw new MotcuaError('request.invalid', `migration id '${raw}' is not a whole number ≥ 1`);
  return id;
}

function describe(v: ProcedureVersionRecord) {
  return { code: v.code, version: v.version, status: v.status, checksum: v.checksum, sourceFile: v.sourceFile, createdAt: v.createdAt.toISOString(), publishedAt: v.publishedAt?.toISOString() ?? null };
}

export function authoringRoutes(ctx: ServiceContext): Router {
  const router = Router();
  router.post('/v1/procedures', yamlBody, async (req, res) => {
    if (typeof req.body !== 'string' || req.body.trim() === '')
      throw new MotcuaError('request.invalid', 'send the procedure as YAML text with Content-Type: application/yaml');
    const fileName = typeof req.query.file === 'string' && /^[\w./-]{1,200}$/.test(req.query.file) ? req.query.file : 'draft.yaml';
    const draft = await saveProcedureDraft(ctx, principalOf(res), req.body, fileName);
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
  router.post('/v1/procedures/:code/migrations', async (req, res) => {
    const report = await migrateDossiers(ctx, principalOf(res), req.params.code, parseMigration(req.body));
    // A proposal is accepted for a second person's approval; nothing has moved yet.
    if (report.status === 'proposed') res.status(202).location(`/v1/procedures/${encodeURIComponent(report.code)}/migrations/${report.migrationId}`);
    res.json(report);
  });
  router.get('/v1/procedures/:code/migrations/:id', async (req, res) => {
    res.json(await readMigration(ctx, principalOf(res), req.params.code, migrationIdOf(req.params.id)));
  });
  router.post('/v1/procedures/:code/migrations/:id/approve', async (req, res) => {
    res.json(await approveMigration(ctx, principalOf(res), req.params.code, migrationIdOf(req.params.id)));
  });
  return router;
}
