// The scenario runner on its own: texts in, results out.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runScenarios } from './run-scenarios.ts';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const calendars = ['2025', '2026', '2027'].map((year) => ({ fileName: `procedures/calendars/vn-${year}.yaml`, text: read(`procedures/calendars/vn-${year}.yaml`) }));
const procedure = { file: 'sample.yaml', text: read('cli/fixtures/wrong-expectation/sample.yaml') };

function run(scenarios: string) {
  return runScenarios({ procedure, scenarios: { file: 'sample.scenarios.yaml', text: scenarios }, calendars, context: { units: new Set(['hop-thinh', 'kinh-bac']), calendars: new Set(['vn']) } });
}

describe('runScenarios', () => {
  it('reports each wrong expectation with the step and its place', () => {
    const result = runScenarios({ procedure, scenarios: { file: 'sample.scenarios.yaml', text: read('cli/fixtures/wrong-expectation/sample.scenarios.yaml') }, calendars });
    expect(result.diagnostics).toEqual([]);
    expect(result.results.map((r) => [r.name, r.failure?.step ?? null, r.failure?.mismatches ?? []])).toEqual([
      ['accepted before Tết', 1, [{ field: 'dueAt', expected: '2026-02-17T17:00+07:00', actual: '2026-02-24T17:00:00+07:00' }]],
      ['a minor is approved', 2, [{ field: 'error', expected: 'none: the step is allowed', actual: "transition.guard-failed: APPROVE is not possible in state 'processing': data.adult is false" }]],
      ['accepted on a normal day', null, []],
    ]);
  });

  it('checks refusals, the holding unit, pauses and step deadlines', () => {
    const result = run(`
scenarios:
  - name: all fields
    given: { receivingUnit: kinh-bac, competentUnit: hop-thinh, receivedAt: 2026-03-02T09:00, data: { adult: true }, expect: { state: reception, unit: kinh-bac, dueAt: null, paused: false } }
    steps:
      - { at: 2026-03-02T09:10, event: APPROVE, role: leader, unit: kinh-bac, expect: { error: transition.not-allowed, state: reception } }
      - { at: 2026-03-02T09:10, event: ACCEPT, role: receiver, unit: kinh-bac, expect: { state: processing, unit: hop-thinh, form: "01", stepDueAt: { processing: 2026-03-04T17:00, reception: null } } }
`);
    expect(result.results[0]!.failure).toEqual({
      step: 2,
      description: 'ACCEPT by receiver at kinh-bac, 2026-03-02T09:10',
      line: 7,
      col: 9,
      mismatches: [{ field: 'stepDueAt.reception', expected: 'null', actual: "none: 'reception' is not an active step" }],
    });
  });

  it('refuses data that does not match the data schema', () => {
    const result = run(`
scenarios:
  - name: bad data
    given: { receivingUnit: hop-thinh, receivedAt: 2026-03-02T09:00+07:00, data: { adult: "yes" } }
    steps: [{ at: 2026-03-02T09:10+07:00, event: ACCEPT, role: receiver, unit: hop-thinh, expect: { state: processing } }]
`);
    expect(result.results.map((r) => r.failure?.mismatches)).toEqual([[{ field: 'data', expected: 'data matching the data schema', actual: '/adult must be boolean' }]]);
  });

  it('reports unknown units, roles, events and states at their place, with did you mean, before running', () => {
    const result = run(`
scenarios:
  - name: misspelt names
    given: { receivingUnit: kinh-bc, competentUnit: nowhere, receivedAt: 2026-03-02T09:00+07:00, data: {} }
    steps:
      - { at: 2026-03-02T09:10+07:00, event: ACCEPT, role: receiver, unit: hop-thnh, expect: { state: procesing } }
      - { at: 2026-03-02T09:20+07:00, event: APROVE, role: leadr, unit: hop-thinh, expect: { state: approved, stepDueAt: { reviewing: null } } }
      - { at: 2026-03-02T09:30+07:00, event: SIGN, role: clerk, unit: hop-thinh, expect: { error: transition.not-allowed } }
`);
    expect(result.diagnostics.map((d) => `${d.line}:${d.col}: ${d.message}`)).toEqual([
      "4:29: unit 'kinh-bc' does not exist in the province; did you mean kinh-bac?",
      "4:53: unit 'nowhere' does not exist in the province; name a unit of procedures/province.yaml",
      "6:76: unit 'hop-thnh' does not exist in the province; did you mean hop-thinh?",
      "6:103: state 'procesing' does not exist in the procedure; did you mean processing?",
      "7:46: event APROVE is taken by no transition of the procedure; did you mean APPROVE?",
      "7:60: role 'leadr' is not a role of the procedure; did you mean leader?",
      "7:135: state 'reviewing' does not exist in the procedure; known states: reception, processing, approved, rejected",
    ]);
    expect(result.results).toEqual([]);
  });

  it('stops before running when times go backwards', () => {
    const result = run(`
scenarios:
  - name: backwards
    given: { receivingUnit: hop-thinh, receivedAt: 2026-03-02T09:00+07:00, data: {} }
    steps: [{ at: 2026-03-01T09:10+07:00, event: ACCEPT, role: receiver, unit: hop-thinh, expect: { state: processing } }]
`);
    expect(result.diagnostics.map((d) => `${d.line}:${d.col}: ${d.message}`)).toEqual(['5:19: 2026-03-01T09:10+07:00 is earlier than the moment before it; steps happen in order — correct the time']);
    expect(result.results).toEqual([]);
  });
});
