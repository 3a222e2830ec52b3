// Policy authors: drafts (YAML body), publishing, versions, and explicit
// migration of in-flight dossiers between versions.
import { Router } from 'express';
import { listProcedureVersions, publishProcedure, saveProcedureDraft } from '../../engine/service/author-procedures.ts';
import { approveMigration } from '../../engine/service/approve-migration.ts';
import { migrateDossiers, type MigrationCommand } from '../../engine/service/migrate-dossiers.ts';
import { readMigration } from '../../engine/service/read-procedure-migration.ts';
import { runVersionScenarios } from '../../engine/service/run-version-scenarios.ts';
import type { ServiceContext } from '../../engine/service/service-context.ts';
import { MotcuaError } from '../../engine/motcua-error.ts';
import { describeVersion as describe, readProcedureVersions } from '../../engine/service/procedures/read-published-procedures.ts';
import { principalOf } from '../require-principal.ts';
import { list, ref } from '../openapi/component-schemas.ts';
import type { OperationSpec } from '../openapi/operation-spec.ts';
import { bodyValidator } from '../validate-body.ts';
import { readIntegerParameter } from '../input/read-parameters.ts';
import { readTextBody } from '../input/read-text-body.ts';

const yamlTypes = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/plain'];

const migrationBody = {
  type: 'object',
  additionalProperties: false,
  required: ['fromVersion', 'toVersion', 'dryRun'],
  properties: {
    fromVersion: { type: 'integer', minimum: 1 },
    toVersion: { type: 'integer', minimum: 1 },
    stateMap: { type: 'object', additionalProperties: { type: 'string' } },
    dryRun: { type: 'boolean' },
  },
};
const parseMigration = bodyValidator<MigrationCommand>(migrationBody);

const code = { code: { description: 'National procedure code, e.g. 1.001193' } };
const version = { ...code, version: { description: 'Version number (1, 2, …)', schema: { type: 'integer', minimum: 1 } } };
const migration = { ...code, id: { description: 'The migration id, from the proposal', schema: { type: 'integer', minimum: 1 } } };
export const authoringOperations: OperationSpec[] = [
  {
    method: 'post', path: '/v1/procedures', operationId: 'saveProcedureDraft', tag: 'authoring', auth: 'bearer', summary: 'Store a procedure definition (YAML) as a draft',
    query: { file: { description: 'File name shown in error positions (default draft.yaml)' } },
    body: { contentType: ['application/yaml', 'text/yaml', 'text/plain'], schema: { type: 'string' }, description: 'The definition, as procedures/README.md describes it' },
    responses: { 201: { description: 'The draft version', schema: ref('ProcedureVersion'), headers: { Location: { description: 'The new version' } } } }, errors: [400, 403, 409, 422],
  },
  { method: 'get', path: '/v1/procedures/:code/versions', operationId: 'listProcedureVersions', tag: 'authoring', auth: 'bearer', summary: 'Every version with its status and checksum', params: code, responses: { 200: { description: 'Versions', schema: list(ref('ProcedureVersion')) } }, errors: [403, 404] },
  { method: 'get', path: '/v1/procedures/:code/versions/:version', operationId: 'getProcedureVersion', tag: 'authoring', auth: 'bearer', summary: 'One version with its source', params: version, responses: { 200: { description: 'The version', schema: ref('ProcedureVersionSource') } }, errors: [400, 403, 404] },
  { method: 'post', path: '/v1/procedures/:code/versions/:version/publish', operationId: 'publishProcedureVersion', tag: 'authoring', auth: 'bearer', summary: 'Make a draft the version new dossiers use', params: version, responses: { 200: { description: 'The published version', schema: ref('ProcedureVersion') } }, errors: [400, 403, 404, 409, 422] },
  {
    method: 'post', path: '/v1/procedures/:code/versions/:version/scenarios', operationId: 'runProcedureScenarios', tag: 'authoring', auth: 'bearer', summary: 'Run scenario tests against a stored version (a draft too); nothing is written',
    description: 'A definition or scenario file that does not load answers 200 with `diagnostics` (file:line:col), not an error.',
    params: version, body: { contentType: ['application/yaml', 'text/yaml', 'text/plain'], schema: { type: 'string' }, description: 'Scenarios in the *.scenarios.yaml format (procedures/README.md)' },
    responses: { 200: { description: 'Each scenario passed, or failed at a step with its mismatches', schema: ref('ScenarioRun') } }, errors: [400, 403, 404],
  },
  {
    method: 'post', path: '/v1/procedures/:code/migrations', operationId: 'migrateDossiers', tag: 'authoring', auth: 'bearer', summary: 'Plan moving dossiers in flight to another version: a dry run, or a proposal a second person approves',
    params: code, body: { schema: migrationBody },
    responses: {
      200: { description: 'The dry run: where each dossier would move, and every problem; nothing moved', schema: ref('MigrationReport') },
      202: { description: 'The proposal, recorded; nothing moves until another author or an admin approves it', schema: ref('MigrationReport'), headers: { Location: { description: 'The migration, for its approver' } } },
    },
    errors: [400, 403, 404, 409, 422],
  },
  { method: 'get', path: '/v1/procedures/:code/migrations/:id', operationId: 'getProcedureMigration', tag: 'authoring', auth: 'bearer', summary: 'One migration as its approver reviews it: the plan, who proposed it, and once applied who approved it and what it did', params: migration, responses: { 200: { description: 'The migration', schema: ref('ProcedureMigration') } }, errors: [400, 403, 404] },
  {
    method: 'post', path: '/v1/procedures/:code/migrations/:id/approve', operationId: 'approveProcedureMigration', tag: 'authoring', auth: 'bearer', summary: 'Approve a proposed migration (not your own): it is planned again and applied to every dossier or to none',
    description: 'Refused (409) when a dossier no longer stands where the proposal said, or when the migration is not a pending proposal.',
    params: migration, responses: { 200: { description: 'What the apply did', schema: ref('MigrationReport') } }, errors: [400, 403, 404, 409, 422],
  },
];

function versionOf(raw: string): number {
  return readIntegerParameter(raw, 'version', { min: 1 });
}

function migrationIdOf(raw: string): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id < 1) throw new MotcuaError('request.invalid', `migration id '${raw}' is not a whole number ≥ 1`);
  return id;
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
    res.json({ items: await readProcedureVersions(ctx, req.params.code) });
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
