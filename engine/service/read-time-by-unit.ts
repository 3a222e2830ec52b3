// Who held a dossier, for how long, and who held it late: every visit to a
// state with its unit and working time (calendar-aware), and the totals per unit.
import { workingTimeBetween } from '../calendar/index.ts';
import { findDossier } from '../store/dossier-store.ts';
import { listSteps } from '../store/step-store.ts';
import { notFound } from './advance-dossier.ts';
import { canReadDossier, type Principal } from './principal.ts';
import type { ServiceContext } from './service-context.ts';

export interface StepVisitView {
  state: string;
  unit: string;
  enteredAt: string;
  leftAt: string | null;
  dueAt: string | null;
  workingMinutes: number;
  /** Left after its due time, or still open past it. */
  late: boolean;
}

export interface TimeByUnitView {
  dossierId: string;
  visits: StepVisitView[];
  units: Array<{ unit: string; workingMinutes: number; lateVisits: number }>;
}

export async function readTimeByUnit(ctx: ServiceContext, principal: Principal, dossierId: string): Promise<TimeByUnitView> {
  const dossier = await findDossier(ctx.db, dossierId);
  if (!dossier || !canReadDossier(principal, dossier)) throw notFound(dossierId);
  const now = ctx.now();
  const visits = (await listSteps(ctx.db, dossierId)).map((s): StepVisitView => {
    const end = s.leftAt ?? dossier.closedAt ?? now;
    return {
      state: s.state,
      unit: s.unitId,
      enteredAt: s.enteredAt.toISOString(),
      leftAt: s.leftAt?.toISOString() ?? null,
      dueAt: s.dueAt?.toISOString() ?? null,
      workingMinutes: Math.max(0, workingTimeBetween(ctx.calendar, s.enteredAt, end)),
      late: s.dueAt !== null && end.getTime() > s.dueAt.getTime(),
    };
  });
  const totals = new Map<string, { unit: string; workingMinutes: number; lateVisits: number }>();
  for (const v of visits) {
    const t = totals.get(v.unit) ?? { unit: v.unit, workingMinutes: 0, lateVisits: 0 };
    t.workingMinutes += v.workingMinutes;
    if (v.late) t.lateVisits += 1;
    totals.set(v.unit, t);
  }
  return { dossierId, visits, units: [...totals.values()] };
}
