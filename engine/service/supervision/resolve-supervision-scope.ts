// Who may supervise what: the remit of the caller and the filters of a
// supervision request, resolved against the organisation. A commune or
// department supervisor sees dossiers their unit, or a unit under it, received,
// holds or is competent for; a province supervisor and `admin` the whole
// province; nobody else may open supervision (auth.forbidden).
import { MotcuaError } from '../../motcua-error.ts';
import type { SupervisionFilter } from '../../store/supervision-store.ts';
import { listUnitSubtree, readScope, type Principal } from '../principal.ts';
import type { ServiceContext } from '../service-context.ts';

export interface SupervisionQuery {
  unit?: unknown;
  procedure?: unknown;
  state?: unknown;
  level?: unknown;
}

const levels = ['province', 'department', 'commune'] as const;

/**
 * The units the caller supervises (null: all), or auth.forbidden. A supervisor's
 * remit is the one read rule's (principal.ts readScope); `admin` also sees the
 * province's figures, which name dossiers by receipt code but carry no
 * applicant's personal data.
 */
export async function resolveRemit(ctx: ServiceContext, principal: Principal): Promise<string[] | null> {
  if (principal.role === 'admin') return null;
  if (principal.role !== 'supervisor')
    throw new MotcuaError('auth.forbidden', `supervision is for supervisors and admin; you are ${principal.role} at ${principal.unitId}`, { role: principal.role });
  const scope = readScope(principal);
  return scope.kind === 'all' ? null : scope.kind === 'units' ? scope.units : [];
}

export async function resolveSupervisionScope(ctx: ServiceContext, principal: Principal, query: SupervisionQuery): Promise<SupervisionFilter> {
  const units = await resolveRemit(ctx, principal);
  const all = await ctx.units.all();
  let unitFilter: string[] | null = null;
  if (query.unit !== undefined && query.unit !== '') {
    const unit = await ctx.units.get(String(query.unit));
    if (units && !units.includes(unit.id))
      throw new MotcuaError('auth.forbidden', `unit ${unit.id} is outside your remit; you supervise ${principal.unitId} and the units under it`, { unit: unit.id });
    unitFilter = listUnitSubtree(all, unit.id);
  }
  let levelUnits: string[] | null = null;
  if (query.level !== undefined && query.level !== '') {
    if (!levels.includes(query.level as (typeof levels)[number])) throw new MotcuaError('request.invalid', `level must be one of ${levels.join(', ')}; got ${JSON.stringify(query.level)}`, { level: query.level });
    levelUnits = [...all.values()].filter((u) => u.level === query.level).map((u) => u.id);
  }
  return { units, unitFilter, procedure: textOf(query.procedure, 'procedure'), state: textOf(query.state, 'state'), levelUnits };
}


function textOf(value: unknown, name: string): string | null {
  if (value === undefined || value === '') return null;
  if (typeof value !== 'string' || value.length > 200) throw new MotcuaError('request.invalid', `${name} must be given once, as text, e.g. ${name}=${name === 'procedure' ? '1.001612' : 'appraisal'}`, { [name]: value });
  return value;
}
