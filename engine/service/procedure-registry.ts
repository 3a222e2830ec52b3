// Compiled procedures by code and version. Versions are immutable once
// published, so a compiled machine is cached for the life of the process.
import { createHash } from 'node:crypto';
import type { CheckContext } from '../definition/check-procedure.ts';
import type { CompiledProcedure } from '../definition/compiled-procedure.ts';
import { formatDiagnostic } from '../definition/diagnostic.ts';
import { loadProcedure } from '../definition/load-procedure.ts';
import { MotcuaError } from '../motcua-error.ts';
import type { Database } from '../store/create-database.ts';
import { findLatestPublished, findProcedureVersion, listLatestPublished } from '../store/procedure-store.ts';
import type { ProcedureVersionRecord } from '../store/records.ts';

export class ProcedureRegistry {
  // Promises, not values: concurrent first requests for a version share one load.
  private readonly compiled = new Map<string, Promise<CompiledProcedure>>();

  constructor(
    private readonly db: Database,
    private readonly context: () => Promise<CheckContext>,
  ) {}

  /**
   * A compiled version. Inside a transaction pass its handle as `via`: a load
   * must not wait for a second pooled connection while the transaction holds one.
   */
  async get(code: string, version: number, via: Database = this.db): Promise<CompiledProcedure> {
    const key = `${code}@${version}`;
    let pending = this.compiled.get(key);
    if (!pending) {
      pending = (async () => {
        const record = await findProcedureVersion(via, code, version);
        if (!record) throw new MotcuaError('definition.not-found', `procedure ${code} has no version ${version}`, { procedureCode: code, version });
        return this.compileRecord(record);
      })();
      this.compiled.set(key, pending);
      pending.catch(() => this.compiled.delete(key));
    }
    return pending;
  }

  async latest(code: string): Promise<{ record: ProcedureVersionRecord; procedure: CompiledProcedure }> {
    const record = await findLatestPublished(this.db, code);
    if (!record) throw new MotcuaError('definition.not-found', `no published procedure has code ${code}; list them with GET /v1/procedures`, { procedureCode: code });
    return { record, procedure: await this.get(record.code, record.version) };
  }

  /** Units, calendars and connectors that definitions are checked against. */
  checkContext(): Promise<CheckContext> {
    return this.context();
  }

  /** Every version compiled so far (all published ones after warm()). */
  async loaded(): Promise<CompiledProcedure[]> {
    const settled = await Promise.allSettled(this.compiled.values());
    return settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  }

  /** Compiles every published version up front, so requests and jobs never wait for a first load. */
  async warm(): Promise<void> {
    for (const r of await listLatestPublished(this.db)) await this.get(r.code, r.version);
  }

  private async compileRecord(record: ProcedureVersionRecord): Promise<CompiledProcedure> {
    const key = `${record.code}@${record.version}`;
    const result = loadProcedure(record.sourceYaml, record.sourceFile, await this.context());
    if (!result.ok) throw new MotcuaError('definition.invalid', `stored procedure ${key} no longer compiles:\n${result.diagnostics.map(formatDiagnostic).join('\n')}`, { diagnostics: result.diagnostics });
    return result.procedure;
  }
}

export function checksumOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
