// Every static check and schema rule, each on a small broken fixture, with the
// exact message and position an author sees.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkCatalogue } from './check-catalogue.ts';
import { formatDiagnostic } from './diagnostic.ts';
import { loadProcedure } from './load-procedure.ts';

const context = {
  units: new Set(['bac-ninh', 'so-tu-phap', 'so-nong-nghiep-moi-truong', 'vpdk-dat-dai', 'so-xay-dung', 'hop-thinh', 'kinh-bac', 'tu-son', 'bac-giang']),
  calendars: new Set(['vn']),
};

function readFixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

function check(name: string): string[] {
  return loadProcedure(readFixture(name), `fixtures/${name}`, context).diagnostics.map(formatDiagnostic);
}

const cases: Array<[string, string[]]> = [
  ['budget-over-limit.yaml', [
    'fixtures/budget-over-limit.yaml:8:17: step budgets on the path reception → appraisal → signature → result-ready → returned add up to 36 working hours (4.5 working days), more than the statutory processingTime of 3 working days; shorten a budget on that path or correct processingTime',
  ]],
  ['commune-of-unknown-field.yaml', [
    'fixtures/commune-of-unknown-field.yaml:6:29: competentUnit.communeOf names data.applicant.residenceComune, which the data schema does not declare; fields of data.applicant: residenceCommune — fix the name or declare the field in data',
  ]],
  ['final-without-outcome.yaml', [
    "fixtures/final-without-outcome.yaml:13:14: state 'reception' is not final but has an outcome; add type: final or remove the outcome",
    "fixtures/final-without-outcome.yaml:16:3: final state 'approved' has no outcome; add outcome: approved | rejected | refused-at-reception | withdrawn | stopped",
  ]],
  ['guard-parse-error.yaml', [
    "fixtures/guard-parse-error.yaml:17:15: guard of transition ACCEPT of state 'reception' is not valid CEL: Unexpected token: EOF; guards may use data, input, actor and units",
    "fixtures/guard-parse-error.yaml:21:15: guard of transition REFUSE of state 'reception' is not valid CEL: the expression yields int, not bool; a guard must be true or false; guards may use data, input, actor and units",
    'fixtures/guard-parse-error.yaml:25:15: guard of transition WITHDRAW of state \'reception\' is not valid CEL: the guard is empty; write a condition, and quote it if it starts with ! (when: "!data.x"), or YAML reads it as a tag; guards may use data, input, actor and units',
  ]],
  ['guard-unknown-field.yaml', [
    "fixtures/guard-unknown-field.yaml:25:15: guard of transition ACCEPT of state 'reception' reads data.applicant.adlt, which the data schema does not declare; fields of data.applicant: adult, fullName — fix the name or declare the field in data",
    "fixtures/guard-unknown-field.yaml:29:15: guard of transition REFUSE of state 'reception' reads data.aplicant, which the data schema does not declare; fields of data: applicant, notes — fix the name or declare the field in data",
  ]],
  ['invalid-data-schema.yaml', [
    'fixtures/invalid-data-schema.yaml:10:31: the data schema is not valid JSON Schema: strict mode: unknown keyword: "minimumLength"',
  ]],
  ['localized-field-without-en.yaml', [
    `fixtures/localized-field-without-en.yaml:10:31: the data schema is not valid JSON Schema: keyword "x-title" value is invalid at path "#/properties/fullName": it must have required property 'en'; write it as { vi: …, en: … }`,
  ]],
  ['missing-required-key.yaml', [
    "fixtures/missing-required-key.yaml:2:1: the procedure is missing 'processingTime'; add it",
    "fixtures/missing-required-key.yaml:13:15: 'states.reception.on.ACCEPT' is missing 'target'; add it",
  ]],
  ['missing-status.yaml', [
    "fixtures/missing-status.yaml:16:3: state 'processing' has no national-portal status code; add status: 1–10 (4 = in progress)",
  ]],
  ['nested-final-with-outcome.yaml', [
    "fixtures/nested-final-with-outcome.yaml:23:57: final state 'fire-safety-answered' is inside 'fire-safety', so it ends 'fire-safety', not the dossier; remove the outcome, or move the state to the top level",
  ]],
  ['no-way-out.yaml', [
    "fixtures/no-way-out.yaml:16:3: state 'processing' is not final and has no way out; add a transition under on:, or type: final with an outcome",
  ]],
  ['overdue-without-effect.yaml', [
    "fixtures/overdue-without-effect.yaml:13:5: state 'reception' has onOverdue but no budget, so it is never overdue; add budget: { workingDays: N } or remove onOverdue",
    "fixtures/overdue-without-effect.yaml:19:46: onOverdue of state 'processing' sends ESCALATE, which no transition of 'processing' takes; add ESCALATE under on: or remove send",
    "fixtures/overdue-without-effect.yaml:26:24: onOverdue of state 'review' sends ESCALTE, which no transition of 'review' takes; did you mean ESCALATE?",
  ]],
  ['region-over-budget.yaml', [
    "fixtures/region-over-budget.yaml:14:13: step budgets in region 'fire-safety' of parallel state 'consultation' (awaiting-fire-safety → fire-safety-follow-up → fire-safety-answered) add up to 6 working days, more than its budget of 5 working days; shorten a budget in the region or raise the budget of 'consultation'",
  ]],
  ['state-structure.yaml', [
    "fixtures/state-structure.yaml:10:10: initial state 'checking' is nested; name a top-level state",
    "fixtures/state-structure.yaml:12:3: compound state 'reception' has no initial state; add initial: checking",
    "fixtures/state-structure.yaml:20:14: initial state 'signing' is not a child of 'processing'; children: drafting, checking",
    "fixtures/state-structure.yaml:22:7: state 'drafting' is unreachable: no transition leads to it from 'checking'; add one or remove the state",
    "fixtures/state-structure.yaml:25:7: state name 'checking' is used twice (first at states.reception.states.checking); state names must be unique in a procedure — rename one",
    "fixtures/state-structure.yaml:28:3: state 'approved' is unreachable: no transition leads to it from 'checking'; add one or remove the state",
  ]],
  ['unknown-calendar.yaml', [
    "fixtures/unknown-calendar.yaml:7:11: calendar 'vn-south' does not exist; known calendars: vn",
  ]],
  ['unknown-key.yaml', [
    "fixtures/unknown-key.yaml:14:54: unknown key 'rolse' in 'states.reception.on.ACCEPT'; allowed keys: target, roles, when, message, label, form, requires, clock",
    "fixtures/unknown-key.yaml:19:61: unknown key 'fr' in 'states.approved.citizenText'; allowed keys: vi, en",
  ]],
  ['unknown-role.yaml', [
    "fixtures/unknown-role.yaml:14:42: unknown role 'reviewer' in transition ACCEPT of state 'reception'; declare it under roles: [receiver, specialist, leader, reviewer]",
    "fixtures/unknown-role.yaml:15:43: unknown role 'specalist' in transition APPROVE of state 'reception'; did you mean specialist?",
  ]],
  ['unknown-target.yaml', [
    "fixtures/unknown-target.yaml:14:25: unknown target state 'procesing' in transition ACCEPT of state 'reception'; did you mean processing?",
    "fixtures/unknown-target.yaml:15:15: unknown target state 'refused' in transition REFUSE of state 'reception'; known states: reception, processing, approved",
    "fixtures/unknown-target.yaml:16:3: state 'processing' is unreachable: no transition leads to it from 'reception'; add one or remove the state",
    "fixtures/unknown-target.yaml:19:56: unknown target state 'aproved' in transition APPROVE of state 'processing'; did you mean approved?",
    "fixtures/unknown-target.yaml:20:3: state 'approved' is unreachable: no transition leads to it from 'reception'; add one or remove the state",
  ]],
  ['unknown-unit.yaml', [
    "fixtures/unknown-unit.yaml:6:30: unit 'so-giao-thong' does not exist; name an existing department",
    "fixtures/unknown-unit.yaml:19:19: unit 'so-xay-dung-cu' does not exist; did you mean so-xay-dung?",
  ]],
  ['unreachable-state.yaml', [
    "fixtures/unreachable-state.yaml:15:3: state 'archived' is unreachable: no transition leads to it from 'reception'; add one or remove the state",
  ]],
  ['wrong-types.yaml', [
    'fixtures/wrong-types.yaml:2:7: \'code\' must be a string (quote it: "1.001193")',
    'fixtures/wrong-types.yaml:5:8: \'level\' must be one of "commune", "province"',
    "fixtures/wrong-types.yaml:6:32: 'processingTime.workingDays' must be >= 1",
    "fixtures/wrong-types.yaml:12:13: 'states.reception.status' must be <= 10",
    "fixtures/wrong-types.yaml:14:7: 'accept' in 'states.reception.on' is not an event name: write events in UPPER_SNAKE_CASE, e.g. ACCEPT",
  ]],
  ['yaml-syntax-error.yaml', [
    "fixtures/yaml-syntax-error.yaml:4:1: YAML syntax: 'version' is written twice in the same mapping; keep one",
    "fixtures/yaml-syntax-error.yaml:5:7: YAML syntax: the '{' opened here is never closed; end it with '}' on the same line (and quote any text inside that contains a comma or a colon)",
  ]],
  ['yaml-indentation.yaml', [
    "fixtures/yaml-indentation.yaml:13:4: YAML indentation: 'on' is indented 3 spaces, which lines it up with no key above it; indent it 4 spaces to put it beside 'status', or 2 spaces to put it beside 'reception'",
  ]],
  ['yaml-indented-too-deep.yaml', [
    "fixtures/yaml-indented-too-deep.yaml:13:7: YAML indentation: 'on' is indented 6 spaces, deeper than 'status' above it, which already has a value; indent it 4 spaces to put it beside 'status'",
  ]],
  ['guard-unquoted-not.yaml', [
    'fixtures/guard-unquoted-not.yaml:20:15: YAML syntax: !data.disputed is read as a YAML tag, not as text: a value starting with ! must be quoted — write "!data.disputed"',
  ]],
];

