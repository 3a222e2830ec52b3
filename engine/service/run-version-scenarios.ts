// A policy author runs scenario tests against a stored version (a draft before
// publishing it, or a published one) from the console: the same pure runner as
// `motcua test`, on the server's working-time calendar.
import { runScenarios, type ScenarioRun } from '../scenario/run-scenarios.ts';
import { MotcuaError } from '../motcua-error.ts';
import { findProcedureVersion } from '../store/procedure-store.ts';
import { requireAuthor } from './author-procedures.ts';
import type { Principal } from './principal.ts';
import type { ServiceContext } from './service-context.ts';

/**
 * Runs `scenariosYaml` (the scenario file format, procedures/README.md) against
 * procedure `code` version `version`. Changes nothing. Errors: auth.forbidden
 * for non-authors; definition.not-found for an unknown version. A scenario file
 * that does not load comes back as `diagnostics` (file:line:col), not as an error.
 */
export async function runVersionScenarios(ctx: ServiceContext, principal: Principal, code: string, version: number, scenariosYaml: string): Promise<ScenarioRun> {
  requireAuthor(principal, 'running scenarios');
  const record = await findProcedureVersion(ctx.db, code, version);
  if (!record) throw new MotcuaError('definition.not-found', `procedure ${code} has no version ${version}; store a draft first with POST /v1/procedures`, { procedureCode: code, version });
  return runScenarios({
    procedure: { file: record.sourceFile, text: record.sourceYaml },
    scenarios: { file: 'scenarios.yaml', text: scenariosYaml },
    calendars: [],
    calendar: ctx.calendar,
    context: await ctx.procedures.checkContext(),
  });
}
