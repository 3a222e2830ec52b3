// Load for the fault and scale-out suites: desks filing and accepting dossiers
// through several API processes at once, each request recorded in a
// ClientLedger. Bounded by count, never by time: a desk whose API is down moves
// on to the next one, and every desk stops after its share of dossiers.
import pg from 'pg';
import { ApiClient } from './api-client.ts';
import { birthRegistration } from './birth-registration.ts';
import type { ClientLedger } from './check-exactly-once.ts';

/** Birth registrations: no handoff; accepted, they wait in 'processing' with a statutory due date. */
export const birthKind = { body: (_: number) => birthRegistration(), accept: 'ACCEPT' };

/** First land-use certificates: accepted, the commune hands them to the land office (a handoff job). */
export const landKind = {
  body: (i: number) => ({
    procedureCode: '1.012753',
    applicant: { fullName: `Người nộp ${i}`, idNumber: '027070001313' },
    data: { applicant: { fullName: `Người nộp ${i}`, idNumber: '027070001313' }, parcel: { commune: 'hop-thinh', sheet: 1, number: (i % 9000) + 1, areaM2: 100 } },
  }),
  accept: 'ACCEPT',
};
export const landHandoffState = 'transfer';

/**
 * Files `count` dossiers of one kind and accepts each, from `desks` desks at
 * once spread over `apis` (base URLs, read at each request so a restarted
 * process is used again). Returns the ids whose ACCEPT was acknowledged.
 * `onProgress` runs after each dossier, for tests that strike mid-burst.
 */
export async function fileAndAccept(
  ledger: ClientLedger,
  apis: () => string[],
  kind: { body: (i: number) => unknown; accept: string },
  options: { count: number; desks: number; onProgress?: (done: number) => void },
): Promise<string[]> {
  const clients = new Map<string, ApiClient>();
  const clientFor = async (url: string): Promise<ApiClient | null> => {
    if (!clients.has(url)) {
      try {
        clients.set(url, await ApiClient.login(url, 'receiver.hop-thinh'));
      } catch {
        return null;
      }
    }
    return clients.get(url)!;
  };
  const accepted: string[] = [];
  let next = 0;
  let done = 0;
  await Promise.all(
    Array.from({ length: options.desks }, async (_, desk) => {
      for (let i = next++; i < options.count; i = next++) {
        const urls = apis();
        const client = await clientFor(urls[(i + desk) % urls.length]!);
        const id = client ? await ledger.create(client, kind.body(i)) : null;
        if (id && (await ledger.send(client!, id, kind.accept))) accepted.push(id);
        options.onProgress?.(++done);
      }
    }),
  );
  return accepted;
}

/** Moves the statutory due date of these open dossiers into the past, as the close of a working day does; the ids moved. */
export async function makeDue(databaseUrl: string, ids: string[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      "UPDATE dossiers SET due_at = now() - interval '1 second' WHERE id = ANY($1::uuid[]) AND closed_at IS NULL AND paused_at IS NULL AND due_at IS NOT NULL RETURNING id",
      [ids],
    );
    return rows.map((r) => r.id);
  } finally {
    await client.end();
  }
}

/** One number from the database, e.g. a count. */
export async function countRows(databaseUrl: string, sql: string, params: unknown[] = []): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on('error', () => {});
  await client.connect();
  try {
    return Number((await client.query<{ n: string }>(sql, params)).rows[0]!.n);
  } finally {
    await client.end();
  }
}
