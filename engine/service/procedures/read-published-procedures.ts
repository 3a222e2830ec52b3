// The catalogue as officers read it: the latest published version of each
// procedure, and one procedure with what a desk needs to show and check a
// dossier of it (data schema, documents, roles, fees, legal basis, states).
// Every authenticated caller may read them: definitions hold no personal data.
import type { CompiledProcedure } from '../../definition/compiled-procedure.ts';
import { renderSvg } from '../../definition/render-svg.ts';
import { findProcedureVersion, listLatestPublished } from '../../store/procedure-store.ts';
import { MotcuaError } from '../../motcua-error.ts';
import type { ProcedureVersionRecord } from '../../store/records.ts';
import { listProcedureVersions } from '../author-procedures.ts';
import type { ServiceContext } from '../service-context.ts';

export type ProcedureSummaryView = ReturnType<typeof summarize>;
export type ProcedureView = Awaited<ReturnType<typeof readPublishedProcedure>>;

/** The latest published version of every procedure, in the store's order (by code). */
export async function listPublishedProcedures(ctx: ServiceContext): Promise<ProcedureSummaryView[]> {
  const items = [];
  for (const r of await listLatestPublished(ctx.db)) items.push(summarize(r, await ctx.procedures.get(r.code, r.version)));
  return items;
}

/**
 * The latest published version of `code`, or its version `version` (the one a dossier is pinned to: its
 * documents, data schema and states are the ones that dossier follows). Errors: definition.not-found.
 */
export async function readPublishedProcedure(ctx: ServiceContext, code: string, version?: number) {
  const { record, procedure } = version === undefined ? await ctx.procedures.latest(code) : await pinnedVersion(ctx, code, version);
  return { ...summarize(record, procedure), dataSchema: procedure.source.data, documents: procedure.source.documents ?? [], roles: procedure.source.roles, legalBasis: procedure.source.legalBasis ?? [], fees: procedure.source.fees ?? [], states: describeStates(procedure) };
}

async function pinnedVersion(ctx: ServiceContext, code: string, version: number) {
  const record = await findProcedureVersion(ctx.db, code, version);
  if (!record) throw new MotcuaError('definition.not-found', `procedure ${code} has no version ${version}`, { code, version });
  return { record, procedure: await ctx.procedures.get(code, version) };
}

/** The diagram (an SVG document) of the latest published version, or of `version` (a draft too). Errors: definition.not-found. */
export async function readProcedureDiagram(ctx: ServiceContext, code: string, version?: number): Promise<string> {
  const procedure = version === undefined ? (await ctx.procedures.latest(code)).procedure : await ctx.procedures.get(code, version);
  return renderSvg(procedure);
}

/** Every stored version of `code`, drafts included, oldest first. Errors: definition.not-found. */
export async function readProcedureVersions(ctx: ServiceContext, code: string) {
  return (await listProcedureVersions(ctx, code)).map(describeVersion);
}

export function describeVersion(v: ProcedureVersionRecord) {
  return { code: v.code, version: v.version, status: v.status, checksum: v.checksum, sourceFile: v.sourceFile, createdAt: v.createdAt.toISOString(), publishedAt: v.publishedAt?.toISOString() ?? null };
}

function summarize(r: ProcedureVersionRecord, p: CompiledProcedure) {
  const s = p.source;
  return { code: r.code, version: r.version, name: s.name, sector: s.sector ?? null, level: s.level, processingTime: s.processingTime, borderless: s.borderless ?? true, checksum: r.checksum, publishedAt: r.publishedAt?.toISOString() ?? null };
}

function describeStates(p: CompiledProcedure) {
  return [...p.states.values()].map((s) => ({
    name: s.name, title: s.title, parent: s.parent, kind: s.kind, status: s.status, citizenText: s.citizenText, budget: s.budget, clock: s.clock, outcome: s.outcome,
    events: s.transitions.filter((t) => t.event).map((t) => ({ type: t.event, label: t.label, target: t.target, roles: t.roles, requires: t.requires, form: t.form })),
  }));
}
