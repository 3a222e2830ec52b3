// Publishes a test-only procedure file into a test database, as the seed does
// for the catalogue.
import { readFile } from 'node:fs/promises';
import { loadProcedure } from '../engine/definition/load-procedure.ts';
import { formatDiagnostic } from '../engine/definition/diagnostic.ts';
import { checksumOf } from '../engine/service/procedure-registry.ts';
import type { Database } from '../engine/store/create-database.ts';
import { insertProcedureVersion } from '../engine/store/procedure-store.ts';

export async function publishTestProcedure(db: Database, file: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  const result = loadProcedure(text, file);
  if (!result.ok) throw new Error(result.diagnostics.map(formatDiagnostic).join('\n'));
  const now = new Date();
  await insertProcedureVersion(db, { code: result.procedure.code, version: result.procedure.version, status: 'published', sourceFile: file, sourceYaml: text, checksum: checksumOf(text), definition: result.procedure.source, createdAt: now, publishedAt: now });
}
