// Rows of connector_dead_letters: connector handoffs whose job gave up. One row
// per job (job_id is unique), so recording is safe to repeat; a supervisor's
// retry resolves the row and names the job that retries it.
import type { Database } from './create-database.ts';

export interface DeadLetterRecord {
  id: number;
  connector: string;
  dossierId: string;
  stepId: number;
  state: string;
  fromUnit: string;
  jobId: string;
  lastError: string;
  attempts: number;
  failedAt: Date;
  resolvedAt: Date | null;
  resolvedBy: string | null;
  retryJobId: string | null;
}

/** A letter with what a supervisor needs to recognise the dossier. */
export interface DeadLetterListing extends DeadLetterRecord {
  receiptCode: string;
  procedureCode: string;
  resolvedByUsername: string | null;
}

export interface DeadLetterQuery {
  /** null: every unit (province-wide supervisors). Otherwise letters of dossiers received, decided, held or returned there. */
  units: string[] | null;
  status: 'open' | 'resolved' | 'all';
  limit: number;
}

interface DeadLetterRow {
  id: number; connector: string; dossier_id: string; step_id: number; state: string; from_unit: string; job_id: string;
  last_error: string; attempts: number; failed_at: Date; resolved_at: Date | null; resolved_by: string | null; retry_job_id: string | null;
  receipt_code: string; procedure_code: string; resolved_by_username: string | null;
}

const toListing = (r: DeadLetterRow): DeadLetterListing => ({
  id: r.id, connector: r.connector, dossierId: r.dossier_id, stepId: r.step_id, state: r.state, fromUnit: r.from_unit, jobId: r.job_id,
  lastError: r.last_error, attempts: r.attempts, failedAt: r.failed_at, resolvedAt: r.resolved_at, resolvedBy: r.resolved_by, retryJobId: r.retry_job_id,
  receiptCode: r.receipt_code, procedureCode: r.procedure_code, resolvedByUsername: r.resolved_by_username,
});

/** Records a letter unless its job already has one; true when this call wrote it. */
export async function insertDeadLetter(db: Database, letter: Omit<DeadLetterRecord, 'id' | 'resolvedAt' | 'resolvedBy' | 'retryJobId'>): Promise<boolean> {
  const rows = await db('connector_dead_letters')
    .insert({
      connector: letter.connector, dossier_id: letter.dossierId, step_id: letter.stepId, state: letter.state, from_unit: letter.fromUnit,
      job_id: letter.jobId, last_error: letter.lastError, attempts: letter.attempts, failed_at: letter.failedAt,
    })
    .onConflict('job_id')
    .ignore()
    .returning('id');
  return rows.length === 1;
}

export async function hasDeadLetterForJob(db: Database, jobId: string): Promise<boolean> {
  return (await db('connector_dead_letters').where({ job_id: jobId }).first('id')) !== undefined;
}

/** Newest first. */
export async function listDeadLetters(db: Database, q: DeadLetterQuery): Promise<DeadLetterListing[]> {
  const query = withDossier(db);
  if (q.units) whereDossierOfUnits(query, q.units);
  if (q.status === 'open') query.whereNull('l.resolved_at');
  if (q.status === 'resolved') query.whereNotNull('l.resolved_at');
  const rows = (await query.orderBy('l.failed_at', 'desc').orderBy('l.id', 'desc').limit(q.limit)) as DeadLetterRow[];
  return rows.map(toListing);
}

/** Reads and row-locks one letter until the transaction ends, if the units may see it. */
export async function lockDeadLetter(trx: Database, id: number, units: string[] | null): Promise<DeadLetterListing | null> {
  const query = withDossier(trx).where('l.id', id).forUpdate('l');
  if (units) whereDossierOfUnits(query, units);
  const row = (await query.first()) as DeadLetterRow | undefined;
  return row ? toListing(row) : null;
}

export async function resolveDeadLetter(trx: Database, id: number, resolution: { resolvedAt: Date; resolvedBy: string; retryJobId: string }): Promise<void> {
  await trx('connector_dead_letters').where({ id }).update({ resolved_at: resolution.resolvedAt, resolved_by: resolution.resolvedBy, retry_job_id: resolution.retryJobId });
}

function withDossier(db: Database) {
  return db('connector_dead_letters as l')
    .join('dossiers as d', 'd.id', 'l.dossier_id')
    .leftJoin('users as u', 'u.id', 'l.resolved_by')
    .select('l.*', 'd.receipt_code', 'd.procedure_code', 'u.username as resolved_by_username');
}

function whereDossierOfUnits(query: ReturnType<typeof withDossier>, units: string[]): void {
  query.where((w) => w.whereIn('d.receiving_unit', units).orWhereIn('d.competent_unit', units).orWhereIn('d.current_unit', units).orWhereIn('d.return_unit', units));
}