describe('loadProcedure diagnostics', () => {
  it('accepts the valid fixture', () => {
    expect(check('valid.yaml')).toEqual([]);
  });

  it.each(cases)('%s', (name, expected) => {
    expect(check(name)).toEqual(expected);
  });

  it('requires a citizen text on every state a dossier can rest in, when asked to', () => {
    const text = readFixture('missing-citizen-text.yaml');
    expect(loadProcedure(text, 'fixtures/missing-citizen-text.yaml', { ...context, requireCitizenTexts: true }).diagnostics.map(formatDiagnostic)).toEqual([
      "fixtures/missing-citizen-text.yaml:25:7: state 'signature' has no citizen text, so the applicant's status text is blank while the dossier is there; add citizenText: { vi: …, en: … } saying what happens at this step",
    ]);
    // A version already published is compiled again without it: its dossiers must keep running.
    expect(loadProcedure(text, 'fixtures/missing-citizen-text.yaml', context).diagnostics).toEqual([]);
  });

  it('skips the unit and calendar checks when the context names none', () => {
    expect(loadProcedure(readFixture('unknown-unit.yaml'), 'fixtures/unknown-unit.yaml').diagnostics).toEqual([]);
    expect(loadProcedure(readFixture('unknown-calendar.yaml'), 'fixtures/unknown-calendar.yaml').diagnostics).toEqual([]);
  });
});

