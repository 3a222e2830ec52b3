// Policy staff's use cases on procedure versions: store a draft (validated with
// positioned errors), publish it (immutable from then on), list versions.
import { formatDiagnostic } from '../definition/diagnostic.ts';
import { loadProcedure } from '../definition/load-procedure.ts';
import { MotcuaError } from '../motcua-error.ts';
import { findProcedureVersion, listVersions, publishVersion, saveDraft } from '../store/procedure-store.ts';
import type { ProcedureVersionRecord } from '../store/records.ts';
import type { Principal } from './principal.ts';
import { checksumOf } from './procedure-registry.ts';
import type { ServiceContext } from './service-context.ts';

const authors = ['author', 'admin'];

export function requireAuthor(principal: Principal, action: string): void {
  if (!authors.includes(principal.role)) throw new MotcuaError('auth.forbidden', `${action} is for policy authors (author, admin); you are ${principal.role}`, { role: principal.role });
}

export async function saveProcedureDraft(ctx: ServiceContext, principal: Principal, yaml: string, fileName: string): Promise<ProcedureVersionRecord> {
  requireAuthor(principal, 'storing a procedure draft');
  const result = loadProcedure(yaml, fileName, { ...(await ctx.procedures.checkContext()), requireCitizenTexts: true });
  if (!result.ok)
    throw new MotcuaError('definition.invalid', `the procedure has ${result.diagnostics.length} problem(s):\n${result.diagnostics.map(formatDiagnostic).join('\n')}`, {
      diagnostics: result.diagnostics.map((d) => ({ file: d.file, line: d.line, col: d.col, message: d.message, path: d.path, text: formatDiagnostic(d) })),
    });
  const { code, version } = result.procedure;
  const record: ProcedureVersionRecord = { code, version, status: 'draft', sourceFile: fileName, sourceYaml: yaml, checksum: checksumOf(yaml), createdAt: ctx.now(), publishedAt: null };
  if ((await saveDraft(ctx.db, { ...record, definition: result.procedure.source })) === 'published-exists')
    throw new MotcuaError('definition.duplicate', `procedure ${code} version ${version} is already published and can never change; raise version: to the next free number`, { procedureCode: code, version });
  return record;
}

export async function publishProcedure(ctx: ServiceContext, principal: Principal, code: string, version: number): Promise<ProcedureVersionRecord> {
  requireAuthor(principal, 'publishing a procedure');
  const existing = await findProcedureVersion(ctx.db, code, version);
  if (!existing) throw new MotcuaError('definition.not-found', `procedure ${code} has no version ${version}; store a draft first with POST /v1/procedures`, { procedureCode: code, version });
  if (existing.status === 'published') throw new MotcuaError('definition.conflict', `procedure ${code} version ${version} is already published (checksum ${existing.checksum})`, { procedureCode: code, version });
  // Compile before publishing: the stored text must still pass against today's units and calendars.
  const result = loadProcedure(existing.sourceYaml, existing.sourceFile, { ...(await ctx.procedures.checkContext()), requireCitizenTexts: true });
  if (!result.ok) throw new MotcuaError('definition.invalid', `the draft no longer validates:\n${result.diagnostics.map(formatDiagnostic).join('\n')}`, { diagnostics: result.diagnostics });
  const now = ctx.now();
  if (!(await publishVersion(ctx.db, code, version, now))) throw new MotcuaError('definition.conflict', `procedure ${code} version ${version} was published meanwhile`, { procedureCode: code, version });
  return { ...existing, status: 'published', publishedAt: now };
}

export async function listProcedureVersions(ctx: ServiceContext, code: string): Promise<ProcedureVersionRecord[]> {
  const versions = await listVersions(ctx.db, code);
  if (versions.length === 0) throw new MotcuaError('definition.not-found', `no procedure has code ${code}; list them with GET /v1/procedures`, { procedureCode: code });
  return versions;
}
