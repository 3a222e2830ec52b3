// Loads the catalogue into the database at start-up: units, demo accounts
// (only into an empty user table), and every procedure file as a published
// version. Any invalid file stops everything before a single row is written.
// A published version never changes: editing one without raising `version`
// is refused with the file named.
import type { CheckContext } from '../definition/check-procedure.ts';
import type { CompiledProcedure } from '../definition/compiled-procedure.ts';
import { formatDiagnostic } from '../definition/diagnostic.ts';
import { loadProcedure } from '../definition/load-procedure.ts';
import { MotcuaError } from '../motcua-error.ts';
import type { Database } from '../store/create-database.ts';
import { findProcedureVersion, insertProcedureVersion } from '../store/procedure-store.ts';
import { upsertUnits } from '../store/unit-store.ts';
import { countUsers, insertUsers } from '../store/user-store.ts';
import { hashPassword } from './password.ts';
import type { Province } from './parse-province.ts';
import { checksumOf } from './procedure-registry.ts';

export interface SeedResult {
  procedures: Array<{ code: string; version: number; file: string; inserted: boolean }>;
  usersCreated: number;
}

export async function seedCatalogue(
  db: Database,
  input: { province: Province; procedures: Array<{ file: string; text: string }>; calendars: Set<string>; connectors?: ReadonlySet<string>; seedDemoUsers: boolean; now: Date },
): Promise<SeedResult> {
  const context: CheckContext = { units: new Set(input.province.units.map((u) => u.id)), calendars: input.calendars, connectors: input.connectors, requireCitizenTexts: true };
  const compiled = compileAll(input.procedures, context);

  await upsertUnits(db, input.province.units);
  let usersCreated = 0;
  if (input.seedDemoUsers && input.province.demoUsers && (await countUsers(db)) === 0) {
    const users = await demoAccounts(input.province);
    await insertUsers(db, users);
    usersCreated = users.length;
  }

  const results: SeedResult['procedures'] = [];
  for (const { file, text, procedure } of compiled) {
    const checksum = checksumOf(text);
    const existing = await findProcedureVersion(db, procedure.code, procedure.version);
    if (existing && existing.checksum !== checksum)
      throw new MotcuaError('definition.conflict', `${file}: procedure ${procedure.code} version ${procedure.version} is already published with different content; published versions never change — raise version: to ${procedure.version + 1}`, { file, code: procedure.code, version: procedure.version });
    const outcome = existing
      ? 'exists'
      : await insertProcedureVersion(db, { code: procedure.code, version: procedure.version, status: 'published', sourceFile: file, sourceYaml: text, checksum, definition: procedure.source, createdAt: input.now, publishedAt: input.now });
    results.push({ code: procedure.code, version: procedure.version, file, inserted: outcome === 'inserted' });
  }
  return { procedures: results, usersCreated };
}

function compileAll(files: Array<{ file: string; text: string }>, context: CheckContext): Array<{ file: string; text: string; procedure: CompiledProcedure }> {
  const lines: string[] = [];
  const out: Array<{ file: string; text: string; procedure: CompiledProcedure }> = [];
  const seen = new Map<string, string>();
  for (const f of files) {
    const result = loadProcedure(f.text, f.file, context);
    if (!result.ok) {
      lines.push(...result.diagnostics.map(formatDiagnostic));
      continue;
    }
    const key = `${result.procedure.code}@${result.procedure.version}`;
    if (seen.has(key)) lines.push(`${f.file}:1:1: procedure ${result.procedure.code} version ${result.procedure.version} is also defined in ${seen.get(key)}; give one of them another version`);
    seen.set(key, f.file);
    out.push({ ...f, procedure: result.procedure });
  }
  if (lines.length) throw new MotcuaError('definition.invalid', `invalid procedure definitions:\n${lines.join('\n')}`, { lines });
  return out;
}

async function demoAccounts(province: Province): Promise<Array<{ username: string; passwordHash: string; role: string; unitId: string; displayName: string }>> {
  const demo = province.demoUsers!;
  // One hash shared by every demo account: the password is the same and hashing is deliberately slow.
  const passwordHash = await hashPassword(demo.password);
  const accounts = province.units
    .filter((u) => demo.unitLevels.includes(u.level))
    .flatMap((u) => demo.rolesPerUnit.map((role) => ({ username: `${role}.${u.id}`, role, unitId: u.id })));
  accounts.push(...demo.extra.map((e) => ({ username: e.username, role: e.role, unitId: e.unit })));
  return accounts.map((a) => ({ ...a, passwordHash, displayName: a.username }));
}