describe('loadProcedure warnings', () => {
  it('warns, without failing, when a state or event has no Vietnamese title', () => {
    const result = loadProcedure(readFixture('missing-titles.yaml'), 'fixtures/missing-titles.yaml', context);
    expect([result.ok, result.diagnostics, result.warnings.map(formatDiagnostic)]).toEqual([
      true,
      [],
      [
        "fixtures/missing-titles.yaml:17:3: warning: state 'processing' has no Vietnamese title, so officers see the id 'processing'; add title: { vi: …, en: … }",
        "fixtures/missing-titles.yaml:21:7: warning: event APPROVE of state 'processing' has no Vietnamese label, so officers see the id 'APPROVE'; add label: { vi: …, en: … } to its transition",
      ],
    ]);
  });

  it('has none for the catalogue: every state and event carries a Vietnamese title', () => {
    const dir = new URL('../../procedures/', import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith('.yaml') && !f.endsWith('.scenarios.yaml') && f !== 'province.yaml' && f !== 'connectors.yaml');
    expect(files).toHaveLength(9);
    const { diagnostics, warnings } = checkCatalogue(files.map((file) => ({ file, text: readFileSync(new URL(file, dir), 'utf8') })));
    expect([diagnostics.map(formatDiagnostic), warnings.map(formatDiagnostic)]).toEqual([[], []]);
  });
});

describe('checkCatalogue', () => {
  it('reports a code and version declared twice, on the later file', () => {
    const files = ['duplicate-version-b.yaml', 'valid.yaml', 'duplicate-version-a.yaml'].map((name) => ({ file: `fixtures/${name}`, text: readFixture(name) }));
    expect(checkCatalogue(files, context).diagnostics.map(formatDiagnostic)).toEqual([
      'fixtures/duplicate-version-b.yaml:3:10: procedure 9.000001 version 2 is already defined in fixtures/duplicate-version-a.yaml; give this file the next version number or correct its code',
    ]);
  });

  it('reports each file\'s own problems with the clashes, sorted by file', () => {
    const files = ['unknown-role.yaml', 'duplicate-version-a.yaml', 'duplicate-version-b.yaml'].map((name) => ({ file: `fixtures/${name}`, text: readFixture(name) }));
    const result = checkCatalogue(files, context);
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      'fixtures/duplicate-version-b.yaml:3:10: procedure 9.000001 version 2 is already defined in fixtures/duplicate-version-a.yaml; give this file the next version number or correct its code',
      "fixtures/unknown-role.yaml:14:42: unknown role 'reviewer' in transition ACCEPT of state 'reception'; declare it under roles: [receiver, specialist, leader, reviewer]",
      "fixtures/unknown-role.yaml:15:43: unknown role 'specalist' in transition APPROVE of state 'reception'; did you mean specialist?",
    ]);
    expect(result.results.map((r) => [r.file, r.result.ok])).toEqual([
      ['fixtures/unknown-role.yaml', false],
      ['fixtures/duplicate-version-a.yaml', true],
      ['fixtures/duplicate-version-b.yaml', true],
    ]);
  });
});
