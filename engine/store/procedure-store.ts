// Procedure versions: drafts, and published versions that never change again.
import type { Database } from './create-database.ts';
import type { ProcedureVersionRecord } from './records.ts';

interface ProcedureRow {
  code: string; version: number; status: 'draft' | 'published'; source_file: string; source_yaml: string;
  checksum: string; created_at: Date; published_at: Date | null;
}

const toRecord = (r: ProcedureRow): ProcedureVersionRecord => ({
  code: r.code, version: r.version, status: r.status, sourceFile: r.source_file, sourceYaml: r.source_yaml,
  checksum: r.checksum, createdAt: r.created_at, publishedAt: r.published_at,
});

const columns = ['code', 'version', 'status', 'source_file', 'source_yaml', 'checksum', 'created_at', 'published_at'];

export async function insertProcedureVersion(db: Database, v: ProcedureVersionRecord & { definition: unknown }): Promise<'inserted' | 'exists'> {
  const rows = await db('procedure_versions')
    .insert({
      code: v.code, version: v.version, status: v.status, source_file: v.sourceFile, source_yaml: v.sourceYaml,
      checksum: v.checksum, definition: JSON.stringify(v.definition), created_at: v.createdAt, published_at: v.publishedAt,
    })
    .onConflict(['code', 'version'])
    .ignore()
    .returning('code');
  return rows.length ? 'inserted' : 'exists';
}

export async function findProcedureVersion(db: Database, code: string, version: number): Promise<ProcedureVersionRecord | null> {
  const row = (await db('procedure_versions').where({ code, version }).first(columns)) as ProcedureRow | undefined;
  return row ? toRecord(row) : null;
}

export async function findLatestPublished(db: Database, code: string): Promise<ProcedureVersionRecord | null> {
  const row = (await db('procedure_versions').where({ code, status: 'published' }).orderBy('version', 'desc').first(columns)) as ProcedureRow | undefined;
  return row ? toRecord(row) : null;
}

export async function listLatestPublished(db: Database): Promise<ProcedureVersionRecord[]> {
  const rows = (await db('procedure_versions')
    .distinctOn('code')
    .where({ status: 'published' })
    .orderBy([{ column: 'code' }, { column: 'version', order: 'desc' }])
    .select(columns)) as ProcedureRow[];
  return rows.map(toRecord);
}

export async function listVersions(db: Database, code: string): Promise<ProcedureVersionRecord[]> {
  const rows = (await db('procedure_versions').where({ code }).orderBy('version').select(columns)) as ProcedureRow[];
  return rows.map(toRecord);
}

/** Replaces a draft's text (drafts are editable; published versions never change). */
export async function saveDraft(db: Database, v: ProcedureVersionRecord & { definition: unknown }): Promise<'saved' | 'published-exists'> {
  const rows = await db.raw<{ rows: Array<{ status: string }> }>(
    `INSERT INTO procedure_versions (code, version, status, source_file, source_yaml, checksum, definition, created_at)
     VALUES (?, ?, 'draft', ?, ?, ?, ?, ?)
     ON CONFLICT (code, version) DO UPDATE SET source_file = EXCLUDED.source_file, source_yaml = EXCLUDED.source_yaml,
       checksum = EXCLUDED.checksum, definition = EXCLUDED.definition, created_at = EXCLUDED.created_at
       WHERE procedure_versions.status = 'draft'
     RETURNING status`,
    [v.code, v.version, v.sourceFile, v.sourceYaml, v.checksum, JSON.stringify(v.definition), v.createdAt],
  );
  return rows.rows.length === 1 ? 'saved' : 'published-exists';
}

/** Draft → published; false when there is no such draft. */
export async function publishVersion(db: Database, code: string, version: number, at: Date): Promise<boolean> {
  const count = await db('procedure_versions').where({ code, version, status: 'draft' }).update({ status: 'published', published_at: at });
  return count === 1;
}
