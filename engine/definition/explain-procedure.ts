// `motcua explain`: a procedure in plain words for someone who will not read the
// YAML — what it is, how long it may take, each state with its unit, status and
// budget, who does what where, and the longest way through it in working days.
import type { CompiledProcedure } from './compiled-procedure.ts';
import { describeState, describeUnit, effectiveUnit } from './describe-state.ts';
import { describeTimeLimit, formatWorkingHours, toWorkingHours } from './describe-time-limit.ts';
import { findLongestPath } from './find-longest-path.ts';
import type { CompetentUnitRule, StateNode } from './procedure-definition.ts';

export function explainProcedure(procedure: CompiledProcedure): string {
  const { source, states } = procedure;
  const lines: string[] = [];
  lines.push(`${source.name.en} — ${source.name.vi}`);
  lines.push([`code ${source.code}`, `version ${source.version}`, `level ${source.level}`, ...(source.sector ? [`sector ${source.sector}`] : [])].join(' · '));
  lines.push(`statutory time: ${describeTimeLimit(source.processingTime)} · calendar ${source.calendar ?? 'vn'}`);
  lines.push(`competent unit: ${describeCompetentUnit(source.competentUnit)} · borderless reception: ${source.borderless === false ? 'no' : 'yes'}`);
  if (source.legalBasis?.length) lines.push(`legal basis: ${source.legalBasis.join('; ')}`);
  if (source.fees?.length) lines.push(`fees: ${source.fees.map((f) => `${f.name.en} ${formatVnd(f.amountVnd)}`).join('; ')}`);
  if (source.documents?.length) {
    const required = source.documents.filter((d) => d.required !== false).length;
    lines.push(`documents: ${source.documents.length} (${required} required): ${source.documents.map((d) => d.id).join(', ')}`);
  }

  lines.push('', 'states:');
  const rows: string[][] = [];
  const visit = (name: string, depth: number): void => {
    const state = states.get(name)!;
    const detail = describeState(state, states);
    rows.push([`${'  '.repeat(depth)}${name}${name === source.initial ? ' (initial)' : ''}`, state.title ? `${state.title.vi} · ${detail}` : detail]);
    for (const child of state.children) visit(child, depth + 1);
  };
  for (const state of states.values()) if (state.parent === null) visit(state.name, 0);
  lines.push(...table(rows).map((row) => `  ${row}`));

  lines.push('', 'who acts where:');
  const acts = new Map<string, Map<string, string[]>>();
  for (const state of states.values())
    for (const t of state.transitions) {
      if (!t.event) continue;
      for (const role of t.roles ?? ['system']) {
        const byState = acts.get(role) ?? new Map<string, string[]>();
        const events = byState.get(state.name) ?? [];
        const named = t.label ? `${t.event} (${t.label.vi})` : t.event;
        if (!events.includes(named)) events.push(named);
        byState.set(state.name, events);
        acts.set(role, byState);
      }
    }
  for (const role of [...source.roles, ...(acts.has('system') ? ['system'] : [])]) {
    const byState = acts.get(role);
    lines.push(`  ${role === 'system' ? 'system (no role may fire these; workers do)' : role}`);
    if (!byState) lines.push('    (no transitions)');
    else for (const [name, events] of byState) lines.push(`    ${name} at the ${placeOf(states.get(name)!, states)}: ${events.join(', ')}`);
  }

  lines.push('');
  const longest = findLongestPath(source.initial, states);
  const limit = formatWorkingHours(toWorkingHours(source.processingTime));
  if (!longest) lines.push('longest path: no path reaches a final state');
  else lines.push(`longest path: ${formatWorkingHours(longest.hours)} of step budgets on the statutory clock (limit ${limit}): ${longest.steps.join(' → ')}`);
  return lines.join('\n') + '\n';
}

function describeCompetentUnit(rule: CompetentUnitRule | undefined): string {
  if (rule === undefined || rule === 'receiving') return 'the receiving unit';
  if ('department' in rule) return `department ${rule.department}`;
  return `the commune named in data.${rule.communeOf.replace(/^data\./, '')}`;
}

/** "50.000 đ": Vietnamese groups thousands with dots. */
function formatVnd(amount: number): string {
  return `${String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} đ`;
}

function placeOf(state: StateNode, states: ReadonlyMap<string, StateNode>): string {
  const unit = describeUnit(effectiveUnit(state, states));
  return unit === 'receiving desk' || unit === 'competent unit' ? unit : `unit ${unit}`;
}

/** Left-aligned columns, two spaces apart. */
function table(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => r[i]!.length))) ?? [];
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  '));
}
