// Compiled procedures by code and version. Versions are immutable once
// published, so a compiled machine is cached for the life of the process.
import { createHash } from 'node:crypto';
import type { CheckContext } from '../definition/check-procedure.ts';
import type { CompiledProcedure } from '../definition/compiled-procedure.ts';
import { formatDiagnostic } from '../definition/diagnostic.ts';
import { loadProcedure } from '../definition/load-procedure.ts';
import { MotcuaError } from '../motcua-error.ts';
import type { Database } from '../store/create-database.ts';
import { findLatestPublished, findProcedureVersion } from '../store/procedure-store.ts';
import type { ProcedureVersionRecord } from '../store/records.ts';

export class ProcedureRegistry {
  private readonly compiled = new Map<string, CompiledProcedure>();

  constructor(
    private readonly db: Database,
    private readonly context: () => Promise<CheckContext>,
  ) {}

  async get(code: string, version: number): Promise<CompiledProcedure> {
    const key = `${code}@${version}`;
    const cached = this.compiled.get(key);
    if (cached) return cached;
    const record = await findProcedureVersion(this.db, code, version);
    if (!record) throw new MotcuaError('definition.not-found', `procedure ${code} has no version ${version}`, { code, version });
    return this.compile(record);
  }

  async latest(code: string): Promise<{ record: ProcedureVersionRecord; procedure: CompiledProcedure }> {
    const record = await findLatestPublished(this.db, code);
    if (!record) throw new MotcuaError('definition.not-found', `no published procedure has code ${code}; list them with GET /v1/procedures`, { code });
    return { record, procedure: await this.compile(record) };
  }

  private async compile(record: ProcedureVersionRecord): Promise<CompiledProcedure> {
    const key = `${record.code}@${record.version}`;
    const result = loadProcedure(record.sourceYaml, record.sourceFile, await this.context());
    if (!result.ok) throw new MotcuaError('definition.invalid', `stored procedure ${key} no longer compiles:\n${result.diagnostics.map(formatDiagnostic).join('\n')}`, { diagnostics: result.diagnostics });
    this.compiled.set(key, result.procedure);
    return result.procedure;
  }
}

export function checksumOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
