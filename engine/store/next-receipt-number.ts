// The per-unit daily sequence behind receipt codes <unit code>-YYMMDD-NNNN.
import type { Database } from './create-database.ts';

/** Atomically takes the next number for (unit, local day); concurrent receptions never share one. */
export async function nextReceiptNumber(trx: Database, unitId: string, localDay: string): Promise<number> {
  const result = await trx.raw<{ rows: Array<{ last: number }> }>(
    `INSERT INTO receipt_sequences (unit_id, day, last) VALUES (?, ?, 1)
     ON CONFLICT (unit_id, day) DO UPDATE SET last = receipt_sequences.last + 1
     RETURNING last`,
    [unitId, localDay],
  );
  return result.rows[0]!.last;
}
