// Keeps the statistics summaries of closed dossiers (migration 0010) ready for
// a period: summarises the period's queued dossiers in batches, each batch in
// one transaction (summaries stored and taken off the queue together), and
// starts over when the working calendar changed since they were computed.
// Reading the statistics calls it first; what it has not done yet (a dossier
// closed meanwhile) the statistics compute live, so figures never wait on it.
import { createHash } from 'node:crypto';
import type { WorkCalendar } from '../../calendar/index.ts';
import type { DossierFacts } from '../../supervision/dossier-facts.ts';
import { summariseDossier } from '../../supervision/summarise-dossier.ts';
import { createWorkingClock } from '../../supervision/working-clock.ts';
import { analyseSummaryTables, claimQueuedSummaries, readSummaryCalendarKey, resetSummaries, storeSummaries, writeSummaryCalendarKey } from '../../store/statistics-summary-store.ts';
import { readStatisticsFacts, type FactsRow } from '../../store/supervision-store.ts';
import type { ServiceContext } from '../service-context.ts';

const BATCH = 2000;
/** After summarising this many at once, the planner's row estimates of the queue are refreshed. */
const ANALYSE_AFTER = 10_000;
const everywhere = { units: null, unitFilter: null, procedure: null, state: null, levelUnits: null };
const keys = new WeakMap<WorkCalendar, string>();

/** SHA-256 of what working time depends on: offset, day kinds, opening hours. */
export function calendarKeyOf(calendar: WorkCalendar): string {
  let key = keys.get(calendar);
  if (!key) {
    const content = JSON.stringify({ offsetMs: calendar.offsetMs, firstDay: calendar.firstDay, dayKinds: Buffer.from(calendar.dayKinds).toString('base64'), openingHours: calendar.openingHours });
    key = createHash('sha256').update(content).digest('hex');
    keys.set(calendar, key);
  }
  return key;
}

/** Summarises every queued closed dossier of `[from, to)`. Returns how many. Errors: CalendarError for instants outside the declared years. */
export async function summariseClosedDossiers(ctx: ServiceContext, period: { from: Date; to: Date }): Promise<number> {
  const key = calendarKeyOf(ctx.calendar);
  const stored = await readSummaryCalendarKey(ctx.db);
  // None yet: no summary was ever stored and the migration queued every closed dossier.
  if (stored === null) await writeSummaryCalendarKey(ctx.db, key);
  else if (stored !== key) await resetSummaries(ctx.db, key);
  const clock = createWorkingClock(ctx.calendar);
  let total = 0;
  for (;;) {
    const done = await ctx.db.transaction(async (trx) => {
      const ids = await claimQueuedSummaries(trx, period, BATCH);
      if (ids.length === 0) return 0;
      const facts = await completeFacts(ctx, await readStatisticsFacts(trx, everywhere, period, { kind: 'ids', ids }));
      const closed = facts.filter((f): f is DossierFacts & { closedAt: Date } => f.closedAt !== null);
      await storeSummaries(trx, closed.map((f) => summariseDossier(f, ctx.calendar, clock)), key);
      return ids.length;
    });
    total += done;
    if (done < BATCH) {
      if (total >= ANALYSE_AFTER) await analyseSummaryTables(ctx.db);
      return total;
    }
  }
}

/** The store's facts completed with facts of each procedure version (a fee, which states are supplement requests). */
export async function completeFacts(ctx: ServiceContext, rows: FactsRow[]): Promise<Array<DossierFacts & { closedAt: Date | null }>> {
  // Looked up once per version rather than once per dossier.
  const versions = new Map<string, { hasFee: boolean; supplement: (state: string) => boolean }>();
  for (const r of rows) {
    const key = `${r.procedureCode}@${r.procedureVersion}`;
    if (versions.has(key)) continue;
    const procedure = await ctx.procedures.get(r.procedureCode, r.procedureVersion);
    versions.set(key, { hasFee: (procedure.source.fees ?? []).some((fee) => fee.amountVnd > 0), supplement: (state) => procedure.states.get(state)?.status === 5 });
  }
  return rows.map((r) => {
    const version = versions.get(`${r.procedureCode}@${r.procedureVersion}`)!;
    return { ...r, hasFee: version.hasFee, visits: r.visits.map((v) => ({ ...v, supplement: version.supplement(v.state) })) };
  });
}
